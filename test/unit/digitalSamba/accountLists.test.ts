import nock from 'nock';
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DigitalSambaApi } from '../../../credentials/DigitalSambaApi.credentials';
import { DigitalSamba } from '../../../nodes/DigitalSamba/DigitalSamba.node';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { createContext } from '../../helpers/context';
import { FAST_RETRIES, runDigitalSamba } from '../../helpers/digitalSamba';
import { startDigitalSambaSimulator, type DigitalSambaSimulator } from '../../simulators/digitalSamba';
import { DS_EVENTS } from '../../simulators/digitalSamba/model';
import { SPEC } from './spec';

/**
 * Issue 22: webhook events and role permissions are what the team's API lists (GET /events, GET /permissions), not
 * a list compiled into the node. A name Digital Samba adds later is accepted; the compiled list is only the fallback
 * when the team's list cannot be read; a wrong name is still refused before the call, naming the field and the names
 * allowed.
 */

const KEY = 'ds-account-lists';
/** Every permission GET /permissions lists, from the spec's example of its answer. */
const SPEC_PERMISSIONS = SPEC.paths['/api/v1/permissions'].get.responses['200'].content['application/json'].schema.example as string[];
/** A name the package does not know: Digital Samba's lists grow. */
const NEW_EVENT = 'session_recap_ready';
const NEW_PERMISSION = 'manage_whiteboard_templates';

let sim: DigitalSambaSimulator;

beforeAll(() => nock.disableNetConnect());
beforeEach(async () => {
	nock.enableNetConnect('127.0.0.1');
	sim = await startDigitalSambaSimulator({ developerKey: KEY, teamId: '' });
});
afterEach(async () => {
	await sim.close();
	resetRateLimits();
});
afterAll(() => nock.enableNetConnect());

const run = async (parameters: IDataObject | IDataObject[], continueOnFail = false) =>
	(await runDigitalSamba(parameters, { developerKey: KEY, baseUrl: sim.url, continueOnFail, retryPolicy: FAST_RETRIES })).output.map((i) => i.json);
const calls = (from: number) => sim.requests.slice(from).map((r) => `${r.method} ${r.path.replace(/^\/api\/v1/, '')}`);
const quoted = (names: readonly string[]) => names.map((n) => `'${n}'`).join(', ');
/** The names an error allows, as a sorted list: "… must be one of 'a', 'b' (the documented names; …" */
const allowedIn = (message: string, after: string) => [...new RegExp(`${after}((?:'[a-z_]+'(?:, )?)+) \\(`).exec(message)![1].matchAll(/'([a-z_]+)'/g)].map((m) => m[1]).sort();
const hook = (i: number, events: string[]) => ({ resource: 'webhook', operation: 'create', endpoint: `https://example.com/hook-${i}`, events });

describe('webhook events', () => {
	it('an event the team\'s API lists but the package does not know is accepted and sent', async () => {
		expect(DS_EVENTS).not.toContain(NEW_EVENT);
		sim.addEvent(NEW_EVENT);
		const before = sim.requests.length;
		const [created] = await run(hook(1, ['session_started', NEW_EVENT]));
		expect(created).toMatchObject({ endpoint: 'https://example.com/hook-1', events: ['session_started', NEW_EVENT] });
		expect(calls(before)).toEqual(['GET /events', 'POST /webhooks']);
		expect(sim.state.webhooks.map((w) => w.events)).toEqual([['session_started', NEW_EVENT]]);
	});

	it('the list is read once per execution for all its items; each execution reads it again', async () => {
		sim.addEvent(NEW_EVENT);
		const before = sim.requests.length;
		const out = await run([1, 2, 3, 4, 5].map((i) => hook(i, [NEW_EVENT])));
		expect(out).toHaveLength(5);
		expect(calls(before).filter((c) => c === 'GET /events')).toHaveLength(1);
		expect(calls(before).filter((c) => c === 'POST /webhooks')).toHaveLength(5);
		await run(hook(6, [NEW_EVENT]));
		expect(calls(before).filter((c) => c === 'GET /events')).toHaveLength(2);
	});

	it('Update accepts the new event too', async () => {
		sim.addEvent(NEW_EVENT);
		const [created] = await run(hook(1, ['session_started']));
		const [updated] = await run({ resource: 'webhook', operation: 'update', webhookId: created.id, updateFields: { events: [NEW_EVENT] } });
		expect(updated).toMatchObject({ id: created.id, events: [NEW_EVENT] });
	});

	it('documented events are sent without reading the list', async () => {
		const before = sim.requests.length;
		await run(hook(1, ['session_started', 'recording_ready']));
		expect(calls(before)).toEqual(['POST /webhooks']);
	});

	it('an event the team does not list is refused before the webhook is sent, naming the field and the team\'s events', async () => {
		sim.addEvent(NEW_EVENT);
		const before = sim.requests.length;
		const error = await run(hook(1, ['session_started', 'meeting_exploded'])).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		const message = (error as Error).message;
		expect(message).toContain(`Invalid parameter Event Names or IDs (events[1]): each value must be one of ${quoted([...DS_EVENTS, NEW_EVENT])} (the names GET /events lists); not 'meeting_exploded'`);
		expect(calls(before)).toEqual(['GET /events']);
		// Update names the field inside its collection.
		const update = await run({ resource: 'webhook', operation: 'update', webhookId: 'wh-1', updateFields: { events: ['recording.ready'] } }).catch((e: unknown) => e);
		expect((update as Error).message).toMatch(/^Invalid parameter Update Fields → Event Names or IDs \(updateFields\.events\[0\]\): each value must be one of 'session_started'/);
	});

	it.each([
		['answers 500 (after its retries)', { status: 500, body: { message: 'Server Error', error: 'server-error' } }],
		['answers 403', { status: 403, body: { message: 'Forbidden', error: 'forbidden' } }],
		['answers something other than a list of names', { status: 200, body: { data: [] } }],
	])('when GET /events %s, the documented events apply: they are sent, a new one is refused naming them', async (_case, response) => {
		sim.addEvent(NEW_EVENT);
		sim.override('GET /events', response);
		const error = await run(hook(1, [NEW_EVENT])).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		const message = (error as Error).message;
		expect(message).toMatch(new RegExp(`^Invalid parameter Event Names or IDs \\(events\\[0\\]\\): each value must be one of .* \\(the documented names; GET /events could not be read\\); not '${NEW_EVENT}'$`));
		expect(allowedIn(message, 'one of ')).toEqual([...DS_EVENTS].sort());
		expect(sim.state.webhooks).toEqual([]);
		const [created] = await run(hook(2, ['session_ended']));
		expect(created).toMatchObject({ events: ['session_ended'] });
	});

	it('the Events dropdown lists the team\'s events, the new one included', async () => {
		sim.addEvent(NEW_EVENT);
		const ctx = createContext({ parameters: {}, credentials: { developerKey: KEY, teamId: '', baseUrl: sim.url }, credentialType: new DigitalSambaApi() }) as unknown as ILoadOptionsFunctions;
		const options = await new DigitalSamba(FAST_RETRIES).methods.loadOptions.getWebhookEvents.call(ctx);
		expect(options.map((o) => o.value).sort()).toEqual([...DS_EVENTS, NEW_EVENT].sort());
	});

	it('events may come as comma-separated text from an expression', async () => {
		sim.addEvent(NEW_EVENT);
		const [created] = await run(hook(1, `session_started, ${NEW_EVENT}` as never));
		expect(created).toMatchObject({ events: ['session_started', NEW_EVENT] });
	});
});

