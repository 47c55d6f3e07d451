import type { IDataObject } from 'n8n-workflow';
import { signHs256 } from '../../shared/formats/jwt';
import { operation, type OperationContext, type OperationDescriptor, propertyOf, type RequestSpec, type ResourceDescriptor } from '../../shared/model/descriptor';
import { type BookedRoom, bookedPeople, cancelParams, bookedRoomName, bookingOutput, bookingParams, bookingWindow, type LinkedPerson } from '../../shared/parameters/booking';
import { defined, field, pathSegment } from '../../shared/parameters/fields';
import { roomProperties } from '../fields';
import { domainId } from './meetingToken';

/*
 * A booked meeting is a Daily room named after its External ID (shared/parameters/booking.ts bookedRoomName), so
 * running again finds it: Daily refuses a second room of one name ("already exists"), which also makes two items or
 * two runs with one ID end with one room. Links carry a meeting token signed locally (Daily's self-signing guide),
 * so they cost no request and Daily keeps no record of them.
 */

const privacy = field({
	displayName: 'Privacy', name: 'privacy', type: 'options', default: 'private',
	options: [['private', 'Private'], ['public', 'Public']],
	description: 'Private: only people with their link can join. Public: anyone with the room link can.',
});

const role = field({
	displayName: 'Role', name: 'role', type: 'options', default: 'guest',
	options: [['host', 'Host'], ['guest', 'Guest']],
	description: 'A host joins as the meeting owner (can admit, mute and remove people, and record)',
});

const createOrGet = bookingParams(role, [privacy], [roomProperties()]);

const cancel = cancelParams();

/** The booked room: made by this call, or found from an earlier one (then privacy and properties given are set on it). */
async function createOrGetRoom(ctx: OperationContext, name: string, privacyValue: string, properties: IDataObject | undefined): Promise<{ room: IDataObject; created: boolean; updated?: string[] }> {
	// The name is the booking's, so sending the create again can only meet its own room: repeatable.
	const create: RequestSpec = { method: 'POST', path: '/rooms', body: defined({ name, privacy: privacyValue, properties }), acceptStatus: [400], repeatable: true };
	const made = await ctx.send(create);
	if (made.statusCode !== 400) return { room: made.body as IDataObject, created: true };
	if (!/already exists/i.test(String(propertyOf(made.body, 'info') ?? ''))) return ctx.fail(create, made);
	// An earlier run's room: what this run asks for is set on it (Daily's Set Room Config takes both).
	const updated = ['privacy', ...Object.keys(properties ?? {})];
	const { body } = await ctx.send({ method: 'POST', path: `/rooms/${pathSegment(name)}`, body: defined({ privacy: privacyValue, properties }), repeatable: true });
	return { room: body as IDataObject, created: false, updated };
}

const operations: OperationDescriptor[] = [
	operation({
		resource: 'scheduledMeeting', operation: 'createOrGet', name: 'Create or Get', action: 'Create or get a scheduled meeting by external ID without duplicates',
		description:
			'Book a meeting in one step: a Daily room for the External ID and a link per person (hosts as owners). Safe to repeat: the same External ID gives the same room, with fresh links for the people given.',
		...createOrGet,
		repeatable: true,
		run: async (ctx, p) => {
			const window = bookingWindow(p, (m) => ctx.error(m));
			const name = bookedRoomName(p.externalId, p.bookingOptions?.idNamespace, 128);
			// Read before the room is made: past the room nothing can fail, so a failed item has booked nothing.
			const domain = await ctx.once('domainId', async () => await domainId(ctx));
			const { room, created, updated } = await createOrGetRoom(ctx, name, p.privacy ?? 'private', p.properties as IDataObject | undefined);
			const key = String(ctx.credentials.apiKey);
			const now = Math.floor(Date.now() / 1000);
			const people: LinkedPerson[] = bookedPeople(p).map((person) => {
				// Claims of Daily's self-signing guide: r room, d domain, u user_name, ud user_id, o is_owner.
				const userId = person.userId ?? (person.email && person.email.length <= 36 ? person.email : undefined);
				const claims = defined({ r: name, d: domain, iat: now, nbf: window.linksFrom, exp: window.linksUntil, u: person.name, ud: userId, o: person.role === 'host' ? true : undefined });
				const token = signHs256(claims, key);
				return { ...person, ...(userId ? { userId } : {}), token, link: `${String(room.url)}?t=${token}` };
			});
			const booked: BookedRoom = { name, url: String(room.url), id: String(room.id), created, ...(updated ? { updated } : {}) };
			return bookingOutput(p, window, booked, people);
		},
	}),
	operation({
		resource: 'scheduledMeeting', operation: 'cancel', name: 'Cancel', action: 'Cancel a scheduled meeting',
		description: 'Delete the room booked for an External ID, so its links stop working. Safe to repeat: a meeting already cancelled is reported, not an error.',
		...cancel,
		repeatable: true,
		run: async (ctx, p) => {
			const name = bookedRoomName(p.externalId, p.bookingOptions?.idNamespace, 128);
			const { statusCode } = await ctx.send({ method: 'DELETE', path: `/rooms/${pathSegment(name)}`, acceptStatus: [404], repeatable: true });
			return { externalId: p.externalId, room: name, cancelled: true, alreadyCancelled: statusCode === 404 };
		},
	}),
];

export const scheduledMeeting: ResourceDescriptor = {
	value: 'scheduledMeeting',
	name: 'Scheduled Meeting',
	description: 'Book a meeting for an External ID: a room and a link per person, safe to run again',
	operations,
};
