import nock from 'nock';
import type { IDataObject, INodeProperties, NodeOperationError } from 'n8n-workflow';
import { DigitalSambaApi } from '../../../credentials/DigitalSambaApi.credentials';
import { DigitalSamba } from '../../../nodes/DigitalSamba/DigitalSamba.node';
import { DigitalSambaTrigger } from '../../../nodes/DigitalSamba/DigitalSambaTrigger.node';
import { NOT_SET } from '../../../nodes/shared/parameters/fields';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { DS_KEY, DS_URL, runDigitalSamba, sentBodies } from '../../helpers/digitalSamba';
import { hookContext } from '../../helpers/trigger';
import { maxChars, mustBeOneOf, requestSchema, SPEC, specErrors } from './spec';

/**
 * Issue #17, Digital Samba's half: each rule read from the contract (test/fixtures/digitalsamba-openapi.yaml) and
 * compared with what the node offers and refuses, so the node cannot drift from the spec unnoticed.
 */

const PROPERTIES = new DigitalSamba().description.properties;

/** A parameter of one operation (`settings` of Room → Create, say). */
function parameter(resource: string, operation: string, name: string): INodeProperties {
	const found = PROPERTIES.find((p) => p.name === name && p.displayOptions?.show?.resource?.includes(resource) && p.displayOptions?.show?.operation?.includes(operation));
	if (!found) throw new Error(`no ${name} on ${resource}/${operation}`);
	return found;
}

/** A field inside a collection parameter. */
function field(resource: string, operation: string, collection: string, name: string): INodeProperties {
	const found = (parameter(resource, operation, collection).options as INodeProperties[]).find((o) => o.name === name);
	if (!found) throw new Error(`no ${collection} > ${name} on ${resource}/${operation}`);
	return found;
}

/** A dropdown's values, bar "Not Set" ('': the optional field's default, sent as nothing, not a value of the spec). */
const values = (p: INodeProperties) => (p.options as Array<{ value: unknown }>).map((o) => o.value).filter((v) => v !== '');
const sorted = (list: unknown[]) => [...list].map(String).sort();
const text = (error: unknown) => `${(error as Error).message}\n${(error as NodeOperationError).description ?? ''}`;

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	resetRateLimits();
});
// nock patches Node's http for the whole worker: later test files reach their local simulators.
afterAll(() => nock.enableNetConnect());

const TEAM = requestSchema('/api/v1', 'patch').properties!;
const ROOM_CREATE = requestSchema('/api/v1/rooms', 'post').properties!;
const ROOM_UPDATE = requestSchema('/api/v1/rooms/{room}', 'patch').properties!;

describe('interface languages', () => {
	it.each([
		['team defaults (PATCH /)', 'defaultRoomSettings', 'update', TEAM],
		['a new room (POST /rooms)', 'room', 'create', ROOM_CREATE],
		['a room update (PATCH /rooms/{room})', 'room', 'update', ROOM_UPDATE],
	])('Language offers exactly the codes the spec allows for %s', (_label, resource, operation, schema) => {
		expect(sorted(values(field(resource, operation, 'settings', 'language')))).toEqual(sorted(mustBeOneOf(schema.language.description)));
	});

	it('the team default accepts ca-ES and nb-NO, and sends them', async () => {
		for (const code of ['ca-ES', 'nb-NO']) {
			expect(await sentBodies({ resource: 'defaultRoomSettings', operation: 'update', settings: { language: code } })).toEqual([{ language: code }]);
		}
	});

	it('a room refuses ca-ES, which its spec does not list, naming the field and the allowed codes', async () => {
		expect(mustBeOneOf(ROOM_CREATE.language.description)).not.toContain('ca-ES');
		await expect(runDigitalSamba({ resource: 'room', operation: 'create', privacy: 'public', settings: { language: 'ca-ES' } })).rejects.toThrow(
			/Settings → Language \(settings\.language\): must be one of .*'zh-TW'/,
		);
	});

	it('Languages offers every code the API returns in a room (GET /rooms: a room\'s languages)', () => {
		const returned = SPEC.paths['/api/v1/rooms'].get.responses['200'].content['application/json'].schema.properties.data.items.properties.languages.example as string[];
		expect(returned.length).toBe(18);
		expect(sorted(values(field('room', 'create', 'settings', 'languages')))).toEqual(sorted(returned));
		expect(sorted(values(field('defaultRoomSettings', 'update', 'settings', 'languages')))).toEqual(sorted(returned));
	});
});

