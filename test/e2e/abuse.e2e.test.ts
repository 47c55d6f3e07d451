import { answeredAsItMust, bad, dailyKit, digitalSambaKit, type Kind, miroTalkKit, type Kit } from '../helpers/abuse';
import { recordFigure } from '../helpers/figures';
import type { Delivery } from '../helpers/trigger';
import { startDailySimulator, type DailySimulator } from '../simulators/daily';
import { startDigitalSambaSimulator, type DigitalSambaSimulator } from '../simulators/digitalSamba';
import { seededRandom } from '../simulators/digitalSamba/util';
import { createRuntime, freePort, startServer, type N8nRuntime, type N8nServer } from './n8n';
import { closeTriggerTest, dailyTriggerNode, dsTriggerNode, miroTalkTriggerNode, miroTalkTriggerUrl, triggerWorkflow, waitForExecutions } from './workflows';

/**
 * Scenario 3 through a running n8n: the bad deliveries of the in-process test (test/reliability/
 * webhookAbuse.test.ts), fewer of them, sent over HTTP to each active trigger, so that n8n's own body parsing,
 * content types and size handling are part of what is checked. Every bad one: 401 or 400 and no execution, except
 * that n8n itself answers a JSON body it cannot parse with 422 before any trigger runs (webhook-helpers.ts
 * parseRequestBody), so a truncated body gets n8n's 422: also refused, also no execution.
 */
const REFUSED = (kind: Kind, status: number) => answeredAsItMust(kind, status) || (kind === 'truncated' && status === 422);
const PER_KIND = 30;
const GENUINE = 30;
const DAILY_KEY = 'e2e_abuse_daily_key_41c9';
const DS_KEY = 'e2e_abuse_ds_key_8e3b';
const MIROTALK_TOKEN = 'e2e-abuse-mirotalk-token-7d2c9e4f1a6b';
const WORKFLOWS = { daily: 'AbuseDailyTrig01', ds: 'AbuseDsTrigger01', miroTalk: 'AbuseMiroTrig001' };

let n8n: N8nRuntime;
let server: N8nServer;
let daily: DailySimulator;
let ds: DigitalSambaSimulator;

beforeAll(async () => {
	daily = await startDailySimulator({ apiKey: DAILY_KEY });
	ds = await startDigitalSambaSimulator({ developerKey: DS_KEY, teamId: '2b7e1c4d-5a6f-4e8b-9c0d-1e2f3a4b5c6d' });
	n8n = createRuntime();
	const dailyCredential = { id: 'abuseDailyCred01', name: 'Daily Simulator' };
	const dsCredential = { id: 'abuseDsCred00001', name: 'Digital Samba Simulator' };
	await n8n.importCredentials([
		{ ...dailyCredential, type: 'dailyApi', data: { apiKey: DAILY_KEY, baseUrl: daily.url } },
		{ ...dsCredential, type: 'digitalSambaApi', data: { developerKey: DS_KEY, teamId: '', baseUrl: ds.url } },
	]);
	await n8n.importWorkflow(triggerWorkflow(WORKFLOWS.daily, dailyTriggerNode(dailyCredential)));
	await n8n.importWorkflow(triggerWorkflow(WORKFLOWS.ds, dsTriggerNode(dsCredential)));
	await n8n.importWorkflow(triggerWorkflow(WORKFLOWS.miroTalk, miroTalkTriggerNode(MIROTALK_TOKEN)));
	server = await startServer(n8n, await freePort());
	for (const id of Object.values(WORKFLOWS)) await server.activate(id);
}, 25 * 60_000);

afterAll(async () => {
	for (const id of Object.values(WORKFLOWS)) await server?.deactivate(id).catch(() => undefined);
	await server?.stop();
	await closeTriggerTest(MIROTALK_TOKEN, daily, ds, n8n);
});

async function post(url: string, delivery: Delivery): Promise<number> {
	const query = new URLSearchParams(Object.entries(delivery.query ?? {}).map(([k, v]): [string, string] => [k, String(v)])).toString();
	const response = await fetch(`${url}${query ? `?${query}` : ''}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...delivery.headers },
		body: delivery.body,
	});
	await response.arrayBuffer();
	return response.status;
}

async function abuse(name: string, kit: Kit, url: string, workflowId: string) {
	const random = seededRandom(5);
	const accepted: Delivery[] = [];
	const before = (await server.executions(workflowId)).length;
	const refused: Record<string, number[]> = {};
	const genuine: number[] = [];
	const started = Date.now();
	const kinds = kit.kinds;
	for (let step = 0; step < PER_KIND * kinds.length + GENUINE; step++) {
		// One genuine delivery after every round of bad ones, so that replays have something to copy.
		if (step % (kinds.length + 1) === 0 && genuine.length < GENUINE) {
			const delivery = kit.genuine(step);
			genuine.push(await post(url, delivery));
			accepted.push(delivery);
			continue;
		}
		const kind = kinds[step % kinds.length];
		(refused[kind] ??= []).push(await post(url, bad(kit, kind, step, accepted, random)));
	}
	const runs = (await waitForExecutions(server, workflowId, before + GENUINE)).length - before;
	const statuses = Object.values(refused).flat();
	const wrong = Object.entries(refused).flatMap(([kind, list]) => list.filter((s) => !REFUSED(kind as Kind, s)).map((s) => `${kind}: ${s}`));
	const byN8n = (refused.truncated ?? []).filter((s) => s === 422).length;
	recordFigure({
		scenario: `3. Webhook abuse in n8n (${name})`,
		measured: `${statuses.length} bad over HTTP: ${statuses.length - wrong.length - byN8n} answered by the trigger as they must (401/400, duplicates 200), ${byN8n} truncated bodies 422 by n8n's parser; ${genuine.length} genuine: ${runs} executions in all; ${((Date.now() - started) / 1000).toFixed(1)} s`,
		goal: `all bad refused (401/400; n8n's 422 for unparseable JSON), ${GENUINE} executions`,
		met: wrong.length === 0 && runs === GENUINE && genuine.every((s) => s === 200),
	});
	expect(wrong).toEqual([]);
	expect(Object.keys(refused).sort()).toEqual([...kinds].sort());
	expect(genuine).toEqual(genuine.map(() => 200));
	expect(runs).toBe(GENUINE);
}

it('Daily Trigger in n8n: every bad delivery refused, each genuine one run', async () => {
	const [hook] = daily.webhooks;
	await abuse('Daily Trigger', dailyKit(hook.hmac), hook.url, WORKFLOWS.daily);
}, 300_000);

it('Digital Samba Trigger in n8n: every bad delivery refused, each genuine one run', async () => {
	const hook = ds.state.webhooks.find((h) => !(h as { deleted?: boolean }).deleted)!;
	await abuse('Digital Samba Trigger', digitalSambaKit(String(hook.authorization_header)), hook.endpoint, WORKFLOWS.ds);
}, 300_000);

it('MiroTalk Trigger in n8n: every bad delivery refused, each genuine one run', async () => {
	await abuse('MiroTalk Trigger', miroTalkKit(MIROTALK_TOKEN), miroTalkTriggerUrl(server.url), WORKFLOWS.miroTalk);
}, 300_000);
