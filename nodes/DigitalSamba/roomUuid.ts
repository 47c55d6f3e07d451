import type { IDataObject } from 'n8n-workflow';
import type { OperationDescriptor, PrepareContext } from '../shared/model/descriptor';
import { pathSegment } from '../shared/parameters/fields';
import { ROOM_URL } from './fields';

/*
 * Digital Samba's contract documents `{room}` as "The UUID of the room or room friendly URL." on most paths, but as
 * "The UUID of the room." on 25 (a room's sessions and participants, raising and lowering hands, the phone paths,
 * poll and quiz templates, imports, exports and single polls and quizzes, a room's statistics): there a friendly URL
 * names no room. The room field takes an ID, a friendly URL or a link everywhere; for those operations a value that
 * is not a UUID is read as the room's ID first (GET /rooms/{friendly_url}, which the contract answers with the room
 * and its `id`), after validation, once per execution for each room however many items name it.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LINK = new RegExp(ROOM_URL);

/** The room a value names: a link's segment (friendly URL or ID), or the value itself. */
function roomNamed(value: string): string {
	const text = value.trim();
	const segment = LINK.exec(text)?.[1];
	if (segment === undefined) return text;
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

type Lookup = { id: string } | { message: string; description?: string };

/** GET /rooms/{room}: the room's ID, or why it could not be read (a 404 said in words the user can act on). */
async function lookUp(ctx: PrepareContext, room: string): Promise<Lookup> {
	const call = `GET /rooms/${pathSegment(room)}`;
	const { statusCode, body } = await ctx.send({ method: 'GET', path: `/rooms/${pathSegment(room)}`, acceptStatus: [404], repeatable: true });
	if (statusCode === 404) {
		return { message: `Invalid parameter Room (roomId): Digital Samba has no room '${room}'`, description: `This operation needs the room's ID (UUID); ${call}, which reads it from the friendly URL, answered 404.` };
	}
	const id = (body as IDataObject | undefined)?.id;
	if (typeof id === 'string' && UUID.test(id)) return { id };
	return { message: `Digital Samba answered ${call} without the room's ID (UUID), which this operation needs` };
}

/** The parameters with the room as its UUID: a friendly URL or link is looked up (once per execution and room). */
async function withRoomUuid<P extends { roomId?: unknown }>(ctx: PrepareContext, params: P): Promise<P> {
	if (typeof params.roomId !== 'string' || UUID.test(params.roomId.trim())) return params;
	const room = roomNamed(params.roomId);
	if (UUID.test(room)) return { ...params, roomId: room };
	const lookup = await ctx.once(`room-uuid:${room}`, async () => await lookUp(ctx, room));
	// A new error for each item, so that each is reported as its own.
	if (!('id' in lookup)) throw ctx.error(lookup.message, lookup.description);
	return { ...params, roomId: lookup.id };
}

/** Marks an operation whose path takes the room's UUID only ("The UUID of the room."): its room is looked up first. */
export function roomByUuid(op: OperationDescriptor): OperationDescriptor {
	return { ...op, prepare: withRoomUuid };
}

/** Whether an operation's path takes the room's UUID only. */
export const takesRoomUuid = (op: OperationDescriptor | undefined): boolean => op?.prepare === withRoomUuid;
