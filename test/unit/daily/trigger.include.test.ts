import { createHmac } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { DailyApi } from '../../../credentials/DailyApi.credentials';
import { DailyTrigger } from '../../../nodes/Daily/DailyTrigger.node';
import { DAILY_INCLUSIONS } from '../../../nodes/Daily/includes';
import { defaultRetryPolicy } from '../../../nodes/shared/http/send';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { includeOptions } from '../../../nodes/shared/triggers/include';
import { DAILY_KEY } from '../../helpers/daily';
import { deliver, type TriggerEnv } from '../../helpers/trigger';
import { startDailySimulator, type DailySimulator } from '../../simulators/daily';
import { BATCH_EXCHANGE } from '../../simulators/daily/routes/batchProcessor';

/**
 * Daily Trigger → Include (issue 28) against the Daily simulator, which answers GET /recordings/{id}, its access link,
 * GET /transcript/{id}/access-link, GET /batch-processor/{id}/access-link and the meeting routes in the shapes of
 * Daily's spec and docs, and serves the files behind the links. Expected values come from what the test seeded: the
 * recording's bytes, the transcript's cues, the batch job's outputs, the meeting's connections.
 */
const SECRET = Buffer.from('0123456789abcdef0123456789abcdef').toString('base64');
/** Asked again after 5–20 ms, for at most 1.5 s: the bound of 10 minutes, shortened. */
const FAST = { ...defaultRetryPolicy, baseDelayMs: 5, maxDelayMs: 20, readyWithinMs: 1500 };
const trigger = new DailyTrigger(FAST);

let sim: DailySimulator;
beforeEach(async () => {
	sim = await startDailySimulator({ apiKey: DAILY_KEY });
});
afterEach(async () => {
	await sim.close();
	resetRateLimits();
});

function env(events: string[], options: IDataObject, mode?: TriggerEnv['mode']): TriggerEnv {
	return {
		parameters: { events, roomName: '', options },
		staticData: { webhookId: 'w-1', hmac: SECRET },
		credentials: { apiKey: DAILY_KEY, baseUrl: sim.url },
		credentialType: new DailyApi(),
		webhookUrl: 'https://n8n.example.com/webhook/b1e6a7c2/webhook',
		mode,
	};
}

/** An event signed as Daily documents it (HMAC-SHA256 of "timestamp.body" with the base64-decoded secret). */
function signed(type: string, payload: IDataObject) {
	const body = JSON.stringify({ version: '1.0.0', type, id: `evt-${Math.random()}`, payload, event_ts: Date.now() / 1000 });
	const ts = String(Math.floor(Date.now() / 1000));
	const signature = createHmac('sha256', Buffer.from(SECRET, 'base64')).update(`${ts}.${body}`).digest('base64');
	return { body, headers: { 'X-Webhook-Signature': signature, 'X-Webhook-Timestamp': ts } };
}

const recordingReady = (recordingId: string | undefined) =>
	signed('recording.ready-to-download', { type: 'cloud', ...(recordingId ? { recording_id: recordingId } : {}), room_name: 'standup', start_ts: 1700000000, status: 'finished', duration: 540 });

describe('Daily Trigger Include options', () => {
	it('are written out in the node, equal to the kernel\'s options for DAILY_INCLUSIONS', () => {
		const options = new DailyTrigger().description.properties.find((p) => p.name === 'options')?.options as Array<{ name: string }>;
		const names = includeOptions(DAILY_INCLUSIONS).map((p) => p.name);
		expect(options.filter((o) => names.includes(o.name))).toEqual(includeOptions(DAILY_INCLUSIONS));
	});
});

