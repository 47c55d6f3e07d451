import { createHmac, randomBytes, randomUUID } from 'crypto';
import { parse } from 'flatted';
import { startDailySimulator, type DailySimulator } from '../simulators/daily';
import { startDigitalSambaSimulator, type DigitalSambaSimulator } from '../simulators/digitalSamba';
import { miroTalkWebhookBody, postMiroTalkWebhook } from '../simulators/mirotalkWebhooks';
import { registerSecrets } from './capture';
import { createRuntime, freePort, startServer, type N8nRuntime, type N8nServer } from './n8n';
import {
	DAILY_TRIGGER_WEBHOOK_ID,
	DS_TRIGGER_WEBHOOK_ID,
	dailyDeliveries,
	dailyTriggerNode,
	dsDeliveries,
	dsTriggerNode,
	miroTalkTriggerNodeV11,
	miroTalkTriggerUrl,
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

/** The `normalized` key of each item the Trigger node output in these executions (n8n keeps run data flatted). */
async function normalizedOf(executions: Array<{ id: string }>): Promise<Array<Record<string, unknown>>> {
	const items: Array<Record<string, unknown>> = [];
	for (const { id } of executions) {
		const { body } = await server.rest('GET', `/executions/${id}`);
		const stored = body.data?.data ?? body.data;
		const run = typeof stored === 'string' ? parse(stored) : stored;
		for (const item of run.resultData.runData.Trigger[0].data.main[0]) items.push(item.json.normalized);
	}
	return items;
}

beforeAll(async () => {
	// Daily's test request with a content type the trigger refuses for events: it must still get its 200.
	daily = await startDailySimulator({ apiKey: DAILY_KEY, pingContentType: 'text/plain' });
	ds = await startDigitalSambaSimulator({ developerKey: DS_KEY, teamId: DS_TEAM });
	n8n = createRuntime();
	await n8n.importCredentials([
		{ id: 'dailyTrigCred001', name: 'Daily Simulator', type: 'dailyApi', data: { apiKey: DAILY_KEY, baseUrl: daily.url } },
		{ id: 'dsTrigCred000001', name: 'Digital Samba Simulator', type: 'digitalSambaApi', data: { developerKey: DS_KEY, teamId: '', baseUrl: ds.url } },
		// Only for the trigger: no API key, the webhook token.
		{ id: 'miroTrigCred0001', name: 'MiroTalk (trigger)', type: 'miroTalkApi', data: { serverUrl: 'https://sfu.example.com', apiKey: '', webhookToken: MIROTALK_TOKEN, product: 'sfu' } },
	]);
	await n8n.importWorkflow(triggerWorkflow('DsTrigE2e0000001', dsTriggerNode({ id: 'dsTrigCred000001', name: 'Digital Samba Simulator' })));
	await n8n.importWorkflow(triggerWorkflow('DailyTrigE2e0001', dailyTriggerNode({ id: 'dailyTrigCred001', name: 'Daily Simulator' })));
	await n8n.importWorkflow(triggerWorkflow('MiroTrigE2e00001', miroTalkTriggerNodeV11({ id: 'miroTrigCred0001', name: 'MiroTalk (trigger)' })));
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
		// Registered with exponential retries: with circuit-breaker (Daily's default) three failed answers mark the
		// webhook FAILED and deliveries stop (reference/providers.md §1.3).
		expect(hook.retryType).toBe('exponential');

		const deliveries = await dailyDeliveries(daily, hook.hmac);
		expect(deliveries.statuses).toEqual(deliveries.expected);

		const executions = await waitForExecutions(workflowId, deliveries.executions);
		expect(executions).toHaveLength(deliveries.executions);
		expect(executions.every((e) => e.status === 'success')).toBe(true);
		// Issue 28: every run also carries the provider-neutral `normalized` key.
		const normalized = await normalizedOf(executions);
		expect(normalized.length).toBeGreaterThan(0);
		for (const n of normalized) expect(n).toMatchObject({ event: expect.stringMatching(/^(participant\.joined|meeting\.ended)$/), provider: 'daily' });
		expect(normalized.map((n) => n.event)).toContain('participant.joined');
	}, 120_000);

	it('runs a delivery signed ten minutes ago and a text/plain one, refuses one signed a week ago, and runs duplicates once', async () => {
		const [hook] = daily.webhooks;
		/**
		 * Signed as Daily's webhook docs say, independently of the node and the simulator: X-Webhook-Signature =
		 * base64(HMAC-SHA256(key = base64-decoded hmac, message = X-Webhook-Timestamp + "." + raw body))
		 * (docs.daily.co /webhooks, reference/providers.md §1.3).
		 */
		const sign = (ts: string, body: string) => createHmac('sha256', Buffer.from(hook.hmac, 'base64')).update(`${ts}.${body}`).digest('base64');
		const secondsAgo = (s: number) => String(Math.floor(Date.now() / 1000) - s);
		const body = (id: string) => JSON.stringify({ version: '1.0.0', type: 'meeting.ended', id, payload: { room: 'standup', meeting_id: id }, event_ts: Date.now() / 1000 });
		const send = (raw: string, ts: string, contentType = 'application/json') =>
			daily.deliverRaw(raw, { 'content-type': contentType, 'x-webhook-timestamp': ts, 'x-webhook-signature': sign(ts, raw) });
		const before = (await server.executions(workflowId)).length;
		const tenMinutes = { raw: body(`ev-late-${randomUUID()}`), ts: secondsAgo(600) };
		const plain = { raw: body(`ev-plain-${randomUUID()}`), ts: secondsAgo(0) };
		const week = { raw: body(`ev-week-${randomUUID()}`), ts: secondsAgo(7 * 24 * 3600) };
		const statuses = [
			await send(tenMinutes.raw, tenMinutes.ts), // signed ten minutes ago: runs (one-hour window by default)
			await send(plain.raw, plain.ts, 'text/plain'), // correctly signed, text/plain: runs
			await send(week.raw, week.ts), // signed a week ago: refused
			await send(tenMinutes.raw, tenMinutes.ts), // duplicates: 200, no second run
			await send(plain.raw, plain.ts, 'text/plain'),
			await send(plain.raw, secondsAgo(-1), 'text/plain'), // the same event id under a new signed timestamp
		];
		expect(statuses).toEqual([200, 200, 401, 200, 200, 200]);
		const executions = await waitForExecutions(workflowId, before + 2);
		expect(executions).toHaveLength(before + 2);
		expect(executions.every((e) => e.status === 'success')).toBe(true);
	}, 60_000);

	it('removes its webhook on deactivation and creates exactly one again on the next activation', async () => {
		await server.deactivate(workflowId);
		expect(daily.webhooks).toHaveLength(0);
		await server.activate(workflowId);
		expect(daily.webhooks).toHaveLength(1);
	}, 60_000);

	it('refuses "Listen for test event" while the production webhook is registered, and leaves that webhook as it was', async () => {
		const [before] = daily.webhooks.map((hook) => ({ ...hook }));
		const { body: workflow } = await server.rest('GET', `/workflows/${workflowId}`);
		// What the editor sends for a test run from the trigger (n8n's ManualRunPayload / ManualRunDto).
		const run = await server.rest('POST', `/workflows/${workflowId}/run`, { workflowData: workflow.data, triggerToStartFrom: { name: 'Trigger' } });
		expect(run.status).toBeGreaterThanOrEqual(400);
		expect(JSON.stringify(run.body)).toContain("This workflow's production webhook is registered with Daily");
		expect(daily.webhooks).toEqual([before]);
		// Production deliveries still run.
		const executions = (await server.executions(workflowId)).length;
		expect(await daily.deliver('meeting.ended', { room: 'standup' })).toBe(200);
		expect(await waitForExecutions(workflowId, executions + 1)).toHaveLength(executions + 1);
		await server.deactivate(workflowId);
		expect(daily.webhooks).toHaveLength(0);
	}, 60_000);

	it('moves a webhook of its own URL registered with the circuit breaker (before issue 22) to exponential on activation', async () => {
		expect(daily.webhooks).toHaveLength(0);
		const url = `${server.url}/webhook/${DAILY_TRIGGER_WEBHOOK_ID}/webhook`;
		const now = new Date().toISOString();
		// As an earlier release left it (static data lost): Daily's default retryType, circuit-breaker.
		const legacy = {
			uuid: randomUUID(), url, hmac: randomBytes(32).toString('base64'), retryType: 'circuit-breaker' as const,
			eventTypes: ['participant.joined'], state: 'ACTIVE' as const, failedCount: 0, domainId: daily.state.domainId, createdAt: now, updatedAt: now,
		};
		daily.webhooks.push(legacy);
		daily.issuedSecrets.add(legacy.hmac);
		await server.activate(workflowId);
		// Adopted (POST /webhooks/{id}), not duplicated, and moved to exponential retries with this node's events.
		expect(daily.webhooks).toHaveLength(1);
		expect(daily.webhooks[0]).toMatchObject({ uuid: legacy.uuid, retryType: 'exponential', eventTypes: ['participant.joined', 'meeting.ended'] });
		expect(daily.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/webhooks/${legacy.uuid}`))).toHaveLength(1);
		const executions = (await server.executions(workflowId)).length;
		expect(await daily.deliver('meeting.ended', { room: 'standup' })).toBe(200);
		expect(await waitForExecutions(workflowId, executions + 1)).toHaveLength(executions + 1);
		await server.deactivate(workflowId);
		expect(daily.webhooks).toHaveLength(0);
	}, 60_000);
});

describe('Digital Samba Trigger in n8n', () => {
	const workflowId = 'DsTrigE2e0000001';
	const live = () => ds.state.webhooks.filter((h) => !(h as { deleted?: boolean }).deleted);

	it('registers the bare secret, runs once per delivery as Digital Samba sends it ("Bearer " added), never for forged ones, and cleans up', async () => {
		await server.activate(workflowId);
		expect(live()).toHaveLength(1);
		const [hook] = live();
		expect(hook.endpoint).toBe(`${server.url}/webhook/${DS_TRIGGER_WEBHOOK_ID}/webhook`);
		expect(hook.authorization_header).toMatch(/^[0-9a-f]{64}$/);

		const deliveries = await dsDeliveries(ds, hook.endpoint);
		expect(deliveries.statuses).toEqual(deliveries.expected);

		const executions = await waitForExecutions(workflowId, deliveries.executions);
		expect(executions).toHaveLength(deliveries.executions);
		// Issue 28: every run also carries the provider-neutral `normalized` key.
		const normalized = await normalizedOf(executions);
		expect(normalized.length).toBeGreaterThan(0);
		for (const n of normalized) expect(n).toMatchObject({ event: 'participant.joined', provider: 'digitalSamba', participant: { id: expect.any(String) } });
		await server.deactivate(workflowId);
		expect(live()).toHaveLength(0);
		const logs = server.logs();
		expect(logs).not.toContain(DS_KEY);
		expect(logs).not.toContain(String(hook.authorization_header));
	}, 120_000);
});

describe('Digital Samba Trigger in n8n: late deliveries', () => {
	const workflowId = 'DsTrigE2e0000001';
	const live = () => ds.state.webhooks.filter((h) => !(h as { deleted?: boolean }).deleted);

	it('runs a delivery an hour late and one without a timestamp (no timestamp check by default), duplicates once', async () => {
		await server.activate(workflowId);
		const [hook] = live();
		const before = (await server.executions(workflowId)).length;
		// As Digital Samba sends it: the payload of its docs (reference/providers.md §2.3), "Bearer " and the secret.
		const post = (body: string) =>
			fetch(hook.endpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hook.authorization_header}` }, body }).then((r) => r.status);
		const hourLate = JSON.stringify({ eventType: 'participant_joined', sessionId: randomUUID(), roomId: randomUUID(), timestamp: Math.floor(Date.now() / 1000) - 3600, data: { participantId: randomUUID(), name: 'John Smith', role: 'moderator' } });
		const untimed = JSON.stringify({ eventType: 'participant_joined', sessionId: randomUUID(), roomId: randomUUID(), data: { participantId: randomUUID(), name: 'Jane Doe', role: 'attendee' } });
		const statuses = [
			await post(hourLate),
			await post(untimed),
			// The simulator's own delivery, a day late, then the same bytes again.
			...(await ds.deliver('participant_joined', { participantId: 'p-day', name: 'Day' }, { timestamp: Math.floor(Date.now() / 1000) - 86_400 })),
			...(await ds.redeliver()),
			await post(hourLate),
			await post(untimed),
			// Re-serialised (other key order): the same event.
			await post(JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(hourLate)).reverse()))),
		];
		expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200]);
		const executions = await waitForExecutions(workflowId, before + 3);
		expect(executions).toHaveLength(before + 3);
		await server.deactivate(workflowId);
		expect(live()).toHaveLength(0);
	}, 60_000);
});

