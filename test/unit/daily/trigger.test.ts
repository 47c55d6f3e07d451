import { createHmac } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { DailyApi } from '../../../credentials/DailyApi.credentials';
import { dailySignature, DailyTrigger } from '../../../nodes/Daily/DailyTrigger.node';
import { DAILY_EVENT_TYPES, NORMALIZED } from '../../../nodes/Daily/events';
import { NORMALIZED_LABELS, normalizedOnly, providerEvents } from '../../../nodes/shared/triggers/normalized';
import { optionList } from '../../../nodes/shared/parameters/fields';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { DAILY_KEY, DAILY_URL } from '../../helpers/daily';
import { deliver, hookContext, type TriggerEnv } from '../../helpers/trigger';

const trigger = new DailyTrigger();
const URL_ = 'https://n8n.example.com/webhook/b1e6a7c2/webhook';
const SECRET = Buffer.from('0123456789abcdef0123456789abcdef').toString('base64');

function env(overrides: Partial<TriggerEnv> = {}): TriggerEnv {
	return {
		parameters: { events: ['participant.joined', 'meeting.ended'], roomName: '', options: {} },
		staticData: {},
		credentials: { apiKey: DAILY_KEY, baseUrl: 'https://api.daily.co/v1' },
		credentialType: new DailyApi(),
		webhookUrl: URL_,
		...overrides,
	};
}

const hooks = trigger.webhookMethods.default;

/** Daily's OpenAPI spec (test/fixtures/daily-openapi.json, the copy of docs.daily.co/openapi.json). */
const spec = JSON.parse(readFileSync(join(__dirname, '../../fixtures/daily-openapi.json'), 'utf8'));
/** What POST /webhooks/{id} takes (update_webhook; additionalProperties false). */
const UPDATE_FIELDS = Object.keys(spec.components.schemas.update_webhook.properties);
/** The pinned default of Replay Window: what a saved trigger that never set it runs with. */
const PINNED_WINDOW_S: number = JSON.parse(readFileSync(join(__dirname, '../../fixtures/pinned-defaults.json'), 'utf8')).DailyTrigger['options > replayWindow'];

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	resetRateLimits();
});
afterAll(() => nock.enableNetConnect());

describe('Daily Trigger events', () => {
	it('are the 32 event types of events.ts (checked against Daily\'s spec in contract.test.ts), and the vocabulary words its table maps them to, written out in the node for n8n\'s lint', () => {
		const events = new DailyTrigger().description.properties.find((p) => p.name === 'events');
		const words = normalizedOnly(NORMALIZED).map((word): [string, string, string] => [word, NORMALIZED_LABELS[word], `The events whose normalized.event is ${word}, the name it has for every provider`]);
		expect(events?.options).toEqual(optionList([...DAILY_EVENT_TYPES, ...words]));
	});
});

