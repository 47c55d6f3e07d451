import nock from 'nock';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { DigitalSamba } from '../../../nodes/DigitalSamba/DigitalSamba.node';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { startDigitalSambaSimulator } from '../../simulators/digitalSamba';
import { DS_KEY, DS_TEAM, runDigitalSamba, sentBodies } from '../../helpers/digitalSamba';
import { requestSchema, SPEC, specErrors } from './spec';

/**
 * Issue #15 for Digital Samba: role permissions, quiz questions and phone calls as rows of fields (n8n's
 * fixedCollection) or as JSON. The same content given both ways must send the same body, valid against the spec.
 */

const PROPERTIES = new DigitalSamba().description.properties;

function parameter(resource: string, operation: string, name: string): INodeProperties {
	const found = PROPERTIES.find((p) => p.name === name && p.displayOptions?.show?.resource?.includes(resource) && p.displayOptions?.show?.operation?.includes(operation));
	if (!found) throw new Error(`no ${name} on ${resource}/${operation}`);
	return found;
}

/** The fields of a fixedCollection's single row kind. */
const rowFields = (p: INodeProperties) => (p.options as Array<{ values: INodeProperties[] }>)[0].values;

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	resetRateLimits();
});
afterAll(() => nock.enableNetConnect());

describe.each([
	['role', 'create', 'permissions', 'permissionsInputMode', 'permissionsUi'],
	['role', 'update', 'permissions', 'permissionsInputMode', 'permissionsUi'],
	['quiz', 'create', 'questions', 'questionsInputMode', 'questionsUi'],
	['quiz', 'update', 'questions', 'questionsInputMode', 'questionsUi'],
	['phone', 'participantsJoined', 'calls', 'callsInputMode', 'callsUi'],
])('%s/%s: Input Mode', (resource, operation, json, mode, rows) => {
	it('defaults to JSON, the parameter saved workflows hold, shown only in that mode; the rows only in the other', () => {
		const m = parameter(resource, operation, mode);
		expect([m.type, m.default, (m.options as Array<{ value: string }>).map((o) => o.value)]).toEqual(['options', 'json', ['fields', 'json']]);
		expect(parameter(resource, operation, json).displayOptions?.show?.[mode]).toEqual(['json']);
		const r = parameter(resource, operation, rows);
		expect([r.type, r.typeOptions?.multipleValues, r.displayOptions?.show?.[mode]]).toEqual(['fixedCollection', true, ['fields']]);
	});
});

describe('role permissions', () => {
	const SCHEMA = { create: requestSchema('/api/v1/roles', 'post'), update: requestSchema('/api/v1/roles/{role}', 'patch') };
	const SPEC_PERMISSIONS = SPEC.paths['/api/v1/permissions'].get.responses['200'].content['application/json'].schema.example as string[];
	const base = { create: { roleName: 'guest_speaker', roleDisplayName: 'Guest Speaker' }, update: { roleId: 'role-1', updateFields: { display_name: 'Guest Speaker' } } };
	const permissions = { general_chat: true, screenshare: false, manage_roles: ['attendee', 'speaker'] };
	const rows = { permission: [{ name: 'general_chat', granted: true }, { name: 'screenshare', granted: false }, { name: 'manage_roles', roles: 'attendee, speaker' }] };

	it('the Name dropdown lists the team\'s permissions (GET /permissions), and a name the spec does not list is refused before sending', async () => {
		const name = rowFields(parameter('role', 'create', 'permissionsUi')).find((f) => f.name === 'name')!;
		expect(name.typeOptions?.loadOptionsMethod).toBe('getPermissions');
		const error = await sentBodies({ resource: 'role', operation: 'create', ...base.create, permissionsInputMode: 'fields', permissionsUi: { permission: [{ name: 'fly', granted: true }] } }).catch((e) => e);
		expect(String(error.message)).toMatch(/fly/);
		for (const known of SPEC_PERMISSIONS) {
			const [body] = await sentBodies({ resource: 'role', operation: 'create', ...base.create, permissionsInputMode: 'fields', permissionsUi: { permission: [{ name: known, granted: true }] } });
			expect((body as IDataObject).permissions).toEqual({ [known]: known === 'manage_roles' ? [] : true });
		}
	});

	it('refuses a permission row whose permission was not chosen, naming the field', async () => {
		const error = await sentBodies({ resource: 'role', operation: 'create', ...base.create, permissionsInputMode: 'fields', permissionsUi: { permission: [{ name: '', granted: true }] } }).catch((e) => e);
		expect(String(error.message)).toMatch(/Permission Name or ID: choose the permission of every row/);
	});

	it.each(['create', 'update'] as const)('%s: rows and JSON send the same body, valid against the spec', async (operation) => {
		const fromJson = await sentBodies({ resource: 'role', operation, ...base[operation], permissions: JSON.stringify(permissions) });
		const fromRows = await sentBodies({ resource: 'role', operation, ...base[operation], permissionsInputMode: 'fields', permissionsUi: rows });
		expect(fromRows).toEqual(fromJson);
		expect((fromRows[0] as IDataObject).permissions).toEqual(permissions);
		expect(specErrors(SCHEMA[operation], fromRows[0])).toEqual([]);
		expect(Object.keys(permissions).filter((p) => !SPEC_PERMISSIONS.includes(p))).toEqual([]);
	});

	it('a row of the rows form is validated as the JSON is, before sending', async () => {
		await expect(
			runDigitalSamba({ resource: 'role', operation: 'create', ...base.create, permissionsInputMode: 'fields', permissionsUi: { permission: [{ name: 'chat', granted: true }] } }),
		).rejects.toThrow(/unknown permission\(s\): chat/);
	});
});

