import type { IDataObject } from 'n8n-workflow';
import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';
import { collection, type FieldSpec, params } from '../../shared/fields';
import { enc, listOptions, roomField, sessionField } from '../fields';
import { dsOffset } from '../transport';

/** A list filter or export option: only what one session produced. */
export const sessionFilter = (what: string): FieldSpec => ({
	displayName: 'Session ID', name: 'session_id', type: 'string', default: '', description: `Only the ${what} of this session (UUID)`,
});

const LOCALE: FieldSpec = {
	displayName: 'Language', name: 'locale', type: 'options', default: '',
	options: [['en', 'English'], ['de', 'German'], ['it', 'Italian'], ['es', 'Spanish']],
	description: 'Language of the export\'s headings and labels',
};

/**
 * Parameters of the exports of chat, Q&A, polls and quizzes: room, format, and options sent as query
 * parameters (the contract lists `locale` as a body field of most of these GETs, and as a query parameter
 * of the quiz export; a GET body is often dropped on the way, so the query it is).
 * Every format list includes txt, the default.
 */
export function exportParams(roomDescription: string, formats: Array<[string, string]>, session?: FieldSpec) {
	return params([
		roomField(roomDescription),
		{ displayName: 'Format', name: 'format', type: 'options', default: 'txt', required: true, options: formats, description: 'File format of the export' },
	], [collection('options', 'Options', session ? [session, LOCALE] : [LOCALE], 'Add Option')]);
}

/** GET {path}?format&…options, answered as a file named {base}-{room}.{format}. */
export function exportCall(path: (p: IDataObject) => string, base: string): Pick<OperationDescriptor, 'request' | 'binaryOutput'> {
	return {
		request: (p) => ({ method: 'GET', path: path(p), qs: { format: p.format, ...(p.options ?? {}) } }),
		binaryOutput: { fileName: (p) => `${base}-${p.roomId}.${p.format}` },
	};
}

/** The answer when it has content, else `{ success: true, ...extra }` (action calls answer 200 with an empty body or {}). */
export const answered = (extra: (p: IDataObject) => IDataObject) => (body: unknown, p: IDataObject) =>
	body && typeof body === 'object' && Object.keys(body).length ? (body as IDataObject) : { success: true, ...extra(p) };

const TEXT_FORMATS: Array<[string, string]> = [['txt', 'Text'], ['json', 'JSON'], ['csv', 'CSV'], ['zip', 'ZIP (CSV and Text)']];

const operations: OperationDescriptor[] = [
	{
		resource: 'chat', operation: 'getAll', name: 'Get Many', action: 'Get many chat messages',
		description: 'List the public chat messages of a room, optionally of one session, one item per message with sender and time',
		...params([roomField()], [listOptions([sessionFilter('messages')])]),
		request: (p) => ({ method: 'GET', path: `/rooms/${enc(p.roomId)}/chat`, qs: { ...(p.options ?? {}) } }),
		paginate: dsOffset,
	},
	{
		resource: 'chat', operation: 'send', name: 'Send Message', action: 'Send a chat message',
		description: 'Post a message to the public chat of a room',
		...params([
			roomField(),
			{ displayName: 'Message', name: 'message', type: 'string', default: '', required: true, typeOptions: { rows: 3 }, description: 'The text to post' },
		]),
		request: (p) => ({ method: 'POST', path: `/rooms/${enc(p.roomId)}/chat`, body: { message: p.message } }),
		output: answered((p) => ({ roomId: p.roomId, message: p.message })),
	},
	{
		resource: 'chat', operation: 'export', name: 'Export', action: 'Export chat messages',
		description: 'Download the chat of a room, optionally of one session, as a text, JSON, CSV or ZIP file in a binary field',
		...exportParams('The room: its ID (UUID) or its friendly URL', TEXT_FORMATS, sessionFilter('messages')),
		...exportCall((p) => `/rooms/${enc(String(p.roomId))}/chat/export`, 'chat'),
	},
	{
		resource: 'chat', operation: 'deleteAll', name: 'Delete All', action: 'Delete all chat messages of a room',
		description: 'Delete every chat message of a room, across all its sessions',
		...params([roomField()]),
		request: (p) => ({ method: 'DELETE', path: `/rooms/${enc(p.roomId)}/chat` }),
		output: (_body, p) => ({ deleted: true, roomId: p.roomId }),
	},
	{
		resource: 'chat', operation: 'deleteBySession', name: 'Delete by Session', action: 'Delete the chat messages of a session',
		description: 'Delete the chat messages of one session',
		...params([sessionField()]),
		request: (p) => ({ method: 'DELETE', path: `/sessions/${enc(p.sessionId)}/chat` }),
		output: (_body, p) => ({ deleted: true, sessionId: p.sessionId }),
	},
];

export const chat: ResourceDescriptor = { value: 'chat', name: 'Chat', operations };