describe('MiroTalk Trigger in n8n', () => {
	const workflowId = 'MiroTrigE2e00001';
	it('version 1.1 (token in the credential): runs once per delivery the SFU and P2P servers send with the token, never without it', async () => {
		await server.activate(workflowId);
		const url = miroTalkTriggerUrl(server.url);
		const at = new Date(Date.UTC(2026, 7, 21, 0, 5, 7, 9)); // 00:05, printed by the servers as 24:05
		const join = miroTalkWebhookBody('sfu', 'join', 'R&D #1', { name: 'Ann', token: 'peer-jwt-e2e' }, { at });
		const p2pJoin = miroTalkWebhookBody('p2p', 'join', 'standup', { name: 'Bo', token: 'p2p-jwt-e2e', roomPassword: 'room-pw-e2e' }, { at });
		const p2pLeft = miroTalkWebhookBody('p2p', 'disconnect', 'standup', { name: 'Bo' }, { at });
		const earlier = await server.executions(workflowId);
		const before = earlier.length;
		const statuses = [
			await postMiroTalkWebhook(`${url}?token=${MIROTALK_TOKEN}`, join),
			await postMiroTalkWebhook(`${url}?token=${MIROTALK_TOKEN}`, p2pJoin),
			// Two P2P disconnects in one millisecond are equal bytes, and both genuine.
			await postMiroTalkWebhook(`${url}?token=${MIROTALK_TOKEN}`, p2pLeft),
			await postMiroTalkWebhook(`${url}?token=${MIROTALK_TOKEN}`, p2pLeft),
			await postMiroTalkWebhook(url, join),
			await postMiroTalkWebhook(`${url}?token=${'x'.repeat(MIROTALK_TOKEN.length)}`, join),
		];
		expect(statuses).toEqual([200, 200, 200, 200, 401, 401]);
		const executions = await waitForExecutions(workflowId, before + 4);
		expect(executions).toHaveLength(before + 4);
		// The run data is read (and so searched by the secrets scan): no peer token, no room password.
		registerSecrets('peer-jwt-e2e', 'p2p-jwt-e2e', 'room-pw-e2e');
		for (const { id } of executions) {
			const { body } = await server.rest('GET', `/executions/${id}`);
			expect(JSON.stringify(body)).not.toMatch(/peer-jwt-e2e|p2p-jwt-e2e|room-pw-e2e/);
		}
		// Issue 28: every run also carries the provider-neutral `normalized` key (SFU join, P2P join, two P2P disconnects).
		const normalized = await normalizedOf(executions.filter((e) => !earlier.some((x) => x.id === e.id)));
		expect(normalized.map((n) => n.event).sort()).toEqual(['participant.joined', 'participant.joined', 'participant.left', 'participant.left']);
		for (const n of normalized) expect(n).toMatchObject({ provider: 'miroTalk', room: { id: expect.any(String) } });
		await server.deactivate(workflowId);
	}, 60_000);
});

it('keeps secrets out of n8n\'s log', () => {
	const logs = server.logs();
	expect(logs).not.toContain(DAILY_KEY);
	expect(logs).not.toContain(MIROTALK_TOKEN);
	for (const hook of daily.webhooks) expect(logs).not.toContain(hook.hmac);
});