describe('quiz questions', () => {
	const create = { resource: 'quiz', operation: 'create', roomId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', title: 'Capitals' };
	const update = { resource: 'quiz', operation: 'update', roomId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', quizId: 'q-1' };
	const questions = [
		{ text: 'Capital of Italy?', multiple: false, choices: [{ text: 'Rome', correct: true }, { text: 'Milan', correct: false }] },
		{ text: 'Cities in Italy?', multiple: true, choices: [{ text: 'Turin', correct: true }, { text: 'Lyon', correct: false }] },
	];
	const asRows = (list: IDataObject[]) => ({ question: list.map((q) => ({ ...q, choices: { choice: q.choices } })) });

	it('the questions and their choices can be reordered (order is what participants see)', () => {
		const rows = parameter('quiz', 'create', 'questionsUi');
		expect(rows.typeOptions?.sortable).toBe(true);
		expect(rowFields(rows).find((f) => f.name === 'choices')?.typeOptions).toEqual({ multipleValues: true, sortable: true });
	});

	it('create: rows and JSON send the same body, valid against the spec', async () => {
		const fromJson = await sentBodies({ ...create, questions: JSON.stringify(questions) });
		const fromRows = await sentBodies({ ...create, questionsInputMode: 'fields', questionsUi: asRows(questions) });
		expect(fromRows).toEqual(fromJson);
		expect(fromRows).toEqual([{ title: 'Capitals', questions }]);
		expect(specErrors(requestSchema('/api/v1/rooms/{room}/quizzes', 'post'), fromRows[0])).toEqual([]);
	});

	it('update: rows with IDs and no text (a partial update) send what the JSON does, valid against the spec', async () => {
		const partial = [{ id: 'qq-1', multiple: false, choices: [{ id: 'c-1', correct: false }, { id: 'c-2', correct: true }] }, { ...questions[0] }];
		// What n8n holds for a row's text left empty: ''.
		const rows = asRows([{ ...partial[0], text: '', choices: partial[0].choices.map((c) => ({ ...c, text: '' })) }, partial[1]]);
		const fromJson = await sentBodies({ ...update, questions: JSON.stringify(partial) });
		const fromRows = await sentBodies({ ...update, questionsInputMode: 'fields', questionsUi: rows });
		expect(fromRows).toEqual(fromJson);
		expect(fromRows).toEqual([{ questions: partial }]);
		expect(specErrors(requestSchema('/api/v1/rooms/{room}/quizzes/{quiz}', 'patch'), fromRows[0])).toEqual([]);
	});

	it('update: a Yes / No left unchosen in a row sends nothing, so a question or choice named by ID keeps its own', async () => {
		// What n8n holds for an unchosen optional Yes / No: ''.
		const rows = { question: [{ id: 'qq-1', text: '', multiple: '', choices: { choice: [{ id: 'c-1', text: 'Roma', correct: '' }] } }] };
		expect(await sentBodies({ ...update, questionsInputMode: 'fields', questionsUi: rows })).toEqual([{ questions: [{ id: 'qq-1', choices: [{ id: 'c-1', text: 'Roma' }] }] }]);
	});

	it('update: a new question (no ID) without choices is refused, as Create refuses it', async () => {
		const error = await sentBodies({ ...update, questions: JSON.stringify([{ text: 'New?', choices: [] }]) }).catch((e) => e);
		expect(String(error.message)).toMatch(/without an id is new and needs at least one choice/);
	});

	it('against the simulator: a question changed by ID keeps its text and choices; their order is kept', async () => {
		nock.enableNetConnect('127.0.0.1');
		const sim = await startDigitalSambaSimulator({ developerKey: DS_KEY, teamId: DS_TEAM });
		try {
			const room = sim.seedRoom();
			const options = { baseUrl: sim.url };
			const made = (await runDigitalSamba({ ...create, roomId: room.id, questionsInputMode: 'fields', questionsUi: asRows(questions) }, options)).output[0].json as any;
			expect(made.questions.map((q: IDataObject) => q.text)).toEqual(['Capital of Italy?', 'Cities in Italy?']);
			const [first, second] = made.questions;
			const change = { question: [
				{ id: second.id, text: '', choices: { choice: second.choices.map((c: IDataObject) => ({ id: c.id, text: '', correct: !c.correct })) } },
				{ id: first.id, text: '', choices: { choice: first.choices.map((c: IDataObject) => ({ id: c.id, text: '', correct: c.correct })) } },
			] };
			await runDigitalSamba({ ...update, roomId: room.id, quizId: made.id, questionsInputMode: 'fields', questionsUi: change }, options);
			const after = (await runDigitalSamba({ resource: 'quiz', operation: 'get', roomId: room.id, quizId: made.id }, options)).output[0].json as any;
			expect(after.questions.map((q: IDataObject) => q.text)).toEqual(['Cities in Italy?', 'Capital of Italy?']);
			expect(after.questions[0].choices.map((c: IDataObject) => [c.text, c.correct])).toEqual([['Turin', false], ['Lyon', true]]);
		} finally {
			await sim.close();
			nock.disableNetConnect();
		}
	});
});

describe('phone calls', () => {
	const joined = { resource: 'phone', operation: 'participantsJoined', roomId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' };
	const calls = [
		{ call_id: 'c-1', name: 'Ann', caller_number: '+4930123456', external_id: 'crm-1', muted: true },
		{ call_id: 'c-2', caller_number: '+4930999999', muted: false },
	];

	it('rows and JSON send the same body, valid against the spec', async () => {
		const fromJson = await sentBodies({ ...joined, calls: JSON.stringify(calls) });
		// Fields left empty in a row arrive as ''.
		const fromRows = await sentBodies({ ...joined, callsInputMode: 'fields', callsUi: { call: [calls[0], { ...calls[1], name: '', external_id: '' }] } });
		expect(fromRows).toEqual(fromJson);
		expect(fromRows).toEqual([calls]);
		expect(specErrors(requestSchema('/api/v1/rooms/{room}/phone-participants/joined', 'post'), fromRows[0])).toEqual([]);
	});

	it('a row without a call ID is refused before sending, as in JSON', async () => {
		await expect(runDigitalSamba({ ...joined, callsInputMode: 'fields', callsUi: { call: [{ name: 'Ann', muted: false }] } })).rejects.toThrow(/\(calls\[0\]\.call_id\): is required/);
		await expect(runDigitalSamba({ ...joined, callsInputMode: 'fields', callsUi: {} })).rejects.toThrow(/\(calls\): give at least one call/);
	});
});
