import { startDailySimulator, type DailySimulator } from '../simulators/daily';
import { startDigitalSambaSimulator, type DigitalSambaSimulator } from '../simulators/digitalSamba';
import { createRuntime, freePort, startServer, type N8nRuntime, type N8nServer } from './n8n';
import {
	DAILY_TRIGGER_WEBHOOK_ID,
	DS_TRIGGER_WEBHOOK_ID,
	dailyDeliveries,
	dailyTriggerNode,
	dsDeliveries,
	dsTriggerNode,
	miroTalkDeliveries,
	miroTalkTriggerNode,
	triggerWorkflow,
	waitForExecutions as waitFor,
	closeTriggerTest,
} from './workflows';

/** Each trigger activated in a real n8n: registration, signed deliveries, forged ones, deactivation. */
const DAILY_KEY = 'e2e_trigger_daily_key_7c1e';
const MIROTALK_TOKEN = 'e2e-mirotalk-token-3f9a0c6e2b1d4a5f';
const DS_KEY = 'e2e_trigger_ds_key_5d8a2c';
const DS_TEAM = '9f1e2d3c-4b5a-4678-9abc-def012345678';

let n8n: N8nRuntime;
let server: N8nServer;
let daily: DailySimulator;
let ds: DigitalSambaSimulator;

const waitForExecutions = (workflowId: string, count: number) => waitFor(server, workflowId, count, 30_000);

beforeAll(async () => {
	daily = await startDailySimulator({ apiKey: DAILY_KEY });
	ds = await startDigitalSambaSimulator({ developerKey: DS_KEY, teamId: DS_TEAM });
	n8n = createRuntime();
	await n8n.importCredentials([
		{ id: 'dailyTrigCred001', name: 'Daily Simulator', type: 'dailyApi', data: { apiKey: DAILY_KEY, baseUrl: daily.url } },
		{ id: 'dsTrigCred000001', name: 'Digital Samba Simulator', type: 'digitalSambaApi', data: { developerKey: DS_KEY, teamId: '', baseUrl: ds.url } },
	]);
	await n8n.importWorkflow(triggerWorkflow('DsTrigE2e0000001', dsTriggerNode({ id: 'dsTrigCred000001', name: 'Digital Samba Simulator' })));
	await n8n.importWorkflow(triggerWorkflow('DailyTrigE2e0001', dailyTriggerNode({ id: 'dailyTrigCred001', name: 'Daily Simulator' })));
	await n8n.importWorkflow(triggerWorkflow('MiroTrigE2e00001', miroTalkTriggerNode(MIROTALK_TOKEN)));
	server = await startServer(n8n, await freePort());
}, 25 * 60_000);

afterAll(async () => {
	await server?.stop();
	await closeTriggerTest(MIROTALK_TOKEN, daily, ds, n8n);
});

describe('Daily Trigger in n8n', () => {
	const workflowId = 'DailyTrigE2e0001';

	it('registers on activation (answering Daily\'s test request), runs once per genuine event and never for forged ones', async () => {
		await server.activate(workflowId);
		expect(daily.webhooks).toHaveLength(1);
		const [hook] = daily.webhooks;
		expect(hook.url).toBe(`${server.url}/webhook/${DAILY_TRIGGER_WEBHOOK_ID}/webhook`);
		expect(hook.eventTypes).toEqual(['participant.joined', 'meeting.ended']);

		const deliveries = await dailyDeliveries(daily, hook.hmac);
		expect(deliveries.statuses).toEqual(deliveries.expected);

		const executions = await waitForExecutions(workflowId, deliveries.executions);
		expect(executions).toHaveLength(deliveries.executions);
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
		expect(hook.endpoint).toBe(`${server.url}/webhook/${DS_TRIGGER_WEBHOOK_ID}/webhook`);
		expect(hook.authorization_header).toMatch(/^Bearer [0-9a-f]{64}$/);

		const deliveries = await dsDeliveries(ds, hook.endpoint);
		expect(deliveries.statuses).toEqual(deliveries.expected);

		const executions = await waitForExecutions(workflowId, deliveries.executions);
		expect(executions).toHaveLength(deliveries.executions);
		await server.deactivate(workflowId);
		expect(live()).toHaveLength(0);
		const logs = server.logs();
		expect(logs).not.toContain(DS_KEY);
		expect(logs).not.toContain(String(hook.authorization_header).slice(7));
	}, 120_000);
});

describe('MiroTalk Trigger in n8n', () => {
	const workflowId = 'MiroTrigE2e00001';
	it('runs once per delivery with the token, never without it', async () => {
		await server.activate(workflowId);
		const deliveries = await miroTalkDeliveries(server.url, MIROTALK_TOKEN);
		expect(deliveries.statuses).toEqual(deliveries.expected);
		const executions = await waitForExecutions(workflowId, deliveries.executions);
		expect(executions).toHaveLength(deliveries.executions);
		await server.deactivate(workflowId);
	}, 60_000);
});

it('keeps secrets out of n8n\'s log', () => {
	const logs = server.logs();
	expect(logs).not.toContain(DAILY_KEY);
	expect(logs).not.toContain(MIROTALK_TOKEN);
	for (const hook of daily.webhooks) expect(logs).not.toContain(hook.hmac);
});
