import type { IDataObject } from 'n8n-workflow';
import { jsonFromText, listFromText } from '../../shared/formats/parse';
import { signHs256 } from '../../shared/formats/jwt';
import { operation, type OperationContext, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, params } from '../../shared/parameters/fields';
import { collectionWithRows } from '../../shared/parameters/structured';
import { permissionRows, RECORDING_MODES, roomNameField, tokenProperties } from '../fields';

/** A JWT as Daily issues meeting tokens: header.payload.signature in base64url. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Token property → self-signed claim: the "Token property abbreviations" table of
 * https://docs.daily.co/docs/guides/privacy-and-security/self-signing-tokens, transcribed whole (`domain_id` and
 * `room_name`, `d` and `r`, come from their own fields).
 */
export const CLAIMS: Record<string, string> = {
	nbf: 'nbf',
	exp: 'exp',
	user_id: 'ud',
	user_name: 'u',
	is_owner: 'o',
	knocking: 'k',
	close_tab_on_exit: 'ctoe',
	redirect_on_meeting_exit: 'rome',
	intercom_join_alert: 'ij',
	start_cloud_recording: 'sr',
	start_cloud_recording_opts: 'sro',
	auto_start_transcription: 'ast',
	enable_recording: 'er',
	enable_screenshare: 'ss',
	start_video_off: 'vo',
	start_audio_off: 'ao',
	meeting_join_hook: 'mjh',
	eject_at_token_exp: 'ejt',
	eject_after_elapsed: 'eje',
	lang: 'uil',
	enable_recording_ui: 'erui',
	permissions: 'p',
};

/** Media names in `cs` (canSend) and in `cr` (canReceive), as the same page abbreviates them. */
const MEDIA: Record<string, string> = { video: 'v', audio: 'a', screenVideo: 'sv', screenAudio: 'sa' };
/** What `ca` (canAdmin) lists. */
const ADMIN: Record<string, string> = { participants: 'p', streaming: 's', transcription: 't' };
/** canReceive's keys: base, byUserId, byParticipantId. */
const RECEIVE: Record<string, string> = { base: 'b', byUserId: 'u', byParticipantId: 'p' };

type Fail = (message: string) => Error;

/** A boolean stays (all or none); a list becomes the page's comma-separated abbreviations ("v,a,sv,sa"). */
function abbreviatedList(value: unknown, names: Record<string, string>, field: string, fail: Fail): boolean | string {
	if (typeof value === 'boolean') return value;
	const list = listFromText(value);
	if (!Array.isArray(list)) throw fail(`Permissions: ${field} must be true, false or a list of ${Object.keys(names).join(', ')}`);
	return list.map((name) => {
		const short = names[String(name)];
		if (!short) throw fail(`Permissions: ${field} cannot hold '${String(name)}' in a self-signed token; allowed: ${Object.keys(names).join(', ')}`);
		return short;
	}).join(',');
}

/** One canReceive entry (base, or one user's or participant's): a boolean, or media → boolean. */
function receiveEntry(value: unknown, fail: Fail): unknown {
	if (typeof value === 'boolean') return value;
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw fail('Permissions: each canReceive entry must be true, false or {"video", "audio", "screenVideo", "screenAudio"}');
	return Object.fromEntries(Object.entries(value).map(([media, on]) => {
		if (!MEDIA[media]) throw fail(`Permissions: canReceive cannot hold '${media}' in a self-signed token; allowed: ${Object.keys(MEDIA).join(', ')}`);
		return [MEDIA[media], on];
	}));
}

/**
 * The `p` claim: Daily reads only the abbreviated keys inside it (hp, cs, cr, ca), so permissions written with the
 * REST names would be ignored. Abbreviated keys given as they are pass through.
 */
