import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { jsonValue } from '../formats/parse';
import { TIME_HINT } from '../formats/time';
import { collection, type CollectionSpec, field, type FieldSpec, params } from './fields';
import { type StructuredInput, withStructured } from './structured';

/*
 * Scheduled Meeting → Create or Get, as every provider's node offers it: the fields of a booking, the room name an
 * External ID gives (the same on every run, so a second run finds the room the first made), the window the links
 * work in, and the output (the meeting, or one item per person, with fields shaped for n8n's iCalendar node).
 */

/** One person of a booking, as validated: a role of the provider's (host or guest, or a team role). */
export interface Person {
	name: string;
	email?: string;
	role: string;
	userId?: string;
}

/**
 * The Role field of a person, as the provider declares it (its roles, or its loadOptions method listing the
 * account's, and the default one): `{ displayName: 'Role', name: 'role', type: 'options', ... }`.
 */
export type RoleField = FieldSpec<'role', 'options'>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function personSchema(roles: RoleField) {
	// Listed from the account (loadOptions without options): the account decides, any non-blank role passes here.
	const values = roles.loadOptions && !roles.options ? undefined : roles.options?.map(([value]) => value);
	const role = values ? z.enum(values as [string, ...string[]], { errorMap: () => ({ message: `must be one of ${values.join(', ')}` }) }) : z.string().regex(/\S/, 'must not be blank');
	return z.object({
		name: z.string({ required_error: 'is required', invalid_type_error: 'must be text' }).regex(/\S/, 'must not be blank'),
		email: z.string().regex(EMAIL, 'must be an email address such as ana@example.com').optional(),
		role: role.default(String(roles.default)),
		userId: z.string().max(36, 'must be at most 36 characters').optional(),
	}).strict();
}

function peopleJson(roles: RoleField) {
	return field({
		displayName: 'People (JSON)',
		name: 'people',
		type: 'json',
		required: true,
		default: '[{"name": "Ana", "email": "ana@example.com"}]',
		description: 'Who is invited, each {"name", "email", "role", "userId"} (role as in the Role field of a row); each gets a link of their own',
		zod: jsonValue.pipe(z.array(personSchema(roles), { invalid_type_error: 'must be a JSON array of people' }).min(1, 'must list at least one person')),
	});
}

function peopleInput(roles: RoleField, json: FieldSpec): StructuredInput {
	return {
		json,
		mode: 'peopleInputMode',
		modeDefault: 'fields',
		rows: {
			name: 'peopleUi', displayName: 'People', item: 'person', itemDisplayName: 'Person', placeholder: 'Add Person',
			fields: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The name the person is shown with in the meeting' },
				{ displayName: 'Email', name: 'email', type: 'string', default: '', placeholder: 'name@email.com', description: 'Where the link goes (passed on in the output); also the user ID in the meeting when no User ID is given' },
				roles,
				{ displayName: 'User ID', name: 'userId', type: 'string', default: '', description: 'Your ID for the person (at most 36 characters), as the meeting and its attendance report it' },
			],
		},
		toValue: (rows) => rows,
	};
}

const externalId = field({
	displayName: 'External ID', name: 'externalId', type: 'string', required: true, default: '',
	description: 'Your ID of the booking (a form entry, a deal, a calendar event): the same ID always gives the same meeting, so running again is safe',
});
const title = field({ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'What the meeting is called in the output and the calendar invite' });
const start = field({ displayName: 'Start', name: 'start', type: 'isoTime', required: true, default: '', description: `When the meeting starts: ${TIME_HINT}` });
const end = field({ displayName: 'End', name: 'end', type: 'isoTime', default: '', description: 'When the meeting ends; empty: Start plus Duration' });
const duration = field({ displayName: 'Duration (Minutes)', name: 'durationMinutes', type: 'number', default: 60, integer: true, min: 1, description: 'How long the meeting lasts, when End is empty' });
const output = field({
	displayName: 'Output', name: 'output', type: 'options', default: 'meeting',
	options: [['meeting', 'One Item per Meeting', 'The meeting with its people and their links'], ['people', 'One Item per Person', 'Each person with their link and the meeting, ready for an email or chat node']],
	description: 'What the node returns',
});

