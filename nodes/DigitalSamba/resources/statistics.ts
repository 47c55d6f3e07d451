import { z } from 'zod';
import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';
import { collection, params, stringList, type FieldSpec } from '../../shared/fields';
import { toDateTime } from '../../shared/time';
import { defined, enc, periodInOrder, roomField } from '../fields';
import { dsOffset } from '../transport';

/** Digital Samba filters by calendar day (Y-m-d); any date or time a user types becomes that day. */
const calendarDay = z.unknown().transform((value, ctx) => {
	const time = toDateTime(value);
	if (!time) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a date such as 2026-01-31' });
		return z.NEVER;
	}
	return time.toFormat('yyyy-MM-dd');
});

/** The date_start / date_end pair that statistics, session and participant lists accept. */
export const DATE_FIELDS: FieldSpec[] = [
	{ displayName: 'Start Date', name: 'date_start', type: 'string', default: '', zod: calendarDay, placeholder: 'e.g. 2026-01-01', description: 'First day of the period (YYYY-MM-DD; an ISO date-time is cut to its day)' },
	{ displayName: 'End Date', name: 'date_end', type: 'string', default: '', zod: calendarDay, placeholder: 'e.g. 2026-01-31', description: 'Last day of the period (YYYY-MM-DD; an ISO date-time is cut to its day)' },
];

const metricList = stringList
	.pipe(z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'each metric must be a snake_case name such as participation_minutes')).min(1, 'give at least one metric'))
	.transform((names) => names.join(','));

/** `metrics`: which figures to return, sent comma-separated. */
export const METRICS_FIELD: FieldSpec = {
	displayName: 'Metrics', name: 'metrics', type: 'stringList', default: '', zod: metricList,
	placeholder: 'e.g. participation_minutes, sessions',
	description: 'Only these figures, comma-separated (e.g. participation_minutes, broadcasted_minutes, subscribed_minutes); all when empty',
};

const metricsOnly = () => collection('options', 'Options', [METRICS_FIELD], 'Add Option');
const period = () => periodInOrder(collection('options', 'Options', [...DATE_FIELDS, METRICS_FIELD], 'Add Option'));

const operations: OperationDescriptor[] = [
	{
		resource: 'statistics', operation: 'getTeam', name: 'Get Team Statistics', action: 'Get team statistics for a period',
		description: 'Get usage figures of the whole team (participation minutes, sessions, rooms, recordings …) for a date range',
		...params([], [period()]),
		request: (p) => ({ method: 'GET', path: '/statistics', qs: defined(p.options) }),
	},
	{
		resource: 'statistics', operation: 'getTeamCurrent', name: 'Get Team Current Period', action: 'Get team statistics for the current period',
		description: 'Get usage figures of the whole team for the current billing period',
		...params([], [metricsOnly()]),
		request: (p) => ({ method: 'GET', path: '/statistics/team/current', qs: defined(p.options) }),
	},
	{
		resource: 'statistics', operation: 'getCurrent', name: 'Get Current Usage', action: 'Get current team usage',
		description: 'Get the team usage of the current period: live sessions and participants, recorded and transcribed minutes, period start and end',
		...params([]),
		request: () => ({ method: 'GET', path: '/statistics/current' }),
	},
	{
		resource: 'statistics', operation: 'getTotals', name: 'Get Totals by Tag', action: 'Get team totals by room tag',
		description: 'Get rooms, participants and participation minutes summed per room tag, one item per tag',
		...params([]),
		request: () => ({ method: 'GET', path: '/statistics/totals' }),
	},
	{
		resource: 'statistics', operation: 'getStartedSessions', name: 'Get Started Sessions by Participant', action: 'Get sessions started per participant',
		description: 'List how many sessions each participant browser (browser_id) started in a date range, one item each',
		...params([], [periodInOrder(collection('options', 'Options', DATE_FIELDS, 'Add Option'))]),
		request: (p) => ({ method: 'GET', path: '/statistics/participants/started-sessions', qs: defined(p.options) }),
		paginate: dsOffset,
	},
	{
		resource: 'statistics', operation: 'getRoom', name: 'Get Room Statistics', action: 'Get room statistics for a period',
		description: 'Get usage figures of one room (participation minutes, sessions, participants …) for a date range',
		...params([roomField('The ID (UUID) of the room')], [period()]),
		request: (p) => ({ method: 'GET', path: `/rooms/${enc(p.roomId)}/statistics`, qs: defined(p.options) }),
	},
	{
		resource: 'statistics', operation: 'getRoomCurrent', name: 'Get Room Current Period', action: 'Get room statistics for the current period',
		description: 'Get usage figures of one room for the current billing period',
		...params([roomField('The ID (UUID) of the room')], [metricsOnly()]),
		request: (p) => ({ method: 'GET', path: `/rooms/${enc(p.roomId)}/statistics/current`, qs: defined(p.options) }),
	},
];

export const statistics: ResourceDescriptor = { value: 'statistics', name: 'Statistic', operations };
