import { createHmac } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { IDataObject } from 'n8n-workflow';
import { DailyApi } from '../../../credentials/DailyApi.credentials';
import { DailyTrigger } from '../../../nodes/Daily/DailyTrigger.node';
import { DAILY_EVENT_TYPES, dailyNormalizedParts, NORMALIZED } from '../../../nodes/Daily/events';
import { NORMALIZED_EVENTS } from '../../../nodes/shared/triggers/normalized';
import { DAILY_KEY } from '../../helpers/daily';
import { deliver } from '../../helpers/trigger';

/**
 * Issue 28: the `normalized` key of the Daily Trigger's output. Payloads are the documented ones: the example of
 * reference/providers.md §1.4 (participant.joined) and the payload schemas of Daily's OpenAPI spec
 * (components.schemas.meeting_ended, transcript_ready_to_download, recording_started …), with made-up values.
 */
const trigger = new DailyTrigger();
const SECRET = Buffer.from('0123456789abcdef0123456789abcdef').toString('base64');
const spec = JSON.parse(readFileSync(join(__dirname, '../../fixtures/daily-openapi.json'), 'utf8'));
const payloadFields = (schema: string) => Object.keys(spec.components.schemas[schema].properties.payload.properties);

const node = () => ({
	parameters: { events: DAILY_EVENT_TYPES.map(([value]) => value), roomName: '', options: {} },
	staticData: { webhookId: 'w-1', hmac: SECRET },
	credentials: { apiKey: DAILY_KEY, baseUrl: 'https://api.daily.co/v1' },
	credentialType: new DailyApi(),
	webhookUrl: 'https://n8n.example.com/webhook/b1e6a7c2/webhook',
});
let n = 0;
async function run(type: string, payload: IDataObject, eventTs: number | string = 1708972280.1) {
	const body = JSON.stringify({ version: '1.0.0', type, id: `ev-norm-${++n}`, payload, event_ts: eventTs });
	const ts = String(Math.floor(Date.now() / 1000));
	const signature = createHmac('sha256', Buffer.from(SECRET, 'base64')).update(`${ts}.${body}`).digest('base64');
	const outcome = await deliver(trigger, node(), { body, headers: { 'X-Webhook-Signature': signature, 'X-Webhook-Timestamp': ts, 'Content-Type': 'application/json' } });
	expect(outcome.run).toHaveLength(1);
	return outcome.run![0];
}

