import { randomBytes } from 'crypto';
import { request as httpRequest } from 'http';
import { request as httpsRequest } from 'https';
import { listen, type SimRequest, type SimResponse, type SimServer } from './http';
import type { Ctx, RouteHandler, SimEnvironment } from './digitalSamba/context';
import { genericRoute } from './digitalSamba/generic';
import {
	DS_EVENTS,
	DsModel,
	type DsDelivery,
	type DsWebhook,
	type DsEventType,
	type DsParticipant,
	type DsRecording,
	type DsRoom,
	type DsSession,
	type DsState,
	type ParticipantSeed,
	type RecordingStatus,
} from './digitalSamba/model';
import { contentRoutes } from './digitalSamba/routes/content';
import { createRoom, roomRoutes } from './digitalSamba/routes/rooms';
import { sessionRoutes } from './digitalSamba/routes/sessions';
import { teamRoutes } from './digitalSamba/routes/team';
import { loadSpec, type LoadedSpec, type SpecOperation } from './digitalSamba/spec';
import { DsHttpError, isoSeconds, NOT_FOUND, notFound, parseMultipart, seededRandom, validateAgainstSchema, Validator, verifyJwt } from './digitalSamba/util';
import type { Faults, WorkDone } from './faults';

/**
 * An in-memory Digital Samba REST API under `/api/v1` on 127.0.0.1, as reference/providers.md §2 and the OpenAPI
 * contract (reference/digitalsamba-openapi.yaml, 142 operations) describe it.
 *
 * - Auth on every `/api/v1` route: `Authorization: Bearer <developer key>` or `Basic base64(<team id>:<developer key>)`.
 *   Anything else answers 401 `{"message":"Unauthenticated.","error":"unauthenticated"}`: Laravel's message with the
 *   `error` code Digital Samba adds to its other errors (the spec documents no 401 body; this is the form chosen).
 * - `{room}` is an ID or a friendly URL, except on the 25 operations whose spec text says "The UUID of the room."
 *   (roomIsUuidOnly): there a friendly URL finds no room, 404 as for an unknown room.
 * - `GET /events` and `GET /permissions` list the documented names; `addEvent` / `addPermission` add one, as
 *   Digital Samba may later, and `override` answers a route as a test says (a list that cannot be read).
 * - Errors `{message, error}`: 404 `{"message":"Not Found","error":"not-found"}`, 422 `{"message":"Cannot delete
 *   resources of a live room."}`, validation 422 `{message, errors: {field: [messages]}}` (Laravel), 405 for a known
 *   path with another method.
 * - Pagination `limit` (1–100, default 100; outside that 422), `offset`, `order` (asc|desc, default desc) and
 *   `after=<id>` (rooms: id or friendly_url), answered `{data, total_count}` (total_count a string where the spec's
 *   example has one); bare arrays for /permissions, /events, bookmarks, library files, statistics totals, poll and
 *   quiz results.
 * - DELETE → 204 with no body (DELETE /rooms by tag → 202); action POSTs (start/stop, raise/lower hand, end,
 *   archive) → 200 with an empty body.
 * - `rateLimitPerMinute` (default 1000) per developer key in fixed one-minute windows → 429 `{"message":"Too Many
 *   Attempts. You may try again in N seconds.","error":"rate-limit"}` with `retry-after: N`; every answer carries
 *   `x-ratelimit-limit` and `x-ratelimit-remaining`.
 * - Stateful: default room settings, rooms, room tokens, chat, Q&A, polls, quizzes, sessions, participants,
 *   recordings, roles and permissions, libraries (folders, files with the two-step upload, webapps, whiteboards),
 *   webhooks and events, live and statistics routes. Every other operation of the spec (transcripts, summaries
 *   deletion by room, phone participants, restreamers, transcription start/stop) answers through a route generated
 *   from the spec: the resources in its path must exist, the body is validated against the request schema, and the
 *   answer is the documented success status and example.
 * - Storage outside `/api/v1` (no developer key): `POST /storage/upload` (multipart field `file`, `Authorization:
 *   Bearer <upload token>`) completes a library file; `GET /storage/library-files/…` and `GET /storage/recordings/…`
 *   serve the links the API hands out.
 * - Webhooks: `deliver(eventType, data, opts)` POSTs `{eventType, sessionId, roomId, timestamp, data}` to every
 *   registered webhook subscribed to the event (and allowed by the room's `webhooks` list), with the registered
 *   `authorization_header` after `Bearer ` as the `Authorization` header (Digital Samba adds the prefix itself;
 *   reference/providers.md §2.3); `redeliver()` sends the last delivery again, byte for byte. Only loopback endpoints unless
 *   `allowExternalWebhooks`.
 * - Artefacts that come some time after their event (a trigger's Include, issue 28): `seedRecording({readyAfterMs})`
 *   is PENDING_CONVERSION, its /download without a link (422), until then; `seedSummary({readyAfterMs})` answers
 *   IN_PROGRESS with summary '' until then (spec getSessionSummary's two answers); `seedTranscript` gives a session
 *   the lines its GET …/transcripts lists (spec getSessionTranscripts' rows) and …/transcripts/export writes.
 * - Faults for reliability tests, from a seeded PRNG (three draws per request, in arrival order, so a sequential run
 *   repeats exactly): resets (socket destroyed, no answer), 5xx (500/502/503), 429 with `retry-after: 1`, slow answers.
 */

