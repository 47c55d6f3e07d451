import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, field, params, pick } from '../../shared/parameters/fields';
import { DATE_FIELDS, listOptions, METRICS_FIELD, roomUuid, sessionField } from '../fields';
import { roomByUuid } from '../roomUuid';
import { dsOffset } from '../transport';

/** `live`: true for running sessions only, false for ended ones only. */
const LIVE_FILTER = field({
	displayName: 'Live', name: 'live', type: 'boolean', default: false,
	description: 'Whether to return only live sessions (on) or only ended ones (off); leave the option out for both',
});

const roomFilter = field({ displayName: 'Room ID', name: 'room_id', type: 'string', default: '', description: 'Only sessions of this room (its UUID)' });

const metrics = () => collection('options', 'Options', [METRICS_FIELD], 'Add Option');

const operations: OperationDescriptor[] = [
	operation({
		resource: 'session', operation: 'getAll', name: 'Get Many', action: 'Get many sessions',
		simplify: pick('id', 'room_id', 'friendly_url', 'description', 'start_time', 'end_time', 'live', 'participants_total', 'participants_max'),
		description: 'List meeting sessions of the team, newest first, optionally by date range, room or live state',
		...params([], [listOptions([...DATE_FIELDS, LIVE_FILTER, roomFilter])]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: '/sessions', qs: defined(p.options) }),
		paginate: dsOffset,
	}),
	roomByUuid(operation({
		resource: 'session', operation: 'getManyForRoom', name: 'Get Many for Room', action: 'Get the sessions of a room',
		simplify: pick('id', 'room_id', 'friendly_url', 'description', 'start_time', 'end_time', 'live', 'participants_total', 'participants_max'),
		description: 'List the meeting sessions held in one room, newest first',
		...params([roomUuid()], [listOptions([...DATE_FIELDS, LIVE_FILTER])]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/rooms/${pathSegment(p.roomId)}/sessions`, qs: defined(p.options) }),
		paginate: dsOffset,
	})),
	operation({
		resource: 'session', operation: 'get', name: 'Get', action: 'Get a session',
		simplify: pick('id', 'room_id', 'friendly_url', 'description', 'start_time', 'end_time', 'live', 'participants_total', 'participants_max'),
		description: 'Get one session with its room, start and end time, duration and usage figures',
		...params([sessionField()], [metrics()]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/sessions/${pathSegment(p.sessionId)}`, qs: defined(p.options) }),
	}),
	operation({
		resource: 'session', operation: 'getStatistics', name: 'Get Statistics', action: 'Get session statistics',
		description: 'Get the usage figures of one session (participation, broadcast and screen-share minutes, participants by device …)',
		...params([sessionField()], [metrics()]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/sessions/${pathSegment(p.sessionId)}/statistics`, qs: defined(p.options) }),
	}),
	operation({
		resource: 'session', operation: 'end', name: 'End', action: 'End a live session',
		description: 'End a running session for everyone in it',
		...params([sessionField('The ID (UUID) of the live session')]),
		repeatable: true,
		request: (p) => ({ method: 'POST', path: `/sessions/${pathSegment(p.sessionId)}/end` }),
		output: (_body, p) => ({ success: true, sessionId: p.sessionId }),
	}),
	operation({
		resource: 'session', operation: 'deleteResources', name: 'Delete Resources', action: 'Delete the content of a session',
		description: 'Delete everything a session produced (recordings, chat, transcripts and summaries, poll and quiz results, shared files) but keep the session record; refused while the session is live',
		...params([sessionField()], [collection('options', 'Options', [
			{ displayName: 'Delete History', name: 'delete_history', type: 'boolean', default: false, description: 'Whether to also anonymise the personal data of the participants of this session' },
		], 'Add Option')]),
		repeatable: true,
		request: (p) => {
			const body = defined(p.options);
			return { method: 'DELETE', path: `/sessions/${pathSegment(p.sessionId)}/resources`, ...(Object.keys(body).length ? { body } : {}) };
		},
		output: (_body, p) => ({ deleted: true, sessionId: p.sessionId }),
	}),
];

export const session: ResourceDescriptor = { value: 'session', name: 'Session', operations };
