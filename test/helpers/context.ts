import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { Readable } from 'stream';
// n8n's own request implementation (axios underneath), so nock sees what n8n would really send.
import { httpRequest } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';

/**
 * Resolves a credential expression such as `=Bearer {{$credentials.apiKey}}` or
 * `={{ $credentials.a ? "x" : "y" }}` with plain JavaScript, plus n8n's `.base64Encode()` string extension.
 * The e2e suite checks the same expressions in a real n8n.
 */
function resolveTemplate(template: string, credentials: IDataObject): string {
	const base64Encode = (s: string) => Buffer.from(s, 'utf8').toString('base64');
	return template.replace(/^=/, '').replace(/\{\{([\s\S]+?)\}\}/g, (_, expression: string) => {
		const js = expression.replace(/\(([^()]*)\)\.base64Encode\(\)/g, '__b64($1)');
		// The expression comes from this package's own credential files.
		const evaluate = new Function('$credentials', '__b64', `return (${js});`);
		return String(evaluate(credentials, base64Encode));
	});
}

/** Applies a credential type's generic authentication the way n8n's credentials helper does. */
export function authenticate(
	credentialType: ICredentialType,
	credentials: IDataObject,
	options: IHttpRequestOptions,
): IHttpRequestOptions {
	const auth = credentialType.authenticate;
	if (!auth || typeof auth === 'function' || auth.type !== 'generic') return options;
	const out: IHttpRequestOptions = { ...options, headers: { ...options.headers }, qs: { ...options.qs } };
	for (const [key, value] of Object.entries(auth.properties.headers ?? {})) {
		out.headers![key] = resolveTemplate(String(value), credentials);
	}
	for (const [key, value] of Object.entries(auth.properties.qs ?? {})) {
		out.qs![key] = resolveTemplate(String(value), credentials);
	}
	if (auth.properties.auth) {
		const a = auth.properties.auth as { username: string; password: string };
		out.auth = { username: resolveTemplate(a.username, credentials), password: resolveTemplate(a.password, credentials) };
	}
	return out;
}

/** n8n's `httpRequestWithAuthentication` for one credential: generic auth applied, n8n-core's request, n8n's error wrapping. */
export function authenticatedRequest(
	credentialType: ICredentialType,
	credentials: IDataObject,
	node: INode,
	requests: IHttpRequestOptions[],
) {
	return async function (this: unknown, credentialTypeName: string, request: IHttpRequestOptions) {
		if (credentialTypeName !== credentialType.name) throw new Error(`unexpected credential type ${credentialTypeName}`);
		requests.push(request);
		try {
			return await httpRequest(authenticate(credentialType, credentials, { ...request }));
		} catch (error) {
			// n8n wraps transport failures the same way (request-helper-functions.ts).
			throw new NodeApiError(node, error as never);
		}
	};
}

