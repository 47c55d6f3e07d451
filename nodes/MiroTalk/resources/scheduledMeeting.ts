import type { INodeProperties } from 'n8n-workflow';
import type { RefinementCtx } from 'zod';
import { type OperationContext, propertyOf, type RequestSpec } from '../../shared/model/descriptor';
import { type BookedRoom, type Booking, bookedPeople, bookedRoomName, bookingOutput, bookingParams, bookingWindow, type BookingWindow, type LinkedPerson, type Person } from '../../shared/parameters/booking';
import { field, pathSegment } from '../../shared/parameters/fields';
import type { PublicLink } from '../links';
import { productOperation, type ProductResource, variant } from '../fields';
import { c2cJoinBody, joinBody } from './joinLink';

/*
 * MiroTalk keeps no rooms: a room exists while people are in it, and POST /join only builds a link (SFU
 * ServerApi.getJoinURL, P2P api.js getJoinURL, C2C backend/api.js getJoinURL; none stores anything). So a booked
 * meeting is a room name, bookedRoomName of the External ID, the same on every run: Create or Get is safe to repeat by
 * nature (a second run, or two items at once, give links to the same room), and every call is repeatable. Nothing is
 * made, so `room.created` is always false, and there is nothing to cancel: MiroTalk has no Scheduled Meeting → Cancel.
 *
 * Products: SFU and P2P (POST /join with the person's name, and a token on request); C2C (POST /join with room and
 * name; a call of two). BRO is left out: its POST /join (app/api.js getJoinURL) takes only the room and answers one
 * broadcaster link and one viewer link with random names, so it cannot give a person a link with their name.
 */

/**
 * The room name's limit: the servers take any name (SFU Validator.isValidRoomName and P2P validate.js refuse only
 * XSS and path traversal), and SFU's new-room page (public/views/newroom.html) takes at most 32 characters, the
 * longest name a person could also type there. bookedRoomName gives lower-case letters, digits and '-' only: nothing
 * the servers' raw concatenation into links could break.
 */
const ROOM_NAME_LENGTH = 32;

const role = field({
	displayName: 'Role', name: 'role', type: 'options', default: 'guest',
	options: [['host', 'Host'], ['guest', 'Guest']],
	description:
		"A host joins as presenter (moderator rights) where the link carries a token: MiroTalk SFU and P2P with Server Uses Host Protection (JWT) on. Otherwise hosts and guests get the same link, and the server's own presenter rules apply; C2C has no presenters.",
});

const hostProtection = field({
	displayName: 'Server Uses Host Protection (JWT)', name: 'hostProtection', type: 'boolean', default: false,
	description:
		"Whether the server has host protection on (HOST_PROTECTED or HOST_USER_AUTH): then each link carries a token the server signs (the token of POST /join) with the Username and Password below, presenter for hosts, expiring when the links stop working (Links Work Until; MiroTalk tokens have no start time). Off: links carry no token, as a server without host protection needs none.",
});

const username = field({
	displayName: 'Username', name: 'username', type: 'string', default: '',
	description: "An account of the server's HOST_USERS, carried in every person's token: the server lets in only a token whose username and password it knows",
});

const password = field({
	displayName: 'Password', name: 'password', type: 'string', default: '', typeOptions: { password: true },
	description: 'The password of that account',
});

type HostLogin = { hostProtection?: boolean; username?: string; password?: string };

const HOST_LOGIN = ['username', 'password'];

const sfuOrP2pBase = bookingParams(role, [hostProtection, username, password]);

const HOST_FIELDS = [hostProtection.name, ...HOST_LOGIN];

/**
 * SFU's and P2P's parameters: the booking's, then host protection, the login shown and required only with it on.
 * Last, after Options: the node lists a parameter that products have alike once, by its place in each product's
 * list, so the booking's own parameters keep the places they have for C2C.
 */
const sfuOrP2pParams = {
	properties: [
		...sfuOrP2pBase.properties.filter((p) => !HOST_FIELDS.includes(p.name)),
		...sfuOrP2pBase.properties
			.filter((p) => HOST_FIELDS.includes(p.name))
			.map((p): INodeProperties => (HOST_LOGIN.includes(p.name) ? { ...p, required: true, displayOptions: { show: { hostProtection: [true] } } } : p)),
	],
	schema: sfuOrP2pBase.schema.superRefine((p: HostLogin, ctx: RefinementCtx) => {
		if (!p.hostProtection) return;
		for (const name of HOST_LOGIN as Array<keyof HostLogin>) {
			if (p[name]) continue;
			ctx.addIssue({
				code: 'custom',
				path: [name],
				message: 'is required with Server Uses Host Protection (JWT) on: the token carries it, and the server lets in only an account of its HOST_USERS',
			});
		}
	}),
};

/** C2C rooms hold two: its client refuses a third peer (frontend/js/client.js handleAddPeer: roomPeersCount > 2 → roomIsBusy). */
const C2C_PEOPLE = 2;

