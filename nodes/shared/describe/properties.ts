import type { INodeProperties } from 'n8n-workflow';
import type { OperationDescriptor, ResourceDescriptor } from '../model/descriptor';

/** The standard "Return All" and "Limit" pair of a Get Many operation. */
export function paginationProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** The output binary property of an operation that returns a file. */
function binaryPropertyProperty(): INodeProperties {
	return {
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
	};
}

/**
 * n8n's Simplify switch: on by default for nodes added from version 1.1; off in version 1, whose saved workflows
 * expect the whole answer.
 */
export function simplifyProperties(): INodeProperties[] {
	const description = 'Whether to return a simplified version of the response instead of the raw data';
	return [
		{ displayName: 'Simplify', name: 'simplify', type: 'boolean', default: false, description, displayOptions: { show: { '@version': [1] } } },
		{ displayName: 'Simplify', name: 'simplify', type: 'boolean', default: true, description, displayOptions: { show: { '@version': [1.1] } } },
	];
}

/** Every parameter an operation reads, including the kernel's pagination pair, Simplify and output file field. */
export function operationProperties(op: OperationDescriptor): INodeProperties[] {
	const simplify = op.simplify ? simplifyProperties() : [];
	if (op.paginate) return [...op.properties, ...paginationProperties(), ...simplify];
	if (op.binaryOutput || op.fileLink) return [...op.properties, binaryPropertyProperty()];
	return [...op.properties, ...simplify];
}

/** Shown on operations that are not repeatable (they send, create or start something): n8n's Retry On Fail would do it again. */
function retryOnFailNotice(): INodeProperties {
	return {
		displayName:
			'This operation does something that must not happen twice. Leave the node\'s Retry On Fail setting off: n8n would run the whole node again, items that already succeeded included. The node retries by itself where that is safe.',
		// The notice's old name, kept: it is saved in no workflow (a notice has no value), but the generated descriptions
		// and the tests name it.
		name: 'sendsOnceNotice',
		type: 'notice',
		default: '',
	};
}

function byName<T extends { name: string }>(a: T, b: T): number {
	return a.name.localeCompare(b.name);
}

/** The Resource selector: the resources sorted by name, the first one declared the default. */
export function resourceSelector(resources: ResourceDescriptor[]): INodeProperties {
	const defaultResource = resources[0].value;
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [...resources].sort(byName).map((r) => ({ name: r.name, value: r.value, description: r.description })),
		default: defaultResource,
	};
}

/** A resource's Operation selector, shown for that resource: its operations sorted by name, the first one declared the default. */
export function operationSelector(resource: ResourceDescriptor): INodeProperties {
	const defaultOperation = resource.operations[0].operation;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options: [...resource.operations].sort(byName).map((op) => ({
			name: op.name,
			value: op.operation,
			action: op.action,
			description: op.description,
		})),
		default: defaultOperation,
	};
}

/** What the node lists for an operation: the Retry On Fail notice where it is not repeatable, then every parameter it reads. */
export function operationParameters(op: OperationDescriptor): INodeProperties[] {
	return [...(op.repeatable ? [] : [retryOnFailNotice()]), ...operationProperties(op)];
}

/** A parameter shown only for its resource and operation (and its own conditions). */
export function shownFor(resource: string, operation: string, property: INodeProperties): INodeProperties {
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: {
				resource: [resource],
				operation: [operation],
				...property.displayOptions?.show,
			},
		},
	};
}

/**
 * The node's whole parameter list from its resource descriptors: the Resource selector,
 * one Operation selector per resource, then each operation's parameters shown only for it.
 */
export function buildProperties(resources: ResourceDescriptor[]): INodeProperties[] {
	const sorted = [...resources].sort(byName);
	return [
		resourceSelector(resources),
		...sorted.map(operationSelector),
		...sorted.flatMap((resource) =>
			resource.operations.flatMap((op) => operationParameters(op).map((property) => shownFor(resource.value, op.operation, property))),
		),
	];
}

/** Looks up the descriptor for a resource and operation value. */
export function findOperation(
	resources: ResourceDescriptor[],
	resource: string,
	operation: string,
): OperationDescriptor | undefined {
	return resources
		.find((r) => r.value === resource)
		?.operations.find((op) => op.operation === operation);
}

