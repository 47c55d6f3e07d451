import type { IDataObject } from 'n8n-workflow';
import { type LinkedFile, operation, type OperationContext, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, field, idField, params, pick } from '../../shared/parameters/fields';
import { listOptions, roomField, sessionField } from '../fields';
import { dsOffset } from '../transport';

const recordingId = idField('recordingId', 'Recording ID', 'The ID (UUID) of the recording', 'searchRecordings');
const roomFilter = field({ displayName: 'Room ID', name: 'room_id', type: 'string', default: '', description: 'Only recordings of this room (its UUID)' });

const validFor = () => collection('options', 'Options', [
	{ displayName: 'Valid For (Minutes)', name: 'valid_for_minutes', type: 'number', default: 60, integer: true, min: 1, description: 'How long the link works' },
], 'Add Option');


const MIME: Record<string, string> = { mp4: 'video/mp4', webm: 'video/webm', mkv: 'video/x-matroska', m4a: 'audio/mp4', mp3: 'audio/mpeg' };

/** The file name in a signed link, or a fallback when the link has none. */
function fileNameOf(link: string, id: string): string {
	const last = decodeURIComponent(new URL(link).pathname.split('/').pop() ?? '');
	return /\.[A-Za-z0-9]{2,4}$/.test(last) ? last : `recording-${id}.mp4`;
}

/** Recording → Get (spec getTheSpecifiedRecording): the recording, with its status (AWAITING_START, IN_PROGRESS, PENDING_CONVERSION, READY), room and session. */
export async function getRecording(ctx: OperationContext, recordingId: string): Promise<IDataObject> {
	const { body } = await ctx.send({ method: 'GET', path: `/recordings/${pathSegment(recordingId)}`, repeatable: true });
	return (body ?? {}) as IDataObject;
}

/**
 * Recording → Download's lookup: GET /recordings/{recording}/download answers `{link, valid_until}` (spec
 * downloadTheSpecifiedRecording; the link works until valid_until, 60 minutes by default). No link yet: not ready
 * (`ctx.notYet`), which a trigger asks again for and an action node fails with.
 */
export async function recordingFile(ctx: OperationContext, recordingId: string): Promise<LinkedFile> {
	const { body } = await ctx.send({ method: 'GET', path: `/recordings/${pathSegment(recordingId)}/download`, repeatable: true });
	const answer = (body ?? {}) as IDataObject;
	const link = answer.link;
	if (typeof link !== 'string' || link === '') {
		throw ctx.notYet(`Recording ${recordingId} has no download link yet; only READY recordings can be downloaded`);
	}
	const fileName = fileNameOf(link, recordingId);
	const mimeType = MIME[fileName.split('.').pop()!.toLowerCase()];
	const until = typeof answer.valid_until === 'string' ? Date.parse(answer.valid_until) : NaN;
	// The kernel streams it into n8n's binary data: a recording of gigabytes is never held in memory.
	return { url: link, fileName, mimeType, json: { recordingId }, ...(Number.isFinite(until) ? { expires: Math.floor(until / 1000) } : {}) };
}

/** A call on a recording, or on the recording of a room, that answers nothing: the output names what it acted on (`target`). */
const action = <P>(
	value: string, name: string, actionText: string, description: string,
	parameters: Pick<OperationDescriptor<P>, 'properties' | 'schema'>, path: (p: P) => string, target: (p: P) => IDataObject,
): OperationDescriptor => operation({
	resource: 'recording', operation: value, name, action: actionText, description,
	...parameters,
	// Starting is sent once; archiving, unarchiving and stopping again change nothing.
	repeatable: value !== 'start',
	request: (p) => ({ method: 'POST', path: path(p) }),
	output: (_body, p) => ({ success: true, ...target(p) }),
});

