import { createRequire } from 'module';
import { startDailySimulator, type DailySimulator } from '../simulators/daily';
import { DS_EVENTS } from '../simulators/digitalSamba/model';
import { loadSpec } from '../simulators/digitalSamba/spec';
import { startDigitalSambaSimulator, type DigitalSambaSimulator, type DsRoom } from '../simulators/digitalSamba';
import { createRuntime, freePort, importInto, manualWorkflow, n8nLine, nodeType, startServer, type N8nRuntime, type N8nServer } from './n8n';
import { actionNode } from './workflows';

/**
 * The pickers through a real n8n: the list-search and load-options calls the editor makes (n8n's
 * /rest/dynamic-node-parameters endpoints, as the signed-in owner in the owner's personal project), and workflows
 * saved with each mode of a resource locator (From List, By ID / By Name, By URL, and the plain text an older
 * release saved), run by n8n against the simulators. One n8n start for the file.
 */
const KEYS = { daily: 'e2e_pickers_daily_key_4e8b', ds: 'e2e_pickers_ds_key_9c1f' };
const CREDENTIALS = {
	daily: { id: 'pickDailyCred001', name: 'Daily (pickers)' },
	ds: { id: 'pickDsCred000001', name: 'Digital Samba (pickers)' },
};
const DAILY_ROOM = 'team-42';
const DS_ROOM = 'weekly-standup';

let n8n: N8nRuntime;
let server: N8nServer;
let daily: DailySimulator;
let ds: DigitalSambaSimulator;
let projectId: string;
let dsRoom: DsRoom;
let otherRoom: DsRoom;

type Locator = string | { mode: string; value: string };
const rl = (value: Locator) => (typeof value === 'string' ? value : { __rl: true, ...value });

/** Start → Get Room, the room given as `room` (a locator value, or the plain text of an older release). */
const dailyGet = (id: string, room: Locator) =>
	manualWorkflow(id, `Pickers e2e: ${id}`, [actionNode('daily', CREDENTIALS.daily)('Get Room', { resource: 'room', operation: 'get', roomName: rl(room) }, 200)]);
const dsGet = (id: string, room: Locator) =>
	manualWorkflow(id, `Pickers e2e: ${id}`, [actionNode('digitalSamba', CREDENTIALS.ds)('Get Room', { resource: 'room', operation: 'get', roomId: rl(room) }, 200)]);

const DAILY_CASES: Array<[string, string, Locator]> = [
	['From List', 'PickDailyList001', { mode: 'list', value: DAILY_ROOM }],
	['By Name', 'PickDailyName001', { mode: 'name', value: DAILY_ROOM }],
	['By URL', 'PickDailyUrl0001', { mode: 'url', value: `https://acme-team.daily.co/${DAILY_ROOM}?t=eyJhbGciOi` }],
	['plain text (saved before the picker)', 'PickDailyText001', DAILY_ROOM],
];
/** The room by its ID in every mode but By URL, which gives its link (friendly URL); resolved once the room exists. */
const DS_CASES: Array<[string, string, (room: DsRoom) => Locator]> = [
	['From List', 'PickDsList000001', (room) => ({ mode: 'list', value: room.id })],
	['By ID', 'PickDsId00000001', (room) => ({ mode: 'id', value: room.id })],
	['By URL', 'PickDsUrl0000001', () => ({ mode: 'url', value: `https://any-team.digitalsamba.com/${DS_ROOM}` })],
	['plain text (saved before the picker)', 'PickDsText000001', (room) => room.id],
];
/**
 * Issue 22 through a real n8n: a room given by its link or friendly URL on a path that takes the UUID only (read once
 * for all items), the webhook picker (and a webhook ID saved as plain text), an event the team lists that the package
 * does not know.
 */
