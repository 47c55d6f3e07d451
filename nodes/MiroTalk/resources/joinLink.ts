import type { IDataObject } from 'n8n-workflow';
import { collection, defined, fieldProperty, type FieldSpec, params } from '../../shared/fields';
import { DURATION_PATTERN, EXPIRY_PATTERN, roomField, TOKEN_FIELDS, type ProductResource } from '../fields';

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
	{ displayName: 'Duration', name: 'duration', type: 'string', default: '', description: 'How long the meeting may last: unlimited, or HH:MM:SS such as 00:30:00', pattern: DURATION_PATTERN, placeholder: 'e.g. 00:30:00' },
];

function tokenCollection() {
	return collection('token', 'Token', [
		...TOKEN_FIELDS,
		{ displayName: 'Expires In', name: 'expire', type: 'string', default: '1h', description: 'How long the token in the link stays valid, e.g. 1h', pattern: EXPIRY_PATTERN },
	], 'Add Token Field');
}

type JoinParams = { room?: string; options?: IDataObject; token?: IDataObject };

/** The body of `POST /join`: the room, the options as given, and a token when any token field is set. */
function joinBody(p: JoinParams): IDataObject {
	const token = defined(p.token);
	return defined({
		room: p.room,
		...defined(p.options),
		token: Object.keys(token).length ? token : undefined,
	});
}

// SFU's and P2P's Create take the same room and token: one parameter object each, which the node shows once for
// both products (see miroTalkProperties); each product has its own Options.
const JOIN_ROOM = roomField(false, 'The room to join; MiroTalk picks a random room when empty');
const joinRoom = fieldProperty(JOIN_ROOM);
const joinToken = tokenCollection();

/** The parameters of SFU's or P2P's Create: the shared room, the product's options, the shared token. */
function roomOptionsToken(options: FieldSpec[]) {
	const optionsCollection = collection('options', 'Options', options, 'Add Option');
	return {
		properties: [joinRoom, optionsCollection.property, joinToken.property],
		schema: params([JOIN_ROOM], [optionsCollection, joinToken]).schema,
	};
}

const sfuJoin = roomOptionsToken(JOIN_OPTIONS);

// P2P's /join reads room, name, avatar, audio, video, screen, hide, notify and token: no room password
// (reference/providers.md §3.3), and its ServerApi.getJoinURL builds no chat or duration either.
const P2P_OPTIONS = new Set(['name', 'avatar', 'audio', 'video', 'screen', 'hide', 'notify']);
const p2pJoin = roomOptionsToken(JOIN_OPTIONS.filter((f) => P2P_OPTIONS.has(f.name)));

const c2cJoin = params([
	roomField(true, 'The room to join'),
	{ displayName: 'Display Name', name: 'name', type: 'string', default: '', required: true, description: 'The name shown for the participant', placeholder: 'e.g. Ann' },
]);

const broJoin = params([roomField(true, 'The broadcast room (its ID in the broadcast and viewer links)')]);

const action = 'Create a join link';
const joinOutput = (body: IDataObject, p: JoinParams) => ({ join: body?.join, ...(p.room ? { room: p.room } : {}) });

export const joinLink: ProductResource = {
	value: 'joinLink',
	name: 'Join Link',
	description: 'Direct-join links that open a room with a name and settings',
	operations: [
		{
			products: ['sfu'],
			endpoint: 'join',
			descriptor: {
				resource: 'joinLink', operation: 'create', name: 'Create', action,
				description: 'Build a direct-join URL (join) for a room: participant name, avatar, room password, audio, video, screen, chat, hide, notify, a duration, and optionally a signed token with username, password, presenter and expiry',
				...sfuJoin,
				// A link the server builds and keeps no record of: asking twice makes nothing twice.
				request: (p: JoinParams) => ({ method: 'POST', path: '/join', body: joinBody(p), retry: 'always' }),
				output: joinOutput,
			},
		},
		{
			products: ['p2p'],
			endpoint: 'join',
			descriptor: {
				resource: 'joinLink', operation: 'create', name: 'Create', action,
				description: 'Build a direct-join URL (join) for a room: participant name, avatar, audio, video, screen, hide, notify, and optionally a signed token with username, password, presenter and expiry',
				...p2pJoin,
				request: (p: JoinParams) => ({ method: 'POST', path: '/join', body: joinBody(p), retry: 'always' }),
				output: joinOutput,
			},
		},
		{
			products: ['c2c'],
			descriptor: {
				resource: 'joinLink', operation: 'create', name: 'Create', action,
				description: 'Build a direct-join URL (join) that opens a cam-to-cam room under a display name',
				...c2cJoin,
				request: (p: { room: string; name: string }) => ({ method: 'POST', path: '/join', body: { room: p.room, name: p.name }, retry: 'always' }),
				output: (body: IDataObject, p: { room: string }) => ({ join: body?.join, room: p.room }),
			},
		},
		{
			products: ['bro'],
			descriptor: {
				resource: 'joinLink', operation: 'create', name: 'Create', action,
				description: 'Build the links of a broadcast room: broadcast (for the broadcaster), viewer (to watch) and viewerHome (the viewer landing page)',
				...broJoin,
				request: (p: { room: string }) => ({ method: 'POST', path: '/join', body: { room: p.room }, retry: 'always' }),
				// BRO answers {join: {broadcast, viewer, viewerHome}}.
				output: (body: IDataObject, p: { room: string }) => {
					const join = (body?.join ?? {}) as IDataObject;
					return { room: p.room, broadcast: join.broadcast, viewer: join.viewer, viewerHome: join.viewerHome };
				},
			},
		},
	],
};
