import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';
import { operation, type OperationContext, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, type FieldSpec, params } from '../../shared/parameters/fields';
import { signHs256 } from '../../shared/formats/jwt';
import { TIME_HINT } from '../../shared/formats/time';
import { roomField } from '../fields';


/** The token's claims, named as both the token endpoint and the JWT payload name them. */
const TOKEN_FIELDS: FieldSpec[] = [
	{ displayName: 'User Name', name: 'u', type: 'string', default: '', description: 'The participant\'s name; without it they are asked for one when joining' },
	{ displayName: 'External User ID', name: 'ud', type: 'string', default: '', description: 'Your own ID for the user, reported back in participant data and webhooks' },
	{ displayName: 'Role Name or ID', name: 'role', type: 'options', loadOptions: 'getRoles', default: '', description: 'The role, e.g. moderator; the room\'s default role when not set. Role names are accepted as IDs. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' },
	{ displayName: 'Avatar URL', name: 'avatar', type: 'string', default: '', url: true, description: 'Image shown on the user\'s tile while the camera is off' },
	{ displayName: 'Initials', name: 'initials', type: 'string', default: '', description: 'Initials shown on the user\'s tile, e.g. JD' },
	{ displayName: 'Breakout Room ID', name: 'breakoutId', type: 'string', default: '', description: 'The breakout room the user joins' },
	{ displayName: 'Not Before', name: 'nbf', type: 'unixTime', default: '', description: `The token is not valid before this time: ${TIME_HINT}` },
	{ displayName: 'Expires At', name: 'exp', type: 'unixTime', default: '', future: true, description: `The token is not valid after this time: ${TIME_HINT}` },
];

const tokenFields = () => collection('additionalFields', 'Additional Fields', TOKEN_FIELDS, 'Add Field');

const signed = params([
	roomField('The room the token is for: its ID (UUID) or its friendly URL'),
	{
		displayName: 'Team Domain', name: 'teamDomain', type: 'string', default: '', placeholder: 'e.g. acme',
		description: 'The team subdomain the join link uses: acme for acme.digitalsamba.com. Leave empty to read it from the team (one request).',
		// A pasted link or host name still yields the subdomain.
		zod: z.preprocess(
			(v) => (typeof v === 'string' ? v.trim().replace(/^https?:\/\//i, '').replace(/\.digitalsamba\.com(\/.*)?$/i, '') : v),
			z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be the team subdomain only, e.g. acme for acme.digitalsamba.com'),
		),
	},
	{
		displayName: 'Room Friendly URL', name: 'friendlyUrl', type: 'string', default: '',
		description: 'The room\'s friendly URL, for a readable join link; the room as chosen above is used when empty',
	},
], [tokenFields()]);

/** The team's subdomain, from the team itself (`GET /api/v1` answers the team with its `domain`). */
export async function teamDomain(ctx: OperationContext): Promise<string> {
	const { body } = await ctx.send({ method: 'GET', path: '', repeatable: true });
	const domain = (body as IDataObject | undefined)?.domain;
	if (typeof domain !== 'string' || !domain) throw ctx.error('Digital Samba answered the team without its domain: set Team Domain');
	return domain;
}

/** The team's ID for the token's td claim, from the credential; refused, saying where to find it, when not set. */
export function signingTeamId(ctx: Pick<OperationContext, 'credentials' | 'error'>): string {
	const teamId = String(ctx.credentials.teamId ?? '').trim();
	if (!teamId) {
		throw ctx.error(
			'Set Team ID in the Digital Samba credential to sign room tokens',
			'The token names the team by its ID (the td claim). Find it in the Team section of the Digital Samba dashboard.',
		);
	}
	return teamId;
}

/**
 * A room token signed locally (HS256 with the developer key; claims td, rd, iat and the additional fields: u, ud,
 * role, nbf, exp, …) and the join link `https://{team domain}.digitalsamba.com/{friendly URL or room}?token=…`.
 */
export async function createSigned(ctx: OperationContext, p: { roomId: string; teamDomain?: string; friendlyUrl?: string; additionalFields?: IDataObject }) {
	const teamId = signingTeamId(ctx);
	const claims: IDataObject = { td: teamId, rd: p.roomId, iat: Math.floor(Date.now() / 1000), ...defined(p.additionalFields) };
	const token = signHs256(claims, String(ctx.credentials.developerKey ?? ''));
	const domain = p.teamDomain ?? (await teamDomain(ctx));
	// The docs allow the friendly URL in place of the room ID, in rd as in the link.
	const link = `https://${domain}.digitalsamba.com/${pathSegment(p.friendlyUrl ?? p.roomId)}?token=${token}`;
	return { token, link, roomId: p.roomId, claims };
}

const operations: OperationDescriptor[] = [
	operation({
		resource: 'roomToken', operation: 'create', name: 'Create', action: 'Create a room token',
		description: 'Create a token through the API for one participant of a room; returns the token and a ready-to-use join link',
		...params([roomField('The room the token is for: its ID (UUID) or its friendly URL')], [tokenFields()]),
		repeatable: true,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomId)}/token`, body: defined(p.additionalFields) }),
	}),
	operation({
		resource: 'roomToken', operation: 'createSigned', name: 'Create Signed Token', action: 'Create a signed room token',
		description: 'Sign a room token locally (HS256 JWT with the developer key); needs the Team ID in the credential. Returns the token and the join link; no request unless the team domain is to be read.',
		...signed,
		repeatable: true,
		run: createSigned,
	}),
];

export const roomToken: ResourceDescriptor = { value: 'roomToken', name: 'Room Token', operations };
