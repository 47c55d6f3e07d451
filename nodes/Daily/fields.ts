import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';
import { jsonValue, listItems } from '../shared/formats/parse';
import type { Pagination } from '../shared/model/descriptor';
import { collection, type CollectionSpec, type FieldSpec, type OptionPair, type RequiredField, type Reset } from '../shared/parameters/fields';
import { collectionWithRows, type Invalid, type RowsAlternative } from '../shared/parameters/structured';

/** Daily room names: letters, digits, '_' and '-', at most 128 characters. */
export const ROOM_NAME_PATTERN = {
	regex: /^[A-Za-z0-9_-]{1,128}$/,
	message: "may contain only letters, digits, '_' and '-', at most 128 characters",
};

/** A phone number as Daily takes it (E.164). */
export const E164 = { regex: /^\+[1-9]\d{6,14}$/, message: 'must be an E.164 number such as +14155550123' };

/** A room's page: `https://<domain>.daily.co/<room>`, maybe with a token or a path after it. */
export const ROOM_URL = '^https?://[^/]+\\.daily\\.co/([A-Za-z0-9_-]{1,128})(?:[/?#].*)?$';

/** A room that exists: picked from the domain's rooms, typed by name, or pasted as its URL. */
export function roomNameField(description = 'The name of the room'): RequiredField<'roomName', 'string'> {
	return {
		displayName: 'Room Name',
		name: 'roomName',
		type: 'string',
		default: '',
		required: true,
		description,
		pattern: ROOM_NAME_PATTERN,
		placeholder: 'e.g. weekly-standup',
		locator: { list: 'searchRooms', typed: 'name', url: { regex: ROOM_URL, placeholder: 'e.g. https://your-domain.daily.co/weekly-standup' } },
	};
}

/** Daily's cursor pagination: newest first, `starting_after` the last id of the previous page; 100 a page unless a list documents a lower cap. */
export function dailyCursor(idFieldName = 'id', maxPageSize = 100): Pagination {
	return { style: 'cursor', idField: idFieldName, cursorParam: 'starting_after', itemsPath: 'data', maxPageSize };
}


/** `enable_recording`: the enum of Daily's spec (room-properties and token properties); `<not set>` is not in it. */
export const RECORDING_MODES: Array<[string, string]> = [
	['cloud', 'Cloud'],
	['cloud-audio-only', 'Cloud Audio Only'],
	['local', 'Local'],
	['raw-tracks', 'Raw Tracks'],
];

const RECORDING_MODE = z.enum(RECORDING_MODES.map(([v]) => v) as [string, ...string[]], {
	errorMap: () => ({ message: `must be one of ${RECORDING_MODES.map(([v]) => `'${v}'`).join(', ')}` }),
});

/**
 * The spec's `enable_recording` is one mode or an array of modes: a dropdown value, an array from an expression, or
 * comma-separated text ("cloud, raw-tracks") for several. `<not set>`, offered before, is not in the spec's enum: a
 * workflow saved with it sends nothing, which is what it meant.
 */
const enableRecording = z.preprocess(
	(v) => (v === '<not set>' ? undefined : typeof v === 'string' && v.includes(',') ? listItems(v) : v),
	z.union([RECORDING_MODE, z.array(RECORDING_MODE).min(1, 'must list at least one mode')]).optional(),
);

const enableRecordingField = (description: string): FieldSpec => ({
	displayName: 'Enable Recording', name: 'enable_recording', type: 'options', default: '', options: RECORDING_MODES, zod: enableRecording,
	description: `${description}; several modes as an expression giving an array or comma-separated text`,
});

/** Daily's `enable_raw_tracks_transcoded_audio` enum (the spec's room-properties); not set, Daily's default applies. */
const TRANSCODED_AUDIO: OptionPair[] = [
	['aac', 'AAC'], ['wav', 'WAV'], ['wav-48k', 'WAV 48 kHz'], ['wav-48k-stereo', 'WAV 48 kHz Stereo'], ['wav-48k-mono', 'WAV 48 kHz Mono'],
	['wav-44k1', 'WAV 44.1 kHz'], ['wav-44k1-stereo', 'WAV 44.1 kHz Stereo'], ['wav-44k1-mono', 'WAV 44.1 kHz Mono'],
];

