import { z } from 'zod';
import { buildProperties } from '../../../../nodes/shared/describe/properties';

describe('buildProperties', () => {
	it('adds Return All and Limit to list operations and shows each parameter only for its operation', () => {
		const schema = z.object({});
		const properties = buildProperties([
			{ value: 'thing', name: 'Thing', operations: [
				{ resource: 'thing', operation: 'getAll', name: 'Get Many', action: 'Get many things', description: 'List', properties: [], schema, repeatable: true, request: () => ({ method: 'GET', path: '/things' }), paginate: { style: 'offset', maxPageSize: 100 } },
				{ resource: 'thing', operation: 'get', name: 'Get', action: 'Get a thing', description: 'One', properties: [{ displayName: 'ID', name: 'id', type: 'string', default: '' }], schema, repeatable: true, request: () => ({ method: 'GET', path: '/things/1' }) },
			] },
		]);
		const names = properties.map((p) => p.name);
		expect(names).toEqual(['resource', 'operation', 'returnAll', 'limit', 'id']);
		const limit = properties.find((p) => p.name === 'limit')!;
		expect(limit.displayOptions?.show).toEqual({ resource: ['thing'], operation: ['getAll'], returnAll: [false] });
		expect(limit.typeOptions).toEqual({ minValue: 1 });
		const operation = properties.find((p) => p.name === 'operation')!;
		expect((operation.options as Array<{ value: string }>).map((o) => o.value)).toEqual(['get', 'getAll']);
	});
});
