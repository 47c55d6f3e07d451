import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { jsonValue, listItems } from '../../shared/formats/parse';
import { operation, type OperationDescriptor, type PrepareContext, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, type FieldSpec, idField, params } from '../../shared/parameters/fields';
import { type StructuredInput, withStructured } from '../../shared/parameters/structured';
import { type AccountList, checkedAgainstTeam, checkListed } from '../accountLists';
import { LIST_OPTION_FIELDS } from '../fields';
import { dsOffset } from '../transport';

/**
 * Every permission `GET /permissions` lists (reference/providers.md §2.6: general_chat, room_reactions, not chat or
 * emoji_reactions): accepted without asking the team, and the fallback when the team's own list cannot be read.
 */
export const PERMISSIONS = [
	'access_qa', 'answer_privately_qa', 'answer_qa', 'ask_question_anonymously_qa', 'ask_question_qa', 'ask_remote_unmute',
	'avatar_upload', 'ban_participants', 'broadcast', 'chat_reactions', 'clear_chat', 'clear_content', 'collaborate_in_notes',
	'control_room_components', 'control_room_entry', 'delete_others_chat_messages', 'download_qa', 'edit_whiteboard',
	'end_session', 'export_chat', 'general_chat', 'invite_participant', 'lock_content', 'manage_breakout', 'manage_broadcast',
	'manage_content_library', 'manage_edit_whiteboard', 'manage_personal_content_library', 'manage_phone_users',
	'manage_poll_templates', 'manage_polls', 'manage_private_whiteboard', 'manage_roles', 'manage_screenshare', 'moderate_qa',
	'pin_panels', 'present_content_library', 'private_chat', 'push_content', 'raise_hand', 'recording', 'remote_muting',
	'remove_chat', 'remove_participant', 'rename_participants', 'restreaming', 'room_reactions', 'screenshare',
	'see_all_questions', 'see_content_badges', 'see_notes', 'see_participants_panel', 'see_questions_author',
	'see_roles_in_participants_panel', 'self_rename', 'start_session', 'transcribe_session', 'upvote_qa',
];

/** The permissions the team's API lists (GET /permissions); the documented ones when that list cannot be read. */
export const PERMISSION_LIST: AccountList = { path: '/permissions', builtIn: PERMISSIONS };

/**
 * `{name: true|false}` (manage_roles: the roles it may manage), or a list of names meaning "granted". The names are
 * checked against the team's list before sending (checkPermissions), not here: Digital Samba may add some.
 */
const permissionMap = jsonValue.pipe(
	z
		.union([z.array(z.string()).transform((names) => Object.fromEntries(names.map((n) => [n, true]))), z.record(z.unknown())], {
			errorMap: () => ({ message: 'must be an object such as {"general_chat": true} or a list of permission names' }),
		})
		.superRefine((map, ctx) => {
			for (const [name, value] of Object.entries(map)) {
				const ok = name === 'manage_roles' ? Array.isArray(value) && value.every((r) => typeof r === 'string') : typeof value === 'boolean';
				if (!ok) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [name], message: name === 'manage_roles' ? 'must be a list of role names' : 'must be true or false' });
			}
		}),
);

const roleId = idField('roleId', 'Role', 'The role: its ID (UUID) or its name', 'searchRoles');
const ROLE_NAME = { regex: /^[A-Za-z0-9_-]{1,30}$/, message: "may contain only letters, digits, '-' and '_', at most 30 characters" };
const displayNameZod = z.string().min(3, 'must be at least 3 characters').max(100, 'must be at most 100 characters');

const permissionsField = (required: boolean): FieldSpec<'permissions'> => ({
	displayName: 'Permissions (JSON)', name: 'permissions', type: 'json', default: '{}', required, zod: permissionMap,
	description: 'What the role may do, e.g. {"general_chat": true, "screenshare": false, "manage_roles": ["attendee"]}, or a list of granted names such as ["general_chat", "raise_hand"]',
});

/** The permissions as rows (a name from the list and whether it is granted) or as JSON; saved workflows hold JSON. */
const permissionsInput: StructuredInput = {
	json: permissionsField(true),
	mode: 'permissionsInputMode',
	modeDefault: 'json',
	rows: {
		name: 'permissionsUi', displayName: 'Permissions', item: 'permission', itemDisplayName: 'Permission',
		description: 'What the role may do: one row per permission',
		fields: [
			// The dropdown lists the team's permissions (GET /permissions); the value is checked against the same list.
			{ displayName: 'Permission Name or ID', name: 'name', type: 'options', default: '', loadOptions: 'getPermissions', description: 'The permission. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' },
			{ displayName: 'Granted', name: 'granted', type: 'boolean', default: true, description: 'Whether the role has this permission' },
			{
				displayName: 'Roles It May Manage', name: 'roles', type: 'stringList', default: '',
				description: 'For Manage Roles only: the names of the roles this role may manage, comma-separated, e.g. attendee, speaker',
			},
		],
	},
	// manage_roles holds the roles it may manage; every other permission true or false.
	toValue: (rows, invalid) =>
		rows.some((r) => !r.name)
			? invalid('Permission Name or ID: choose the permission of every row')
			: Object.fromEntries(rows.map((r) => [r.name, r.name === 'manage_roles' ? listItems(String(r.roles ?? '')) : r.granted ?? true])),
};

