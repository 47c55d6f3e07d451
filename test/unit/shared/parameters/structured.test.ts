import type { INode, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { collection, type FieldSpec, params } from '../../../../nodes/shared/parameters/fields';
import { collectionWithRows, type RowGroup, rowsProperty, rowsValue, type StructuredInput, withStructured } from '../../../../nodes/shared/parameters/structured';
import { validateParameters } from '../../../../nodes/shared/parameters/validate';

const node: INode = { id: 'n1', name: 'Digital Samba', type: 'n8n-nodes-video-conferencing.digitalSamba', typeVersion: 1, position: [0, 0], parameters: {} };
const text = (name: string, displayName: string): FieldSpec => ({ name, displayName, type: 'string', description: displayName });

const PERMISSIONS_JSON: FieldSpec = {
	displayName: 'Permissions (JSON)', name: 'permissions', type: 'json', required: true, description: 'Permission name to true or false',
	zod: z.record(z.boolean({ invalid_type_error: 'must be true or false' })),
};
const permissionRows: RowGroup = {
	name: 'permissionsUi', displayName: 'Permissions', item: 'permission', itemDisplayName: 'Permission',
	fields: [text('name', 'Permission'), { name: 'granted', displayName: 'Granted', type: 'boolean', description: 'Granted' }],
};
const permissions: StructuredInput = {
	json: PERMISSIONS_JSON, mode: 'permissionsInputMode', modeDefault: 'json', rows: permissionRows,
	toValue: (rows, invalid) => (rows.some((r) => !r.name) ? invalid('each permission needs a name') : Object.fromEntries(rows.map((r) => [r.name, r.granted]))),
};
const roleName: FieldSpec = { displayName: 'Name', name: 'roleName', type: 'string', required: true, description: 'Role name' };
const create = withStructured(params([roleName, PERMISSIONS_JSON]), permissions);
const fromRows = (...rows: object[]) => ({ roleName: 'guest', permissionsInputMode: 'fields', permissionsUi: { permission: rows } });

describe('rowsProperty', () => {
	it('is a fixedCollection of one option holding the fields of a row', () => {
		expect(rowsProperty(permissionRows)).toEqual({
			displayName: 'Permissions', name: 'permissionsUi', type: 'fixedCollection', typeOptions: { multipleValues: true }, placeholder: 'Add Permission', default: {},
			options: [{ name: 'permission', displayName: 'Permission', values: [
				{ displayName: 'Permission', name: 'name', type: 'string', default: '', description: 'Permission' },
				{ displayName: 'Granted', name: 'granted', type: 'boolean', default: false, description: 'Granted' },
			] }],
		});
		const single = rowsProperty({ ...permissionRows, single: true, sortable: true });
		expect(single.typeOptions).toEqual({ multipleValues: false, sortable: true });
	});

	it('sorts the fields by label from 5 on, and nests a group as a fixedCollection', () => {
		const names = (group: RowGroup) => (rowsProperty(group).options![0] as { values: INodeProperties[] }).values.map((v) => v.displayName);
		const four = ['D', 'B', 'C', 'A'].map((l) => text(l.toLowerCase(), l));
		expect(names({ ...permissionRows, fields: four })).toEqual(['D', 'B', 'C', 'A']);
		expect(names({ ...permissionRows, fields: [...four, text('e', 'E')] })).toEqual(['A', 'B', 'C', 'D', 'E']);
		const nested = rowsProperty({ ...permissionRows, fields: [{ ...permissionRows, name: 'inner', displayName: 'Inner' }] });
		expect((nested.options![0] as { values: INodeProperties[] }).values[0]).toMatchObject({ name: 'inner', type: 'fixedCollection' });
	});
});

describe('rowsValue', () => {
	it('reads the rows as n8n stores them, dropping empty values but not false or 0', () => {
		const stored = { permission: [{ name: 'chat', granted: false }, { name: '', granted: null }, { name: 'broadcast', extra: 1 }] };
		expect(rowsValue(permissionRows, stored)).toEqual([{ name: 'chat', granted: false }, {}, { name: 'broadcast' }]);
		expect(rowsValue(permissionRows, {})).toEqual([]);
		expect(rowsValue(permissionRows, undefined)).toEqual([]);
	});

	it('reads a single set of fields (an object) as one row, and nested groups as lists', () => {
		const sip: RowGroup = { ...permissionRows, single: true, fields: [text('uri', 'URI'), { ...permissionRows, name: 'codecs', item: 'codec', fields: [text('id', 'ID')] }] };
		expect(rowsValue(sip, { permission: { uri: 'sip:a@b', codecs: { codec: [{ id: 'opus' }, { id: 0 }] } } })).toEqual([{ uri: 'sip:a@b', codecs: [{ id: 'opus' }, { id: 0 }] }]);
		expect(rowsValue(sip, { permission: { uri: 'sip:a@b' } })).toEqual([{ uri: 'sip:a@b', codecs: [] }]);
	});
});

describe('withStructured', () => {
	it('puts Input Mode, the JSON parameter and the rows where the JSON parameter stood', () => {
		expect(create.properties.map((p) => p.name)).toEqual(['roleName', 'permissionsInputMode', 'permissions', 'permissionsUi']);
		const [, mode, json, rows] = create.properties;
		expect(mode).toMatchObject({ type: 'options', default: 'json' });
		expect(mode.options!.map((o) => (o as { value: string }).value).sort()).toEqual(['fields', 'json']);
		expect(json).toMatchObject({ name: 'permissions', type: 'json', displayOptions: { show: { permissionsInputMode: ['json'] } } });
		expect(rows).toMatchObject({ type: 'fixedCollection', displayOptions: { show: { permissionsInputMode: ['fields'] } } });
	});

	it('sends the same value either way, and JSON when no mode is saved', () => {
		const expected = { roleName: 'guest', permissions: { chat: true, broadcast: false } };
		expect(create.schema.parse({ roleName: 'guest', permissions: { chat: true, broadcast: false }, permissionsUi: { permission: [{ name: 'x' }] } })).toEqual(expected);
		expect(create.schema.parse(fromRows({ name: 'chat', granted: true }, { name: 'broadcast', granted: false }))).toEqual(expected);
	});

	it('fails rows with the JSON schema\'s messages, and with what toValue reports, naming the rows', () => {
		const run = (raw: unknown) => () => validateParameters(node, create.schema, raw, create.properties, 0);
		expect(run({ roleName: 'guest', permissions: { chat: 'yes' } })).toThrow('Invalid parameter Permissions (JSON) → chat (permissions.chat): must be true or false');
		expect(run(fromRows({ name: 'chat', granted: 'yes' }))).toThrow('Invalid parameter Permissions (JSON) → chat (permissions.chat): must be true or false');
		expect(run(fromRows({ granted: true }))).toThrow('Invalid parameter Permissions (permissionsUi): each permission needs a name');
	});

	it('hands the operation\'s schema the JSON parameter only, without Input Mode or the rows', () => {
		const seen = withStructured({ properties: [], schema: z.record(z.unknown()) }, permissions).schema;
		expect(seen.parse({ permissionsInputMode: 'json', permissions: { chat: true }, permissionsUi: { permission: [] } })).toEqual({ permissions: { chat: true } });
		expect(seen.parse(fromRows({ name: 'chat', granted: true }))).toEqual({ roleName: 'guest', permissions: { chat: true } });
	});

	it('reads the rows when the mode defaults to fields', () => {
		const schema = withStructured(params([PERMISSIONS_JSON]), { ...permissions, modeDefault: 'fields' }).schema;
		expect(schema.parse({ permissionsUi: { permission: [{ name: 'chat', granted: true }] } })).toEqual({ permissions: { chat: true } });
	});
});

describe('collectionWithRows', () => {
	const questions: RowGroup = { name: 'questionsUi', displayName: 'Questions', item: 'question', itemDisplayName: 'Question', fields: [text('text', 'Text')] };
	const settings = collectionWithRows(collection('additionalFields', 'Additional Fields', [
		{ displayName: 'Title', name: 'title', type: 'string', description: 'Title' },
		{ displayName: 'Questions (JSON)', name: 'questions', type: 'json', description: 'Questions' },
	]), [{ json: 'questions', rows: questions, toValue: (rows) => rows }]);

	it('offers the rows next to the JSON field, in label order', () => {
		expect((settings.property.options as INodeProperties[]).map((o) => o.displayName)).toEqual(['Questions', 'Questions (JSON)', 'Title']);
	});

	it('turns rows into the JSON field, sends nothing for rows left empty, and refuses both at once', () => {
		expect(settings.schema.parse({ questionsUi: { question: [{ text: 'Why?' }] } })).toEqual({ questions: [{ text: 'Why?' }] });
		expect(settings.schema.parse({ title: 'Q', questionsUi: {} })).toEqual({ title: 'Q' });
		expect(settings.schema.parse(undefined)).toBeUndefined();
		const both = settings.schema.safeParse({ questions: '[]', questionsUi: { question: [{ text: 'Why?' }] } });
		expect(both.success).toBe(false);
		expect(both.error!.issues).toEqual([expect.objectContaining({ path: ['questionsUi'], message: 'give either Questions or its JSON field (questions), not both' })]);
		expect(settings.schema.safeParse({ colour: 'red' }).success).toBe(false);
	});
});
