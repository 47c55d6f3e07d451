import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';
import { propertyOf } from '../../shared/model/descriptor';
import { collection, pathSegment, params } from '../../shared/parameters/fields';
import { paginationProperties } from '../../shared/describe/properties';
import { productOperation, roomField, type ProductResource } from '../fields';
import { isObject, normaliseMeetings } from '../meetings';

/** The room a meeting URL opens: `/join/<room>` (SFU, P2P) or `/?room=<room>` (C2C). */
function roomFromUrl(url: unknown): string | undefined {
	if (typeof url !== 'string') return undefined;
	try {
		const parsed = new URL(url);
		const query = parsed.searchParams.get('room');
		if (query) return query;
		const match = /\/join\/([^/?#]+)/.exec(parsed.pathname);
		return match ? decodeURIComponent(match[1]) : undefined;
	} catch {
		return undefined;
	}
}

const list = params([], [], paginationProperties());

const end = params(
	[{ ...roomField(true, 'The room whose meeting to end; every participant is disconnected'), locator: { list: 'searchMeetings', typed: 'name' } }],
	[
		collection('options', 'Options', [
			{ displayName: 'Redirect URL', name: 'redirect', type: 'string', default: '', url: true, description: 'Where participants are sent when the meeting ends; the server home page when empty', placeholder: 'e.g. https://example.com/meeting-ended' },
		], 'Add Option'),
	],
);

export const meeting: ProductResource = {
	value: 'meeting',
	name: 'Meeting',
	description: 'Meeting rooms on the MiroTalk server',
	operations: [
		productOperation({
			resource: 'meeting', operation: 'create', name: 'Create', action: 'Create a meeting',
			products: { sfu: {}, p2p: {}, c2c: {} },
			endpoint: 'meeting',
			description: 'Create a meeting with a new random room and return its URL (meeting) and room name (room), ready to share or embed in an iframe',
			...params([]),
			// A URL with a fresh room id; nothing is made on the server until someone joins.
			repeatable: true,
			request: () => ({ method: 'POST', path: '/meeting' }),
			// The URL on the Public URL; the room as the server's URL names it.
			output: (body, _p, publicLink) => ({ meeting: publicLink(propertyOf(body, 'meeting')), room: roomFromUrl(propertyOf(body, 'meeting')) }),
		}),
		productOperation({
			resource: 'meeting', operation: 'getAll', name: 'Get Many', action: 'Get many active meetings',
			products: { sfu: {}, p2p: {} },
			endpoint: 'meetings',
			description: 'List the meetings happening now, one item per room with its peer count and its participants (name, presenter, audio, video, screen, hand, OS, browser). Off by default on the server.',
			properties: list.properties,
			schema: z.object({
				returnAll: z.boolean().optional(),
				limit: z.number().int().min(1).optional(),
			}),
			repeatable: true,
			request: () => ({ method: 'GET', path: '/meetings' }),
			output: (body: unknown, p: { returnAll?: boolean; limit?: number }) => {
				const all = normaliseMeetings(body);
				return p.returnAll ? all : all.slice(0, p.limit ?? 50);
			},
		}),
		productOperation({
			resource: 'meeting', operation: 'getActiveRooms', name: 'Get Active Rooms', action: 'Get active rooms',
			products: { sfu: {}, p2p: {} },
			endpoint: 'activeRooms',
			description: 'List the rooms open now as the server home page shows them: one item per room with the room ID, its participant count (peers) and its join URL (join). Needs no API key; off unless the server sets SHOW_ACTIVE_ROOMS=true.',
			...params([]),
			repeatable: true,
			// SFU Server.js and P2P server.js: `res.json({ activeRooms })`, with no key check.
			request: () => ({ method: 'GET', path: '/activeRooms' }),
			// Each room as the server lists it, its join link on the Public URL.
			output: (body, _p, publicLink) => {
				const rooms = propertyOf(body, 'activeRooms');
				return Array.isArray(rooms) ? (rooms as IDataObject[]).map((room) => (isObject(room) && 'join' in room ? { ...room, join: publicLink(room.join) } : room)) : [];
			},
		}),
		productOperation({
			resource: 'meeting', operation: 'end', name: 'End', action: 'End a meeting',
			products: { sfu: {} },
			endpoint: 'meetingEnd',
			description: 'End the meeting in a room: disconnect everyone and send them to a redirect URL or the home page. Off by default on the server.',
			...end,
			repeatable: true,
			request: (p) => ({
				method: 'DELETE',
				path: `/meeting/${pathSegment(p.room)}`,
				// Without a redirect the server sends everyone to its home page.
				...(p.options?.redirect ? { body: { redirect: p.options.redirect } } : {}),
			}),
		}),
	],
};
