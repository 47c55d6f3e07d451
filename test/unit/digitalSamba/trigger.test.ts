import { readFileSync } from 'fs';
import { join } from 'path';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { DigitalSambaApi } from '../../../credentials/DigitalSambaApi.credentials';
import { DigitalSambaTrigger } from '../../../nodes/DigitalSamba/DigitalSambaTrigger.node';
import { DIGITAL_SAMBA_EVENTS, NORMALIZED } from '../../../nodes/DigitalSamba/events';
import { NORMALIZED_LABELS, normalizedOnly, providerEvents } from '../../../nodes/shared/triggers/normalized';
import { optionList } from '../../../nodes/shared/parameters/fields';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { DS_KEY, DS_URL, FAST_RETRIES } from '../../helpers/digitalSamba';
import { deliver, hookContext, type TriggerEnv } from '../../helpers/trigger';

const trigger = new DigitalSambaTrigger(FAST_RETRIES);
const hooks = trigger.webhookMethods.default;
const ENDPOINT = 'https://n8n.example.com/webhook/b1e6a7c2/webhook';
const SECRET = 'a3f1c9e07b5d4c2a8e6f1b3d5c7a9e0f1b2c3d4e5f60718293a4b5c6d7e8f901';
/** The pinned default of Replay Window: what a saved trigger that never set it runs with. */
const PINNED_WINDOW_S: number = JSON.parse(readFileSync(join(__dirname, '../../fixtures/pinned-defaults.json'), 'utf8')).DigitalSambaTrigger['options > replayWindow'];

function env(overrides: Partial<TriggerEnv> = {}): TriggerEnv {
	return {
		parameters: { eventSource: 'documented', events: ['participant_joined', 'recording_ready'], options: {} },
		staticData: {},
		credentials: { developerKey: DS_KEY, teamId: '', baseUrl: 'https://api.digitalsamba.com/api/v1' },
		credentialType: new DigitalSambaApi(),
		webhookUrl: ENDPOINT,
		...overrides,
	};
}

function withWorkflow<T extends object>(ctx: T): T {
	return Object.assign(ctx, { getWorkflow: () => ({ id: 'wf-1', name: 'Onboarding', active: false }) });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	resetRateLimits();
});
afterAll(() => nock.enableNetConnect());

describe('Digital Samba events', () => {
	it('lists the 39 documented snake_case names', () => {
		expect(DIGITAL_SAMBA_EVENTS).toHaveLength(39);
		expect(DIGITAL_SAMBA_EVENTS.every(([v]) => /^[a-z_]+$/.test(v))).toBe(true);
		expect(new Set(DIGITAL_SAMBA_EVENTS.map(([v]) => v)).size).toBe(39);
	});

	it('the trigger\'s Events are those 39 and the vocabulary words its table maps them to, written out in the node (for n8n\'s lint) as the kernel lists them', () => {
		const events = new DigitalSambaTrigger().description.properties.find((p) => p.name === 'events');
		const words = normalizedOnly(NORMALIZED).map((word): [string, string, string] => [word, NORMALIZED_LABELS[word], `The events whose normalized.event is ${word}, the name it has for every provider`]);
		expect(events?.options).toEqual(optionList([...DIGITAL_SAMBA_EVENTS, ...words]));
		// Each word stands for documented events only: those are what the webhook is registered with.
		const documented = DIGITAL_SAMBA_EVENTS.map(([value]) => value);
		for (const [word] of words) expect(providerEvents([word], NORMALIZED).every((event) => documented.includes(event))).toBe(true);
	});

	it('can load the live list from GET /events', async () => {
		nock(DS_URL).get('/api/v1/events').reply(200, ['session_started', 'new_event']);
		const options = await trigger.methods.loadOptions.getEvents.call(hookContext(env()) as never);
		expect(options).toEqual([{ name: 'session_started', value: 'session_started' }, { name: 'new_event', value: 'new_event' }]);
	});
});

