import type { IDataObject } from 'n8n-workflow';
import { operation, type OperationContext, type OperationDescriptor, propertyOf, type RequestSpec, type ResourceDescriptor } from '../../shared/model/descriptor';
import { type BookedRoom, bookedPeople, cancelParams, bookedRoomName, bookingOutput, bookingParams, bookingWindow, type LinkedPerson, type Person } from '../../shared/parameters/booking';
import { defined, field, pathSegment } from '../../shared/parameters/fields';
import { bookingRoomSettings } from '../roomSettings';
import { createSigned, signingTeamId, teamDomain } from './roomToken';

/*
 * A booked meeting is a Digital Samba room whose friendly URL is named after the External ID (bookedRoomName, at most
 * 32 characters: the spec's limit; lower-case letters, digits and dashes) and whose external_id is the booking's key
 * (bookingKey). Digital Samba refuses a second room with one friendly URL ("Must be unique"), so two items or two runs
 * with one ID end with one room: whoever comes second finds the room and adopts it, but only when its external_id is
 * this booking's; a room made otherwise that happens to use the friendly URL is never taken over. Links carry a room
 * token signed locally, as Room Token → Create Signed Token signs it (roomToken.ts), so they cost no request.
 */

const privacy = field({
	displayName: 'Privacy', name: 'privacy', type: 'options', default: 'private',
	options: [['private', 'Private'], ['public', 'Public']],
	description: 'Private: only people with their link (it carries a token) can join. Public: anyone with the room link can.',
});

/** The presets GET /roles lists in the spec; a role named otherwise is looked up in the team's list before booking. */
const PRESET_ROLES = ['moderator', 'speaker', 'attendee'];

/**
 * Guests join as attendees (the spec's GET /roles: the preset "conceived as the role with the lowest rank"), hosts as
 * moderators (the preset "conceived to have all permissions": admitting, removing people, recording).
 */
const GUEST_ROLE = 'attendee';

// The dropdown lists the team's roles (getRoles, as typeOptions.loadOptionsMethod in the node's description).
const role = field({
	displayName: 'Role Name or ID', name: 'role', type: 'options', loadOptions: 'getRoles', default: GUEST_ROLE,
	description: 'A role of the team: moderator for hosts (they can admit, mute and remove people, and record), attendee for guests, speaker, or a custom role. Role names are accepted as IDs. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
});

const createOrGet = bookingParams(role, [privacy], [bookingRoomSettings()]);

const cancel = cancelParams();

/** The room's external_id for a booking: `namespace/External ID`, or the External ID alone without a namespace. */
export function bookingKey(externalId: string, namespace = ''): string {
	return namespace ? `${namespace}/${externalId}` : externalId;
}

/** The booking's friendly URL: Digital Samba allows 3 to 32 characters. */
const friendlyUrlOf = (externalId: string, namespace?: string) => bookedRoomName(externalId, namespace, 32);

/** The room another booking or a person made under this friendly URL: left alone, and the run fails saying so. */
function foreignRoom(ctx: OperationContext, friendlyUrl: string, room: IDataObject, key: string, what: string): Error {
	const theirs = typeof room.external_id === 'string' && room.external_id ? `external ID ${room.external_id}` : 'no external ID';
	return ctx.error(
		`Another room uses the friendly URL ${friendlyUrl} (room ${String(room.id)}, ${theirs}, not ${key}): ${what}`,
		'Friendly URLs are unique in a Digital Samba team, and this booking\'s room is found by its friendly URL and recognised by its external ID. Change that room\'s friendly URL, or book with another External ID or ID Namespace.',
	);
}

/** The team's roles, names and IDs, read once per execution; undefined when the team has more than one page of them. */
async function teamRoles(ctx: OperationContext): Promise<Set<string> | undefined> {
	return await ctx.once('digitalSamba:teamRoles', async () => {
		const { body } = await ctx.send({ method: 'GET', path: '/roles', qs: { limit: 100 }, repeatable: true });
		const roles = (Array.isArray(body) ? body : propertyOf(body, 'data')) as IDataObject[] | undefined;
		if (!Array.isArray(roles) || Number(propertyOf(body, 'total_count') ?? roles.length) > roles.length) return undefined;
		return new Set(roles.flatMap((r) => [r.name, r.id]).filter((v): v is string => typeof v === 'string'));
	});
}

