import { z } from 'zod';
import type { INodeProperties } from 'n8n-workflow';
import { buildProperties, buildVariantProperties } from '../../../../nodes/shared/describe/properties';
import type { OperationDescriptor, ResourceDescriptor } from '../../../../nodes/shared/model/descriptor';

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

describe('buildVariantProperties', () => {
	const schema = z.object({});
	const op = (operation: string, properties: INodeProperties[]): OperationDescriptor => ({
		resource: 'thing', operation, name: operation, action: `${operation} a thing`, description: operation, properties, schema, repeatable: true,
		request: () => ({ method: 'GET', path: `/things/${operation}` }),
	});
	const id: INodeProperties = { displayName: 'ID', name: 'id', type: 'string', default: '' };
	const mode = (fallback: string): INodeProperties => ({ displayName: 'Mode', name: 'mode', type: 'string', default: fallback });
	const thing = (...operations: OperationDescriptor[]): ResourceDescriptor[] => [{ value: 'thing', name: 'Thing', operations }];
	const selector: INodeProperties = { displayName: 'Flavor', name: 'flavor', type: 'options', options: [{ name: 'One', value: 'one' }, { name: 'Two', value: 'two' }], default: 'one' };
	// Get's Mode differs, its ID is alike; Delete is alike; Update only Two has, declared between Get and Delete.
	const properties = buildVariantProperties(selector, [
		{ value: 'one', resources: thing(op('get', [mode('a'), id]), op('delete', [id])) },
		{ value: 'two', resources: thing(op('get', [mode('b'), id]), op('update', [id]), op('delete', [id])) },
	]);
	const listed = properties.map((p) => [p.name, p.displayOptions?.show?.operation?.[0] ?? '', p.displayOptions?.show?.flavor]);

	it('lists the selector, then a parameter the variants have alike once, shown for both, and one that differs per variant', () => {
		expect(properties[0]).toBe(selector);
		expect(properties.find((p) => p.name === 'resource')?.displayOptions?.show).toEqual({ flavor: ['one', 'two'] });
		expect(properties.filter((p) => p.name === 'operation').map((p) => p.displayOptions?.show)).toEqual([
			{ resource: ['thing'], flavor: ['one'] },
			{ resource: ['thing'], flavor: ['two'] },
		]);
		expect(properties.filter((p) => p.name === 'mode').map((p) => [p.default, p.displayOptions?.show])).toEqual([
			['a', { resource: ['thing'], operation: ['get'], flavor: ['one'] }],
			['b', { resource: ['thing'], operation: ['get'], flavor: ['two'] }],
		]);
		expect(properties.find((p) => p.name === 'id')?.displayOptions?.show).toEqual({ resource: ['thing'], operation: ['get'], flavor: ['one', 'two'] });
	});

	it('keeps buildProperties order: selectors, then operations as declared, every variant\'s first parameter before any second', () => {
		expect(listed).toEqual([
			['flavor', '', undefined],
			['resource', '', ['one', 'two']],
			['operation', '', ['one']],
			['operation', '', ['two']],
			['mode', 'get', ['one']],
			['mode', 'get', ['two']],
			['id', 'get', ['one', 'two']],
			['id', 'update', ['two']],
			['id', 'delete', ['one', 'two']],
		]);
	});
});