const LANGUAGES: Array<[string, string]> = [
	['da', 'Danish'], ['de', 'German'], ['en', 'English'], ['es', 'Spanish'], ['fi', 'Finnish'],
	['fr', 'French'], ['it', 'Italian'], ['jp', 'Japanese'], ['ka', 'Georgian'], ['nl', 'Dutch'],
	['no', 'Norwegian'], ['pl', 'Polish'], ['pt', 'Portuguese'], ['pt-BR', 'Portuguese (Brazil)'],
	['ru', 'Russian'], ['sv', 'Swedish'], ['tr', 'Turkish'], ['user', "User's Browser Language"],
];

/** The region code goes in the tooltip: n8n's lint wants labels in Title Case, which would misspell it. */
const region = (value: string, city: string): OptionPair => [value, city, `Region ${value}`];

const REGIONS: OptionPair[] = [
	region('af-south-1', 'Cape Town'), region('ap-northeast-2', 'Seoul'), region('ap-south-1', 'Mumbai'),
	region('ap-southeast-1', 'Singapore'), region('ap-southeast-2', 'Sydney'), region('eu-central-1', 'Frankfurt'),
	region('eu-west-2', 'London'), region('sa-east-1', 'São Paulo'), region('us-east-1', 'N. Virginia'),
	region('us-west-2', 'Oregon'),
];

const bool = (name: string, displayName: string, description: string): FieldSpec => ({
	displayName, name, type: 'boolean', default: false, description,
});
/** A boolean whose Daily default is true (the spec says so): offered at true, so adding it does not turn it off. */
const boolOn = (name: string, displayName: string, description: string): FieldSpec => ({
	displayName, name, type: 'boolean', default: true, description,
});

