import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { miroTalkProductResources, resourcesFor } from '../../../nodes/MiroTalk/resources';
import { PRODUCTS, type Product } from '../../../nodes/MiroTalk/transport';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { bookedRoomName } from '../../../nodes/shared/parameters/booking';
import { MIROTALK_KEY, MIROTALK_URL, runMiroTalk } from '../../helpers/miroTalk';

/**
 * Every MiroTalk operation on every product that has it, against the request and response shapes
 * reference/providers.md §3 records from each product's source: method, path, body, the raw
 * `authorization` header, and how the answer becomes items.
 */
interface Case {
	product: Product;
	resource: string;
	operation: string;
	params?: IDataObject;
	method: 'GET' | 'POST' | 'DELETE';
	path: string;
	body?: unknown;
	reply: unknown;
	expectOutput: (items: IDataObject[]) => void;
}

const SFU_PEERS = [
	{ name: 'Ann', presenter: true, video: true, audio: true, screen: false, hand: false, os: 'Windows', browser: 'Chrome' },
	{ name: 'Bob', presenter: false, video: false, audio: true, screen: true, hand: true, os: 'Mac OS', browser: 'Safari' },
];

// P2P's `peers[room]` map: socket id → raw peer info, plus a locked room's `lock` and `password`.
const P2P_MEETINGS = {
	meetings: {
		standup: {
			'sock-1': {
				peer_name: 'Ann', peer_presenter: true, peer_video: true, peer_audio: true, peer_video_status: false, peer_audio_status: true,
				peer_screen_status: false, peer_hand_status: true, peer_rec_status: false, peer_privacy_status: false,
				peer_info: { os_name: 'Linux', browser_name: 'Firefox', is_desktop_device: true },
			},
			lock: true,
			password: 'room-secret',
		},
		retro: {},
	},
};

const token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJkYXRhIjoiVTJGc2RHVmtYMTk9In0.c2ln';

