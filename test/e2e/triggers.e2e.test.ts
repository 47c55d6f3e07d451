import { startDailySimulator, type DailySimulator } from '../simulators/daily';
import { startDigitalSambaSimulator, type DigitalSambaSimulator } from '../simulators/digitalSamba';
import { registerSecrets } from './capture';
import { createRuntime, freePort, startServer, type N8nRuntime, type N8nServer } from './n8n';

/** Each trigger activated in a real n8n: registration, signed deliveries, forged ones, deactivation. */
const DAILY_KEY = 'e2e_trigger_daily_key_7c1e';
const MIROTALK_TOKEN = 'e2e-mirotalk-token-3f9a0c6e2b1d4a5f';
const DS_KEY = 'e2e_trigger_ds_key_5d8a2c';
const DS_TEAM = '9f1e2d3c-4b5a-4678-9abc-def012345678';

let n8n: N8nRuntime;
let server: N8nServer;
let daily: DailySimulator;
let ds: DigitalSambaSimulator;

function triggerWorkflow(id: string, trigger: object) {
	return {
		id,
		name: `e2e ${id}`,
		active: false,
		nodes: [
			{ position: [0, 0], ...trigger, name: 'Trigger' },
			{ id: `${id}-noop`, name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0], parameters: {} },
		],
		connections: { Trigger: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
	};
}

async function waitForExecutions(workflowId: string, count: number, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	let executions = await server.executions(workflowId);
	const running = () => executions.some((e) => ['new', 'running', 'waiting'].includes(e.status));
	while ((executions.length < count || running()) && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 500));
		executions = await server.executions(workflowId);
	}
	// A little longer, so that runs which should not happen would show up.
	await new Promise((r) => setTimeout(r, 1500));
	return await server.executions(workflowId);
}

beforeAll(async () => {
	daily = await startDailySimulator({ apiKey: DAILY_KEY });
	ds = await startDigitalSambaSimulator({ developerKey: DS_KEY, teamId: DS_TEAM });
	n8n = createRuntime();
	await n8n.importCredentials([
		{ id: 'dailyTrigCred001', name: 'Daily Simulator', type: 'dailyApi', data: { apiKey: DAILY_KEY, baseUrl: daily.url } },
		{ id: 'dsTrigCred000001', name: 'Digital Samba Simulator', type: 'digitalSambaApi', data: { developerKey: DS_KEY, teamId: '', baseUrl: ds.url } },
	]);
	await n8n.importWorkflow(
		triggerWorkflow('DsTrigE2e0000001', {
			id: 'ds-trigger-id',
			type: 'n8n-nodes-video-conferencing.digitalSambaTrigger',
			typeVersion: 1,
			webhookId: '8c2f5a3b-0e4d-4f7c-9a1b-3d4e5f6a7b82',
			parameters: { eventSource: 'documented', events: ['participant_joined', 'recording_ready'], options: {} },
			credentials: { digitalSambaApi: { id: 'dsTrigCred000001', name: 'Digital Samba Simulator' } },
		}),
	);
	await n8n.importWorkflow(
		triggerWorkflow('DailyTrigE2e0001', {
			id: 'daily-trigger-id',
			type: 'n8n-nodes-video-conferencing.dailyTrigger',
			typeVersion: 1,
			webhookId: '6a0f3d1e-8c2b-4d5a-9e7f-1b2c3d4e5f60',
			parameters: { events: ['participant.joined', 'meeting.ended'], roomName: '', options: {} },
			credentials: { dailyApi: { id: 'dailyTrigCred001', name: 'Daily Simulator' } },
		}),
	);
	await n8n.importWorkflow(
		triggerWorkflow('MiroTrigE2e00001', {
			id: 'mirotalk-trigger-id',
			type: 'n8n-nodes-video-conferencing.miroTalkTrigger',
			typeVersion: 1,
			webhookId: '7b1e4f2a-9d3c-4e6b-8f0a-2c3d4e5f6a71',
			parameters: { events: ['join', 'exit'], token: MIROTALK_TOKEN, options: {} },
		}),
	);
	server = await startServer(n8n, await freePort());
}, 25 * 60_000);

afterAll(async () => {
	await server?.stop();
	registerSecrets(
		MIROTALK_TOKEN,
		...(daily?.issuedSecrets ?? []),
		...(ds?.state.webhooks ?? []).map((hook) => String(hook.authorization_header ?? '').replace(/^Bearer /, '')),
	);
	await daily?.close();
	await ds?.close();
	n8n?.cleanup();
});