/** Every documented room property (reference/providers.md §1.2, Daily's RoomProperties model). */
export const ROOM_PROPERTY_FIELDS: FieldSpec[] = [
	{ displayName: 'Not Before', name: 'nbf', type: 'unixTime', default: '', description: 'Users cannot join before this time' },
	{ displayName: 'Expires At', name: 'exp', type: 'unixTime', default: '', future: true, description: 'Users cannot join after this time; must be in the future' },
	{ displayName: 'Max Participants', name: 'max_participants', type: 'number', default: 0, integer: true, min: 1, description: 'How many people may be in the room at once (default 200)' },
	bool('enable_people_ui', 'Enable People UI', 'Whether Daily Prebuilt shows the People panel'),
	bool('enable_pip_ui', 'Enable Picture in Picture UI', 'Whether Daily Prebuilt offers Picture in Picture'),
	bool('enable_emoji_reactions', 'Enable Emoji Reactions', 'Whether Daily Prebuilt shows the Reactions button'),
	bool('enable_hand_raising', 'Enable Hand Raising', 'Whether participants can raise a hand in Daily Prebuilt'),
	bool('enable_prejoin_ui', 'Enable Prejoin UI', 'Whether participants see a camera and mic check before joining'),
	bool('enable_live_captions_ui', 'Enable Live Captions UI', 'Whether Daily Prebuilt shows a closed captions button'),
	bool('enable_network_ui', 'Enable Network UI', 'Whether Daily Prebuilt shows the network panel'),
	bool('enable_noise_cancellation_ui', 'Enable Noise Cancellation UI', 'Whether Daily Prebuilt shows noise cancellation controls'),
	bool('enable_breakout_rooms', 'Enable Breakout Rooms', 'Whether owners can create breakout rooms in Daily Prebuilt (beta)'),
	bool('enable_knocking', 'Enable Knocking', 'Whether participants without a token can ask to be let into a private room'),
	boolOn('enable_screenshare', 'Enable Screenshare', 'Whether participants can share their screen (default true)'),
	boolOn('enable_video_processing_ui', 'Enable Video Processing UI', 'Whether Daily Prebuilt shows background blur controls (default true)'),
	bool('enable_chat', 'Enable Chat', 'Whether Daily Prebuilt has text chat'),
	boolOn('enable_shared_chat_history', 'Enable Shared Chat History', 'Whether participants who join late see earlier chat messages (default true)'),
	bool('start_video_off', 'Start Video Off', 'Whether cameras are off when participants join'),
	bool('start_audio_off', 'Start Audio Off', 'Whether microphones are off when participants join'),
	bool('enable_cpu_warning_notifications', 'Enable CPU Warning Notifications', 'Whether Daily Prebuilt warns participants whose CPU is overloaded'),
	enableRecordingField('Which kind of recording is allowed in the room'),
	{ displayName: 'Raw Tracks Transcoded Audio', name: 'enable_raw_tracks_transcoded_audio', type: 'options', default: '', options: TRANSCODED_AUDIO, description: 'Gapless transcoded audio for raw-tracks recordings, in this format' },
	bool('eject_at_room_exp', 'Eject at Room Expiry', 'Whether everyone is removed when the room expires'),
	{ displayName: 'Eject After Elapsed (Seconds)', name: 'eject_after_elapsed', type: 'number', default: 0, integer: true, min: 1, description: 'Remove each participant this many seconds after they join' },
	bool('enable_advanced_chat', 'Enable Advanced Chat', 'Whether chat has emoji reactions, an emoji picker and GIFs'),
	bool('enable_hidden_participants', 'Enable Hidden Participants', 'Whether non-owners join hidden, for large broadcasts'),
	bool('enable_mesh_sfu', 'Enable Mesh SFU', 'Whether the call uses several SFUs, for very large calls'),
	{ displayName: 'SFU Switchover', name: 'sfu_switchover', type: 'number', default: 0, min: 0, description: 'Participant count above which the call switches from peer-to-peer to SFU (default 0.5)' },
	boolOn('enable_adaptive_simulcast', 'Enable Adaptive Simulcast', 'Whether 1:1 calls adapt their bitrate to the network (default true)'),
	bool('enable_multiparty_adaptive_simulcast', 'Enable Multiparty Adaptive Simulcast', 'Whether group calls adapt their bitrate to the network'),
	bool('enforce_unique_user_ids', 'Enforce Unique User IDs', 'Whether a second participant with the same user ID ejects the first'),
	bool('experimental_optimize_large_calls', 'Optimize Large Calls', 'Whether Daily Prebuilt is tuned for calls of up to 1,000 participants'),
	{ displayName: 'Language', name: 'lang', type: 'options', default: '', options: LANGUAGES, description: 'Language of the Daily Prebuilt UI' },
	{ displayName: 'Meeting Join Hook', name: 'meeting_join_hook', type: 'string', default: '', url: true, maxLength: 255, description: 'A URL that receives a request when someone joins (prefer a webhook)' },
	{ displayName: 'Geo Region', name: 'geo', type: 'options', default: '', options: REGIONS, description: 'The region of the call server' },
	{ displayName: 'RTMP Geo Region', name: 'rtmp_geo', type: 'options', default: '', options: [region('us-west-2', 'Oregon'), region('eu-central-1', 'Frankfurt'), region('ap-south-1', 'Mumbai')], description: 'The region where RTMP streams start' },
	bool('disable_rtmp_geo_fallback', 'Disable RTMP Geo Fallback', 'Whether streaming fails instead of falling back to another region'),
	{ displayName: 'Recordings Bucket (JSON)', name: 'recordings_bucket', type: 'json', default: '', description: 'Your own S3 bucket for recordings: {"bucket_name", "bucket_region", "assume_role_arn", "allow_api_access", "allow_streaming_from_bucket"}' },
	bool('enable_terse_logging', 'Enable Terse Logging', 'Whether fewer log messages are sent, for calls over 200 people'),
	{ displayName: 'Auto Transcription Settings (JSON)', name: 'auto_transcription_settings', type: 'json', default: '', description: 'Options used when transcription starts automatically, e.g. {"language": "de"}' },
	bool('enable_transcription_storage', 'Enable Transcription Storage', 'Whether transcriptions are saved as WebVTT'),
	{ displayName: 'Transcription Bucket (JSON)', name: 'transcription_bucket', type: 'json', default: '', description: 'Your own S3 bucket for transcripts' },
	{ displayName: 'Recordings Template', name: 'recordings_template', type: 'string', default: '', maxLength: 1024, description: 'File name template; must contain {epoch_time}, e.g. {room_name}/{epoch_time}.mp4' },
	{ displayName: 'Transcription Template', name: 'transcription_template', type: 'string', default: '', maxLength: 1024, pattern: { regex: /\{epoch_time\}/, message: 'must contain {epoch_time}' }, description: 'Transcript file name template; must contain {epoch_time}, e.g. {room_name}/{epoch_time}.vtt' },
	{ displayName: 'Streaming Endpoints (JSON)', name: 'streaming_endpoints', type: 'json', default: '', description: 'Predefined RTMP or HLS endpoints: an array of {name, type, rtmp_config | hls_config}' },
	{ displayName: 'Permissions (JSON)', name: 'permissions', type: 'json', default: '', description: 'Default participant permissions: {"hasPresence", "canSend", "canAdmin"}' },
	bool('enable_dialout', 'Enable Dial-Out', 'Whether the room can dial out to phones and SIP addresses'),
	{ displayName: 'Dial-Out Config (JSON)', name: 'dialout_config', type: 'json', default: '', description: 'Dial-out behaviour: {"allow_room_start", "dialout_geo", "max_idle_timeout_sec"}' },
	{ displayName: 'SIP (JSON)', name: 'sip', type: 'json', default: '', description: 'SIP dial-in settings, e.g. {"display_name", "video", "sip_mode", "num_endpoints"}' },
];

