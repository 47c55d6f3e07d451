import type { INode, INodeProperties, INodePropertyCollection } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ZodIssue, ZodType, ZodTypeDef } from 'zod';

type Described = Pick<INodeProperties, 'name' | 'displayName'> & {
	options?: Array<INodeProperties | INodePropertyCollection | { name: string }>;
	values?: INodeProperties[];
};

/** "Room Properties → Expires At (properties.exp)" for a zod issue path. */
export function fieldLabel(properties: INodeProperties[], path: Array<string | number>): string {
	const names: string[] = [];
	let level: Described[] | undefined = properties as Described[];
	for (const segment of path) {
		if (typeof segment === 'number') continue;
		const found: Described | undefined = level?.find((p) => p.name === segment);
		names.push(found?.displayName ?? segment);
		const children = (found?.values ?? found?.options) as Described[] | undefined;
		// A fixedCollection's options are groups whose `values` hold the fields.
		level = children?.some((c) => Array.isArray(c.values))
			? children.flatMap((c) => [c, ...(c.values ?? [])])
			: (children as Described[] | undefined);
	}
	const dotted = path.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i ? '.' : ''}${s}`)).join('');
	return `${names.join(' → ')} (${dotted || 'parameters'})`;
}

function describeIssue(issue: ZodIssue): string {
	if (issue.code === 'unrecognized_keys') {
		return `unknown field(s): ${issue.keys.join(', ')}`;
	}
	if (issue.code === 'invalid_type' && issue.received === 'undefined') {
		return 'is required';
	}
	return issue.message;
}

/**
 * Parses parameters with a zod schema; a failure names every bad field and is thrown before any request. The
 * message itself names them all, not only the first: an AI agent's model is told the message alone (n8n 2.x hands
 * a failed tool's message to the model, without its description), and should fix every field in one go.
 */
export function validateParameters<P>(
	node: INode,
	schema: ZodType<P, ZodTypeDef, unknown>,
	raw: unknown,
	properties: INodeProperties[],
	itemIndex: number,
): P {
	const result = schema.safeParse(raw);
	if (result.success) return result.data;
	// Once each: a field can break two rules that say the same (a URL's check and its http(s) pattern).
	const lines = [...new Set(result.error.issues.map((issue) => `${fieldLabel(properties, issue.path)}: ${describeIssue(issue)}`))];
	throw new NodeOperationError(node, `Invalid parameter ${lines.join('; ')}`, {
		itemIndex,
		description: lines.join('\n'),
	});
}
