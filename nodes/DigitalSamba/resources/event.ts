import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { params } from '../../shared/parameters/fields';

const operations: OperationDescriptor[] = [
	operation({
		resource: 'event', operation: 'getAll', name: 'Get Many', action: 'Get webhook event names',
		description: 'List the names of the events a webhook can subscribe to, e.g. session_started, one item each',
		...params([]),
		repeatable: true,
		request: () => ({ method: 'GET', path: '/events' }),
		// GET /events answers a bare array of strings.
		output: (body) => (Array.isArray(body) ? body.map((name) => ({ name })) : []),
	}),
];

export const event: ResourceDescriptor = { value: 'event', name: 'Event', operations };