// Permissions, SIP and streaming endpoints as rows: each names the JSON property it stands for (`json`) and what it
// sends there (`toValue`).

/** The media and admin names of `permissions` (canSend, canAdmin): the spec's canSend names the first four; the custom
 * tracks are kept from earlier versions of the node. */
export const CAN_SEND: Array<[string, string]> = [['video', 'Video'], ['audio', 'Audio'], ['screenVideo', 'Screen Video'], ['screenAudio', 'Screen Audio'], ['customVideo', 'Custom Video'], ['customAudio', 'Custom Audio']];
export const CAN_ADMIN: Array<[string, string]> = [['participants', 'Participants'], ['streaming', 'Streaming'], ['transcription', 'Transcription']];

/** A list chosen in a multiOptions field, or nothing when none is chosen (the key is then not sent). */
const nonEmptyList = (value: unknown) => (Array.isArray(value) && value.length ? value : undefined);

/** JSON text typed in a row's field, parsed; an Error naming `field` when it is not JSON. */
export function parsedJson(value: unknown, field: string, invalid: Invalid): unknown {
	const parsed = jsonValue.safeParse(value);
	return parsed.success ? parsed.data : invalid(`${field}: ${parsed.error.issues[0].message}`);
}

/** A room's or a token's `permissions` object (spec schema `permissions`) as fields instead of JSON. */
export function permissionRows(description: string): RowsAlternative {
	return {
		json: 'permissions',
		rows: {
			name: 'permissionsUi', displayName: 'Permissions', item: 'permissions', itemDisplayName: 'Permissions', single: true,
			description, placeholder: 'Set Permissions',
			fields: [
				{ displayName: 'Has Presence', name: 'hasPresence', type: 'boolean', default: true, description: 'Whether the participant is visible to others' },
				{ displayName: 'Can Send', name: 'canSend', type: 'multiOptions', default: [], options: CAN_SEND, description: 'Which media the participant may send; none chosen leaves Daily\'s default (all)' },
				{ displayName: 'Can Admin', name: 'canAdmin', type: 'multiOptions', default: [], options: CAN_ADMIN, description: 'What the participant may administer; none chosen leaves Daily\'s default (nothing)' },
			],
		},
		toValue: ([row = {}]) => {
			const out: IDataObject = {};
			if (row.hasPresence !== undefined) out.hasPresence = row.hasPresence as boolean;
			if (nonEmptyList(row.canSend)) out.canSend = row.canSend as string[];
			if (nonEmptyList(row.canAdmin)) out.canAdmin = row.canAdmin as string[];
			return out;
		},
	};
}

