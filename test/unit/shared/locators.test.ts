import type { IDataObject, ILoadOptionsFunctions, INodeProperties, INodePropertyMode, INodeType } from 'n8n-workflow';
import { readFileSync } from 'fs';
import nock from 'nock';
import { join } from 'path';
import { DigitalSambaApi } from '../../../credentials/DigitalSambaApi.credentials';
import { startDigitalSambaSimulator } from '../../simulators/digitalSamba';
import { DS_EVENTS } from '../../simulators/digitalSamba/model';
import { loadSpec } from '../../simulators/digitalSamba/spec';
import { runDigitalSamba } from '../../helpers/digitalSamba';
import { DailyApi } from '../../../credentials/DailyApi.credentials';
import { Daily } from '../../../nodes/Daily/Daily.node';
import { DigitalSamba } from '../../../nodes/DigitalSamba/DigitalSamba.node';
import { MiroTalk } from '../../../nodes/MiroTalk/MiroTalk.node';
import { ROOM_URL } from '../../../nodes/Daily/fields';
import { currentId } from '../../../nodes/shared/locator';
import { createContext } from '../../helpers/context';
import { DAILY_KEY, runDaily } from '../../helpers/daily';
import { startDailySimulator } from '../../simulators/daily';
import { startMiroTalkSimulator } from '../../simulators/mirotalk';
import { MiroTalkApi } from '../../../credentials/MiroTalkApi.credentials';

const NODES: Array<[string, INodeType]> = [['Daily', new Daily()], ['Digital Samba', new DigitalSamba()], ['MiroTalk', new MiroTalk()]];

