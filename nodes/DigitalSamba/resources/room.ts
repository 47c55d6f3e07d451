import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';
import { stringList } from '../../shared/formats/parse';
import { operation, type OperationDescriptor, type RequestSpec, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, field, type FieldSpec, params, pick } from '../../shared/parameters/fields';
import { listOptions, roomField } from '../fields';
import { createRoomSettings, nonEmpty, updateRoomSettings } from '../roomSettings';
import { dsOffset } from '../transport';

const DELETE_RESOURCES = field({
	displayName: 'Delete Resources', name: 'delete_resources', type: 'boolean', default: false,
	description: 'Whether to also delete everything the room\'s sessions produced: recordings, chat, transcripts, Q&A, poll and quiz results, shared files',
});
const DELETE_HISTORY = field({
	displayName: 'Delete History', name: 'delete_history', type: 'boolean', default: false,
	description: 'Whether to also anonymize the personal data of the room\'s past participants',
});
const DELETE_LIBRARY = field({
	displayName: 'Delete Library', name: 'delete_library', type: 'boolean', default: false,
	description: 'Whether to also delete the room\'s content library',
});

const deleteOptions = (fields: FieldSpec[]) => collection('options', 'Options', fields, 'Add Option');

/** The flags set, or no body at all when none is. */
const flagsBody = (options?: IDataObject) => {
	const flags = defined(options);
	return Object.keys(flags).length ? flags : undefined;
};

const getAll = params([], [
	listOptions([
		{ displayName: 'Tags', name: 'tag', type: 'stringList', default: '', description: 'Only rooms with these tags (comma-separated)' },
	]),
]);

const create = params([
	{
		displayName: 'Privacy', name: 'privacy', type: 'options', default: 'public', required: true,
		options: [['private', 'Private'], ['public', 'Public']],
		description: 'Public rooms can be joined with the room link; private rooms need a link that carries a valid token',
	},
], [createRoomSettings()]);

const byRoom = params([roomField()]);

const deleteByTags = params([
	{
		displayName: 'Tags', name: 'tags', type: 'stringList', default: '', required: true,
		description: 'Comma-separated tags; every room with any of them is deleted (rooms with a live session are skipped)',
		zod: stringList.pipe(z.array(z.string()).min(1, 'must name at least one tag')),
	},
], [deleteOptions([DELETE_RESOURCES, DELETE_HISTORY, DELETE_LIBRARY])]);

const operations: OperationDescriptor[] = [
	operation({
		resource: 'room', operation: 'getAll', name: 'Get Many', action: 'Get many rooms',
		simplify: pick('id', 'friendly_url', 'description', 'privacy', 'room_url', 'external_id', 'created_at', 'updated_at'),
		description: 'List the team\'s rooms, newest first unless ordered otherwise, optionally only those with given tags',
		...getAll,
		repeatable: true,
		request: (p) => {
			const { tag, ...rest } = (p.options ?? {}) as IDataObject;
			return { method: 'GET', path: '/rooms', qs: defined({ ...rest, tag: Array.isArray(tag) ? tag.join(',') : undefined }) };
		},
		paginate: dsOffset,
	}),
	operation({
		resource: 'room', operation: 'get', name: 'Get', action: 'Get a room',
		simplify: pick('id', 'friendly_url', 'description', 'privacy', 'room_url', 'external_id', 'created_at', 'updated_at'),
		description: 'Get a room and all its settings by ID or friendly URL',
		...byRoom,
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/rooms/${pathSegment(p.roomId)}` }),
	}),
	operation({
		resource: 'room', operation: 'create', name: 'Create', action: 'Create a room',
		description: 'Create a room with any of its 120+ settings; returns the room with its ID and friendly URL',
		...create,
		// Decided per call (below): a room without a friendly URL is made once. The operation says false, for the notice:
		// a create without one, sent again, would make a second room.
		repeatable: false,
		run: async (ctx, p) => {
			const friendlyUrl = (p.settings as IDataObject | undefined)?.friendly_url;
			// With a friendly URL a create retried after a lost answer recognises its own room (below), so it may be
			// sent again; without one it is sent once, never making a room twice.
			const repeatable = typeof friendlyUrl === 'string';
			const spec: RequestSpec = { method: 'POST', path: '/rooms', body: { privacy: p.privacy, ...defined(p.settings) }, acceptStatus: [422], repeatable };
			const created = await ctx.send(spec);
			if (created.statusCode !== 422) return created.body as IDataObject;
			// A create retried after its answer may have been lost meets its own room as a taken friendly URL: return
			// that room rather than fail. Only a retry after such a failure (not after a 429) can be sure it is its own.
			const taken = JSON.stringify((created.body as IDataObject)?.errors ?? {}).includes('friendly_url');
			if (created.ambiguous && taken && typeof friendlyUrl === 'string') {
				const { body } = await ctx.send({ method: 'GET', path: `/rooms/${pathSegment(friendlyUrl)}`, repeatable: true });
				return { ...(body as IDataObject), existing: true };
			}
			return ctx.fail(spec, created);
		},
	}),
	operation({
		resource: 'room', operation: 'update', name: 'Update', action: 'Update a room',
		description: 'Change settings of a room found by ID or friendly URL; returns the room after the change',
		...params([roomField()], [nonEmpty(updateRoomSettings())]),
		repeatable: true,
		request: (p) => ({ method: 'PATCH', path: `/rooms/${pathSegment(p.roomId)}`, body: defined(p.settings) }),
	}),
	operation({
		resource: 'room', operation: 'delete', name: 'Delete', action: 'Delete a room',
		description: 'Delete a room, optionally with its content, participant history and library; a live session is ended first',
		...params([roomField()], [deleteOptions([DELETE_RESOURCES, DELETE_HISTORY, DELETE_LIBRARY])]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/rooms/${pathSegment(p.roomId)}`, body: flagsBody(p.options) }),
		output: (_body, p) => ({ deleted: true, id: p.roomId }),
	}),
	operation({
		resource: 'room', operation: 'deleteByTags', name: 'Delete by Tags', action: 'Delete rooms by tags',
		description: 'Queue the deletion of every room that has any of the given tags; runs in the background and skips live rooms',
		...deleteByTags,
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: '/rooms', body: { tags: p.tags, ...defined(p.options) } }),
		// 202 Accepted: the deletion is queued, not done yet.
		output: (_body, p) => ({ success: true, queued: true, tags: p.tags }),
	}),
	operation({
		resource: 'room', operation: 'deleteResources', name: 'Delete Resources', action: 'Delete the resources of a room',
		description: 'Delete everything the room\'s sessions produced (recordings, chat, transcripts, Q&A, poll and quiz results, files) but keep the room; fails while the room is live',
		...params([roomField()], [deleteOptions([DELETE_HISTORY, DELETE_LIBRARY])]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/rooms/${pathSegment(p.roomId)}/resources`, body: flagsBody(p.options) }),
		output: (_body, p) => ({ deleted: true, roomId: p.roomId }),
	}),
];

export const room: ResourceDescriptor = { value: 'room', name: 'Room', operations };
