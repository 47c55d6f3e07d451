import { createHmac, randomBytes, randomUUID } from 'crypto';
import { type FaultCounts, type Faults, withFaults, type WorkDone } from './faults';
import { listen, type RateWindow, Router, slidingWindows, type SimRequest, type SimResponse, type SimServer, withLatency } from './http';

/**
 * An in-memory Daily REST API v1, as reference/providers.md §1 records the real one:
 * Bearer auth, `{error, info}` errors, 200 creates, 400 for a taken room name,
 * newest-first `starting_after` pagination with `{total_count, data}`, a bare array from GET /webhooks.
 */
export interface DailySimulatorOptions {
	apiKey: string;
	domainName?: string;
	port?: number;
	/** Injected faults (reliability tests); changeable later with setFaults. */
	faults?: Faults;
	/** Requests per second before 429 rate-limit-error, in fixed one-second windows. Off when omitted. */
	rateLimitPerSecond?: number;
	/** Sliding-window limits (e.g. DAILY_DOCUMENTED_LIMITS); over them a 429 rate-limit-error. Off when omitted. */
	rateLimits?: RateWindow[];
	/** Put `Retry-After: <seconds>` on a sliding-window 429 (Daily documents no such header; off by default). */
	retryAfter?: boolean;
	/** A fixed delay before every answer, in ms (benchmarks). */
	latencyMs?: number;
	/**
	 * The unit of X-Webhook-Timestamp on deliveries. Disputed (reference/providers.md §1.3: seconds in some handlers,
	 * 13-digit milliseconds reported by another): both are sent by the tests. Default milliseconds.
	 */
	timestampUnit?: TimestampUnit;
	/** The content type of Daily's `{"test":"test"}` request (undocumented; default application/json). */
	pingContentType?: string;
}

export type TimestampUnit = 'seconds' | 'milliseconds';

export interface DeliverOptions {
	/** Overrides the simulator's timestampUnit for this delivery. */
	timestampUnit?: TimestampUnit;
	/** The event id; default a new uuid. Daily may deliver one event twice, sometimes under a new id. */
	id?: string;
}

/** Daily's documented default limit (reference/providers.md §1.1): 20 requests/s, or 100 per 5 s. */
export const DAILY_DOCUMENTED_LIMITS: RateWindow[] = [
	{ limit: 20, windowMs: 1000 },
	{ limit: 100, windowMs: 5000 },
];

interface Room {
	id: string;
	name: string;
	api_created: boolean;
	privacy: 'public' | 'private';
	url: string;
	created_at: string;
	config: Record<string, unknown>;
}

export interface Webhook {
	uuid: string;
	url: string;
	hmac: string;
	basicAuth: string | null;
	retryType: 'circuit-breaker' | 'exponential';
	eventTypes: string[];
	state: 'ACTIVE' | 'FAILED';
	failedCount: number;
	domainId: string;
	createdAt: string;
	updatedAt: string;
}

export interface DailySimulator extends SimServer {
	rooms: Room[];
	webhooks: Webhook[];
	/** Every webhook HMAC secret this simulator has held, deleted webhooks' included (for the secrets scan). */
	issuedSecrets: Set<string>;
	/** Sends a signed event to the domain's webhook if it subscribes to the type; the HTTP status, or undefined. */
	deliver(type: string, payload: Record<string, unknown>, options?: DeliverOptions): Promise<number | undefined>;
	/** Sends the last delivery again, byte for byte with the same headers (Daily documents duplicate deliveries). */
	redeliver(): Promise<number | undefined>;
	/** Sends any bytes and headers to the webhook URL (for forged and malformed deliveries). */
	deliverRaw(body: string, headers: Record<string, string>): Promise<number | undefined>;
	/** Adds a finished cloud recording (GET /recordings/:id and its access link answer for it). */
	seedRecording(roomName: string): { id: string; room_name: string };
	/** The signature Daily puts in X-Webhook-Signature. */
	sign(hmac: string, timestamp: string, body: string): string;
	requests: Array<{ method: string; path: string; query: string; body: unknown }>;
	seedRooms(count: number, prefix?: string): void;
	/** Requests refused by `rateLimits` so far. */
	readonly rateLimited: number;
	/** Requests received so far, counted on arrival (before any latencyMs delay). */
	readonly arrived: number;
	setFaults(faults?: Faults): void;
	faultCounts: FaultCounts;
	/** Every request answered 2xx by the handler (the work was done), whatever answer reached the client. */
	workDone: WorkDone[];
}

const ROOM_NAME = /^[A-Za-z0-9_-]{1,128}$/;
const FAILURES_TO_TRIP = 3;

