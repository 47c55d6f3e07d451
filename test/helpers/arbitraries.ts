import fc from 'fast-check';
import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

/**
 * fast-check generators of an operation's parameters as n8n could hand them to a node: values the editor offers,
 * and what expressions can produce (wrong types, empty, huge, unknown options, broken JSON, unknown keys).
 * `known` supplies ids that exist on the simulator, so that well-formed inputs reach real handlers.
 */
const HOSTILE_STRINGS = ['', ' ', 'a'.repeat(5000), '../../etc/passwd', 'room?x=1#y', 'ünïcödé-房间', '<script>', '%00', '\n', '-1'];
const WRONG_TYPES: unknown[] = [null, 42, -1, 1.5, true, {}, [], { a: 1 }, ['x'], Number.NaN];

function anyOf<T>(values: T[]): fc.Arbitrary<T> {
	return fc.constantFrom(...values);
}

function textValue(property: INodeProperties, known: string[]): fc.Arbitrary<unknown> {
	const plausible = [
		...known,
		String(property.default ?? ''),
		`${property.name}-1`,
		'https://example.com/hook',
		'2030-01-01T10:00:00Z',
		'in 2 hours',
		'#1a2b3c',
		'a, b',
	];
	return fc.oneof(
		{ weight: 6, arbitrary: anyOf(plausible) },
		{ weight: 2, arbitrary: anyOf(HOSTILE_STRINGS) },
		{ weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
		{ weight: 1, arbitrary: anyOf(WRONG_TYPES) },
	);
}

function numberValue(property: INodeProperties): fc.Arbitrary<unknown> {
	const min = Number(property.typeOptions?.minValue ?? 0);
	const max = Number(property.typeOptions?.maxValue ?? Math.max(min + 100, 100));
	return fc.oneof(
		{ weight: 6, arbitrary: fc.integer({ min, max }) },
		{ weight: 2, arbitrary: anyOf<unknown>([min - 1, max + 1, 0.5, -1e9, 1e12, Number.POSITIVE_INFINITY, '12', 'abc', '']) },
		{ weight: 1, arbitrary: anyOf(WRONG_TYPES) },
	);
}

function optionValues(property: INodeProperties): unknown[] {
	return ((property.options ?? []) as Array<{ value?: unknown }>).map((o) => o.value).filter((v) => v !== undefined);
}

function valueFor(property: INodeProperties, known: string[]): fc.Arbitrary<unknown> {
	switch (property.type) {
		case 'boolean':
			return fc.oneof({ weight: 8, arbitrary: fc.boolean() }, { weight: 1, arbitrary: anyOf<unknown>(['yes', 1, 0, null, 'true']) });
		case 'number':
			return numberValue(property);
		case 'options': {
			const values = optionValues(property);
			return fc.oneof({ weight: 8, arbitrary: anyOf(values.length ? values : ['']) }, { weight: 1, arbitrary: anyOf<unknown>(['bogus', '', 7, null, ['x']]) });
		}
		case 'multiOptions': {
			const values = optionValues(property);
			return fc.oneof(
				{ weight: 8, arbitrary: fc.subarray(values) },
				{ weight: 1, arbitrary: anyOf<unknown>([['bogus'], 'x', null, [1], {}]) },
			);
		}
		case 'json':
			return anyOf<unknown>(['{}', '{"a":1}', '[]', '[1,2]', '{', 'not json', '"text"', 'null', { a: 1 }, [1], 42, '']);
		case 'collection':
			return collectionValue(property.options as INodeProperties[], known);
		case 'fixedCollection': {
			const groups = (property.options ?? []) as INodePropertyCollection[];
			return fc.oneof(
				{ weight: 6, arbitrary: fc.record(Object.fromEntries(groups.map((g) => [g.name, fc.array(collectionValue(g.values, known), { maxLength: 3 })])), { requiredKeys: [] }) },
				{ weight: 1, arbitrary: anyOf<unknown>([[], 'x', { [groups[0]?.name ?? 'x']: 'not a list' }, null]) },
			);
		}
		default:
			return textValue(property, known);
	}
}

/** A collection: some of its fields, each fuzzed, and now and then a field it does not have. */
function collectionValue(fields: INodeProperties[], known: string[]): fc.Arbitrary<unknown> {
	const record = fc.record(Object.fromEntries(fields.map((f) => [f.name, valueFor(f, known)])), { requiredKeys: [] });
	return fc.oneof(
		{ weight: 8, arbitrary: record },
		{ weight: 1, arbitrary: record.map((r) => ({ ...(r as object), notAField: 'x' })) },
		{ weight: 1, arbitrary: anyOf<unknown>(['x', [], 3]) },
	);
}

/** Parameters for one operation: every property either left unset (n8n then gives the node nothing) or fuzzed. */
export function parametersFor(properties: INodeProperties[], known: string[]): fc.Arbitrary<Record<string, unknown>> {
	const fields = properties.filter((p) => p.type !== 'notice');
	return fc.record(Object.fromEntries(fields.map((p) => [p.name, valueFor(p, known)])), { requiredKeys: [] }) as fc.Arbitrary<
		Record<string, unknown>
	>;
}

/** Every display name and parameter name of these properties, nested ones included: what an error may name. */
export function fieldNames(properties: INodeProperties[]): string[] {
	const names: string[] = [];
	const walk = (list: Array<INodeProperties | INodePropertyCollection>) => {
		for (const p of list) {
			names.push(p.displayName, p.name);
			const children = (p as INodeProperties).options ?? (p as INodePropertyCollection).values;
			if (Array.isArray(children) && children.some((c) => typeof c === 'object' && 'displayName' in c)) {
				walk(children as Array<INodeProperties | INodePropertyCollection>);
			}
		}
	};
	walk(properties);
	return names.filter((n) => n && n.length > 1);
}
