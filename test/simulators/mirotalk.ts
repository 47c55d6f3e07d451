import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomUUID } from 'crypto';
import { listen, Router, type SimRequest, type SimResponse, type SimServer, withLatency } from './http';
import { type FaultCounts, type Faults, withFaults, type WorkDone } from './faults';

/**
 * An in-memory MiroTalk server of one product, route by route as the servers' own code answers (each route cites
 * its source): the raw secret in the `authorization` header; the endpoint switch checked first, then the key, both
 * answered with 403 `{error}`; URLs built from the request's Host header by string concatenation, so that what the
 * server leaves unencoded (the room, SFU's room password, C2C's name) lands in the link raw; no body validated;
 * unknown routes answered HTTP 200 (an HTML page on SFU and P2P, `{"data":"404 not found"}` on C2C and BRO).
 *
 * Sources: mirotalksfu `app/src/Server.js` (REST API section) and `app/src/ServerApi.js`; mirotalk (P2P)
 * `app/src/server.js` ("MiroTalk API v1") and `app/src/api.js`; mirotalkc2c `backend/server.js` and `backend/api.js`;
 * mirotalkbro `app/server.js` and `app/api.js`.
 */
export type MiroTalkProduct = 'sfu' | 'p2p' | 'c2c' | 'bro';
export type MiroTalkSwitch = 'stats' | 'meetings' | 'meeting' | 'meetingEnd' | 'join' | 'token';

export interface MiroTalkSimulatorOptions {
	product: MiroTalkProduct;
	/** The server's API key secret; the product's default secret when omitted. */
	apiKey?: string;
	/** SFU: `config.api.allowed` overrides (meetings, meetingEnd and token are off by default). */
	allowed?: Partial<Record<MiroTalkSwitch, boolean>>;
	/** P2P: the `API_DISABLED` deny-list (default `["token","meetings"]`). */
	disabled?: MiroTalkSwitch[];
	/** The JWT_KEY tokens are signed and encrypted with. */
	jwtKey?: string;
	port?: number;
	/** Injected faults (reliability tests); changeable later with setFaults. */
	faults?: Faults;
	/** A fixed delay before every answer, in ms (benchmarks). */
	latencyMs?: number;
	/**
	 * SHOW_ACTIVE_ROOMS=true: SFU's `config.ui.rooms.showActive`, P2P's `hostCfg.showActiveRooms`. Off by default,
	 * and then `GET /api/v1/activeRooms` answers 403 disabled.
	 */
	showActiveRooms?: boolean;
	/** The server's default token lifetime: SFU's JWT_EXPIRATION (`config.security.jwt.exp`), P2P's JWT_EXP; 1h when unset. */
	jwtExp?: string;
	/** BRO's `GET /api/v1/config` answer: BROADCASTING_MODE and ADMIN_ONLY_BROADCAST. */
	broConfig?: { broadcastingMode: boolean; adminOnlyBroadcast: boolean };
}

/** A participant as SFU's /meetings lists it. */
export interface MiroTalkPeer {
	name: string;
	presenter: boolean;
	video: boolean;
	audio: boolean;
	screen: boolean;
	hand: boolean;
	os: string;
	browser: string;
}

interface Room {
	peers: Map<string, MiroTalkPeer>;
	/** P2P keeps a locked room's state beside its peers. */
	lock?: { password: string };
}

export interface MiroTalkSimulator extends SimServer {
	product: MiroTalkProduct;
	apiKey: string;
	/** SFU switches, changeable while the server runs. */
	allowed: Record<MiroTalkSwitch, boolean>;
	/** P2P deny-list, changeable while the server runs. */
	disabled: MiroTalkSwitch[];
	/** SHOW_ACTIVE_ROOMS, changeable while the server runs. */
	showActiveRooms: boolean;
	rooms: Map<string, Room>;
	setFaults(faults?: Faults): void;
	faultCounts: FaultCounts;
	/** Every request answered 2xx by the handler (the work was done), whatever answer reached the client. */
	workDone: WorkDone[];
	ended: Array<{ room: string; redirect?: string }>;
	requests: Array<{ method: string; path: string; headers: SimRequest['headers']; body: unknown }>;
	/** Puts a fake participant into a room (created when new); returns the peer's socket id. */
	addPeer(room: string, peer?: Partial<MiroTalkPeer>): string;
	/** P2P: locks a room with a password (kept in the room's map, as the real server does). */
	lockRoom(room: string, password: string): void;
	/** Verifies a token this server issued and returns its decrypted claims. */
	readToken(token: string): { username: string; password: string; presenter: string; iat: number; exp: number };
}

