import { randomBytes } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';
import { booleanFromText, jsonObject, jsonValue, listFromText, listItems } from '../../shared/formats/parse';
import { operation, type OperationContext, type OperationDescriptor, type OperationResult, propertyOf, type RequestSpec, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, field, params, pick, withResets } from '../../shared/parameters/fields';
import { type StructuredInput, withStructured } from '../../shared/parameters/structured';
import { CAN_ADMIN, CAN_SEND, dailyCursor, parsedJson, ROOM_NAME_PATTERN, ROOM_RESETS, roomNameField, roomProperties } from '../fields';


const privacy = field({
	displayName: 'Privacy',
	name: 'privacy',
	type: 'options',
	default: '',
	options: [['public', 'Public'], ['private', 'Private']],
	description: 'Public rooms can be joined by anyone with the link; private rooms need a meeting token or knocking',
});

const create = params(
	[
		// A new name: typed, never picked.
		{ ...roomNameField('Name of the new room; leave empty for a random one of 20 letters and digits (made by the node, so that a create sent again after a lost answer finds its own room)'), required: false, locator: undefined },
		privacy,
	],
	[
		roomProperties(),
		collection('options', 'Options', [
			{
				displayName: 'Return Existing Room If Name Is Taken',
				name: 'returnExisting',
				type: 'boolean',
				default: false,
				description: 'Whether to return the existing room instead of failing when a room with this name already exists',
			},
		], 'Add Option'),
	],
);

const NAME_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random room name of the kind Daily makes (20 letters and digits): no other room has it. */
function generatedRoomName(): string {
	return Array.from(randomBytes(20), (byte) => NAME_ALPHABET[byte % NAME_ALPHABET.length]).join('');
}

async function createRoom(
	ctx: OperationContext,
	p: { roomName?: string; privacy?: string; properties?: IDataObject; options?: { returnExisting?: boolean } },
) {
	// Named by the node when the user gives no name: a create sent again after a 5xx, a timeout or a dropped
	// connection then meets its own room ("already exists") instead of making a second one.
	const name = p.roomName ?? generatedRoomName();
	const body = defined({ name, privacy: p.privacy, properties: p.properties });
	const spec: RequestSpec = { method: 'POST', path: '/rooms', body, acceptStatus: [400], repeatable: true };
	const created = await ctx.send(spec);
	if (created.statusCode !== 400) return created.body as IDataObject;
	const info = String((created.body as IDataObject | undefined)?.info ?? '');
	if (!/already exists/i.test(info)) return ctx.fail(spec, created);
	// Daily answers a taken name with 400 "already exists". Sent again after a failure that may have made it, the
	// room is this call's own; otherwise it was there before, which Return Existing Room accepts.
	if (!created.ambiguous && !p.options?.returnExisting) return ctx.fail(spec, created);
	const { body: room } = await ctx.send({ method: 'GET', path: `/rooms/${pathSegment(name)}`, repeatable: true });
	return created.ambiguous ? (room as IDataObject) : { ...(room as IDataObject), existing: true };
}

const byName = params([roomNameField()]);
// Only Update sets a property back to Daily's default: a new room has the defaults already.
const update = params([roomNameField(), privacy], [withResets(roomProperties(), ROOM_RESETS)]);

const roomsInput = z
	.array(
		z.object({
			name: z.string().regex(ROOM_NAME_PATTERN.regex, ROOM_NAME_PATTERN.message).optional(),
			privacy: z.enum(['public', 'private']).optional(),
			// Checked as Room → Create checks them: only Daily's room properties, each of its type.
			properties: roomProperties().schema,
		}).strict(),
	)
	.min(1, 'must list at least one room');

const roomsJson = field({
	displayName: 'Rooms (JSON)',
	name: 'rooms',
	type: 'json',
	required: true,
	default: '[{"name": "room-1", "privacy": "private"}]',
	description: 'An array of rooms to create in one call, each {"name", "privacy", "properties"}',
	zod: jsonValue.pipe(roomsInput),
});

/** The rooms as rows or, as saved workflows have them, as JSON. */
const roomsInputMode: StructuredInput = {
	json: roomsJson,
	mode: 'roomsInputMode',
	modeDefault: 'json',
	rows: {
		name: 'roomsUi', displayName: 'Rooms', item: 'room', itemDisplayName: 'Room',
		fields: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The room name; Daily makes one up when empty' },
			{ displayName: 'Privacy', name: 'privacy', type: 'options', default: 'public', options: [['private', 'Private'], ['public', 'Public']], description: 'Whether a meeting token is needed to join' },
			{ displayName: 'Properties (JSON)', name: 'properties', type: 'json', default: '', description: 'Room properties, e.g. {"exp": 1790000000, "enable_chat": true}' },
		],
	},
	toValue: (rows, invalid) =>
		rows.map((row) => ({ ...row, ...(typeof row.properties === 'string' ? { properties: parsedJson(row.properties, `Properties (JSON) of room '${String(row.name ?? '')}'`, invalid) } : {}) })),
};

const createMany = withStructured(params([roomsJson]), roomsInputMode);

