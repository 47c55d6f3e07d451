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
