import { recordFigure } from '../helpers/figures';
import { DAILY_DOCUMENTED_LIMITS, startDailySimulator, type DailySimulator } from '../simulators/daily';
import { startDigitalSambaSimulator, type DigitalSambaSimulator } from '../simulators/digitalSamba';
import { startMiroTalkSimulator, type MiroTalkSimulator } from '../simulators/mirotalk';
import { registerSecrets } from './capture';
import { importInto, manualWorkflow, nodeOutput, type RunData } from './n8n';
import { startQueueCluster, type QueueCluster } from './queue';
import {
	actionNode,
	DAILY_MISSING_ROOM_ERROR,
	DAILY_TRIGGER_WEBHOOK_ID,
	DS_TRIGGER_WEBHOOK_ID,
	dailyDeliveries,
	dailyLifecycleNodes,
	dailyMissingRoomNodes,
	dailyTriggerNode,
	dsDeliveries,
	dsLifecycleNodes,
	dsTriggerNode,
	expectDailyLifecycle,
	expectDsLifecycle,
	expectMiroTalkSfu,
	miroTalkDeliveries,
	miroTalkJoin,
	miroTalkSfuNodes,
	miroTalkTriggerNode,
	miroTalkTriggerUrl,
	postJson,
	seedSfuPeers,
	triggerWorkflow,
	waitForExecutions,
	type Deliveries,
	type Output,
} from './workflows';

/**
 * Reliability scenario 6: the e2e workflows and trigger deliveries in n8n's queue mode (PostgreSQL, Redis, one main,
 * two workers, one webhook processor behind a path-splitting proxy) give the results the single process gives.
 */
const DAILY_KEY = 'e2e_queue_daily_key_4b7d1e';
const DS_KEY = 'e2e_queue_ds_key_8e2c5a';
const DS_TEAM = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const SFU_KEY = 'e2e_queue_sfu_secret_1d9f';
const MIROTALK_TOKEN = 'e2e-queue-mirotalk-token-6c2e9a1f4b8d';
const CREDENTIALS = {
	daily: { id: 'queueDailyCred01', name: 'Daily Simulator' },
	ds: { id: 'queueDsCredent01', name: 'Digital Samba Simulator' },
	sfu: { id: 'queueSfuCredent1', name: 'MiroTalk SFU Simulator' },
};
/** A burst of genuine MiroTalk deliveries sent at once, so that both workers get some. */
const BURST = 20;
/** A Daily that enforces its documented limits (20/s, 100/5 s), and a workflow that lists its rooms and reads each. */
const LIMITED_KEY = 'e2e_queue_daily_limited_key_93f0';
const LIMITED_CREDENTIAL = { id: 'queueDailyLimit1', name: 'Daily Simulator (limits enforced)' };
const LIMITED_WORKFLOW = 'QueueDailyLimit1';
const LIMITED_RUNS = 4;
let limited: DailySimulator;

let cluster: QueueCluster;
let daily: DailySimulator;
let ds: DigitalSambaSimulator;
let sfu: MiroTalkSimulator;
const startedAt = Date.now();

