import { startDailySimulator, type DailySimulator } from '../simulators/daily';
import { createRuntime, freePort, manualWorkflow, startServer, type N8nRuntime, type N8nServer } from './n8n';
import { actionNode } from './workflows';

/**
 * n8n's Stop button on a run that waits: a Daily node whose request the simulator answers only after 25 s (under the
 * kernel's 30 s timeout, so nothing else ends it). Stopped a few seconds in, the execution must end as cancelled long
 * before the answer would have come, and the node must not go on to a second request.
 */
const KEY = 'e2e_stop_daily_key_2a7d';
const CREDENTIAL = { id: 'stopDailyCred001', name: 'Daily (stop)' };
const WORKFLOW = 'StopE2eDaily0001';
const ANSWER_AFTER_MS = 25_000;

let n8n: N8nRuntime;
let server: N8nServer;
let daily: DailySimulator;

beforeAll(async () => {
	daily = await startDailySimulator({ apiKey: KEY, latencyMs: ANSWER_AFTER_MS });
	n8n = createRuntime();
	await n8n.importCredentials([{ ...CREDENTIAL, type: 'dailyApi', data: { apiKey: KEY, baseUrl: daily.url } }]);
	await n8n.importWorkflow(manualWorkflow(WORKFLOW, 'Stop e2e: a slow Daily call', [actionNode('daily', CREDENTIAL)('Get Room', { resource: 'room', operation: 'get', roomName: 'standup' }, 200)]));
	server = await startServer(n8n, await freePort());
}, 25 * 60_000);

afterAll(async () => {
	await server?.stop();
	await daily?.close();
	n8n?.cleanup();
});

it('Stop ends a run waiting on a provider call long before the call would have answered', async () => {
	const { body: workflow } = await server.rest('GET', `/workflows/${WORKFLOW}`);
	const run = await server.rest('POST', `/workflows/${WORKFLOW}/run`, { workflowData: workflow.data, triggerToStartFrom: { name: 'Start' } });
	const executionId = run.body?.data?.executionId;
	expect(executionId).toBeTruthy();
	// Wait until the node's request has reached the simulator.
	const deadline = Date.now() + 60_000;
	while (daily.arrived === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
	expect(daily.arrived).toBe(1);

	const stoppedAt = Date.now();
	const stop = await server.rest('POST', `/executions/${executionId}/stop`);
	expect(stop.status).toBeLessThan(300);
	let status = '';
	while (Date.now() - stoppedAt < ANSWER_AFTER_MS) {
		const { body } = await server.rest('GET', `/executions/${executionId}`);
		status = body?.data?.status ?? '';
		if (['canceled', 'crashed', 'error', 'success'].includes(status)) break;
		await new Promise((r) => setTimeout(r, 250));
	}
	const endedAfterMs = Date.now() - stoppedAt;
	expect(status).toBe('canceled');
	expect(endedAfterMs).toBeLessThan(10_000);
	// The cancelled call was not retried.
	await new Promise((r) => setTimeout(r, 2_000));
	expect(daily.arrived).toBe(1);
}, 180_000);
