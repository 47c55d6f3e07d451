import type { INode, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { Daily } from '../../../nodes/Daily/Daily.node';
import { DigitalSamba } from '../../../nodes/DigitalSamba/DigitalSamba.node';
import { MiroTalk } from '../../../nodes/MiroTalk/MiroTalk.node';

/**
 * n8n refuses to run a workflow whose nodes have parameter issues. For every operation of every
 * action node, a node with its required parameters filled must have none, as n8n computes them.
 */
const nodes: Array<[string, INodeTypeDescription]> = [
	['Daily', new Daily().description],
	['Digital Samba', new DigitalSamba().description],
	['MiroTalk', new MiroTalk().description],
];

function filled(description: INodeTypeDescription, base: Record<string, unknown>) {
	const node = { name: 'n', type: 'x', typeVersion: 1, position: [0, 0], parameters: base } as unknown as INode;
	let parameters = NodeHelpers.getNodeParameters(description.properties, base as never, true, false, node, description)!;
	// Fill every required parameter shown for this operation, as a user would.
	for (const property of description.properties) {
		if (!property.required || !NodeHelpers.displayParameter(parameters, property, node, description)) continue;
		const value = property.type === 'number' ? 1 : property.type === 'multiOptions' ? [(property.options as Array<{ value: string }> | undefined)?.[0]?.value ?? 'x'] : property.type === 'options' ? ((property.options as Array<{ value: string }> | undefined)?.[0]?.value ?? 'x') : property.type === 'json' ? '{}' : 'x';
		const current = parameters[property.name] as { __rl?: boolean; value?: unknown } | undefined;
		if (property.type === 'resourceLocator' && current?.__rl && current.value === '') {
			parameters = { ...parameters, [property.name]: { ...current, value: 'x' } as never };
		} else if (parameters[property.name] === '' || parameters[property.name] === undefined || (Array.isArray(parameters[property.name]) && !(parameters[property.name] as unknown[]).length)) {
			parameters = { ...parameters, [property.name]: value as never };
		}
	}
	node.parameters = parameters;
	return node;
}

describe.each(nodes)('%s node parameters', (_name, description) => {
	const resources = (description.properties.find((p) => p.name === 'resource')!.options as Array<{ value: string }>).map((o) => o.value);
	const cases = resources.flatMap((resource) => {
		const operation = description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource))!;
		return (operation.options as Array<{ value: string }>).map((o) => [resource, o.value] as const);
	});

	it.each(cases)('%s %s has no issues once its required fields are filled', (resource, operation) => {
		const product = description.properties.find((p) => p.name === 'product');
		const base: Record<string, unknown> = { resource, operation };
		if (product) {
			// MiroTalk filters by product: pick one that offers this operation.
			const products = (product.options as Array<{ value: string }>).map((o) => o.value);
			base.product = products.find((value) => {
				const node = { name: 'n', type: 'x', typeVersion: 1, position: [0, 0], parameters: { ...base, product: value } } as unknown as INode;
				const op = description.properties.find((p) => p.name === 'operation' && NodeHelpers.displayParameter({ ...base, product: value } as never, p, node, description));
				return (op?.options as Array<{ value: string }> | undefined)?.some((o) => o.value === operation);
			});
		}
		const node = filled(description, base);
		expect(NodeHelpers.getNodeParametersIssues(description.properties, node, description)).toBeNull();
	});
});

describe.each(nodes)('%s node in the README', (_name, description) => {
	const readme = require('fs').readFileSync(require('path').join(__dirname, '../../../README.md'), 'utf8') as string;
	const resources = description.properties.find((p) => p.name === 'resource')!.options as Array<{ name: string; value: string }>;

	it.each(resources.map((r) => [r.name, r.value]))('lists every %s operation', (resourceName, resourceValue) => {
		const rows = readme.split('\n').filter((line) => line.startsWith(`| ${resourceName} |`));
		const operations = description.properties
			.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resourceValue))
			.flatMap((p) => p.options as Array<{ name: string }>);
		expect(rows.length).toBeGreaterThan(0);
		for (const op of operations) expect(rows.some((row) => row.includes(op.name))).toBe(true);
	});
});
