import { randomUUID } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import type { RefinementCtx } from 'zod';
import { propertyOf } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, type FieldSpec, params } from '../../shared/parameters/fields';
import type { PublicLink } from '../links';
import { DURATION_PATTERN, EXPIRY_PATTERN, productOperation, roomField, TOKEN_EXPIRY_DEFAULT, TOKEN_FIELDS, type ProductResource, variant } from '../fields';

const bool = (name: string, displayName: string, description: string): FieldSpec => ({
	displayName, name, type: 'boolean', default: false, description,
});

/** Every documented option of SFU's `POST /join` except the room and the token. */
const JOIN_OPTIONS: FieldSpec[] = [
	{ displayName: 'Room Password', name: 'roomPassword', type: 'string', default: '', typeOptions: { password: true }, description: 'The password of a password-protected room, so that the link joins without asking for it' },
	{ displayName: 'Display Name', name: 'name', type: 'string', default: '', description: 'The name shown for the participant; MiroTalk picks User-NNNNNN when empty', placeholder: 'e.g. Ann' },
	{ displayName: 'Avatar URL', name: 'avatar', type: 'string', default: '', url: true, description: 'An http(s) link to the picture shown for the participant', placeholder: 'e.g. https://example.com/ann.png' },
	bool('audio', 'Audio', 'Whether the microphone is on when the participant joins'),
	bool('video', 'Video', 'Whether the camera is on when the participant joins'),
	bool('screen', 'Screen', 'Whether screen sharing starts when the participant joins'),
	bool('chat', 'Chat', 'Whether the chat panel opens when the participant joins'),
	bool('hide', 'Hide Myself', "Whether the participant's own video is hidden from their view"),
	bool('notify', 'Notify', 'Whether the participant sees the invite-others dialog on joining'),
	{ displayName: 'Duration', name: 'duration', type: 'string', default: '', description: 'How long the meeting may last: unlimited, or HH:MM:SS with two-digit hours such as 00:30:00', pattern: DURATION_PATTERN, placeholder: 'e.g. 00:30:00' },
];

const given = (value: unknown) => value !== undefined && value !== '';

/**
 * The token of a join link. The server signs one whenever `token` is in the body, with `username`/`password` as
 * placeholders for what is missing (ServerApi.getToken), and the join page then refuses it: a token needs both.
 */
function tokenCollection() {
	const c = collection('token', 'Token', [
		...TOKEN_FIELDS,
		{ displayName: 'Expires In', name: 'expire', type: 'string', default: '', description: `How long the token in the link stays valid, e.g. 1h; ${TOKEN_EXPIRY_DEFAULT}`, pattern: EXPIRY_PATTERN, placeholder: 'e.g. 1h' },
	], 'Add Token Field');
	const schema = c.schema.superRefine((token: IDataObject | undefined, ctx: RefinementCtx) => {
		if (!token || !Object.values(token).some(given)) return;
		for (const field of ['username', 'password']) {
			if (given(token[field])) continue;
			ctx.addIssue({
				code: 'custom',
				path: [field],
				message:
					'is required when the link carries a token: without a username and a password MiroTalk signs the token with the placeholders username/password, which the join page refuses. Set both, or remove the Token fields.',
			});
		}
	});
	return { ...c, schema };
}

export type JoinParams = { room?: string; options?: IDataObject; token?: IDataObject };

/**
 * The body of SFU's and P2P's `POST /join`. The servers concatenate `room` (and SFU's `roomPassword`) into the link
 * without encoding it (SFU ServerApi.getJoinURL, P2P api.js getJoinURL), so they are sent percent-encoded here and the
 * link reads back as typed; `name` and `avatar` the servers encode themselves. A body is always sent: n8n drops an
 * empty one, and P2P answers a /join without a body with 500. An empty room becomes a fresh UUID, which the server
 * would otherwise pick and the output could not name.
 */
export function joinBody(p: JoinParams, room: string): IDataObject {
	const token = Object.fromEntries(Object.entries(defined(p.token)).filter(([, v]) => given(v)));
	const options = defined(p.options);
	return defined({
		room: pathSegment(room),
		...options,
		...(given(options.roomPassword) ? { roomPassword: pathSegment(String(options.roomPassword)) } : {}),
		token: Object.keys(token).length ? token : undefined,
	});
}

const joinRoomOf = (p: JoinParams) => (given(p.room) ? String(p.room) : randomUUID());

const JOIN_ROOM = roomField(false, 'The room to join; a random room (a UUID, returned as room) when empty');

