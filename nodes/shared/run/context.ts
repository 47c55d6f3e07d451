import type { IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OperationContext } from '../model/descriptor';
import type { ProviderTransport } from '../model/provider';
import { cancelSignal, pause } from '../http/cancel';
import { apiError } from '../http/errors';
import { download, openDownload, retryPolicyOf, upload } from '../http/send';

/** What differs between an action node's item and a trigger's delivery: how calls are sent, and the item's files. */
export interface ContextParts {
	itemIndex: number;
	credentials: IDataObject;
	send: OperationContext['send'];
	/** Secrets the item's calls carry beyond the credential's (a password field's value): kept out of errors. */
	carried: string[];
	once: OperationContext['once'];
	/** The input item's files; a trigger has no input item. */
	readBinary?: OperationContext['readBinary'];
}

/** OperationContext.once over `memo`: each key computed once, its promise shared (a failure too) by whoever asks. */
export function onceIn(memo: Map<string, Promise<unknown>>): OperationContext['once'] {
	return async <T>(key: string, compute: () => Promise<T>) => {
		if (!memo.has(key)) memo.set(key, compute());
		return await (memo.get(key) as Promise<T>);
	};
}

/** Errors that mean "not ready yet, ask again later" (a recording still being written): see OperationContext.notYet. */
const notYetErrors = new WeakSet<Error>();

/** Whether an operation said its artefact is not ready yet (rather than that it failed). */
export function isNotYet(error: unknown): boolean {
	return error instanceof Error && notYetErrors.has(error);
}

/**
 * The context an operation's own code (`run`, `fileLink`) runs with, in an action node's execution or a trigger's
 * delivery alike: the trigger fetches the meeting's artefacts with the very operations the action node offers.
 */
export function operationContext(ctx: IExecuteFunctions | IWebhookFunctions, transport: ProviderTransport, parts: ContextParts): OperationContext {
	const { itemIndex, credentials, carried } = parts;
	// Signed links the provider hands out are fetched and filled without its credential, retried as its calls are.
	const linkRetries = retryPolicyOf(transport);
	const error = (message: string, description?: string) => new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
	return {
		itemIndex,
		credentials,
		send: parts.send,
		error,
		notYet: (message, description) => {
			const made = error(message, description);
			notYetErrors.add(made);
			return made;
		},
		fail: (spec, result) => {
			throw apiError(ctx.getNode(), transport, spec, result.statusCode, result.body, [...transport.secrets(credentials), ...carried, ...(spec.secrets ?? [])], result.attempts);
		},
		download: async (url) => await download(ctx, linkRetries, url),
		downloadBinary: async (url, fileName, mimeType) => {
			const { stream, contentLength } = await openDownload(ctx, linkRetries, url);
			const binary = await ctx.helpers.prepareBinaryData(stream as Parameters<typeof ctx.helpers.prepareBinaryData>[0], fileName, mimeType);
			// n8n records only a readable size ("100 MB"): the byte count is the server's Content-Length.
			return { binary, bytes: contentLength };
		},
		upload: async (url, method, open, headers) => await upload(ctx, linkRetries, url, method, open, headers),
		readBinary:
			parts.readBinary ??
			(async (propertyName) => {
				throw error(`Invalid parameter Input Binary Field (binaryPropertyName): there is no input item to read '${propertyName}' from`);
			}),
		pause: async (ms) => await pause(ms, cancelSignal(ctx)),
		once: parts.once,
	};
}