const DS_UUID_LINKS = 'PickDsUuidLinks1';
const DS_UUID_TYPED = 'PickDsUuidTyped1';
const DS_WEBHOOK_CASES: Array<[string, string, (id: string) => Locator]> = [
	['From List', 'PickDsHookList01', (id) => ({ mode: 'list', value: id })],
	['plain text (saved before the picker)', 'PickDsHookText01', (id) => id],
];
const DS_NEW_EVENT = 'PickDsNewEvent01';
const NEW_EVENT = 'session_recap_ready';
const dsNode = actionNode('digitalSamba', CREDENTIALS.ds);
/** Start → one item per room reference → Digital Samba Session → Get Many for Room, the room By URL from each item. */
const dsSessionsOfLinks = (id: string, links: string[]) => ({
	...manualWorkflow(id, `Pickers e2e: ${id}`, [
		{
			id: `${id}-values`, name: 'Values', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [200, 0],
			parameters: { assignments: { assignments: [{ id: 'v1', name: 'links', value: `={{ ${JSON.stringify(links)} }}`, type: 'array' }] }, options: {} },
		},
		{ id: `${id}-split`, name: 'One Item Each', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [400, 0], parameters: { fieldToSplitOut: 'links', options: { destinationFieldName: 'link' } } },
		dsNode('Sessions', { resource: 'session', operation: 'getManyForRoom', roomId: rl({ mode: 'url', value: '={{ $json.link }}' }), returnAll: true }, 600),
	]),
});
let dsWebhook: { id: string; name: string };

/** A pasted URL that is not a room's, and one an expression gives (checked only once it is evaluated, in the run). */
const BAD_URL = { daily: 'PickDailyBadUrl1', ds: 'PickDsBadUrl0001' };
const BAD_URL_EXPRESSION = { daily: 'PickDailyBadExp1', ds: 'PickDsBadExp0001' };

