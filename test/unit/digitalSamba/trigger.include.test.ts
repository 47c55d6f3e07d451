import type { IDataObject } from 'n8n-workflow';
import { DigitalSambaApi } from '../../../credentials/DigitalSambaApi.credentials';
import { DigitalSambaTrigger } from '../../../nodes/DigitalSamba/DigitalSambaTrigger.node';
import { DIGITAL_SAMBA_INCLUSIONS } from '../../../nodes/DigitalSamba/includes';
import { defaultRetryPolicy } from '../../../nodes/shared/http/send';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { includeOptions } from '../../../nodes/shared/triggers/include';
import { DS_KEY, DS_TEAM } from '../../helpers/digitalSamba';
import { deliver, type TriggerEnv } from '../../helpers/trigger';
import { startDigitalSambaSimulator, type DigitalSambaSimulator } from '../../simulators/digitalSamba';

/**
 * Digital Samba Trigger → Include (issue 28) against the Digital Samba simulator, which answers GET /recordings/{id}
 * and its /download `{link, valid_until}`, GET /sessions/{id}/transcripts and …/export, GET /sessions/{id}/summary and
 * the session routes in the shapes of Digital Samba's OpenAPI, and serves the recording file behind its link.
 * Deliveries have the documented envelope `{eventType, sessionId, roomId, timestamp, data}` (docs.digitalsamba.com
 * webhooks/payload-structure); what `data` holds for these events is undocumented, so each form the includes read is
 * tried. Expected values come from what the test seeded.
 */
const SECRET = 'a3f1c9e07b5d4c2a8e6f1b3d5c7a9e0f1b2c3d4e5f60718293a4b5c6d7e8f901';
/** Asked again after 5–20 ms, for at most 1.5 s: the bound of 10 minutes, shortened. */
const FAST = { ...defaultRetryPolicy, baseDelayMs: 5, maxDelayMs: 20, readyWithinMs: 1500 };
const trigger = new DigitalSambaTrigger(FAST);
/** For what never becomes ready: gives up after 300 ms. */
const IMPATIENT = new DigitalSambaTrigger({ ...FAST, readyWithinMs: 300 });

let sim: DigitalSambaSimulator;
beforeEach(async () => {
	sim = await startDigitalSambaSimulator({ developerKey: DS_KEY, teamId: DS_TEAM });
	sim.seedRoom({ friendly_url: 'standup' });
});
afterEach(async () => {
	await sim.close();
	resetRateLimits();
});

function env(events: string[], options: IDataObject, mode?: TriggerEnv['mode']): TriggerEnv {
	return {
		parameters: { eventSource: 'documented', events, options },
		staticData: { webhookId: 'wh-1', secret: SECRET },
		credentials: { developerKey: DS_KEY, teamId: DS_TEAM, baseUrl: sim.url },
		credentialType: new DigitalSambaApi(),
		webhookUrl: 'https://n8n.example.com/webhook/b1e6a7c2/webhook',
		mode,
	};
}

/** A delivery as Digital Samba sends it: the documented envelope, the bare secret after "Bearer ". */
function delivery(eventType: string, envelope: { sessionId?: string | null; roomId?: string | null; data?: IDataObject }) {
	const body = JSON.stringify({ eventType, sessionId: envelope.sessionId ?? null, roomId: envelope.roomId ?? null, timestamp: Math.floor(Date.now() / 1000), data: envelope.data ?? {} });
	return { body, headers: { Authorization: `Bearer ${SECRET}` } };
}

/** An ended session of the room with a READY recording (what recording_ready announces). */
function recorded(seed: Parameters<DigitalSambaSimulator['seedRecording']>[1] = {}) {
	const { session } = sim.startSession('standup', { participants: 2 });
	sim.endSession(session.id);
	return { session, recording: sim.seedRecording('standup', { session_id: session.id, ...seed }) };
}

const recordingCalls = (id: string) => sim.requests.filter((r) => r.path === `/api/v1/recordings/${id}`);
const downloads = () => sim.requests.filter((r) => r.path.startsWith('/storage/'));

