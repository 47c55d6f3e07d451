import { request } from 'http';
import { aesDecrypt, aesEncrypt, DISABLED_MESSAGE, expiresInSeconds, INTERNAL_ERROR, NOT_FOUND_PAGE, startMiroTalkSimulator, type MiroTalkSimulator } from '../../simulators/mirotalk';

/** The MiroTalk simulator against the behaviour reference/providers.md §3 records for each product. */
const KEY = 'sim_test_secret';
let sims: MiroTalkSimulator[] = [];

async function start(options: Parameters<typeof startMiroTalkSimulator>[0]) {
	const sim = await startMiroTalkSimulator({ apiKey: KEY, ...options });
	sims.push(sim);
	return sim;
}

/** One call with node's http client, which (unlike fetch) lets a test set the Host header. */
function call(sim: MiroTalkSimulator, method: string, path: string, body?: unknown, key: string | null = KEY, host?: string) {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (key !== null) headers.authorization = key;
	if (host) headers.host = host;
	const payload = body === undefined ? undefined : JSON.stringify(body);
	if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
	return new Promise<{ status: number; body: any }>((resolve, reject) => {
		const req = request(`${sim.url}${path}`, { method, headers }, (res) => {
			let text = '';
			res.on('data', (chunk) => (text += chunk));
			res.on('end', () => {
				let parsed: any;
				try {
					parsed = JSON.parse(text);
				} catch {
					parsed = text;
				}
				resolve({ status: res.statusCode ?? 0, body: parsed });
			});
		});
		req.on('error', reject);
		req.end(payload);
	});
}

afterEach(async () => {
	await Promise.all(sims.map((s) => s.close()));
	sims = [];
});