describe('Daily Trigger lifecycle', () => {
	it('creates the webhook with the events and a generated base64 secret, and keeps id and secret', async () => {
		let body: IDataObject = {};
		nock(DAILY_URL)
			.get('/v1/webhooks').reply(200, [])
			.post('/v1/webhooks', (b) => ((body = b), true)).reply(200, { uuid: 'w-1', url: URL_, state: 'ACTIVE' });
		const e = env();
		expect(await hooks.create.call(hookContext(e))).toBe(true);
		// retryType: post_webhook's enum is circuit-breaker | exponential, default circuit-breaker. With circuit-breaker
		// three failed answers mark the webhook FAILED and deliveries stop; exponential never trips the breaker
		// (reference/providers.md §1.3, docs.daily.co /webhooks).
		expect(spec.components.schemas.post_webhook.properties.retryType.enum).toContain('exponential');
		expect(body).toMatchObject({ url: URL_, eventTypes: ['participant.joined', 'meeting.ended'], retryType: 'exponential' });
		expect(Buffer.from(String(body.hmac), 'base64')).toHaveLength(32);
		expect(e.staticData).toEqual({ webhookId: 'w-1', hmac: body.hmac });
	});

	it('refuses to activate when the domain already has a webhook for another URL, saying which and how to proceed', async () => {
		const others = [{ uuid: 'other', url: 'https://elsewhere.example.com/hook' }];
		// The create is tried (a domain may allow more than one); Daily's 400 names the limit.
		nock(DAILY_URL)
			.get('/v1/webhooks').twice().reply(200, others)
			.post('/v1/webhooks').reply(400, { error: 'invalid-request-error', info: 'This domain can only have 1 webhook' });
		const error = await hooks.create.call(hookContext(env())).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('one webhook per domain');
		expect(error.message).toContain('https://elsewhere.example.com/hook');
		expect(error.description).toContain('Replace Existing Webhook');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('creates beside another URL\'s webhook where the domain allows several, leaving that one alone', async () => {
		nock(DAILY_URL)
			.get('/v1/webhooks').reply(200, [{ uuid: 'other', url: 'https://elsewhere.example.com/hook' }])
			.post('/v1/webhooks').reply(200, { uuid: 'w-3', url: URL_ });
		const e = env();
		expect(await hooks.create.call(hookContext(e))).toBe(true);
		expect(e.staticData.webhookId).toBe('w-3');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('adopts its own webhook when a create retried after a lost answer is refused, making no second one', async () => {
		let hmac = '';
		nock(DAILY_URL)
			.get('/v1/webhooks').reply(200, [])
			.post('/v1/webhooks', (b) => ((hmac = b.hmac), true)).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })
			.post('/v1/webhooks').reply(400, { error: 'invalid-request-error', info: 'This domain can only have 1 webhook' })
			.get('/v1/webhooks').reply(200, [{ uuid: 'w-lost', url: URL_ }])
			.post('/v1/webhooks/w-lost', (b) => b.hmac === hmac && b.url === URL_ && b.retryType === 'exponential').reply(200, { uuid: 'w-lost', url: URL_ });
		const e = env();
		expect(await hooks.create.call(hookContext(e))).toBe(true);
		expect(e.staticData).toEqual({ webhookId: 'w-lost', hmac });
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('replaces the other webhook when asked to', async () => {
		const deleted = nock(DAILY_URL).delete('/v1/webhooks/other').reply(200, { uuid: 'other' });
		nock(DAILY_URL)
			.get('/v1/webhooks').reply(200, [{ uuid: 'other', url: 'https://elsewhere.example.com/hook' }])
			.post('/v1/webhooks').reply(200, { uuid: 'w-2', url: URL_ });
		const e = env({ parameters: { events: ['meeting.ended'], options: { replaceExisting: true } } });
		await hooks.create.call(hookContext(e));
		expect(deleted.isDone()).toBe(true);
		expect(e.staticData.webhookId).toBe('w-2');
	});

	it('adopts a webhook for its own URL (static data lost) instead of creating a duplicate', async () => {
		let update: IDataObject = {};
		nock(DAILY_URL)
			.get('/v1/webhooks').reply(200, [{ uuid: 'w-old', url: URL_, hmac: 'old' }])
			.post('/v1/webhooks/w-old', (b) => ((update = b), true)).reply(200, { uuid: 'w-old', url: URL_ });
		const e = env();
		await hooks.create.call(hookContext(e));
		expect(e.staticData.webhookId).toBe('w-old');
		expect(update.hmac).toBe(e.staticData.hmac);
		expect(update.eventTypes).toEqual(['participant.joined', 'meeting.ended']);
		// An adopted webhook (perhaps registered with the circuit breaker) is moved to exponential retries.
		expect(update.retryType).toBe('exponential');
		expect(Object.keys(update).every((key) => UPDATE_FIELDS.includes(key))).toBe(true);
	});

	it('checkExists: true for its own active webhook, without any change', async () => {
		nock(DAILY_URL).get('/v1/webhooks/w-1').reply(200, { uuid: 'w-1', url: URL_, state: 'ACTIVE', retryType: 'exponential', eventTypes: ['meeting.ended', 'participant.joined'] });
		const context = hookContext(env({ staticData: { webhookId: 'w-1', hmac: SECRET } }));
		expect(await hooks.checkExists.call(context)).toBe(true);
		expect(context.requests.map((r) => r.method ?? 'GET')).toEqual(['GET']);
	});

	it('checkExists: moves a webhook registered with the circuit breaker (before issue 22) to exponential retries, in place', async () => {
		let update: IDataObject = {};
		nock(DAILY_URL)
			.get('/v1/webhooks/w-1').reply(200, [{ uuid: 'w-1', url: URL_, state: 'ACTIVE', retryType: 'circuit-breaker', eventTypes: ['participant.joined', 'meeting.ended'] }])
			.post('/v1/webhooks/w-1', (b) => ((update = b), true)).reply(200, { uuid: 'w-1', url: URL_, state: 'ACTIVE', retryType: 'exponential' });
		const e = env({ staticData: { webhookId: 'w-1', hmac: SECRET } });
		expect(await hooks.checkExists.call(hookContext(e))).toBe(true);
		expect(update).toEqual({ url: URL_, eventTypes: ['participant.joined', 'meeting.ended'], retryType: 'exponential' });
		// Only fields update_webhook declares (Daily's spec); the secret is kept, so static data stays as it was.
		expect(Object.keys(update).every((key) => UPDATE_FIELDS.includes(key))).toBe(true);
		expect(e.staticData).toEqual({ webhookId: 'w-1', hmac: SECRET });
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('checkExists: re-activates a webhook Daily put in FAILED state', async () => {
		const reactivated = nock(DAILY_URL).post('/v1/webhooks/w-1').reply(200, { uuid: 'w-1', state: 'ACTIVE' });
		nock(DAILY_URL).get('/v1/webhooks/w-1').reply(200, { uuid: 'w-1', url: URL_, state: 'FAILED', eventTypes: ['participant.joined', 'meeting.ended'] });
		expect(await hooks.checkExists.call(hookContext(env({ staticData: { webhookId: 'w-1', hmac: SECRET } })))).toBe(true);
		expect(reactivated.isDone()).toBe(true);
	});

	it.each([
		['an array (Daily\'s OpenAPI spec)', (hook: IDataObject) => [hook]],
		['one object (Daily\'s docs prose)', (hook: IDataObject) => hook],
	])('checkExists reads GET /webhooks/{id} answered as %s', async (_form, shape) => {
		nock(DAILY_URL).get('/v1/webhooks/w-1').reply(200, shape({ uuid: 'w-1', url: URL_, state: 'ACTIVE', retryType: 'exponential', eventTypes: ['participant.joined', 'meeting.ended'] }));
		expect(await hooks.checkExists.call(hookContext(env({ staticData: { webhookId: 'w-1', hmac: SECRET } })))).toBe(true);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it.each([[false], [true]])(
		'a test listen (replace existing: %s) refuses while the production webhook is registered, and touches nothing',
		async (replaceExisting) => {
			const production = { uuid: 'w-prod', url: 'https://n8n.example.com/webhook/b1e6a7c2-3f4d-4e5a-9b8c-7d6e5f4a3b2c/webhook' };
			nock(DAILY_URL).get('/v1/webhooks').reply(200, [production]);
			const test = env({
				mode: 'manual',
				webhookUrl: 'https://n8n.example.com/webhook-test/b1e6a7c2-3f4d-4e5a-9b8c-7d6e5f4a3b2c/webhook',
				parameters: { events: ['meeting.ended'], roomName: '', options: { replaceExisting } },
			});
			const context = hookContext(test);
			const error = await hooks.create.call(context).catch((e) => e);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toContain('production webhook');
			expect(error.description).toContain('Deactivate the workflow');
			// One read, no create, update or delete.
			expect(context.requests.map((r) => r.method ?? 'GET')).toEqual(['GET']);
			expect(test.staticData).toEqual({});
		},
	);

	it('a test listen registers the test URL when no production webhook is there', async () => {
		nock(DAILY_URL)
			.get('/v1/webhooks').reply(200, [])
			.post('/v1/webhooks', (b) => b.url.includes('/webhook-test/')).reply(200, { uuid: 'w-test' });
		const test = env({ mode: 'manual', webhookUrl: 'https://n8n.example.com/webhook-test/b1e6a7c2-3f4d-4e5a-9b8c-7d6e5f4a3b2c/webhook' });
		expect(await hooks.create.call(hookContext(test))).toBe(true);
		expect(test.staticData.webhookId).toBe('w-test');
	});

	it('offers exactly the event types of Daily\'s OpenAPI spec (post_webhook.eventTypes)', () => {
		const documented: string[] = spec.components.schemas.post_webhook.properties.eventTypes.items.enum;
		const offered = (trigger.description.properties.find((p) => p.name === 'events')!.options as Array<{ value: string }>).map((o) => o.value);
		const words: string[] = normalizedOnly(NORMALIZED);
		expect(offered.filter((value) => !words.includes(value)).sort()).toEqual([...documented].sort());
		// Each vocabulary word offered stands for Daily event types of the spec, and only those are registered.
		for (const word of words) expect(providerEvents([word], NORMALIZED).every((event) => documented.includes(event))).toBe(true);
	});

	it('checkExists: false, and static data cleared, when the webhook is gone', async () => {
		nock(DAILY_URL).get('/v1/webhooks/w-1').reply(404, { error: 'not-found', info: 'webhook not found' });
		const e = env({ staticData: { webhookId: 'w-1', hmac: SECRET } });
		expect(await hooks.checkExists.call(hookContext(e))).toBe(false);
		expect(e.staticData).toEqual({});
	});

	it('delete removes only its own webhook and treats a 404 as already gone', async () => {
		nock(DAILY_URL)
			.get('/v1/webhooks').reply(200, [{ uuid: 'other', url: 'https://elsewhere.example.com/hook' }])
			.delete('/v1/webhooks/w-1').reply(404, { error: 'not-found' });
		const e = env({ staticData: { webhookId: 'w-1', hmac: SECRET } });
		expect(await hooks.delete.call(hookContext(e))).toBe(true);
		expect(e.staticData).toEqual({});
		// Nothing stored and nothing for this URL: nothing is deleted.
		nock(DAILY_URL).get('/v1/webhooks').reply(200, [{ uuid: 'other', url: 'https://elsewhere.example.com/hook' }]);
		expect(await hooks.delete.call(hookContext(env()))).toBe(true);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('delete also removes a webhook for its own URL that its static data does not know (a lost activation answer)', async () => {
		const removed = nock(DAILY_URL)
			.get('/v1/webhooks').reply(200, [{ uuid: 'orphan', url: URL_ }, { uuid: 'other', url: 'https://elsewhere.example.com/hook' }])
			.delete('/v1/webhooks/orphan').reply(200, { deleted: true });
		expect(await hooks.delete.call(hookContext(env()))).toBe(true);
		expect(removed.isDone()).toBe(true);
	});

	it('delete reports any other failure instead of swallowing it', async () => {
		nock(DAILY_URL).get('/v1/webhooks').reply(200, []).delete('/v1/webhooks/w-1').reply(400, { error: 'invalid-request-error', info: 'nope' });
		const error = await hooks.delete.call(hookContext(env({ staticData: { webhookId: 'w-1', hmac: SECRET } }))).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('nope');
	});
});

describe('Daily Trigger verification', () => {
	const event = { version: '1.0.0', type: 'participant.joined', id: 'ev-1', payload: { room: 'standup', session_id: 's1', user_name: 'Ann', joined_at: 1708972279.96 }, event_ts: 1708972280.1 };
	/**
	 * Signed as Daily documents it, independently of the node's own code: X-Webhook-Signature =
	 * base64(HMAC-SHA256(key = base64-decoded hmac secret, message = X-Webhook-Timestamp + "." + raw body))
	 * (docs.daily.co /webhooks, as reference/providers.md §1.3 records it).
	 */
	const documentedSignature = (secret: string, ts: string, body: string) => createHmac('sha256', Buffer.from(secret, 'base64')).update(`${ts}.${body}`).digest('base64');
	const signed = (body: string, secret = SECRET, ts = String(Math.floor(Date.now() / 1000)), contentType: string | undefined = 'application/json') => ({
		body,
		headers: { 'X-Webhook-Signature': documentedSignature(secret, ts, body), 'X-Webhook-Timestamp': ts, 'Content-Type': contentType ?? '' },
	});
	const secondsAgo = (s: number) => String(Math.floor(Date.now() / 1000) - s);
	const WEEK = 7 * 24 * 3600;
	const stored = () => env({ staticData: { webhookId: 'w-1', hmac: SECRET } });

	it('starts a run for a genuine event, with normalised fields added', async () => {
		const outcome = await deliver(trigger, stored(), signed(JSON.stringify(event)));
		expect(outcome.run).toEqual([{
			...event, eventType: 'participant.joined', room: 'standup', occurredAt: '2024-02-26T18:31:20.100Z',
			// Issue 28: one key added (trigger.normalized.test.ts covers it).
			normalized: {
				event: 'participant.joined', provider: 'daily', room: { id: null, name: 'standup' }, sessionId: null,
				participant: { id: 's1', userId: null, name: 'Ann' }, occurredAt: '2024-02-26T18:31:20.100Z',
			},
		}]);
	});

	it('answers Daily\'s test request with 200 and starts nothing, even before a secret is stored', async () => {
		const outcome = await deliver(trigger, env(), { body: '{"test":"test"}' });
		expect(outcome).toMatchObject({ status: 200, run: undefined });
	});

	it.each([
		['a forged signature', () => signed(JSON.stringify(event), Buffer.from('another-secret-another-secret-12').toString('base64'))],
		['a missing signature header', () => ({ body: JSON.stringify(event), headers: { 'X-Webhook-Timestamp': String(Math.floor(Date.now() / 1000)) } })],
		['a missing timestamp header', () => ({ body: JSON.stringify(event), headers: { 'X-Webhook-Signature': 'abc' } })],
		['a signature of the wrong length', () => ({ ...signed(JSON.stringify(event)), headers: { ...signed(JSON.stringify(event)).headers, 'X-Webhook-Signature': 'c2hvcnQ=' } })],
		['a delivery signed a week ago', () => signed(JSON.stringify(event), SECRET, secondsAgo(WEEK))],
		['a timestamp a week in the future', () => signed(JSON.stringify(event), SECRET, secondsAgo(-WEEK))],
		['a body changed after signing', () => ({ ...signed(JSON.stringify(event)), body: JSON.stringify({ ...event, type: 'meeting.ended' }) })],
	])('refuses %s with 401 and starts nothing', async (_name, make) => {
		const outcome = await deliver(trigger, stored(), make());
		expect(outcome).toMatchObject({ status: 401, run: undefined, noWebhookResponse: true });
		expect(JSON.stringify(outcome.json)).not.toContain(SECRET);
	});

	it('the node computes the documented signature', () => {
		const body = JSON.stringify(event);
		expect(dailySignature(SECRET, '1708972280', Buffer.from(body))).toBe(documentedSignature(SECRET, '1708972280', body));
	});

	it('runs a delivery signed ten minutes ago (a retry, a backlog, a clock that is off) and refuses one signed a week ago', async () => {
		// A trigger saved without Replay Window: the default, one hour.
		const late = await deliver(trigger, stored(), signed(JSON.stringify({ ...event, id: 'ev-10min' }), SECRET, secondsAgo(600)));
		expect(late.run).toHaveLength(1);
		const old = await deliver(trigger, stored(), signed(JSON.stringify({ ...event, id: 'ev-week' }), SECRET, secondsAgo(WEEK)));
		expect(old).toMatchObject({ status: 401, json: { error: 'timestamp outside the replay window' }, run: undefined });
	});

	it('a trigger that never set Replay Window runs with the pinned default (test/fixtures/pinned-defaults.json)', async () => {
		expect(PINNED_WINDOW_S).toBe(3600);
		const within = await deliver(trigger, stored(), signed(JSON.stringify({ ...event, id: 'ev-pinned-in' }), SECRET, secondsAgo(PINNED_WINDOW_S - 30)));
		expect(within.run).toHaveLength(1);
		const beyond = await deliver(trigger, stored(), signed(JSON.stringify({ ...event, id: 'ev-pinned-out' }), SECRET, secondsAgo(PINNED_WINDOW_S + 30)));
		expect(beyond).toMatchObject({ status: 401, run: undefined });
		// A window the user set still applies.
		const narrow = env({ parameters: { events: ['participant.joined'], roomName: '', options: { replayWindow: 300 } }, staticData: { hmac: SECRET } });
		expect(await deliver(trigger, narrow, signed(JSON.stringify({ ...event, id: 'ev-narrow' }), SECRET, secondsAgo(600)))).toMatchObject({ status: 401 });
	});

	it.each([['text/plain'], ['text/plain; charset=utf-8'], ['application/x-www-form-urlencoded'], ['application/octet-stream'], [undefined]])(
		'parses a correctly signed delivery as JSON whatever its content type (%s)',
		async (type) => {
			const body = JSON.stringify({ ...event, id: `ev-type-${type}` });
			const outcome = await deliver(trigger, stored(), signed(body, SECRET, undefined, type));
			expect(outcome.run).toEqual([expect.objectContaining({ id: `ev-type-${type}`, eventType: 'participant.joined', room: 'standup' })]);
		},
	);

	it('refuses an unsigned or wrongly signed text/plain delivery with 401, a signed non-event with 400', async () => {
		const body = JSON.stringify({ ...event, id: 'ev-plain-forged' });
		expect(await deliver(trigger, stored(), { body, headers: { 'content-type': 'text/plain' } })).toMatchObject({ status: 401, run: undefined });
		expect(await deliver(trigger, stored(), signed(body, Buffer.alloc(32, 3).toString('base64'), undefined, 'text/plain'))).toMatchObject({ status: 401, run: undefined });
		expect(await deliver(trigger, stored(), signed('not json', SECRET, undefined, 'text/plain'))).toMatchObject({ status: 400, run: undefined });
	});

	it('remembers duplicates for the whole window by time: the same bytes 45 minutes later, and after 6,000 other deliveries', async () => {
		const node = stored();
		const start = Date.now();
		const clock = jest.spyOn(Date, 'now');
		try {
			clock.mockReturnValue(start);
			const ts = String(Math.floor(start / 1000) - 600); // signed ten minutes before it arrives
			const first = signed(JSON.stringify({ ...event, id: 'ev-window' }), SECRET, ts);
			expect((await deliver(trigger, node, first)).run).toHaveLength(1);
			// More deliveries than the 5,000 the memory once held (a busy domain), then the first again.
			for (let i = 0; i < 6000; i++) {
				clock.mockReturnValue(start + i);
				expect((await deliver(trigger, node, signed(JSON.stringify({ ...event, id: `ev-busy-${i}` }), SECRET, ts))).run).toHaveLength(1);
			}
			clock.mockReturnValue(start + 45 * 60_000); // 55 minutes after its signed time: still inside the window
			expect(await deliver(trigger, node, first)).toMatchObject({ status: 200, json: { status: 'duplicate' }, run: undefined });
			// The same event under a new signed timestamp, too.
			const resent = signed(JSON.stringify({ ...event, id: 'ev-window' }), SECRET, String(Math.floor(start / 1000) + 2600));
			expect(await deliver(trigger, node, resent)).toMatchObject({ status: 200, run: undefined });
		} finally {
			clock.mockRestore();
		}
	});

	it('answers a duplicate (the same signed bytes, or the same event id) with 200 and no second run', async () => {
		const delivery = signed(JSON.stringify({ ...event, id: 'ev-dup' }));
		const node = stored();
		expect((await deliver(trigger, node, delivery)).run).toHaveLength(1);
		// Daily documents duplicate deliveries: a 401 would count as a failure there (three trip its breaker).
		expect(await deliver(trigger, node, delivery)).toMatchObject({ status: 200, json: { status: 'duplicate' }, run: undefined });
		// The same event id again under a later timestamp: the same event.
		const later = signed(JSON.stringify({ ...event, id: 'ev-dup' }), SECRET, String(Math.floor(Date.now() / 1000) + 1));
		expect(await deliver(trigger, node, later)).toMatchObject({ status: 200, run: undefined });
		// A repeat under a new id cannot be recognised, and runs.
		expect((await deliver(trigger, node, signed(JSON.stringify({ ...event, id: 'ev-dup-2' })))).run).toHaveLength(1);
		// Another node has not seen it.
		expect((await deliver(trigger, stored(), delivery)).run).toHaveLength(1);
	});

	it('writes nothing to static data for any delivery: accepted, duplicate, ignored or refused', async () => {
		const staticData = new Proxy({ webhookId: 'w-1', hmac: SECRET } as IDataObject, {
			set: () => {
				throw new Error('a delivery wrote to static data');
			},
			deleteProperty: () => {
				throw new Error('a delivery deleted from static data');
			},
		});
		const node = env({ staticData });
		const accepted = signed(JSON.stringify({ ...event, id: 'ev-nowrite' }));
		expect((await deliver(trigger, node, accepted)).run).toHaveLength(1);
		expect((await deliver(trigger, node, accepted)).status).toBe(200);
		expect((await deliver(trigger, node, signed(JSON.stringify({ ...event, id: 'ev-nw2', type: 'recording.started' })))).json).toEqual({ status: 'ignored' });
		expect((await deliver(trigger, node, signed('{}', Buffer.alloc(32, 9).toString('base64')))).status).toBe(401);
	});

	it.each([
		['seconds', (ms: number) => String(Math.floor(ms / 1000))],
		['milliseconds (13 digits)', (ms: number) => String(ms)],
		['seconds with a fraction', (ms: number) => (ms / 1000).toFixed(3)],
	])('accepts X-Webhook-Timestamp in %s, signed as the header reads', async (_unit, format) => {
		const ts = format(Date.now());
		const outcome = await deliver(trigger, stored(), signed(JSON.stringify({ ...event, id: `ev-unit-${ts}` }), SECRET, ts));
		expect(outcome.run).toHaveLength(1);
	});

	it('refuses a stale or future timestamp in milliseconds as in seconds', async () => {
		for (const ms of [Date.now() - WEEK * 1000, Date.now() + WEEK * 1000]) {
			expect(await deliver(trigger, stored(), signed(JSON.stringify(event), SECRET, String(ms)))).toMatchObject({ status: 401, run: undefined });
		}
	});

	it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['']])(
		'answers the test request with 200 whatever its content type (%s)',
		async (type) => {
			const outcome = await deliver(trigger, env(), { body: '{"test":"test"}', headers: { 'content-type': type } });
			expect(outcome).toMatchObject({ status: 200, run: undefined });
		},
	);

	it('lets events that name no room pass a room filter with room null, unless told to drop them', async () => {
		const roomless = { version: '1.0.0', type: 'recording.started', id: 'ev-roomless', payload: { recording_id: 'rec-1', action: 'start-cloud-recording', start_ts: 1 }, event_ts: 1708972280.1 };
		const filtered = (options: IDataObject) => env({ parameters: { events: ['recording.started'], roomName: 'standup', options }, staticData: { hmac: SECRET } });
		const passed = await deliver(trigger, filtered({}), signed(JSON.stringify(roomless)));
		expect(passed.run).toEqual([expect.objectContaining({ eventType: 'recording.started', room: null })]);
		const dropped = await deliver(trigger, filtered({ dropRoomless: true }), signed(JSON.stringify({ ...roomless, id: 'ev-roomless-2' })));
		expect(dropped).toMatchObject({ status: 200, json: { status: 'ignored' }, run: undefined });
	});

	it('answers 400 for a signed body that is not a Daily event', async () => {
		expect(await deliver(trigger, stored(), signed('not json'))).toMatchObject({ status: 400, run: undefined });
	});

	it('ignores events and rooms the user did not choose, with 200', async () => {
		const other = { ...event, id: 'ev-2', type: 'recording.started' };
		expect(await deliver(trigger, stored(), signed(JSON.stringify(other)))).toMatchObject({ status: 200, run: undefined });
		const roomFiltered = env({ parameters: { events: ['participant.joined'], roomName: 'retro', options: {} }, staticData: { hmac: SECRET } });
		expect(await deliver(trigger, roomFiltered, signed(JSON.stringify({ ...event, id: 'ev-3' })))).toMatchObject({ status: 200, run: undefined });
	});
});