export const DEFAULT_SECRETS: Record<MiroTalkProduct, string> = {
	sfu: 'mirotalksfu_default_secret',
	p2p: 'mirotalk_default_secret',
	c2c: 'mirotalkc2c_default_secret',
	bro: 'mirotalkbro_default_secret',
};

const SFU_DEFAULT_ALLOWED: Record<MiroTalkSwitch, boolean> = {
	stats: true,
	meetings: false,
	meeting: true,
	meetingEnd: false,
	join: true,
	token: false,
};

export const DISABLED_MESSAGE = 'This endpoint has been disabled. Please contact the administrator for further information.';

/** The 404 page SFU and P2P send for any route they do not have: `res.sendFile(views.notFound)`, so HTTP 200. */
export const NOT_FOUND_PAGE = '<!DOCTYPE html><html><head><title>MiroTalk - 404 Not Found</title></head><body><h1>404</h1><p>Page not found</p></body></html>';

/** The global error handler of SFU and P2P (`app.use((err, req, res, next) => ...)`), e.g. for a /join without a body. */
export const INTERNAL_ERROR = { status: 500, message: 'Internal server error' };

// ---- CryptoJS.AES.encrypt(text, passphrase) compatible: "Salted__" + salt, EVP_BytesToKey(MD5) ----

function evpBytesToKey(passphrase: string, salt: Buffer): { key: Buffer; iv: Buffer } {
	let material: Buffer = Buffer.alloc(0);
	let block: Buffer = Buffer.alloc(0);
	while (material.length < 48) {
		block = createHash('md5').update(Buffer.concat([block, Buffer.from(passphrase), salt])).digest();
		material = Buffer.concat([material, block]);
	}
	return { key: material.subarray(0, 32), iv: material.subarray(32, 48) };
}

export function aesEncrypt(text: string, passphrase: string): string {
	const salt = randomBytes(8);
	const { key, iv } = evpBytesToKey(passphrase, salt);
	const cipher = createCipheriv('aes-256-cbc', key, iv);
	const encrypted = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
	return Buffer.concat([Buffer.from('Salted__'), salt, encrypted]).toString('base64');
}

export function aesDecrypt(data: string, passphrase: string): string {
	const raw = Buffer.from(data, 'base64');
	const { key, iv } = evpBytesToKey(passphrase, raw.subarray(8, 16));
	const decipher = createDecipheriv('aes-256-cbc', key, iv);
	return Buffer.concat([decipher.update(raw.subarray(16)), decipher.final()]).toString('utf8');
}

// ---- jsonwebtoken's sign/verify for HS256, with `expiresIn` read like the `ms` package ----

const UNIT_SECONDS: Array<[RegExp, number]> = [
	[/^(ms|msecs?|milliseconds?)$/i, 0.001],
	[/^(s|secs?|seconds?)$/i, 1],
	[/^(m|mins?|minutes?)$/i, 60],
	[/^(h|hrs?|hours?)$/i, 3600],
	[/^(d|days?)$/i, 86400],
	[/^(w|weeks?)$/i, 604800],
	[/^(y|yrs?|years?)$/i, 31557600],
];