/** A room's `sip` object (spec `room-properties.sip`); `sip_mode` has the one value `dial-in`, so it is not asked. */
export const sipRows: RowsAlternative = {
	json: 'sip',
	rows: {
		name: 'sipUi', displayName: 'SIP Dial-In', item: 'sip', itemDisplayName: 'SIP Dial-In', single: true,
		description: 'Daily provisions a SIP endpoint for the room and returns its sip_uri', placeholder: 'Set SIP Dial-In',
		fields: [
			{ displayName: 'Display Name', name: 'display_name', type: 'string', default: '', description: 'The name SIP participants are shown with' },
			{ displayName: 'Video', name: 'video', type: 'boolean', default: false, description: 'Whether SIP participants may send video (otherwise audio only)' },
			{ displayName: 'Number of Endpoints', name: 'num_endpoints', type: 'number', default: 1, integer: true, min: 1, description: 'How many SIP endpoints to provision, for simultaneous SIP calls' },
			{ displayName: 'Digits-Only Username', name: 'force_digit_only_username', type: 'boolean', default: false, description: 'Whether the SIP username is numeric only, for providers that accept only digits; not with more than one endpoint' },
			{ displayName: 'Audio Codecs', name: 'audioCodecs', type: 'multiOptions', default: [], options: [['OPUS', 'OPUS'], ['G722', 'G722'], ['PCMU', 'PCMU'], ['PCMA', 'PCMA']], description: 'Preferred audio codecs' },
			{ displayName: 'Video Codecs', name: 'videoCodecs', type: 'multiOptions', default: [], options: [['H264', 'H264'], ['VP8', 'VP8']], description: 'Preferred video codecs (with Video on)' },
		],
	},
	toValue: ([row = {}], invalid) => {
		const { audioCodecs, videoCodecs, ...rest } = row;
		// The spec's room-properties.sip: display_name is required; digits-only usernames are "incompatible with num_endpoints > 1".
		if (!rest.display_name) return invalid('Display Name: is required for SIP dial-in');
		if (rest.force_digit_only_username === true && Number(rest.num_endpoints ?? 1) > 1) return invalid('Digits-Only Username: cannot be used with more than one endpoint');
		const codecs = { ...(nonEmptyList(audioCodecs) ? { audio: audioCodecs } : {}), ...(nonEmptyList(videoCodecs) ? { video: videoCodecs } : {}) };
		return { ...rest, sip_mode: 'dial-in', ...(Object.keys(codecs).length ? { codecs } : {}) };
	},
};

