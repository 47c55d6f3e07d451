import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, idField, params, pick } from '../../shared/parameters/fields';
import { dailyCursor, roomNameField } from '../fields';

const meetingId = idField('meetingId', 'Meeting ID', 'The ID of the meeting session', 'searchMeetings');

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
		// Daily pages participants by participant ID with joined_after, and answers 404 once none remain (its docs
		// page; the spec lists only 200 and 400): after a page, the end of the list.
		paginate: { style: 'cursor', idField: 'participant_id', cursorParam: 'joined_after', itemsPath: 'data', maxPageSize: 100, endStatus: 404 },
	}),
];

export const meeting: ResourceDescriptor = { value: 'meeting', name: 'Meeting', operations };
