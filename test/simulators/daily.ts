import { createHmac, randomBytes, randomUUID } from 'crypto';
import { error, type Ctx, type DailyState, type Meeting, type Recording, type Room, type Transcript, type Webhook } from './daily/context';
import { DAILY_ROUTES } from './daily/routes';
import { seedRecording, seedTranscript, type RecordingSeed, type TranscriptSeed } from './daily/routes/media';
import { recordingFileBytes, serveStorage } from './daily/storage';
import { makeRoom } from './daily/routes/rooms';
import { loadDailySpec, requestErrors, type DailySpec } from './daily/spec';
import { type FaultCounts, type Faults, withFaults, type WorkDone } from './faults';
import { listen, type RateWindow, slidingWindows, type SimRequest, type SimResponse, type SimServer, withLatency } from './http';
import { schemaErrors, type SchemaError } from './openapi';

export type { Recording, RecordingsBucket, RecordingType, Webhook } from './daily/context';
export type { RecordingSeed } from './daily/routes/media';

/**
 * An in-memory Daily REST API v1 whose contract is Daily's OpenAPI spec (test/fixtures/daily-openapi.json) plus
 * the overlay of what docs.daily.co documents beyond it (test/fixtures/daily-openapi-overlay.json): 75 operations.
 *
 * - Every request is checked against its operation before any handler runs: the path and method must be an
 *   operation (404 otherwise), the query keys declared with the right types, the body as the request schema says
 *   (undeclared keys where `additionalProperties: false`, types, enums, required). A mismatch answers 400
 *   `{"error":"invalid-request-error","info":"<field> <what is wrong>"}`.
 * - Then it behaves as reference/providers.md §1 records Daily: Bearer auth, `{error, info}` errors, 200 creates,
 *   400 for a taken room name, newest-first cursor pages `{total_count, data}`, a bare array from GET /webhooks,
 *   one webhook per domain with a test ping, signed deliveries, a circuit breaker.
 * - Every 2xx answer is checked against the operation's response schema; mismatches are kept in
 *   `contractViolations` (the simulator's own test asserts there are none).
 * - Recording files: an access link points at this simulator's storage (`/storage/<bucket>/<s3key>`, signed and
 *   time-limited like an S3 presigned link, no API key), which serves the file (`recordingBytes` for large ones); raw-tracks
 *   recordings and those in a customer's bucket without API access get no link (daily/storage.ts).
 * Routes live in ./daily/routes, one file a family, keyed by the spec's `METHOD /path`.
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
	/** The size of every recording's file in bytes (large-download tests); default a short text naming the recording. */
	recordingBytes?: number;
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
	/**
	 * Adds a recording, by default a finished cloud recording in Daily's bucket (GET /recordings/:id and its access link
	 * answer for it; the link serves its file from this simulator, see daily/storage.ts).
	 */
	seedRecording(roomName: string, seed?: RecordingSeed): Recording;
	/** The bytes the storage serves for a recording's file. */
	recordingFile(recordingId: string): Buffer;
	/** Requests to the storage (the files behind access links), which carry no API key and are not in `requests`. */
	downloads: Array<{ method: string; path: string; query: string; status: number; withAuthorization: boolean }>;
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
	/** The whole in-memory state (rooms, recordings, meetings, SIP trunks, ...). */
	state: DailyState;
	/** The contract this simulator enforces. */
	spec: DailySpec;
	/** 2xx answers that did not fit the operation's response schema (should stay empty). */
	contractViolations: Array<{ operation: string; errors: SchemaError[] }>;
	/** Adds a finished meeting with `participants` participants (GET /meetings and its participants answer for it). */
	seedMeeting(roomName: string, participants: number): Meeting;
	/** Adds a meeting as given (its participants' connections, reconnections and second tabs included). */
	seedMeetingWith(meeting: Omit<Meeting, 'id' | 'max_participants'>): Meeting;
	/** Adds a finished transcript of a room: its WebVTT file says `seed.cues` (default a short exchange of two speakers). */
	seedTranscript(roomName: string, seed?: TranscriptSeed): Transcript & { vtt: string };
}

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

/** The first thing wrong, as Daily words a refused request: 400 invalid-request-error naming the field. */
const refuse = (errors: SchemaError[]) =>
	error(400, 'invalid-request-error', errors.map((e) => `${e.field} ${e.message}`).join('; '));

