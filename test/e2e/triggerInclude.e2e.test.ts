import { parse } from 'flatted';
import { startDailySimulator, type DailySimulator } from '../simulators/daily';
import { startDigitalSambaSimulator, type DigitalSambaSimulator } from '../simulators/digitalSamba';
import { createRuntime, freePort, startServer, type N8nRuntime, type N8nServer } from './n8n';
import { closeTriggerTest, dailyTriggerNode, dsTriggerNode, triggerWorkflow, waitForExecutions as waitFor } from './workflows';

/**
 * Trigger → Include (issue 28) in a real n8n: the trigger answers the provider itself, then fetches, then returns the
 * run with `noWebhookResponse`, and n8n must still start that run (webhook-helpers' executeWebhook). Checked here on
 * both majors, with the test webhook ("Listen for test event") as well as the production one.
 */
const DAILY_KEY = 'e2e_include_daily_key_4b2e';
const WORKFLOW = 'DailyIncludeE2e1';
const DS_KEY = 'e2e_include_ds_key_8c1f';
const DS_WORKFLOW = 'DsIncludeE2e0001';

let n8n: N8nRuntime;
let server: N8nServer;
let daily: DailySimulator;
let ds: DigitalSambaSimulator;

interface StoredItem {
	json: Record<string, any>;
	binary?: Record<string, { fileName?: string; mimeType?: string; fileSize?: string; id?: string; data?: string }>;
}

/** The items the trigger put out in an execution (n8n keeps run data flatted). */
async function triggerItems(executionId: string): Promise<StoredItem[]> {
	const { body } = await server.rest('GET', `/executions/${executionId}`);
	const stored = body.data?.data ?? body.data;
	const run = typeof stored === 'string' ? parse(stored) : stored;
	return run.resultData.runData.Trigger[0].data.main[0];
}

/** The trigger's item of the execution that delivery `n` (counted from 1) of `workflow` started. */
async function nth(n: number, workflow = WORKFLOW): Promise<{ status: string; item: StoredItem }> {
	const executions = await waitFor(server, workflow, n, 60_000);
	expect(executions).toHaveLength(n);
	// Newest first.
	const execution = executions[0];
	return { status: execution.status, item: (await triggerItems(execution.id))[0] };
}

const node = (options: object) => {
	const base = dailyTriggerNode({ id: 'dailyInclCred001', name: 'Daily Simulator' });
	return { ...base, parameters: { events: ['recording.ready-to-download', 'transcript.ready-to-download', 'meeting.ended', 'batch-processor.job-finished'], roomName: '', options } };
};

beforeAll(async () => {
	daily = await startDailySimulator({ apiKey: DAILY_KEY });
	ds = await startDigitalSambaSimulator({ developerKey: DS_KEY, teamId: '' });
	ds.seedRoom({ friendly_url: 'standup' });
	n8n = createRuntime();
	await n8n.importCredentials([
		{ id: 'dailyInclCred001', name: 'Daily Simulator', type: 'dailyApi', data: { apiKey: DAILY_KEY, baseUrl: daily.url } },
		{ id: 'dsInclCred000001', name: 'Digital Samba Simulator', type: 'digitalSambaApi', data: { developerKey: DS_KEY, teamId: '', baseUrl: ds.url } },
	]);
	await n8n.importWorkflow(triggerWorkflow(WORKFLOW, node({ include: ['recording', 'transcript', 'attendance', 'jobOutputs'], includeFiles: true })));
	const dsNode = dsTriggerNode({ id: 'dsInclCred000001', name: 'Digital Samba Simulator' });
	await n8n.importWorkflow(triggerWorkflow(DS_WORKFLOW, {
		...dsNode,
		parameters: {
			eventSource: 'documented',
			events: ['recording_ready', 'session_summary_ready', 'session_ended', 'session_transcript_ready'],
			options: { include: ['recording', 'summary', 'attendance', 'transcript'], includeFiles: true },
		},
	}));
	server = await startServer(n8n, await freePort());
}, 25 * 60_000);

afterAll(async () => {
	await server?.stop();
	await closeTriggerTest('', daily, ds, n8n);
});

