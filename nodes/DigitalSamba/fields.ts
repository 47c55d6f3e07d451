import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';
import { collection, type FieldSpec, idField } from '../shared/fields';

export { defined, enc, idField } from '../shared/fields';

/** A room's page: `https://<team domain>.digitalsamba.com/<friendly URL or ID>`, maybe with a token after it. */
export const ROOM_URL = '^https?://[^/]+\\.digitalsamba\\.com/([^/?#]+)(?:[/?#].*)?$';

/** A room: picked from the team's rooms, typed as its ID (UUID) or friendly URL, or pasted as its URL. */
export const roomField = (description = 'The room: its ID (UUID) or its friendly URL'): FieldSpec => ({
	...idField('roomId', 'Room', description),
	locator: { list: 'searchRooms', typed: 'id', url: { regex: ROOM_URL, placeholder: 'e.g. https://your-team.digitalsamba.com/weekly-standup' } },
});

/** A session, listed from the chosen room when there is one. */
export const sessionField = (description = 'The ID (UUID) of the session') =>
	idField('sessionId', 'Session ID', description, 'searchSessions');

/** The sort and cursor options every Digital Samba list accepts besides limit and offset. */
export const LIST_OPTION_FIELDS: FieldSpec[] = [
	{ displayName: 'Order', name: 'order', type: 'options', default: '', options: [['asc', 'Oldest First'], ['desc', 'Newest First']], description: 'Sort order (the API default is newest first)' },
	{ displayName: 'After', name: 'after', type: 'string', default: '', description: 'Only entries after the one with this ID' },
];

/** A list's Options collection: order and after, plus any filters of that list. */
export const listOptions = (filters: FieldSpec[] = []) =>
	periodInOrder(collection('options', 'Options', [...filters, ...LIST_OPTION_FIELDS], 'Add Option'));

/** Digital Samba refuses a period whose End Date is before its Start Date (422): say so before anything is sent. */
export function periodInOrder(options: ReturnType<typeof collection>): ReturnType<typeof collection> {
	return {
		property: options.property,
		schema: options.schema.superRefine((value: { date_start?: string; date_end?: string } | undefined, ctx) => {
			if (value?.date_start && value.date_end && value.date_end < value.date_start) {
				ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['date_end'], message: `must be on or after the Start Date (${value.date_start})` });
			}
		}),
	};
}

/** Output of a call that answers 204 or an empty 200. */
export const deleted = (extra: IDataObject) => () => ({ deleted: true, ...extra });
export const done = (extra: IDataObject) => () => ({ success: true, ...extra });
