import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { pathSegment, params } from '../../shared/parameters/fields';
import { answered, exportCall } from '../common';
import { exportParams, listOptions, roomField, sessionField, sessionFilter } from '../fields';
import { dsOffset } from '../transport';

const TEXT_FORMATS: Array<[string, string]> = [['txt', 'Text'], ['json', 'JSON'], ['csv', 'CSV'], ['zip', 'ZIP (CSV and Text)']];

const operations: OperationDescriptor[] = [
	operation({
		resource: 'chat', operation: 'getAll', name: 'Get Many', action: 'Get many chat messages',
		description: 'List the public chat messages of a room, optionally of one session, one item per message with sender and time',
		...params([roomField()], [listOptions([sessionFilter('messages')])]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/rooms/${pathSegment(p.roomId)}/chat`, qs: { ...(p.options ?? {}) } }),
		paginate: dsOffset,
	}),
	operation({
		resource: 'chat', operation: 'send', name: 'Send Message', action: 'Send a chat message',
		description: 'Post a message to the public chat of a room',
		...params([
			roomField(),
			{ displayName: 'Message', name: 'message', type: 'string', default: '', required: true, typeOptions: { rows: 3 }, description: 'The text to post' },
		]),
		repeatable: false,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomId)}/chat`, body: { message: p.message } }),
		output: answered((p) => ({ roomId: p.roomId, message: p.message })),
	}),
	operation({
		resource: 'chat', operation: 'export', name: 'Export', action: 'Export chat messages',
		description: 'Download the chat of a room, optionally of one session, as a text, JSON, CSV or ZIP file in a binary field',
		...exportParams('The room: its ID (UUID) or its friendly URL', TEXT_FORMATS, sessionFilter('messages')),
		repeatable: true,
		...exportCall((p) => `/rooms/${pathSegment(String(p.roomId))}/chat/export`, 'chat'),
	}),
	operation({
		resource: 'chat', operation: 'deleteAll', name: 'Delete All', action: 'Delete all chat messages of a room',
		description: 'Delete every chat message of a room, across all its sessions',
		...params([roomField()]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/rooms/${pathSegment(p.roomId)}/chat` }),
		output: (_body, p) => ({ deleted: true, roomId: p.roomId }),
	}),
	operation({
		resource: 'chat', operation: 'deleteBySession', name: 'Delete by Session', action: 'Delete the chat messages of a session',
		description: 'Delete the chat messages of one session',
		...params([sessionField()]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/sessions/${pathSegment(p.sessionId)}/chat` }),
		output: (_body, p) => ({ deleted: true, sessionId: p.sessionId }),
	}),
];

export const chat: ResourceDescriptor = { value: 'chat', name: 'Chat', operations };