const bookingOptions = collection('bookingOptions', 'Options', [
	{ displayName: 'ID Namespace', name: 'idNamespace', type: 'string', default: '', description: 'Keeps the IDs of two booking systems apart: the same External ID in another namespace is another meeting' },
	{ displayName: 'Links Work From (Minutes Before Start)', name: 'joinEarlyMinutes', type: 'number', default: 15, integer: true, min: 0, description: 'How early people may join (default 15)' },
	{ displayName: 'Links Work Until (Minutes After End)', name: 'linkGraceMinutes', type: 'number', default: 60, integer: true, min: 0, description: 'How long after the end the links still work (default 60)' },
	{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Text for the calendar invite; the meeting link is added to it' },
], 'Add Option');

/**
 * The booking's parameters around the provider's own (`fields`, `collections`: privacy, room options): External ID,
 * title, start, end or duration, the people as rows or JSON, Output, and Options (namespace, link window, description).
 */
export function bookingParams<const F extends FieldSpec = never, C extends CollectionSpec<string, unknown> = never>(roles: RoleField, fields: F[] = [], collections: C[] = []) {
	const people = peopleJson(roles);
	return withStructured(params([externalId, title, start, end, duration, people, ...fields, output], [...collections, bookingOptions]), peopleInput(roles, people));
}

/** Scheduled Meeting → Cancel's parameters: the External ID and, under Options, the namespace it was booked in. */
export function cancelParams() {
	return params(
		[field({ displayName: 'External ID', name: 'externalId', type: 'string', required: true, default: '', description: 'The External ID the meeting was booked with' })],
		[collection('bookingOptions', 'Options', [
			{ displayName: 'ID Namespace', name: 'idNamespace', type: 'string', default: '', description: 'The namespace the meeting was booked in, if any' },
		], 'Add Option')],
	);
}

/** What bookingParams' schema gives (the provider's own fields apart). */
export interface Booking {
	externalId: string;
	title?: string;
	start: string;
	end?: string;
	durationMinutes?: number;
	people: unknown;
	output?: string;
	bookingOptions?: { idNamespace?: string; joinEarlyMinutes?: number; linkGraceMinutes?: number; description?: string };
}

/** When the meeting is, and when its links work (unix seconds). */
export interface BookingWindow {
	start: DateTime;
	end: DateTime;
	linksFrom: number;
	linksUntil: number;
}

/** The meeting's window from a validated booking; an End not after Start is refused, naming both. */
export function bookingWindow(p: Booking, fail: (message: string) => Error): BookingWindow {
	const begins = DateTime.fromISO(p.start, { zone: 'utc' });
	const ends = p.end ? DateTime.fromISO(p.end, { zone: 'utc' }) : begins.plus({ minutes: p.durationMinutes ?? 60 });
	if (ends <= begins) throw fail(`End: must be after Start (Start ${begins.toISO()}, End ${ends.toISO()})`);
	const early = p.bookingOptions?.joinEarlyMinutes ?? 15;
	const grace = p.bookingOptions?.linkGraceMinutes ?? 60;
	return { start: begins, end: ends, linksFrom: Math.floor(begins.minus({ minutes: early }).toSeconds()), linksUntil: Math.floor(ends.plus({ minutes: grace }).toSeconds()) };
}

/**
 * The room name of a booking: a readable part from the namespace and External ID, then 16 hex digits of their
 * SHA-256, so two IDs that read alike ("A 1", "a-1") still get two rooms. Letters, digits and '-' only, at most
 * `maxLength` characters (the provider's limit on room names), the same on every run.
 */
export function bookedRoomName(externalId: string, namespace = '', maxLength = 64): string {
	const hash = createHash('sha256').update(JSON.stringify([namespace, externalId])).digest('hex').slice(0, 16);
	const readable = `${namespace ? `${namespace}-` : ''}${externalId}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
	const prefix = 'mtg-';
	const kept = readable.slice(0, Math.max(0, maxLength - prefix.length - hash.length - 1)).replace(/-+$/, '');
	return `${prefix}${kept ? `${kept}-` : ''}${hash}`;
}

/** A person with the link the provider made for them. */
export interface LinkedPerson extends Person {
	link: string;
	/** The token the link carries, where it carries one. */
	token?: string;
}

/** What the provider made: its room, and whether this run made it (false: an earlier run did). */
export interface BookedRoom {
	name: string;
	url: string;
	id?: string;
	created: boolean;
	/** Options changed on the room by this run, where the provider allows changing them. */
	updated?: string[];
}

/**
 * The output: one item for the meeting (its room, people, links, and `calendar`: the fields of n8n's iCalendar node,
 * Convert to File → iCal: title, start, end, description with the links, location, url, uid, attendees), or, with
 * Output "One Item per Person", one item per person with the meeting beside it.
 */
export function bookingOutput(p: Booking, window: BookingWindow, room: BookedRoom, people: LinkedPerson[]): IDataObject[] {
	const title = p.title || `Meeting ${p.externalId}`;
	const namespace = p.bookingOptions?.idNamespace ?? '';
	const meeting: IDataObject = {
		externalId: p.externalId,
		...(namespace ? { idNamespace: namespace } : {}),
		title,
		start: window.start.toISO(),
		end: window.end.toISO(),
		linksValidFrom: DateTime.fromSeconds(window.linksFrom, { zone: 'utc' }).toISO(),
		linksValidUntil: DateTime.fromSeconds(window.linksUntil, { zone: 'utc' }).toISO(),
		room: room as unknown as IDataObject,
	};
	const attendees = people.filter((person) => person.email).map((person) => ({ name: person.name, email: person.email, rsvp: false }));
	const calendar = {
		title,
		start: meeting.start,
		end: meeting.end,
		description: [p.bookingOptions?.description, `Join: ${room.url}`, 'Each invitee joins with their own link, sent with this invite.'].filter(Boolean).join('\n\n'),
		location: room.url,
		url: room.url,
		uid: `${room.name}@${namespace || 'booking'}`,
		attendees,
	};
	const persons = people.map((person) => ({ ...person }) as unknown as IDataObject);
	if (p.output === 'people') return persons.map((person) => ({ ...person, meeting, calendar: { ...calendar, description: `${calendar.description}\n\nYour link: ${String(person.link)}` } }));
	return [{ ...meeting, people: persons, calendar }];
}

/** The people of a validated booking (rows and JSON both give this list). */
export function bookedPeople(p: Booking): Person[] {
	return p.people as Person[];
}
