import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { defined, pathSegment, params } from '../../shared/parameters/fields';
import { listOptions, roomField } from '../fields';
import { dsOffset } from '../transport';

const operations: OperationDescriptor[] = [
	operation({
		resource: 'live', operation: 'getRooms', name: 'Get Live Rooms', action: 'Get the rooms that are live now',
		description: 'List the rooms with people in them right now, each with its session start, duration in seconds and live participant count',
		...params([], [listOptions()]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: '/rooms/live', qs: defined(p.options) }),
		paginate: dsOffset,
	}),
	operation({
		resource: 'live', operation: 'getRoomsWithParticipants', name: 'Get Live Rooms With Participants', action: 'Get the live rooms and who is in them',
		description: 'List the rooms with people in them right now, each with the list of live participants (ID, name, role, join time)',
		...params([], [listOptions()]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: '/rooms/live/participants', qs: defined(p.options) }),
		paginate: dsOffset,
	}),
	operation({
		resource: 'live', operation: 'getRoom', name: 'Get Live Room', action: 'Get the live state of a room',
		description: 'Get whether a room is live now: its session start, duration in seconds and live participant count',
		...params([roomField()]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/rooms/${pathSegment(p.roomId)}/live` }),
	}),
	operation({
		resource: 'live', operation: 'getRoomParticipants', name: 'Get Live Room Participants', action: 'Get who is in a room now',
		description: 'Get a room\'s live session with the list of people in it right now (ID, name, role, join time)',
		...params([roomField()]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/rooms/${pathSegment(p.roomId)}/live/participants` }),
	}),
];

export const live: ResourceDescriptor = { value: 'live', name: 'Live', operations };
