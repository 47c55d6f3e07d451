import type { IDataObject } from 'n8n-workflow';
import type { OperationContext, OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';
import { collection, defined, enc, params } from '../../shared/fields';
import { signHs256 } from '../../shared/jwt';
import { roomNameField, tokenProperties } from '../fields';

/** A JWT as Daily issues meeting tokens: header.payload.signature in base64url. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Token property → self-signed claim, as Daily's self-signing guide abbreviates them (§1.2). */
const CLAIMS: Record<string, string> = {
	user_id: 'ud',
	user_name: 'u',
	is_owner: 'o',
	exp: 'exp',
	nbf: 'nbf',
	eject_at_token_exp: 'ejt',
	eject_after_elapsed: 'eje',
	start_cloud_recording: 'sr',
	enable_recording: 'er',
	start_video_off: 'vo',
	start_audio_off: 'ao',
	lang: 'uil',
	permissions: 'p',
	knocking: 'k',
	enable_screenshare: 'ss',
	auto_start_transcription: 'ast',
};

const selfSigned = params(
	[
		roomNameField('The room the token is for'),
		{ displayName: 'Domain ID', name: 'domainId', type: 'string', default: '', description: 'Your Daily domain ID; leave empty to read it from the domain (one request to GET /)' },
	],
	[collection('properties', 'Token Properties', [
		{ displayName: 'User ID', name: 'user_id', type: 'string', default: '', maxLength: 36, description: 'Your ID for the user, at most 36 characters' },
		{ displayName: 'User Name', name: 'user_name', type: 'string', default: '', description: "The user's name in the meeting" },
		{ displayName: 'Is Owner', name: 'is_owner', type: 'boolean', default: false, description: 'Whether the user has meeting owner privileges' },
		{ displayName: 'Expires At', name: 'exp', type: 'unixTime', default: '', future: true, description: 'The token cannot be used after this time; must be in the future' },
		{ displayName: 'Not Before', name: 'nbf', type: 'unixTime', default: '', description: 'The token cannot be used before this time' },
		{ displayName: 'Eject at Token Expiry', name: 'eject_at_token_exp', type: 'boolean', default: false, description: 'Whether the user is removed when the token expires' },
		{ displayName: 'Eject After Elapsed (Seconds)', name: 'eject_after_elapsed', type: 'number', default: 0, integer: true, min: 1, description: 'Remove the user this many seconds after they join' },
		{ displayName: 'Start Cloud Recording', name: 'start_cloud_recording', type: 'boolean', default: false, description: 'Whether cloud recording starts when the user joins' },
		{ displayName: 'Enable Recording', name: 'enable_recording', type: 'options', default: '', options: [['cloud', 'Cloud'], ['cloud-audio-only', 'Cloud Audio Only'], ['local', 'Local'], ['raw-tracks', 'Raw Tracks']], description: 'Which kind of recording the user may start' },
		{ displayName: 'Start Video Off', name: 'start_video_off', type: 'boolean', default: false, description: "Whether the user's camera is off on joining" },
		{ displayName: 'Start Audio Off', name: 'start_audio_off', type: 'boolean', default: false, description: "Whether the user's microphone is off on joining" },
		{ displayName: 'Language', name: 'lang', type: 'string', default: '', description: 'Language code of the Daily Prebuilt UI, e.g. de' },
		{ displayName: 'Permissions (JSON)', name: 'permissions', type: 'json', default: '', description: 'Participant permissions: {"hasPresence", "canSend", "canAdmin"}' },
		{ displayName: 'Knocking', name: 'knocking', type: 'boolean', default: false, description: 'Whether the user must knock even with this token' },
		{ displayName: 'Enable Screenshare', name: 'enable_screenshare', type: 'boolean', default: false, description: 'Whether the user can share a screen' },
		{ displayName: 'Auto Start Transcription', name: 'auto_start_transcription', type: 'boolean', default: false, description: 'Whether transcription starts when the user (an owner) joins' },
	], 'Add Property')],
);

const validate = params(
	[{ displayName: 'Token', name: 'token', type: 'string', default: '', required: true, typeOptions: { password: true }, pattern: { regex: JWT_SHAPE, message: 'must be a meeting token (three dot-separated base64url parts)' }, description: 'The meeting token to check' }],
	[collection('options', 'Options', [
		{ displayName: 'Ignore Not Before', name: 'ignoreNbf', type: 'boolean', default: false, description: 'Whether a token that is not valid yet counts as valid' },
	], 'Add Option')],
);

/** The domain's ID, which Daily answers at `GET /` as `domain_id`. */
async function domainId(ctx: OperationContext): Promise<string> {
	const { body } = await ctx.send({ method: 'GET', path: '/' });
	const id = (body as IDataObject | undefined)?.domain_id;
	if (typeof id !== 'string' || !id) throw ctx.error('Daily answered the domain without its domain_id: set Domain ID');
	return id;
}

const operations: OperationDescriptor[] = [
	{
		resource: 'meetingToken', operation: 'create', name: 'Create', action: 'Create a meeting token',
		description: 'Create a meeting token through the API; it controls who may join a private room and with which rights',
		...params([], [tokenProperties()]),
		// A token is a signed text Daily keeps no record of: asking twice makes no second anything.
		request: (p) => ({ method: 'POST', path: '/meeting-tokens', body: { properties: p.properties ?? {} }, retry: 'always' }),
	},
	{
		resource: 'meetingToken', operation: 'validate', name: 'Validate', action: 'Validate a meeting token',
		description: 'Check a meeting token and return the properties it carries; fails if it is invalid or expired',
		...validate,
		request: (p) => ({ method: 'GET', path: `/meeting-tokens/${enc(p.token)}`, qs: defined({ ignoreNbf: p.options?.ignoreNbf }) }),
	},
	{
		resource: 'meetingToken', operation: 'createSelfSigned', name: 'Create Self-Signed', action: 'Create a meeting token signed locally',
		description: 'Sign a meeting token locally with the API key (HS256 JWT); no request to Daily unless the domain ID is to be read',
		...selfSigned,
		run: async (ctx, p) => {
			const claims: IDataObject = { r: p.roomName, d: p.domainId ?? (await domainId(ctx)), iat: Math.floor(Date.now() / 1000) };
			for (const [key, value] of Object.entries((p.properties ?? {}) as IDataObject)) {
				if (value !== undefined) claims[CLAIMS[key]] = value;
			}
			return { token: signHs256(claims, String(ctx.credentials.apiKey)), room_name: p.roomName, claims };
		},
	},
];

export const meetingToken: ResourceDescriptor = { value: 'meetingToken', name: 'Meeting Token', operations };