describe('watermark text', () => {
	it.each([
		['team defaults', 'defaultRoomSettings', 'update', TEAM, {}],
		['a room', 'room', 'create', ROOM_CREATE, { privacy: 'public' }],
	])('the node allows the spec\'s maximum for %s, and refuses one character more before sending', async (_label, resource, operation, schema, extra) => {
		const max = maxChars(schema.watermark_text.description);
		const body = await sentBodies({ resource, operation, ...extra, settings: { watermark_text: 'W'.repeat(max) } });
		expect((body[0] as IDataObject).watermark_text).toHaveLength(max);
		nock.cleanAll();
		const error = await runDigitalSamba({ resource, operation, ...extra, settings: { watermark_text: 'W'.repeat(max + 1) } }).catch((e: unknown) => e);
		expect(text(error)).toContain(`Settings → Watermark Text (settings.watermark_text): must be at most ${max} characters`);
	});

	it('the team maximum is the spec\'s 50, not the room\'s 150', () => {
		expect([maxChars(TEAM.watermark_text.description), maxChars(ROOM_CREATE.watermark_text.description)]).toEqual([50, 150]);
	});
});

describe('settings added in the editor start unset', () => {
	/** Every boolean and integer setting the spec lists for the operation that the node offers. */
	const offered = (resource: string, operation: string, schema: Record<string, { type?: string }>) =>
		(parameter(resource, operation, 'settings').options as INodeProperties[]).filter((o) => ['boolean', 'integer'].includes(schema[o.name]?.type ?? ''));

	it.each([
		['defaultRoomSettings', 'update', TEAM],
		['room', 'create', ROOM_CREATE],
		['room', 'update', ROOM_UPDATE],
	])('%s/%s: every yes/no and number setting of the spec starts at nothing chosen', (resource, operation, schema) => {
		const fields = offered(resource, operation, schema);
		expect(fields.length).toBeGreaterThan(40);
		const notUnset = fields.filter((f) => f.default !== '').map((f) => `${f.name}: ${JSON.stringify(f.default)}`);
		expect(notUnset).toEqual([]);
		// A yes/no setting is a choice of true or false, so a saved true or false still reads as chosen.
		// "Not Set" is offered by name: the default, chosen again after a Yes or a No.
		for (const f of fields.filter((x) => schema[x.name].type === 'boolean')) {
			expect(values(f)).toEqual([true, false]);
			expect(f.options).toContainEqual(NOT_SET);
		}
	});

	it('an added setting left unchosen is not sent; a chosen No is', async () => {
		// What n8n holds for a collection's field the user added and did not set: its default.
		const settings = { max_participants: field('room', 'update', 'settings', 'max_participants').default, chat_enabled: field('room', 'update', 'settings', 'chat_enabled').default, topbar_enabled: false };
		const body = await sentBodies({ resource: 'room', operation: 'update', roomId: 'r-1', settings });
		expect(body).toEqual([{ topbar_enabled: false }]);
		// Types and field names per the spec; its PATCH copies POST's required list (privacy), which an update leaves as is.
		expect(specErrors({ ...requestSchema('/api/v1/rooms/{room}', 'patch'), required: [] }, body[0])).toEqual([]);
	});

	it('a saved true or false, and "true" / "false" from an expression, are sent as booleans; other text is refused', async () => {
		expect(await sentBodies({ resource: 'room', operation: 'update', roomId: 'r-1', settings: { chat_enabled: true, topbar_enabled: 'false', pin_enabled: 'true' } })).toEqual([{ chat_enabled: true, topbar_enabled: false, pin_enabled: true }]);
		await expect(runDigitalSamba({ resource: 'room', operation: 'update', roomId: 'r-1', settings: { chat_enabled: 'yes' } })).rejects.toThrow(/Settings → Chat \(settings\.chat_enabled\): must be true or false/);
	});

	it('an update whose only settings are unchosen is refused before sending', async () => {
		await expect(runDigitalSamba({ resource: 'room', operation: 'update', roomId: 'r-1', settings: { chat_enabled: '', max_participants: '' } })).rejects.toThrow(/add at least one setting to change/);
	});

	it('a number chosen below the spec\'s minimum is still refused', async () => {
		expect(ROOM_CREATE.max_participants.description).toMatch(/Must be at least 2\./);
		await expect(runDigitalSamba({ resource: 'room', operation: 'create', privacy: 'public', settings: { max_participants: 1 } })).rejects.toThrow(/Max Participants \(settings\.max_participants\): must be at least 2/);
	});
});