/** A room's `streaming_endpoints` (spec `room-properties.streaming_endpoints`): RTMP by URL, HLS by its config as JSON. */
export const streamingEndpointRows: RowsAlternative = {
	json: 'streaming_endpoints',
	rows: {
		name: 'streamingEndpointsUi', displayName: 'Streaming Endpoints', item: 'endpoint', itemDisplayName: 'Endpoint',
		description: 'Live-stream targets predefined on the room, started later by name', placeholder: 'Add Endpoint',
		fields: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The name a live stream is started with, e.g. rtmp_youtube' },
			{ displayName: 'Type', name: 'type', type: 'options', default: 'rtmp', options: [['hls', 'HLS'], ['rtmp', 'RTMP']], description: 'RTMP to a streaming service, or HLS stored in your S3 bucket' },
			{ displayName: 'RTMP URL', name: 'rtmpUrl', type: 'string', default: '', description: 'For RTMP: the rtmp:// or rtmps:// URL with its stream key' },
			{ displayName: 'HLS Config (JSON)', name: 'hlsConfig', type: 'json', default: '', description: 'For HLS: the hls_config object, e.g. {"storage": {"bucket_name", "bucket_region", "assume_role_arn"}}' },
		],
	},
	toValue: (rows, invalid) =>
		rows.map(({ name, type = 'rtmp', rtmpUrl, hlsConfig }, i) => {
			const which = name ? `endpoint '${String(name)}'` : `endpoint ${i + 1}`;
			if (!name) return invalid(`Name of ${which}: is required (a live stream is started by it)`);
			if (type === 'rtmp' && !/^rtmps?:\/\//i.test(String(rtmpUrl ?? ''))) return invalid(`RTMP URL of ${which}: must be an rtmp:// or rtmps:// URL`);
			if (type === 'hls' && !hlsConfig) return invalid(`HLS Config (JSON) of ${which}: is required for an HLS endpoint`);
			if ((type === 'rtmp' && hlsConfig) || (type === 'hls' && rtmpUrl)) return invalid(`${which}: give the RTMP URL for RTMP or the HLS config for HLS, not both`);
			return type === 'rtmp' ? { name, type, rtmp_config: { url: rtmpUrl } } : { name, type, hls_config: parsedJson(hlsConfig, `HLS Config (JSON) of ${which}`, invalid) };
		}),
};

/**
 * Keys the node offered that are not (or no longer) properties of Daily's spec: `dialin` (never a room property;
 * dial-in is the domain's dial-in config) and `owner_only_broadcast` (gone from the spec; true becomes permissions,
 * below). A workflow saved with one still validates, and the key is not sent, since Daily does not know it.
 */
export const RETIRED_ROOM_KEYS = ['dialin', 'owner_only_broadcast'];

/** A collection that reads the retired keys of saved workflows and leaves them out of what it yields. */
export function withoutRetired<N extends string, V>(c: CollectionSpec<N, V>, retired: string[]): CollectionSpec<N, V> {
	const drop = (v: unknown) => {
		if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
		return Object.fromEntries(Object.entries(v).filter(([k]) => !retired.includes(k)));
	};
	return { ...c, schema: z.preprocess(drop, c.schema) };
}

/**
 * `owner_only_broadcast: true` (gone from the spec) let only owners send media. The spec's room `permissions` are those
 * of participants who are not owners, so a saved workflow with it gets `permissions: {canSend: false}`, not more
 * rights than it asked for; with permissions of its own as well, the two are refused together.
 */
function ownerOnlyBroadcast<N extends string, V>(c: CollectionSpec<N, V>): CollectionSpec<N, V> {
	const fold = (v: unknown, ctx: z.RefinementCtx) => {
		if (!v || typeof v !== 'object' || Array.isArray(v) || (v as { owner_only_broadcast?: unknown }).owner_only_broadcast !== true) return v;
		const rest = { ...(v as Record<string, unknown>) };
		delete rest.owner_only_broadcast;
		if (rest.permissions !== undefined || rest.permissionsUi !== undefined) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['owner_only_broadcast'], message: 'is no longer a Daily room property: remove it and set Permissions → Can Send (non-owners) instead' });
			return v;
		}
		return { ...rest, permissions: { canSend: false } };
	};
	return { ...c, schema: z.unknown().transform(fold).pipe(c.schema) };
}

/**
 * The room properties Daily documents a way back to its default for (test/fixtures/daily-openapi-overlay.json `resets`
 * records the same, so the simulator accepts exactly these).
 */
