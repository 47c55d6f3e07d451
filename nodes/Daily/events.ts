/**
 * Daily's 32 webhook event types, sorted: the event types list of https://docs.daily.co/reference/rest-api/webhooks
 * (one page per event under /webhooks/events/), the same as the `post_webhook.eventTypes` enum of Daily's OpenAPI
 * spec (test/unit/daily/specFixes.test.ts compares the two).
 */
export const DAILY_EVENT_TYPES: Array<[string, string]> = [
	['batch-processor.error', 'Batch Processor Error'],
	['batch-processor.job-finished', 'Batch Processor Job Finished'],
	['calltransfer.answered', 'Call Transfer Answered'],
	['calltransfer.completed', 'Call Transfer Completed'],
	['calltransfer.initiated', 'Call Transfer Initiated'],
	['calltransfer.triggered', 'Call Transfer Triggered'],
	['dialin.connected', 'Dial-In Connected'],
	['dialin.error', 'Dial-In Error'],
	['dialin.ready', 'Dial-In Ready'],
	['dialin.stopped', 'Dial-In Stopped'],
	['dialin.warning', 'Dial-In Warning'],
	['dialout.answered', 'Dial-Out Answered'],
	['dialout.connected', 'Dial-Out Connected'],
	['dialout.error', 'Dial-Out Error'],
	['dialout.stopped', 'Dial-Out Stopped'],
	['dialout.warning', 'Dial-Out Warning'],
	['meeting.ended', 'Meeting Ended'],
	['meeting.started', 'Meeting Started'],
	['participant.joined', 'Participant Joined'],
	['participant.left', 'Participant Left'],
	['recording.error', 'Recording Error'],
	['recording.ready-to-download', 'Recording Ready to Download'],
	['recording.started', 'Recording Started'],
	['streaming.ended', 'Streaming Ended'],
	['streaming.error', 'Streaming Error'],
	['streaming.started', 'Streaming Started'],
	['streaming.updated', 'Streaming Updated'],
	['transcript.error', 'Transcript Error'],
	['transcript.ready-to-download', 'Transcript Ready to Download'],
	['transcript.started', 'Transcript Started'],
	['waiting-participant.joined', 'Waiting Participant Joined'],
	['waiting-participant.left', 'Waiting Participant Left'],
];
