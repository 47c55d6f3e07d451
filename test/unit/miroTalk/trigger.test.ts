import type { IDataObject } from 'n8n-workflow';
import { miroTalkTime, MiroTalkTrigger } from '../../../nodes/MiroTalk/MiroTalkTrigger.node';
import { deliver, hookContext } from '../../helpers/trigger';
import { MiroTalkApi } from '../../../credentials/MiroTalkApi.credentials';
import { miroTalkDateTime, miroTalkWebhookBody } from '../../simulators/mirotalkWebhooks';

const trigger = new MiroTalkTrigger();
const TOKEN = '6f0c2d9a8b7e4f1a3c5d7e9f0a1b2c3d4e5f6a7b8c9d0e1f';

const env = (parameters: IDataObject = {}) => ({
	parameters: { events: ['join', 'exit', 'disconnect'], token: TOKEN, options: {}, ...parameters },
	staticData: {},
	webhookUrl: 'https://n8n.example.com/webhook/b1e6a7c2-3f4d-4e5a-9b8c-7d6e5f4a3b2c/mirotalk',
});

const peer = { peer_uuid: 'u-1', peer_id: 'sock-1', peer_name: 'Ann', peer_token: 'jwt-secret-token', peer_presenter: true, os_name: 'Linux' };
const sfuJoin = { event: 'join', data: { timestamp: '8/21/2026, 18:31:37:123', room_id: 'standup', session_id: 's-1', peer_info: peer } };
const sfuExit = { event: 'exit', data: { timestamp: '8/21/2026, 18:40:00:000', room_id: 'standup', session_id: 's-1', peer } };
const p2pJoin = { event: 'join', data: { timestamp: '8/21/2026, 18:31:37:123', room_id: 'standup', peer_token: 'p2p-token', channel: 'standup', peer_info: { peer_name: 'Bo' } } };