beforeAll(async () => {
	daily = await startDailySimulator({ apiKey: KEYS.daily });
	daily.seedRooms(130, 'team');
	ds = await startDigitalSambaSimulator({ developerKey: KEYS.ds, teamId: '' });
	dsRoom = ds.seedRoom({ friendly_url: DS_ROOM, description: 'The weekly standup' });
	otherRoom = ds.seedRoom({ friendly_url: 'retro' });
	ds.seedRoom({ friendly_url: 'all-hands' });
	// Two sessions of the standup (one ended, one live), one of the retro; a recording in each room.
	ds.endSession(ds.startSession(dsRoom.id, { participants: 1 }).session.id);
	ds.startSession(dsRoom.id, { participants: 2 });
	ds.startSession(otherRoom.id, { participants: 1 });
	ds.seedRecording(dsRoom.id, { name: 'Standup recording' });
	ds.seedRecording(otherRoom.id, { name: 'Retro recording' });

	ds.addEvent(NEW_EVENT);
	const hook = await fetch(`${ds.url}/webhooks`, {
		method: 'POST',
		headers: { authorization: `Bearer ${KEYS.ds}`, 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify({ endpoint: 'http://127.0.0.1:9/crm', events: ['session_started'], name: 'CRM hook' }),
	});
	dsWebhook = (await hook.json()) as { id: string; name: string };

	n8n = createRuntime();
	await n8n.importCredentials([
		{ ...CREDENTIALS.daily, type: 'dailyApi', data: { apiKey: KEYS.daily, baseUrl: daily.url } },
		{ ...CREDENTIALS.ds, type: 'digitalSambaApi', data: { developerKey: KEYS.ds, teamId: '', baseUrl: ds.url } },
	]);
	// Every workflow in one import (one CLI start).
	await importInto(n8n.bin, n8n.env, 'workflow', [
		...DAILY_CASES.map(([, id, room]) => dailyGet(id, room)),
		...DS_CASES.map(([, id, room]) => dsGet(id, room(dsRoom))),
		dsSessionsOfLinks(DS_UUID_LINKS, [`https://any-team.digitalsamba.com/${DS_ROOM}`, `https://any-team.digitalsamba.com/${DS_ROOM}?token=x`, `https://any-team.digitalsamba.com/${DS_ROOM}`]),
		manualWorkflow(DS_UUID_TYPED, `Pickers e2e: ${DS_UUID_TYPED}`, [dsNode('Statistics', { resource: 'statistics', operation: 'getRoomCurrent', roomId: rl({ mode: 'id', value: DS_ROOM }) }, 200)]),
		...DS_WEBHOOK_CASES.map(([, id, hookId]) => manualWorkflow(id, `Pickers e2e: ${id}`, [dsNode('Get Webhook', { resource: 'webhook', operation: 'get', webhookId: rl(hookId(dsWebhook.id)) }, 200)])),
		manualWorkflow(DS_NEW_EVENT, `Pickers e2e: ${DS_NEW_EVENT}`, [
			dsNode('Create Webhook', { resource: 'webhook', operation: 'create', endpoint: 'http://127.0.0.1:9/recaps', events: ['session_ended', NEW_EVENT] }, 200),
		]),
		dailyGet(BAD_URL.daily, { mode: 'url', value: `https://zoom.us/j/${DAILY_ROOM}` }),
		dsGet(BAD_URL.ds, { mode: 'url', value: `https://meet.example.com/${DS_ROOM}` }),
		dailyGet(BAD_URL_EXPRESSION.daily, { mode: 'url', value: `={{ 'https://zoom.us/j/' + '${DAILY_ROOM}' }}` }),
		dsGet(BAD_URL_EXPRESSION.ds, { mode: 'url', value: `={{ 'https://meet.example.com/' + '${DS_ROOM}' }}` }),
	]);
	server = await startServer(n8n, await freePort());
	const personal = await server.rest('GET', '/projects/personal');
	projectId = personal.body?.data?.id;
	expect(typeof projectId).toBe('string');
}, 25 * 60_000);

afterAll(async () => {
	await server?.stop();
	await Promise.all([daily?.close(), ds?.close()]);
	n8n?.cleanup();
});

type Provider = 'daily' | 'digitalSamba';
const credentialOf = (provider: Provider) => ({ [`${provider}Api`]: provider === 'daily' ? CREDENTIALS.daily : CREDENTIALS.ds });

/** What the editor posts for a parameter's dynamic values. */
function dynamicRequest(provider: Provider, path: string, methodName: string, currentNodeParameters: object) {
	return {
		path: `parameters.${path}`,
		nodeTypeAndVersion: { name: nodeType(provider), version: 1 },
		currentNodeParameters,
		methodName,
		credentials: credentialOf(provider),
		projectId,
	};
}

interface SearchPage {
	results: Array<{ name: string; value: string; url?: string }>;
	paginationToken?: string;
}

/** One page of a From List picker, through n8n's list-search endpoint. */
async function listSearch(provider: Provider, path: string, methodName: string, currentNodeParameters: object, filter?: string, paginationToken?: string): Promise<SearchPage> {
	const { status, body } = await server.rest('POST', '/dynamic-node-parameters/resource-locator-results', {
		...dynamicRequest(provider, path, methodName, currentNodeParameters),
		...(filter !== undefined ? { filter } : {}),
		...(paginationToken !== undefined ? { paginationToken } : {}),
	});
	if (status !== 200) throw new Error(`${methodName}: ${status} ${JSON.stringify(body)}`);
	return body.data as SearchPage;
}

/** Every page of a picker, as the user scrolls to the end. */
async function listAll(provider: Provider, path: string, methodName: string, currentNodeParameters: object, filter?: string) {
	const pages: SearchPage[] = [];
	let token: string | undefined;
	do {
		const page = await listSearch(provider, path, methodName, currentNodeParameters, filter, token);
		pages.push(page);
		token = page.paginationToken;
	} while (token !== undefined && pages.length < 20);
	return { pages, results: pages.flatMap((p) => p.results) };
}

const sorted = (values: string[]) => [...values].sort();
const emptyList = { __rl: true, mode: 'list', value: '' };

interface Run {
	status: string;
	resultData: any;
	/** The message of the run's error: n8n's refusal to start it, or the workflow's or the node's error. */
	error?: string;
}

/** A workflow run as the editor's Execute Workflow starts it, to its end (or n8n's refusal to start it). */
async function runWorkflow(id: string): Promise<Run> {
	const { body: workflow } = await server.rest('GET', `/workflows/${id}`);
	const started = await server.rest('POST', `/workflows/${id}/run`, { workflowData: workflow.data, triggerToStartFrom: { name: 'Start' } });
	const executionId = started.body?.data?.executionId;
	if (!executionId) {
		if (started.status >= 400 && typeof started.body?.message === 'string') return { status: 'refused', resultData: {}, error: started.body.message };
		throw new Error(`run of ${id} did not start: ${started.status} ${JSON.stringify(started.body)}`);
	}
	const deadline = Date.now() + 60_000;
	for (;;) {
		const { status, body } = await server.rest('GET', `/executions/${executionId}`);
		const execution = body?.data;
		if (status === 200 && execution && !['new', 'running', 'waiting'].includes(execution.status)) {
			const data = typeof execution.data === 'string' ? (createRequire(n8n.bin)('flatted') as { parse(t: string): any }).parse(execution.data) : execution.data;
			const { resultData } = data;
			const error = resultData.error?.message ?? Object.values(resultData.runData ?? {}).flatMap((runs: any) => runs.map((r: any) => r.error?.message)).find(Boolean);
			return { status: execution.status, resultData, error };
		}
		if (Date.now() > deadline) throw new Error(`execution ${executionId} of ${id} did not end: ${JSON.stringify(execution?.status)}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

/**
 * n8n checks a mode's validation before the run starts and refuses a workflow with issues: n8n 1.x with its
 * general message, n8n 2.x naming the node and giving the mode's own message.
 */
function expectRefused(run: Run): void {
	expect(run.status).not.toBe('success');
	expect(run.error).toMatch(n8nLine() === '2' ? /^The 'Get Room' node has issues:\n- Not a valid room URL$/ : /^The workflow has issues and cannot be executed/);
}

const outputOf = (resultData: any, node: string): any[] => resultData.runData?.[node]?.[0]?.data?.main?.[0]?.map((i: { json: unknown }) => i.json) ?? [];

describe('Daily pickers through n8n', () => {
	const params = { resource: 'room', operation: 'get', roomName: emptyList };

	it('searchRooms lists the domain 100 a page with a token for the rest, and a filter narrows it', async () => {
		const first = await listSearch('daily', 'roomName', 'searchRooms', params);
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await listSearch('daily', 'roomName', 'searchRooms', params, undefined, first.paginationToken);
		expect(second.results).toHaveLength(30);
		// A short page is not the end (a provider may cap its pages): the next scroll gets an empty page, and no token.
		const third = await listSearch('daily', 'roomName', 'searchRooms', params, undefined, second.paginationToken);
		expect(third.results).toEqual([]);
		expect(third.paginationToken).toBeUndefined();
		const all = [...first.results, ...second.results];
		expect(sorted(all.map((r) => r.value))).toEqual(sorted(daily.rooms.map((r) => r.name)));
		const room = daily.rooms.find((r) => r.name === DAILY_ROOM)!;
		expect(all.find((r) => r.value === DAILY_ROOM)).toEqual({ name: DAILY_ROOM, value: DAILY_ROOM, url: room.url });

		// Typed text (any case) keeps the matching rooms only, page after page until the list ends.
		const filtered = await listAll('daily', 'roomName', 'searchRooms', params, 'TEAM-12');
		expect(sorted(filtered.results.map((r) => r.value))).toEqual(sorted(daily.rooms.map((r) => r.name).filter((n) => n.includes('team-12'))));
		expect(filtered.results).toHaveLength(11);
	}, 60_000);

	it.each(DAILY_CASES)('Room → Get with the room %s returns the room', async (_mode, id) => {
		const before = daily.requests.length;
		const { status, resultData } = await runWorkflow(id);
		expect([status, resultData.error?.message]).toEqual(['success', undefined]);
		expect(outputOf(resultData, 'Get Room')).toEqual([expect.objectContaining({ name: DAILY_ROOM })]);
		expect(daily.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/rooms/${DAILY_ROOM}`]);
	}, 60_000);
});