/** The same fault shares as the other simulators (see faults.ts). */
export type DigitalSambaFaults = Faults;

export interface DigitalSambaSimulatorOptions {
	developerKey: string;
	teamId: string;
	port?: number;
	/** Default 1000, as the real API. */
	rateLimitPerMinute?: number;
	faults?: DigitalSambaFaults;
	/** The team's subdomain in room links (`https://<domain>.digitalsamba.com/<friendly_url>`). Default `sim`. */
	domain?: string;
	/** Clock in ms (timestamps, token times, rate-limit windows). Default `Date.now`. */
	now?: () => number;
	/** The OpenAPI file; default: `$DS_OPENAPI_PATH` or `shared/reference/digitalsamba-openapi.yaml` found above this folder. */
	specPath?: string;
	/** The size of every READY recording's file, in bytes (large-download tests); default a short text. */
	recordingBytes?: number;
	/** Let `deliver` POST to non-loopback endpoints. Default false. */
	allowExternalWebhooks?: boolean;
}

export interface DigitalSambaRequestRecord {
	method: string;
	/** The full path, e.g. `/api/v1/rooms`. */
	path: string;
	/** The query string without `?`. */
	query: string;
	/** Request headers, without `authorization`. */
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON body; the raw text when it is not JSON; undefined when empty. */
	body: unknown;
}

export interface DeliveryOptions {
	roomId?: string;
	sessionId?: string;
	/** Unix seconds; default now. */
	timestamp?: number;
}

export interface RecordingSeed {
	status?: RecordingStatus;
	session_id?: string | null;
	name?: string;
	/** Seconds. */
	duration?: number;
	archived?: boolean;
	bookmarks?: Array<{ bookmark: string; time: number }>;
	/**
	 * A recording announced before its file is ready: PENDING_CONVERSION (or `status`) until this many ms from now,
	 * then READY. Until then GET /recordings/{id} tells its status and /download has no link for it.
	 */
	readyAfterMs?: number;
}

/** A line of a session's transcript, as GET /sessions/{session}/transcripts lists it (spec getSessionTranscripts). */
export interface TranscriptLineSeed {
	participant_name: string;
	transcript: string;
	participant_id?: string | null;
	/** ISO times; default consecutive seconds from the session's start. */
	start_time?: string;
	end_time?: string;
}

