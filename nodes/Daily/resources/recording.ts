import type { IDataObject } from 'n8n-workflow';
import { operation, propertyOf, type LinkedFile, type OperationContext, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, idField, params, pick } from '../../shared/parameters/fields';
import { dailyCursor, roomNameField, STREAM_OPTION_FIELDS, STREAM_START_FIELDS, STREAM_TYPES } from '../fields';

const recordingId = idField('recordingId', 'Recording ID', 'The ID of the recording', 'searchRecordings');

const start = params([roomNameField('The room whose meeting to record')], [
	collection('options', 'Options', [
		...STREAM_START_FIELDS,
		...STREAM_OPTION_FIELDS,
	], 'Add Option'),
]);

/*
 * Update's body is the spec's DailyStreamingOptions (POST /rooms/{room_name}/recordings/update): the start settings
 * but dataOutputs, and a `type` typed as text ("specify type of recording (`cloud`, `raw-tracks`, `local`)"), so the
 * start's types and `local` are offered. Only the layout is documented as changing while the recording runs
 * (daily-js updateRecording(): layout and instanceId, https://docs.daily.co/reference/daily-js/instance-methods/update-recording).
 */
export const RECORDING_UPDATE_TYPES: Array<[string, string]> = [...STREAM_TYPES, ['local', 'Local']];

const update = params([roomNameField()], [
	collection('options', 'Options', [
		...STREAM_OPTION_FIELDS,
		{ displayName: 'Type', name: 'type', type: 'options', default: '', options: RECORDING_UPDATE_TYPES, description: 'The kind of recording to update (the spec names cloud, raw-tracks and local)' },
	], 'Add Option'),
]);

/*
 * Download. A recording's file is behind its access link (GET /recordings/{recording_id}/access-link →
 * {download_link, expires}): "a cryptographically signed, time-limited, direct link to a .mp4 file" (docs.daily.co/
 * reference/rest-api/recordings/get-recording-link), fetched without the API key; the spec's example names the file only
 * in the link's `response-content-disposition` (filename="api-demo/hello/1548790973821.webm"), the recording's s3key
 * plus an extension. The recording itself (GET /recordings/{recording_id}) has no `type`: a raw-tracks recording is the
 * one with `tracks` ("If the recording is a raw-tracks recording, a tracks field will be provided").
 *
 * Two kinds of recording have no one file to stream, and the operation fails for them, naming where the files are and
 * what to use instead, rather than answering an item without binary data: a workflow built on Download goes on to
 * write, upload or delete the file, and an item without it would fail at the next node with n8n's "no binary field"
 * (or, with Delete after it, could lose the only copy). A failed item still carries the explanation on the error
 * output (On Error → Continue (using error output)), for a branch that handles them.
 * - Raw-tracks: a file per participant's track; "Access links or share tokens cannot be used to download or access
 *   rtp-tracks recordings; tracks must be downloaded individually" (help.daily.co/en/articles/4471340). The tracks'
 *   s3keys are in Get's answer.
 * - Kept from the API: "if certain error conditions occur (for instance, domain properties prevent access to
 *   recordings), this field could be an error string rather than a URL" (the access-link page); the spec's
 *   recordings_bucket (the customer's own S3 bucket) has `allow_api_access`, "whether the recording will be accessible
 *   using Daily's API". A recording in the customer's bucket with API access has a link like any other, and downloads.
 */

/**
 * The MIME types of the extensions Daily documents for a recording's file: .mp4 (the docs), .webm (the spec's example).
 * Daily documents none for an audio-only recording's file: its type is what its extension says.
 */
const MIME: Record<string, string> = { mp4: 'video/mp4', webm: 'video/webm' };

/** The last segment of a path, never `.` or `..`. */
const lastSegment = (path: string) => path.split(/[/\\]/).filter((segment) => segment !== '' && segment !== '.' && segment !== '..').pop() ?? '';

/**
 * The file's name as Daily gives it: the filename of the link's response-content-disposition (its last segment: Daily
 * names it by the s3key), else the link path's last segment when it has an extension, else the s3key's last segment (or
 * the ID) with .mp4, the documented format.
 */