describe('MiroTalk simulator: SFU', () => {
	it('answers stats with totalUsers, and the meetings list in SFU shape once enabled', async () => {
		const sim = await start({ product: 'sfu', allowed: { meetings: true } });
		sim.addPeer('standup', { name: 'Ann', presenter: true });
		sim.addPeer('standup', { name: 'Bob' });
		sim.addPeer('retro', { name: 'Cy' });
		const stats = await call(sim, 'GET', '/api/v1/stats');
		expect(stats).toEqual({ status: 200, body: { success: true, timestamp: expect.any(String), totalRooms: 2, totalUsers: 3 } });
		const meetings = await call(sim, 'GET', '/api/v1/meetings');
		expect(meetings.status).toBe(200);
		expect(meetings.body.meetings).toEqual([
			{ roomId: 'standup', peers: [expect.objectContaining({ name: 'Ann', presenter: true }), expect.objectContaining({ name: 'Bob' })] },
			{ roomId: 'retro', peers: [{ name: 'Cy', presenter: false, video: true, audio: true, screen: false, hand: false, os: 'Linux', browser: 'Firefox' }] },
		]);
	});

	it('keeps meetings, meetingEnd and token off by default, checking the switch before the key', async () => {
		const sim = await start({ product: 'sfu' });
		expect(await call(sim, 'GET', '/api/v1/meetings', undefined, 'wrong')).toEqual({ status: 403, body: { error: DISABLED_MESSAGE } });
		expect(await call(sim, 'POST', '/api/v1/token', { username: 'u' })).toEqual({ status: 403, body: { error: DISABLED_MESSAGE } });
		expect(await call(sim, 'DELETE', '/api/v1/meeting/x', {})).toEqual({ status: 403, body: { success: false, error: DISABLED_MESSAGE } });
		sim.allowed.stats = false;
		expect(await call(sim, 'GET', '/api/v1/stats')).toEqual({ status: 403, body: { success: false, error: DISABLED_MESSAGE } });
	});

	it('refuses a wrong or missing key with 403 Unauthorized!', async () => {
		const sim = await start({ product: 'sfu' });
		expect(await call(sim, 'POST', '/api/v1/meeting', undefined, 'nope')).toEqual({ status: 403, body: { error: 'Unauthorized!' } });
		expect(await call(sim, 'POST', '/api/v1/meeting', undefined, null)).toEqual({ status: 403, body: { error: 'Unauthorized!' } });
		expect(await call(sim, 'POST', '/api/v1/meeting', undefined, `Bearer ${KEY}`)).toEqual({ status: 403, body: { error: 'Unauthorized!' } });
	});

	it('builds meeting and join URLs from the Host header, always https, with every join option', async () => {
		const sim = await start({ product: 'sfu' });
		const meeting = await call(sim, 'POST', '/api/v1/meeting', undefined, KEY, 'video.example.org');
		expect(meeting.body.meeting).toMatch(/^https:\/\/video\.example\.org\/join\/[0-9a-f-]{36}$/);
		const join = await call(sim, 'POST', '/api/v1/join', {
			room: 'standup', roomPassword: 'pw', name: 'Ann Lee', avatar: 'https://x.test/a.png', audio: true, video: true,
			screen: false, chat: true, hide: false, notify: true, duration: '00:30:00', token: { username: 'ann', password: 'secret', presenter: true, expire: '2h' },
		}, KEY, 'localhost:3010');
		const url = new URL(join.body.join);
		expect(url.origin).toBe('https://localhost:3010');
		expect(url.pathname).toBe('/join');
		expect(Object.fromEntries(url.searchParams)).toMatchObject({
			room: 'standup', roomPassword: 'pw', name: 'Ann Lee', avatar: 'https://x.test/a.png', audio: 'true', video: 'true',
			screen: 'false', chat: 'true', hide: 'false', notify: 'true', duration: '00:30:00',
		});
		const claims = sim.readToken(url.searchParams.get('token')!);
		expect(claims).toMatchObject({ username: 'ann', password: 'secret', presenter: 'true' });
		expect(claims.exp - claims.iat).toBe(7200);
	});

	it('defaults the join room, name and flags', async () => {
		const sim = await start({ product: 'sfu' });
		const { body } = await call(sim, 'POST', '/api/v1/join', {});
		const q = new URL(body.join).searchParams;
		expect(q.get('room')).toMatch(/^[0-9a-f-]{36}$/);
		expect(q.get('name')).toMatch(/^User-\d+$/);
		expect(q.get('duration')).toBe('unlimited');
		expect(q.get('token')).toBeNull();
	});

	it('issues tokens once enabled, signed and AES-encrypted', async () => {
		const sim = await start({ product: 'sfu', allowed: { token: true } });
		const { status, body } = await call(sim, 'POST', '/api/v1/token', { username: 'u', password: 'p', presenter: false, expire: '30m' });
		expect(status).toBe(200);
		const claims = sim.readToken(body.token);
		expect(claims).toMatchObject({ username: 'u', password: 'p', presenter: 'false' });
		expect(claims.exp - claims.iat).toBe(1800);
	});

	it('ends a meeting with a redirect, and answers 404 Room not found for an unknown room', async () => {
		const sim = await start({ product: 'sfu', allowed: { meetingEnd: true } });
		sim.addPeer('standup');
		expect(await call(sim, 'DELETE', '/api/v1/meeting/standup', { redirect: 'https://example.com/bye' })).toEqual({
			status: 200, body: { success: true, message: 'Meeting ended', room: 'standup' },
		});
		expect(sim.ended).toEqual([{ room: 'standup', redirect: 'https://example.com/bye' }]);
		expect(sim.rooms.has('standup')).toBe(false);
		expect(await call(sim, 'DELETE', '/api/v1/meeting/standup', {})).toEqual({ status: 404, body: { success: false, error: 'Room not found' } });
	});

	// Server.js: `app.use((req, res) => res.sendFile(views.notFound))` after every route: HTTP 200, an HTML page, any method.
	it.each(['GET', 'POST', 'DELETE'])('answers an unknown route (%s) with the HTML 404 page and HTTP 200', async (method) => {
		const sim = await start({ product: 'sfu' });
		expect(await call(sim, method, '/api/v1/nothing', method === 'GET' ? undefined : {})).toEqual({ status: 200, body: NOT_FOUND_PAGE });
	});

	// ServerApi.getJoinURL: `room=${roomValue}&roomPassword=${roomPasswordValue}` raw, `encodeURIComponent(nameValue)`.
	it('puts room and room password into the join URL raw, and encodes the name', async () => {
		const sim = await start({ product: 'sfu' });
		const { body } = await call(sim, 'POST', '/api/v1/join', { room: 'R&D #1', roomPassword: 'a&b', name: 'Ann Smith' }, KEY, 'sfu.example.com');
		expect(body.join).toMatch(/^https:\/\/sfu\.example\.com\/join\?room=R&D #1&roomPassword=a&b&name=Ann%20Smith&/);
	});

	// "AUTHORIZED API IF ALLOWED": 403 disabled unless config.ui.rooms.showActive, and no key check.
	it('answers activeRooms only with SHOW_ACTIVE_ROOMS, without a key', async () => {
		const sim = await start({ product: 'sfu' });
		sim.addPeer('standup');
		expect(await call(sim, 'GET', '/api/v1/activeRooms', undefined, null)).toEqual({ status: 403, body: { error: DISABLED_MESSAGE } });
		sim.showActiveRooms = true;
		expect(await call(sim, 'GET', '/api/v1/activeRooms', undefined, null, 'sfu.example.com')).toEqual({
			status: 200, body: { activeRooms: [{ id: 'standup', peers: 1, join: 'https://sfu.example.com/join/standup' }] },
		});
	});

	// ServerApi.getToken: `expire || JWT_EXP`, JWT_EXP from config.security.jwt.exp (env JWT_EXPIRATION).
	it('signs a token for the server default lifetime when no expiry is given', async () => {
		const sim = await start({ product: 'sfu', allowed: { token: true }, jwtExp: '2h' });
		const { body } = await call(sim, 'POST', '/api/v1/token', { username: 'u', password: 'p' });
		const claims = sim.readToken(body.token);
		expect(claims.exp - claims.iat).toBe(7200);
	});
});

describe('MiroTalk simulator: P2P', () => {
	it('answers stats with totalPeers and meetings as a room map of raw peer info', async () => {
		const sim = await start({ product: 'p2p', disabled: [] });
		const id = sim.addPeer('standup', { name: 'Ann', video: false });
		sim.lockRoom('standup', 'room-pw');
		expect((await call(sim, 'GET', '/api/v1/stats')).body).toEqual({ success: true, timestamp: expect.any(String), totalRooms: 1, totalPeers: 1 });
		const { body } = await call(sim, 'GET', '/api/v1/meetings');
		expect(body.meetings.standup[id]).toMatchObject({ peer_name: 'Ann', peer_video_status: false, peer_info: { os_name: 'Linux' } });
		expect(body.meetings.standup).toMatchObject({ lock: true, password: 'room-pw' });
	});

	it('disables token and meetings by default through API_DISABLED, and has no end route', async () => {
		const sim = await start({ product: 'p2p' });
		expect(await call(sim, 'GET', '/api/v1/meetings')).toEqual({ status: 403, body: { error: DISABLED_MESSAGE } });
		expect(await call(sim, 'POST', '/api/v1/token', {})).toEqual({ status: 403, body: { error: DISABLED_MESSAGE } });
		sim.disabled = ['stats'];
		expect((await call(sim, 'POST', '/api/v1/token', { username: 'u', password: 'p' })).status).toBe(200);
		expect((await call(sim, 'GET', '/api/v1/stats')).status).toBe(403);
		// No DELETE /meeting/:room: the catch-all `app.use((req, res) => res.sendFile(views.notFound))` answers 200.
		expect(await call(sim, 'DELETE', '/api/v1/meeting/x', {})).toEqual({ status: 200, body: NOT_FOUND_PAGE });
	});

	// api.js getJoinURL destructures `data`: a /join without a body throws into the global error handler's 500.
	it('answers a /join without a body 500 Internal server error, and one with {} a random room', async () => {
		const sim = await start({ product: 'p2p' });
		expect(await call(sim, 'POST', '/api/v1/join')).toEqual({ status: 500, body: INTERNAL_ERROR });
		const { body } = await call(sim, 'POST', '/api/v1/join', {});
		expect(new URL(body.join).searchParams.get('room')).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('uses http for a localhost host, https otherwise, and builds the join URL without room password', async () => {
		const sim = await start({ product: 'p2p' });
		expect((await call(sim, 'POST', '/api/v1/meeting', undefined, KEY, 'localhost:3000')).body.meeting).toMatch(/^http:\/\/localhost:3000\/join\//);
		expect((await call(sim, 'POST', '/api/v1/meeting', undefined, KEY, 'p2p.example.com')).body.meeting).toMatch(/^https:\/\/p2p\.example\.com\/join\//);
		const { body } = await call(sim, 'POST', '/api/v1/join', { room: 'r', name: 'N', audio: true });
		const q = new URL(body.join).searchParams;
		expect(q.get('roomPassword')).toBeNull();
		expect(Object.fromEntries(q)).toMatchObject({ room: 'r', name: 'N', audio: 'true', video: 'false' });
	});
});

describe('MiroTalk simulator: C2C and BRO', () => {
	it('C2C: creates a meeting and a join link, and answers unknown routes with 200 404-not-found', async () => {
		const sim = await start({ product: 'c2c' });
		expect((await call(sim, 'POST', '/api/v1/meeting', undefined, KEY, 'c2c.example.com')).body.meeting).toMatch(/^https:\/\/c2c\.example\.com\/\?room=[0-9a-f-]{36}$/);
		// backend/api.js getJoinURL: `'/join?room=' + data.room + '&name=' + data.name`, raw; getProtocol http for localhost.
		expect((await call(sim, 'POST', '/api/v1/join', { room: 'r', name: 'Ann Lee' }, KEY, 'c2c.example.com')).body).toEqual({ join: 'https://c2c.example.com/join?room=r&name=Ann Lee' });
		expect((await call(sim, 'POST', '/api/v1/join', {}, KEY, 'localhost:8080')).body).toEqual({ join: 'http://localhost:8080/join?room=undefined&name=undefined' });
		expect(await call(sim, 'GET', '/api/v1/stats')).toEqual({ status: 200, body: { data: '404 not found' } });
		expect(await call(sim, 'POST', '/api/v1/meeting', undefined, 'wrong')).toEqual({ status: 403, body: { error: 'Unauthorized!' } });
	});

	it('BRO: returns broadcast, viewer and viewer-home URLs; everything else is 200 404-not-found', async () => {
		const sim = await start({ product: 'bro' });
		const { body } = await call(sim, 'POST', '/api/v1/join', { room: 'live' }, KEY, 'bro.example.com');
		expect(body.join).toEqual({
			broadcast: expect.stringMatching(/^https:\/\/bro\.example\.com\/broadcast\?id=live&name=\d+$/),
			viewer: expect.stringMatching(/^https:\/\/bro\.example\.com\/viewer\?id=live&name=viewer-\d+$/),
			viewerHome: 'https://bro.example.com/home?id=live',
		});
		expect(await call(sim, 'POST', '/api/v1/meeting')).toEqual({ status: 200, body: { data: '404 not found' } });
		expect(await call(sim, 'GET', '/api/v1/config', undefined, null)).toEqual({ status: 200, body: { broadcastingMode: true, adminOnlyBroadcast: false } });
		expect(sim.apiKey).toBe(KEY);
	});

	it('uses the product default secret when none is given', async () => {
		const sim = await startMiroTalkSimulator({ product: 'bro' });
		sims.push(sim);
		expect((await call(sim, 'POST', '/api/v1/join', { room: 'x' }, 'mirotalkbro_default_secret')).status).toBe(200);
	});
});

describe('MiroTalk simulator helpers', () => {
	it('encrypts the CryptoJS way and reads expiresIn like jsonwebtoken', () => {
		const data = aesEncrypt('{"a":1}', 'key');
		expect(Buffer.from(data, 'base64').subarray(0, 8).toString()).toBe('Salted__');
		expect(aesDecrypt(data, 'key')).toBe('{"a":1}');
		expect(expiresInSeconds('1h')).toBe(3600);
		expect(expiresInSeconds('7d')).toBe(604800);
		expect(expiresInSeconds(60)).toBe(60);
		expect(expiresInSeconds('120')).toBe(0.12);
		expect(expiresInSeconds('soon')).toBeUndefined();
	});
});
