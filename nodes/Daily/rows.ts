import type { IDataObject } from 'n8n-workflow';
import { jsonValue } from '../shared/formats/parse';
import type { Invalid, RowsAlternative } from '../shared/parameters/structured';

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