/** Every property at any depth of collections. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((p) => [p, ...allProperties(((p.options ?? []) as INodeProperties[]).filter((o) => 'type' in o))]);
}

describe('pickers are wired to the node', () => {
	it.each(NODES)('%s: every list mode names a listSearch method of the node, every dropdown a loadOptions method', (_name, node) => {
		const properties = allProperties(node.description.properties);
		for (const property of properties.filter((p) => p.type === 'resourceLocator')) {
			for (const mode of property.modes as INodePropertyMode[]) {
				const method = mode.typeOptions?.searchListMethod;
				if (mode.type === 'list') expect([property.name, typeof node.methods?.listSearch?.[String(method)]]).toEqual([property.name, 'function']);
			}
			expect(property.default).toEqual({ mode: (property.modes as INodePropertyMode[])[0].name, value: '' });
		}
		for (const property of properties.filter((p) => p.typeOptions?.loadOptionsMethod)) {
			expect([property.name, typeof node.methods?.loadOptions?.[String(property.typeOptions?.loadOptionsMethod)]]).toEqual([property.name, 'function']);
		}
	});
});

describe('Daily room: picked, typed, or pasted as its URL', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it.each([
		['https://acme.daily.co/standup', 'standup'],
		['https://acme.daily.co/standup?t=eyJhbGciOi', 'standup'],
		['http://my-team.daily.co/q3_review/', 'q3_review'],
	])('reads the room name from %s', (url, room) => {
		expect(new RegExp(ROOM_URL).exec(url)?.[1]).toBe(room);
	});

	it.each(['https://acme.example.com/standup', 'acme.daily.co/standup', 'https://acme.daily.co/'])('refuses %s as a room URL', (url) => {
		expect(new RegExp(ROOM_URL).test(url)).toBe(false);
	});

	it.each([
		['a workflow saved before the picker (plain text)', 'standup'],
		['From List', { __rl: true, mode: 'list', value: 'standup' }],
		['By Name', { __rl: true, mode: 'name', value: 'standup' }],
		['By URL', { __rl: true, mode: 'url', value: 'https://acme.daily.co/standup?t=abc' }],
	])('Room → Get with %s asks Daily for the room by name', async (_mode, roomName) => {
		const scope = nock('https://api.daily.co').get('/v1/rooms/standup').reply(200, { name: 'standup', id: 'r-1' });
		const { output } = await runDaily({ resource: 'room', operation: 'get', roomName });
		expect(scope.isDone()).toBe(true);
		expect(output[0].json).toMatchObject({ name: 'standup' });
	});

	it('Room → Create reads a room picked for another operation (the value carried over) as its name', async () => {
		const scope = nock('https://api.daily.co').post('/v1/rooms', (b) => b.name === 'standup').reply(200, { name: 'standup', id: 'r-1' });
		await runDaily({ resource: 'room', operation: 'create', roomName: { __rl: true, mode: 'list', value: 'standup' } });
		expect(scope.isDone()).toBe(true);
	});

	it('names the field when a pasted URL is not a Daily room URL, before any request', async () => {
		const error = await runDaily({ resource: 'room', operation: 'get', roomName: { __rl: true, mode: 'url', value: 'https://zoom.us/j/123' } }).catch((e: Error) => e);
		expect(String((error as Error).message)).toContain('Room Name (roomName)');
	});
});

describe('Daily pickers list the domain as the API pages it', () => {
	it('lists rooms 100 a page with a token for the next, and filters by the text typed', async () => {
		const sim = await startDailySimulator({ apiKey: DAILY_KEY });
		try {
			sim.seedRooms(130, 'team');
			const ctx = createContext({ parameters: {}, credentials: { apiKey: DAILY_KEY, baseUrl: sim.url }, credentialType: new DailyApi() }) as unknown as ILoadOptionsFunctions;
			const search = new Daily().methods.listSearch.searchRooms;
			const first = await search.call(ctx);
			expect(first.results).toHaveLength(100);
			expect(first.paginationToken).toBeDefined();
			const second = await search.call(ctx, undefined, first.paginationToken as string);
			expect(second.results).toHaveLength(30);
			// A short page is not the end (a provider may cap its pages): the next scroll gets an empty page, and no token.
			const third = await search.call(ctx, undefined, second.paginationToken as string);
			expect(third).toEqual({ results: [] });
			const names = [...first.results, ...second.results].map((r) => r.value);
			expect(new Set(names).size).toBe(130);
			expect(first.results[0]).toMatchObject({ name: first.results[0].value, url: expect.stringMatching(/^https:\/\/.+\/team-/) });
			// A search goes on page by page, as the user scrolls, until the list ends.
			const found: string[] = [];
			let token: string | undefined;
			do {
				const page = await search.call(ctx, 'TEAM-12', token);
				found.push(...page.results.map((r) => String(r.value)));
				token = page.paginationToken as string | undefined;
			} while (token);
			expect(found.sort()).toEqual(sim.rooms.map((r) => r.name).filter((n) => n.includes('team-12')).sort());
		} finally {
			await sim.close();
		}
	});
});

describe('MiroTalk SFU picker: the rooms with a meeting now', () => {
	it('lists the rooms GET /api/v1/meetings answers, with their peer counts', async () => {
		const sim = await startMiroTalkSimulator({ product: 'sfu', apiKey: 'sfu-key', allowed: { meetings: true } });
		try {
			sim.addPeer('standup');
			sim.addPeer('standup');
			sim.addPeer('R&D review');
			const ctx = createContext({ parameters: {}, credentials: { serverUrl: sim.url, apiKey: 'sfu-key', product: 'sfu' }, credentialType: new MiroTalkApi() }) as unknown as ILoadOptionsFunctions;
			const { results } = await new MiroTalk().methods.listSearch.searchMeetings.call(ctx);
			expect(results.map((r) => [r.value, r.name]).sort()).toEqual([['R&D review', 'R&D review · 1 in the meeting'], ['standup', 'standup · 2 in the meeting']]);
		} finally {
			await sim.close();
		}
	});
});

describe('dropdowns and lists that live under another parameter', () => {
	beforeAll(() => {
		nock.disableNetConnect();
		nock.enableNetConnect('127.0.0.1');
	});
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	const dailyCtx = (parameters: IDataObject) => createContext({ parameters, credentials: { apiKey: DAILY_KEY, baseUrl: 'https://api.daily.co/v1' }, credentialType: new DailyApi() }) as unknown as ILoadOptionsFunctions;

	it('Daily participants: who is in the chosen room, by name, valued by session ID', async () => {
		const spec = JSON.parse(readFileSync(join(__dirname, '../../fixtures/daily-openapi.json'), 'utf8'));
		const example = spec.paths['/rooms/{room_name}/presence'].get.responses['200'].content['application/json'].examples.Result.value;
		nock('https://api.daily.co').get('/v1/rooms/standup/presence').query(true).reply(200, example);
		const options = await new Daily().methods.loadOptions.getParticipants.call(dailyCtx({ roomName: { __rl: true, mode: 'list', value: 'standup' } }));
		expect(options).toEqual([{ name: 'Moishe (d61cd7b2-a273-42b4-89bd-be763fd562c1)', value: 'd61cd7b2-a273-42b4-89bd-be763fd562c1' }]);
	});

	it('Daily streaming endpoints: those predefined on the room and on the domain, each name once', async () => {
		nock('https://api.daily.co')
			.get('/v1/rooms/standup').reply(200, { name: 'standup', config: { streaming_endpoints: [{ name: 'youtube', type: 'rtmp' }, { name: 'hls-s3', type: 'hls' }] } })
			.get('/v1/').reply(200, { domain_name: 'acme', domain_id: 'd-1', config: { streaming_endpoints: [{ name: 'youtube', type: 'rtmp' }, { name: 'twitch', type: 'rtmp' }] } });
		const options = await new Daily().methods.loadOptions.getStreamingEndpoints.call(dailyCtx({ roomName: 'standup' }));
		expect(options).toEqual([{ name: 'hls-s3', value: 'hls-s3' }, { name: 'twitch', value: 'twitch' }, { name: 'youtube', value: 'youtube' }]);
	});

	it('Live Stream → Start sends the endpoints chosen from the dropdown as Daily names them ({endpoint})', async () => {
		const scope = nock('https://api.daily.co').post('/v1/rooms/standup/live-streaming/start', { endpoints: [{ endpoint: 'youtube' }] }).reply(200, {});
		await runDaily({ resource: 'liveStream', operation: 'start', roomName: 'standup', options: { endpoints: ['youtube'] } });
		expect(scope.isDone()).toBe(true);
	});

	it('Daily participants: asks for the room first, without a request', async () => {
		await expect(new Daily().methods.loadOptions.getParticipants.call(dailyCtx({}))).rejects.toThrow('Choose the room first');
	});

	it('Digital Samba webhook events and permissions: dropdowns of what the team\'s API lists, checked against the documented ones when sent', async () => {
		const sim = await startDigitalSambaSimulator({ developerKey: 'ds-key', teamId: '' });
		try {
			const ctx = createContext({ parameters: {}, credentials: { developerKey: 'ds-key', teamId: '', baseUrl: sim.url }, credentialType: new DigitalSambaApi() }) as unknown as ILoadOptionsFunctions;
			const load = new DigitalSamba().methods.loadOptions;
			const events = await load.getWebhookEvents.call(ctx);
			const permissions = await load.getPermissions.call(ctx);
			// What the simulator lists: the spec's GET /permissions example, and the team notes' 39 events (the spec's
			// GET /events example shows two).
			expect(events.map((o) => o.value).sort()).toEqual([...DS_EVENTS].sort());
			expect(permissions.map((o) => o.value).sort()).toEqual([...(loadSpec().byKey.get('GET /permissions')!.example as string[])].sort());
			expect(permissions.find((o) => o.value === 'general_chat')?.name).toBe('General Chat');
			// A name typed by an expression is still checked before sending.
			const error = await runDigitalSamba({ resource: 'webhook', operation: 'create', endpoint: 'https://example.com/h', events: ['session_started', 'meeting_exploded'] }).catch((e) => e);
			expect(String(error.message)).toMatch(/Event Names or IDs.*'session_started'/);
		} finally {
			await sim.close();
		}
	});

	it('Digital Samba sessions: the chosen room\'s, or the team\'s when none is chosen; polls need the room', async () => {
		const sim = await startDigitalSambaSimulator({ developerKey: 'ds-key', teamId: '' });
		try {
			const a = sim.seedRoom({ privacy: 'public', friendly_url: 'room-a' });
			const b = sim.seedRoom({ privacy: 'public', friendly_url: 'room-b' });
			const inA = sim.startSession(a.id).session;
			sim.endSession(inA.id);
			const inB = sim.startSession(b.id).session;
			const ctx = (parameters: IDataObject) => createContext({ parameters, credentials: { developerKey: 'ds-key', teamId: '', baseUrl: sim.url }, credentialType: new DigitalSambaApi() }) as unknown as ILoadOptionsFunctions;
			const search = new DigitalSamba().methods.listSearch;
			expect((await search.searchSessions.call(ctx({ roomId: { __rl: true, mode: 'list', value: a.id } }))).results.map((r) => r.value)).toEqual([inA.id]);
			expect((await search.searchSessions.call(ctx({}))).results.map((r) => r.value).sort()).toEqual([inA.id, inB.id].sort());
			await expect(search.searchPolls.call(ctx({}))).rejects.toThrow('Choose the room first');
		} finally {
			await sim.close();
		}
	});
});

describe('the other parameter a list is narrowed by', () => {
	/** As n8n's LoadOptionsContext: extraction finds only a parameter the operation shows (here: none). */
	const ctx = (parameters: Record<string, unknown>) =>
		({
			getCurrentNodeParameter: (name: string, options?: { extractValue?: boolean }) => {
				if (options?.extractValue) throw new Error('Could not find property');
				return parameters[name];
			},
		}) as unknown as ILoadOptionsFunctions;

	it.each([
		['absent', {}, ''],
		['picked from the list', { roomId: { __rl: true, mode: 'list', value: 'r-1' } }, 'r-1'],
		['typed', { roomId: { __rl: true, mode: 'id', value: ' r-1 ' } }, 'r-1'],
		['plain text', { roomId: 'r-1' }, 'r-1'],
	])('is read without n8n\'s extraction when %s (a session picker shows no room)', (_case, parameters, id) => {
		expect(currentId(ctx(parameters), 'roomId')).toBe(id);
	});
});
