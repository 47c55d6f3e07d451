import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	declaredRequest,
	type OperationDescriptor,
	type OperationResult,
	type PrepareContext,
	type RequestSpec,
	type ResourceDescriptor,
} from '../model/descriptor';
import { cancelSignal, stopped } from '../http/cancel';
import { itemError, redact } from '../http/errors';
import { send } from '../http/send';
import { onceIn, operationContext } from './context';
import { paginate } from '../http/paginate';
import { ItemOrder, mapInOrder } from './pool';
import { findOperation, operationProperties } from '../describe/properties';
import type { ProviderTransport } from '../model/provider';
import { counted, type NodeStream } from '../formats/streams';
import { withTimeZone } from '../formats/time';
import { validateParameters } from '../parameters/validate';

export interface ProviderNode {
	transport: ProviderTransport;
	resources: ResourceDescriptor[];
}

const EMPTY = Symbol('empty');

/** Drops what the user left empty, so optional fields are absent and required ones say "is required". */
function withoutEmpty(value: unknown): unknown {
	if (value === null || value === undefined || value === '') return EMPTY;
	if (Array.isArray(value)) return value;
	if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
		const out: IDataObject = {};
		for (const [key, inner] of Object.entries(value as IDataObject)) {
			const cleaned = withoutEmpty(inner);
			if (cleaned !== EMPTY) out[key] = cleaned as IDataObject[string];
		}
		return out;
	}
	return value;
}

/** Reads the operation's parameters for one item as a plain object keyed by parameter name. */
function readParameters(
	ctx: IExecuteFunctions,
	properties: INodeProperties[],
	itemIndex: number,
): IDataObject {
	const raw: IDataObject = {};
	for (const property of properties) {
		if (property.type === 'notice') continue;
		// A locator's identifier, as n8n extracts it from the mode the user chose (a URL's ID, say).
		const value = ctx.getNodeParameter(property.name, itemIndex, null, property.type === 'resourceLocator' ? { extractValue: true } : {}) as unknown;
		const cleaned = withoutEmpty(value);
		if (cleaned !== EMPTY) raw[property.name] = cleaned as IDataObject[string];
	}
	return raw;
}

/** Names of the parameters that hold secrets (password fields), at any depth of collections. */
function passwordNames(properties: INodeProperties[], into = new Set<string>()): Set<string> {
	for (const property of properties) {
		if (property.typeOptions?.password) into.add(property.name);
		for (const option of (property.options ?? []) as Array<INodeProperties | { values?: INodeProperties[] }>) {
			if ('type' in option) passwordNames([option], into);
			else if (Array.isArray(option.values)) passwordNames(option.values, into);
		}
	}
	return into;
}

/** The values the user gave password fields (a token to validate, a webhook secret): secrets the request carries. */
function carriedSecrets(properties: INodeProperties[], raw: IDataObject): string[] {
	const names = passwordNames(properties);
	const found: string[] = [];
	const walk = (value: unknown, key?: string) => {
		if (typeof value === 'string' && key && names.has(key)) found.push(value);
		else if (Array.isArray(value)) value.forEach((inner) => walk(inner, key));
		else if (value && typeof value === 'object') for (const [k, inner] of Object.entries(value)) walk(inner, k);
	};
	walk(raw);
	return found;
}

function isItemList(result: OperationResult): result is INodeExecutionData[] {
	return (
		Array.isArray(result) &&
		result.length > 0 &&
		result.every((r) => r && typeof r === 'object' && typeof (r as INodeExecutionData).json === 'object')
	);
}

/** The default output: entries of a bare array, the object itself, or `{ success: true }` for no body. */
function defaultOutput(body: unknown): OperationResult {
	if (body === undefined || body === null || body === '') return { success: true };
	if (Array.isArray(body)) return body as IDataObject[];
	if (typeof body === 'object') return body as IDataObject;
	return { result: body as string };
}

