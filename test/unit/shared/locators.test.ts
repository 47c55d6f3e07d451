import type { ILoadOptionsFunctions, INodeProperties, INodePropertyMode, INodeType } from 'n8n-workflow';
import nock from 'nock';
import { DailyApi } from '../../../credentials/DailyApi.credentials';
import { Daily } from '../../../nodes/Daily/Daily.node';
import { DigitalSamba } from '../../../nodes/DigitalSamba/DigitalSamba.node';
import { MiroTalk } from '../../../nodes/MiroTalk/MiroTalk.node';
import { ROOM_URL } from '../../../nodes/Daily/fields';
import { currentId } from '../../../nodes/shared/locator';
import { createContext } from '../../helpers/context';
import { DAILY_KEY, runDaily } from '../../helpers/daily';
import { startDailySimulator } from '../../simulators/daily';

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
			expect(second.paginationToken).toBeUndefined();
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