/** Comma-separated text or an array of texts, as its items (listItems); unlike stringList's, the array holds no numbers. */
const listOfTexts = z.union([z.string(), z.array(z.string())]).transform(listItems);

const deleteMany = params([
	{
		displayName: 'Room Names',
		name: 'roomNames',
		type: 'stringList',
		default: '',
		required: true,
		description: 'Comma-separated names of the rooms to delete',
		zod: listOfTexts.pipe(z.array(z.string().regex(ROOM_NAME_PATTERN.regex, ROOM_NAME_PATTERN.message)).min(1, 'must name at least one room').max(1000, 'must name at most 1000 rooms (Daily deletes at most 1000 per call)')),
	},
]);

const presence = params([roomNameField()], [
	collection('filters', 'Filters', [
		{ displayName: 'User ID', name: 'userId', type: 'string', default: '', description: 'Only this user' },
		{ displayName: 'User Name', name: 'userName', type: 'string', default: '', description: 'Only participants with this name' },
		{ displayName: 'Limit', name: 'limit', type: 'number', default: 50, typeOptions: { minValue: 1 }, integer: true, min: 1, description: 'Max number of results to return' },
	], 'Add Filter'),
]);

const appMessage = params([
	roomNameField(),
	{
		displayName: 'Message (JSON)',
		name: 'data',
		type: 'json',
		default: '{}',
		required: true,
		description: 'The JSON message to deliver to participants, at most 4 KB',
		zod: jsonObject.refine((v) => Buffer.byteLength(JSON.stringify(v)) <= 4096, 'must be at most 4 KB as JSON'),
	},
	{
		displayName: 'Recipient',
		name: 'recipient',
		type: 'string',
		default: '*',
		description: 'A participant session ID, or * for everyone',
	},
]);

const idList = (max: number) => listOfTexts.pipe(z.array(z.string()).max(max, `must list at most ${max} IDs`));

const eject = params([roomNameField()], [
	collection('targets', 'Participants', [
		{ displayName: 'Session Names or IDs', name: 'ids', type: 'multiOptions', loadOptions: 'getParticipants', typeOptions: { loadOptionsDependsOn: ['roomName.value'] }, default: [], description: 'The participants in the room to eject (at most 100). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.', zod: idList(100) },
		{ displayName: 'User IDs', name: 'user_ids', type: 'stringList', default: '', description: 'Comma-separated user IDs to eject (at most 100)', zod: idList(100) },
		{ displayName: 'Ban', name: 'ban', type: 'boolean', default: false, description: 'Whether the ejected users may not join again' },
	], 'Add Participants'),
]);


/** The spec's canSend / canAdmin: a boolean (all or none) or a list of values; the list also as comma-separated text. */
const allOrSome = (values: Array<[string, string]>) => {
	const one = z.enum(values.map(([v]) => v) as [string, ...string[]], { errorMap: () => ({ message: `each value must be one of ${values.map(([v]) => `'${v}'`).join(', ')}, or the whole field true or false` }) });
	return z.preprocess(
		(v) => listFromText(booleanFromText(v)),
		z.union([z.boolean(), z.array(one)]),
	);
};

const permissions = params([
	roomNameField(),
	{ displayName: 'Session Names or IDs', name: 'sessionIds', type: 'multiOptions', loadOptions: 'getParticipants', typeOptions: { loadOptionsDependsOn: ['roomName.value'] }, default: [], required: true, description: 'The participants in the room to update. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.', zod: idList(1000).pipe(z.array(z.string()).min(1, 'must list at least one session ID')) },
], [
	collection('permissions', 'Permissions', [
		{ displayName: 'Has Presence', name: 'hasPresence', type: 'boolean', default: false, description: 'Whether the participants are visible to others' },
		{ displayName: 'Can Send', name: 'canSend', type: 'multiOptions', default: [], options: CAN_SEND, zod: allOrSome(CAN_SEND), description: 'Which media the participants may send; an expression may give true (all) or false (none)' },
		{ displayName: 'Can Receive (JSON)', name: 'canReceive', type: 'json', default: '', zod: jsonValue.pipe(z.record(z.unknown(), { invalid_type_error: 'must be a JSON object' })), description: 'Whose media the participants receive, e.g. {"base": false, "byUserId": {"host": true}}' },
		{ displayName: 'Can Admin', name: 'canAdmin', type: 'multiOptions', default: [], options: CAN_ADMIN, zod: allOrSome(CAN_ADMIN), description: 'What the participants may administer; an expression may give true (all) or false (none)' },
	], 'Add Permission'),
]);

const setSessionData = params([
	roomNameField(),
	{ displayName: 'Data (JSON)', name: 'data', type: 'json', default: '', required: true, zod: jsonObject, description: 'The session data to store, a JSON object' },
	{ displayName: 'Merge Strategy', name: 'mergeStrategy', type: 'options', options: [['replace', 'Replace'], ['shallow-merge', 'Shallow Merge']], default: 'replace', description: 'Whether the data replaces what is stored or is merged into it key by key' },
	{ displayName: 'Keys to Delete', name: 'keysToDelete', type: 'stringList', default: '', description: 'Comma-separated keys to remove (with Shallow Merge)' },
]);