export const ROOM_RESETS: Reset[] = [
	// docs.daily.co reference/rest-api/rooms/set-room-config, "Change a room's max_participants property back to default".
	{ property: 'max_participants', label: 'Max Participants', value: null, source: 'https://docs.daily.co/reference/rest-api/rooms/set-room-config' },
	// The spec's enum of room-properties.enable_raw_tracks_transcoded_audio holds "".
	{ property: 'enable_raw_tracks_transcoded_audio', label: 'Raw Tracks Transcoded Audio', value: '', source: 'daily-openapi.json room-properties' },
	// The spec's field text: "To reset the `streaming_endpoints` property, pass `null` instead of an array."
	{ property: 'streaming_endpoints', label: 'Streaming Endpoints', value: null, source: 'daily-openapi.json room-properties' },
];

/** Room properties; permissions, SIP and streaming endpoints as fields or, as before, as JSON. */
export const roomProperties = () =>
	ownerOnlyBroadcast(
		withoutRetired(
			collectionWithRows(collection('properties', 'Room Properties', ROOM_PROPERTY_FIELDS, 'Add Property'), [
				permissionRows('What participants may do by default'),
				sipRows,
				streamingEndpointRows,
			]),
			RETIRED_ROOM_KEYS,
		),
	);

/** Every documented meeting token property. */
const TOKEN_PROPERTY_FIELDS: FieldSpec[] = [
	{ displayName: 'Room Name', name: 'room_name', type: 'string', default: '', pattern: ROOM_NAME_PATTERN, description: 'The room this token is valid for; without it the token is valid for every room of the domain' },
	bool('eject_at_token_exp', 'Eject at Token Expiry', 'Whether the user is removed when the token expires'),
	{ displayName: 'Eject After Elapsed (Seconds)', name: 'eject_after_elapsed', type: 'number', default: 0, integer: true, min: 1, description: 'Remove the user this many seconds after they join' },
	{ displayName: 'Not Before', name: 'nbf', type: 'unixTime', default: '', description: 'The token cannot be used before this time' },
	{ displayName: 'Expires At', name: 'exp', type: 'unixTime', default: '', future: true, description: 'The token cannot be used after this time; must be in the future' },
	bool('is_owner', 'Is Owner', 'Whether the user has meeting owner privileges'),
	{ displayName: 'User Name', name: 'user_name', type: 'string', default: '', description: "The user's name in the meeting" },
	{ displayName: 'User ID', name: 'user_id', type: 'string', default: '', maxLength: 36, description: 'Your ID for the user, at most 36 characters' },
	boolOn('enable_screenshare', 'Enable Screenshare', 'Whether the user can share a screen (default true)'),
	bool('start_video_off', 'Start Video Off', "Whether the user's camera is off on joining"),
	bool('start_audio_off', 'Start Audio Off', "Whether the user's microphone is off on joining"),
	enableRecordingField('Which kind of recording the user may start'),
	bool('enable_prejoin_ui', 'Enable Prejoin UI', 'Whether the user sees a camera and mic check before joining'),
	bool('enable_live_captions_ui', 'Enable Live Captions UI', 'Whether the user sees a closed captions button'),
	bool('enable_recording_ui', 'Enable Recording UI', 'Whether the user sees the Recording button'),
	bool('enable_terse_logging', 'Enable Terse Logging', 'Whether fewer log messages are sent'),
	bool('knocking', 'Knocking', 'Whether the user must knock even with this token'),
	bool('start_cloud_recording', 'Start Cloud Recording', 'Whether cloud recording starts when the user joins'),
	{ displayName: 'Start Cloud Recording Options (JSON)', name: 'start_cloud_recording_opts', type: 'json', default: '', description: 'Options for the recording started on join' },
	bool('auto_start_transcription', 'Auto Start Transcription', 'Whether transcription starts when an owner joins'),
	bool('close_tab_on_exit', 'Close Tab on Exit', 'Whether the browser tab closes when the user leaves'),
	{ displayName: 'Redirect on Meeting Exit', name: 'redirect_on_meeting_exit', type: 'string', default: '', url: true, description: 'A URL the browser opens when the user leaves' },
	{ displayName: 'Language', name: 'lang', type: 'options', default: '', options: LANGUAGES, description: 'Language of the Daily Prebuilt UI for this user' },
	{ displayName: 'Permissions (JSON)', name: 'permissions', type: 'json', default: '', description: 'Participant permissions: {"hasPresence", "canSend", "canAdmin"}' },
];

