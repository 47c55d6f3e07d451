import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { z } from 'zod';
import { collection, defined, params } from '../../shared/parameters/fields';
import { timeValue } from '../../shared/formats/time';
import { dailyCursor } from '../fields';

/** GET /logs takes `startTime` and `endTime` as JavaScript timestamps, milliseconds since the epoch (Daily's spec). */
const jsMillis = timeValue().transform((time) => time.toMillis());

/** The spec's GET /logs: `mtgSessionId` is "required if `userSessionId` is not present", and the other way round. */
function oneSession<P extends { properties: unknown; schema: z.ZodTypeAny }>(base: P) {
	return {
		...base,
		schema: base.schema.superRefine((p: { filters?: { mtgSessionId?: string; userSessionId?: string } }, ctx) => {
			if (!p.filters?.mtgSessionId && !p.filters?.userSessionId) {
				ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['filters', 'mtgSessionId'], message: 'give a Meeting Session ID or a Participant Session ID (Daily needs one of the two)' });
			}
		}),
	};
}

const operations: OperationDescriptor[] = [
	operation({
		resource: 'logs', operation: 'get', name: 'Get', action: 'Get call logs and metrics',
		description: 'Get the client logs and, with Include Metrics, the network metrics of a meeting session or participant session',
		...oneSession(params([], [collection('filters', 'Filters', [
			{ displayName: 'Meeting Session ID', name: 'mtgSessionId', type: 'string', default: '', description: 'Logs of this meeting session' },
			{ displayName: 'Participant Session ID', name: 'userSessionId', type: 'string', default: '', description: 'Logs of this participant session' },
			// Daily's default is true (the spec's GET /logs): offered at true, so adding the field keeps the logs.
			{ displayName: 'Include Logs', name: 'includeLogs', type: 'boolean', default: true, description: 'Whether log lines are returned (default true)' },
			{ displayName: 'Include Metrics', name: 'includeMetrics', type: 'boolean', default: false, description: 'Whether network metrics are returned' },
			{ displayName: 'Log Level', name: 'logLevel', type: 'options', default: '', options: [['ERROR', 'Error'], ['INFO', 'Info'], ['DEBUG', 'Debug']], description: 'Lowest level of log line to return' },
			{ displayName: 'Order', name: 'order', type: 'options', default: '', options: [['ASC', 'Oldest First'], ['DESC', 'Newest First']], description: 'Sort order' },
			{ displayName: 'Start Time', name: 'startTime', type: 'unixTime', default: '', zod: jsMillis, description: 'Only entries after this time (sent in milliseconds, as Daily wants)' },
			{ displayName: 'End Time', name: 'endTime', type: 'unixTime', default: '', zod: jsMillis, description: 'Only entries before this time (sent in milliseconds, as Daily wants)' },
			{ displayName: 'Limit', name: 'limit', type: 'number', default: 50, typeOptions: { minValue: 1 }, integer: true, min: 1, description: 'Max number of results to return' },
			{ displayName: 'Offset', name: 'offset', type: 'number', default: 0, integer: true, min: 0, description: 'Number of entries to skip' },
		], 'Add Filter')])),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: '/logs', qs: defined(p.filters) }),
	}),
	operation({
		resource: 'logs', operation: 'getApiLogs', name: 'Get API Logs', action: 'Get the REST API request log',
		description: 'List the REST API requests made for the domain, newest first',
		...params([], [collection('filters', 'Filters', [
			{ displayName: 'Source', name: 'source', type: 'string', default: '', description: 'Only requests from this source, e.g. api or dashboard' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '', description: 'Only requests to this path' },
		], 'Add Filter')]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: '/logs/api', qs: defined(p.filters) }),
		paginate: dailyCursor(),
	}),
];

export const logs: ResourceDescriptor = { value: 'logs', name: 'Log', operations };