export interface DigitalSambaSimulator extends SimServer {
	/** `http://127.0.0.1:<port>/api/v1` */
	url: string;
	/** `http://127.0.0.1:<port>` */
	origin: string;
	state: DsState;
	model: DsModel;
	spec: LoadedSpec;
	requests: DigitalSambaRequestRecord[];
	/** `METHOD /path` keys of the operations with stateful handlers, and of those answered from the spec. */
	statefulOperations: string[];
	generatedOperations: string[];
	/** Creates a room as POST /rooms would (body defaults to `{privacy: 'public'}`); throws on validation errors. */
	seedRoom(body?: Record<string, unknown>): DsRoom;
	/** Adds `count` public rooms named `<prefix>-<i>` at once (benchmarks: 10,000 rooms in a second, not minutes). */
	seedRooms(count: number, prefix?: string): void;
	/** Starts a live session in a room (id or friendly_url) with participants (a count or descriptions). */
	startSession(room: string, options?: { participants?: number | ParticipantSeed[]; description?: string; start?: number }): {
		session: DsSession;
		participants: DsParticipant[];
	};
	addParticipant(session: string, seed?: ParticipantSeed): DsParticipant;
	/** A participant leaves their session. */
	leave(participant: string): void;
	endSession(session: string): void;
	/** Adds a recording to a room (default READY, in the room's latest session). */
	seedRecording(room: string, seed?: RecordingSeed): DsRecording;
	/** Gives a session the transcript its transcript routes answer (list and export) instead of the spec's example. */
	seedTranscript(session: string, lines: TranscriptLineSeed[]): void;
	/**
	 * Gives a session its summary: READY with `summary` at once, or IN_PROGRESS (summary '') until `readyAfterMs` from
	 * now (spec getSessionSummary's two answers).
	 */
	seedSummary(session: string, seed: { summary: string; readyAfterMs?: number }): void;
	/** Records a participant's vote for poll options (results answer from these). */
	votePoll(poll: string, optionIds: string | string[], participant: string): void;
	/**
	 * POSTs `{eventType, sessionId, roomId, timestamp, data}` to every webhook subscribed to the event; answers the
	 * receivers' HTTP statuses in registration order (0 when the connection failed or the endpoint was refused).
	 * Each attempt, with its headers, payload and any error, is kept in `state.deliveries`.
	 */
	deliver(eventType: DsEventType | string, data?: Record<string, unknown>, options?: DeliveryOptions): Promise<number[]>;
	/** The last deliver() again, the same bytes and headers to the same webhooks (retries are undocumented). */
	redeliver(): Promise<number[]>;
	setFaults(faults?: DigitalSambaFaults): void;
	/** Every request answered 2xx (the work was done), whatever answer reached the client. */
	workDone: WorkDone[];
	resetRateLimit(): void;
	/** Adds a webhook event to what `GET /events` lists and webhooks accept (one Digital Samba adds after the package). */
	addEvent(name: string): void;
	/** Adds a permission to what `GET /permissions` lists and roles accept. */
	addPermission(name: string): void;
	/**
	 * Answers an operation (`METHOD /path` as the spec writes it, e.g. `GET /events`) with this response instead of
	 * its own until cleared (no response): a list the team's API cannot give right now, say.
	 */
	override(key: string, response?: SimResponse): void;
}

const API_PREFIX = '/api/v1';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

const stateful: Record<string, RouteHandler> = { ...roomRoutes, ...sessionRoutes, ...contentRoutes, ...teamRoutes };

/** Operations whose spec `required` list is not what the real API enforces (the real API wins). */
const REQUIRED_OVERRIDES: Record<string, string[]> = {
	// docs.digitalsamba.com "Create a room": "The only required field is the privacy field".
	'POST /rooms': ['privacy'],
	// The spec marks privacy and private_group_chat_roles required on updates too; partial updates work.
	'PATCH /rooms/{room}': [],
	'PATCH /': [],
	// docs.digitalsamba.com "Upload": name is required.
	'POST /libraries/{library}/files': ['name'],
	// A webapp is its URL.
	'POST /libraries/{library}/webapps': ['url'],
	// A poll needs its question (the spec only says "Must be at least 5 characters").
	'POST /rooms/{room}/polls': ['question', 'options'],
};

interface CompiledRoute {
	op: SpecOperation;
	pattern: RegExp;
	keys: string[];
	params: number;
	handler: RouteHandler;
	/** `{room}` is the room's UUID only: a friendly URL names no room here. */
	uuidRoom: boolean;
}

