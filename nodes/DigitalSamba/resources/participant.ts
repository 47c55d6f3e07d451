import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { defined, pathSegment, field, params } from '../../shared/parameters/fields';
import { DATE_FIELDS, listOptions, pickedUnder, roomUuid, sessionField } from '../fields';
import { roomByUuid } from '../roomUuid';
import { dsOffset } from '../transport';

const participantId = pickedUnder('participantId', 'Participant ID', 'The ID (UUID) of the participant', 'searchParticipants', ['roomId.value']);

const live = field({
	displayName: 'Live', name: 'live', type: 'boolean', default: false,
	description: 'Whether to return only participants of live sessions (on) or of ended ones (off); leave the option out for both',
});
const roomFilter = field({ displayName: 'Room ID', name: 'room_id', type: 'string', default: '', description: 'Only participants of this room (its UUID)' });
const sessionFilter = field({ displayName: 'Session ID', name: 'session_id', type: 'string', default: '', description: 'Only participants of this session (its UUID)' });

const hand = (value: 'raiseHand' | 'lowerHand', verb: 'raise' | 'lower', path: (p: { roomId: string; participantId: string }) => string): OperationDescriptor => roomByUuid(operation({
	resource: 'participant', operation: value, name: `${verb === 'raise' ? 'Raise' : 'Lower'} Hand`, action: `${verb === 'raise' ? 'Raise' : 'Lower'} the hand of a participant`,
	description: `${verb === 'raise' ? 'Raise' : 'Lower'} the virtual hand of a participant who is in a room now`,
	...params([roomUuid(), participantId]),
	repeatable: true,
	request: (p) => ({ method: 'POST', path: path(p) }),
	output: (_body, p) => ({ success: true, roomId: p.roomId, participantId: p.participantId }),
}));

const operations: OperationDescriptor[] = [
	operation({
		resource: 'participant', operation: 'getAll', name: 'Get Many', action: 'Get many participants',
		description: 'List everyone who joined the team\'s sessions, newest first, optionally by date range, room, session or live state',
		...params([], [listOptions([...DATE_FIELDS, live, roomFilter, sessionFilter])]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: '/participants', qs: defined(p.options) }),
		paginate: dsOffset,
	}),
	operation({
		resource: 'participant', operation: 'get', name: 'Get', action: 'Get a participant',
		description: 'Get one participant with their session, role, join and leave time, device and activity counts',
		...params([participantId]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/participants/${pathSegment(p.participantId)}` }),
	}),
	operation({
		resource: 'participant', operation: 'getStatistics', name: 'Get Statistics', action: 'Get participant statistics',
		description: 'Get the usage figures of one participant: participation minutes, chat posts, questions and answers',
		...params([participantId]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/participants/${pathSegment(p.participantId)}/statistics` }),
	}),
	roomByUuid(operation({
		resource: 'participant', operation: 'getManyForRoom', name: 'Get Many for Room', action: 'Get the participants of a room',
		description: 'List everyone who joined sessions of one room, newest first',
		...params([roomUuid()], [listOptions([...DATE_FIELDS, live, sessionFilter])]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/rooms/${pathSegment(p.roomId)}/participants`, qs: defined(p.options) }),
		paginate: dsOffset,
	})),
	operation({
		resource: 'participant', operation: 'getManyForSession', name: 'Get Many for Session', action: 'Get the participants of a session',
		description: 'List everyone who joined one session, newest first',
		...params([sessionField()], [listOptions([...DATE_FIELDS, live])]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/sessions/${pathSegment(p.sessionId)}/participants`, qs: defined(p.options) }),
		paginate: dsOffset,
	}),
	hand('raiseHand', 'raise', (p) => `/rooms/${pathSegment(p.roomId)}/participants/${pathSegment(p.participantId)}/raise-hand`),
	hand('lowerHand', 'lower', (p) => `/rooms/${pathSegment(p.roomId)}/participants/${pathSegment(p.participantId)}/lower-hand`),
];

export const participant: ResourceDescriptor = { value: 'participant', name: 'Participant', operations };
