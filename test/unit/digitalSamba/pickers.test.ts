import nock from 'nock';
import type { IDataObject, ILoadOptionsFunctions, INodeProperties, INodePropertyMode } from 'n8n-workflow';
import { DigitalSambaApi } from '../../../credentials/DigitalSambaApi.credentials';
import { DigitalSamba } from '../../../nodes/DigitalSamba/DigitalSamba.node';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import pinned from '../../fixtures/pinned-defaults.json';
import { createContext } from '../../helpers/context';
import { runDigitalSamba } from '../../helpers/digitalSamba';
import { startDigitalSambaSimulator, type DigitalSambaSimulator } from '../../simulators/digitalSamba';
import { DS_EVENTS } from '../../simulators/digitalSamba/model';
import { loadSpec } from '../../simulators/digitalSamba/spec';

/**
 * Issue 22: the webhook of Webhook → Get, Update and Delete is a picker like every other listable ID (From List over
 * GET /webhooks, By ID), and every list of the node that lives under another parameter (the sessions of a room, the
 * files of a library) declares it, so that n8n's editor reloads the list when that parameter changes.
 */

const node = new DigitalSamba();
const KEY = 'ds-pickers';

/** Every property at any depth: collection options and the fields of fixedCollection rows. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((p) => {
		const options = (p.options ?? []) as Array<INodeProperties | { values?: INodeProperties[] }>;
		const inner = options.flatMap((o) => ('type' in o ? [o as INodeProperties] : (o.values ?? [])));
		return [p, ...allProperties(inner)];
	});
}
const PROPERTIES = allProperties(node.description.properties);

describe('Webhook ID is a picker', () => {
	const webhookIds = node.description.properties.filter((p) => p.name === 'webhookId');

	it('on Get, Update and Delete: a resource locator listing the team\'s webhooks (GET /webhooks), or typed', () => {
		expect(webhookIds.map((p) => p.displayOptions?.show?.operation?.[0]).sort()).toEqual(['delete', 'get', 'update']);
		for (const p of webhookIds) {
			expect(p.type).toBe('resourceLocator');
			expect(p.required).toBe(true);
			expect(p.default).toEqual({ mode: 'list', value: '' });
			const modes = p.modes as INodePropertyMode[];
			expect(modes.map((m) => [m.name, m.type])).toEqual([['list', 'list'], ['id', 'string']]);
			expect(modes[0].typeOptions).toEqual({ searchListMethod: 'searchWebhooks', searchable: true });
		}
	});

	it('saved workflows held an empty text there: the new default is the change savedWorkflows.test.ts allows (empty → empty locator)', () => {
		for (const operation of ['get', 'update', 'delete']) {
			expect(pinned.DigitalSamba[`webhookId @ resource=webhook,operation=${operation}` as keyof typeof pinned.DigitalSamba]).toBe('');
		}
	});

	describe('with the simulator', () => {
		let sim: DigitalSambaSimulator;
		beforeAll(() => nock.enableNetConnect('127.0.0.1'));
		beforeEach(async () => {
			sim = await startDigitalSambaSimulator({ developerKey: KEY, teamId: '' });
		});
		afterEach(async () => {
			await sim.close();
			resetRateLimits();
		});

		const run = async (parameters: IDataObject) => (await runDigitalSamba(parameters, { developerKey: KEY, baseUrl: sim.url })).output.map((i) => i.json);
		const created = async (name: string) => (await run({ resource: 'webhook', operation: 'create', endpoint: `https://example.com/${name}`, events: ['session_started'], additionalFields: { name } }))[0];

		it('From List: the team\'s webhooks by name and endpoint, valued by ID, narrowed by the text typed', async () => {
			const crm = await created('crm-hook');
			const archive = await created('archive-hook');
			const ctx = createContext({ parameters: {}, credentials: { developerKey: KEY, teamId: '', baseUrl: sim.url }, credentialType: new DigitalSambaApi() }) as unknown as ILoadOptionsFunctions;
			const all = await node.methods.listSearch.searchWebhooks.call(ctx);
			expect(all.results).toEqual(
				expect.arrayContaining([
					{ name: 'crm-hook · https://example.com/crm-hook', value: crm.id },
					{ name: 'archive-hook · https://example.com/archive-hook', value: archive.id },
				]),
			);
			expect((await node.methods.listSearch.searchWebhooks.call(ctx, 'ARCHIVE')).results.map((r) => r.value)).toEqual([archive.id]);
		});

		it.each([
			['picked from the list', (id: string) => ({ __rl: true, mode: 'list', value: id })],
			['typed (By ID)', (id: string) => ({ __rl: true, mode: 'id', value: id })],
			['plain text, as workflows saved before the picker hold it', (id: string) => id],
		])('Get, Update and Delete read the webhook %s', async (_how, as) => {
			const hook = await created('crm-hook');
			expect(await run({ resource: 'webhook', operation: 'get', webhookId: as(String(hook.id)) })).toEqual([expect.objectContaining({ id: hook.id, name: 'crm-hook' })]);
			expect(await run({ resource: 'webhook', operation: 'update', webhookId: as(String(hook.id)), updateFields: { name: 'renamed' } })).toEqual([expect.objectContaining({ id: hook.id, name: 'renamed' })]);
			expect(await run({ resource: 'webhook', operation: 'delete', webhookId: as(String(hook.id)) })).toEqual([{ deleted: true, webhookId: hook.id }]);
			expect(sim.state.webhooks.filter((w) => !(w as { deleted?: boolean }).deleted && w.id === hook.id)).toEqual([]);
		});
	});
});

describe('lists that live under another parameter declare it (loadOptionsDependsOn)', () => {
	const LOCATORS = new Set(PROPERTIES.filter((p) => p.type === 'resourceLocator').map((p) => p.name));

	/**
	 * The other parameters a list method reads, found by running it: each read is recorded; the first call is answered
	 * with one entry (so that what a list reads for each entry, the answers of the chosen question, is read), later ones
	 * empty.
	 */
	async function parametersRead(method: (this: ILoadOptionsFunctions) => Promise<unknown>): Promise<string[]> {
		const read = new Set<string>();
		let calls = 0;
		const entry = { id: 'id-1', name: 'entry', answers: [{ id: 'a-1', answer: 'Yes' }] };
		const ctx = {
			getNode: () => ({ id: 'n', name: 'Digital Samba', type: 'digitalSamba', typeVersion: 1, position: [0, 0], parameters: {} }),
			getCredentials: async () => ({ developerKey: KEY, teamId: '', baseUrl: 'https://api.digitalsamba.com/api/v1' }),
			getCurrentNodeParameter: (name: string, options?: { extractValue?: boolean }) => {
				read.add(name);
				return options?.extractValue ? 'id-1' : { __rl: true, mode: 'list', value: 'id-1' };
			},
			helpers: { httpRequestWithAuthentication: async () => ({ statusCode: 200, headers: {}, body: calls++ ? [] : [entry] }) },
		} as unknown as ILoadOptionsFunctions;
		await method.call(ctx);
		return [...read];
	}

	const methods = [
		...Object.entries(node.methods.listSearch).map(([name, fn]) => ({ kind: 'searchListMethod', name, fn })),
		...Object.entries(node.methods.loadOptions).map(([name, fn]) => ({ kind: 'loadOptionsMethod', name, fn })),
	];

	/** The properties that list with a method: a locator's list mode, or a dropdown's loadOptionsMethod. */
	const usersOf = (kind: string, name: string) =>
		PROPERTIES.filter((p) =>
			kind === 'searchListMethod'
				? ((p.modes ?? []) as INodePropertyMode[]).some((m) => m.typeOptions?.searchListMethod === name)
				: p.typeOptions?.loadOptionsMethod === name,
		);

	it('finds the lists that read another parameter (sessions, participants, polls, quizzes, questions, answers, folders, files)', async () => {
		const dependent: string[] = [];
		for (const m of methods) if ((await parametersRead(m.fn as never)).length) dependent.push(m.name);
		expect(dependent.sort()).toEqual(['searchAnswers', 'searchFiles', 'searchFolders', 'searchParticipants', 'searchPolls', 'searchQuestions', 'searchQuizzes', 'searchSessions']);
	});

	it.each(methods.map((m) => [m.name, m] as const))('%s: every field that lists with it declares each parameter it reads', async (_name, m) => {
		const read = await parametersRead(m.fn as never);
		const expected = read.map((name) => (LOCATORS.has(name) ? `${name}.value` : name)).sort();
		const users = usersOf(m.kind, m.name);
		expect(users.length).toBeGreaterThan(0);
		for (const p of users) expect([p.name, [...((p.typeOptions?.loadOptionsDependsOn as string[] | undefined) ?? [])].sort()]).toEqual([p.name, expected]);
	});
});

describe('Digital Samba dropdowns and lists that live under another parameter', () => {
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
