import type { IDataObject } from 'n8n-workflow';
import { DigitalSambaApi } from '../../../credentials/DigitalSambaApi.credentials';
import { DigitalSambaTrigger } from '../../../nodes/DigitalSamba/DigitalSambaTrigger.node';
import { DIGITAL_SAMBA_EVENTS, digitalSambaNormalizedParts, NORMALIZED } from '../../../nodes/DigitalSamba/events';
import { NORMALIZED_EVENTS } from '../../../nodes/shared/triggers/normalized';
import { DS_KEY, FAST_RETRIES } from '../../helpers/digitalSamba';
import { deliver } from '../../helpers/trigger';

/**
 * Issue 28: the `normalized` key of the Digital Samba Trigger's output. The delivery is the docs page's payload
 * (reference/providers.md §2.3: `{eventType, sessionId, roomId, timestamp, data:{participantId, name, role}}`, the
 * shape the simulator's deliver() sends), and the skill's alternative `{event, timestamp, data:{room_id, …}}`.
 */
const trigger = new DigitalSambaTrigger(FAST_RETRIES);
const SECRET = 'a3f1c9e07b5d4c2a8e6f1b3d5c7a9e0f1b2c3d4e5f60718293a4b5c6d7e8f901';
const node = () => ({
	parameters: { eventSource: 'documented', events: DIGITAL_SAMBA_EVENTS.map(([value]) => value), options: {} },
	staticData: { webhookId: 'wh-1', secret: SECRET },
	credentials: { developerKey: DS_KEY, teamId: '', baseUrl: 'https://api.digitalsamba.com/api/v1' },
	credentialType: new DigitalSambaApi(),
	webhookUrl: 'https://n8n.example.com/webhook/b1e6a7c2/webhook',
});
const TS = 1675790387; // the docs' example timestamp
const AT = '2023-02-07T17:19:47.000Z';
async function run(body: IDataObject) {
	const outcome = await deliver(trigger, node(), { body: JSON.stringify(body), headers: { Authorization: `Bearer ${SECRET}` } });
	expect(outcome.run).toHaveLength(1);
	return outcome.run![0];
}
const documented = (eventType: string, data: IDataObject = {}, extra: IDataObject = {}) =>
	({ eventType, sessionId: `s-${eventType}`, roomId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f', timestamp: TS, data, ...extra });

describe('Digital Samba Trigger: normalized', () => {
	it('maps only Digital Samba events to the vocabulary, and only to its words', () => {
		const names = DIGITAL_SAMBA_EVENTS.map(([value]) => value);
		for (const [from, to] of Object.entries(NORMALIZED)) {
			expect(names).toContain(from);
			expect(NORMALIZED_EVENTS).toContain(to);
		}
	});

	it('participant_joined as the docs page sends it: room id, session id (top-level sessionId), the participant', async () => {
		const item = await run(documented('participant_joined', { participantId: '7f3e2d1c-0b9a-4876-9543-210fedcba987', name: 'John Smith', role: 'moderator' }));
		expect(item).toMatchObject({ eventType: 'participant_joined', room: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f', occurredAt: AT });
		expect(item.normalized).toEqual({
			event: 'participant.joined', provider: 'digitalSamba', room: { id: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f', name: null },
			sessionId: 's-participant_joined', participant: { id: '7f3e2d1c-0b9a-4876-9543-210fedcba987', userId: null, name: 'John Smith' }, occurredAt: AT,
		});
	});

	it.each([
		['session_started', 'meeting.started'],
		['session_ended', 'meeting.ended'],
		['participant_left', 'participant.left'],
		['recording_started', 'recording.started'],
		['recording_stopped', 'recording.stopped'],
		['recording_ready', 'recording.ready'],
		['session_transcript_ready', 'transcript.ready'],
		['session_summary_ready', 'summary.ready'],
		['recording_deleted', 'recording_deleted'],
		['question_asked', 'question_asked'],
	])('%s → %s', async (eventType, expected) => {
		const item = await run(documented(eventType));
		expect(item.normalized).toMatchObject({ event: expected, provider: 'digitalSamba', sessionId: `s-${eventType}`, occurredAt: AT });
		expect(Object.prototype.hasOwnProperty.call(item.normalized, 'participant')).toBe(eventType === 'participant_left');
	});

	it('reads the skill\'s form and the REST API\'s snake-case names too', async () => {
		const item = await run({ event: 'participant_left', timestamp: TS, data: { room_id: 'r-2', session_id: 's-2', participant_id: 'p-2', external_participant_id: '#123', name: 'Jane' } });
		expect(item.normalized).toEqual({
			event: 'participant.left', provider: 'digitalSamba', room: { id: 'r-2', name: null }, sessionId: 's-2',
			participant: { id: 'p-2', userId: '#123', name: 'Jane' }, occurredAt: AT,
		});
	});

	it('phone participants are participants; room events have none', () => {
		expect(digitalSambaNormalizedParts('phone_participant_muted', { data: { participantId: 'p-3' } }).participant).toEqual({ id: 'p-3', userId: null, name: null });
		expect(digitalSambaNormalizedParts('room_locked', { roomId: 'r-3' })).toEqual({ room: { id: 'r-3', name: null }, sessionId: null });
	});
});
