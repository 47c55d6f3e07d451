import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { Daily } from '../../../../nodes/Daily/Daily.node';
import { DigitalSamba } from '../../../../nodes/DigitalSamba/DigitalSamba.node';
import { backoffDelay, defaultRetryPolicy, parseRetryAfter, type RetryPolicy } from '../../../../nodes/shared/http/send';
import { resetRateLimits } from '../../../../nodes/shared/http/rateLimit';
import { DAILY_URL, dailyRunner } from '../../../helpers/daily';
import { DS_URL, digitalSambaRunner } from '../../../helpers/digitalSamba';

/**
 * Retries without duplicate side effects. A call that may not be repeated (a POST not declared repeatable: sending
 * a chat message, starting a recording, placing a call) is sent again only when the provider provably did not get
 * it: after a 429, or a connection refused before anything was sent. After a 5xx, a timeout or a connection
 * dropped once sent, the provider may have done it: the item fails and says so. Reads and idempotent writes retry
 * as before; a Daily room create is made recognisable (a name the node generates) and so may be sent again.
 */
const fastRetries = { ...defaultRetryPolicy, baseDelayMs: 1, maxDelayMs: 5 };
const runDaily = dailyRunner({ retryPolicy: fastRetries });
const runDigitalSamba = digitalSambaRunner({ retryPolicy: fastRetries });
beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	resetRateLimits();
});
afterAll(() => nock.enableNetConnect());

const chat = (message: string) => ({ resource: 'chat', operation: 'send', roomId: 'r-1', message });

