import nock from 'nock';
import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';
import { defaultRetryPolicy } from '../../../nodes/shared/http/send';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { DAILY_KEY, DAILY_URL, dailyRunner } from '../../helpers/daily';
import { failure } from '../../helpers/failure';

// Keep the backoff real but short, so the retry paths run in milliseconds.
const runDaily = dailyRunner({ retryPolicy: { ...defaultRetryPolicy, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2000 } });

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	resetRateLimits();
});
afterAll(() => nock.enableNetConnect());

const room = (i: number) => ({ id: `id-${i}`, name: `room-${i}` });

describe('pagination', () => {
	it('Return All walks the starting_after cursor across pages', async () => {
		const all = Array.from({ length: 250 }, (_, i) => room(i));
		const seen: Array<Record<string, string>> = [];
		nock(DAILY_URL)
			.get('/v1/rooms')
			.query(true)
			.times(3)
			.reply((uri) => {
				const q = Object.fromEntries(new URL(uri, DAILY_URL).searchParams) as Record<string, string>;
				seen.push(q);
				const start = q.starting_after ? all.findIndex((r) => r.id === q.starting_after) + 1 : 0;
				return [200, { total_count: all.length, data: all.slice(start, start + Number(q.limit)) }];
			});
		const { output } = await runDaily({ resource: 'room', operation: 'getAll', returnAll: true });
		expect(output.map((i) => i.json.id)).toEqual(all.map((r) => r.id));
		expect(seen).toEqual([{ limit: '100' }, { limit: '100', starting_after: 'id-99' }, { limit: '100', starting_after: 'id-199' }]);
	});

	it('Limit stops as soon as enough entries arrived, asking only for what is missing', async () => {
		const all = Array.from({ length: 300 }, (_, i) => room(i));
		const limits: string[] = [];
		nock(DAILY_URL)
			.get('/v1/rooms')
			.query(true)
			.times(2)
			.reply((uri) => {
				const q = Object.fromEntries(new URL(uri, DAILY_URL).searchParams) as Record<string, string>;
				limits.push(q.limit);
				const start = q.starting_after ? all.findIndex((r) => r.id === q.starting_after) + 1 : 0;
				return [200, { total_count: all.length, data: all.slice(start, start + Number(q.limit)) }];
			});
		const { output } = await runDaily({ resource: 'room', operation: 'getAll', returnAll: false, limit: 130 });
		expect(output).toHaveLength(130);
		expect(limits).toEqual(['100', '30']);
	});
});