const operations: OperationDescriptor[] = [
	operation({
		resource: 'recording', operation: 'getAll', name: 'Get Many', action: 'Get many recordings',
		simplify: pick('id', 'name', 'status', 'room_id', 'friendly_url', 'session_id', 'participant_name', 'duration', 'created_at'),
		description: 'List the team\'s recordings, newest first, optionally of one room or session or in one status (IN_PROGRESS, PENDING_CONVERSION, READY)',
		...params([], [listOptions([
			roomFilter,
			{ displayName: 'Session ID', name: 'session_id', type: 'string', default: '', description: 'Only recordings of this session (its UUID)' },
			{ displayName: 'Status', name: 'status', type: 'options', default: '', options: [['IN_PROGRESS', 'In Progress'], ['PENDING_CONVERSION', 'Pending Conversion'], ['READY', 'Ready']], description: 'Only recordings in this state; READY ones can be downloaded' },
		])]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: '/recordings', qs: defined(p.options) }),
		paginate: dsOffset,
	}),
	operation({
		resource: 'recording', operation: 'getManyArchived', name: 'Get Many Archived', action: 'Get many archived recordings',
		description: 'List the archived recordings of the team, newest first, optionally of one room',
		...params([], [listOptions([roomFilter])]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: '/recordings/archived', qs: defined(p.options) }),
		paginate: dsOffset,
	}),
	operation({
		resource: 'recording', operation: 'get', name: 'Get', action: 'Get a recording',
		simplify: pick('id', 'name', 'status', 'room_id', 'friendly_url', 'session_id', 'participant_name', 'duration', 'created_at'),
		description: 'Get one recording with its status, duration, room, session and the participant who recorded',
		...params([recordingId]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/recordings/${pathSegment(p.recordingId)}` }),
	}),
	operation({
		resource: 'recording', operation: 'getDownloadLink', name: 'Get Download Link', action: 'Get a recording download link',
		description: 'Get a temporary link to the file of a READY recording, as {link, valid_until}',
		...params([recordingId], [validFor()]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/recordings/${pathSegment(p.recordingId)}/download`, qs: defined(p.options) }),
	}),
	operation({
		resource: 'recording', operation: 'download', name: 'Download', action: 'Download a recording',
		description: 'Fetch the file of a READY recording through a temporary link and return it as binary data',
		...params([recordingId]),
		repeatable: true,
		fileLink: async (ctx, p) => await recordingFile(ctx, p.recordingId),
	}),
	operation({
		resource: 'recording', operation: 'getBookmarks', name: 'Get Bookmarks', action: 'Get the bookmarks of a recording',
		description: 'List the bookmarks participants set in a recording (text, time in seconds, session), one item each',
		...params([recordingId]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/recordings/${pathSegment(p.recordingId)}/bookmarks` }),
	}),
	action('archive', 'Archive', 'Archive a recording', 'Move a recording to the archive', params([recordingId]), (p) => `/recordings/${pathSegment(p.recordingId)}/archive`, (p) => ({ recordingId: p.recordingId })),
	action('unarchive', 'Unarchive', 'Unarchive a recording', 'Bring an archived recording back to the recordings list', params([recordingId]), (p) => `/recordings/${pathSegment(p.recordingId)}/unarchive`, (p) => ({ recordingId: p.recordingId })),
	action('start', 'Start', 'Start recording a room', 'Start recording the session running in a room', params([roomField()]), (p) => `/rooms/${pathSegment(p.roomId)}/recordings/start`, (p) => ({ roomId: p.roomId })),
	action('stop', 'Stop', 'Stop recording a room', 'Stop the recording running in a room', params([roomField()]), (p) => `/rooms/${pathSegment(p.roomId)}/recordings/stop`, (p) => ({ roomId: p.roomId })),
	operation({
		resource: 'recording', operation: 'delete', name: 'Delete', action: 'Delete a recording',
		description: 'Delete one recording for good',
		...params([recordingId]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/recordings/${pathSegment(p.recordingId)}` }),
		output: (_body, p) => ({ deleted: true, recordingId: p.recordingId }),
	}),
	operation({
		resource: 'recording', operation: 'deleteForRoom', name: 'Delete All of Room', action: 'Delete the recordings of a room',
		description: 'Delete every recording of a room for good',
		...params([roomField()]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/rooms/${pathSegment(p.roomId)}/recordings` }),
		output: (_body, p) => ({ deleted: true, roomId: p.roomId }),
	}),
	operation({
		resource: 'recording', operation: 'deleteForSession', name: 'Delete All of Session', action: 'Delete the recordings of a session',
		description: 'Delete every recording of one session for good',
		...params([sessionField()]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/sessions/${pathSegment(p.sessionId)}/recordings` }),
		output: (_body, p) => ({ deleted: true, sessionId: p.sessionId }),
	}),
];

export const recording: ResourceDescriptor = { value: 'recording', name: 'Recording', operations };
