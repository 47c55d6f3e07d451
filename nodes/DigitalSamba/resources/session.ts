import type { IDataObject } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { toDateTime } from '../../shared/formats/time';
import { paginate } from '../../shared/http/paginate';
import { operation, type OperationContext, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { attendanceOutputField, attendanceSummary, attendees, type Connection, expectedAttendeesField } from '../../shared/parameters/attendance';
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

/**
 * A time as Digital Samba writes it, in unix seconds: participants' join_time and leave_time come without a zone
 * ('2024-03-03 08:01:01', the spec's example; read as UTC, the zone of its other times), sessions' times as ISO with
 * Z. Both forms are accepted wherever they appear.
 */
function dsSeconds(value: unknown): number | undefined {
	// toDateTime reads both forms; a zone-less time in UTC.
	const time = typeof value === 'string' && value ? toDateTime(value, DateTime.utc(), 'utc') : undefined;
	return time ? Math.floor(time.toSeconds()) : undefined;
}

/** A participant of GET /sessions/{session}/participants as a connection; a leave_time still null: in the session now. */
function dsConnection(entry: IDataObject): Connection {
	return {
		connectionId: String(entry.id),
		...(typeof entry.external_id === 'string' && entry.external_id ? { userId: entry.external_id } : {}),
		...(typeof entry.name === 'string' && entry.name ? { name: entry.name } : {}),
		...(typeof entry.role === 'string' && entry.role ? { role: entry.role } : {}),
		joinedAt: dsSeconds(entry.join_time) ?? 0,
		leftAt: dsSeconds(entry.leave_time),
	};
}

/** Session → Get Attendance: the session, then every page of its participants, merged per person. */
export async function sessionAttendance(ctx: OperationContext, p: { sessionId: string; expectedAttendees?: string[]; output?: string }) {
	// GET /sessions/{session}: session_start_time, session_end_time, session_live, room_friendly_url.
	const { body } = await ctx.send({ method: 'GET', path: `/sessions/${pathSegment(p.sessionId)}`, repeatable: true });
	const found = body as IDataObject;
	const connections: Connection[] = [];
	// GET /sessions/{session}/participants, every page (total_count may come as a string: the kernel's paging reads both).
	for await (const entry of paginate(async (spec) => await ctx.send(spec), { method: 'GET', path: `/sessions/${pathSegment(p.sessionId)}/participants`, repeatable: true }, dsOffset)) {
		connections.push(dsConnection(entry));
	}
	const now = Math.floor(Date.now() / 1000);
	const people = attendees(connections, now, p.expectedAttendees ?? []);
	if (p.output !== 'summary') return people as unknown as IDataObject[];
	const start = dsSeconds(found.session_start_time);
	const end = dsSeconds(found.session_end_time) ?? (found.session_live === true ? now : undefined);
	return attendanceSummary({ sessionId: p.sessionId, roomId: found.room_id, room: found.room_friendly_url }, connections, people, now, { start, end });
}

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
		resource: 'session', operation: 'getAttendance', name: 'Get Attendance', action: 'Get the attendance of a session',
		description:
			'Who attended a session, one item per person (the same external ID, else the same name, merged): first join, last leave, minutes present, joins, role. The session ID comes from Session → Get Many or a session_ended event.',
		...params([sessionField(), expectedAttendeesField, attendanceOutputField]),
		repeatable: true,
		run: sessionAttendance,
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