/** Refuses, before sending, permissions the team's API does not list, naming the field and the permissions it lists. */
const checkPermissions = (properties: INodeProperties[]) => async (ctx: PrepareContext, p: Record<string, unknown>) => {
	const names = Object.keys((p.permissions ?? {}) as IDataObject).map((name) => ({ name, path: ['permissions'] }));
	await checkListed(ctx, PERMISSION_LIST, names, properties, (unknown, allowed) => `unknown permission(s): ${unknown.join(', ')}; permissions are ${allowed}`);
};

const create = withStructured(params([
	{ displayName: 'Name', name: 'roleName', type: 'string', default: '', required: true, pattern: ROLE_NAME, placeholder: 'e.g. guest_speaker', description: 'Unique name of the role: letters, digits, dashes and underscores, at most 30 characters' },
	{ displayName: 'Display Name', name: 'roleDisplayName', type: 'string', default: '', required: true, zod: displayNameZod, description: 'The name people see, 3 to 100 characters' },
	permissionsField(true),
], [collection('additionalFields', 'Additional Fields', [
	{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'What the role is for' },
])]), permissionsInput);

const update = withStructured(params([roleId, permissionsField(true)], [collection('updateFields', 'Update Fields', [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', pattern: ROLE_NAME, description: 'New unique name: letters, digits, dashes and underscores, at most 30 characters' },
	{ displayName: 'Display Name', name: 'display_name', type: 'string', default: '', zod: displayNameZod, description: 'New name people see, 3 to 100 characters' },
	{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'New description' },
])]), permissionsInput);

const operations: OperationDescriptor[] = [
	operation({
		resource: 'role', operation: 'getAll', name: 'Get Many', action: 'Get many roles',
		description: 'List the roles of the team (moderator, speaker, attendee and custom ones), one item each',
		...params([], [collection('options', 'Options', [LIST_OPTION_FIELDS[0]], 'Add Option')]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: '/roles', qs: defined(p.options) }),
		paginate: dsOffset,
	}),
	operation({
		resource: 'role', operation: 'get', name: 'Get', action: 'Get a role',
		description: 'Get one role with all its permissions',
		...params([roleId]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/roles/${pathSegment(p.roleId)}` }),
	}),
	checkedAgainstTeam(operation({
		resource: 'role', operation: 'create', name: 'Create', action: 'Create a role',
		description: 'Create a custom role with a name, a display name and its permissions',
		...create,
		repeatable: false,
		request: (p) => ({
			method: 'POST',
			path: '/roles',
			body: { name: p.roleName, display_name: p.roleDisplayName, permissions: p.permissions, ...defined(p.additionalFields) },
		}),
	}), checkPermissions(create.properties)),
	checkedAgainstTeam(operation({
		resource: 'role', operation: 'update', name: 'Update', action: 'Update a role',
		description: 'Change the permissions of a role, and optionally its name, display name or description',
		...update,
		repeatable: true,
		request: (p) => ({ method: 'PATCH', path: `/roles/${pathSegment(p.roleId)}`, body: { ...defined(p.updateFields), permissions: p.permissions } }),
	}), checkPermissions(update.properties)),
	operation({
		resource: 'role', operation: 'delete', name: 'Delete', action: 'Delete a role',
		description: 'Delete a custom role of the team, by its ID or name',
		...params([roleId]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/roles/${pathSegment(p.roleId)}` }),
		output: (_body, p) => ({ deleted: true, roleId: p.roleId }),
	}),
	operation({
		resource: 'role', operation: 'getPermissions', name: 'Get Permissions', action: 'Get the available permissions',
		description: 'List the permission names a role can grant, e.g. general_chat or room_reactions, one item each',
		...params([]),
		repeatable: true,
		request: () => ({ method: 'GET', path: '/permissions' }),
		// GET /permissions answers a bare array of strings.
		output: (body) => (Array.isArray(body) ? body.map((name) => ({ name })) : []),
	}),
];

export const role: ResourceDescriptor = { value: 'role', name: 'Role and Permission', operations };