describe('Daily Trigger in n8n', () => {
	const workflowId = 'DailyTrigE2e0001';

	it('registers on activation (answering Daily\'s test request), runs once per genuine event and never for forged ones', async () => {
		await server.activate(workflowId);
		expect(daily.webhooks).toHaveLength(1);
		const [hook] = daily.webhooks;
		expect(hook.url).toBe(`${server.url}/webhook/6a0f3d1e-8c2b-4d5a-9e7f-1b2c3d4e5f60/webhook`);
		expect(hook.eventTypes).toEqual(['participant.joined', 'meeting.ended']);

		const genuine = [];
		for (let i = 0; i < 5; i++) genuine.push(await daily.deliver('participant.joined', { room: 'standup', session_id: `s-${i}`, user_name: `User ${i}` }));
		expect(genuine).toEqual([200, 200, 200, 200, 200]);

		const now = String(Math.floor(Date.now() / 1000));
		const body = JSON.stringify({ version: '1.0.0', type: 'meeting.ended', id: 'ev-once', payload: { room: 'standup' }, event_ts: Number(now) });
		const valid = { 'x-webhook-signature': daily.sign(hook.hmac, now, body), 'x-webhook-timestamp': now };
		const stale = String(Number(now) - 3600);
		const forged = [
			await daily.deliverRaw(body, valid), // genuine, once
			await daily.deliverRaw(body, valid), // the same delivery replayed
			await daily.deliverRaw(body, { ...valid, 'x-webhook-signature': daily.sign(Buffer.alloc(32, 7).toString('base64'), now, body) }),
			await daily.deliverRaw(body, { 'x-webhook-signature': daily.sign(hook.hmac, stale, body), 'x-webhook-timestamp': stale }),
			await daily.deliverRaw(body, {}),
			await daily.deliverRaw(body.replace('standup', 'retro'), valid),
		];
		expect(forged).toEqual([200, 401, 401, 401, 401, 401]);
		expect(await daily.deliver('recording.started', { room_name: 'standup' })).toBeUndefined();

		const executions = await waitForExecutions(workflowId, 6);
		expect(executions).toHaveLength(6);
		expect(executions.every((e) => e.status === 'success')).toBe(true);
	}, 120_000);

	it('removes its webhook on deactivation and creates exactly one again on the next activation', async () => {
		await server.deactivate(workflowId);
		expect(daily.webhooks).toHaveLength(0);
		await server.activate(workflowId);
		expect(daily.webhooks).toHaveLength(1);
		await server.deactivate(workflowId);
		expect(daily.webhooks).toHaveLength(0);
	}, 60_000);
});

describe('Digital Samba Trigger in n8n', () => {
	const workflowId = 'DsTrigE2e0000001';
	const live = () => ds.state.webhooks.filter((h) => !(h as { deleted?: boolean }).deleted);

	it('registers with a Bearer secret, runs once per genuine delivery, never for forged ones, and cleans up', async () => {
		await server.activate(workflowId);
		expect(live()).toHaveLength(1);
		const [hook] = live();
		expect(hook.endpoint).toBe(`${server.url}/webhook/8c2f5a3b-0e4d-4f7c-9a1b-3d4e5f6a7b82/webhook`);
		expect(hook.authorization_header).toMatch(/^Bearer [0-9a-f]{64}$/);

		const genuine = [];
		for (let i = 0; i < 4; i++) genuine.push(...(await ds.deliver('participant_joined', { participantId: `p-${i}`, name: `P${i}` })));
		expect(genuine).toEqual([200, 200, 200, 200]);
		const body = JSON.stringify({ eventType: 'participant_joined', roomId: 'r', sessionId: 's', timestamp: Math.floor(Date.now() / 1000), data: {} });
		const forged = await Promise.all([
			fetch(hook.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.status),
			fetch(hook.endpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${'0'.repeat(64)}` }, body }).then((r) => r.status),
		]);
		expect(forged).toEqual([401, 401]);

		const executions = await waitForExecutions(workflowId, 4);
		expect(executions).toHaveLength(4);
		await server.deactivate(workflowId);
		expect(live()).toHaveLength(0);
		const logs = server.logs();
		expect(logs).not.toContain(DS_KEY);
		expect(logs).not.toContain(String(hook.authorization_header).slice(7));
	}, 120_000);
});

describe('MiroTalk Trigger in n8n', () => {
	const workflowId = 'MiroTrigE2e00001';
	const url = () => `${server.url}/webhook/7b1e4f2a-9d3c-4e6b-8f0a-2c3d4e5f6a71/mirotalk`;
	const post = (query: string, body: unknown) =>
		fetch(`${url()}${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.status);
	const join = (i: number) => ({ event: 'join', data: { timestamp: '8/21/2026, 18:31:37:123', room_id: 'standup', session_id: `s-${i}`, peer_info: { peer_name: `P${i}`, peer_token: 'secret-peer-token' } } });

	it('runs once per delivery with the token, never without it', async () => {
		await server.activate(workflowId);
		const statuses = [
			await post(`?token=${MIROTALK_TOKEN}`, join(1)),
			await post(`?token=${MIROTALK_TOKEN}`, join(2)),
			await post(`?token=${MIROTALK_TOKEN}`, { event: 'disconnect', data: { room_id: 'standup' } }), // not chosen
			await post('', join(3)),
			await post(`?token=${'x'.repeat(MIROTALK_TOKEN.length)}`, join(4)),
		];
		expect(statuses).toEqual([200, 200, 200, 401, 401]);
		const executions = await waitForExecutions(workflowId, 2);
		expect(executions).toHaveLength(2);
		await server.deactivate(workflowId);
	}, 60_000);
});

it('keeps secrets out of n8n\'s log', () => {
	const logs = server.logs();
	expect(logs).not.toContain(DAILY_KEY);
	expect(logs).not.toContain(MIROTALK_TOKEN);
	for (const hook of daily.webhooks) expect(logs).not.toContain(hook.hmac);
});
