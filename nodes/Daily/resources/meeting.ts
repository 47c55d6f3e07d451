import type { IDataObject } from 'n8n-workflow';
import { paginate } from '../../shared/http/paginate';
import { operation, type OperationContext, type OperationDescriptor, type Pagination, type ResourceDescriptor } from '../../shared/model/descriptor';
import { attendanceOutputField, attendanceSummary, attendees, type Connection, expectedAttendeesField } from '../../shared/parameters/attendance';
import { collection, defined, pathSegment, idField, params, pick } from '../../shared/parameters/fields';
import { dailyCursor, roomNameField } from '../fields';

const meetingId = idField('meetingId', 'Meeting ID', 'The ID of the meeting session', 'searchMeetings');

/**
 * Daily pages participants by participant ID with joined_after, and answers 404 once none remain (its docs page; the
 * spec lists only 200 and 400): after a page, the end of the list.
 */
const PARTICIPANT_PAGES: Pagination = { style: 'cursor', idField: 'participant_id', cursorParam: 'joined_after', itemsPath: 'data', maxPageSize: 100, endStatus: 404 };

/**
 * A Daily participant record as a connection: `user_id` (null unless a meeting token set it), `user_name`,
 * `join_time` (unix seconds) and `duration` (seconds; the spec's example). Daily gives no leave time, role or email;
 * a record without a duration is taken as still connected.
 */
function dailyConnection(entry: IDataObject): Connection {
	const joinedAt = Number(entry.join_time);
	return {
		connectionId: String(entry.participant_id),
		...(typeof entry.user_id === 'string' && entry.user_id ? { userId: entry.user_id } : {}),
		...(typeof entry.user_name === 'string' && entry.user_name ? { name: entry.user_name } : {}),
		joinedAt,
		...(typeof entry.duration === 'number' ? { leftAt: joinedAt + entry.duration } : {}),
	};
}

/** Meeting → Get Attendance: the meeting, then every page of its participants, merged per person. */
export async function meetingAttendance(ctx: OperationContext, p: { meetingId: string; expectedAttendees?: string[]; output?: string }) {
	// GET /meetings/{meeting}: start_time, duration, ongoing (spec meetings_meeting-get-res).
	const { body } = await ctx.send({ method: 'GET', path: `/meetings/${pathSegment(p.meetingId)}`, repeatable: true });
	const meeting = body as IDataObject;
	const connections: Connection[] = [];
	// GET /meetings/{meeting}/participants, every page.
	for await (const entry of paginate(async (spec) => await ctx.send(spec), { method: 'GET', path: `/meetings/${pathSegment(p.meetingId)}/participants`, repeatable: true }, PARTICIPANT_PAGES)) connections.push(dailyConnection(entry));
	const now = Math.floor(Date.now() / 1000);
	// A meeting still running: its open connections end now.
	const open = meeting.ongoing === true ? now : undefined;
	const people = attendees(connections, now, p.expectedAttendees ?? []);
	if (p.output !== 'summary') return people as unknown as IDataObject[];
	const start = typeof meeting.start_time === 'number' ? meeting.start_time : undefined;
	const end = open ?? (start !== undefined && typeof meeting.duration === 'number' ? start + meeting.duration : undefined);
	return attendanceSummary({ meetingId: meeting.id, room: meeting.room }, connections, people, now, { start, end });
}

const operations: OperationDescriptor[] = [
	operation({
		resource: 'meeting', operation: 'getAll', name: 'Get Many', action: 'Get many meetings',
		simplify: pick('id', 'room', 'start_time', 'duration', 'ongoing', 'max_participants'),
		description: 'List past and ongoing meeting sessions with their participants, newest first',
		...params([], [collection('filters', 'Filters', [
			{ ...roomNameField('Only meetings in this room'), name: 'room', required: false },
			{ displayName: 'Started After', name: 'timeframe_start', type: 'unixTime', default: '', description: 'Only meetings that started at or after this time' },
			{ displayName: 'Started Before', name: 'timeframe_end', type: 'unixTime', default: '', description: 'Only meetings that started before this time' },
			{ displayName: 'Ongoing', name: 'ongoing', type: 'boolean', default: false, description: 'Whether to list only meetings still running (true) or only ended ones (false)' },
			{ displayName: 'Without Participants', name: 'no_participants', type: 'boolean', default: false, description: 'Whether to leave out the participant lists' },
		], 'Add Filter')]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: '/meetings', qs: defined(p.filters) }),
		paginate: dailyCursor(),
	}),
	operation({
		resource: 'meeting', operation: 'get', name: 'Get', action: 'Get a meeting',
		simplify: pick('id', 'room', 'start_time', 'duration', 'ongoing', 'max_participants'),
		description: 'Get a meeting session: room, start time, duration, whether it is ongoing',
		...params([meetingId]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/meetings/${pathSegment(p.meetingId)}` }),
	}),
	operation({
		resource: 'meeting', operation: 'getParticipants', name: 'Get Participants', action: 'Get the participants of a meeting',
		description: 'List who joined a meeting session, with join time and duration',
		...params([meetingId], [collection('filters', 'Filters', [
			{ displayName: 'Joined Before', name: 'joined_before', type: 'string', default: '', description: 'Only participants who joined before this participant ID' },
		], 'Add Filter')]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/meetings/${pathSegment(p.meetingId)}/participants`, qs: defined(p.filters) }),
		paginate: PARTICIPANT_PAGES,
	}),
	operation({
		resource: 'meeting', operation: 'getAttendance', name: 'Get Attendance', action: 'Get the attendance of a meeting',
		description:
			'Who attended a meeting session, one item per person (connections of the same user ID, else the same name, merged): first join, last leave, minutes present, joins. The meeting ID comes from Meeting → Get Many or a meeting.ended event.',
		...params([meetingId, expectedAttendeesField, attendanceOutputField]),
		repeatable: true,
		run: meetingAttendance,
	}),
];

export const meeting: ResourceDescriptor = { value: 'meeting', name: 'Meeting', operations };
