import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, params } from '../../shared/parameters/fields';
import { DATE_FIELDS, METRICS_FIELD, periodInOrder, roomUuid } from '../fields';
import { roomByUuid } from '../roomUuid';
import { dsOffset } from '../transport';

const metricsOnly = () => collection('options', 'Options', [METRICS_FIELD], 'Add Option');
const period = () => periodInOrder(collection('options', 'Options', [...DATE_FIELDS, METRICS_FIELD], 'Add Option'));

const operations: OperationDescriptor[] = [
	operation({
		resource: 'statistics', operation: 'getTeam', name: 'Get Team Statistics', action: 'Get team statistics for a period',
		description: 'Get usage figures of the whole team (participation minutes, sessions, rooms, recordings …) for a date range',
		...params([], [period()]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: '/statistics', qs: defined(p.options) }),
	}),
	operation({
		resource: 'statistics', operation: 'getTeamCurrent', name: 'Get Team Current Period', action: 'Get team statistics for the current period',
		description: 'Get usage figures of the whole team for the current billing period',
		...params([], [metricsOnly()]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: '/statistics/team/current', qs: defined(p.options) }),
	}),
	operation({
		resource: 'statistics', operation: 'getCurrent', name: 'Get Current Usage', action: 'Get current team usage',
		description: 'Get the team usage of the current period: live sessions and participants, recorded and transcribed minutes, period start and end',
		...params([]),
		repeatable: true,
		request: () => ({ method: 'GET', path: '/statistics/current' }),
	}),
	operation({
		resource: 'statistics', operation: 'getTotals', name: 'Get Totals by Tag', action: 'Get team totals by room tag',
		description: 'Get rooms, participants and participation minutes summed per room tag, one item per tag',
		...params([]),
		repeatable: true,
		request: () => ({ method: 'GET', path: '/statistics/totals' }),
	}),
	operation({
		resource: 'statistics', operation: 'getStartedSessions', name: 'Get Started Sessions by Participant', action: 'Get sessions started per participant',
		description: 'List how many sessions each participant browser (browser_id) started in a date range, one item each',
		...params([], [periodInOrder(collection('options', 'Options', DATE_FIELDS, 'Add Option'))]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: '/statistics/participants/started-sessions', qs: defined(p.options) }),
		paginate: dsOffset,
	}),
	roomByUuid(operation({
		resource: 'statistics', operation: 'getRoom', name: 'Get Room Statistics', action: 'Get room statistics for a period',
		description: 'Get usage figures of one room (participation minutes, sessions, participants …) for a date range',
		...params([roomUuid()], [period()]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/rooms/${pathSegment(p.roomId)}/statistics`, qs: defined(p.options) }),
	})),
	roomByUuid(operation({
		resource: 'statistics', operation: 'getRoomCurrent', name: 'Get Room Current Period', action: 'Get room statistics for the current period',
		description: 'Get usage figures of one room for the current billing period',
		...params([roomUuid()], [metricsOnly()]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/rooms/${pathSegment(p.roomId)}/statistics/current`, qs: defined(p.options) }),
	})),
];

export const statistics: ResourceDescriptor = { value: 'statistics', name: 'Statistic', operations };