describe('Daily Trigger Include', () => {
	it('off: n8n answers and starts the run as before, and nothing is fetched', async () => {
		const recording = sim.seedRecording('standup');
		const outcome = await deliver(trigger, env(['recording.ready-to-download'], {}), recordingReady(recording.id));
		expect(outcome.noWebhookResponse).toBeUndefined();
		expect(outcome.status).toBeUndefined();
		expect(outcome.calls).toEqual([]);
		expect(outcome.run?.[0]).not.toHaveProperty('recording');
	});

	it('recording: answers Daily 200 before any call, then adds a fresh link and its expiry from the access link', async () => {
		const recording = sim.seedRecording('standup');
		const outcome = await deliver(trigger, env(['recording.ready-to-download'], { include: ['recording'] }), recordingReady(recording.id));
		expect(outcome.status).toBe(200);
		expect(outcome.callsBeforeAnswer).toBe(0);
		expect(outcome.noWebhookResponse).toBe(true);
		const access = sim.requests.filter((r) => r.path === `/v1/recordings/${recording.id}/access-link`);
		expect(access).toHaveLength(1);
		const included = outcome.run?.[0].recording as IDataObject;
		const link = new URL(String(included.downloadLink));
		expect(link.origin + link.pathname).toBe(`${sim.url.replace(/\/v1$/, '')}/storage/daily-meeting-recordings/${recording.s3key}`);
		expect(included.expiresAt).toBe(new Date(Number(link.searchParams.get('Expires')) * 1000).toISOString());
		expect(included).toMatchObject({ id: recording.id, recordingId: recording.id, s3key: recording.s3key, fileName: `${recording.s3key.split('/').pop()}.mp4` });
		expect(outcome.binary?.[0]).toBeUndefined();
	});

	it('recording with Include Files: the file the link serves, as binary data', async () => {
		const recording = sim.seedRecording('standup');
		const outcome = await deliver(trigger, env(['recording.ready-to-download'], { include: ['recording'], includeFiles: true }), recordingReady(recording.id));
		const data = outcome.binary?.[0]?.data as IDataObject;
		expect(Buffer.from(String(data.data), 'base64')).toEqual(sim.recordingFile(recording.id));
		expect(data.mimeType).toBe('video/mp4');
		expect((outcome.run?.[0].recording as IDataObject).fileSize).toBe(sim.recordingFile(recording.id).length);
	});

	it('a recording announced before its link works is asked for again until it does', async () => {
		const recording = sim.seedRecording('standup', { linkReadyAfterMs: 200 });
		const outcome = await deliver(trigger, env(['recording.ready-to-download'], { include: ['recording'] }), recordingReady(recording.id));
		expect(outcome.callsBeforeAnswer).toBe(0);
		expect(outcome.run?.[0].artefactError).toBeUndefined();
		expect((outcome.run?.[0].recording as IDataObject).id).toBe(recording.id);
		expect(sim.requests.filter((r) => r.path === `/v1/recordings/${recording.id}/access-link`).length).toBeGreaterThan(1);
	});

	it('a link that never works within the bound: the run starts with the event and an artefactError naming the include', async () => {
		const recording = sim.seedRecording('standup', { linkReadyAfterMs: 60_000 });
		const started = Date.now();
		const outcome = await deliver(trigger, env(['recording.ready-to-download'], { include: ['recording'] }), recordingReady(recording.id));
		expect(Date.now() - started).toBeLessThan(FAST.readyWithinMs + 1000);
		expect(outcome.status).toBe(200);
		expect(outcome.run?.[0]).toMatchObject({ eventType: 'recording.ready-to-download', artefactError: { include: 'recording' } });
		expect(String((outcome.run?.[0].artefactError as IDataObject).message)).toMatch(/not found|404/i);
		expect(outcome.run?.[0]).not.toHaveProperty('recording');
	});

	it('a recording that can never be downloaded (raw tracks) fails at once, naming its tracks', async () => {
		const recording = sim.seedRecording('standup', { type: 'raw-tracks' });
		const outcome = await deliver(trigger, env(['recording.ready-to-download'], { include: ['recording'] }), recordingReady(recording.id));
		const failure = outcome.run?.[0].artefactError as IDataObject;
		expect(failure).toMatchObject({ include: 'recording', message: expect.stringContaining('raw-tracks') });
		expect(String(failure.description)).toContain(`${recording.s3key}-audio`);
		expect(sim.requests.filter((r) => r.path === `/v1/recordings/${recording.id}`)).toHaveLength(1);
	});

	it('an event without the ID it needs: artefactError names the field, nothing is called', async () => {
		const outcome = await deliver(trigger, env(['recording.ready-to-download'], { include: ['recording'] }), recordingReady(undefined));
		expect(outcome.run?.[0].artefactError).toMatchObject({ include: 'recording', message: 'The recording.ready-to-download event carries no recording_id' });
		expect(outcome.calls).toEqual([]);
	});

	it('test mode ("Listen for test event"): everything but the file, unless Include Files in Test Mode', async () => {
		const recording = sim.seedRecording('standup');
		const options = { include: ['recording'], includeFiles: true };
		const test = await deliver(trigger, env(['recording.ready-to-download'], options, 'manual'), recordingReady(recording.id));
		expect(test.binary?.[0]).toBeUndefined();
		expect((test.run?.[0].recording as IDataObject).fileLeftOut).toMatch(/not downloaded in test mode/);
		expect(sim.downloads).toEqual([]);
		const asked = await deliver(trigger, env(['recording.ready-to-download'], { ...options, includeFilesInTest: true }, 'manual'), recordingReady(recording.id));
		expect(Buffer.from(String((asked.binary?.[0]?.data as IDataObject).data), 'base64')).toEqual(sim.recordingFile(recording.id));
	});

	it('transcript: the seeded cues as "Speaker: words" lines and timed segments; the WebVTT file with Include Files', async () => {
		const cues: Array<[string, string]> = [['Speaker 0', 'Shall we start?'], ['Speaker 1', 'Yes, the build is green.'], ['Speaker 1', 'We ship Thursday.']];
		const transcript = sim.seedTranscript('standup', { cues, linkReadyAfterMs: 100 });
		const outcome = await deliver(
			trigger,
			env(['transcript.ready-to-download'], { include: ['transcript'], includeFiles: true }),
			signed('transcript.ready-to-download', { id: transcript.transcriptId, room_id: transcript.roomId, room_name: 'standup', mtg_session_id: transcript.mtgSessionId, status: 't_finished', duration: 15 }),
		);
		expect(outcome.run?.[0].transcript).toEqual({
			id: transcript.transcriptId,
			text: 'Speaker 0: Shall we start?\nSpeaker 1: Yes, the build is green. We ship Thursday.',
			segments: [
				{ start: '00:00:00.000', end: '00:00:05.000', speaker: 'Speaker 0', text: 'Shall we start?' },
				{ start: '00:00:05.000', end: '00:00:10.000', speaker: 'Speaker 1', text: 'Yes, the build is green.' },
				{ start: '00:00:10.000', end: '00:00:15.000', speaker: 'Speaker 1', text: 'We ship Thursday.' },
			],
		});
		const file = outcome.binary?.[0]?.data as IDataObject;
		expect(Buffer.from(String(file.data), 'base64').toString('utf8')).toBe(transcript.vtt);
		expect(file).toMatchObject({ fileName: `${transcript.transcriptId}.vtt`, mimeType: 'text/vtt' });
	});

	it('batch job outputs: the transcript and summary the job\'s links serve', async () => {
		const recording = sim.seedRecording('standup');
		const submitted = await fetch(`${sim.url}/batch-processor`, {
			method: 'POST',
			headers: { authorization: `Bearer ${DAILY_KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify({ preset: 'summarize', inParams: { sourceType: 'recordingId', recordingId: recording.id }, outParams: { s3Config: { s3KeyTemplate: 'out' } } }),
		});
		const { id } = (await submitted.json()) as { id: string };
		const outcome = await deliver(
			trigger,
			env(['batch-processor.job-finished'], { include: ['jobOutputs'] }),
			signed('batch-processor.job-finished', { id, preset: 'summarize', status: 'finished', input: { sourceType: 'recordingId', recordingId: recording.id }, output: {} }),
		);
		const outputs = outcome.run?.[0].jobOutputs as IDataObject;
		expect(outputs.transcript).toBe(BATCH_EXCHANGE.map(([speaker, words]) => `${speaker}: ${words}`).join('\n'));
		expect(outputs.summary).toMatch(/^Summary of job/);
		expect((outputs.segments as IDataObject[]).map((s) => s.speaker)).toEqual(BATCH_EXCHANGE.map(([speaker]) => speaker));
	});

	it('attendance on meeting.ended: the meeting\'s people, worked out from its connections', async () => {
		const T0 = 1672786000;
		const meeting = sim.seedMeetingWith({
			room: 'standup', start_time: T0, duration: 900, ongoing: false,
			participants: [
				{ user_id: 'u-ann', participant_id: 'c-1', user_name: 'Ann', join_time: T0, duration: 600 },
				{ user_id: null, participant_id: 'c-2', user_name: 'Bo', join_time: T0 + 300, duration: 600 },
			],
		});
		const outcome = await deliver(trigger, env(['meeting.ended'], { include: ['attendance'] }), signed('meeting.ended', { start_ts: T0, end_ts: T0 + 900, meeting_id: meeting.id, room: 'standup' }));
		expect(outcome.run?.[0].attendance).toMatchObject({
			meetingId: meeting.id, room: 'standup', attendeeCount: 2, peakConcurrency: 2, durationMinutes: 15,
			people: [expect.objectContaining({ name: 'Ann', minutesPresent: 10 }), expect.objectContaining({ name: 'Bo', minutesPresent: 10 })],
		});
	});

	it('an event the include is not for starts its run at once, as without Include', async () => {
		const outcome = await deliver(trigger, env(['meeting.started'], { include: ['attendance', 'recording'] }), signed('meeting.started', { start_ts: 1, meeting_id: 'm-1', room: 'standup' }));
		expect(outcome.noWebhookResponse).toBeUndefined();
		expect(outcome.calls).toEqual([]);
	});

	it('no secret in the answer or the run: neither the API key nor the webhook secret, in any form', async () => {
		const recording = sim.seedRecording('standup', { type: 'raw-tracks' });
		const outcome = await deliver(trigger, env(['recording.ready-to-download'], { include: ['recording'] }), recordingReady(recording.id));
		const text = JSON.stringify({ json: outcome.json, run: outcome.run });
		for (const secret of [DAILY_KEY, SECRET, Buffer.from(DAILY_KEY).toString('base64')]) expect(text).not.toContain(secret);
	});
});