describe('Daily Trigger → Include in n8n', () => {
	it('answers Daily before the recording\'s link works, then runs with the link and the file as binary data', async () => {
		await server.activate(WORKFLOW);
		// Announced 3 s before its link works: the answer must not wait for it.
		const recording = daily.seedRecording('standup', { linkReadyAfterMs: 3000 });
		const started = Date.now();
		const status = await daily.deliver('recording.ready-to-download', { type: 'cloud', recording_id: recording.id, room_name: 'standup', start_ts: recording.start_ts, status: 'finished', duration: 540 });
		const answeredMs = Date.now() - started;
		expect(status).toBe(200);
		expect(answeredMs).toBeLessThan(2500);
		const { status: runStatus, item } = await nth(1);
		expect(runStatus).toBe('success');
		expect(item.json.recording).toMatchObject({ id: recording.id, s3key: recording.s3key, fileName: `${recording.s3key.split('/').pop()}.mp4` });
		expect(item.json.recording.downloadLink).toContain(`/storage/daily-meeting-recordings/`);
		expect(item.json.artefactError).toBeUndefined();
		expect(item.binary?.data).toMatchObject({ fileName: `${recording.s3key.split('/').pop()}.mp4`, mimeType: 'video/mp4' });
		expect(item.json.recording.fileSize).toBe(daily.recordingFile(recording.id).length);
		// Inline (1.x's default binary mode): the bytes are the simulator's file. Stored elsewhere (2.x: filesystem),
		// `data` only marks where.
		if (!item.binary?.data?.id) expect(Buffer.from(String(item.binary?.data?.data), 'base64')).toEqual(daily.recordingFile(recording.id));
	}, 120_000);

	it('runs with the transcript as text, the attendance on meeting.ended, and a batch job\'s transcript and summary', async () => {
		const transcript = daily.seedTranscript('standup', { cues: [['Speaker 0', 'Ready to ship?'], ['Speaker 1', 'Yes, on Thursday.']] });
		expect(await daily.deliver('transcript.ready-to-download', { id: transcript.transcriptId, room_id: transcript.roomId, room_name: 'standup', mtg_session_id: transcript.mtgSessionId, status: 't_finished', duration: 10 })).toBe(200);
		const { item } = await nth(2);
		expect(item.json.transcript.text).toBe('Speaker 0: Ready to ship?\nSpeaker 1: Yes, on Thursday.');
		expect(item.binary?.data).toMatchObject({ mimeType: 'text/vtt' });

		const meeting = daily.seedMeeting('standup', 3);
		expect(await daily.deliver('meeting.ended', { start_ts: meeting.start_time, end_ts: meeting.start_time + 1800, meeting_id: meeting.id, room: 'standup' })).toBe(200);
		const { item: ended } = await nth(3);
		expect(ended.json.attendance).toMatchObject({ meetingId: meeting.id, attendeeCount: 3 });

		// A summarize job of the batch processor: its transcript and summary, from the files its access link names.
		const recording = daily.seedRecording('standup');
		const submitted = await fetch(`${daily.url}/batch-processor`, {
			method: 'POST',
			headers: { authorization: `Bearer ${DAILY_KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify({ preset: 'summarize', inParams: { sourceType: 'recordingId', recordingId: recording.id }, outParams: { s3Config: { s3KeyTemplate: 'out' } } }),
		});
		const { id: jobId } = (await submitted.json()) as { id: string };
		expect(await daily.deliver('batch-processor.job-finished', { id: jobId, preset: 'summarize', status: 'finished', input: { sourceType: 'recordingId', recordingId: recording.id }, output: {} })).toBe(200);
		const { item: job } = await nth(4);
		expect(job.json.jobOutputs).toMatchObject({ jobId, transcript: expect.stringMatching(/^Speaker 0: /), summary: expect.stringMatching(/^Summary of job /) });
	}, 120_000);

	it('a fetch that fails starts the run with the event and artefactError', async () => {
		const raw = daily.seedRecording('standup', { type: 'raw-tracks' });
		expect(await daily.deliver('recording.ready-to-download', { type: 'raw-tracks', recording_id: raw.id, room_name: 'standup', start_ts: raw.start_ts, status: 'finished', duration: 540 })).toBe(200);
		const { status, item } = await nth(5);
		expect(status).toBe('success');
		expect(item.json).toMatchObject({ eventType: 'recording.ready-to-download', artefactError: { include: 'recording', message: expect.stringContaining('raw-tracks') } });
		expect(item.binary).toBeUndefined();
		await server.deactivate(WORKFLOW);
	}, 120_000);

	it('"Listen for test event": the run has everything but the file', async () => {
		const { body: workflow } = await server.rest('GET', `/workflows/${WORKFLOW}`);
		// What the editor sends for a test run from the trigger (n8n's ManualRunPayload / ManualRunDto).
		const run = await server.rest('POST', `/workflows/${WORKFLOW}/run`, { workflowData: workflow.data, triggerToStartFrom: { name: 'Trigger' } });
		expect(run.status).toBe(200);
		expect(daily.webhooks[0]?.url).toContain('/webhook-test/');
		const recording = daily.seedRecording('standup');
		const downloads = daily.downloads.length;
		expect(await daily.deliver('recording.ready-to-download', { type: 'cloud', recording_id: recording.id, room_name: 'standup', start_ts: recording.start_ts, status: 'finished', duration: 540 })).toBe(200);
		const { item } = await nth(6);
		expect(item.json.recording).toMatchObject({ id: recording.id, fileLeftOut: expect.stringContaining('not downloaded in test mode') });
		expect(item.binary).toBeUndefined();
		expect(daily.downloads.length).toBe(downloads);
	}, 120_000);
});

describe('Digital Samba Trigger → Include in n8n', () => {
	it('answers before the recording is converted, then runs with its link and file; the summary once written; the attendance; the transcript', async () => {
		await server.activate(DS_WORKFLOW);
		const { session } = ds.startSession('standup', { participants: 2 });
		ds.endSession(session.id);
		// Converted 3 s after the event: the answer must not wait for it.
		const recording = ds.seedRecording('standup', { session_id: session.id, readyAfterMs: 3000 });
		const started = Date.now();
		expect(await ds.deliver('recording_ready', { recording_id: recording.id }, { sessionId: session.id })).toEqual([200]);
		expect(Date.now() - started).toBeLessThan(2500);
		const { status, item } = await nth(1, DS_WORKFLOW);
		expect(status).toBe('success');
		expect(item.json.artefactError).toBeUndefined();
		expect(item.json.recording).toMatchObject({ id: recording.id, status: 'READY' });
		expect(item.binary?.data).toBeDefined();

		ds.seedSummary(session.id, { summary: 'Ship on Thursday.', readyAfterMs: 1000 });
		expect(await ds.deliver('session_summary_ready', {}, { sessionId: session.id })).toEqual([200]);
		expect((await nth(2, DS_WORKFLOW)).item.json.summary).toMatchObject({ sessionId: session.id, summary: 'Ship on Thursday.' });

		expect(await ds.deliver('session_ended', {}, { sessionId: session.id })).toEqual([200]);
		expect((await nth(3, DS_WORKFLOW)).item.json.attendance).toMatchObject({ sessionId: session.id, attendeeCount: 2 });

		ds.seedTranscript(session.id, [
			{ participant_name: 'Ana', transcript: 'Ready to ship?', start_time: '2024-04-10T12:00:00Z', end_time: '2024-04-10T12:00:04Z' },
			{ participant_name: 'Bo', transcript: 'Yes, on Thursday.', start_time: '2024-04-10T12:00:05Z', end_time: '2024-04-10T12:00:09Z' },
		]);
		expect(await ds.deliver('session_transcript_ready', {}, { sessionId: session.id })).toEqual([200]);
		const { item: transcript } = await nth(4, DS_WORKFLOW);
		expect(transcript.json.transcript.text).toBe('Ana: Ready to ship?\nBo: Yes, on Thursday.');
		expect(transcript.binary?.data).toMatchObject({ mimeType: 'text/plain' });
	}, 120_000);

	it('an event without the IDs it needs starts the run with artefactError naming the fields looked for', async () => {
		expect(await ds.deliver('recording_ready', {})).toEqual([200]);
		const { status, item } = await nth(5, DS_WORKFLOW);
		expect(status).toBe('success');
		expect(item.json.artefactError).toMatchObject({ include: 'recording', message: expect.stringContaining('carries no recording ID') });
		await server.deactivate(DS_WORKFLOW);
	}, 120_000);
});