export function recordingFileName(link: string, s3key: unknown, id: string): string {
	const url = new URL(link);
	const disposition = url.searchParams.get('response-content-disposition') ?? '';
	const named = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1];
	if (named) {
		const name = lastSegment(named.includes('%') ? safeDecode(named) : named);
		if (name) return name;
	}
	const fromPath = lastSegment(safeDecode(url.pathname));
	if (/\.[A-Za-z0-9]{2,4}$/.test(fromPath)) return fromPath;
	return `${(typeof s3key === 'string' && lastSegment(s3key)) || id}.mp4`;
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** The tracks of a raw-tracks recording, for the error that says where they are (at most 10 named). */
function trackList(tracks: unknown[]): string {
	const named = tracks.slice(0, 10).map((track) => {
		const t = (track ?? {}) as IDataObject;
		return `${String(t.type ?? 'track')} ${String(t.s3key ?? '(no s3key)')}${typeof t.size === 'number' ? ` (${t.size} bytes)` : ''}`;
	});
	return `${named.join('; ')}${tracks.length > 10 ? `; and ${tracks.length - 10} more` : ''}`;
}

export async function recordingFile(ctx: OperationContext, recordingId: string): Promise<LinkedFile> {
	const path = `/recordings/${pathSegment(recordingId)}`;
	// GET /recordings/{recording_id} (GetRecordingInfo): s3key, status, tracks.
	const { body: recording } = await ctx.send({ method: 'GET', path, repeatable: true });
	const tracks = propertyOf(recording, 'tracks');
	const s3key = propertyOf(recording, 's3key');
	if (Array.isArray(tracks) && tracks.length > 0) {
		throw ctx.error(
			`Recording ${recordingId} is a raw-tracks recording: ${tracks.length} track files, not one file to download`,
			`Daily gives raw-tracks recordings no download link: each track is a file of its own in the S3 bucket that holds the recording. Fetch each from there by its s3key (e.g. with n8n's AWS S3 node); Recording → Get lists them. Tracks: ${trackList(tracks)}.`,
		);
	}
	const status = propertyOf(recording, 'status');
	if (typeof status === 'string' && status !== 'finished') {
		throw ctx.notYet(
			`Recording ${recordingId} is ${status}; only finished recordings can be downloaded`,
			'Daily sends recording.ready-to-download (Daily Trigger) once a recording\'s file is ready.',
		);
	}
	// GET /recordings/{recording_id}/access-link (GetRecordingLink): download_link, expires.
	const { body: access } = await ctx.send({ method: 'GET', path: `${path}/access-link`, repeatable: true });
	const link = propertyOf(access, 'download_link');
	if (typeof link !== 'string' || !/^https?:\/\/\S+$/i.test(link)) {
		const said = typeof link === 'string' && link !== '' ? `Daily answered "${link.slice(0, 200)}" instead of a link. ` : '';
		throw ctx.error(
			`Daily gave no download link for recording ${recordingId}`,
			`${said}Daily does this when the domain's or room's settings keep recordings from its API: a recording stored in your own S3 bucket (recordings_bucket) with allow_api_access off. Fetch it from that bucket${typeof s3key === 'string' ? ` (key ${s3key})` : ''}, e.g. with n8n's AWS S3 node, or turn allow_api_access on; Recording → Get Access Link shows Daily's answer.`,
		);
	}
	const fileName = recordingFileName(link, s3key, recordingId);
	const json: IDataObject = { recordingId };
	for (const key of ['room_name', 'start_ts', 'duration', 'mtgSessionId', 's3key'] as const) {
		const value = propertyOf(recording, key);
		if (value !== undefined && value !== null) json[key] = value;
	}
	// The kernel streams it into n8n's binary data: a recording of gigabytes is never held in memory. An extension not
	// in MIME leaves the type to n8n (from the name, else the answer's Content-Type).
	const expires = propertyOf(access, 'expires');
	return { url: link, fileName, mimeType: MIME[fileName.split('.').pop()!.toLowerCase()], json, ...(typeof expires === 'number' ? { expires } : {}) };
}