/** Refuses, before the room is made, a role the team does not have (the token would name a role no one can join as). */
async function checkRoles(ctx: OperationContext, people: Person[]): Promise<void> {
	const asked = [...new Set(people.map((person) => person.role))].filter((role) => !PRESET_ROLES.includes(role));
	if (!asked.length) return;
	const known = await teamRoles(ctx);
	const unknown = known ? asked.filter((role) => !known.has(role)) : [];
	if (unknown.length) {
		const names = [...known!].filter((name) => !/^[0-9a-f-]{36}$/i.test(name)).map((name) => `'${name}'`).join(', ');
		throw ctx.error(`Invalid parameter People: role ${unknown.map((r) => `'${r}'`).join(', ')} is not a role of the team; the team has ${names} (GET /roles)`);
	}
}

/**
 * Whether the room already has a value asked for: roles (and breakouts) it answers as objects match by ID or name;
 * anything else compares as JSON. A value the room answers otherwise (or not at all) counts as changed: set again.
 */
function sameValue(has: unknown, wanted: unknown): boolean {
	if (Array.isArray(wanted)) return Array.isArray(has) && has.length === wanted.length && wanted.every((w, i) => sameValue(has[i], w));
	if (typeof wanted === 'string' && has !== null && typeof has === 'object') return (has as IDataObject).id === wanted || (has as IDataObject).name === wanted;
	return has !== undefined && JSON.stringify(has) === JSON.stringify(wanted);
}

/** The booked room: made by this call, or found from an earlier one (then what this run asks differently is set on it). */
async function createOrGetRoom(ctx: OperationContext, friendlyUrl: string, key: string, wanted: IDataObject): Promise<{ room: IDataObject; created: boolean; updated?: string[] }> {
	// The friendly URL is the booking's, so sending the create again can only meet its own room (a taken friendly
	// URL, then found below by its external ID): repeatable.
	const create: RequestSpec = { method: 'POST', path: '/rooms', body: { ...wanted, friendly_url: friendlyUrl, external_id: key }, acceptStatus: [400, 422], repeatable: true };
	// A second pass only when the room that took the friendly URL is gone by the time it is read (cancelled meanwhile).
	for (let pass = 0; pass < 2; pass++) {
		const made = await ctx.send(create);
		if (made.statusCode < 400) return { room: made.body as IDataObject, created: true };
		// Taken, and nothing else wrong: Laravel's "The friendly url has already been taken." as the only error.
		const errors = propertyOf(made.body, 'errors');
		const fields = errors && typeof errors === 'object' ? Object.keys(errors) : [];
		if (fields.length !== 1 || fields[0] !== 'friendly_url' || !/taken|unique|exists/i.test(JSON.stringify(errors))) return ctx.fail(create, made);
		const found = await ctx.send({ method: 'GET', path: `/rooms/${pathSegment(friendlyUrl)}`, acceptStatus: [404], repeatable: true });
		if (found.statusCode === 404) continue;
		const room = found.body as IDataObject;
		if (room.external_id !== key) throw foreignRoom(ctx, friendlyUrl, room, key, 'it was not changed, and no meeting was booked');
		// An earlier run's room: privacy and the settings this run asks for, where the room has them otherwise, are set
		// on it with PATCH /rooms/{room} (it takes privacy and every setting offered here); no call when none differs.
		const changed = Object.keys(wanted).filter((name) => !sameValue(room[name], wanted[name]));
		if (!changed.length) return { room, created: false, updated: [] };
		const body = Object.fromEntries(changed.map((name) => [name, wanted[name]]));
		const { body: patched } = await ctx.send({ method: 'PATCH', path: `/rooms/${pathSegment(String(room.id))}`, body, repeatable: true });
		return { room: { ...room, ...(patched as IDataObject) }, created: false, updated: changed };
	}
	throw ctx.error(`The room with the friendly URL ${friendlyUrl} was deleted while this meeting was being booked: run again`);
}

