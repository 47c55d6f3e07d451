import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
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
];

export const recording: ResourceDescriptor = { value: 'recording', name: 'Recording', operations };