/** Token properties; permissions as fields or, as before, as JSON. */
export const tokenProperties = () =>
	collectionWithRows(collection('properties', 'Token Properties', TOKEN_PROPERTY_FIELDS, 'Add Property'), [permissionRows('What the participant may do')]);

/** The `preset` values of the spec's DailyStreamingLayoutConfig (oneOf, discriminated by preset). */
export const LAYOUT_PRESETS = ['active-participant', 'custom', 'default', 'portrait', 'single-participant'];

const layout = jsonValue.pipe(
	z.object({ preset: z.enum(LAYOUT_PRESETS as [string, ...string[]], { errorMap: () => ({ message: `must be one of ${LAYOUT_PRESETS.map((v) => `'${v}'`).join(', ')}` }) }) }, { invalid_type_error: 'must be a JSON object with a preset' }).passthrough(),
);

/** The spec's `type` of a recording or live stream (RecordingStreamingOptions, DailyLiveStreamingOptions). */
export const STREAM_TYPES: Array<[string, string]> = [['cloud', 'Cloud'], ['cloud-audio-only', 'Cloud Audio Only'], ['raw-tracks', 'Raw Tracks']];

/** Type and data outputs, offered on starts (the spec's start bodies have them; stopping a recording has its own Type). */
export const STREAM_START_FIELDS: FieldSpec[] = [
	{ displayName: 'Type', name: 'type', type: 'options', default: '', options: STREAM_TYPES, description: 'The kind of recording or stream (default cloud)' },
	{ displayName: 'Data Outputs', name: 'dataOutputs', type: 'stringList', default: '', description: 'Comma-separated extra outputs Daily writes beside the media (the spec\'s dataOutputs)' },
];

/** Options shared by recording and live streaming starts. */
export const STREAM_OPTION_FIELDS: FieldSpec[] = [
	{ displayName: 'Instance ID', name: 'instanceId', type: 'string', default: '', description: 'A UUID to run several recordings or streams at once; used again to update or stop it' },
	{ displayName: 'Layout (JSON)', name: 'layout', type: 'json', default: '', zod: layout, description: 'Layout, e.g. {"preset": "default", "max_cam_streams": 4} or {"preset": "single-participant", "session_id": "..."}; preset one of default, single-participant, active-participant, portrait, custom' },
	{ displayName: 'Width', name: 'width', type: 'number', default: 0, integer: true, min: 1, description: 'Output width in pixels' },
	{ displayName: 'Height', name: 'height', type: 'number', default: 0, integer: true, min: 1, description: 'Output height in pixels' },
	{ displayName: 'FPS', name: 'fps', type: 'number', default: 0, integer: true, min: 1, max: 30, description: 'Frames per second' },
	{ displayName: 'Video Bitrate (Kbps)', name: 'videoBitrate', type: 'number', default: 0, integer: true, min: 1, description: 'Video bitrate in kilobits per second' },
	{ displayName: 'Audio Bitrate (Kbps)', name: 'audioBitrate', type: 'number', default: 0, integer: true, min: 1, description: 'Audio bitrate in kilobits per second' },
	{ displayName: 'Min Idle Timeout (Seconds)', name: 'minIdleTimeOut', type: 'number', default: 0, integer: true, min: 0, description: 'Stop after this many seconds with nobody sending media' },
	{ displayName: 'Max Duration (Seconds)', name: 'maxDuration', type: 'number', default: 0, integer: true, min: 1, description: 'Stop after this many seconds' },
	{ displayName: 'Background Color', name: 'backgroundColor', type: 'color', default: '', description: 'Background color, e.g. #000000' },
];

export const instanceIdOptions = () =>
	collection('options', 'Options', [STREAM_OPTION_FIELDS[0]], 'Add Option');
