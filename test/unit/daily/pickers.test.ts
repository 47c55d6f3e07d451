import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';
import { readFileSync } from 'fs';
import nock from 'nock';
import { join } from 'path';
import { DailyApi } from '../../../credentials/DailyApi.credentials';
import { Daily } from '../../../nodes/Daily/Daily.node';
import { ROOM_URL } from '../../../nodes/Daily/fields';
import { createContext } from '../../helpers/context';
import { DAILY_KEY, runDaily } from '../../helpers/daily';
import { startDailySimulator } from '../../simulators/daily';

/** Daily's pickers and dropdowns: a room picked, typed or pasted as its URL; lists paged as the API pages them. */

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

describe('Daily dropdowns and lists that live under another parameter', () => {
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
});