const c2cBase = bookingParams(role);
const c2cParams = {
	properties: c2cBase.properties,
	schema: c2cBase.schema.superRefine((p: Booking, ctx: RefinementCtx) => {
		if (Array.isArray(p.people) && p.people.length > C2C_PEOPLE) {
			ctx.addIssue({ code: 'custom', path: ['people'], message: `must list at most ${C2C_PEOPLE} people: a MiroTalk C2C call is between two (its web client refuses a third)` });
		}
	}),
};

const roomOf = (p: Booking) => bookedRoomName(p.externalId, p.bookingOptions?.idNamespace, ROOM_NAME_LENGTH);

/** The link POST /join answered, or an error naming what came back instead. */
async function joinLinkOf(ctx: OperationContext, spec: RequestSpec): Promise<URL> {
	const { body } = await ctx.send(spec);
	const join = propertyOf(body, 'join');
	try {
		return new URL(String(join));
	} catch {
		throw ctx.error(`MiroTalk answered POST /join without a join link: ${JSON.stringify(body)}`);
	}
}

/**
 * The links of a booking, one POST /join per person (nothing stored, so repeatable); the meeting link is the room's
 * URL (`roomUrl`) on the origin the server built the links on. Every link is put on the Public URL.
 */
async function book(
	ctx: OperationContext,
	p: Booking,
	window: BookingWindow,
	publicLink: PublicLink,
	request: (person: Person, room: string) => RequestSpec,
	roomUrl: (origin: string, room: string) => string,
) {
	const name = roomOf(p);
	const people: LinkedPerson[] = [];
	let origin = '';
	for (const person of bookedPeople(p)) {
		const join = await joinLinkOf(ctx, request(person, name));
		origin ||= join.origin;
		const token = join.searchParams.get('token');
		people.push({ ...person, link: String(publicLink(join.href)), ...(token ? { token } : {}) });
	}
	const room: BookedRoom = { name, url: String(publicLink(roomUrl(origin, name))), created: false };
	return bookingOutput(p, window, room, people);
}

export const scheduledMeeting: ProductResource = {
	value: 'scheduledMeeting',
	name: 'Scheduled Meeting',
	description: 'Book a meeting for an External ID: a room and a link per person, safe to run again',
	operations: [
		productOperation({
			resource: 'scheduledMeeting', operation: 'createOrGet', name: 'Create or Get', action: 'Create or get a scheduled meeting by external ID without duplicates',
			// MiroTalk keeps no rooms and POST /join only builds links: every run gives the same room.
			repeatable: true,
			description:
				"Book a meeting in one step: a room named after the External ID and a join link per person with their name (POST /join); with host protection each link carries a token, hosts as presenters. MiroTalk keeps no rooms, so nothing is created on the server (room.created is false): the same External ID always gives the same room, and running again is safe.",
			...sfuOrP2pParams,
			run: async (ctx: OperationContext, p: Booking & HostLogin, publicLink: PublicLink) => {
				const window = bookingWindow(p, (m) => ctx.error(m));
				// The token lives until the links stop working; jsonwebtoken's expiresIn counts from signing, so from now.
				const expire = window.linksUntil - Math.floor(Date.now() / 1000);
				if (p.hostProtection && expire <= 0) {
					throw ctx.error(
						`Links Work Until has passed (${new Date(window.linksUntil * 1000).toISOString()}): a token would be expired before anyone joins`,
						'Book a meeting that is still ahead, lengthen Options → Links Work Until (Minutes After End), or turn Server Uses Host Protection (JWT) off.',
					);
				}
				const request = (person: Person, room: string): RequestSpec => {
					// The token of ServerApi.getToken (SFU ServerApi.js, P2P api.js): username, password, presenter, and
					// expire as jsonwebtoken's expiresIn (a text with its unit: a bare number in text would be milliseconds).
					const token = p.hostProtection ? { username: p.username, password: p.password, presenter: person.role === 'host', expire: `${expire}s` } : undefined;
					return { method: 'POST', path: '/join', body: joinBody({ options: { name: person.name }, token }, room), repeatable: true };
				};
				// SFU and P2P ServerApi.getMeetingURL: a room's URL is <origin>/join/<room>.
				return await book(ctx, p, window, publicLink, request, (origin, room) => `${origin}/join/${pathSegment(room)}`);
			},
			products: {
				sfu: { endpoint: 'join' },
				p2p: { endpoint: 'join' },
				c2c: variant({
					description:
						'Book a cam-to-cam call in one step: a room named after the External ID and a join link for each of its two people with their name (POST /join). MiroTalk keeps no rooms, so nothing is created on the server (room.created is false): the same External ID always gives the same room, and running again is safe.',
					...c2cParams,
					run: async (ctx: OperationContext, p: Booking, publicLink: PublicLink) => {
						const window = bookingWindow(p, (m) => ctx.error(m));
						const request = (person: Person, room: string): RequestSpec => ({ method: 'POST', path: '/join', body: c2cJoinBody(room, person.name), repeatable: true });
						// C2C backend/api.js getMeetingURL: a room's URL is <origin>/?room=<room>.
						return await book(ctx, p, window, publicLink, request, (origin, room) => `${origin}/?room=${pathSegment(room)}`);
					},
				}),
			},
		}),
	],
};