export function permissionsClaim(value: unknown, fail: Fail): IDataObject {
	const permissions = jsonFromText(value);
	if (!permissions || typeof permissions !== 'object' || Array.isArray(permissions)) throw fail('Permissions must be a JSON object: {"hasPresence", "canSend", "canReceive", "canAdmin"}');
	const out: IDataObject = {};
	for (const [key, v] of Object.entries(permissions as IDataObject)) {
		if (key === 'hasPresence' || key === 'hp') out.hp = v;
		else if (key === 'canSend' || key === 'cs') out.cs = key === 'cs' ? v : abbreviatedList(v, MEDIA, 'canSend', fail);
		else if (key === 'canAdmin' || key === 'ca') out.ca = key === 'ca' ? v : abbreviatedList(v, ADMIN, 'canAdmin', fail);
		else if (key === 'cr') out.cr = v;
		else if (key === 'canReceive') {
			if (!v || typeof v !== 'object' || Array.isArray(v)) throw fail('Permissions: canReceive must be an object, e.g. {"base": false, "byUserId": {"host": true}}');
			out.cr = Object.fromEntries(Object.entries(v as IDataObject).map(([k, entry]) => {
				if (!RECEIVE[k]) throw fail(`Permissions: canReceive cannot hold '${k}'; allowed: ${Object.keys(RECEIVE).join(', ')}`);
				const mapped = k === 'base' ? receiveEntry(entry, fail) : Object.fromEntries(Object.entries((entry ?? {}) as IDataObject).map(([id, e]) => [id, receiveEntry(e, fail)]));
				return [RECEIVE[k], mapped];
			}));
		} else throw fail(`Permissions: '${key}' is not a permission; allowed: hasPresence, canSend, canReceive, canAdmin`);
	}
	return out;
}

const selfSigned = params(
	[
		roomNameField('The room the token is for'),
		{ displayName: 'Domain ID', name: 'domainId', type: 'string', default: '', description: 'Your Daily domain ID; leave empty to read it from the domain (one request to GET /)' },
	],
	[collectionWithRows(collection('properties', 'Token Properties', [
		{ displayName: 'User ID', name: 'user_id', type: 'string', default: '', maxLength: 36, description: 'Your ID for the user, at most 36 characters' },
		{ displayName: 'User Name', name: 'user_name', type: 'string', default: '', description: "The user's name in the meeting" },
		{ displayName: 'Is Owner', name: 'is_owner', type: 'boolean', default: false, description: 'Whether the user has meeting owner privileges' },
		{ displayName: 'Expires At', name: 'exp', type: 'unixTime', default: '', future: true, description: 'The token cannot be used after this time; must be in the future' },
		{ displayName: 'Not Before', name: 'nbf', type: 'unixTime', default: '', description: 'The token cannot be used before this time' },
		{ displayName: 'Eject at Token Expiry', name: 'eject_at_token_exp', type: 'boolean', default: false, description: 'Whether the user is removed when the token expires' },
		{ displayName: 'Eject After Elapsed (Seconds)', name: 'eject_after_elapsed', type: 'number', default: 0, integer: true, min: 1, description: 'Remove the user this many seconds after they join' },
		{ displayName: 'Start Cloud Recording', name: 'start_cloud_recording', type: 'boolean', default: false, description: 'Whether cloud recording starts when the user joins' },
		{ displayName: 'Enable Recording', name: 'enable_recording', type: 'options', default: '', options: RECORDING_MODES, description: 'Which kind of recording the user may start' },
		{ displayName: 'Start Video Off', name: 'start_video_off', type: 'boolean', default: false, description: "Whether the user's camera is off on joining" },
		{ displayName: 'Start Audio Off', name: 'start_audio_off', type: 'boolean', default: false, description: "Whether the user's microphone is off on joining" },
		{ displayName: 'Language', name: 'lang', type: 'string', default: '', description: 'Language code of the Daily Prebuilt UI, e.g. de' },
		{ displayName: 'Permissions (JSON)', name: 'permissions', type: 'json', default: '', description: 'Participant permissions: {"hasPresence", "canSend", "canAdmin"}' },
		{ displayName: 'Knocking', name: 'knocking', type: 'boolean', default: false, description: 'Whether the user must knock even with this token' },
		// Daily's default is true (the spec's token properties): offered at true, so adding the field keeps it on.
		{ displayName: 'Enable Screenshare', name: 'enable_screenshare', type: 'boolean', default: true, description: 'Whether the user can share a screen (default true)' },
		{ displayName: 'Auto Start Transcription', name: 'auto_start_transcription', type: 'boolean', default: false, description: 'Whether transcription starts when the user (an owner) joins' },
		{ displayName: 'Close Tab on Exit', name: 'close_tab_on_exit', type: 'boolean', default: false, description: 'Whether the browser tab closes when the user leaves' },
		{ displayName: 'Redirect on Meeting Exit', name: 'redirect_on_meeting_exit', type: 'string', default: '', url: true, description: 'A URL the browser opens when the user leaves' },
		{ displayName: 'Start Cloud Recording Options (JSON)', name: 'start_cloud_recording_opts', type: 'json', default: '', description: 'Options for the recording started on join' },
		{ displayName: 'Enable Recording UI', name: 'enable_recording_ui', type: 'boolean', default: false, description: 'Whether the user sees the Recording button' },
		{ displayName: 'Meeting Join Hook', name: 'meeting_join_hook', type: 'string', default: '', url: true, description: 'A URL that receives a request when the user joins' },
		{ displayName: 'Intercom Join Alert', name: 'intercom_join_alert', type: 'boolean', default: false, description: 'Whether Intercom is alerted when the user joins (Intercom calls)' },
	], 'Add Property'), [permissionRows('What the participant may do')])],
);