/**
 * The parameters of SFU's or P2P's Create: the room, the product's options, the token. The room and the token are
 * the same for both products: the node shows each once, for both (see buildMiroTalkProperties).
 */
function roomOptionsToken(options: FieldSpec[]) {
	return params([JOIN_ROOM], [collection('options', 'Options', options, 'Add Option'), tokenCollection()]);
}

const sfuJoin = roomOptionsToken(JOIN_OPTIONS);

// P2P's api.js getJoinURL reads everything SFU's does but the room password; chat came in August 2025, duration in
// February 2026.
const P2P_OPTIONS = new Set(['name', 'avatar', 'audio', 'video', 'screen', 'chat', 'hide', 'notify', 'duration']);
const p2pJoin = roomOptionsToken(JOIN_OPTIONS.filter((f) => P2P_OPTIONS.has(f.name)));

const c2cJoin = params([
	roomField(true, 'The room to join'),
	{ displayName: 'Display Name', name: 'name', type: 'string', default: '', required: true, description: 'The name shown for the participant', placeholder: 'e.g. Ann' },
]);

const broJoin = params([roomField(true, 'The broadcast room (its ID in the broadcast and viewer links)')]);

/** The body of C2C's `POST /join`: backend/api.js getJoinURL concatenates room and name raw, so both are sent percent-encoded. */
export const c2cJoinBody = (room: string, name: string): IDataObject => ({ room: pathSegment(room), name: pathSegment(name) });

const sfuOrP2pRequest = (p: JoinParams) => ({ method: 'POST' as const, path: '/join', body: joinBody(p, joinRoomOf(p)) });

/** The room as the link carries it (a generated one included), else as given. */
function linkRoom(link: unknown): string | undefined {
	try {
		return typeof link === 'string' ? (new URL(link).searchParams.get('room') ?? undefined) : undefined;
	} catch {
		return undefined;
	}
}

/** SFU's and P2P's answer: the link on the Public URL, the room as the server's link names it. */
const joinOutput = (body: unknown, p: JoinParams, publicLink: PublicLink) => ({
	join: publicLink(propertyOf(body, 'join')),
	room: linkRoom(propertyOf(body, 'join')) ?? p.room,
});

export const joinLink: ProductResource = {
	value: 'joinLink',
	name: 'Join Link',
	description: 'Direct-join links that open a room with a name and settings',
	operations: [
		productOperation({
			resource: 'joinLink', operation: 'create', name: 'Create', action: 'Create a join link',
			// A link the server builds and keeps no record of: asking twice makes nothing twice.
			repeatable: true,
			// Each product's server takes other fields (SFU's and P2P's options, C2C's display name) and BRO answers three links.
			products: {
				sfu: variant({
					endpoint: 'join',
					description: 'Build a direct-join URL (join) for a room: participant name, avatar, room password, audio, video, screen, chat, hide, notify, a duration, and optionally a signed token with username, password, presenter and expiry',
					...sfuJoin,
					request: sfuOrP2pRequest,
					output: joinOutput,
				}),
				p2p: variant({
					endpoint: 'join',
					description: 'Build a direct-join URL (join) for a room: participant name, avatar, audio, video, screen, chat, hide, notify, a duration, and optionally a signed token with username, password, presenter and expiry',
					...p2pJoin,
					request: sfuOrP2pRequest,
					output: joinOutput,
				}),
				c2c: variant({
					description: 'Build a direct-join URL (join) that opens a cam-to-cam room under a display name',
					...c2cJoin,
					request: (p) => ({ method: 'POST', path: '/join', body: c2cJoinBody(p.room, p.name) }),
					output: (body, p, publicLink) => ({ join: publicLink(propertyOf(body, 'join')), room: p.room }),
				}),
				bro: variant({
					description: 'Build the links of a broadcast room: broadcast (for the broadcaster), viewer (to watch) and viewerHome (the viewer landing page)',
					...broJoin,
					// app/api.js getJoinURL concatenates the room raw into `id=`: sent percent-encoded.
					request: (p) => ({ method: 'POST', path: '/join', body: { room: pathSegment(p.room) } }),
					// BRO answers {join: {broadcast, viewer, viewerHome}}: each link on the Public URL.
					output: (body, p, publicLink) => {
						const join = propertyOf(body, 'join');
						return {
							room: p.room,
							broadcast: publicLink(propertyOf(join, 'broadcast')),
							viewer: publicLink(propertyOf(join, 'viewer')),
							viewerHome: publicLink(propertyOf(join, 'viewerHome')),
						};
					},
				}),
			},
		}),
	],
};