function sign(hmac: string, timestamp: string, body: string): string {
	return createHmac('sha256', Buffer.from(hmac, 'base64')).update(`${timestamp}.${body}`).digest('base64');
}

/** POSTs JSON to a URL with an 8 s timeout (Daily's limit for its test request); the status, or 0 on failure. */
async function post(url: string, body: string, headers: Record<string, string> = {}, contentType = 'application/json'): Promise<number> {
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': contentType, ...headers },
			body,
			signal: AbortSignal.timeout(8000),
		});
		await response.arrayBuffer();
		return response.status;
	} catch {
		return 0;
	}
}
const PAGE_MAX = 100;

const error = (status: number, type: string, info?: string): SimResponse => ({
	status,
	body: info === undefined ? { error: type } : { error: type, info },
});

function signToken(payload: Record<string, unknown>, key: string): string {
	const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
	const head = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`;
	return `${head}.${createHmac('sha256', key).update(head).digest('base64url')}`;
}

/** Daily's cursor pages over a newest-first list. */
function page<T extends Record<string, unknown>>(all: T[], query: URLSearchParams, idField = 'id') {
	const limit = Math.min(Number(query.get('limit') ?? PAGE_MAX) || PAGE_MAX, PAGE_MAX);
	let start = 0;
	const after = query.get('starting_after');
	if (after) start = all.findIndex((e) => e[idField] === after) + 1;
	return { total_count: all.length, data: all.slice(start, start + limit) };
}

export async function startDailySimulator(options: DailySimulatorOptions): Promise<DailySimulator> {
	const domain = options.domainName ?? 'sim';
	const domainId = randomUUID();
	const rooms: Room[] = []; // newest first
	const tokens = new Map<string, Record<string, unknown>>();
	const requests: DailySimulator['requests'] = [];
	const webhooks: Webhook[] = [];
	const issuedSecrets = new Set<string>();
	const recordings: Array<{ id: string; room_name: string; start_ts: number; status: string; duration: number }> = [];
	let domainConfig: Record<string, unknown> = { max_webhook_count: 1 };

	const makeRoom = (name: string, privacy: Room['privacy'], properties: Record<string, unknown>): Room => ({
		id: randomUUID(),
		name,
		api_created: true,
		privacy,
		url: `https://${domain}.daily.co/${name}`,
		created_at: new Date().toISOString(),
		config: properties,
	});

	const findRoom = (name: string) => rooms.find((r) => r.name === name);
	const notFound = (name: string) => error(404, 'not-found', `room ${name} not found`);

	function validateRoomBody(body: any): SimResponse | undefined {
		if (body?.name !== undefined && !ROOM_NAME.test(String(body.name))) {
			return error(400, 'invalid-request-error', 'name must only contain letters, numbers, dashes and underscores');
		}
		if (body?.privacy !== undefined && !['public', 'private'].includes(body.privacy)) {
			return error(400, 'invalid-request-error', 'privacy must be public or private');
		}
		const exp = body?.properties?.exp;
		if (exp !== undefined && exp <= Date.now() / 1000) {
			return error(400, 'invalid-request-error', 'exp must be in the future');
		}
		return undefined;
	}

	const router = new Router()
		.on('GET', '/', () => ({ status: 200, body: { domain_name: domain, domain_id: domainId, config: domainConfig } }))
		.on('POST', '/', (req) => {
			domainConfig = { ...domainConfig, ...(req.body?.properties ?? {}) };
			return { status: 200, body: { domain_name: domain, domain_id: domainId, config: domainConfig } };
		})
		.on('GET', '/rooms', (req) => ({ status: 200, body: page(rooms as never[], req.query) }))
		.on('POST', '/rooms', (req) => {
			const invalid = validateRoomBody(req.body);
			if (invalid) return invalid;
			const name = req.body?.name ?? randomUUID().replace(/-/g, '').slice(0, 20);
			if (findRoom(name)) return error(400, 'invalid-request-error', `a room named ${name} already exists`);
			const room = makeRoom(name, req.body?.privacy ?? 'public', req.body?.properties ?? {});
			rooms.unshift(room);
			return { status: 200, body: room };
		})
		.on('GET', '/rooms/:name', (_req, { name }) => {
			const room = findRoom(name);
			return room ? { status: 200, body: room } : notFound(name);
		})
		.on('POST', '/rooms/:name', (req, { name }) => {
			const room = findRoom(name);
			if (!room) return notFound(name);
			const invalid = validateRoomBody(req.body);
			if (invalid) return invalid;
			if (req.body?.privacy) room.privacy = req.body.privacy;
			room.config = { ...room.config, ...(req.body?.properties ?? {}) };
			return { status: 200, body: room };
		})
		.on('DELETE', '/rooms/:name', (_req, { name }) => {
			const index = rooms.findIndex((r) => r.name === name);
			if (index < 0) return notFound(name);
			rooms.splice(index, 1);
			return { status: 200, body: { deleted: true, name } };
		})
		.on('GET', '/rooms/:name/presence', (_req, { name }) =>
			findRoom(name) ? { status: 200, body: { total_count: 0, data: [] } } : notFound(name),
		)
		.on('POST', '/meeting-tokens', (req) => {
			const properties = req.body?.properties ?? {};
			if (properties.exp !== undefined && properties.exp <= Date.now() / 1000) {
				return error(400, 'invalid-request-error', 'exp must be in the future');
			}
			if (properties.room_name !== undefined && !findRoom(properties.room_name)) {
				return notFound(properties.room_name);
			}
			const token = signToken({ r: properties.room_name, d: domainId, iat: Math.floor(Date.now() / 1000), ...properties }, options.apiKey);
			tokens.set(token, properties);
			return { status: 200, body: { token } };
		})
		.on('GET', '/meeting-tokens/:token', (_req, { token }) => {
			const properties = tokens.get(token);
			return properties ? { status: 200, body: properties } : error(400, 'invalid-request-error', 'token is invalid');
		})
		.on('GET', '/presence', () => ({ status: 200, body: {} }))
		.on('GET', '/recordings/:id', (_req, { id }) => {
			const recording = recordings.find((r) => r.id === id);
			return recording ? { status: 200, body: recording } : error(404, 'not-found', `recording ${id} not found`);
		})
		.on('GET', '/recordings/:id/access-link', (req, { id }) => {
			if (!recordings.some((r) => r.id === id)) return error(404, 'not-found', `recording ${id} not found`);
			const validFor = Number(req.query.get('valid_for_secs') ?? 3600);
			return { status: 200, body: { download_link: `https://recordings.example.com/${id}.mp4?sig=sim`, expires: Math.floor(Date.now() / 1000) + validFor } };
		})
		.on('GET', '/webhooks', () => ({ status: 200, body: webhooks }))
		.on('POST', '/webhooks', async (req) => {
			const { url, eventTypes, hmac, basicAuth, retryType } = req.body ?? {};
			if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return error(400, 'invalid-request-error', 'url is required');
			if (webhooks.length >= Number(domainConfig.max_webhook_count ?? 1)) {
				return error(400, 'invalid-request-error', 'This domain can only have 1 webhook; update or delete the existing one');
			}
			// Daily sends a test request first and refuses the webhook unless it is answered with 200.
			if ((await ping(url)) !== 200) return error(400, 'invalid-request-error', `the test request to ${url} did not get a 200`);
			const now = new Date().toISOString();
			const hook: Webhook = {
				uuid: randomUUID(), url, hmac: hmac ?? randomBytes(32).toString('base64'), basicAuth: basicAuth ?? null,
				retryType: retryType ?? 'circuit-breaker', eventTypes: eventTypes ?? [], state: 'ACTIVE', failedCount: 0,
				domainId, createdAt: now, updatedAt: now,
			};
			webhooks.push(hook);
			issuedSecrets.add(hook.hmac);
			return { status: 200, body: hook };
		})
		.on('GET', '/webhooks/:uuid', (_req, { uuid }) => {
			const hook = webhooks.find((h) => h.uuid === uuid);
			// Daily's OpenAPI spec (GetWebhookConfig): an array of webhook objects; its docs prose shows one object.
			return hook ? { status: 200, body: [hook] } : error(404, 'not-found', `webhook ${uuid} not found`);
		})
		.on('POST', '/webhooks/:uuid', async (req, { uuid }) => {
			const hook = webhooks.find((h) => h.uuid === uuid);
			if (!hook) return error(404, 'not-found', `webhook ${uuid} not found`);
			const next = { ...hook, ...req.body };
			if ((await ping(next.url)) !== 200) return error(400, 'invalid-request-error', `the test request to ${next.url} did not get a 200`);
			Object.assign(hook, req.body, { state: 'ACTIVE', failedCount: 0, updatedAt: new Date().toISOString() });
			return { status: 200, body: hook };
		})
		.on('DELETE', '/webhooks/:uuid', (_req, { uuid }) => {
			const index = webhooks.findIndex((h) => h.uuid === uuid);
			if (index < 0) return error(404, 'not-found', `webhook ${uuid} not found`);
			const [hook] = webhooks.splice(index, 1);
			return { status: 200, body: { deleted: true, uuid: hook.uuid } };
		});

	/** Daily's test request before it creates or updates a webhook; the receiver must answer 200. */
	const ping = (url: string) => post(url, '{"test":"test"}', {}, options.pingContentType);

	/** Circuit breaker: three failed deliveries in a row put the webhook in FAILED and stop deliveries. */
	async function send(hook: Webhook, body: string, headers: Record<string, string>): Promise<number | undefined> {
		if (hook.state !== 'ACTIVE') return undefined;
		const status = await post(hook.url, body, { ...headers, ...(hook.basicAuth ? { authorization: `Basic ${hook.basicAuth}` } : {}) });
		hook.failedCount = status === 200 ? 0 : hook.failedCount + 1;
		if (hook.retryType === 'circuit-breaker' && hook.failedCount >= FAILURES_TO_TRIP) hook.state = 'FAILED';
		return status;
	}

	async function handle(req: SimRequest): Promise<SimResponse> {
		requests.push({ method: req.method, path: req.path, query: req.query.toString(), body: req.body });
		const path = req.path.replace(/^\/v1/, '') || '/';
		const auth = req.headers.authorization;
		if (!auth || !/^Bearer \S+$/.test(auth)) {
			return error(400, 'authorization-header-error', 'Missing or malformed Authorization header');
		}
		if (auth !== `Bearer ${options.apiKey}`) return error(401, 'authentication-error');
		if (req.body === Symbol.for('invalid-json')) return error(400, 'json-parsing-error', 'invalid JSON body');
		const route = router.match(req.method, path);
		if (!route) return error(404, 'not-found', `no route ${req.method} ${path}`);
		return await route.handler(req, route.params);
	}

	// Daily documents no rate-limit headers: a 429 carries only the error body.
	let windowStart = Date.now();
	let inWindow = 0;
	const rateLimited = (): SimResponse | undefined => {
		if (!options.rateLimitPerSecond) return undefined;
		if (Date.now() - windowStart >= 1000) {
			windowStart = Date.now();
			inWindow = 0;
		}
		return ++inWindow > options.rateLimitPerSecond ? error(429, 'rate-limit-error', 'Too many requests') : undefined;
	};
	const windows = slidingWindows(options.rateLimits ?? []);
	const overWindows = (): SimResponse | undefined => {
		const seconds = windows.check();
		if (seconds === undefined) return undefined;
		return { ...error(429, 'rate-limit-error', 'Too many requests'), ...(options.retryAfter ? { headers: { 'retry-after': String(seconds) } } : {}) };
	};
	let arrivals = 0;
	const faults = withFaults(
		withLatency(async (req) => rateLimited() ?? overWindows() ?? (await handle(req)), options.latencyMs, () => arrivals++),
		{ serverError: (status) => error(status, 'server-error', 'Internal server error'), rateLimited: () => error(429, 'rate-limit-error', 'Too many requests') },
		options.faults,
	);
	let last: { hook: Webhook; body: string; headers: Record<string, string> } | undefined;
	const server = await listen(faults.handle, options.port);
	return {
		...server,
		url: `${server.url}/v1`,
		rooms,
		requests,
		webhooks,
		issuedSecrets,
		sign,
		setFaults: faults.set,
		faultCounts: faults.counts,
		workDone: faults.work,
		get rateLimited() {
			return windows.refused;
		},
		get arrived() {
			return arrivals;
		},
		seedRecording(roomName) {
			const recording = { id: randomUUID(), room_name: roomName, start_ts: Math.floor(Date.now() / 1000) - 600, status: 'finished', duration: 540 };
			recordings.push(recording);
			return recording;
		},
		async deliver(type, payload, deliverOptions = {}) {
			const hook = webhooks[0];
			if (!hook || !hook.eventTypes.includes(type)) return undefined;
			const nowMs = Date.now();
			const body = JSON.stringify({ version: '1.0.0', type, id: deliverOptions.id ?? randomUUID(), payload, event_ts: nowMs / 1000 });
			const unit = deliverOptions.timestampUnit ?? options.timestampUnit ?? 'milliseconds';
			const timestamp = String(unit === 'seconds' ? Math.floor(nowMs / 1000) : nowMs);
			last = { hook, body, headers: { 'x-webhook-signature': sign(hook.hmac, timestamp, body), 'x-webhook-timestamp': timestamp } };
			return await send(hook, body, last.headers);
		},
		async redeliver() {
			return last ? await send(last.hook, last.body, last.headers) : undefined;
		},
		async deliverRaw(body, headers) {
			const hook = webhooks[0];
			return hook ? await post(hook.url, body, headers) : undefined;
		},
		seedRooms(count: number, prefix = 'seed') {
			for (let i = 0; i < count; i++) rooms.unshift(makeRoom(`${prefix}-${i}`, 'public', {}));
		},
	};
}