const cases: Case[] = [
	// ---- Meeting: create (SFU, P2P, C2C) ----
	{
		product: 'sfu', resource: 'meeting', operation: 'create', method: 'POST', path: '/api/v1/meeting',
		reply: { meeting: 'https://meet.example.com/join/0b7a2f36-8f0c-4e43-9a8e-2a6a3b0e1f11' },
		expectOutput: (items) => expect(items).toEqual([{ meeting: 'https://meet.example.com/join/0b7a2f36-8f0c-4e43-9a8e-2a6a3b0e1f11', room: '0b7a2f36-8f0c-4e43-9a8e-2a6a3b0e1f11' }]),
	},
	{
		product: 'p2p', resource: 'meeting', operation: 'create', method: 'POST', path: '/api/v1/meeting',
		reply: { meeting: 'http://localhost:3000/join/2d1c' },
		expectOutput: (items) => expect(items).toEqual([{ meeting: 'http://localhost:3000/join/2d1c', room: '2d1c' }]),
	},
	{
		product: 'c2c', resource: 'meeting', operation: 'create', method: 'POST', path: '/api/v1/meeting',
		reply: { meeting: 'https://meet.example.com/?room=5c9e0a61-3f7d-4cbb-9f31-1d7d7b6c2a90' },
		expectOutput: (items) => expect(items).toEqual([{ meeting: 'https://meet.example.com/?room=5c9e0a61-3f7d-4cbb-9f31-1d7d7b6c2a90', room: '5c9e0a61-3f7d-4cbb-9f31-1d7d7b6c2a90' }]),
	},
	// ---- Meeting: get many (SFU array, P2P room map) ----
	{
		product: 'sfu', resource: 'meeting', operation: 'getAll', params: { returnAll: true }, method: 'GET', path: '/api/v1/meetings',
		reply: { meetings: [{ roomId: 'standup', peers: SFU_PEERS }, { roomId: 'retro', peers: [] }] },
		expectOutput: (items) => expect(items).toEqual([
			{ roomId: 'standup', peerCount: 2, peers: SFU_PEERS },
			{ roomId: 'retro', peerCount: 0, peers: [] },
		]),
	},
	{
		product: 'sfu', resource: 'meeting', operation: 'getAll', params: { returnAll: false, limit: 1 }, method: 'GET', path: '/api/v1/meetings',
		reply: { meetings: [{ roomId: 'standup', peers: SFU_PEERS }, { roomId: 'retro', peers: [] }] },
		expectOutput: (items) => expect(items.map((i) => i.roomId)).toEqual(['standup']),
	},
	{
		product: 'p2p', resource: 'meeting', operation: 'getAll', params: { returnAll: true }, method: 'GET', path: '/api/v1/meetings',
		reply: P2P_MEETINGS,
		expectOutput: (items) => {
			expect(items).toEqual([
				{
					roomId: 'standup', peerCount: 1,
					peers: [{ id: 'sock-1', name: 'Ann', presenter: true, video: false, audio: true, screen: false, hand: true, os: 'Linux', browser: 'Firefox' }],
				},
				{ roomId: 'retro', peerCount: 0, peers: [] },
			]);
			// The room's lock state and password are not participants and never reach the output.
			expect(JSON.stringify(items)).not.toContain('room-secret');
		},
	},
	// ---- Meeting: end (SFU) ----
	{
		product: 'sfu', resource: 'meeting', operation: 'end', params: { room: 'standup', options: { redirect: 'https://example.com/bye' } },
		method: 'DELETE', path: '/api/v1/meeting/standup', body: { redirect: 'https://example.com/bye' },
		reply: { success: true, message: 'Meeting ended', room: 'standup' },
		expectOutput: (items) => expect(items).toEqual([{ success: true, message: 'Meeting ended', room: 'standup' }]),
	},
	{
		product: 'sfu', resource: 'meeting', operation: 'end', params: { room: 'team a/b' },
		method: 'DELETE', path: '/api/v1/meeting/team%20a%2Fb',
		reply: { success: true, message: 'Meeting ended', room: 'team a/b' },
		expectOutput: (items) => expect(items[0].room).toBe('team a/b'),
	},
	// ---- Join link: create ----
	{
		product: 'sfu', resource: 'joinLink', operation: 'create',
		params: {
			room: 'standup',
			options: {
				roomPassword: 'pw', name: 'Ann', avatar: 'https://example.com/ann.png', audio: true, video: false,
				screen: false, chat: true, hide: false, notify: true, duration: '00:30:00',
			},
			token: { username: 'ann', password: 'secret', presenter: true, expire: '1h' },
		},
		method: 'POST', path: '/api/v1/join',
		body: {
			room: 'standup', roomPassword: 'pw', name: 'Ann', avatar: 'https://example.com/ann.png', audio: true, video: false,
			screen: false, chat: true, hide: false, notify: true, duration: '00:30:00',
			token: { username: 'ann', password: 'secret', presenter: true, expire: '1h' },
		},
		reply: { join: `https://meet.example.com/join?room=standup&roomPassword=pw&name=Ann&avatar=https%3A%2F%2Fexample.com%2Fann.png&audio=true&video=false&screen=false&chat=true&hide=false&notify=true&duration=00:30:00&token=${token}` },
		expectOutput: (items) => expect(items).toEqual([{ join: expect.stringContaining('&token='), room: 'standup' }]),
	},
	{
		// No room: the node picks a UUID, so that the body is never empty (n8n drops an empty one) and the output names it.
		product: 'sfu', resource: 'joinLink', operation: 'create', params: { options: { duration: 'unlimited' } },
		method: 'POST', path: '/api/v1/join', body: { room: expect.stringMatching(/^[0-9a-f-]{36}$/), duration: 'unlimited' },
		reply: { join: 'https://meet.example.com/join?room=9f1e&roomPassword=false&name=User-123&avatar=false&audio=false&video=false&screen=false&chat=false&hide=false&notify=false&duration=unlimited' },
		expectOutput: (items) => expect(items).toEqual([{ join: expect.stringContaining('duration=unlimited'), room: '9f1e' }]),
	},
	{
		// SFU ServerApi.getJoinURL concatenates room and roomPassword raw: the node encodes them.
		product: 'sfu', resource: 'joinLink', operation: 'create', params: { room: 'R&D #1', options: { roomPassword: 'a&b=c#d' } },
		method: 'POST', path: '/api/v1/join', body: { room: 'R%26D%20%231', roomPassword: 'a%26b%3Dc%23d' },
		reply: { join: 'https://meet.example.com/join?room=R%26D%20%231&roomPassword=a%26b%3Dc%23d&name=User-1' },
		expectOutput: (items) => expect(items).toEqual([{ join: expect.any(String), room: 'R&D #1' }]),
	},
	{
		product: 'p2p', resource: 'joinLink', operation: 'create',
		params: { room: 'standup', options: { name: 'Bob', avatar: 'https://example.com/bob.png', audio: true, video: true, screen: false, chat: true, hide: false, notify: false, duration: '01:00:00' }, token: { username: 'bob', password: 'pw' } },
		method: 'POST', path: '/api/v1/join',
		body: { room: 'standup', name: 'Bob', avatar: 'https://example.com/bob.png', audio: true, video: true, screen: false, chat: true, hide: false, notify: false, duration: '01:00:00', token: { username: 'bob', password: 'pw' } },
		reply: { join: `http://localhost:3000/join?room=standup&name=Bob&avatar=https%3A%2F%2Fexample.com%2Fbob.png&audio=true&video=true&screen=false&hide=false&notify=false&token=${token}` },
		expectOutput: (items) => expect(items).toEqual([{ join: expect.stringMatching(/^http:\/\/localhost:3000\/join\?room=standup/), room: 'standup' }]),
	},
	{
		// C2C backend/api.js concatenates room and name raw: the node encodes them.
		product: 'c2c', resource: 'joinLink', operation: 'create', params: { room: 'pair', name: 'Ann Lee' },
		method: 'POST', path: '/api/v1/join', body: { room: 'pair', name: 'Ann%20Lee' },
		reply: { join: 'https://meet.example.com/join?room=pair&name=Ann%20Lee' },
		expectOutput: (items) => expect(items).toEqual([{ join: 'https://meet.example.com/join?room=pair&name=Ann%20Lee', room: 'pair' }]),
	},
	{
		product: 'bro', resource: 'joinLink', operation: 'create', params: { room: 'live' },
		method: 'POST', path: '/api/v1/join', body: { room: 'live' },
		reply: { join: { broadcast: 'https://meet.example.com/broadcast?id=live&name=4711', viewer: 'https://meet.example.com/viewer?id=live&name=viewer-815', viewerHome: 'https://meet.example.com/home?id=live' } },
		expectOutput: (items) => expect(items).toEqual([{
			room: 'live',
			broadcast: 'https://meet.example.com/broadcast?id=live&name=4711',
			viewer: 'https://meet.example.com/viewer?id=live&name=viewer-815',
			viewerHome: 'https://meet.example.com/home?id=live',
		}]),
	},
	// ---- Meeting: active rooms (SFU, P2P; no key needed) ----
	...(['sfu', 'p2p'] as const).map((product): Case => ({
		product, resource: 'meeting', operation: 'getActiveRooms', method: 'GET', path: '/api/v1/activeRooms',
		reply: { activeRooms: [{ id: 'standup', peers: 2, join: 'https://meet.example.com/join/standup' }] },
		expectOutput: (items) => expect(items).toEqual([{ id: 'standup', peers: 2, join: 'https://meet.example.com/join/standup' }]),
	})),
	// ---- Config: get (BRO) ----
	{
		product: 'bro', resource: 'config', operation: 'get', method: 'GET', path: '/api/v1/config',
		reply: { broadcastingMode: true, adminOnlyBroadcast: false },
		expectOutput: (items) => expect(items).toEqual([{ broadcastingMode: true, adminOnlyBroadcast: false }]),
	},
	// ---- Token: create (SFU, P2P) ----
	{
		product: 'sfu', resource: 'token', operation: 'create', params: { username: 'ann', password: 'secret', presenter: true, expire: '2h' },
		method: 'POST', path: '/api/v1/token', body: { username: 'ann', password: 'secret', presenter: true, expire: '2h' },
		reply: { token },
		expectOutput: (items) => expect(items).toEqual([{ token }]),
	},
	{
		product: 'p2p', resource: 'token', operation: 'create', params: { username: 'bob', password: 'pw' },
		method: 'POST', path: '/api/v1/token', body: { username: 'bob', password: 'pw', presenter: false },
		reply: { token },
		expectOutput: (items) => expect(items).toEqual([{ token }]),
	},
	// ---- Scheduled meeting: create or get (SFU, P2P, C2C): one POST /join per person, here one ----
	...(['sfu', 'p2p', 'c2c'] as const).map((product): Case => {
		const room = bookedRoomName('deal-42', '', 32);
		const join = `https://meet.example.com/join?room=${room}&name=Ann`;
		const url = product === 'c2c' ? `https://meet.example.com/?room=${room}` : `https://meet.example.com/join/${room}`;
		return {
			product, resource: 'scheduledMeeting', operation: 'createOrGet',
			params: { externalId: 'deal-42', start: '2030-05-01T10:00:00Z', peopleInputMode: 'json', people: '[{"name": "Ann", "role": "host"}]' },
			method: 'POST', path: '/api/v1/join', body: { room, name: 'Ann' },
			reply: { join },
			expectOutput: (items) => {
				expect(items).toHaveLength(1);
				expect(items[0]).toMatchObject({ externalId: 'deal-42', end: '2030-05-01T11:00:00.000Z', room: { name: room, url, created: false }, people: [{ name: 'Ann', role: 'host', link: join }] });
			},
		};
	}),
	// ---- Stats: get (SFU totalUsers, P2P totalPeers) ----
	{
		product: 'sfu', resource: 'stats', operation: 'get', method: 'GET', path: '/api/v1/stats',
		reply: { success: true, timestamp: '2026-08-21T18:31:37.123Z', totalRooms: 2, totalUsers: 5 },
		expectOutput: (items) => expect(items).toEqual([{ totalRooms: 2, totalUsers: 5, timestamp: '2026-08-21T18:31:37.123Z' }]),
	},
	{
		product: 'p2p', resource: 'stats', operation: 'get', method: 'GET', path: '/api/v1/stats',
		reply: { success: true, timestamp: '2026-08-21T18:31:37.123Z', totalRooms: 1, totalPeers: 3 },
		expectOutput: (items) => expect(items).toEqual([{ totalRooms: 1, totalUsers: 3, timestamp: '2026-08-21T18:31:37.123Z' }]),
	},
];

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	resetRateLimits();
});
afterAll(() => nock.enableNetConnect());