/** Seconds of an `expiresIn`: a number is seconds, a text without a unit milliseconds (as jsonwebtoken does). */
export function expiresInSeconds(value: unknown): number | undefined {
	if (typeof value === 'number') return value;
	const m = /^(-?\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(String(value).trim());
	if (!m) return undefined;
	if (m[2] === '') return Number(m[1]) / 1000;
	const unit = UNIT_SECONDS.find(([re]) => re.test(m[2]));
	return unit ? Number(m[1]) * unit[1] : undefined;
}

function b64url(value: unknown): string {
	return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function signJwt(payload: Record<string, unknown>, key: string): string {
	const head = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}`;
	return `${head}.${createHmac('sha256', key).update(head).digest('base64url')}`;
}

function verifyJwt(token: string, key: string): Record<string, any> {
	const [header, payload, signature] = token.split('.');
	const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
	if (signature !== expected) throw new Error('invalid signature');
	const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
	if (typeof claims.exp === 'number' && claims.exp < Date.now() / 1000) throw new Error('jwt expired');
	return claims;
}

const json = (status: number, body: unknown): SimResponse => ({ status, body });
const randomNumber = (max: number) => Math.floor(Math.random() * max);

export async function startMiroTalkSimulator(options: MiroTalkSimulatorOptions): Promise<MiroTalkSimulator> {
	const product = options.product;
	const apiKey = options.apiKey ?? DEFAULT_SECRETS[product];
	const jwtKey = options.jwtKey ?? `${product}_jwt_secret`;
	const jwtExp = options.jwtExp ?? '1h';
	const allowed: Record<MiroTalkSwitch, boolean> = { ...SFU_DEFAULT_ALLOWED, ...options.allowed };
	const rooms = new Map<string, Room>();
	const ended: MiroTalkSimulator['ended'] = [];
	const requests: MiroTalkSimulator['requests'] = [];
	const state = { disabled: options.disabled ?? (['token', 'meetings'] as MiroTalkSwitch[]), showActiveRooms: options.showActiveRooms ?? false };

	const host = (req: SimRequest) => String(req.headers.host ?? 'localhost');
	// SFU ServerApi.getMeetingURL/getJoinURL write 'https://' + host; P2P api.js, C2C backend/api.js and BRO app/api.js
	// getProtocol() give 'http' + (host.includes('localhost') ? '' : 's') + '://'.
	const origin = (req: SimRequest) => `${product !== 'sfu' && host(req).includes('localhost') ? 'http' : 'https'}://${host(req)}`;

	/** The switch check, then the key check, in the order the real routes run them. */
	function guard(req: SimRequest, key: MiroTalkSwitch | undefined): SimResponse | undefined {
		// SFU Server.js: `if (restApi.allowed && !restApi.allowed.<key>) return res.status(403).json({error})`; stats and
		// meetingEnd add `success: false`.
		if (key && product === 'sfu' && !sim.allowed[key]) {
			const withSuccess = key === 'stats' || key === 'meetingEnd';
			return json(403, withSuccess ? { success: false, error: DISABLED_MESSAGE } : { error: DISABLED_MESSAGE });
		}
		// P2P server.js: `if (api_disabled.includes('<key>')) return res.status(403).json({error})`.
		if (key && product === 'p2p' && sim.disabled.includes(key)) return json(403, { error: DISABLED_MESSAGE });
		const authorization = req.headers.authorization;
		// ServerApi.isAuthorized(): SFU compares strictly and refuses everything when no secret is set; the others with !=.
		if (!apiKey || authorization !== apiKey) return json(403, { error: 'Unauthorized!' });
		return undefined;
	}

	/**
	 * ServerApi.getToken (SFU ServerApi.js, P2P api.js): `{username = 'username', password = 'password', presenter =
	 * false, expire} = token`, so a token with no credentials carries the placeholders; `expire || JWT_EXP`.
	 */
	function makeToken(input: any): string {
		const { username = 'username', password = 'password', presenter = false, expire } = (input ?? {}) as Record<string, unknown>;
		const data = aesEncrypt(JSON.stringify({ username: String(username), password: String(password), presenter: String(presenter) }), jwtKey);
		const iat = Math.floor(Date.now() / 1000);
		const seconds = expiresInSeconds(expire || jwtExp);
		if (seconds === undefined) throw new Error(`"expiresIn" should be a number of seconds or string representing a timespan`);
		return signJwt({ data, iat, exp: Math.floor(iat + seconds) }, jwtKey);
	}

	function totals() {
		let users = 0;
		for (const room of rooms.values()) users += room.peers.size;
		return { timestamp: new Date().toISOString(), totalRooms: rooms.size, totalUsers: users };
	}

	/** P2P's raw peer info, as its socket join stores it. */
	function p2pPeer(peer: MiroTalkPeer) {
		return {
			peer_name: peer.name,
			peer_presenter: peer.presenter,
			peer_video: true,
			peer_audio: true,
			peer_video_status: peer.video,
			peer_audio_status: peer.audio,
			peer_screen_status: peer.screen,
			peer_hand_status: peer.hand,
			peer_rec_status: false,
			peer_privacy_status: false,
			peer_info: { os_name: peer.os, browser_name: peer.browser, is_desktop_device: true },
		};
	}

	/**
	 * SFU ServerApi.getJoinURL / P2P api.js getJoinURL: `const {room, ...} = data` (throws on a missing body, which
	 * the global error handler answers 500); room and (SFU) roomPassword concatenated raw, name and avatar through
	 * encodeURIComponent, flags as `x || false`, duration `|| 'unlimited'`. P2P has no roomPassword.
	 */
	function sfuOrP2pJoin(base: string, b: Record<string, any>): string {
		const { room, roomPassword, name, avatar, audio, video, screen, chat, hide, notify, duration, token } = b;
		const token_ = token ? `&token=${makeToken(token)}` : '';
		return (
			`${base}/join?room=${room || randomUUID()}` +
			(product === 'sfu' ? `&roomPassword=${roomPassword || false}` : '') +
			`&name=${encodeURIComponent(name || `User-${randomNumber(999999)}`)}&avatar=${encodeURIComponent(avatar || false)}` +
			`&audio=${audio || false}&video=${video || false}&screen=${screen || false}&chat=${chat || false}` +
			`&hide=${hide || false}&notify=${notify || false}&duration=${duration || 'unlimited'}${token_}`
		);
	}

	const api = new Router();
	if (product === 'sfu' || product === 'p2p') {
		// SFU Server.js `app.get(restApi.basePath + '/stats')` answers totalUsers; P2P server.js `${apiBasePath}/stats` totalPeers.
		api.on('GET', '/api/v1/stats', (req) => {
			const refused = guard(req, 'stats');
			if (refused) return refused;
			const { timestamp, totalRooms, totalUsers } = totals();
			return json(200, product === 'sfu'
				? { success: true, timestamp, totalRooms, totalUsers }
				: { success: true, timestamp, totalRooms, totalPeers: totalUsers });
		});
		// `/meetings`: SFU ServerApi.getMeetings gives [{roomId, peers:[...]}]; P2P api.getMeetings(peers) the raw room map.
		api.on('GET', '/api/v1/meetings', (req) => {
			const refused = guard(req, 'meetings');
			if (refused) return refused;
			if (product === 'sfu') {
				return json(200, { meetings: [...rooms].map(([roomId, room]) => ({ roomId, peers: [...room.peers.values()] })) });
			}
			const meetings: Record<string, Record<string, unknown>> = {};
			for (const [roomId, room] of rooms) {
				meetings[roomId] = Object.fromEntries([...room.peers].map(([id, peer]) => [id, p2pPeer(peer)]));
				if (room.lock) Object.assign(meetings[roomId], { lock: true, password: room.lock.password });
			}
			return json(200, { meetings });
		});
		// `/token`: `res.json({ token: api.getToken(req.body) })`.
		api.on('POST', '/api/v1/token', (req) => {
			const refused = guard(req, 'token');
			if (refused) return refused;
			return json(200, { token: makeToken(req.body) });
		});
		// `/activeRooms` (SFU Server.js "AUTHORIZED API IF ALLOWED"; P2P server.js): `if (!config.ui?.rooms?.showActive)`
		// (P2P `!hostCfg.showActiveRooms`) → 403 disabled; the key defaults to the server's own
		// (`authorization = config.api.keySecret`), so no key is needed. Each room as {id, peers, join}.
		api.on('GET', '/api/v1/activeRooms', (req) => {
			if (!state.showActiveRooms) return json(403, { error: DISABLED_MESSAGE });
			const base = origin(req);
			return json(200, { activeRooms: [...rooms].map(([id, room]) => ({ id, peers: room.peers.size, join: `${base}/join/${id}` })) });
		});
	}
	if (product !== 'bro') {
		// `/meeting`: SFU/P2P ServerApi.getMeetingURL() `<origin>/join/<uuid>`; C2C backend/api.js `<origin>/?room=<uuid>`,
		// with no switch (backend/server.js).
		api.on('POST', '/api/v1/meeting', (req) => {
			const refused = guard(req, product === 'c2c' ? undefined : 'meeting');
			if (refused) return refused;
			const room = randomUUID();
			return json(200, { meeting: product === 'c2c' ? `${origin(req)}/?room=${room}` : `${origin(req)}/join/${room}` });
		});
	}
	if (product === 'sfu') {
		// SFU Server.js `app.delete(restApi.basePath + '/meeting/:room')` → ServerApi.endMeeting: 200, or 404 Room not found.
		api.on('DELETE', '/api/v1/meeting/:room', (req, { room }) => {
			const refused = guard(req, 'meetingEnd');
			if (refused) return refused;
			if (!rooms.has(room)) return json(404, { success: false, error: 'Room not found' });
			rooms.delete(room);
			const redirect = typeof req.body?.redirect === 'string' && req.body.redirect ? req.body.redirect : undefined;
			ended.push({ room, ...(redirect ? { redirect } : {}) });
			return json(200, { success: true, message: 'Meeting ended', room });
		});
	}
	// `/join`: `res.json({ join: api.getJoinURL(req.body) })` on all four; nothing validated.
	api.on('POST', '/api/v1/join', (req) => {
		const refused = guard(req, product === 'sfu' || product === 'p2p' ? 'join' : undefined);
		if (refused) return refused;
		const base = origin(req);
		// Destructuring an absent body throws (SFU ServerApi.getJoinURL, P2P api.js getJoinURL, C2C data.room, BRO
		// `const { room } = data`): the error handler's 500.
		if (req.body === undefined || req.body === null) return json(500, INTERNAL_ERROR);
		const b = req.body as Record<string, any>;
		if (product === 'bro') {
			// BRO app/api.js getJoinURL: the room raw in `id=`, a random number as the broadcaster's name.
			return json(200, {
				join: {
					broadcast: `${base}/broadcast?id=${b.room}&name=${randomNumber(99999)}`,
					viewer: `${base}/viewer?id=${b.room}&name=viewer-${randomNumber(99999)}`,
					viewerHome: `${base}/home?id=${b.room}`,
				},
			});
		}
		// C2C backend/api.js getJoinURL: `'/join?room=' + data.room + '&name=' + data.name`, both raw, no default.
		if (product === 'c2c') return json(200, { join: `${base}/join?room=${b.room}&name=${b.name}` });
		return json(200, { join: sfuOrP2pJoin(base, b) });
	});
	if (product === 'bro') {
		// BRO app/server.js: `app.get('/api/v1/config', ...)` with no key check.
		api.on('GET', '/api/v1/config', () => json(200, options.broConfig ?? { broadcastingMode: true, adminOnlyBroadcast: false }));
	}

	const faults = withFaults(async (req) => {
		requests.push({ method: req.method, path: req.path, headers: req.headers, body: req.body });
		const match = api.match(req.method, req.path);
		if (match) {
			try {
				return await match.handler(req, match.params);
			} catch {
				// A throw inside a route (jwt.sign refusing an expiresIn) reaches SFU's and P2P's global error handler;
				// C2C and BRO have none, so Express's default answers a text page.
				if (product === 'sfu' || product === 'p2p') return json(500, INTERNAL_ERROR);
				return { status: 500, body: 'Internal Server Error', headers: { 'content-type': 'text/html; charset=utf-8' } };
			}
		}
		// C2C backend/server.js and BRO app/server.js: `app.use((req, res) => notFound(res))`, notFound answering
		// `res.json({ data: '404 not found' })`. SFU Server.js and P2P server.js: `app.use((req, res) =>
		// res.sendFile(views.notFound))`, an HTML page with HTTP 200, for any method.
		if (product === 'c2c' || product === 'bro') return json(200, { data: '404 not found' });
		return { status: 200, body: NOT_FOUND_PAGE, headers: { 'content-type': 'text/html; charset=UTF-8' } };
	}, {
		// MiroTalk has no rate limiter of its own; a proxy in front of it answers 429, an unhandled error 500.
		serverError: (status) => json(status, { success: false, error: 'Failed to answer' }),
		rateLimited: () => json(429, { error: 'Too Many Requests' }),
	}, options.faults);
	const server = await listen(withLatency(faults.handle, options.latencyMs), options.port);

	const sim: MiroTalkSimulator = {
		...server,
		product,
		apiKey,
		allowed,
		get disabled() {
			return state.disabled;
		},
		set disabled(value: MiroTalkSwitch[]) {
			state.disabled = value;
		},
		get showActiveRooms() {
			return state.showActiveRooms;
		},
		set showActiveRooms(value: boolean) {
			state.showActiveRooms = value;
		},
		rooms,
		ended,
		requests,
		setFaults: faults.set,
		faultCounts: faults.counts,
		workDone: faults.work,
		addPeer(room, peer = {}) {
			if (!rooms.has(room)) rooms.set(room, { peers: new Map() });
			const id = randomBytes(10).toString('base64url');
			rooms.get(room)!.peers.set(id, {
				name: `User-${randomNumber(999999)}`,
				presenter: false,
				video: true,
				audio: true,
				screen: false,
				hand: false,
				os: 'Linux',
				browser: 'Firefox',
				...peer,
			});
			return id;
		},
		lockRoom(room, password) {
			if (!rooms.has(room)) rooms.set(room, { peers: new Map() });
			rooms.get(room)!.lock = { password };
		},
		readToken(token) {
			const claims = verifyJwt(token, jwtKey);
			return { ...JSON.parse(aesDecrypt(claims.data, jwtKey)), iat: claims.iat, exp: claims.exp };
		},
	};
	return sim;
}