const operations: OperationDescriptor[] = [
	operation({
		resource: 'room', operation: 'create', name: 'Create', action: 'Create a room',
		description: 'Create a room; returns the room with its URL. A taken name fails unless "Return Existing Room" is set.',
		...create,
		repeatable: true,
		run: createRoom,
	}),
	operation({
		resource: 'room', operation: 'get', name: 'Get', action: 'Get a room',
		simplify: pick('id', 'name', 'url', 'privacy', 'created_at'),
		description: 'Get a room by name, with its URL and non-default properties',
		...byName,
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/rooms/${pathSegment(p.roomName)}` }),
	}),
	operation({
		resource: 'room', operation: 'getAll', name: 'Get Many', action: 'Get many rooms',
		simplify: pick('id', 'name', 'url', 'privacy', 'created_at'),
		description: 'List the rooms of the domain, newest first',
		...params([]),
		repeatable: true,
		request: () => ({ method: 'GET', path: '/rooms' }),
		paginate: dailyCursor(),
	}),
	operation({
		resource: 'room', operation: 'update', name: 'Update', action: 'Update a room',
		description: 'Change the privacy or properties of a room',
		...update,
		repeatable: true,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomName)}`, body: defined({ privacy: p.privacy, properties: p.properties ?? {} }) }),
	}),
	operation({
		resource: 'room', operation: 'delete', name: 'Delete', action: 'Delete a room',
		description: 'Delete a room by name',
		...byName,
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/rooms/${pathSegment(p.roomName)}`, rateClass: 'slow' }),
		output: (body, p) => ({ deleted: true, name: p.roomName, ...(body && typeof body === 'object' ? body : {}) }),
	}),
	operation({
		resource: 'room', operation: 'createMany', name: 'Create Many', action: 'Create many rooms',
		description: 'Create several rooms in one call; returns one item per room',
		...createMany,
		repeatable: false,
		request: (p) => ({ method: 'POST', path: '/batch/rooms', body: { rooms: p.rooms }, rateClass: 'batch' }),
		output: (body) => {
			const data = propertyOf(body, 'data');
			// An answer without the list is passed on as it came.
			return Array.isArray(data) ? (data as IDataObject[]) : (body as OperationResult);
		},
	}),
	operation({
		resource: 'room', operation: 'deleteMany', name: 'Delete Many', action: 'Delete many rooms',
		description: 'Delete several rooms by name in one call (at most 1000); returns how many were deleted',
		...deleteMany,
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: '/batch/rooms', body: { rooms: p.roomNames }, rateClass: 'batch' }),
	}),
	operation({
		resource: 'room', operation: 'getPresence', name: 'Get Presence', action: 'Get who is in a room',
		description: 'List the participants in a room right now, one item each',
		...presence,
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/rooms/${pathSegment(p.roomName)}/presence`, qs: defined(p.filters) }),
		output: (body) => {
			const data = propertyOf(body, 'data');
			return Array.isArray(data) ? (data as IDataObject[]) : [];
		},
	}),
	operation({
		resource: 'room', operation: 'sendAppMessage', name: 'Send App Message', action: 'Send an app message to a room',
		description: 'Send a JSON message to the participants of a running meeting',
		...appMessage,
		repeatable: false,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomName)}/send-app-message`, body: { data: p.data, recipient: p.recipient ?? '*' } }),
	}),
	operation({
		resource: 'room', operation: 'eject', name: 'Eject Participants', action: 'Eject participants from a room',
		description: 'Remove participants from a meeting by session ID or user ID, optionally banning them',
		...eject,
		repeatable: true,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomName)}/eject`, body: defined(p.targets) }),
	}),
	operation({
		resource: 'room', operation: 'updatePermissions', name: 'Update Participant Permissions', action: 'Update participant permissions',
		description: 'Change what participants of a running meeting may send, see and administer',
		...permissions,
		repeatable: true,
		request: (p) => ({
			method: 'POST',
			path: `/rooms/${pathSegment(p.roomName)}/update-permissions`,
			body: { data: Object.fromEntries(p.sessionIds.map((id: string) => [id, defined(p.permissions)])) },
		}),
	}),
	operation({
		resource: 'room', operation: 'getSessionData', name: 'Get Session Data', action: 'Get the session data of a room',
		description: 'Get the data stored for the running meeting of a room',
		...byName,
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/rooms/${pathSegment(p.roomName)}/get-session-data` }),
	}),
	operation({
		resource: 'room', operation: 'setSessionData', name: 'Set Session Data', action: 'Set the session data of a room',
		description: 'Store data for the running meeting of a room, replacing or merging',
		...setSessionData,
		repeatable: true,
		request: (p) => ({
			method: 'POST',
			path: `/rooms/${pathSegment(p.roomName)}/set-session-data`,
			body: defined({ data: p.data, mergeStrategy: p.mergeStrategy, keysToDelete: p.keysToDelete }),
		}),
	}),
];

export const room: ResourceDescriptor = { value: 'room', name: 'Room', operations };