const validate = params(
	[{ displayName: 'Token', name: 'token', type: 'string', default: '', required: true, typeOptions: { password: true }, pattern: { regex: JWT_SHAPE, message: 'must be a meeting token (three dot-separated base64url parts)' }, description: 'The meeting token to check' }],
	[collection('options', 'Options', [
		{ displayName: 'Ignore Not Before', name: 'ignoreNbf', type: 'boolean', default: false, description: 'Whether a token that is not valid yet counts as valid' },
	], 'Add Option')],
);

/** The domain's ID, which Daily answers at `GET /` as `domain_id`. */
export async function domainId(ctx: OperationContext): Promise<string> {
	const { body } = await ctx.send({ method: 'GET', path: '/', repeatable: true });
	const id = (body as IDataObject | undefined)?.domain_id;
	if (typeof id !== 'string' || !id) throw ctx.error('Daily answered the domain without its domain_id: set Domain ID');
	return id;
}

const operations: OperationDescriptor[] = [
	operation({
		resource: 'meetingToken', operation: 'create', name: 'Create', action: 'Create a meeting token',
		description: 'Create a meeting token through the API; it controls who may join a private room and with which rights',
		...params([], [tokenProperties()]),
		// A token is a signed text Daily keeps no record of: asking twice makes no second anything.
		repeatable: true,
		request: (p) => ({ method: 'POST', path: '/meeting-tokens', body: { properties: p.properties ?? {} } }),
	}),
	operation({
		resource: 'meetingToken', operation: 'validate', name: 'Validate', action: 'Validate a meeting token',
		description: 'Check a meeting token and return the properties it carries; fails if it is invalid or expired',
		...validate,
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/meeting-tokens/${pathSegment(p.token)}`, qs: defined({ ignoreNbf: p.options?.ignoreNbf }) }),
	}),
	operation({
		resource: 'meetingToken', operation: 'createSelfSigned', name: 'Create Self-Signed', action: 'Create a meeting token signed locally',
		description: 'Sign a meeting token locally with the API key (HS256 JWT); no request to Daily unless the domain ID is to be read',
		...selfSigned,
		repeatable: true,
		run: async (ctx, p) => {
			const claims: IDataObject = { r: p.roomName, d: p.domainId ?? (await domainId(ctx)), iat: Math.floor(Date.now() / 1000) };
			for (const [key, value] of Object.entries((p.properties ?? {}) as IDataObject)) {
				if (value === undefined || value === '') continue;
				claims[CLAIMS[key]] = key === 'permissions' ? permissionsClaim(value, (m) => ctx.error(m)) : value;
			}
			return { token: signHs256(claims, String(ctx.credentials.apiKey)), room_name: p.roomName, claims };
		},
	}),
];

export const meetingToken: ResourceDescriptor = { value: 'meetingToken', name: 'Meeting Token', operations };