describe('Daily Trigger: normalized', () => {
	it('maps only Daily events to the vocabulary, and only to its words', () => {
		const daily = DAILY_EVENT_TYPES.map(([value]) => value);
		for (const [from, to] of Object.entries(NORMALIZED)) {
			expect(daily).toContain(from);
			expect(NORMALIZED_EVENTS).toContain(to);
		}
	});

	it('participant.joined (providers.md §1.4 example): the participant, the room name, no session', async () => {
		const payload = { room: 'r1', session_id: 'a1b2', user_id: 'u1', user_name: 'Ann', joined_at: 1708972279.96, owner: false, will_eject_at: 0, permissions: {} };
		const item = await run('participant.joined', payload);
		expect(item).toMatchObject({ eventType: 'participant.joined', room: 'r1', occurredAt: '2024-02-26T18:31:20.100Z' });
		expect(item.normalized).toEqual({
			event: 'participant.joined', provider: 'daily', room: { id: null, name: 'r1' }, sessionId: null,
			participant: { id: 'a1b2', userId: 'u1', name: 'Ann' }, occurredAt: '2024-02-26T18:31:20.100Z',
		});
	});

	it('meeting.ended (spec meeting_ended: start_ts, end_ts, meeting_id, room): the session is meeting_id, no participant', async () => {
		expect(payloadFields('meeting_ended')).toEqual(['start_ts', 'end_ts', 'meeting_id', 'room']);
		const item = await run('meeting.ended', { start_ts: 1708970000, end_ts: 1708972280, meeting_id: 'm-1', room: 'standup' });
		expect(item.normalized).toEqual({ event: 'meeting.ended', provider: 'daily', room: { id: null, name: 'standup' }, sessionId: 'm-1', occurredAt: '2024-02-26T18:31:20.100Z' });
	});

	it('transcript.ready-to-download (spec: room_id, room_name, mtg_session_id) is transcript.ready with the room id and session', async () => {
		expect(payloadFields('transcript_ready_to_download')).toEqual(expect.arrayContaining(['room_id', 'room_name', 'mtg_session_id']));
		const item = await run('transcript.ready-to-download', { id: 't-1', room_id: 'rid-1', room_name: 'standup', mtg_session_id: 'm-2', duration: 60, status: 't_finished', out_params: {} });
		expect(item.normalized).toMatchObject({ event: 'transcript.ready', room: { id: 'rid-1', name: 'standup' }, sessionId: 'm-2' });
		expect(item.normalized).not.toHaveProperty('participant');
	});

	it('recording events: ready-to-download → recording.ready, error → recording.failed, started (no room) → recording.started; no session', async () => {
		const ready = await run('recording.ready-to-download', { type: 'cloud', recording_id: 'rec-1', room_name: 'standup', start_ts: 1708970000, status: 'finished', max_participants: 2, duration: 60, s3_key: 'k' });
		expect(ready.normalized).toMatchObject({ event: 'recording.ready', room: { id: null, name: 'standup' }, sessionId: null });
		const failed = await run('recording.error', { action: 'cloud-recording-err', error_msg: 'boom', instance_id: 'i-1', room_name: 'standup', timestamp: 1708972280 });
		expect(failed.normalized).toMatchObject({ event: 'recording.failed', room: { id: null, name: 'standup' }, sessionId: null });
		expect(payloadFields('recording_started')).not.toContain('room_name');
		const started = await run('recording.started', { recording_id: 'rec-2', action: 'start-cloud-recording', layout: {}, started_by: 's1', instance_id: 'i-2', start_ts: 1708970000 });
		expect(started.normalized).toMatchObject({ event: 'recording.started', room: { id: null, name: null }, sessionId: null });
	});

	it('transcript.started → transcription.started, streaming.* → livestream.*; events without a word keep Daily\'s name', async () => {
		expect((await run('transcript.started', { id: 't-2', room_id: 'rid-1', room_name: 'standup', mtg_session_id: 'm-3' })).normalized).toMatchObject({ event: 'transcription.started', sessionId: 'm-3' });
		expect((await run('streaming.started', { timestamp: 1, instance_id: 'i', domain_id: 'd', layout: {} })).normalized).toMatchObject({ event: 'livestream.started', room: { id: null, name: null } });
		expect((await run('streaming.ended', { timestamp: 1, instance_id: 'i', domain_id: 'd' })).normalized).toMatchObject({ event: 'livestream.ended' });
		expect((await run('streaming.updated', { timestamp: 1, instance_id: 'i', domain_id: 'd', layout: {} })).normalized).toMatchObject({ event: 'streaming.updated', provider: 'daily' });
		expect((await run('dialin.ready', { timestamp: 1, domain_id: 'd', room: 'standup', sip_endpoint: 'sip:x' })).normalized).toMatchObject({ event: 'dialin.ready', room: { id: null, name: 'standup' } });
	});

	it('waiting-participant.* (spec: the participant fields) carry the participant; occurredAt follows the trigger\'s', async () => {
		expect(payloadFields('waiting_participant_joined')).toEqual(expect.arrayContaining(['session_id', 'user_id', 'user_name', 'room']));
		const item = await run('waiting-participant.joined', { room: 'standup', session_id: 'w1', user_name: 'Bo' }, 'not a time');
		expect(item.occurredAt).toBeNull();
		expect(item.normalized).toEqual({
			event: 'waiting-participant.joined', provider: 'daily', room: { id: null, name: 'standup' }, sessionId: null,
			participant: { id: 'w1', userId: null, name: 'Bo' }, occurredAt: null,
		});
	});

	it('call transfers carry the meeting session as mtg_session_id (spec calltransfer_triggered)', () => {
		expect(dailyNormalizedParts('calltransfer.triggered', { room: 'standup', session_id: 'p', mtg_session_id: 'm-4' })).toEqual({ room: { id: null, name: 'standup' }, sessionId: 'm-4' });
	});
});

describe('Daily Trigger: Events chosen by a vocabulary word', () => {
	it('Normalized: Recording Ready runs for recording.ready-to-download and not for other events', async () => {
		const byWord = { ...node(), parameters: { ...node().parameters, events: ['recording.ready'] } };
		const send = async (type: string) => {
			const body = JSON.stringify({ version: '1.0.0', type, id: `ev-word-${++n}`, payload: { recording_id: 'r-1', room_name: 'standup' }, event_ts: 1708972280 });
			const ts = String(Math.floor(Date.now() / 1000));
			const signature = createHmac('sha256', Buffer.from(SECRET, 'base64')).update(`${ts}.${body}`).digest('base64');
			return await deliver(trigger, byWord, { body, headers: { 'X-Webhook-Signature': signature, 'X-Webhook-Timestamp': ts, 'Content-Type': 'application/json' } });
		};
		expect((await send('recording.ready-to-download')).run?.[0]).toMatchObject({ eventType: 'recording.ready-to-download', normalized: { event: 'recording.ready' } });
		expect((await send('recording.started')).run).toBeUndefined();
	});
});