const operations: OperationDescriptor[] = [
	operation({
		resource: 'recording', operation: 'start', name: 'Start', action: 'Start recording a room',
		description: 'Start a cloud recording of the meeting running in a room; Daily answers {"status": "sent"} without a recording ID',
		...start,
		repeatable: false,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomName)}/recordings/start`, body: defined(p.options), rateClass: 'start' }),
	}),
	operation({
		resource: 'recording', operation: 'update', name: 'Update', action: 'Update a running recording',
		description: 'Send new settings to a running recording. Only the layout takes effect while it runs (as documented by daily-js updateRecording); Daily\'s spec accepts the other settings here, with no documented effect on a running recording.',
		...update,
		repeatable: true,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomName)}/recordings/update`, body: defined(p.options) }),
	}),
	operation({
		resource: 'recording', operation: 'stop', name: 'Stop', action: 'Stop recording a room',
		description: 'Stop the recording of a room (the one with the given instance ID, if several run)',
		// "If a raw-tracks recording is being used, a type must be declared" (docs.daily.co/reference/rest-api/rooms/
		// recordings/stop: cloud, cloud-audio-only or raw-tracks; the spec gives this call no body, the overlay does).
		...params([roomNameField()], [collection('options', 'Options', [
			STREAM_OPTION_FIELDS[0],
			{ displayName: 'Type', name: 'type', type: 'options', default: '', options: STREAM_TYPES, description: 'The kind of recording to stop (default cloud); a raw-tracks recording needs it' },
		], 'Add Option')]),
		repeatable: true,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomName)}/recordings/stop`, body: defined(p.options) }),
	}),
	operation({
		resource: 'recording', operation: 'getAll', name: 'Get Many', action: 'Get many recordings',
		simplify: pick('id', 'room_name', 'start_ts', 'status', 'duration', 'max_participants', 'mtgSessionId'),
		description: 'List recordings, newest first, optionally only those of one room',
		...params([], [collection('filters', 'Filters', [{ ...roomNameField('Only recordings of this room'), required: false, name: 'room_name' }], 'Add Filter')]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: '/recordings', qs: defined(p.filters), rateClass: 'slow' }),
		paginate: dailyCursor(),
	}),
	operation({
		resource: 'recording', operation: 'get', name: 'Get', action: 'Get a recording',
		simplify: pick('id', 'room_name', 'start_ts', 'status', 'duration', 'max_participants', 'mtgSessionId'),
		description: 'Get a recording with its status, duration and tracks',
		...params([recordingId]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/recordings/${pathSegment(p.recordingId)}` }),
	}),
	operation({
		resource: 'recording', operation: 'delete', name: 'Delete', action: 'Delete a recording',
		description: 'Delete a recording for good',
		...params([recordingId]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/recordings/${pathSegment(p.recordingId)}` }),
		output: (body, p) => ({ deleted: true, id: p.recordingId, ...(body && typeof body === 'object' ? body : {}) }),
	}),
	operation({
		resource: 'recording', operation: 'getAccessLink', name: 'Get Access Link', action: 'Get a recording download link',
		description: 'Get a temporary download link for a recording; the answer has download_link and expires (unix time)',
		...params([recordingId], [collection('options', 'Options', [
			{ displayName: 'Valid For (Seconds)', name: 'valid_for_secs', type: 'number', default: 0, integer: true, min: 1, max: 43200, description: 'How long the link works (default 3600, at most 43200)' },
		], 'Add Option')]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/recordings/${pathSegment(p.recordingId)}/access-link`, qs: defined(p.options) }),
	}),
	operation({
		resource: 'recording', operation: 'download', name: 'Download', action: 'Download a recording',
		description: 'Fetch the file of a finished cloud recording (video or audio only) through a temporary access link and return it as binary data, streamed. Raw-tracks recordings (a file per track) and recordings Daily keeps from its API (in your own S3 bucket without allow_api_access) have no one file: the item fails, naming where the files are; use Get or Get Access Link for those.',
		...params([recordingId]),
		repeatable: true,
		// GET /recordings/{recording_id}, then GET /recordings/{recording_id}/access-link
		fileLink: async (ctx, p) => await recordingFile(ctx, p.recordingId),
	}),
];

export const recording: ResourceDescriptor = { value: 'recording', name: 'Recording', operations };
