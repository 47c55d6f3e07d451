import { z } from 'zod';
import { stringList } from '../shared/formats/parse';
import { timeValue } from '../shared/formats/time';
import { collection, type CollectionSpec, field, type FieldSpec, idField, params, type RequiredField } from '../shared/parameters/fields';

/** A room's page: `https://<team domain>.digitalsamba.com/<friendly URL or ID>`, maybe with a token after it. */
export const ROOM_URL = '^https?://[^/]+\\.digitalsamba\\.com/([^/?#]+)(?:[/?#].*)?$';

/** A room: picked from the team's rooms, typed as its ID (UUID) or friendly URL, or pasted as its URL. */
export const roomField = (description = 'The room: its ID (UUID) or its friendly URL'): RequiredField<'roomId', 'string'> => ({
	...idField('roomId', 'Room', description),
	locator: { list: 'searchRooms', typed: 'id', url: { regex: ROOM_URL, placeholder: 'e.g. https://your-team.digitalsamba.com/weekly-standup' } },
});

/**
 * An identifier picked from a list that lives under other parameters (a poll under its room): the editor reloads
 * the list when one of them changes. Locators are named `<name>.value`, as n8n's loadOptionsDependsOn wants.
 */
export function pickedUnder<N extends string>(name: N, displayName: string, description: string, list: string, dependsOn: string[]): RequiredField<N, 'string'> {
	return { ...idField(name, displayName, description), locator: { list, typed: 'id', dependsOn } };
}

/** A session, listed from the chosen room when there is one. */
export const sessionField = (description = 'The ID (UUID) of the session') =>
	pickedUnder('sessionId', 'Session ID', description, 'searchSessions', ['roomId.value']);

/** The sort and cursor options every Digital Samba list accepts besides limit and offset. */
export const LIST_OPTION_FIELDS: FieldSpec[] = [
	{ displayName: 'Order', name: 'order', type: 'options', default: '', options: [['asc', 'Oldest First'], ['desc', 'Newest First']], description: 'Sort order (the API default is newest first)' },
	{ displayName: 'After', name: 'after', type: 'string', default: '', description: 'Only entries after the one with this ID' },
];

/** A list's Options collection: order and after, plus any filters of that list. */
export const listOptions = (filters: FieldSpec[] = []) =>
	periodInOrder(collection('options', 'Options', [...filters, ...LIST_OPTION_FIELDS], 'Add Option'));

/** Digital Samba refuses a period whose End Date is before its Start Date (422): say so before anything is sent. */
export function periodInOrder<N extends string>(options: CollectionSpec<N>): CollectionSpec<N> {
	return {
		...options,
		schema: options.schema.superRefine((value, ctx) => {
			// Calendar days (calendarDay below), which compare as text.
			const start = value?.date_start;
			const end = value?.date_end;
			if (typeof start === 'string' && typeof end === 'string' && start && end && end < start) {
				ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['date_end'], message: `must be on or after the Start Date (${start})` });
			}
		}),
	};
}

/** Digital Samba filters by calendar day (Y-m-d); any date or time a user types becomes that day. */
const calendarDay = timeValue('must be a date such as 2026-01-31').transform((time) => time.toFormat('yyyy-MM-dd'));

/** The date_start / date_end pair that statistics, session and participant lists accept. */
export const DATE_FIELDS: FieldSpec[] = [
	{ displayName: 'Start Date', name: 'date_start', type: 'string', default: '', zod: calendarDay, placeholder: 'e.g. 2026-01-01', description: 'First day of the period (YYYY-MM-DD; an ISO date-time is cut to its day)' },
	{ displayName: 'End Date', name: 'date_end', type: 'string', default: '', zod: calendarDay, placeholder: 'e.g. 2026-01-31', description: 'Last day of the period (YYYY-MM-DD; an ISO date-time is cut to its day)' },
];

const metricList = stringList
	.pipe(z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'each metric must be a snake_case name such as participation_minutes')).min(1, 'give at least one metric'))
	.transform((names) => names.join(','));

/** `metrics`: which figures to return, sent comma-separated (statistics and sessions). */
export const METRICS_FIELD = field({
	displayName: 'Metrics', name: 'metrics', type: 'stringList', default: '', zod: metricList,
	placeholder: 'e.g. participation_minutes, sessions',
	description: 'Only these figures, comma-separated (e.g. participation_minutes, broadcasted_minutes, subscribed_minutes); all when empty',
});

/** A list filter or export option: only what one session produced. */
export const sessionFilter = (what: string): FieldSpec => ({
	displayName: 'Session ID', name: 'session_id', type: 'string', default: '', description: `Only the ${what} of this session (UUID)`,
});

const LOCALE = field({
	displayName: 'Language', name: 'locale', type: 'options', default: '',
	options: [['en', 'English'], ['de', 'German'], ['it', 'Italian'], ['es', 'Spanish']],
	description: 'Language of the export\'s headings and labels',
});

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

/**
 * The room of a path the contract documents with the room's UUID only ("The UUID of the room."): a friendly URL or a
 * link is read as the room's UUID before sending (roomUuid.ts), so the field takes all three as elsewhere.
 */
export const ROOM_UUID_DESCRIPTION = 'The room: its ID (UUID), friendly URL or link (this call takes the ID, which the node looks up from the friendly URL)';
export const roomUuid = () => roomField(ROOM_UUID_DESCRIPTION);

/** Parameters of a CSV import (polls, quizzes): the room and the input binary field. */
export const importParams = () => params([
	roomUuid(),
	{ displayName: 'Input Binary Field', name: 'binaryPropertyName', type: 'string', default: 'data', required: true, description: 'The binary field of the input item that holds the CSV file' },
]);