/** A workflow of `nodes` started by a production Webhook node named "Start": the way a worker gets to run it. */
function webhookStarted(id: string, nodes: Array<{ name: string; [key: string]: unknown }>) {
	const workflow = manualWorkflow(id, `queue e2e ${id}`, nodes);
	const start = workflow.nodes[0] as { parameters: object; type: string; typeVersion: number; webhookId?: string };
	Object.assign(start, {
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: `${id}-hook`,
		parameters: { httpMethod: 'POST', path: id.toLowerCase(), responseMode: 'onReceived', options: {} },
	});
	return { ...workflow, settings: { ...workflow.settings, saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' } };
}

const ACTIONS = {
	QueueDailyLife01: dailyLifecycleNodes(CREDENTIALS.daily),
	QueueDailyErr001: dailyMissingRoomNodes(CREDENTIALS.daily),
	QueueDsLifecyc01: dsLifecycleNodes(CREDENTIALS.ds),
	QueueMiroSfu0001: miroTalkSfuNodes(CREDENTIALS.sfu),
};
const TRIGGERS = { daily: 'QueueDailyTrig01', ds: 'QueueDsTrigger01', miroTalk: 'QueueMiroTrig001' };

/** Every execution the test saw, by workflow, for the worker spread and the figure. */
const seen: Array<{ workflowId: string; id: string; status: string }> = [];
const results = { workflows: 0, deliveries: 0, rejected: 0, webhooksRemoved: 0 };

async function outputOf(executionId: string): Promise<{ status: string; output: Output; resultData: any }> {
	const { status, resultData } = await cluster.runData(executionId);
	return { status, resultData, output: (node) => nodeOutput({ data: { resultData } } as RunData, node) };
}

async function expectExecutions(workflowId: string, deliveries: Deliveries) {
	expect(deliveries.statuses).toEqual(deliveries.expected);
	results.deliveries += deliveries.statuses.filter((s) => s !== undefined).length;
	results.rejected += deliveries.statuses.filter((s) => s === 401).length;
	const executions = await waitForExecutions(cluster.main, workflowId, deliveries.executions);
	expect(executions).toHaveLength(deliveries.executions);
	expect(executions.map((e) => e.status)).toEqual(executions.map(() => 'success'));
	seen.push(...executions.map((e) => ({ workflowId, ...e })));
	return executions;
}

beforeAll(async () => {
	daily = await startDailySimulator({ apiKey: DAILY_KEY });
	daily.seedRooms(150);
	ds = await startDigitalSambaSimulator({ developerKey: DS_KEY, teamId: DS_TEAM });
	for (let i = 0; i < 130; i++) ds.seedRoom({ friendly_url: `seed-room-${i}` });
	limited = await startDailySimulator({ apiKey: LIMITED_KEY, rateLimits: DAILY_DOCUMENTED_LIMITS });
	limited.seedRooms(50);
	sfu = await startMiroTalkSimulator({ product: 'sfu', apiKey: SFU_KEY, allowed: { meetings: true, meetingEnd: true, token: true } });
	seedSfuPeers(sfu);
	cluster = await startQueueCluster(async (runtime) => {
		await runtime.importCredentials([
			{ ...CREDENTIALS.daily, type: 'dailyApi', data: { apiKey: DAILY_KEY, baseUrl: daily.url } },
			{ ...CREDENTIALS.ds, type: 'digitalSambaApi', data: { developerKey: DS_KEY, teamId: DS_TEAM, baseUrl: ds.url } },
			{ ...CREDENTIALS.sfu, type: 'miroTalkApi', data: { serverUrl: sfu.url, apiKey: SFU_KEY, product: 'sfu' } },
			{ ...LIMITED_CREDENTIAL, type: 'dailyApi', data: { apiKey: LIMITED_KEY, baseUrl: limited.url } },
		]);
		// One import for all of them: every CLI command is a slow n8n start.
		await importInto(runtime.bin, runtime.env, 'workflow', [
			...Object.entries(ACTIONS).map(([id, nodes]) => webhookStarted(id, nodes)),
			webhookStarted(LIMITED_WORKFLOW, [
				actionNode('daily', LIMITED_CREDENTIAL)('List Rooms', { resource: 'room', operation: 'getAll', returnAll: true }, 200),
				actionNode('daily', LIMITED_CREDENTIAL)('Get Room', { resource: 'room', operation: 'get', roomName: '={{ $json.name }}' }, 400),
			]),
			triggerWorkflow(TRIGGERS.daily, dailyTriggerNode(CREDENTIALS.daily)),
			triggerWorkflow(TRIGGERS.ds, dsTriggerNode(CREDENTIALS.ds)),
			triggerWorkflow(TRIGGERS.miroTalk, miroTalkTriggerNode(MIROTALK_TOKEN)),
		]);
	});
}, 30 * 60_000);

afterAll(async () => {
	registerSecrets(
		MIROTALK_TOKEN,
		...(daily?.issuedSecrets ?? []),
		...(ds?.state.webhooks ?? []).map((hook) => String(hook.authorization_header ?? '').replace(/^Bearer /, '')),
	);
	await cluster?.stop();
	await Promise.all([daily?.close(), ds?.close(), sfu?.close(), limited?.close()]);
}, 120_000);

it('runs the action workflows of all three providers on the workers with the single-process results', async () => {
	const ids = Object.keys(ACTIONS);
	for (const id of ids) await cluster.main.activate(id);
	// All at once, through the load balancer to the webhook processor, which queues them for the workers.
	const statuses = await Promise.all(ids.map((id) => postJson(`${cluster.url}/webhook/${id.toLowerCase()}`, {})));
	expect(statuses).toEqual(ids.map(() => 200));

	const finished = await Promise.all(ids.map(async (id) => [id, (await waitForExecutions(cluster.main, id, 1, 120_000))] as const));
	for (const [id, executions] of finished) {
		expect(executions).toHaveLength(1);
		seen.push({ workflowId: id, ...executions[0] });
	}
	const run = Object.fromEntries(await Promise.all(finished.map(async ([id, [execution]]) => [id, await outputOf(execution.id)] as const)));

	expect(run.QueueDailyLife01.status).toBe('success');
	expectDailyLifecycle(run.QueueDailyLife01.output, daily);
	expect(run.QueueDsLifecyc01.status).toBe('success');
	expectDsLifecycle(run.QueueDsLifecyc01.output, ds);
	expect(run.QueueMiroSfu0001.status).toBe('success');
	expectMiroTalkSfu(run.QueueMiroSfu0001.output, sfu);
	// The provider's error fails the execution as in one process, and nothing of the key is in it.
	expect(run.QueueDailyErr001.status).toBe('error');
	const error = JSON.stringify(run.QueueDailyErr001.resultData.error);
	expect(error).toContain(DAILY_MISSING_ROOM_ERROR);
	for (const { resultData } of Object.values(run)) expect(JSON.stringify(resultData)).not.toMatch(new RegExp(`${DAILY_KEY}|${DS_KEY}|${SFU_KEY}`));

	for (const id of ids) await cluster.main.deactivate(id);
	results.workflows += ids.length;
}, 300_000);

describe('triggers: activated on main, deliveries through the webhook processor, runs on the workers', () => {
	it('Daily Trigger: registers the load balancer URL, runs once per genuine event, never for forged ones, cleans up', async () => {
		await cluster.main.activate(TRIGGERS.daily);
		expect(daily.webhooks).toHaveLength(1);
		const [hook] = daily.webhooks;
		expect(hook.url).toBe(`${cluster.url}/webhook/${DAILY_TRIGGER_WEBHOOK_ID}/webhook`);
		const executions = await expectExecutions(TRIGGERS.daily, await dailyDeliveries(daily, hook.hmac));
		const items = await Promise.all(executions.map(async (e) => (await outputOf(e.id)).output('Received')[0]));
		expect(items.map((i) => i.eventType).sort()).toEqual(['meeting.ended', ...Array(5).fill('participant.joined')]);
		// Daily's duplicates were answered 200 by the webhook processor and started nothing.
		expect(items.every((i) => i.room === 'standup' && typeof i.occurredAt === 'string')).toBe(true);

		await cluster.main.deactivate(TRIGGERS.daily);
		expect(daily.webhooks).toHaveLength(0);
		results.webhooksRemoved++;
		results.workflows++;
	}, 240_000);

	it('Digital Samba Trigger: registers the bare secret, runs once per genuine delivery, never for forged ones, cleans up', async () => {
		const live = () => ds.state.webhooks.filter((h) => !(h as { deleted?: boolean }).deleted);
		await cluster.main.activate(TRIGGERS.ds);
		expect(live()).toHaveLength(1);
		const [hook] = live();
		expect(hook.endpoint).toBe(`${cluster.url}/webhook/${DS_TRIGGER_WEBHOOK_ID}/webhook`);
		expect(hook.authorization_header).toMatch(/^[0-9a-f]{64}$/);
		await expectExecutions(TRIGGERS.ds, await dsDeliveries(ds, hook.endpoint));

		await cluster.main.deactivate(TRIGGERS.ds);
		expect(live()).toHaveLength(0);
		results.webhooksRemoved++;
		results.workflows++;
	}, 240_000);

	it(`MiroTalk Trigger: runs once per delivery with the token, never without, also for ${BURST} at once`, async () => {
		await cluster.main.activate(TRIGGERS.miroTalk);
		const single = await miroTalkDeliveries(cluster.url, MIROTALK_TOKEN);
		const url = `${miroTalkTriggerUrl(cluster.url)}?token=${MIROTALK_TOKEN}`;
		const burst = await Promise.all(Array.from({ length: BURST }, (_, i) => postJson(url, miroTalkJoin(100 + i))));
		await expectExecutions(TRIGGERS.miroTalk, {
			statuses: [...single.statuses, ...burst],
			expected: [...single.expected, ...burst.map(() => 200)],
			executions: single.executions + BURST,
		});

		await cluster.main.deactivate(TRIGGERS.miroTalk);
		// Deactivated: the URL is gone from the webhook processor too.
		expect(await postJson(url, miroTalkJoin(999))).toBe(404);
		results.webhooksRemoved++;
		results.workflows++;
	}, 240_000);
});

it('ran every execution on a worker, spread over both, with deliveries answered by the webhook processor', () => {
	const perWorker = cluster.workers.map((_, i) => seen.filter((e) => cluster.workerOf(e.id) === i).length);
	const onWorkers = perWorker.reduce((a, b) => a + b, 0);
	const mainLogs = cluster.main.logs();
	const minutes = ((Date.now() - startedAt) / 60_000).toFixed(1);
	const met = onWorkers === seen.length && perWorker.every((n) => n > 0) && results.webhooksRemoved === 3;
	recordFigure({
		scenario: '6. Queue mode',
		measured:
			`${results.workflows} workflows (4 action, 3 trigger), ${results.deliveries} trigger deliveries (${results.rejected} forged, answered 401): ` +
			`same outputs, execution counts and rejections as one process; ${onWorkers}/${seen.length} executions on workers ` +
			`(${perWorker.join('/')}), webhooks removed on deactivation ${results.webhooksRemoved}/3; ${minutes} min`,
		goal: 'single-process results; every execution on a worker, both used; no webhook left',
		met,
	});
	expect(seen.length).toBe(4 + 6 + 4 + 2 + BURST);
	expect(onWorkers).toBe(seen.length);
	expect(perWorker.every((n) => n > 0)).toBe(true);
	expect(mainLogs).not.toMatch(/Worker started execution/);
	expect(cluster.webhook.logs()).not.toMatch(/Worker started execution/);
	expect(cluster.routed.webhook).toBeGreaterThanOrEqual(results.deliveries + 4);
});

/**
 * State across processes. A trigger remembers the deliveries that started a run in its own process only
 * (nodes/shared/triggers/webhook.ts firstDelivery: nothing is written to static data), so a duplicate reaching the same
 * webhook processor is answered 200 with no run, and one reaching a second processor runs again: measured and
 * stated, as the README says. The rate limiters (nodes/shared/http/rateLimit.ts) pace each process's own calls: with two workers the provider answers some 429s,
 * which are retried (a 429 was not processed), so every run still succeeds.
 */
describe('state across processes', () => {
	const state = { replay: {} as Record<string, number>, replayRuns: 0, oneWorker: 0, twoWorkers: 0, twoWorkersSucceeded: 0 };

	/** Starts the rate-limited workflow LIMITED_RUNS times at once; the 429s the provider answered meanwhile. */
	async function limitedRuns(): Promise<{ refused: number; workers: number; succeeded: number }> {
		const before = { refused: limited.rateLimited, runs: (await cluster.main.executions(LIMITED_WORKFLOW)).length };
		const started = await Promise.all(Array.from({ length: LIMITED_RUNS }, () => postJson(`${cluster.url}/webhook/${LIMITED_WORKFLOW.toLowerCase()}`, {})));
		expect(started).toEqual(started.map(() => 200));
		const runs = (await waitForExecutions(cluster.main, LIMITED_WORKFLOW, before.runs + LIMITED_RUNS, 180_000)).slice(0, LIMITED_RUNS);
		const succeeded = runs.filter((r) => r.status === 'success').length;
		return { refused: limited.rateLimited - before.refused, workers: new Set(runs.map((r) => cluster.workerOf(r.id))).size, succeeded };
	}

	it('measures: a signed delivery sent again to the same and to a second webhook processor; Daily runs at once on two workers, then on one', async () => {
		// The same signed Daily delivery to the webhook processor behind the proxy, again, then to a second processor.
		const second = await cluster.addWebhookProcessor();
		await cluster.main.activate(TRIGGERS.daily);
		const [hook] = daily.webhooks;
		const before = (await cluster.main.executions(TRIGGERS.daily)).length;
		const now = String(Math.floor(Date.now() / 1000));
		const body = JSON.stringify({ version: '1.0.0', type: 'meeting.ended', id: 'ev-replay', payload: { room: 'standup' }, event_ts: Number(now) });
		const headers = { 'content-type': 'application/json', 'x-webhook-signature': daily.sign(hook.hmac, now, body), 'x-webhook-timestamp': now };
		const send = (base: string) => fetch(`${base}/webhook/${DAILY_TRIGGER_WEBHOOK_ID}/webhook`, { method: 'POST', headers, body }).then((r) => r.status);
		state.replay = { first: await send(cluster.url), sameProcess: await send(cluster.url), otherProcess: await send(second.url) };
		state.replayRuns = (await waitForExecutions(cluster.main, TRIGGERS.daily, before + 1)).length - before;
		await cluster.main.deactivate(TRIGGERS.daily);
		await second.stop();
		expect(daily.webhooks).toHaveLength(0);

		// Against a Daily that enforces its documented limits: on both workers, then on one (the other stopped).
		await cluster.main.activate(LIMITED_WORKFLOW);
		const two = await limitedRuns();
		await cluster.workers[1].stop();
		const one = await limitedRuns();
		await cluster.main.deactivate(LIMITED_WORKFLOW);
		Object.assign(state, { twoWorkers: two.refused, twoWorkersSucceeded: two.succeeded, oneWorker: one.refused });

		recordFigure({
			scenario: '6. Queue mode: state',
			measured:
				`a Daily delivery sent three times: ${state.replay.sameProcess} from the same webhook processor, ${state.replay.otherProcess} from a second one (${state.replayRuns} runs; no memory across processes, by design); ` +
				`${LIMITED_RUNS} Daily runs at once: ${state.oneWorker} answers 429 on 1 worker (${one.succeeded}/${LIMITED_RUNS} succeeded), ` +
				`${state.twoWorkers} on ${two.workers} workers (${two.succeeded}/${LIMITED_RUNS} succeeded)`,
			goal: 'a duplicate to the same process 200 with no run (2 runs at most across two processes); every run succeeds however many workers',
			met: state.replay.sameProcess === 200 && state.replayRuns <= 2 && two.succeeded === LIMITED_RUNS,
		});
		// The probes work: within one process a duplicate is answered 200 and the limiter keeps under the limits.
		expect(state.replay).toMatchObject({ first: 200, sameProcess: 200 });
		expect(one.workers).toBe(1);
		expect(state.oneWorker).toBe(0);
		expect(one.succeeded).toBe(LIMITED_RUNS);
		expect(two.workers).toBe(2);
	}, 420_000);

	it('a duplicate runs at most once per process (the one given up: across processes), and every run succeeds on two workers', () => {
		expect(state.replay.otherProcess).toBe(200);
		expect(state.replayRuns).toBe(2);
		expect(state.twoWorkersSucceeded).toBe(LIMITED_RUNS);
	});
});
