import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';
import { collection, type FieldSpec } from '../shared/fields';

export const enc = encodeURIComponent;

/** Copies the defined entries of an object (drops undefined, keeps false and 0). */
export function defined(object: IDataObject | undefined): IDataObject {
	const out: IDataObject = {};
	for (const [k, v] of Object.entries(object ?? {})) if (v !== undefined) out[k] = v;
	return out;
}

/** A required identifier parameter (a UUID or, where the API allows it, a friendly URL). */
export function idField(name: string, displayName: string, description: string): FieldSpec {
	return { displayName, name, type: 'string', default: '', required: true, description };
}

export const roomField = (description = 'The room: its ID (UUID) or its friendly URL') =>
	idField('roomId', 'Room', description);

export const sessionField = (description = 'The ID (UUID) of the session') =>
	idField('sessionId', 'Session ID', description);

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
