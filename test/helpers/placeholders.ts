import type { INodeProperties } from 'n8n-workflow';
import type { OperationDescriptor } from '../../nodes/shared/model/descriptor';
import { RESET_FIELD } from '../../nodes/shared/parameters/fields';

/**
 * Placeholder parameters for the tests that walk every operation of a node without an item (the coverage tests
 * against each provider's contract): each declared parameter gets a value of its type, enough to make the
 * descriptor send the key it stands for.
 */
export const PLACEHOLDER_ID = 'ID';

/** A value for a parameter of this type. */
export function valueFor(property: INodeProperties): unknown {
	switch (property.type) {
		case 'boolean':
			return true;
		case 'number':
			return 1;
		case 'options':
			return property.default !== '' && property.default !== undefined ? property.default : (property.options?.[0] as { value?: unknown })?.value ?? PLACEHOLDER_ID;
		case 'multiOptions':
			return ((property.options ?? []) as Array<{ value: unknown }>).slice(0, 1).map((o) => o.value);
		case 'json':
			return '{}';
		case 'dateTime':
			return '2030-01-01T10:00:00Z';
		case 'collection':
			// Rows that stand for a JSON field of the collection are an alternative to it (both at once are refused):
			// the JSON field is filled here, the rows are checked against the spec in structuredInputs.test.ts. Reset to
			// Default is an alternative to setting a property: each provider's resets test checks it.
			return Object.fromEntries(((property.options ?? []) as INodeProperties[]).filter((o) => o.type !== 'fixedCollection' && o.name !== RESET_FIELD).map((o) => [o.name, valueFor(o)]));
		case 'fixedCollection':
			return Object.fromEntries(
				((property.options ?? []) as Array<{ name: string; values: INodeProperties[] }>).map((group) => {
					const entry = Object.fromEntries(group.values.map((v) => [v.name, valueFor(v)]));
					return [group.name, property.typeOptions?.multipleValues ? [entry] : entry];
				}),
			);
		case 'resourceLocator':
			return PLACEHOLDER_ID;
		default:
			return property.default === '' || property.default === undefined ? PLACEHOLDER_ID : property.default;
	}
}

/** Every parameter of `op` filled, through its schema where the placeholders pass it (else as they are). */
export function parametersOf(op: OperationDescriptor): Record<string, unknown> {
	const raw: Record<string, unknown> = { returnAll: false, limit: 1 };
	for (const property of op.properties) raw[property.name] = valueFor(property);
	const parsed = op.schema.safeParse(raw);
	return parsed.success ? (parsed.data as Record<string, unknown>) : raw;
}