describe('role permissions', () => {
	const role = (i: number, permissions: unknown) => ({ resource: 'role', operation: 'create', roleName: `guest_${i}`, roleDisplayName: `Guest ${i}`, permissions: JSON.stringify(permissions) });

	it('a permission the team\'s API lists but the package does not know is accepted, as JSON and as rows', async () => {
		expect(SPEC_PERMISSIONS).not.toContain(NEW_PERMISSION);
		sim.addPermission(NEW_PERMISSION);
		const before = sim.requests.length;
		const [created] = await run(role(1, { general_chat: true, [NEW_PERMISSION]: true }));
		expect((created.permissions as IDataObject)[NEW_PERMISSION]).toBe(true);
		expect(calls(before)).toEqual(['GET /permissions', 'POST /roles']);
		const [fromRows] = await run({
			resource: 'role', operation: 'update', roleId: 'guest_1', permissionsInputMode: 'fields',
			permissionsUi: { permission: [{ name: NEW_PERMISSION, granted: false }] },
		});
		expect((fromRows.permissions as IDataObject)[NEW_PERMISSION]).toBe(false);
	});

	it('documented permissions are sent without reading the list', async () => {
		const before = sim.requests.length;
		await run(role(1, ['general_chat', 'raise_hand']));
		expect(calls(before)).toEqual(['POST /roles']);
	});

	it('a permission the team does not list is refused before the role is sent, naming the field and the team\'s permissions', async () => {
		sim.addPermission(NEW_PERMISSION);
		const before = sim.requests.length;
		const error = await run(role(1, { general_chat: true, fly: true })).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe(
			`Invalid parameter Permissions (JSON) (permissions): unknown permission(s): fly; permissions are ${quoted([...SPEC_PERMISSIONS, NEW_PERMISSION])} (the names GET /permissions lists)`,
		);
		expect(calls(before)).toEqual(['GET /permissions']);
	});

	it('when GET /permissions cannot be read, the documented permissions (the spec\'s list) apply', async () => {
		sim.addPermission(NEW_PERMISSION);
		sim.override('GET /permissions', { status: 503, body: { message: 'Service Unavailable', error: 'server-error' } });
		const error = await run(role(1, { [NEW_PERMISSION]: true })).catch((e: unknown) => e);
		const message = (error as Error).message;
		expect(message).toMatch(new RegExp(`^Invalid parameter Permissions \\(JSON\\) \\(permissions\\): unknown permission\\(s\\): ${NEW_PERMISSION}; permissions are .* \\(the documented names; GET /permissions could not be read\\)$`));
		expect(allowedIn(message, 'permissions are ')).toEqual([...SPEC_PERMISSIONS].sort());
		const [created] = await run(role(2, { general_chat: true }));
		expect(created).toMatchObject({ name: 'guest_2' });
	});
});