describe('retries', () => {
	it('retries a 429 after the Retry-After it names, then succeeds', async () => {
		const times: number[] = [];
		nock(DAILY_URL)
			.get('/v1/rooms/a')
			.reply(() => {
				times.push(Date.now());
				return [429, { error: 'rate-limit-error', info: 'slow down' }, { 'Retry-After': '1' }];
			})
			.get('/v1/rooms/a')
			.reply(() => {
				times.push(Date.now());
				return [200, room(1)];
			});
		const { output } = await runDaily({ resource: 'room', operation: 'get', roomName: 'a' });
		expect(output[0].json).toEqual(room(1));
		expect(times[1] - times[0]).toBeGreaterThanOrEqual(950);
	});

	it('retries 5xx answers and network resets with backoff, then succeeds', async () => {
		nock(DAILY_URL)
			.get('/v1/rooms/a').reply(500, { error: 'server-error' })
			.get('/v1/rooms/a').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })
			.get('/v1/rooms/a').reply(503, 'upstream unavailable')
			.get('/v1/rooms/a').reply(200, room(1));
		const { output, ctx } = await runDaily({ resource: 'room', operation: 'get', roomName: 'a' });
		expect(output[0].json).toEqual(room(1));
		expect(ctx.requests).toHaveLength(4);
	});

	it('retries 429s longer than other failures (a 429 was not processed), then gives up naming the tries', async () => {
		const scope = nock(DAILY_URL).get('/v1/rooms/a').times(13).reply(429, { error: 'rate-limit-error', info: 'slow down' });
		const error = await failure(runDaily({ resource: 'room', operation: 'get', roomName: 'a' }));
		expect(scope.isDone()).toBe(true);
		expect((error as NodeApiError).description).toContain('gave up after 13 tries');
	});

	it('gives up after the retry limit with the provider message', async () => {
		const scope = nock(DAILY_URL).get('/v1/rooms/a').times(6).reply(502, { error: 'server-error', info: 'bad gateway' });
		const error = await failure(runDaily({ resource: 'room', operation: 'get', roomName: 'a' }));
		expect(scope.isDone()).toBe(true);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Daily API error 502 (server-error): bad gateway');
		expect((error as NodeApiError).description).toContain('gave up after 6 tries');
	});

	it('does not retry a 4xx answer', async () => {
		nock(DAILY_URL).get('/v1/rooms/missing').reply(404, { error: 'not-found', info: 'room missing not found' });
		const error = await failure(runDaily({ resource: 'room', operation: 'get', roomName: 'missing' }));
		expect(error.message).toBe('Daily API error 404 (not-found): room missing not found');
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('errors', () => {
	it('surfaces Daily\'s {error, info} body and never the API key', async () => {
		nock(DAILY_URL).post('/v1/rooms').reply(400, { error: 'invalid-request-error', info: `bad value near ${DAILY_KEY}` });
		const error = await failure(runDaily({ resource: 'room', operation: 'create', roomName: 'a' }));
		expect(error.message).toContain('invalid-request-error');
		expect(error.message).toContain('bad value near [redacted]');
		expect(JSON.stringify(error)).not.toContain(DAILY_KEY);
		expect(String((error as NodeApiError).description)).not.toContain(DAILY_KEY);
	});

	it('explains a 401 that carries no info', async () => {
		nock(DAILY_URL).get('/v1/rooms/a').reply(401, { error: 'authentication-error' });
		const error = await failure(runDaily({ resource: 'room', operation: 'get', roomName: 'a' }));
		expect(error.message).toBe('Daily API error 401 (authentication-error): The API key was refused; check the Daily credential');
		expect(JSON.stringify(error)).not.toContain(DAILY_KEY);
	});

	it('a network failure names the cause but not the Authorization header', async () => {
		nock(DAILY_URL).get('/v1/rooms/a').times(6).replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
		const error = await failure(runDaily({ resource: 'room', operation: 'get', roomName: 'a' }));
		// n8n rewrites a message naming a network code into its own wording; the call stays in the description.
		expect(error.message).toMatch(/refused the connection/);
		expect((error as NodeApiError).description).toBe('GET /rooms/a got no answer after 6 tries.');
		expect(JSON.stringify(error)).not.toContain(DAILY_KEY);
	});

	it('continueOnFail turns a failed item into an error item and keeps the others', async () => {
		nock(DAILY_URL)
			.get('/v1/rooms/a').reply(200, room(1))
			.get('/v1/rooms/b').reply(404, { error: 'not-found', info: 'room b not found' });
		const { output } = await runDaily(
			[
				{ resource: 'room', operation: 'get', roomName: 'a' },
				{ resource: 'room', operation: 'get', roomName: 'b' },
				{ resource: 'room', operation: 'get', roomName: 'bad name!' },
			],
			{ continueOnFail: true },
		);
		expect(output.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toEqual(room(1));
		expect(output[1].json.error).toBe('Daily API error 404 (not-found): room b not found');
		expect(output[2].json.error).toMatch(/Room Name \(roomName\)/);
	});
});

describe('concurrency', () => {
	it('keeps output order equal to input order when answers arrive out of order', async () => {
		const names = Array.from({ length: 12 }, (_, i) => `r${i}`);
		for (const [i, name] of names.entries()) {
			nock(DAILY_URL).get(`/v1/rooms/${name}`).delay((names.length - i) * 5).reply(200, { name });
		}
		const { output } = await runDaily(names.map((roomName) => ({ resource: 'room', operation: 'get', roomName })));
		expect(output.map((i) => i.json.name)).toEqual(names);
		expect(output.map((i) => (i.pairedItem as { item: number }).item)).toEqual(names.map((_, i) => i));
	});
});

describe('validation before any request', () => {
	const cases: Array<[string, IDataObject, RegExp]> = [
		['a room name with invalid characters', { resource: 'room', operation: 'get', roomName: 'my room!' }, /Room Name \(roomName\): may contain only letters, digits/],
		['a room name over 128 characters', { resource: 'room', operation: 'create', roomName: 'a'.repeat(129) }, /Room Name \(roomName\)/],
		['an expiry in the past', { resource: 'room', operation: 'create', roomName: 'ok', properties: { exp: '2020-01-01T00:00:00Z' } }, /Room Properties → Expires At \(properties\.exp\): must be in the future/],
		['a token expiry in the past', { resource: 'meetingToken', operation: 'create', properties: { exp: 1000 } }, /Token Properties → Expires At \(properties\.exp\): must be in the future/],
		['an unreadable time', { resource: 'room', operation: 'create', properties: { nbf: 'next blue moon' } }, /Not Before \(properties\.nbf\): must be a date/],
		['an unknown room property', { resource: 'room', operation: 'create', properties: { enable_teleport: true } }, /Room Properties \(properties\): unknown field\(s\): enable_teleport/],
		['a missing required field', { resource: 'recording', operation: 'get' }, /Recording ID \(recordingId\): is required/],
		['a value outside the allowed list', { resource: 'room', operation: 'create', privacy: 'secret' }, /Privacy \(privacy\): must be one of 'public', 'private'/],
		['invalid JSON', { resource: 'room', operation: 'sendAppMessage', roomName: 'a', data: '{oops' }, /Message \(JSON\) \(data\): must be valid JSON/],
		['an app message over 4 KB', { resource: 'room', operation: 'sendAppMessage', roomName: 'a', data: JSON.stringify({ x: 'y'.repeat(5000) }) }, /must be at most 4 KB/],
		['a live stream without a target', { resource: 'liveStream', operation: 'start', roomName: 'a' }, /RTMP URLs \(options\.rtmpUrl\): give at least one/],
		['a non-RTMP stream URL', { resource: 'liveStream', operation: 'start', roomName: 'a', options: { rtmpUrl: 'http://x' } }, /must start with rtmp/],
		['a dial-out with both number and SIP URI', { resource: 'dialOut', operation: 'start', roomName: 'a', target: { phoneNumber: '+14155550123', sipUri: 'sip:a@b' } }, /give exactly one of Phone Number or SIP URI/],
		['DTMF with letters', { resource: 'dialOut', operation: 'sendDtmf', roomName: 'a', sessionId: 's', tones: '12x' }, /Tones \(tones\)/],
		['an unknown webhook event', { resource: 'webhook', operation: 'create', url: 'https://x.example.com/h', eventTypes: ['room.created'] }, /Event Types \(eventTypes\[0\]\): each value must be one of 'batch-processor.error'/],
		['a batch room with a bad name', { resource: 'room', operation: 'createMany', rooms: '[{"name":"ok"},{"name":"not ok"}]' }, /Rooms \(JSON\) → name \(rooms\[1\]\.name\): may contain only/],
		['more than 100 session IDs to eject', { resource: 'room', operation: 'eject', roomName: 'a', targets: { ids: Array.from({ length: 101 }, (_, i) => `s${i}`) } }, /at most 100/],
		['a limit below 1', { resource: 'room', operation: 'getAll', returnAll: false, limit: 0 }, /Limit \(limit\)/],
	];

	it.each(cases)('refuses %s with a NodeOperationError naming the field', async (_name, params, message) => {
		// Net connect is disabled and nothing is intercepted: any request would fail differently.
		const error = await failure(runDaily(params));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(`${error.message}\n${(error as NodeOperationError).description}`).toMatch(message);
	});

	it('accepts a relative expiry and sends unix seconds', async () => {
		let body: { properties: { exp: number } } | undefined;
		nock(DAILY_URL).post('/v1/rooms', (b) => ((body = b), true)).reply(200, room(1));
		const before = Math.floor(Date.now() / 1000);
		await runDaily({ resource: 'room', operation: 'create', properties: { exp: 'in 2 hours' } });
		expect(body!.properties.exp).toBeGreaterThanOrEqual(before + 7200);
		expect(body!.properties.exp).toBeLessThanOrEqual(before + 7201);
	});
});

describe('room create with a taken name', () => {
	it('fails with Daily\'s 400 message by default', async () => {
		nock(DAILY_URL).post('/v1/rooms').reply(400, { error: 'invalid-request-error', info: 'a room named standup already exists' });
		const error = await failure(runDaily({ resource: 'room', operation: 'create', roomName: 'standup' }));
		expect(error.message).toBe('Daily API error 400 (invalid-request-error): a room named standup already exists');
	});

	it('returns the existing room when asked to', async () => {
		nock(DAILY_URL)
			.post('/v1/rooms').reply(400, { error: 'invalid-request-error', info: 'a room named standup already exists' })
			.get('/v1/rooms/standup').reply(200, { id: 'r-9', name: 'standup' });
		const { output } = await runDaily({ resource: 'room', operation: 'create', roomName: 'standup', options: { returnExisting: true } });
		expect(output[0].json).toEqual({ id: 'r-9', name: 'standup', existing: true });
	});

	it('returns the room a lost first answer created, instead of failing or creating twice', async () => {
		nock(DAILY_URL)
			.post('/v1/rooms').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' })
			.post('/v1/rooms').reply(400, { error: 'invalid-request-error', info: 'a room named standup already exists' })
			.get('/v1/rooms/standup').reply(200, { id: 'r-1', name: 'standup' });
		const { output } = await runDaily({ resource: 'room', operation: 'create', roomName: 'standup' });
		// The room this call made before its answer was lost: its own, not an existing one.
		expect(output[0].json).toEqual({ id: 'r-1', name: 'standup' });
	});
});