describe('Digital Samba Trigger lifecycle', () => {
	it('registers the endpoint with the events, a name and the bare secret (Digital Samba adds "Bearer " itself)', async () => {
		let body: IDataObject = {};
		nock(DS_URL)
			.get('/api/v1/webhooks').query({ limit: 100, offset: 0 }).reply(200, { data: [{ id: 'other', endpoint: 'https://elsewhere.example.com' }], total_count: 1 })
			.post('/api/v1/webhooks', (b) => ((body = b), true)).reply(200, { id: 'wh-1', endpoint: ENDPOINT });
		const e = env();
		expect(await hooks.create.call(withWorkflow(hookContext(e)))).toBe(true);
		expect(body).toMatchObject({ endpoint: ENDPOINT, events: ['participant_joined', 'recording_ready'], name: 'n8n: Onboarding' });
		expect(body.authorization_header).toBe(e.staticData.secret);
		expect(String(e.staticData.secret)).toMatch(/^[0-9a-f]{64}$/);
		expect(e.staticData.webhookId).toBe('wh-1');
	});

	it('adopts an existing webhook for the same endpoint instead of creating a duplicate', async () => {
		let patched: IDataObject = {};
		nock(DS_URL)
			.get('/api/v1/webhooks').query(true).reply(200, { data: [{ id: 'wh-old', endpoint: ENDPOINT }], total_count: 1 })
			.patch('/api/v1/webhooks/wh-old', (b) => ((patched = b), true)).reply(200, { id: 'wh-old', endpoint: ENDPOINT });
		const e = env();
		await hooks.create.call(withWorkflow(hookContext(e)));
		expect(e.staticData.webhookId).toBe('wh-old');
		expect(patched.authorization_header).toBe(e.staticData.secret);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('checkExists: true only for its own webhook; false and cleared when it is gone', async () => {
		nock(DS_URL).get('/api/v1/webhooks/wh-1').reply(200, { id: 'wh-1', endpoint: ENDPOINT });
		expect(await hooks.checkExists.call(hookContext(env({ staticData: { webhookId: 'wh-1', secret: SECRET } })))).toBe(true);
		nock(DS_URL).get('/api/v1/webhooks/wh-1').reply(404, { message: 'Not Found', error: 'not-found' });
		const e = env({ staticData: { webhookId: 'wh-1', secret: SECRET } });
		expect(await hooks.checkExists.call(hookContext(e))).toBe(false);
		expect(e.staticData).toEqual({});
	});

	it('delete removes its webhook (204), accepts a 404, and reports other failures', async () => {
		nock(DS_URL).get('/api/v1/webhooks').query(true).times(3).reply(200, { data: [{ id: 'theirs', endpoint: 'https://elsewhere.example.com/hook' }], total_count: 1 });
		nock(DS_URL).delete('/api/v1/webhooks/wh-1').reply(204);
		const e = env({ staticData: { webhookId: 'wh-1', secret: SECRET } });
		expect(await hooks.delete.call(hookContext(e))).toBe(true);
		expect(e.staticData).toEqual({});
		nock(DS_URL).delete('/api/v1/webhooks/wh-2').reply(404, { message: 'Not Found', error: 'not-found' });
		expect(await hooks.delete.call(hookContext(env({ staticData: { webhookId: 'wh-2', secret: SECRET } })))).toBe(true);
		nock(DS_URL).delete('/api/v1/webhooks/wh-3').times(6).reply(500, { message: 'Server Error' });
		const failing = env({ staticData: { webhookId: 'wh-3', secret: SECRET } });
		const error = await hooks.delete.call(hookContext(failing)).catch((err) => err);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Digital Samba API error 500: Server Error');
	});
});

describe('Digital Samba Trigger verification', () => {
	const now = () => Math.floor(Date.now() / 1000);
	const event = (extra: IDataObject = {}) => ({
		eventType: 'participant_joined', sessionId: 's-1', roomId: 'r-1', timestamp: now(),
		data: { participantId: 'p-1', name: 'John Smith', role: 'moderator' }, ...extra,
	});
	const stored = () => env({ staticData: { webhookId: 'wh-1', secret: SECRET } });
	const post = (body: object | string, headers: Record<string, string> = { Authorization: `Bearer ${SECRET}` }) => ({
		body: typeof body === 'string' ? body : JSON.stringify(body),
		headers,
	});

	it('starts a run for a genuine delivery, with or without "Bearer "', async () => {
		const first = event({ sessionId: 's-a' });
		const outcome = await deliver(trigger, stored(), post(first));
		const occurredAt = new Date(first.timestamp * 1000).toISOString();
		expect(outcome.run).toEqual([{
			...first, room: 'r-1', occurredAt,
			// Issue 28: one key added (trigger.normalized.test.ts covers it).
			normalized: {
				event: 'participant.joined', provider: 'digitalSamba', room: { id: 'r-1', name: null }, sessionId: 's-a',
				participant: { id: 'p-1', userId: null, name: 'John Smith' }, occurredAt,
			},
		}]);
		expect((await deliver(trigger, stored(), post(event({ sessionId: 's-b' }), { Authorization: SECRET }))).run).toHaveLength(1);
	});

	it('accepts the secret behind any number of "Bearer " (a value registered with the prefix arrives doubled)', async () => {
		for (const [i, header] of [`Bearer Bearer ${SECRET}`, `bearer  BEARER ${SECRET}`, `Bearer Bearer Bearer ${SECRET}`].entries()) {
			expect((await deliver(trigger, stored(), post(event({ sessionId: `s-prefix-${i}` }), { Authorization: header }))).run).toHaveLength(1);
		}
		expect(await deliver(trigger, stored(), post(event(), { Authorization: `Bearer Bearer ${SECRET}x` }))).toMatchObject({ status: 401 });
	});

	it('reads a timestamp in milliseconds or as an ISO time too', async () => {
		expect((await deliver(trigger, stored(), post(event({ sessionId: 's-ms', timestamp: Date.now() })))).run).toHaveLength(1);
		expect((await deliver(trigger, stored(), post(event({ sessionId: 's-iso', timestamp: new Date().toISOString() })))).run).toHaveLength(1);
	});

	it.each([
		['no Authorization header', () => post(event(), {})],
		['a wrong secret of equal length', () => post(event(), { Authorization: `Bearer ${'0'.repeat(SECRET.length)}` })],
		['a shorter secret', () => post(event(), { Authorization: 'Bearer abc' })],
	])('refuses %s with 401 and starts nothing', async (_name, make) => {
		const outcome = await deliver(trigger, stored(), make());
		expect(outcome).toMatchObject({ status: 401, run: undefined });
		expect(JSON.stringify(outcome.json)).not.toContain(SECRET);
	});

	it('runs the payload of Digital Samba\'s docs, timestamp 1675790387 (February 2023) and all', async () => {
		// docs.digitalsamba.com webhooks payload structure (reference/providers.md §2.3), its <uuid> placeholders filled
		// in: the bearer secret is the authentication; the timestamp is not signed, so by default it is not checked.
		const documented = '{"eventType":"participant_joined","sessionId":"8a2f4c1e-0b7d-4e3a-9c5f-1d2e3f4a5b6c","roomId":"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f","timestamp":1675790387,"data":{"participantId":"5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b","name":"John Smith","role":"moderator"}}';
		const outcome = await deliver(trigger, stored(), post(documented));
		expect(outcome.run).toEqual([expect.objectContaining({ eventType: 'participant_joined', room: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f', occurredAt: '2023-02-07T17:19:47.000Z' })]);
	});

	it.each([
		['an hour late', () => event({ sessionId: 's-hour', timestamp: now() - 3600 })],
		['a week late (a backlog, a retry after an n8n outage)', () => event({ sessionId: 's-week', timestamp: now() - 7 * 24 * 3600 })],
		['from a clock an hour ahead', () => event({ sessionId: 's-ahead', timestamp: now() + 3600 })],
		['without a timestamp', () => ({ eventType: 'participant_joined', sessionId: 's-none', roomId: 'r-1', data: { participantId: 'p-1' } })],
	])('runs a genuine delivery %s (the default: no timestamp check)', async (_name, make) => {
		const body = make() as IDataObject;
		const outcome = await deliver(trigger, stored(), post(body));
		expect(outcome.run).toEqual([expect.objectContaining({ eventType: 'participant_joined', room: 'r-1' })]);
		expect(outcome.run![0].occurredAt).toBe(typeof body.timestamp === 'number' ? new Date(body.timestamp * 1000).toISOString() : null);
	});

	it('a trigger that never set Replay Window runs with the pinned default, 0 (test/fixtures/pinned-defaults.json)', async () => {
		expect(PINNED_WINDOW_S).toBe(0);
		const saved = env({ parameters: { eventSource: 'documented', events: ['participant_joined'] }, staticData: { secret: SECRET } });
		expect((await deliver(trigger, saved, post(event({ sessionId: 's-saved', timestamp: now() - 86_400 })))).run).toHaveLength(1);
	});

	it('checks the timestamp only when Replay Window is set: late or missing is then refused with 401', async () => {
		const strict = () => env({ parameters: { eventSource: 'documented', events: ['participant_joined'], options: { replayWindow: 300 } }, staticData: { secret: SECRET } });
		expect(await deliver(trigger, strict(), post(event({ sessionId: 's-strict-late', timestamp: now() - 3600 })))).toMatchObject({ status: 401, run: undefined });
		const { timestamp: _none, ...untimed } = event({ sessionId: 's-strict-none' });
		expect(await deliver(trigger, strict(), post(untimed))).toMatchObject({ status: 401, run: undefined });
		expect((await deliver(trigger, strict(), post(event({ sessionId: 's-strict-fresh' })))).run).toHaveLength(1);
	});

	it('answers the same event again (same bytes, or re-serialised) with 200 and no second run, for 24 hours', async () => {
		const node = stored();
		const start = Date.now();
		const clock = jest.spyOn(Date, 'now');
		try {
			clock.mockReturnValue(start);
			const first = event({ sessionId: 's-24h', timestamp: Math.floor(start / 1000) });
			expect((await deliver(trigger, node, post(first))).run).toHaveLength(1);
			// Keys in another order, spaces: the same event.
			const reordered = JSON.stringify(Object.fromEntries(Object.entries(first).reverse()), null, 2);
			clock.mockReturnValue(start + 23 * 3_600_000);
			expect(await deliver(trigger, node, post(reordered))).toMatchObject({ status: 200, json: { status: 'duplicate' }, run: undefined });
			expect(await deliver(trigger, node, post(first))).toMatchObject({ status: 200, run: undefined });
			// Another event (a later timestamp) is not a duplicate.
			expect((await deliver(trigger, node, post({ ...first, timestamp: first.timestamp + 1 }))).run).toHaveLength(1);
			// After 24 hours it is forgotten.
			clock.mockReturnValue(start + 25 * 3_600_000);
			expect((await deliver(trigger, node, post(first))).run).toHaveLength(1);
		} finally {
			clock.mockRestore();
		}
	});

	it('answers a duplicate (the same bytes again) with 200 and no second run; a malformed body with 400', async () => {
		const delivery = post(event({ sessionId: 's-dup' }));
		const node = stored();
		expect((await deliver(trigger, node, delivery)).run).toHaveLength(1);
		expect(await deliver(trigger, node, delivery)).toMatchObject({ status: 200, json: { status: 'duplicate' }, run: undefined });
		expect(await deliver(trigger, stored(), post('{"broken'))).toMatchObject({ status: 400, run: undefined });
	});

	it('writes nothing to static data for a delivery, accepted, duplicate or ignored', async () => {
		const staticData = Object.freeze({ webhookId: 'wh-1', secret: SECRET }) as IDataObject;
		const node = env({ staticData });
		const delivery = post(event({ sessionId: 's-frozen' }));
		expect((await deliver(trigger, node, delivery)).run).toHaveLength(1);
		expect((await deliver(trigger, node, delivery)).status).toBe(200);
		expect((await deliver(trigger, node, post(event({ eventType: 'room_locked' })))).json).toEqual({ status: 'ignored' });
	});

	it('ignores events the user did not choose, with 200', async () => {
		expect(await deliver(trigger, stored(), post(event({ eventType: 'room_locked' })))).toMatchObject({ status: 200, run: undefined });
	});
});