function toItems(result: OperationResult, itemIndex: number): INodeExecutionData[] {
	const pairedItem = { item: itemIndex };
	if (isItemList(result)) return result.map((item) => ({ ...item, pairedItem }));
	const list = Array.isArray(result) ? result : [result];
	return list.map((json) => ({ json: json as IDataObject, pairedItem }));
}

async function runOperation(
	ctx: IExecuteFunctions,
	node: ProviderNode,
	credentials: IDataObject,
	itemIndex: number,
	order: ItemOrder,
	memo: Map<string, Promise<unknown>>,
): Promise<INodeExecutionData[]> {
	const resource = ctx.getNodeParameter('resource', itemIndex) as string;
	const operation = ctx.getNodeParameter('operation', itemIndex) as string;
	const op: OperationDescriptor | undefined = findOperation(node.resources, resource, operation);
	if (!op) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Unknown operation "${operation}" for resource "${resource}"`,
			{ itemIndex },
		);
	}
	const properties = operationProperties(op);
	const raw = readParameters(ctx, properties, itemIndex);
	// Dates typed without a zone are read in the workflow's time zone (Settings → Timezone), for every field alike.
	const validated = withTimeZone(ctx.getTimezone(), () => validateParameters(ctx.getNode(), op.schema, raw, op.properties, itemIndex));
	const carried = carriedSecrets(properties, raw);
	const call = async (spec: RequestSpec) => {
		if (!spec.repeatable) await order.turn(itemIndex);
		return await send(ctx, node.transport, credentials, carried.length ? { ...spec, secrets: [...(spec.secrets ?? []), ...carried] } : spec);
	};
	const error = (message: string, description?: string) => new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
	const once = onceIn(memo);
	const prepareCtx: PrepareContext = { send: call, error, once };
	const params = op.prepare ? await op.prepare(prepareCtx, validated) : validated;

	const simplified = (entry: IDataObject) => (op.simplify && raw.simplify === true ? op.simplify(entry) : entry);

	if (op.paginate) {
		const returnAll = raw.returnAll === true;
		const limit = Number(raw.limit ?? 50);
		if (!returnAll && (!Number.isInteger(limit) || limit < 1)) {
			throw new NodeOperationError(ctx.getNode(), 'Invalid parameter Limit (limit): must be a whole number of at least 1', { itemIndex });
		}
		const items: INodeExecutionData[] = [];
		for await (const entry of paginate(call, declaredRequest(op, op.request(params)), op.paginate, returnAll ? undefined : limit)) {
			items.push({ json: simplified(entry), pairedItem: { item: itemIndex } });
		}
		return items;
	}
	if (op.run || op.fileLink) {
		const opCtx = operationContext(ctx, node.transport, {
			itemIndex,
			credentials,
			send: call,
			carried,
			once,
			readBinary: async (propertyName) => {
				const present = Object.keys(ctx.getInputData()[itemIndex]?.binary ?? {});
				if (!present.includes(propertyName)) {
					throw new NodeOperationError(ctx.getNode(), `Invalid parameter Input Binary Field (binaryPropertyName): the input item has no binary field '${propertyName}'`, {
						itemIndex,
						description: `Binary fields on this item: ${present.join(', ') || 'none'}`,
					});
				}
				const meta = ctx.helpers.assertBinaryData(itemIndex, propertyName);
				const named = { fileName: meta.fileName ?? propertyName, mimeType: meta.mimeType ?? 'application/octet-stream' };
				const id = meta.id;
				if (id) {
					// Stored by n8n (filesystem, S3): streamed as it is sent, as n8n's HTTP Request node does.
					const { fileSize } = await ctx.helpers.getBinaryMetadata(id);
					return { ...named, size: fileSize, open: async () => await ctx.helpers.getBinaryStream(id) };
				}
				const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, propertyName);
				return { ...named, size: data.length, open: async () => data };
			},
		});
		if (op.run) return toItems(await op.run(opCtx, params), itemIndex);
		const file = await op.fileLink(opCtx, params);
		const { binary, bytes } = await opCtx.downloadBinary(file.url, file.fileName, file.mimeType);
		const json = { ...file.json, fileName: file.fileName, ...(bytes !== undefined ? { fileSize: bytes } : {}) };
		return [{ json, binary: { [String(raw.binaryPropertyName ?? 'data')]: binary }, pairedItem: { item: itemIndex } }];
	}
	if (op.binaryOutput) {
		const propertyName = String(raw.binaryPropertyName ?? 'data');
		const { body, headers } = await call({ ...declaredRequest(op, op.request(params)), binary: true });
		const fileName = op.binaryOutput.fileName(params, headers);
		const mimeType = op.binaryOutput.mimeType ?? String(headers['content-type'] ?? 'application/octet-stream').split(';')[0];
		// Streamed into n8n's binary data and counted on the way: n8n records no size in bytes.
		const { stream, bytes } = counted(body as NodeStream);
		const binary = await ctx.helpers.prepareBinaryData(stream as Parameters<typeof ctx.helpers.prepareBinaryData>[0], fileName, mimeType);
		return [{ json: { fileName, mimeType, fileSize: bytes() }, binary: { [propertyName]: binary }, pairedItem: { item: itemIndex } }];
	}
	const { body } = await call(declaredRequest(op, op.request(params)));
	const items = toItems(op.output ? op.output(body, params) : defaultOutput(body), itemIndex);
	return items.map((item) => ({ ...item, json: simplified(item.json) }));
}

/**
 * The one executor every action node uses: validates each item's parameters, sends its calls,
 * keeps output order equal to input order, pairs items, and honours Continue On Fail.
 */
export async function executeProviderNode(
	ctx: IExecuteFunctions,
	node: ProviderNode,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const credentials = (await ctx.getCredentials(node.transport.credentialType)) as IDataObject;
	const secrets = node.transport.secrets(credentials);
	const order = new ItemOrder(items.length);
	// What the items of this execution share (a room's UUID looked up once): never kept past it.
	const memo = new Map<string, Promise<unknown>>();
	const results = await mapInOrder(items, node.transport.concurrency ?? 4, async (_item, itemIndex) => {
		let failed = false;
		try {
			return await runOperation(ctx, node, credentials, itemIndex, order, memo);
		} catch (error) {
			// Stopped by the user: the run ends, no item fails.
			if (cancelSignal(ctx)?.aborted) throw stopped(ctx.getNode());
			const failure = itemError(ctx.getNode(), error, itemIndex, secrets);
			failed = !ctx.continueOnFail();
			if (!failed) {
				const message = redact(failure.message, secrets);
				const description = failure.description ? redact(failure.description, secrets) : undefined;
				const json = { error: message, ...(description ? { description } : {}) };
				// On Error → Continue (using error output): n8n's engine routes an item there only when it carries the
				// error itself (WorkflowExecute.handleNodeErrorOutput), and then shows its json as {error: message}, the
				// description staying on the attached error. Continue (regular output) keeps {error, description}.
				const routed = ctx.getNode().onError === 'continueErrorOutput';
				return [{ json, ...(routed ? { error: failure } : {}), pairedItem: { item: itemIndex } }];
			}
			throw failure;
		} finally {
			order.finish(itemIndex, failed);
		}
	});
	return [results.flat()];
}

/**
 * A node's execute method (n8n calls it with the run's context as `this`): every item through executeProviderNode, its
 * calls through `transport`. `resources` loads the node's resource files on the first run: n8n loads every node when
 * it starts, and their schemas are most of a node's load time.
 */
export function executeMethod(transport: ProviderTransport, resources: () => Promise<ResourceDescriptor[]>) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeProviderNode(this, { transport, resources: await resources() });
	};
}