/** One variant of a node with variants: the selector's value that picks it, and the resources and operations it has. */
export interface Variant {
	value: string;
	resources: ResourceDescriptor[];
}

/** A parameter shown only where the `field` parameter (a variant selector) has one of these values. */
export function shownForValues(field: string, values: string[], property: INodeProperties): INodeProperties {
	return { ...property, displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, [field]: values } } };
}

/**
 * The items of several lists in one order that keeps each list's: an item not yet placed goes just before the next
 * item of its list that is, or last; where the lists leave the order open, an earlier list's items come first.
 */
function mergedOrder(lists: string[][]): string[] {
	const merged: string[] = [];
	for (const list of lists) {
		list.forEach((item, i) => {
			if (merged.includes(item)) return;
			const next = list.slice(i + 1).find((later) => merged.includes(later));
			merged.splice(next === undefined ? merged.length : merged.indexOf(next), 0, item);
		});
	}
	return merged;
}

/** A parameter of one variant's list, and where it goes in the node's: [section, resource, operation, position, variant], each by rank. */
interface Placed {
	property: INodeProperties;
	at: number[];
}

/**
 * The whole parameter list of a node with variants (a selector parameter picks which API the node talks to, and
 * each variant has its own resources and operations): the `selector`, then what buildProperties makes of each
 * variant's resources, merged, each parameter shown for its variants (the selector's `name` is the field shown on).
 * A parameter several variants have alike (the same but for the variants it is shown for, in the same resource and
 * operation, or among the same selectors) is listed once, shown for all of them; one that differs is listed once per
 * variant. In buildProperties' order: the Resource selectors, then the Operation selectors resource by resource
 * (resources by name), then each operation's parameters, resource by resource and operation by operation (in the
 * order the variants declare them; where they leave it open, an earlier variant's first), every variant's first
 * parameter, then every variant's second, and so on; variants in the order given (not the selector's).
 */
export function buildVariantProperties(selector: INodeProperties, variants: Variant[]): INodeProperties[] {
	const field = selector.name;
	const resources = new Map(variants.flatMap((v) => v.resources.map((r) => [r.value, r] as const)));
	const resourceOrder = [...resources.values()].sort(byName).map((r) => r.value);
	const operationOrder = new Map(
		resourceOrder.map((value) => [
			value,
			mergedOrder(variants.map((v) => v.resources.find((r) => r.value === value)?.operations.map((o) => o.operation) ?? [])),
		]),
	);
	const placed = variants.flatMap((variant, v): Placed[] => {
		const counts = new Map<string, number>();
		return buildProperties(variant.resources).map((property) => {
			const { resource, operation } = property.displayOptions?.show ?? {};
			const section = operation ? 2 : resource ? 1 : 0;
			const r = resource ? String(resource[0]) : '';
			const o = operation ? String(operation[0]) : '';
			const key = `${section}:${r}:${o}`;
			const position = counts.get(key) ?? 0;
			counts.set(key, position + 1);
			const at = [section, resourceOrder.indexOf(r), operationOrder.get(r)?.indexOf(o) ?? -1, position, v];
			return { property: shownForValues(field, [variant.value], property), at };
		});
	});
	placed.sort((a, b) => {
		const i = a.at.findIndex((x, k) => x !== b.at[k]);
		return i < 0 ? 0 : a.at[i] - b.at[i];
	});
	/** A parameter as the variants' lists compare it: all but the variants it is shown for. */
	const alike = (property: INodeProperties) => JSON.stringify(shownForValues(field, [], property));
	const merged: Array<Placed & { variants: Set<number> }> = [];
	for (const { property, at } of placed) {
		const same = merged.find((m) => m.at.slice(0, 3).every((x, k) => x === at[k]) && alike(m.property) === alike(property));
		if (same) same.variants.add(at[4]);
		else merged.push({ property, at, variants: new Set([at[4]]) });
	}
	return [
		selector,
		...merged.map((m) => shownForValues(field, variants.filter((_, v) => m.variants.has(v)).map((v) => v.value), m.property)),
	];
}