describe('webhooks', () => {
	const ENDPOINT = requestSchema('/api/v1/webhooks', 'post').properties!.endpoint;

	it('an endpoint of the spec\'s maximum length is sent; one character more is refused before sending, saying the limit', async () => {
		const max = maxChars(ENDPOINT.description);
		expect(max).toBe(100);
		const base = 'https://example.com/';
		const create = { resource: 'webhook', operation: 'create', events: ['session_ended'] };
		expect(await sentBodies({ ...create, endpoint: base + 'a'.repeat(max - base.length) })).toHaveLength(1);
		nock.cleanAll();
		const error = await runDigitalSamba({ ...create, endpoint: base + 'a'.repeat(max - base.length + 1) }).catch((e: unknown) => e);
		expect(text(error)).toContain(`Endpoint (endpoint): must be at most ${max} characters`);
	});

	it('Remove Authorization Header sends null, which the spec allows on update (nullable)', async () => {
		const schema = requestSchema('/api/v1/webhooks/{webhook}', 'patch');
		expect(schema.properties!.authorization_header.nullable).toBe(true);
		const body = await sentBodies({ resource: 'webhook', operation: 'update', webhookId: 'wh-1', updateFields: { remove_authorization_header: true, name: 'CRM hook' } });
		expect(body).toEqual([{ name: 'CRM hook', authorization_header: null }]);
		expect(specErrors(schema, body[0])).toEqual([]);
	});

	it('a new authorization header together with Remove is refused before sending', async () => {
		await expect(runDigitalSamba({ resource: 'webhook', operation: 'update', webhookId: 'wh-1', updateFields: { remove_authorization_header: true, authorization_header: 's3cret' } })).rejects.toThrow(
			/Update Fields → Authorization Header \(updateFields\.authorization_header\): set a new authorization header or remove it, not both/,
		);
	});

	it('without Remove Authorization Header, no authorization_header is sent', async () => {
		expect(await sentBodies({ resource: 'webhook', operation: 'update', webhookId: 'wh-1', updateFields: { remove_authorization_header: false, name: 'CRM hook' } })).toEqual([{ name: 'CRM hook' }]);
	});
});

describe('quiz update: partial by id', () => {
	const schema = requestSchema('/api/v1/rooms/{room}/quizzes/{quiz}', 'patch');
	const update = { resource: 'quiz', operation: 'update', roomId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', quizId: 'q-1' };

	it('the spec requires only choices on an updated question, and nothing on a choice', () => {
		expect(schema.properties!.questions.required).toEqual(['choices']);
		expect(schema.properties!.questions.properties!.choices.required).toBeUndefined();
	});

	it('a question and a choice named by id may leave out their text', async () => {
		const questions = [{ id: 'qq-1', choices: [{ id: 'c-1', correct: true }, { id: 'c-2', correct: false }] }];
		const body = await sentBodies({ ...update, questions: JSON.stringify(questions) });
		expect(body).toEqual([{ questions }]);
		expect(specErrors(schema, body[0])).toEqual([]);
	});

	it('a new question or choice (no id) still needs a text', async () => {
		await expect(runDigitalSamba({ ...update, questions: '[{"choices": [{"text": "Rome"}]}]' })).rejects.toThrow(/\(questions\[0\]\.text\): a question without an id is new and needs a text/);
		await expect(runDigitalSamba({ ...update, questions: '[{"id": "qq-1", "choices": [{"correct": true}]}]' })).rejects.toThrow(/\(questions\[0\]\.choices\[0\]\.text\): a choice without an id is new and needs a text/);
	});

	it('create still requires text on every question, as its spec does', async () => {
		expect(requestSchema('/api/v1/rooms/{room}/quizzes', 'post').properties!.questions.required).toEqual(['text', 'choices']);
		await expect(runDigitalSamba({ resource: 'quiz', operation: 'create', roomId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', title: 'Q', questions: '[{"id": "qq-1", "choices": [{"text": "Rome"}]}]' })).rejects.toThrow(/\(questions\[0\]\.text\): is required/);
	});
});

describe('the trigger\'s webhook URL', () => {
	const trigger = new DigitalSambaTrigger();
	const max = maxChars(requestSchema('/api/v1/webhooks', 'post').properties!.endpoint.description);
	const activate = (webhookUrl: string) => {
		const ctx = hookContext({
			parameters: { eventSource: 'documented', events: ['session_ended'], options: {} },
			staticData: {},
			credentials: { developerKey: DS_KEY, teamId: '', baseUrl: `${DS_URL}/api/v1` },
			credentialType: new DigitalSambaApi(),
			webhookUrl,
		});
		Object.assign(ctx, { getWorkflow: () => ({ id: 'wf-1', name: 'Hooks', active: false }) });
		return { ctx, run: trigger.webhookMethods.default.create.call(ctx) };
	};

	it('longer than the spec allows for an endpoint: activation fails saying so, before registering anything', async () => {
		const url = `https://n8n.example.com/webhook/${'a'.repeat(max)}/webhook`;
		const { ctx, run } = activate(url);
		await expect(run).rejects.toThrow(new RegExp(`webhook URL is ${url.length} characters long; Digital Samba accepts at most ${max}`));
		expect(ctx.requests).toEqual([]);
	});

	it('within the limit: registered', async () => {
		nock(DS_URL).get('/api/v1/webhooks').query(true).reply(200, { data: [], total_count: 0 }).post('/api/v1/webhooks').reply(200, { id: 'wh-1' });
		const url = 'https://n8n.example.com/webhook/b1e6a7c2-3f4d-4e5a-9b8c-7d6e5f4a3b2c/webhook';
		expect(url.length).toBeLessThanOrEqual(max);
		expect(await activate(url).run).toBe(true);
	});
});