describe('MiroTalk operations: request shape and output, per product', () => {
	it('covers every operation of every product', () => {
		const covered = new Set(cases.map((c) => `${c.product}:${c.resource}.${c.operation}`));
		for (const product of PRODUCTS) {
			for (const r of resourcesFor(product)) {
				for (const op of r.operations) expect(covered).toContain(`${product}:${r.value}.${op.operation}`);
			}
		}
	});

	it.each(cases.map((c) => [`${c.product} ${c.resource}.${c.operation} ${JSON.stringify(c.params ?? {})}`, c] as const))('%s', async (_, c) => {
		const scope = nock(MIROTALK_URL, { reqheaders: { authorization: MIROTALK_KEY } })
			.intercept(c.path, c.method, c.body === undefined ? undefined : (body) => {
				expect(body).toEqual(c.body);
				return true;
			})
			.reply(200, c.reply as nock.Body);
		const { output } = await runMiroTalk({ resource: c.resource, operation: c.operation, ...c.params }, { product: c.product });
		expect(scope.isDone()).toBe(true);
		c.expectOutput(output.map((i) => i.json));
	});

	it('sends the raw secret in the authorization header (no Bearer), added by the credential', async () => {
		let seen: unknown;
		nock(MIROTALK_URL).post('/api/v1/meeting').reply(function () {
			seen = this.req.headers.authorization;
			return [200, { meeting: 'https://meet.example.com/join/x' }];
		});
		const { ctx } = await runMiroTalk({ resource: 'meeting', operation: 'create' });
		expect(seen).toBe(MIROTALK_KEY);
		expect(ctx.requests[0].url).toBe(`${MIROTALK_URL}/api/v1/meeting`);
		expect(ctx.requests[0].headers?.authorization).toBeUndefined();
	});

	it.each([
		['https://meet.example.com/', 'https://meet.example.com/api/v1/stats'],
		['https://meet.example.com/api/v1', 'https://meet.example.com/api/v1/stats'],
		['https://meet.example.com/api/v1/', 'https://meet.example.com/api/v1/stats'],
		['  https://meet.example.com/mirotalk//  ', 'https://meet.example.com/mirotalk/api/v1/stats'],
	])('tolerates the server URL %j', async (serverUrl, expected) => {
		const url = new URL(expected);
		nock(url.origin).get(url.pathname).reply(200, { success: true, totalRooms: 0, totalUsers: 0 });
		const { ctx } = await runMiroTalk({ resource: 'stats', operation: 'get' }, { serverUrl });
		expect(ctx.requests[0].url).toBe(expected);
	});

	it('runs every input item and pairs each output with its item', async () => {
		nock(MIROTALK_URL).post('/api/v1/join', { room: 'a' }).reply(200, { join: { broadcast: 'b1', viewer: 'v1', viewerHome: 'h1' } });
		nock(MIROTALK_URL).post('/api/v1/join', { room: 'b' }).reply(200, { join: { broadcast: 'b2', viewer: 'v2', viewerHome: 'h2' } });
		const { output } = await runMiroTalk([
			{ resource: 'joinLink', operation: 'create', room: 'a' },
			{ resource: 'joinLink', operation: 'create', room: 'b' },
		], { product: 'bro' });
		expect(output.map((i) => [i.json.broadcast, i.pairedItem])).toEqual([['b1', { item: 0 }], ['b2', { item: 1 }]]);
	});

	it('describes each resource once with its product list', () => {
		expect(miroTalkProductResources.map((r) => r.value)).toEqual(['meeting', 'joinLink', 'token', 'stats', 'config', 'scheduledMeeting']);
	});
});