/** As n8n-core's prepareBinaryData: a Buffer or a stream (read to its end here, as n8n's in-memory binary mode does). */
export async function inMemoryBinary(data: Buffer | NodeJS.ReadableStream, fileName?: string, mimeType?: string) {
	let bytes = data as Buffer;
	if (!Buffer.isBuffer(data)) {
		const chunks: Buffer[] = [];
		for await (const chunk of data as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
		bytes = Buffer.concat(chunks);
	}
	return { data: bytes.toString('base64'), fileName, mimeType: mimeType ?? 'application/octet-stream', fileSize: String(bytes.length) };
}

export interface ContextOptions {
	/** Parameters for every item, or one set per item. */
	parameters: IDataObject | IDataObject[];
	items?: INodeExecutionData[];
	credentials: IDataObject;
	credentialType: ICredentialType;
	continueOnFail?: boolean;
	/** The workflow's time zone (n8n's getTimezone()); UTC when omitted. */
	timezone?: string;
	/** What n8n's getExecutionCancelSignal() answers: aborted when the user presses Stop. */
	signal?: AbortSignal;
	nodeType?: string;
	/** Binary data n8n keeps outside the item (filesystem or S3 mode), by id: an item's binary names it with `id`. */
	stored?: Record<string, Buffer>;
}

export interface TestContext extends IExecuteFunctions {
	requests: IHttpRequestOptions[];
	/** What each prepareBinaryData call received: a whole buffer, or a stream. */
	binaryInputs: Array<'buffer' | 'stream'>;
	/** How many times a stored binary was opened as a stream. */
	binaryStreamsOpened: number;
}

/** A stand-in for n8n's execute context that routes requests through n8n-core's real HTTP helper. */
export function createContext(options: ContextOptions): TestContext {
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	const node: INode = {
		id: 'test-node',
		name: 'Test Node',
		type: options.nodeType ?? 'n8n-nodes-video-conferencing.test',
		typeVersion: 1,
		position: [0, 0],
		parameters: (Array.isArray(options.parameters) ? options.parameters[0] : options.parameters) as INode["parameters"],
	};
	const requests: IHttpRequestOptions[] = [];
	const paramsFor = (i: number) =>
		Array.isArray(options.parameters) ? options.parameters[i] : options.parameters;

	const binaryInputs: Array<'buffer' | 'stream'> = [];
	const storedBinary = (id: string) => {
		const bytes = options.stored?.[id];
		if (!bytes) throw new Error(`no stored binary ${id}`);
		return bytes;
	};
	const helpers = {
		httpRequestWithAuthentication: authenticatedRequest(options.credentialType, options.credentials, node, requests),
		async httpRequest(request: IHttpRequestOptions) {
			requests.push(request);
			return await httpRequest({ ...request });
		},
		async prepareBinaryData(data: Buffer | NodeJS.ReadableStream, fileName?: string, mimeType?: string) {
			binaryInputs.push(Buffer.isBuffer(data) ? 'buffer' : 'stream');
			return await inMemoryBinary(data, fileName, mimeType);
		},
		assertBinaryData(itemIndex: number, propertyName: string) {
			const binary = items[itemIndex]?.binary?.[propertyName];
			// n8n's own wording (NodeOperationError "No binary data property ... exists on item!").
			if (!binary) throw new NodeOperationError(node, `This operation expects the node's input data to contain a binary file '${propertyName}', but none was found [item ${itemIndex}]`);
			return binary;
		},
		async getBinaryDataBuffer(itemIndex: number, propertyName: string) {
			const binary = items[itemIndex].binary![propertyName];
			if (binary.id) throw new Error(`the stored binary ${binary.id} was read into memory`);
			return Buffer.from(binary.data, 'base64');
		},
		async getBinaryMetadata(id: string) {
			return { fileSize: storedBinary(id).length };
		},
		/** As n8n-core's for filesystem mode: a stream read from storage in 64 KiB chunks. */
		async getBinaryStream(id: string) {
			const bytes = storedBinary(id);
			ctx.binaryStreamsOpened++;
			return Readable.from((function* () {
				for (let at = 0; at < bytes.length; at += 65536) yield bytes.subarray(at, at + 65536);
			})());
		},
	};

	const ctx = {
		requests,
		binaryInputs,
		binaryStreamsOpened: 0,
		getInputData: () => items,
		getNode: () => node,
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown) {
			const value = paramsFor(itemIndex)?.[name];
			if (value === undefined) {
				if (arguments.length >= 3) return fallback;
				throw new Error(`Could not get parameter "${name}"`);
			}
			return value;
		},
		/** As a load-options context has it: the value the editor holds for another parameter, a locator's id extracted. */
		getCurrentNodeParameter(name: string, opts?: { extractValue?: boolean }) {
			const value = paramsFor(0)?.[name] as unknown;
			if (opts?.extractValue && value && typeof value === 'object' && (value as { __rl?: boolean }).__rl) return (value as { value: unknown }).value;
			return value;
		},
		getCredentials: async () => options.credentials,
		continueOnFail: () => options.continueOnFail ?? false,
		getTimezone: () => options.timezone ?? 'UTC',
		getExecutionCancelSignal: () => options.signal,
		helpers,
	};
	return ctx as unknown as TestContext;
}
