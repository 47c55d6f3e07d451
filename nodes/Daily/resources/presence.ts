import type { IDataObject } from 'n8n-workflow';
import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { params } from '../../shared/parameters/fields';

const operations: OperationDescriptor[] = [
	operation({
		resource: 'presence', operation: 'get', name: 'Get', action: 'Get who is in any room',
		description: 'List everyone in a meeting anywhere in the domain right now, one item per participant with its room',
		...params([]),
		repeatable: true,
		request: () => ({ method: 'GET', path: '/presence' }),
		// Daily answers an object keyed by room name, with no wrapper.
		output: (body) =>
			Object.entries((body ?? {}) as Record<string, IDataObject[]>).flatMap(([room, people]) =>
				(Array.isArray(people) ? people : []).map((person) => ({ room, ...person })),
			),
	}),
];

export const presence: ResourceDescriptor = { value: 'presence', name: 'Presence', operations };