describe('a call that is sent once (Digital Samba Chat → Send Message)', () => {
	it.each([
		['a 500', (scope: nock.Interceptor) => scope.reply(500, { message: 'Server Error' })],
		['a connection dropped after sending', (scope: nock.Interceptor) => scope.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })],
	])('is not sent again after %s, and the error says why', async (_what, answer) => {
		let sent = 0;
		answer(nock(DS_URL).post('/api/v1/rooms/r-1/chat', () => (sent++, true)));
		const error = await runDigitalSamba(chat('hello')).catch((e) => e);
		expect(sent).toBe(1);
		expect(error.description).toContain('Not sent again: Digital Samba may have done it already');
	});

	it.each([
		['a 429 (not processed)', (scope: nock.Interceptor) => scope.reply(429, { message: 'Too Many Attempts.' }, { 'retry-after': '0' })],
		['a connection refused before sending', (scope: nock.Interceptor) => scope.replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' })],
	])('is sent again after %s', async (_what, answer) => {
		answer(nock(DS_URL).post('/api/v1/rooms/r-1/chat'));
		nock(DS_URL).post('/api/v1/rooms/r-1/chat').reply(200, {});
		const { output } = await runDigitalSamba(chat('hello'));
		expect(output).toHaveLength(1);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('runs the items in order, and without Continue On Fail sends nothing for the items after a failed one', async () => {
		const sent: string[] = [];
		nock(DS_URL)
			.post('/api/v1/rooms/r-1/chat').times(10).reply((_uri, body) => {
				const { message } = body as IDataObject;
				sent.push(String(message));
				return message === 'm-2' ? [422, { message: 'The given data was invalid.' }] : [200, {}];
			});
		const error = await runDigitalSamba(['m-0', 'm-1', 'm-2', 'm-3', 'm-4', 'm-5'].map(chat)).catch((e) => e);
		expect(error.message).toContain('Digital Samba API error 422');
		expect(sent).toEqual(['m-0', 'm-1', 'm-2']);
	});

	it('with Continue On Fail, goes on after a failed item, still one at a time in order', async () => {
		const sent: string[] = [];
		nock(DS_URL)
			.post('/api/v1/rooms/r-1/chat').times(4).delay(5).reply((_uri, body) => {
				const { message } = body as IDataObject;
				sent.push(String(message));
				return message === 'm-1' ? [422, { message: 'invalid' }] : [200, {}];
			});
		const { output } = await runDigitalSamba(['m-0', 'm-1', 'm-2', 'm-3'].map(chat), { continueOnFail: true });
		expect(sent).toEqual(['m-0', 'm-1', 'm-2', 'm-3']);
		expect(output.map((item) => (item.json.error ? 'error' : 'ok'))).toEqual(['ok', 'error', 'ok', 'ok']);
	});
});

describe('calls that may repeat', () => {
	it('a read is sent again after a 500', async () => {
		nock(DAILY_URL).get('/v1/rooms/standup').reply(500, { error: 'server-error' }).get('/v1/rooms/standup').reply(200, { name: 'standup' });
		const { output } = await runDaily({ resource: 'room', operation: 'get', roomName: 'standup' });
		expect(output[0].json).toEqual({ name: 'standup' });
	});

	it('Daily Room → Create without a name sends a generated one, and after a 500 that made the room, meets it instead of making a second', async () => {
		const bodies: IDataObject[] = [];
		nock(DAILY_URL)
			.post('/v1/rooms', (b) => (bodies.push(b), true)).reply(500, { error: 'server-error' })
			.post('/v1/rooms', (b) => (bodies.push(b), true)).reply(400, (_uri, b) => ({ error: 'invalid-request-error', info: `a room named ${(b as IDataObject).name} already exists` }))
			.get(/\/v1\/rooms\/[A-Za-z0-9]{20}$/).reply(200, (uri) => ({ name: uri.split('/').pop(), privacy: 'public' }));
		const { output } = await runDaily({ resource: 'room', operation: 'create', privacy: 'public' });
		expect(String(bodies[0].name)).toMatch(/^[A-Za-z0-9]{20}$/);
		expect(bodies[1].name).toBe(bodies[0].name);
		expect(output[0].json).toEqual({ name: bodies[0].name, privacy: 'public' });
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('a taken name met after a 429 only (which Daily did not process) is someone else\'s room: it fails', async () => {
		nock(DAILY_URL)
			.post('/v1/rooms').reply(429, { error: 'rate-limit-error' }, { 'retry-after': '0' })
			.post('/v1/rooms').reply(400, { error: 'invalid-request-error', info: 'a room named standup already exists' });
		await expect(runDaily({ resource: 'room', operation: 'create', roomName: 'standup' })).rejects.toThrow('already exists');
	});
});

describe('the Retry On Fail notice', () => {
	const shownFor = (properties: Array<{ name: string; displayOptions?: { show?: Record<string, unknown[]> } }>) =>
		properties.filter((p) => p.name === 'sendsOnceNotice').map((p) => `${p.displayOptions?.show?.resource?.[0]}.${p.displayOptions?.show?.operation?.[0]}`);

	it('stands on the operations whose call is sent once, and only there', () => {
		const daily = shownFor(new Daily().description.properties as never);
		expect(daily).toEqual(expect.arrayContaining(['room.sendAppMessage', 'dialOut.start', 'recording.start', 'webhook.create']));
		for (const repeatable of ['room.get', 'room.create', 'room.update', 'meetingToken.create', 'recording.stop']) expect(daily).not.toContain(repeatable);
		const ds = shownFor(new DigitalSamba().description.properties as never);
		expect(ds).toEqual(expect.arrayContaining(['chat.send', 'poll.create', 'room.create', 'library.uploadFile']));
		for (const repeatable of ['room.get', 'room.update', 'roomToken.create', 'session.end']) expect(ds).not.toContain(repeatable);
	});
});

describe('the retry policy', () => {
	it('is n8n\'s, frozen, for a node made as n8n makes it; a node made with its own sends its calls with it', async () => {
		expect(Object.isFrozen(defaultRetryPolicy)).toBe(true);
		nock(DAILY_URL).get('/v1/rooms/a').times(2).reply(200, { name: 'a' });
		const timeouts = async (retryPolicy?: RetryPolicy) =>
			(await dailyRunner({ retryPolicy })({ resource: 'room', operation: 'get', roomName: 'a' })).ctx.requests.map((r) => r.timeout);
		expect(await timeouts()).toEqual([defaultRetryPolicy.timeoutMs]);
		expect(await timeouts({ ...defaultRetryPolicy, timeoutMs: 1234 })).toEqual([1234]);
	});
});

describe('retry timing', () => {
	it('reads Retry-After as seconds or an HTTP date', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter(['0'])).toBe(0);
		const now = Date.parse('2026-11-23T12:00:00Z');
		expect(parseRetryAfter('Mon, 23 Nov 2026 12:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});

	it('backs off exponentially with full jitter, capped', () => {
		const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(backoffDelay(0, policy, () => 1)).toBe(100);
		expect(backoffDelay(3, policy, () => 1)).toBe(800);
		expect(backoffDelay(6, policy, () => 1)).toBe(1000);
		expect(backoffDelay(6, policy, () => 0)).toBe(0);
		expect(backoffDelay(2, policy, () => 0.5)).toBe(200);
	});
});