describe('Digital Samba Trigger Include options', () => {
	it('are written out in the node, equal to the kernel\'s options for DIGITAL_SAMBA_INCLUSIONS', () => {
		const options = new DigitalSambaTrigger().description.properties.find((p) => p.name === 'options')?.options as Array<{ name: string }>;
		const names = includeOptions(DIGITAL_SAMBA_INCLUSIONS).map((p) => p.name);
		expect(options.filter((o) => names.includes(o.name))).toEqual(includeOptions(DIGITAL_SAMBA_INCLUSIONS));
	});

	it('each inclusion is for documented events', () => {
		const documented = (new DigitalSambaTrigger().description.properties.find((p) => p.name === 'events')?.options as Array<{ value: string }>).map((o) => o.value);
		for (const inclusion of DIGITAL_SAMBA_INCLUSIONS) expect(documented).toEqual(expect.arrayContaining(inclusion.events));
	});
});

describe('Digital Samba Trigger Include: recording', () => {
	it('off: n8n answers and starts the run as before, and nothing is fetched', async () => {
		const { session, recording } = recorded();
		const outcome = await deliver(trigger, env(['recording_ready'], {}), delivery('recording_ready', { sessionId: session.id, roomId: recording.room_id, data: { recording_id: recording.id } }));
		expect(outcome.noWebhookResponse).toBeUndefined();
		expect(outcome.status).toBeUndefined();
		expect(outcome.calls).toEqual([]);
		expect(Object.keys(outcome.run?.[0] ?? {}).sort()).toEqual(['data', 'eventType', 'normalized', 'occurredAt', 'room', 'roomId', 'sessionId', 'timestamp']);
	});

	it('answers Digital Samba 200 before any call, then adds the recording, a fresh link and when it expires', async () => {
		const { session, recording } = recorded();
		const outcome = await deliver(trigger, env(['recording_ready'], { include: ['recording'] }), delivery('recording_ready', { sessionId: session.id, roomId: recording.room_id, data: { recording_id: recording.id } }));
		expect(outcome.status).toBe(200);
		expect(outcome.json).toEqual({ status: 'ok' });
		expect(outcome.callsBeforeAnswer).toBe(0);
		expect(outcome.noWebhookResponse).toBe(true);
		const included = outcome.run?.[0].recording as IDataObject;
		const link = new URL(String(included.downloadLink));
		expect(link.origin + link.pathname).toBe(`${sim.origin}/storage/recordings/${recording.id}.mp4`);
		// valid_until, the same instant as the link's own expiry.
		expect(included.expiresAt).toBe(new Date(Number(link.searchParams.get('expires')) * 1000).toISOString());
		expect(included).toMatchObject({ id: recording.id, status: 'READY', session_id: session.id, room_id: recording.room_id, fileName: `${recording.id}.mp4` });
		expect(included).not.toHaveProperty('foundBy');
		expect(outcome.run?.[0]).toMatchObject({ eventType: 'recording_ready', sessionId: session.id });
		expect(outcome.binary?.[0]).toBeUndefined();
		expect(downloads()).toEqual([]);
	});

	it('with Include Files: the file behind the link, as binary data', async () => {
		const { session, recording } = recorded();
		const outcome = await deliver(trigger, env(['recording_ready'], { include: ['recording'], includeFiles: true }), delivery('recording_ready', { sessionId: session.id, data: { recording_id: recording.id } }));
		const data = outcome.binary?.[0]?.data as IDataObject;
		const bytes = Buffer.from(`simulated recording ${recording.id}`);
		expect(Buffer.from(String(data.data), 'base64')).toEqual(bytes);
		expect(data).toMatchObject({ fileName: `${recording.id}.mp4`, mimeType: 'video/mp4' });
		expect((outcome.run?.[0].recording as IDataObject).fileSize).toBe(bytes.length);
	});

	it('a recording announced before its file is converted is asked for again until it is READY', async () => {
		const { session, recording } = recorded({ readyAfterMs: 300 });
		const outcome = await deliver(trigger, env(['recording_ready'], { include: ['recording'] }), delivery('recording_ready', { sessionId: session.id, data: { recording_id: recording.id } }));
		expect(outcome.callsBeforeAnswer).toBe(0);
		expect(outcome.run?.[0].artefactError).toBeUndefined();
		expect(outcome.run?.[0].recording).toMatchObject({ id: recording.id, status: 'READY' });
		expect(recordingCalls(recording.id).length).toBeGreaterThan(1);
	});

	it.each([
		['data.recording_id (the skill\'s first example handler)', (id: string) => ({ data: { recording_id: id } })],
		['data.id (Digital Samba\'s MCP client)', (id: string) => ({ data: { id } })],
		['data.recordingId (the docs\' camel case)', (id: string) => ({ data: { recordingId: id } })],
		['recordingId beside eventType', (id: string) => ({ recordingId: id })],
	])('reads the recording from %s', async (_form, payload) => {
		const { session, recording } = recorded();
		const shape = payload(recording.id) as IDataObject;
		const body = JSON.stringify({ eventType: 'recording_ready', sessionId: session.id, roomId: recording.room_id, timestamp: Math.floor(Date.now() / 1000), data: {}, ...shape });
		const outcome = await deliver(trigger, env(['recording_ready'], { include: ['recording'] }), { body, headers: { Authorization: `Bearer ${SECRET}` } });
		expect(outcome.run?.[0].recording).toMatchObject({ id: recording.id });
	});

	it('an event naming only the session: the session\'s newest READY recording, said to be found by the session', async () => {
		const { session, recording } = recorded();
		const outcome = await deliver(trigger, env(['recording_ready'], { include: ['recording'] }), delivery('recording_ready', { sessionId: session.id, roomId: recording.room_id }));
		expect(outcome.run?.[0].recording).toMatchObject({ id: recording.id, foundBy: 'session' });
		expect(sim.requests.find((r) => r.path === '/api/v1/recordings')?.query).toBe(`session_id=${session.id}&status=READY&limit=1`);
	});

	it('an event with neither recording nor session: artefactError names the fields looked for, nothing is called, the run starts', async () => {
		const outcome = await deliver(trigger, env(['recording_ready'], { include: ['recording'] }), delivery('recording_ready', { roomId: 'r-1' }));
		expect(outcome.status).toBe(200);
		const failure = outcome.run?.[0].artefactError as IDataObject;
		expect(failure.include).toBe('recording');
		expect(failure.message).toMatch(/^The recording_ready event carries no recording ID and no session ID \(looked for data\.recording_id, .*sessionId, session_id, data\.session_id/);
		expect(outcome.calls).toEqual([]);
		expect(outcome.run?.[0]).toMatchObject({ eventType: 'recording_ready', roomId: 'r-1' });
	});

	it('an unknown recording (404 until the bound): the run starts with the event and an artefactError naming the include', async () => {
		const started = Date.now();
		const outcome = await deliver(IMPATIENT, env(['recording_ready'], { include: ['recording'] }), delivery('recording_ready', { data: { recording_id: '00000000-0000-4000-8000-000000000000' } }));
		expect(Date.now() - started).toBeLessThan(1500);
		expect(outcome.status).toBe(200);
		expect(outcome.run?.[0]).toMatchObject({ eventType: 'recording_ready', artefactError: { include: 'recording' } });
		expect(String((outcome.run?.[0].artefactError as IDataObject).message)).toMatch(/not found|404/i);
		expect(outcome.run?.[0]).not.toHaveProperty('recording');
	});

	it('test mode ("Listen for test event"): everything but the file, unless Include Files in Test Mode', async () => {
		const { session, recording } = recorded();
		const options = { include: ['recording'], includeFiles: true };
		const event = delivery('recording_ready', { sessionId: session.id, data: { recording_id: recording.id } });
		const test = await deliver(trigger, env(['recording_ready'], options, 'manual'), event);
		expect(test.binary?.[0]).toBeUndefined();
		expect((test.run?.[0].recording as IDataObject).fileLeftOut).toMatch(/not downloaded in test mode/);
		expect(downloads()).toEqual([]);
		const asked = await deliver(trigger, env(['recording_ready'], { ...options, includeFilesInTest: true }, 'manual'), event);
		expect(Buffer.from(String((asked.binary?.[0]?.data as IDataObject).data), 'base64').toString()).toBe(`simulated recording ${recording.id}`);
	});
});

describe('Digital Samba Trigger Include: transcript, summary, attendance', () => {
	it('transcript: the lines as "Speaker: text" and timed segments, oldest first; the export with Include Files', async () => {
		const { session } = recorded();
		sim.seedTranscript(session.id, [
			{ participant_name: 'Ana', transcript: 'Shall we start?', start_time: '2024-04-10T12:00:00Z', end_time: '2024-04-10T12:00:04Z' },
			{ participant_name: 'Bo', transcript: 'Yes, the build is green.', start_time: '2024-04-10T12:00:05Z', end_time: '2024-04-10T12:00:09Z' },
			{ participant_name: 'Bo', transcript: 'We ship Thursday.', start_time: '2024-04-10T12:00:10Z', end_time: '2024-04-10T12:00:13Z' },
		]);
		const outcome = await deliver(trigger, env(['session_transcript_ready'], { include: ['transcript'], includeFiles: true }), delivery('session_transcript_ready', { sessionId: session.id }));
		expect(outcome.callsBeforeAnswer).toBe(0);
		expect(outcome.run?.[0].transcript).toEqual({
			sessionId: session.id,
			text: 'Ana: Shall we start?\nBo: Yes, the build is green. We ship Thursday.',
			segments: [
				{ start: '2024-04-10T12:00:00Z', end: '2024-04-10T12:00:04Z', speaker: 'Ana', text: 'Shall we start?', participantId: null },
				{ start: '2024-04-10T12:00:05Z', end: '2024-04-10T12:00:09Z', speaker: 'Bo', text: 'Yes, the build is green.', participantId: null },
				{ start: '2024-04-10T12:00:10Z', end: '2024-04-10T12:00:13Z', speaker: 'Bo', text: 'We ship Thursday.', participantId: null },
			],
		});
		expect(sim.requests.find((r) => r.path.endsWith('/transcripts'))?.query).toBe('order=asc&limit=100&offset=0');
		const file = outcome.binary?.[0]?.data as IDataObject;
		expect(Buffer.from(String(file.data), 'base64').toString()).toBe('Ana: Shall we start?\nBo: Yes, the build is green.\nBo: We ship Thursday.');
		expect(file).toMatchObject({ fileName: `transcripts-${session.id}.txt`, mimeType: 'text/plain' });
		expect(sim.requests.find((r) => r.path.endsWith('/transcripts/export'))?.query).toBe('format=txt');
	});

	it('transcript from data.session_id (the skill\'s handler); none listed yet is asked again, then named in artefactError', async () => {
		const { session } = recorded();
		sim.seedTranscript(session.id, []);
		const outcome = await deliver(IMPATIENT, env(['session_transcript_ready'], { include: ['transcript'] }), delivery('session_transcript_ready', { data: { session_id: session.id } }));
		expect(outcome.run?.[0].artefactError).toMatchObject({ include: 'transcript', message: `Digital Samba lists no transcript lines for session ${session.id} yet` });
		expect(sim.requests.filter((r) => r.path.endsWith('/transcripts')).length).toBeGreaterThan(1);
	});

	it('summary: IN_PROGRESS is asked again until READY, then its text', async () => {
		const { session } = recorded();
		sim.seedSummary(session.id, { summary: 'The team agreed to ship on Thursday.', readyAfterMs: 250 });
		const outcome = await deliver(trigger, env(['session_summary_ready'], { include: ['summary'] }), delivery('session_summary_ready', { sessionId: session.id }));
		expect(outcome.callsBeforeAnswer).toBe(0);
		expect(outcome.run?.[0].summary).toEqual({ sessionId: session.id, jobId: expect.any(String), status: 'READY', summary: 'The team agreed to ship on Thursday.' });
		expect(sim.requests.filter((r) => r.path.endsWith('/summary')).length).toBeGreaterThan(1);
	});

	it('summary still IN_PROGRESS at the bound: artefactError, and the run starts', async () => {
		const { session } = recorded();
		sim.seedSummary(session.id, { summary: 'later', readyAfterMs: 60_000 });
		const outcome = await deliver(IMPATIENT, env(['session_summary_ready'], { include: ['summary'] }), delivery('session_summary_ready', { sessionId: session.id }));
		expect(outcome.run?.[0]).toMatchObject({ eventType: 'session_summary_ready', artefactError: { include: 'summary', message: `The summary of session ${session.id} is still IN_PROGRESS` } });
	});

	it('attendance on session_ended: Session → Get Attendance\'s summary of the session\'s participants', async () => {
		const T0 = Date.UTC(2024, 2, 3, 8, 0, 0);
		const { session, participants } = sim.startSession('standup', {
			start: T0,
			participants: [
				{ name: 'Ana', external_id: 'u-ana', role: 'moderator', join: T0 },
				{ name: 'Bo', external_id: null, role: 'attendee', join: T0 + 300_000 },
			],
		});
		participants[0].leave = T0 + 900_000;
		participants[1].leave = T0 + 600_000;
		session.end = T0 + 900_000;
		const outcome = await deliver(trigger, env(['session_ended'], { include: ['attendance'] }), delivery('session_ended', { sessionId: session.id, roomId: session.room_id }));
		expect(outcome.run?.[0].attendance).toMatchObject({
			sessionId: session.id, room: 'standup', attendeeCount: 2, peakConcurrency: 2, durationMinutes: 15,
			people: [expect.objectContaining({ name: 'Ana', minutesPresent: 15 }), expect.objectContaining({ name: 'Bo', minutesPresent: 5 })],
		});
	});

	it('attendance from data.id (the MCP client\'s reading of a session event)', async () => {
		const { session } = recorded();
		const outcome = await deliver(trigger, env(['session_ended'], { include: ['attendance'] }), delivery('session_ended', { data: { id: session.id } }));
		expect(outcome.run?.[0].attendance).toMatchObject({ sessionId: session.id, attendeeCount: 2 });
	});

	it.each([
		['transcript', 'session_transcript_ready'],
		['summary', 'session_summary_ready'],
		['attendance', 'session_ended'],
	])('%s without a session ID: artefactError names the fields, nothing is called', async (include, eventType) => {
		const outcome = await deliver(trigger, env([eventType], { include: [include] }), delivery(eventType, { roomId: 'r-1' }));
		expect(outcome.run?.[0].artefactError).toMatchObject({ include, message: expect.stringMatching(new RegExp(`^The ${eventType} event carries no session ID \\(looked for sessionId, session_id, data\\.session_id, data\\.sessionId`)) });
		expect(outcome.calls).toEqual([]);
	});

	it('an event the include is not for starts its run at once, as without Include', async () => {
		const outcome = await deliver(trigger, env(['session_started'], { include: ['attendance', 'recording', 'summary', 'transcript'] }), delivery('session_started', { sessionId: 's-1' }));
		expect(outcome.noWebhookResponse).toBeUndefined();
		expect(outcome.calls).toEqual([]);
	});

	it('no secret in the answer or the run: not the developer key, its Basic form, nor the webhook secret', async () => {
		const { session, recording } = recorded();
		const runs = [
			await deliver(trigger, env(['recording_ready'], { include: ['recording'] }), delivery('recording_ready', { sessionId: session.id, data: { recording_id: recording.id } })),
			await deliver(IMPATIENT, env(['recording_ready'], { include: ['recording'] }), delivery('recording_ready', { data: { recording_id: 'no-such-recording' } })),
			await deliver(trigger, env(['session_ended'], { include: ['attendance'] }), delivery('session_ended', { sessionId: session.id })),
		];
		const text = JSON.stringify(runs.map((o) => ({ json: o.json, run: o.run })));
		expect(text).toContain('artefactError');
		for (const secret of [DS_KEY, SECRET, `${DS_TEAM}:${DS_KEY}`, Buffer.from(`${DS_TEAM}:${DS_KEY}`).toString('base64')]) expect(text).not.toContain(secret);
	});
});
