import type { IDataObject } from 'n8n-workflow';
import { MiroTalkTrigger, NORMALIZED } from '../../../nodes/MiroTalk/MiroTalkTrigger.node';
import { NORMALIZED_EVENTS } from '../../../nodes/shared/triggers/normalized';
import { deliver } from '../../helpers/trigger';
import { miroTalkWebhookBody } from '../../simulators/mirotalkWebhooks';

/**
 * Issue 28: the `normalized` key of the MiroTalk Trigger's output, for the bodies the SFU and P2P servers post
 * (test/simulators/mirotalkWebhooks.ts, from their Server.js / server.js; reference/providers.md §3.2, §3.3).
 */
const trigger = new MiroTalkTrigger();
const TOKEN = '6f0c2d9a8b7e4f1a3c5d7e9f0a1b2c3d4e5f6a7b8c9d0e1f';
const env = () => ({
	parameters: { events: ['join', 'exit', 'disconnect'], token: TOKEN, options: {} },
	staticData: {},
	webhookUrl: 'https://n8n.example.com/webhook/b1e6a7c2-3f4d-4e5a-9b8c-7d6e5f4a3b2c/mirotalk',
});
const at = new Date(Date.UTC(2026, 7, 21, 18, 31, 37, 123));
const AT = '2026-08-21T18:31:37.123Z';
async function run(body: unknown) {
	const outcome = await deliver(trigger, env(), { body: JSON.stringify(body), query: { token: TOKEN } });
	expect(outcome.run).toHaveLength(1);
	return outcome.run![0];
}
const peerOf = (data: Record<string, unknown>) => (data.peer_info ?? data.peer) as IDataObject;

describe('MiroTalk Trigger: normalized', () => {
	it('maps every MiroTalk event, to words of the vocabulary', () => {
		expect(Object.keys(NORMALIZED).sort()).toEqual(['disconnect', 'exit', 'join']);
		for (const to of Object.values(NORMALIZED)) expect(NORMALIZED_EVENTS).toContain(to);
	});

	it.each([
		['join', 'participant.joined'],
		['exit', 'participant.left'],
		['disconnect', 'participant.left'],
	] as const)('SFU %s → %s, with room, session_id and the peer', async (event, expected) => {
		const body = miroTalkWebhookBody('sfu', event, 'standup', { name: 'Ann', token: 'jwt' }, { at, sessionId: 's-1' });
		const peer = peerOf(body.data);
		const item = await run(body);
		expect(item).toMatchObject({ eventType: event, room: 'standup', occurredAt: AT });
		expect(item.normalized).toEqual({
			event: expected, provider: 'miroTalk', room: { id: 'standup', name: 'standup' }, sessionId: 's-1',
			participant: { id: peer.peer_uuid, userId: null, name: 'Ann' }, occurredAt: AT,
		});
	});

	it('P2P join (the client\'s join config: channel, peer_uuid, peer_name at the top): no session', async () => {
		const body = miroTalkWebhookBody('p2p', 'join', 'standup', { name: 'Bo', token: 'jwt', roomPassword: 'pw' }, { at });
		const item = await run(body);
		expect(item.normalized).toEqual({
			event: 'participant.joined', provider: 'miroTalk', room: { id: 'standup', name: 'standup' }, sessionId: null,
			participant: { id: body.data.peer_uuid, userId: null, name: 'Bo' }, occurredAt: AT,
		});
	});

	it('P2P disconnect names no peer (its peer is the room): a participant of nulls', async () => {
		const item = await run(miroTalkWebhookBody('p2p', 'disconnect', 'standup', { name: 'Bo' }, { at }));
		expect(item.normalized).toEqual({
			event: 'participant.left', provider: 'miroTalk', room: { id: 'standup', name: 'standup' }, sessionId: null,
			participant: { id: null, userId: null, name: null }, occurredAt: AT,
		});
	});
});