const operations: OperationDescriptor[] = [
	operation({
		resource: 'scheduledMeeting', operation: 'createOrGet', name: 'Create or Get', action: 'Create or get a scheduled meeting by external ID without duplicates',
		description:
			'Book a meeting in one step: a Digital Samba room for the External ID and a link per person with their role (hosts as moderators). Safe to repeat: the same External ID gives the same room, updated to the privacy and settings given, with fresh links.',
		...createOrGet,
		repeatable: true,
		run: async (ctx, p) => {
			// Everything that can be refused is refused before the room is made.
			signingTeamId(ctx);
			const window = bookingWindow(p, (m) => ctx.error(m));
			const namespace = p.bookingOptions?.idNamespace;
			const friendlyUrl = friendlyUrlOf(p.externalId, namespace);
			const key = bookingKey(p.externalId, namespace);
			await checkRoles(ctx, bookedPeople(p));
			const wanted: IDataObject = { privacy: p.privacy ?? 'private', ...defined(p.settings as IDataObject | undefined) };
			// Read before the room is made: past the room only local signing follows, so a failed item has booked nothing.
			const domain = await ctx.once('digitalSamba:teamDomain', async () => await teamDomain(ctx));
			const { room, created, updated } = await createOrGetRoom(ctx, friendlyUrl, key, wanted);
			const people: LinkedPerson[] = [];
			for (const person of bookedPeople(p)) {
				const userId = person.userId ?? person.email;
				// Claims of the spec's "Payload structure": td and rd (createSigned), u user name, ud external user ID, role, nbf, exp.
				const additionalFields = defined({ u: person.name, ud: userId, role: person.role, nbf: window.linksFrom, exp: window.linksUntil });
				const { token, link } = await createSigned(ctx, { roomId: String(room.id), teamDomain: domain, friendlyUrl, additionalFields });
				people.push({ ...person, ...(userId ? { userId } : {}), token, link });
			}
			const booked: BookedRoom = {
				name: friendlyUrl, url: `https://${domain}.digitalsamba.com/${pathSegment(friendlyUrl)}`, id: String(room.id), created,
				...(updated ? { updated } : {}),
			};
			return bookingOutput(p, window, booked, people);
		},
	}),
	operation({
		resource: 'scheduledMeeting', operation: 'cancel', name: 'Cancel', action: 'Cancel a scheduled meeting',
		description: 'Delete the room booked for an External ID, so its links stop working. Safe to repeat: a meeting already cancelled is reported, not an error; a room that is not the booking\'s is never deleted.',
		...cancel,
		repeatable: true,
		run: async (ctx, p) => {
			const namespace = p.bookingOptions?.idNamespace;
			const friendlyUrl = friendlyUrlOf(p.externalId, namespace);
			const key = bookingKey(p.externalId, namespace);
			const result = { externalId: p.externalId, ...(namespace ? { idNamespace: namespace } : {}), room: friendlyUrl, cancelled: true };
			const found = await ctx.send({ method: 'GET', path: `/rooms/${pathSegment(friendlyUrl)}`, acceptStatus: [404], repeatable: true });
			if (found.statusCode === 404) return { ...result, alreadyCancelled: true };
			const room = found.body as IDataObject;
			if (room.external_id !== key) throw foreignRoom(ctx, friendlyUrl, room, key, 'it was not deleted');
			// By its ID: the room just recognised, not whatever holds the friendly URL by now. 404: deleted meanwhile.
			const { statusCode } = await ctx.send({ method: 'DELETE', path: `/rooms/${pathSegment(String(room.id))}`, acceptStatus: [404], repeatable: true });
			return { ...result, id: String(room.id), alreadyCancelled: statusCode === 404 };
		},
	}),
];

export const scheduledMeeting: ResourceDescriptor = {
	value: 'scheduledMeeting',
	name: 'Scheduled Meeting',
	description: 'Book a meeting for an External ID: a room and a link per person, safe to run again',
	operations,
};
