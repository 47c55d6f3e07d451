import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import type { Product } from '../../../nodes/MiroTalk/transport';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { runMiroTalk } from '../../helpers/miroTalk';
import { INTERNAL_ERROR, startMiroTalkSimulator, type MiroTalkSimulator } from '../../simulators/mirotalk';

/**
 * Join links built by the node against the simulator, whose /join concatenates exactly what each server's
 * getJoinURL leaves raw (SFU ServerApi.js: room, roomPassword; P2P api.js: room; C2C backend/api.js: room, name;
 * BRO app/api.js: room as `id`). The oracle is the link parsed back: every value reads as it was typed.
 */
const KEY = 'join_links_secret';
const ROOMS = ['R&D #1', 'a=b&c', 'weekly standup', '50% off?', 'ünïcode/room'];
let sims: MiroTalkSimulator[] = [];

async function server(product: Product, options: Partial<Parameters<typeof startMiroTalkSimulator>[0]> = {}) {
	const sim = await startMiroTalkSimulator({ product, apiKey: KEY, ...options });
	sims.push(sim);
	return sim;
}

const run = (sim: MiroTalkSimulator, parameters: IDataObject, publicUrl?: string) =>
	runMiroTalk(parameters, { product: sim.product, serverUrl: sim.url, apiKey: KEY, ...(publicUrl ? { publicUrl } : {}) });

beforeAll(() => nock.enableNetConnect(/127\.0\.0\.1|localhost/));
afterEach(async () => {
	await Promise.all(sims.map((s) => s.close()));
	sims = [];
	resetRateLimits();
});

describe('MiroTalk join links read back as typed', () => {
	it.each(ROOMS)('SFU: room %j, a room password with &=#, a name with a space', async (room) => {
		const sim = await server('sfu');
		const { output } = await run(sim, { resource: 'joinLink', operation: 'create', room, options: { roomPassword: 'p&ss=w#rd', name: 'Ann Smith' } });
		const link = new URL(String(output[0].json.join));
		expect(link.searchParams.get('room')).toBe(room);
		expect(link.searchParams.get('roomPassword')).toBe('p&ss=w#rd');
		expect(link.searchParams.get('name')).toBe('Ann Smith');
		expect(link.hash).toBe('');
		expect(output[0].json.room).toBe(room);
	});

	it.each(ROOMS)('P2P: room %j with chat and duration', async (room) => {
		const sim = await server('p2p');
		const { output } = await run(sim, { resource: 'joinLink', operation: 'create', room, options: { name: 'Ann & Bob', chat: true, duration: '00:30:00' } });
		const link = new URL(String(output[0].json.join));
		expect(link.searchParams.get('room')).toBe(room);
		expect(link.searchParams.get('name')).toBe('Ann & Bob');
		expect(link.searchParams.get('chat')).toBe('true');
		expect(link.searchParams.get('duration')).toBe('00:30:00');
	});

	it.each(ROOMS)('C2C: room %j, name "Ann Smith"', async (room) => {
		const sim = await server('c2c');
		const { output } = await run(sim, { resource: 'joinLink', operation: 'create', room, name: 'Ann Smith' });
		const link = new URL(String(output[0].json.join));
		expect(link.searchParams.get('room')).toBe(room);
		expect(link.searchParams.get('name')).toBe('Ann Smith');
	});

	it.each(ROOMS)('BRO: room %j in the broadcast, viewer and viewer-home links', async (room) => {
		const sim = await server('bro');
		const { output } = await run(sim, { resource: 'joinLink', operation: 'create', room });
		for (const field of ['broadcast', 'viewer', 'viewerHome']) {
			expect(new URL(String(output[0].json[field])).searchParams.get('id')).toBe(room);
		}
	});
});

describe('MiroTalk join link with no field filled', () => {
	it('the simulator answers a P2P /join without a body 500, as the server\'s error handler does', async () => {
		const sim = await server('p2p');
		const res = await fetch(`${sim.url}/api/v1/join`, { method: 'POST', headers: { authorization: KEY } });
		expect(res.status).toBe(500);
		expect(await res.json()).toEqual(INTERNAL_ERROR);
	});

	it.each(['sfu', 'p2p'] as const)('%s: the node sends a body with a fresh room and returns that room', async (product) => {
		const sim = await server(product);
		const { output } = await run(sim, { resource: 'joinLink', operation: 'create' });
		const room = new URL(String(output[0].json.join)).searchParams.get('room');
		expect(room).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		expect(output[0].json.room).toBe(room);
		expect(sim.requests.at(-1)?.body).toEqual({ room });
	});
});

describe('MiroTalk Public URL', () => {
	it('rewrites the scheme and host of every link the server built from the internal Host header', async () => {
		const sim = await server('sfu', { showActiveRooms: true });
		sim.addPeer('standup');
		const pub = 'https://meet.example.com/';
		const meeting = await run(sim, { resource: 'meeting', operation: 'create' }, pub);
		expect(String(meeting.output[0].json.meeting)).toMatch(/^https:\/\/meet\.example\.com\/join\/[0-9a-f-]{36}$/);
		const join = await run(sim, { resource: 'joinLink', operation: 'create', room: 'R&D #1' }, pub);
		const link = new URL(String(join.output[0].json.join));
		expect(link.origin).toBe('https://meet.example.com');
		expect(link.searchParams.get('room')).toBe('R&D #1');
		const active = await run(sim, { resource: 'meeting', operation: 'getActiveRooms' }, pub);
		expect(active.output.map((i) => i.json)).toEqual([{ id: 'standup', peers: 1, join: 'https://meet.example.com/join/standup' }]);
	});

	it('keeps a path prefix, and leaves BRO links under it', async () => {
		const sim = await server('bro');
		const { output } = await run(sim, { resource: 'joinLink', operation: 'create', room: 'live' }, 'https://example.com/bro');
		expect(String(output[0].json.viewerHome)).toBe('https://example.com/bro/home?id=live');
	});

	it('refuses a Public URL that is not http(s), naming the field', async () => {
		const sim = await server('c2c');
		await expect(run(sim, { resource: 'meeting', operation: 'create' }, 'meet.example.com')).rejects.toThrow('Invalid credential field Public URL (publicUrl)');
	});
});

describe('MiroTalk active rooms and BRO config', () => {
	it.each(['sfu', 'p2p'] as const)('%s: off unless SHOW_ACTIVE_ROOMS, and the error says how to turn it on', async (product) => {
		const sim = await server(product);
		await expect(run(sim, { resource: 'meeting', operation: 'getActiveRooms' })).rejects.toThrow('SHOW_ACTIVE_ROOMS=true');
		sim.showActiveRooms = true;
		sim.addPeer('a');
		sim.addPeer('a');
		const { output } = await run(sim, { resource: 'meeting', operation: 'getActiveRooms' });
		expect(output.map((i) => i.json)).toEqual([{ id: 'a', peers: 2, join: expect.stringMatching(/\/join\/a$/) }]);
	});

	it('BRO: GET /api/v1/config as the server answers it, with no key needed', async () => {
		const sim = await server('bro', { broConfig: { broadcastingMode: false, adminOnlyBroadcast: true } });
		const { output } = await runMiroTalk({ resource: 'config', operation: 'get' }, { product: 'bro', serverUrl: sim.url, apiKey: 'not-the-key' });
		expect(output[0].json).toEqual({ broadcastingMode: false, adminOnlyBroadcast: true });
	});
});
