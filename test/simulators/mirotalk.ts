import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomUUID } from 'crypto';
import { listen, Router, type SimRequest, type SimResponse, type SimServer, withLatency } from './http';
import { type FaultCounts, type Faults, withFaults, type WorkDone } from './faults';

/**
 * An in-memory MiroTalk server of one product, as reference/providers.md §3 records the real code:
 * the raw secret in the `authorization` header; the endpoint switch checked first, then the key,
 * both answered with 403 `{error}`; URLs built from the request's Host header; SFU's `{meetings:[...]}`
 * and P2P's room map; SFU's 404 for ending an unknown room; C2C and BRO answering unknown routes
 * with HTTP 200 `{"data":"404 not found"}`.
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
	const allowed: Record<MiroTalkSwitch, boolean> = { ...SFU_DEFAULT_ALLOWED, ...options.allowed };
	const rooms = new Map<string, Room>();
	const ended: MiroTalkSimulator['ended'] = [];
	const requests: MiroTalkSimulator['requests'] = [];
	const state = { disabled: options.disabled ?? (['token', 'meetings'] as MiroTalkSwitch[]) };

	const host = (req: SimRequest) => String(req.headers.host ?? 'localhost');
	/** SFU and C2C always answer https; P2P and BRO use http for a host containing "localhost". */
	const origin = (req: SimRequest) =>
		`${(product === 'p2p' || product === 'bro') && host(req).includes('localhost') ? 'http' : 'https'}://${host(req)}`;

	/** The switch check, then the key check, in the order the real routes run them. */
	function guard(req: SimRequest, key: MiroTalkSwitch | undefined): SimResponse | undefined {
		if (key && product === 'sfu' && !sim.allowed[key]) {
			const withSuccess = key === 'stats' || key === 'meetingEnd';
			return json(403, withSuccess ? { success: false, error: DISABLED_MESSAGE } : { error: DISABLED_MESSAGE });
		}
		if (key && product === 'p2p' && sim.disabled.includes(key)) return json(403, { error: DISABLED_MESSAGE });
		const authorization = req.headers.authorization;
		// SFU compares strictly and refuses everything when no secret is set; the others compare with !=.
		if (!apiKey || authorization !== apiKey) return json(403, { error: 'Unauthorized!' });
		return undefined;
	}

	function makeToken(input: any): string {
		const { username = 'username', password = 'password', presenter = false, expire } = (input ?? {}) as Record<string, unknown>;
		const data = aesEncrypt(JSON.stringify({ username: String(username), password: String(password), presenter: String(presenter) }), jwtKey);
		const iat = Math.floor(Date.now() / 1000);
		const seconds = expiresInSeconds(expire ?? '1h');
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

	const api = new Router();
	if (product === 'sfu' || product === 'p2p') {
		api.on('GET', '/api/v1/stats', (req) => {
			const refused = guard(req, 'stats');
			if (refused) return refused;
			const { timestamp, totalRooms, totalUsers } = totals();
			return json(200, product === 'sfu'
				? { success: true, timestamp, totalRooms, totalUsers }
				: { success: true, timestamp, totalRooms, totalPeers: totalUsers });
		});
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
		api.on('POST', '/api/v1/token', (req) => {
			const refused = guard(req, 'token');
			if (refused) return refused;
			return json(200, { token: makeToken(req.body) });
		});
	}
	if (product !== 'bro') {
		api.on('POST', '/api/v1/meeting', (req) => {
			const refused = guard(req, product === 'c2c' ? undefined : 'meeting');
			if (refused) return refused;
			const room = randomUUID();
			return json(200, { meeting: product === 'c2c' ? `${origin(req)}/?room=${room}` : `${origin(req)}/join/${room}` });
		});
	}
	if (product === 'sfu') {
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
	api.on('POST', '/api/v1/join', (req) => {
		const refused = guard(req, product === 'sfu' || product === 'p2p' ? 'join' : undefined);
		if (refused) return refused;
		const b = (req.body ?? {}) as Record<string, any>;
		const base = origin(req);
		if (product === 'bro') {
			return json(200, {
				join: {
					broadcast: `${base}/broadcast?id=${b.room}&name=${randomNumber(99999)}`,
					viewer: `${base}/viewer?id=${b.room}&name=viewer-${randomNumber(99999)}`,
					viewerHome: `${base}/home?id=${b.room}`,
				},
			});
		}
		if (product === 'c2c') {
			if (!b.room || !b.name) return json(400, { error: 'room and name are required' });
			return json(200, { join: `${base}/join?room=${b.room}&name=${encodeURIComponent(b.name)}` });
		}
		const room = b.room || randomUUID();
		const name = b.name || `User-${randomNumber(999999)}`;
		const token = b.token ? `&token=${makeToken(b.token)}` : '';
		if (product === 'p2p') {
			return json(200, {
				join:
					`${base}/join?room=${room}&name=${encodeURIComponent(name)}&avatar=${encodeURIComponent(b.avatar || false)}` +
					`&audio=${b.audio || false}&video=${b.video || false}&screen=${b.screen || false}` +
					`&hide=${b.hide || false}&notify=${b.notify || false}${token}`,
			});
		}
		return json(200, {
			join:
				`${base}/join?room=${room}&roomPassword=${encodeURIComponent(b.roomPassword || false)}&name=${encodeURIComponent(name)}` +
				`&avatar=${encodeURIComponent(b.avatar || false)}&audio=${b.audio || false}&video=${b.video || false}` +
				`&screen=${b.screen || false}&chat=${b.chat || false}&hide=${b.hide || false}&notify=${b.notify || false}` +
				`&duration=${b.duration || 'unlimited'}${token}`,
		});
	});
	if (product === 'bro') {
		api.on('GET', '/api/v1/config', () => json(200, { broadcastingMode: true, adminOnlyBroadcast: false }));
	}

	const faults = withFaults(async (req) => {
		requests.push({ method: req.method, path: req.path, headers: req.headers, body: req.body });
		const match = api.match(req.method, req.path);
		if (match) {
			try {
				return await match.handler(req, match.params);
			} catch (error) {
				return json(500, { success: false, error: `Failed to answer: ${(error as Error).message}` });
			}
		}
		// C2C and BRO have a catch-all that answers 200; SFU and P2P (Express) answer a 404 page.
		if (product === 'c2c' || product === 'bro') return json(200, { data: '404 not found' });
		return { status: 404, body: `Cannot ${req.method} ${req.path}`, headers: { 'content-type': 'text/html' } };
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