describe('MiroTalk Trigger', () => {
	it('activation checks the events, records the URL it serves, and deactivation forgets it', async () => {
		const hooks = (parameters: IDataObject, staticData: IDataObject) =>
			hookContext({ ...env(parameters), staticData, credentials: {}, credentialType: new MiroTalkApi() });
		const staticData: IDataObject = {};
		const methods = trigger.webhookMethods.default;
		await expect(methods.checkExists.call(hooks({}, staticData))).resolves.toBe(false);
		await expect(methods.create.call(hooks({ events: [] }, staticData))).rejects.toThrow('Choose at least one event in Events (join, exit, disconnect)');
		expect(staticData).toEqual({});
		await expect(methods.create.call(hooks({}, staticData))).resolves.toBe(true);
		await expect(methods.checkExists.call(hooks({}, staticData))).resolves.toBe(true);
		await expect(methods.delete.call(hooks({}, staticData))).resolves.toBe(true);
		expect(staticData).toEqual({});
	});

	it('starts a run for a join with the token, normalising time and removing peer_token', async () => {
		const outcome = await deliver(trigger, env(), { body: JSON.stringify(sfuJoin), query: { token: TOKEN } });
		const [item] = outcome.run!;
		expect(item).toMatchObject({ event: 'join', eventType: 'join', room: 'standup', occurredAt: '2026-08-21T18:31:37.123Z' });
		expect(JSON.stringify(item)).not.toContain('jwt-secret-token');
		const { peer_token: _removed, ...rest } = peer;
		expect((item.data as IDataObject).peer_info).toEqual(rest);
	});

	it('removes the P2P peer_token too, and keeps tokens only when asked', async () => {
		const removed = await deliver(trigger, env(), { body: JSON.stringify(p2pJoin), query: { token: TOKEN } });
		expect(JSON.stringify(removed.run)).not.toContain('p2p-token');
		const kept = await deliver(trigger, env({ options: { keepPeerToken: true } }), { body: JSON.stringify(sfuExit), query: { token: TOKEN } });
		expect(((kept.run![0].data as IDataObject).peer as IDataObject).peer_token).toBe('jwt-secret-token');
	});

	it('reads the server time in the configured zone', () => {
		expect(miroTalkTime('8/21/2026, 18:31:37:123', 'Europe/Rome')).toBe('2026-08-21T16:31:37.123Z');
		expect(miroTalkTime('not a time', 'UTC')).toBeNull();
	});

	it.each([
		['no token', undefined],
		['a wrong token of equal length', 'x'.repeat(TOKEN.length)],
		['a short token', 'abc'],
	])('refuses %s with 401', async (_name, token) => {
		const outcome = await deliver(trigger, env(), { body: JSON.stringify(sfuJoin), query: token === undefined ? {} : { token } });
		expect(outcome).toMatchObject({ status: 401, run: undefined });
		expect(JSON.stringify(outcome.json)).not.toContain(TOKEN);
	});

	it('answers 400 for a body that is not a MiroTalk event, 200 for an event not chosen', async () => {
		expect(await deliver(trigger, env(), { body: 'nope', query: { token: TOKEN } })).toMatchObject({ status: 400, run: undefined });
		expect(await deliver(trigger, env(), { body: '{"event":"join"}', query: { token: TOKEN } })).toMatchObject({ status: 400, run: undefined });
		expect(await deliver(trigger, env({ events: ['exit'] }), { body: JSON.stringify(sfuJoin), query: { token: TOKEN } })).toMatchObject({ status: 200, run: undefined });
	});

	it('without a token, the per-node URL alone admits deliveries', async () => {
		const outcome = await deliver(trigger, env({ token: '' }), { body: JSON.stringify({ ...sfuExit, data: { ...sfuExit.data, session_id: 's-2' } }) });
		expect(outcome.run).toHaveLength(1);
	});

	it('runs every copy of a delivery (MiroTalk neither signs nor retries), refuses a body that is not JSON by type (400) or too big (400)', async () => {
		// P2P's disconnect carries no peer identity: two genuine ones in one millisecond are equal bytes.
		const body = JSON.stringify(miroTalkWebhookBody('p2p', 'disconnect', 'standup', { name: 'Ann' }, { at: new Date('2026-08-21T18:31:37.123Z') }));
		const node = env();
		expect((await deliver(trigger, node, { body, query: { token: TOKEN } })).run).toHaveLength(1);
		expect((await deliver(trigger, node, { body, query: { token: TOKEN } })).run).toHaveLength(1);
		const fresh = JSON.stringify({ ...sfuJoin, data: { ...sfuJoin.data, session_id: 's-type' } });
		expect(await deliver(trigger, env(), { body: fresh, query: { token: TOKEN }, headers: { 'content-type': 'text/plain' } })).toMatchObject({ status: 400, run: undefined });
		const big = JSON.stringify({ ...sfuJoin, data: { ...sfuJoin.data, session_id: 's-big', padding: 'x'.repeat(1024 * 1024) } });
		expect(await deliver(trigger, env(), { body: big, query: { token: TOKEN } })).toMatchObject({ status: 400, json: { error: 'body larger than 1048576 bytes' }, run: undefined });
	});

	describe('the payloads of the real servers (test/simulators/mirotalkWebhooks.ts, from their code)', () => {
		const at = new Date('2026-08-21T18:31:37.123Z');
		const run = async (body: unknown, parameters: IDataObject = {}) => (await deliver(trigger, env(parameters), { body: JSON.stringify(body), query: { token: TOKEN } })).run![0];

		it('SFU join, exit and disconnect name the room and the time; peer_token removed', async () => {
			for (const event of ['join', 'exit', 'disconnect'] as const) {
				const item = await run(miroTalkWebhookBody('sfu', event, 'R&D #1', { name: 'Ann', token: 'peer-jwt-1' }, { at }));
				expect(item).toMatchObject({ eventType: event, room: 'R&D #1', occurredAt: '2026-08-21T18:31:37.123Z' });
				expect(JSON.stringify(item)).not.toContain('peer-jwt-1');
			}
		});

		it('P2P join: the room is the join config\'s channel; channel_password and peer_token removed', async () => {
			const item = await run(miroTalkWebhookBody('p2p', 'join', 'standup', { name: 'Bo', token: 'p2p-jwt', roomPassword: 'r00m-pw' }, { at }));
			expect(item).toMatchObject({ eventType: 'join', room: 'standup', occurredAt: '2026-08-21T18:31:37.123Z' });
			expect((item.data as IDataObject).peer_name).toBe('Bo');
			expect(JSON.stringify(item)).not.toContain('r00m-pw');
			expect(JSON.stringify(item)).not.toContain('p2p-jwt');
			// Keep Peer Token keeps the peer's token, never the room password.
			const kept = await run(miroTalkWebhookBody('p2p', 'join', 'standup', { name: 'Bo', token: 'p2p-jwt', roomPassword: 'r00m-pw' }, { at }), { options: { keepPeerToken: true } });
			expect((kept.data as IDataObject).peer_token).toBe('p2p-jwt');
			expect(JSON.stringify(kept)).not.toContain('r00m-pw');
		});

		it('P2P disconnect names the room', async () => {
			expect(await run(miroTalkWebhookBody('p2p', 'disconnect', 'standup', { name: 'Bo' }, { at }))).toMatchObject({ eventType: 'disconnect', room: 'standup' });
		});

		it('reads the hour after midnight, which the servers print as 24', async () => {
			const late = new Date('2026-08-21T00:05:07.009Z');
			const printed = miroTalkDateTime(late, 'UTC');
			expect(miroTalkTime(printed, 'UTC')).toBe('2026-08-21T00:05:07.009Z');
			// As Node 20's ICU prints it (h24 cycle with hour12: false), whatever this machine's ICU does.
			expect(miroTalkTime('8/21/2026, 24:05:07:009', 'UTC')).toBe('2026-08-21T00:05:07.009Z');
			expect(miroTalkTime('8/21/2026, 24:59:59:999', 'Europe/Rome')).toBe('2026-08-20T22:59:59.999Z');
		});
	});

	describe('version 1.1: the token in the MiroTalk credential', () => {
		const v11 = (webhookToken: string, parameters: IDataObject = {}) => ({
			...env(parameters),
			node: { typeVersion: 1.1 },
			credentials: { serverUrl: 'https://sfu.example.com', apiKey: '', webhookToken, product: 'sfu' },
			credentialType: new MiroTalkApi(),
		});

		it('admits a delivery with the credential\'s token, and ignores a token parameter left in the workflow', async () => {
			const body = JSON.stringify(sfuJoin);
			expect((await deliver(trigger, v11(TOKEN), { body, query: { token: TOKEN } })).run).toHaveLength(1);
			expect(await deliver(trigger, v11(TOKEN, { token: 'old-param' }), { body, query: { token: 'old-param' } })).toMatchObject({ status: 401, run: undefined });
		});

		it('refuses every delivery, and activation, when the credential has no token', async () => {
			expect(await deliver(trigger, v11(''), { body: JSON.stringify(sfuJoin), query: {} })).toMatchObject({ status: 401, run: undefined });
			await expect(trigger.webhookMethods.default.create.call(hookContext({ ...v11(''), staticData: {} }))).rejects.toThrow('The MiroTalk credential has no Webhook Token');
		});

		it('keeps the token out of the node\'s parameters: version 1.1 shows no token field and needs the credential', () => {
			const token = trigger.description.properties.find((p) => p.name === 'token')!;
			expect(token.displayOptions).toEqual({ show: { '@version': [1] } });
			expect(trigger.description.credentials).toEqual([{ name: 'miroTalkApi', required: true, displayOptions: { show: { '@version': [1.1] } } }]);
			expect(trigger.description.defaultVersion).toBe(1.1);
		});
	});
});