export async function startDailySimulator(options: DailySimulatorOptions): Promise<DailySimulator> {
	const spec = loadDailySpec();
	const state: DailyState = {
		domain: options.domainName ?? 'sim',
		domainId: randomUUID(),
		apiKey: options.apiKey,
		domainConfig: { max_webhook_count: 1 },
		rooms: [],
		tokens: new Map(),
		recordings: [],
		recordingFiles: new Map(),
		origin: '',
		storageSecret: randomBytes(16).toString('hex'),
		recordingBytes: options.recordingBytes,
		transcripts: [],
		meetings: [],
		jobs: [],
		sessionData: new Map(),
		webhooks: [],
		issuedSecrets: new Set(),
		dialinConfigs: [],
		phoneNumbers: [],
		batchJobs: [],
		textFiles: new Map(),
		linkReadyAt: new Map(),
		transcriptFiles: new Map(),
		sipTrunks: [],
		sipClients: [],
		apiLogs: [],
		sipClientLimit: 2000,
		nextPaginationId: 1,
	};
	const requests: DailySimulator['requests'] = [];
	const downloads: DailySimulator['downloads'] = [];
	const contractViolations: DailySimulator['contractViolations'] = [];
	const ping = (url: string, body: string, headers: Record<string, string> = {}) =>
		post(url, body, headers, body === '{"test":"test"}' ? options.pingContentType : undefined);

	/** Circuit breaker: three failed deliveries in a row put the webhook in FAILED and stop deliveries. */
	async function send(hook: Webhook, body: string, headers: Record<string, string>): Promise<number | undefined> {
		if (hook.state !== 'ACTIVE') return undefined;
		const status = await post(hook.url, body, { ...headers, ...(hook.basicAuth ? { authorization: `Basic ${hook.basicAuth}` } : {}) });
		hook.failedCount = status === 200 ? 0 : hook.failedCount + 1;
		hook.lastMomentPushed = new Date().toISOString();
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
		const { op, params, errors } = requestErrors(req.method, path, req.query, req.body);
		if (!op) return error(404, 'not-found', spec.hasPath(path) ? `${req.method} is not an operation on ${path}` : `no route ${req.method} ${path}`);
		if (errors.length) return refuse(errors);
		const handler = DAILY_ROUTES[op.key];
		if (!handler) return error(501, 'server-error', `${op.operationId} is not simulated`);
		const ctx: Ctx = { req, params, query: req.query, body: req.body ?? {}, op, state, post: ping };
		const answer = await handler(ctx);
		state.apiLogs.unshift({
			id: randomUUID(), userId: randomUUID(), domainId: state.domainId, source: 'api', ip: '127.0.0.1', method: req.method,
			url: path, status: answer.status, createdAt: new Date().toISOString(), request: req.rawBody, response: '',
		});
		if (answer.status >= 200 && answer.status < 300 && op.responseSchema) {
			const mismatch = schemaErrors(op.responseSchema, answer.body, '', { required: false });
			if (mismatch.length) contractViolations.push({ operation: op.key, errors: mismatch });
		}
		return answer;
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
	// The storage behind access links is not the REST API: no key, none of its rate limits (faults still apply).
	const storage = (req: SimRequest): SimResponse => {
		const answer = serveStorage(state, req);
		downloads.push({ method: req.method, path: req.path, query: req.query.toString(), status: answer.status, withAuthorization: req.headers.authorization !== undefined });
		return answer;
	};
	let arrivals = 0;
	const faults = withFaults(
		withLatency(async (req) => (req.path.startsWith('/storage/') ? storage(req) : rateLimited() ?? overWindows() ?? (await handle(req))), options.latencyMs, () => arrivals++),
		{ serverError: (status) => error(status, 'server-error', 'Internal server error'), rateLimited: () => error(429, 'rate-limit-error', 'Too many requests') },
		options.faults,
	);
	let last: { hook: Webhook; body: string; headers: Record<string, string> } | undefined;
	const server = await listen(faults.handle, options.port);
	state.origin = server.url;
	return {
		...server,
		url: `${server.url}/v1`,
		rooms: state.rooms,
		requests,
		downloads,
		webhooks: state.webhooks,
		issuedSecrets: state.issuedSecrets,
		state,
		spec,
		contractViolations,
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
		seedRecording: (roomName, seed) => seedRecording(state, roomName, seed),
		recordingFile: (recordingId) => recordingFileBytes(state, recordingId),
		seedTranscript(roomName, seed) {
			const room = state.rooms.find((r) => r.name === roomName) ?? makeRoom(state, roomName, 'public', {});
			return seedTranscript(state, room, seed);
		},
		seedMeeting(roomName, count) {
			const start = Math.floor(Date.now() / 1000) - 3600;
			const meeting: Meeting = {
				id: randomUUID(), room: roomName, start_time: start, duration: 1800, ongoing: false, max_participants: count,
				participants: Array.from({ length: count }, (_, i) => ({ user_id: null, participant_id: randomUUID(), user_name: `p${i}`, join_time: start + i, duration: 1800 - i })),
			};
			state.meetings.unshift(meeting);
			return meeting;
		},
		seedMeetingWith(given) {
			const meeting: Meeting = { id: randomUUID(), max_participants: given.participants.length, ...given };
			state.meetings.unshift(meeting);
			return meeting;
		},
		async deliver(type, payload, deliverOptions = {}) {
			const hook = state.webhooks[0];
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
			const hook = state.webhooks[0];
			return hook ? await post(hook.url, body, headers) : undefined;
		},
		seedRooms(count: number, prefix = 'seed') {
			for (let i = 0; i < count; i++) state.rooms.unshift(makeRoom(state, `${prefix}-${i}`, 'public', {}));
		},
	};
}