describe('Digital Samba pickers through n8n', () => {
	it('searchRooms lists the team\'s rooms, by friendly URL with the room\'s link', async () => {
		const { results } = await listAll('digitalSamba', 'roomId', 'searchRooms', { resource: 'room', operation: 'get', roomId: emptyList });
		const live = ds.state.rooms.filter((r) => !(r as { deleted?: boolean }).deleted);
		expect(sorted(results.map((r) => r.value))).toEqual(sorted(live.map((r) => r.id)));
		expect(results.find((r) => r.value === dsRoom.id)).toMatchObject({ name: `${DS_ROOM} · The weekly standup`, url: expect.stringContaining(`/${DS_ROOM}`) });
		const filtered = await listAll('digitalSamba', 'roomId', 'searchRooms', { resource: 'room', operation: 'get', roomId: emptyList }, 'RETRO');
		expect(filtered.results.map((r) => r.value)).toEqual([otherRoom.id]);
	}, 60_000);

	it('searchRecordings lists the team\'s recordings', async () => {
		const { results } = await listAll('digitalSamba', 'recordingId', 'searchRecordings', { resource: 'recording', operation: 'get', recordingId: emptyList });
		expect(sorted(results.map((r) => r.value))).toEqual(sorted(ds.state.recordings.map((r) => r.id)));
		expect(results.map((r) => r.name)).toEqual(expect.arrayContaining([expect.stringContaining('Standup recording'), expect.stringContaining('Retro recording')]));
	}, 60_000);

	it('searchSessions lists the team\'s sessions, and only the chosen room\'s when a room is chosen', async () => {
		const sessionParams = { resource: 'session', operation: 'get', sessionId: emptyList };
		const team = await listAll('digitalSamba', 'sessionId', 'searchSessions', sessionParams);
		expect(sorted(team.results.map((r) => r.value))).toEqual(sorted(ds.state.sessions.map((s) => s.id)));
		expect(team.results).toHaveLength(3);
		const inRoom = await listAll('digitalSamba', 'sessionId', 'searchSessions', { ...sessionParams, roomId: { __rl: true, mode: 'list', value: dsRoom.id } });
		expect(sorted(inRoom.results.map((r) => r.value))).toEqual(sorted(ds.state.sessions.filter((s) => s.room_id === dsRoom.id).map((s) => s.id)));
		expect(inRoom.results).toHaveLength(2);
	}, 60_000);

	it('searchRoles lists the team\'s roles', async () => {
		const { results } = await listAll('digitalSamba', 'roleId', 'searchRoles', { resource: 'role', operation: 'get', roleId: emptyList });
		expect(sorted(results.map((r) => r.value))).toEqual(sorted(ds.state.roles.map((r) => r.id)));
		expect(results.find((r) => r.value === ds.state.roles.find((x) => x.name === 'moderator')!.id)?.name).toBe('Moderators · moderator');
	}, 60_000);

	it('getRoles fills the role dropdown with the team\'s roles (display name, role name), through n8n\'s load-options endpoint', async () => {
		const { status, body } = await server.rest('POST', '/dynamic-node-parameters/options', dynamicRequest('digitalSamba', 'additionalFields.role', 'getRoles', { resource: 'roomToken', operation: 'create', roomId: emptyList, additionalFields: { role: '' } }));
		expect(status).toBe(200);
		const options = body.data as Array<{ name: string; value: string }>;
		expect(options.map(({ name, value }) => ({ name, value }))).toEqual(
			ds.state.roles.map((r) => ({ name: r.display_name, value: r.name })).sort((a, b) => a.name.localeCompare(b.name)),
		);
	}, 60_000);

	it('getWebhookEvents and getPermissions fill the event and permission dropdowns with what the team\'s API lists, through n8n\'s load-options endpoint', async () => {
		const events = await server.rest('POST', '/dynamic-node-parameters/options', dynamicRequest('digitalSamba', 'events', 'getWebhookEvents', { resource: 'webhook', operation: 'create', endpoint: '', events: [] }));
		expect(events.status).toBe(200);
		// The documented events and the one the team lists beyond them (added in beforeAll).
		expect((events.body.data as Array<{ value: string }>).map((o) => o.value).sort()).toEqual([...DS_EVENTS, NEW_EVENT].sort());
		const permissions = await server.rest('POST', '/dynamic-node-parameters/options', dynamicRequest('digitalSamba', 'permissionsUi.permission.name', 'getPermissions', { resource: 'role', operation: 'create', permissionsInputMode: 'fields', permissionsUi: {} }));
		expect(permissions.status).toBe(200);
		expect((permissions.body.data as Array<{ value: string }>).map((o) => o.value).sort()).toEqual([...(loadSpec().byKey.get('GET /permissions')!.example as string[])].sort());
	}, 60_000);

	it('searchWebhooks lists the team\'s webhooks by name and endpoint', async () => {
		const { results } = await listAll('digitalSamba', 'webhookId', 'searchWebhooks', { resource: 'webhook', operation: 'get', webhookId: emptyList });
		expect(results).toContainEqual({ name: 'CRM hook · http://127.0.0.1:9/crm', value: dsWebhook.id });
	}, 60_000);

	it.each(DS_WEBHOOK_CASES)('Webhook → Get with the webhook %s returns it', async (_mode, id) => {
		const { status, resultData } = await runWorkflow(id);
		expect([status, resultData.error?.message]).toEqual(['success', undefined]);
		expect(outputOf(resultData, 'Get Webhook')).toEqual([expect.objectContaining({ id: dsWebhook.id, name: 'CRM hook' })]);
	}, 60_000);

	it('Webhook → Create accepts an event the team lists that the package does not know', async () => {
		const before = ds.requests.length;
		const { status, resultData } = await runWorkflow(DS_NEW_EVENT);
		expect([status, resultData.error?.message]).toEqual(['success', undefined]);
		expect(outputOf(resultData, 'Create Webhook')).toEqual([expect.objectContaining({ events: ['session_ended', NEW_EVENT] })]);
		expect(ds.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/events', 'POST /api/v1/webhooks']);
	}, 60_000);

	it('a room By URL on a path that takes the UUID only: read once for three items, each call sent with the UUID', async () => {
		const before = ds.requests.length;
		const { status, resultData } = await runWorkflow(DS_UUID_LINKS);
		expect([status, resultData.error?.message]).toEqual(['success', undefined]);
		const sessions = ds.state.sessions.filter((s) => s.room_id === dsRoom.id).map((s) => s.id);
		expect(outputOf(resultData, 'Sessions').map((j) => j.id).sort()).toEqual(sorted([...sessions, ...sessions, ...sessions]));
		const calls = ds.requests.slice(before).map((r) => `${r.method} ${r.path}`);
		expect(calls.filter((c) => c === `GET /api/v1/rooms/${DS_ROOM}`)).toHaveLength(1);
		expect(calls.filter((c) => c === `GET /api/v1/rooms/${dsRoom.id}/sessions`).length).toBeGreaterThanOrEqual(3);
		expect(calls.filter((c) => c.startsWith(`GET /api/v1/rooms/${DS_ROOM}/`))).toEqual([]);
	}, 60_000);

	it('a friendly URL typed By ID on a path that takes the UUID only is sent as the UUID', async () => {
		const before = ds.requests.length;
		const { status, resultData } = await runWorkflow(DS_UUID_TYPED);
		expect([status, resultData.error?.message]).toEqual(['success', undefined]);
		expect(ds.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /api/v1/rooms/${DS_ROOM}`, `GET /api/v1/rooms/${dsRoom.id}/statistics/current`]);
	}, 60_000);

	it.each(DS_CASES)('Room → Get with the room %s returns the room', async (_mode, id) => {
		const before = ds.requests.length;
		const { status, resultData } = await runWorkflow(id);
		expect([status, resultData.error?.message]).toEqual(['success', undefined]);
		expect(outputOf(resultData, 'Get Room')).toEqual([expect.objectContaining({ id: dsRoom.id, friendly_url: DS_ROOM })]);
		const calls = ds.requests.slice(before).map((r) => `${r.method} ${r.path}`);
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatch(new RegExp(`^GET /api/v1/rooms/(${dsRoom.id}|${DS_ROOM})$`));
	}, 60_000);
});

describe.each([
	['Daily', 'daily', /Room Name parameter's value is invalid/],
	['Digital Samba', 'ds', /Room parameter's value is invalid/],
] as const)('%s room URLs n8n must refuse', (provider, key, fieldMessage) => {
	const requests = () => (key === 'daily' ? daily : ds).requests.length;

	it(`a pasted URL that is not a ${provider} room URL: n8n refuses the run (the mode's validation), nothing is sent`, async () => {
		const before = requests();
		expectRefused(await runWorkflow(BAD_URL[key]));
		expect(requests()).toBe(before);
	}, 60_000);

	it(`an expression giving a URL that is not a ${provider} room URL: the run fails with n8n's message naming the field, nothing is sent`, async () => {
		const before = requests();
		const run = await runWorkflow(BAD_URL_EXPRESSION[key]);
		expect(run.status).toBe('error');
		expect(run.error).toMatch(fieldMessage);
		expect(requests()).toBe(before);
	}, 60_000);
});
