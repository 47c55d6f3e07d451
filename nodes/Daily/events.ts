import type { IDataObject } from 'n8n-workflow';
import { firstText, type NormalizedEventName, type NormalizedParts } from '../shared/triggers/normalized';

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

/**
 * Daily's events in the packages' common vocabulary (the trigger's `normalized.event`); events not listed keep
 * Daily's name (streaming.updated and streaming.error among them: the vocabulary has no word for them).
 */
export const NORMALIZED: Readonly<Record<string, NormalizedEventName>> = {
	'meeting.started': 'meeting.started',
	'meeting.ended': 'meeting.ended',
	'participant.joined': 'participant.joined',
	'participant.left': 'participant.left',
	'recording.started': 'recording.started',
	'recording.ready-to-download': 'recording.ready',
	'recording.error': 'recording.failed',
	'transcript.started': 'transcription.started',
	'transcript.ready-to-download': 'transcript.ready',
	'transcript.error': 'transcription.failed',
	'streaming.started': 'livestream.started',
	'streaming.ended': 'livestream.ended',
};

/**
 * Room, session and participant of a Daily event's `payload`, field names from the payload schemas of Daily's OpenAPI
 * spec (components.schemas.meeting_started, participant_joined, transcript_ready_to_download …; reference/providers.md
 * §1.4 lists the same):
 * - room: `room` (meeting.*, participant.*, dial-in/out, call transfer) or `room_name` (recording.ready-to-download,
 *   recording.error, streaming.error, transcript.*) is the name; only transcript.* carry `room_id`. recording.started,
 *   streaming.started/updated/ended and batch-processor.* name no room.
 * - session: `meeting_id` on meeting.*, `mtg_session_id` on transcript.* and calltransfer.*; recording.* carry none.
 *   participant.*'s `session_id` is the participant's session, not the meeting's: it is the participant's id.
 * - participant (participant.* and waiting-participant.*): `session_id`, `user_id`, `user_name`.
 */
export function dailyNormalizedParts(eventType: string, payload: IDataObject): NormalizedParts {
	const about = eventType.startsWith('participant.') || eventType.startsWith('waiting-participant.');
	return {
		room: { id: firstText(payload.room_id), name: firstText(payload.room, payload.room_name) },
		sessionId: firstText(payload.meeting_id, payload.mtg_session_id),
		...(about
			? { participant: { id: firstText(payload.session_id), userId: firstText(payload.user_id), name: firstText(payload.user_name) } }
			: {}),
	};
}