/**
 * Whether an operation's `{room}` is the room's UUID only. The spec's own words are the source: most paths describe
 * `{room}` as "The UUID of the room or room friendly URL.", 25 as "The UUID of the room." (the participants list adds
 * "Optional parameter."). On those the real API looks the room up by its ID, so a friendly URL finds none: 404, the
 * answer for any room that does not exist.
 */
export function roomIsUuidOnly(op: SpecOperation): boolean {
	const room = op.parameters.find((p) => p.in === 'path' && p.name === 'room');
	return room !== undefined && /(^|\. )The UUID of the room\.$/.test(room.description ?? '');
}

function compile(op: SpecOperation, handler: RouteHandler): CompiledRoute {
	const keys: string[] = [];
	const source = op.path === '/' ? '' : op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, key: string) => (keys.push(key), '([^/]+)'));
	return { op, pattern: new RegExp(`^${source}/?$`), keys, params: keys.length, handler, uuidRoom: roomIsUuidOnly(op) };
}

const json = (status: number, body: unknown, headers?: Record<string, string>): SimResponse => ({ status, body, headers });

export async function startDigitalSambaSimulator(options: DigitalSambaSimulatorOptions): Promise<DigitalSambaSimulator> {
	const spec = loadSpec(options.specPath);
	const now = options.now ?? Date.now;
	const model = new DsModel(spec, options.teamId, options.domain ?? 'sim', now);
	const requests: DigitalSambaRequestRecord[] = [];
	const env: SimEnvironment = { origin: '', developerKey: options.developerKey, teamId: options.teamId, storageSecret: randomBytes(32).toString('hex') };

	for (const key of Object.keys(stateful)) if (!spec.byKey.has(key)) throw new Error(`Digital Samba simulator: ${key} is not in the spec`);
	const overrides = new Map<string, SimResponse>();
	const routes = spec.operations
		.map((op) => compile(op, stateful[op.key] ?? genericRoute(op)))
		.sort((a, b) => a.params - b.params); // literal segments win: /rooms/live before /rooms/{room}

	/* faults and rate limit */
	let faults: DigitalSambaFaults | undefined;
	const workDone: WorkDone[] = [];
	let recordingFile: Buffer | undefined;
	let random = seededRandom(0);
	const setFaults = (next?: DigitalSambaFaults) => {
		faults = next;
		random = seededRandom(next?.seed ?? 1);
	};
	setFaults(options.faults);
	const limit = options.rateLimitPerMinute ?? 1000;
	let windowStart = 0;
	let windowCount = 0;
	const timers = new Set<NodeJS.Timeout>();
	let closed = false;
	const sleep = (ms: number) =>
		new Promise<void>((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});

	function injectFault(): SimResponse | 'slow' | 'lost-5xx' | 'lost-reset' | 'lost-late' | undefined {
		if (!faults) return undefined;
		const [r1, r2, r3] = [random(), random(), random()];
		const reset = faults.resetRate ?? 0;
		const error = faults.errorRate ?? 0;
		const limited = faults.rateLimitRate ?? 0;
		if (r1 < reset) return { status: 0, destroy: true };
		if (r1 < reset + error) {
			const status = [500, 502, 503][Math.floor(r3 * 3)];
			const message = { 500: 'Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' }[status];
			return json(status, { message, error: 'server-error' });
		}
		if (r1 < reset + error + limited) {
			return json(429, { message: 'Too Many Attempts. You may try again in 1 seconds.', error: 'rate-limit' }, { 'retry-after': '1' });
		}
		if (r2 < (faults.slowRate ?? 0)) return 'slow';
		if (r2 < (faults.slowRate ?? 0) + (faults.afterWorkRate ?? 0)) return r3 < 1 / 3 ? 'lost-5xx' : r3 < 2 / 3 ? 'lost-reset' : 'lost-late';
		return undefined;
	}

	function authorized(header: string | undefined): boolean {
		if (!header) return false;
		const [scheme, value] = header.trim().split(/\s+/, 2);
		if (/^bearer$/i.test(scheme)) return value === options.developerKey;
		if (/^basic$/i.test(scheme) && value) {
			const decoded = Buffer.from(value, 'base64').toString('utf8');
			const colon = decoded.indexOf(':');
			return colon > 0 && decoded.slice(0, colon) === options.teamId && decoded.slice(colon + 1) === options.developerKey;
		}
		return false;
	}

	function rateLimit(): { response?: SimResponse; headers: Record<string, string> } {
		const t = now();
		if (t - windowStart >= 60_000 || t < windowStart) {
			windowStart = t;
			windowCount = 0;
		}
		if (windowCount >= limit) {
			const wait = Math.max(1, Math.ceil((windowStart + 60_000 - t) / 1000));
			const headers = { 'retry-after': String(wait), 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': '0' };
			return { response: json(429, { message: `Too Many Attempts. You may try again in ${wait} seconds.`, error: 'rate-limit' }, headers), headers };
		}
		windowCount++;
		return { headers: { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(limit - windowCount) } };
	}

	function run(route: CompiledRoute, req: SimRequest, params: Record<string, string>): Promise<SimResponse> | SimResponse {
		const isJson = route.op.bodyContentType === undefined || route.op.bodyContentType === 'application/json';
		const parsed = req.body === Symbol.for('invalid-json') ? undefined : req.body;
		const body = parsed === undefined || parsed === null ? (route.op.bodySchema?.type === 'array' ? undefined : {}) : parsed;
		const ctx: Ctx = { req, params, query: req.query, body, op: route.op, model, env };
		// A friendly URL where the spec takes the room's UUID only (roomIsUuidOnly): no room has that ID.
		if (route.uuidRoom && model.findRoom(params.room)?.id !== params.room) throw notFound();
		if (isJson && route.op.bodySchema && (req.method !== 'GET' || parsed !== undefined)) {
			const v = new Validator();
			validateAgainstSchema(v, route.op.bodySchema, body, REQUIRED_OVERRIDES[route.op.key]);
			v.check();
		}
		return route.handler(ctx);
	}

	async function api(req: SimRequest): Promise<SimResponse> {
		if (!authorized(req.headers.authorization)) return json(401, { message: 'Unauthenticated.', error: 'unauthenticated' });
		const limited = rateLimit();
		if (limited.response) return limited.response;
		const path = req.path.slice(API_PREFIX.length) || '/';
		let allowed: string[] = [];
		for (const route of routes) {
			const m = route.pattern.exec(path);
			if (!m) continue;
			if (route.op.method !== req.method) {
				allowed.push(route.op.method);
				continue;
			}
			const params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(m[i + 1])]));
			let response: SimResponse;
			try {
				const canned = overrides.get(route.op.key);
				response = canned ? structuredClone(canned) : await run(route, req, params);
			} catch (error) {
				if (!(error instanceof DsHttpError)) throw error;
				response = error.response;
			}
			return { ...response, headers: { ...limited.headers, ...response.headers } };
		}
		allowed = [...new Set(allowed)];
		if (allowed.length) {
			const message = `The ${req.method} method is not supported for route ${req.path.replace(/^\//, '')}. Supported methods: ${allowed.join(', ')}.`;
			return json(405, { message, error: 'method-not-allowed' }, { ...limited.headers, allow: allowed.join(', ') });
		}
		return json(404, { ...NOT_FOUND }, limited.headers);
	}

	function storage(req: SimRequest): SimResponse {
		const nowSeconds = Math.floor(now() / 1000);
		if (req.method === 'POST' && req.path === '/storage/upload') {
			const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
			const claims = token ? verifyJwt(token, env.storageSecret, nowSeconds) : undefined;
			const file = claims && claims.action === 'upload' ? model.state.files.find((f) => f.id === claims.file_id) : undefined;
			if (!file) return json(401, { message: 'Unauthenticated.', error: 'unauthenticated' });
			const part = parseMultipart(req.headers['content-type'], req.rawBytes)?.find((p) => p.name === 'file');
			if (!part) return json(422, { message: 'The file field is required.', errors: { file: ['The file field is required.'] } });
			file.content = part.data;
			file.contentType = part.contentType ?? 'application/octet-stream';
			file.size = part.data.length;
			file.status = 'completed';
			return json(200, model.fileJson(file));
		}
		const expires = Number(req.query.get('expires') ?? 0);
		if (req.method === 'GET' && req.query.get('h') && expires >= nowSeconds) {
			const libraryFile = /^\/storage\/library-files\/([^/]+)\/([^/]+)\/[^/]+$/.exec(req.path);
			if (libraryFile) {
				const file = model.state.files.find((f) => f.library_id === libraryFile[1] && f.id === libraryFile[2] && f.content);
				if (file) return { status: 200, body: file.content, headers: { 'content-type': file.contentType ?? 'application/octet-stream' } };
			}
			const recording = /^\/storage\/recordings\/([^/]+)\.mp4$/.exec(req.path);
			if (recording && model.state.recordings.some((r) => r.id === recording[1] && r.status === 'READY')) {
				const body = options.recordingBytes ? (recordingFile ??= Buffer.alloc(options.recordingBytes, 0x61)) : Buffer.from(`simulated recording ${recording[1]}`);
				return { status: 200, body, headers: { 'content-type': 'video/mp4', 'content-length': String(body.length) } };
			}
			return json(404, { ...NOT_FOUND });
		}
		return json(403, { message: 'Forbidden', error: 'forbidden' });
	}

	async function handle(req: SimRequest): Promise<SimResponse | undefined> {
		const { authorization: _authorization, ...headers } = req.headers;
		void _authorization;
		requests.push({
			method: req.method,
			path: req.path,
			query: req.query.toString(),
			headers,
			body: req.body === Symbol.for('invalid-json') ? req.rawBody : req.body,
		});
		const fault = injectFault();
		if (fault === 'slow') {
			await sleep(faults?.slowMs ?? 2000);
			if (closed) return { status: 0, destroy: true };
		} else if (fault && typeof fault === 'object') return fault;
		// Recordings converted and summaries written by now (seeded with readyAfterMs).
		model.advance();
		if (req.path.startsWith('/storage/')) return storage(req);
		if (req.path !== API_PREFIX && !req.path.startsWith(`${API_PREFIX}/`)) return json(404, { ...NOT_FOUND });
		const answer = await api(req);
		if (answer && answer.status >= 200 && answer.status < 300) workDone.push({ method: req.method, path: req.path, body: req.body });
		// The work is done; its answer is lost on the way back.
		if (fault === 'lost-5xx') return json(502, { message: 'Bad Gateway', error: 'server-error' });
		if (fault === 'lost-reset') return { status: 0, destroy: true };
		// Or it comes after the client's timeout.
		if (fault === 'lost-late') await sleep(faults?.slowMs ?? 2000);
		return answer;
	}

	const server = await listen(handle, options.port);
	env.origin = server.url;

	/* helpers */
	const helperCtx = (key: string, body: unknown): Ctx => {
		const op = spec.byKey.get(key)!;
		return { req: {} as SimRequest, params: {}, query: new URLSearchParams(), body, op, model, env };
	};
	const unwrap = <T>(fn: () => T): T => {
		try {
			return fn();
		} catch (error) {
			if (error instanceof DsHttpError) throw new Error(`Digital Samba simulator: ${JSON.stringify(error.response.body)}`);
			throw error;
		}
	};

	async function post(endpoint: string, payload: unknown, headers: Record<string, string>): Promise<{ status: number; error?: string }> {
		let url: URL;
		try {
			url = new URL(endpoint);
		} catch {
			return { status: 0, error: 'invalid endpoint URL' };
		}
		if (!options.allowExternalWebhooks && !LOOPBACK.has(url.hostname)) return { status: 0, error: 'non-loopback endpoint refused (allowExternalWebhooks is off)' };
		const data = Buffer.from(JSON.stringify(payload));
		const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
		return new Promise((resolve) => {
			const request = send(url, { method: 'POST', headers: { ...headers, 'content-length': String(data.length) }, timeout: 10_000 }, (response) => {
				response.resume();
				response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
				response.on('error', (error) => resolve({ status: response.statusCode ?? 0, error: String(error) }));
			});
			request.on('timeout', () => request.destroy(new Error('timeout')));
			request.on('error', (error) => resolve({ status: 0, error: String(error) }));
			request.end(data);
		});
	}

	let lastDelivery: { eventType: string; payload: Record<string, unknown>; hooks: Array<{ hook: DsWebhook; headers: Record<string, string> }> } | undefined;
	const simulator: DigitalSambaSimulator = {
		...server,
		url: `${server.url}${API_PREFIX}`,
		origin: server.url,
		state: model.state,
		model,
		spec,
		requests,
		statefulOperations: spec.operations.filter((op) => stateful[op.key]).map((op) => op.key),
		generatedOperations: spec.operations.filter((op) => !stateful[op.key]).map((op) => op.key),
		close: async () => {
			closed = true;
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			await server.close();
		},
		seedRoom: (body = {}) =>
			unwrap(() => {
				const ctx = helperCtx('POST /rooms', { privacy: 'public', ...body });
				const v = new Validator();
				validateAgainstSchema(v, ctx.op.bodySchema, ctx.body, REQUIRED_OVERRIDES['POST /rooms']);
				v.check();
				return createRoom(ctx);
			}),
		seedRooms: (count, prefix = 'seed') =>
			unwrap(() => {
				// One room made the regular way is the template; the others copy it without the per-room checks.
				const template = createRoom(helperCtx('POST /rooms', { privacy: 'public', friendly_url: `${prefix}-0` }));
				for (let i = 1; i < count; i++) {
					model.state.rooms.push({ ...structuredClone(template), ...model.stamp(), friendly_url: `${prefix}-${i}` });
				}
			}),
		startSession: (room, sessionOptions) => unwrap(() => model.startSession(model.room(room), sessionOptions)),
		addParticipant: (session, seed) => unwrap(() => model.addParticipant(model.session(session), seed)),
		leave: (participant) =>
			unwrap(() => {
				const p = model.participant(participant);
				p.leave ??= Math.max(now(), p.join);
				p.hand_raised = false;
			}),
		endSession: (session) => unwrap(() => model.endSession(model.session(session))),
		seedRecording: (room, seed = {}) =>
			unwrap(() => {
				const r = model.room(room);
				const sessions = model.state.sessions.filter((s) => s.room_id === r.id);
				const sessionId = seed.session_id === undefined ? (sessions[sessions.length - 1]?.id ?? null) : seed.session_id;
				const starter = model.state.participants.find((p) => p.session_id === sessionId);
				const stamp = model.stamp();
				const later = seed.readyAfterMs !== undefined;
				const recording: DsRecording = {
					...stamp,
					room_id: r.id,
					session_id: sessionId,
					name: seed.name ?? `${r.friendly_url} ${isoSeconds(stamp.created)}`,
					status: seed.status ?? (later ? 'PENDING_CONVERSION' : 'READY'),
					...(later ? { readyAt: now() + (seed.readyAfterMs as number) } : {}),
					archived: seed.archived ?? false,
					duration: seed.duration ?? 600,
					participant_id: starter?.id ?? null,
					participant_name: starter?.name ?? null,
					participant_external_id: starter?.external_id ?? null,
					bookmarks: (seed.bookmarks ?? []).map((b) => ({
						id: model.stamp().id,
						bookmark: b.bookmark,
						time: b.time,
						session_id: sessionId,
						participant_id: starter?.id ?? null,
						created_at: isoSeconds(now()),
					})),
					updated: stamp.created,
				};
				model.state.recordings.push(recording);
				return recording;
			}),
		seedTranscript: (sessionId, lines) =>
			unwrap(() => {
				const session = model.session(sessionId);
				session.transcript = lines.map((line, i) => ({
					...model.stamp(),
					participant_id: line.participant_id ?? model.participantsOf(session).find((p) => p.name === line.participant_name)?.id ?? null,
					participant_name: line.participant_name,
					transcript: line.transcript,
					start_time: line.start_time ?? isoSeconds(session.start + i * 1000),
					end_time: line.end_time ?? isoSeconds(session.start + (i + 1) * 1000),
				}));
			}),
		seedSummary: (sessionId, seed) =>
			unwrap(() => {
				const session = model.session(sessionId);
				const job_id = model.stamp().id;
				session.summary =
					seed.readyAfterMs === undefined
						? { job_id, status: 'READY', summary: seed.summary }
						: { job_id, status: 'IN_PROGRESS', summary: '', pending: seed.summary, readyAt: now() + seed.readyAfterMs };
			}),
		votePoll: (pollId, optionIds, participantId) =>
			unwrap(() => {
				const poll = model.state.polls.find((p) => p.id === pollId);
				if (!poll) throw new Error(`Digital Samba simulator: no poll ${pollId}`);
				const participant = model.participant(participantId);
				for (const optionId of Array.isArray(optionIds) ? optionIds : [optionIds]) {
					if (!poll.options.some((o) => o.id === optionId)) throw new Error(`Digital Samba simulator: poll ${pollId} has no option ${optionId}`);
					poll.votes.push({ session_id: participant.session_id, option_id: optionId, participant_id: participant.id, participant_name: participant.name, at: now() });
				}
			}),
		async deliver(eventType, data = {}, deliveryOptions = {}) {
			if (!model.events.includes(eventType)) throw new Error(`Digital Samba simulator: unknown event ${eventType}`);
			const payload = {
				eventType,
				sessionId: deliveryOptions.sessionId ?? null,
				roomId: deliveryOptions.roomId ?? null,
				timestamp: deliveryOptions.timestamp ?? Math.floor(now() / 1000),
				data,
			};
			let hooks = model.state.webhooks.filter((w) => w.events.includes(eventType));
			lastDelivery = { eventType, payload, hooks: [] };
			const room = deliveryOptions.roomId ? model.anyRoom(deliveryOptions.roomId) : undefined;
			if (room?.webhookIds.length) hooks = hooks.filter((w) => room.webhookIds.includes(w.id));
			return Promise.all(
				hooks.map(async (hook) => {
					const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'DigitalSamba-Webhook-Simulator/1.0' };
					// Digital Samba adds the scheme itself (docs: "a standard Authorization Bearer http header"; its own
					// receiver compares with `Bearer ${secret}`): reference/providers.md §2.3.
					if (hook.authorization_header) headers.authorization = `Bearer ${hook.authorization_header}`;
					lastDelivery?.hooks.push({ hook, headers });
					const outcome = await post(hook.endpoint, payload, headers);
					const delivery: DsDelivery = { webhookId: hook.id, endpoint: hook.endpoint, eventType, payload, headers, ...outcome };
					model.state.deliveries.push(delivery);
					return outcome.status;
				}),
			);
		},
		async redeliver() {
			const last = lastDelivery;
			if (!last) return [];
			return Promise.all(
				last.hooks.map(async ({ hook, headers }) => {
					const outcome = await post(hook.endpoint, last.payload, headers);
					model.state.deliveries.push({ webhookId: hook.id, endpoint: hook.endpoint, eventType: last.eventType, payload: last.payload, headers, ...outcome });
					return outcome.status;
				}),
			);
		},
		setFaults,
		workDone,
		resetRateLimit: () => {
			windowStart = 0;
			windowCount = 0;
		},
		addEvent: (name) => {
			if (!model.events.includes(name)) model.events.push(name);
		},
		addPermission: (name) => {
			if (model.permissions.includes(name)) return;
			model.permissions.push(name);
			// Every role holds every permission (the moderator granted, the others not), as the team's roles do.
			for (const role of model.state.roles) role.permissions[name] ??= role.name === 'moderator';
		},
		override: (key, response) => {
			if (!spec.byKey.has(key)) throw new Error(`Digital Samba simulator: ${key} is not in the spec`);
			if (response) overrides.set(key, response);
			else overrides.delete(key);
		},
	};
	return simulator;
}

export { DS_EVENTS, loadSpec };
export { findSpecFile } from './digitalSamba/spec';
export type { DsDelivery, DsEventType, DsParticipant, DsRecording, DsRoom, DsSession, DsState, ParticipantSeed, RecordingStatus };
