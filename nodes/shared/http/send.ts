import { createHash } from 'crypto';
import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { cancelSignal, pause, stopped } from './cancel';
import type { HttpResult, RequestSpec } from '../model/descriptor';
import { apiError, networkError, networkErrorCode, UNSENT_NETWORK_CODES } from './errors';
import type { ProviderTransport } from '../model/provider';
import { acquire } from './rateLimit';
import { type Body, discard, isStream, type NodeStream, readAll } from '../formats/streams';

export type RequestingFunctions =
	| IExecuteFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions;

export interface RetryPolicy {
	/** Retries after the first try. */
	maxRetries: number;
	/**
	 * Retries of answers 429, which a provider sends for calls it did not process: always safe to repeat, and more
	 * likely where several n8n processes (queue-mode workers) share a provider limit each keeps on its own.
	 */
	maxRateLimitRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** Longest Retry-After the kernel waits for; a longer one is answered with an error at once. */
	maxRetryAfterMs: number;
	timeoutMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
	maxRetries: 5,
	maxRateLimitRetries: 12,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 120_000,
	timeoutMs: 30_000,
};

/** Retry-After as milliseconds: seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const seconds = Number(text);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(text));
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter: a random wait in [0, min(max, base * 2^attempt)]. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	return Math.round(random() * ceiling);
}

function isRetryableStatus(status: number): boolean {
	return status === 429 || status >= 500;
}

/**
 * How long to wait before sending a call again after this answer, or undefined when it is not sent again: after a
 * 429 (not processed) always, after a 5xx only when the call is repeatable; never past the policy's tries, nor after
 * a Retry-After longer than the policy waits.
 */
function retryWait(statusCode: number, headers: HttpResult['headers'], attempt: number, policy: RetryPolicy, repeatable: boolean): number | undefined {
	if (!isRetryableStatus(statusCode) || (!repeatable && statusCode !== 429)) return undefined;
	if (attempt >= (statusCode === 429 ? policy.maxRateLimitRetries : policy.maxRetries)) return undefined;
	const retryAfter = parseRetryAfter(header(headers, 'retry-after'));
	if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) return undefined;
	return retryAfter ?? backoffDelay(attempt, policy);
}

/** A short, non-reversible key for the credential's buckets; the key itself is never stored. */
function credentialKey(transport: ProviderTransport, credentials: IDataObject): string {
	const hash = createHash('sha256');
	hash.update(transport.baseUrl(credentials));
	for (const secret of transport.secrets(credentials)) hash.update(`\u0000${secret}`);
	return `${transport.credentialType}:${hash.digest('hex').slice(0, 16)}`;
}

function header(headers: HttpResult['headers'], name: string): unknown {
	const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name);
	return key ? headers[key] : undefined;
}

/**
 * The credential the caller already read, handed to n8n's helper with each call: without it n8n reads and
 * decrypts the credential again for every call, a database query that all items in flight queue for
 * (measured in bench/: 200 calls at once took twice as long as n8n's HTTP Request node).
 */
function decrypted(ctx: RequestingFunctions, transport: ProviderTransport, credentials: IDataObject): ICredentialsDecrypted {
	const ref = ctx.getNode().credentials?.[transport.credentialType];
	return { id: ref?.id ?? '', name: ref?.name ?? '', type: transport.credentialType, data: credentials as ICredentialsDecrypted['data'] };
}

/**
 * A streamed body is sent without following redirects: to replay a body after a redirect, n8n's HTTP client keeps
 * every chunk it wrote until the answer comes (a 2 GB upload would stay in memory). Signed upload links do not redirect.
 */
function keptOnce(body: Body): Partial<IHttpRequestOptions> {
	return isStream(body) ? { disableFollowRedirect: true } : {};
}

/** The request with its body opened for this attempt. */
async function opened(options: IHttpRequestOptions, open: () => Promise<Body>): Promise<IHttpRequestOptions> {
	const body = await open();
	return { ...options, body: body as IHttpRequestOptions['body'], ...keptOnce(body) };
}

/** A text answer as JSON where it is JSON, else as the text. */
function parsedText(bytes: Buffer): unknown {
	const text = bytes.toString('utf8');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/**
 * Sends one provider call through n8n's authenticated helper, with rate limiting and retries.
 * Answers 2xx as a result; any other answer (after retries) as a NodeApiError with the provider's message.
 */
export async function send(
	ctx: RequestingFunctions,
	transport: ProviderTransport,
	credentials: IDataObject,
	spec: RequestSpec,
	policy: RetryPolicy = defaultRetryPolicy,
): Promise<HttpResult> {
	const secrets = [...transport.secrets(credentials), ...(spec.secrets ?? [])];
	const key = credentialKey(transport, credentials);
	const options: IHttpRequestOptions = {
		method: spec.method,
		url: `${transport.baseUrl(credentials)}${spec.path}`,
		qs: spec.qs,
		body: spec.body as IHttpRequestOptions['body'],
		json: !spec.binary,
		...(spec.headers ? { headers: spec.headers } : {}),
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: policy.timeoutMs,
		...(spec.binary ? { encoding: 'stream' as const } : {}),
	};
	const credentialsDecrypted = decrypted(ctx, transport, credentials);
	const signal = cancelSignal(ctx);
	if (signal) options.abortSignal = signal;
	const { repeatable } = spec;
	// Said where a call that is not repeatable failed in a way that leaves open whether the provider did it.
	const notRetried = ` Not sent again: ${transport.displayName} may have done it already, and a call like this is sent once so that it is never done twice. Check before running it again.`;
	let ambiguous = false;
	for (let attempt = 0; ; attempt++) {
		const release = await acquire(key, transport.rateClasses, spec.rateClass, signal);
		let statusCode: number;
		let headers: HttpResult['headers'];
		let body: unknown;
		let request: IHttpRequestOptions | undefined;
		try {
			request = typeof spec.body === 'function' ? await opened(options, spec.body as () => Promise<Body>) : { ...options };
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, transport.credentialType, request, {
				credentialsDecrypted,
			})) as { statusCode: number; headers: HttpResult['headers']; body: unknown };
			({ statusCode, headers, body } = response);
			// An error answer to a file request is read (it is small), so its message can be reported.
			if (spec.binary && (statusCode < 200 || statusCode >= 300)) body = parsedText(await readAll(body as NodeStream));
		} catch (error) {
			release?.();
			// Stopped: nothing to retry or report.
			if (signal?.aborted) throw stopped(ctx.getNode());
			const code = networkErrorCode(error);
			const unsent = !!code && UNSENT_NETWORK_CODES.has(code);
			if (code && (unsent || repeatable) && attempt < policy.maxRetries) {
				ambiguous ||= !unsent;
				await pause(backoffDelay(attempt, policy), signal);
				continue;
			}
			throw networkError(ctx.getNode(), transport, spec, error, secrets, attempt + 1, code && !repeatable && !unsent ? notRetried : '');
		} finally {
			// A body opened for this attempt and left unread: the call failed, or the server answered (a 429, a 413)
			// before it had read the whole upload.
			if (typeof spec.body === 'function') discard(request?.body);
		}
		release?.();
		if (statusCode >= 200 && statusCode < 300 && !spec.binary) statusCode = transport.failureIn2xx?.(body) ?? statusCode;
		if ((statusCode >= 200 && statusCode < 300) || spec.acceptStatus?.includes(statusCode)) {
			return { statusCode, headers, body, attempts: attempt + 1, ambiguous };
		}
		const wait = retryWait(statusCode, headers, attempt, policy, repeatable);
		if (wait !== undefined) {
			ambiguous ||= statusCode !== 429;
			await pause(wait, signal);
			continue;
		}
		throw apiError(ctx.getNode(), transport, spec, statusCode, body, secrets, attempt + 1, !repeatable && statusCode >= 500 ? notRetried : '');
	}
}

/**
 * One request to a signed link a provider handed out (a file to download, or the upload link of a file the provider
 * already made an entry for), without credentials: the link is its own auth, so an error names only its host. Both
 * may be repeated (the same bytes fill the same entry), so after a dropped connection, a 429 or a 5xx the request is
 * sent again, a body opened anew for each try. Failing an upload instead would leave the entry empty, and running the
 * item again would make a second one.
 */
async function linkRequest(
	ctx: RequestingFunctions,
	url: string,
	options: Partial<IHttpRequestOptions> & { method: 'GET' | 'PUT' | 'POST' },
	open: (() => Promise<Body>) | undefined,
	policy: RetryPolicy,
): Promise<{ statusCode: number; headers: HttpResult['headers']; body: unknown }> {
	const signal = cancelSignal(ctx);
	const host = new URL(url).host;
	const failed = (status: number | undefined, attempts: number) =>
		new NodeOperationError(ctx.getNode(), `${options.method === 'GET' ? 'Download from' : 'Upload to'} ${host} failed${status ? ` with HTTP ${status}` : ''}`, {
			description: `${options.method} to ${host} ${status ? `answered ${status}` : 'got no answer'}${attempts > 1 ? ` (gave up after ${attempts} tries)` : ''}.`,
		});
	const base: IHttpRequestOptions = { url, timeout: policy.timeoutMs, abortSignal: signal, ...options, returnFullResponse: true, ignoreHttpStatusErrors: true };
	for (let attempt = 0; ; attempt++) {
		const request = open ? await opened(base, open) : base;
		let response: { statusCode: number; headers: HttpResult['headers']; body: unknown };
		try {
			response = (await ctx.helpers.httpRequest(request)) as typeof response;
		} catch (error) {
			if (signal?.aborted) throw stopped(ctx.getNode());
			if (networkErrorCode(error) && attempt < policy.maxRetries) {
				await pause(backoffDelay(attempt, policy), signal);
				continue;
			}
			throw failed(undefined, attempt + 1);
		} finally {
			// An upload's body left unread: the attempt failed, or the server answered (a 429, a 413) before reading it all.
			if (open) discard(request.body);
		}
		const { statusCode } = response;
		if (statusCode >= 200 && statusCode < 300) return response;
		// An error answer to a streamed download is not read.
		discard(response.body);
		const wait = retryWait(statusCode, response.headers, attempt, policy, true);
		if (wait === undefined) throw failed(statusCode, attempt + 1);
		await pause(wait, signal);
	}
}

/** Uploads bytes (opened by `open` for each try) to a signed upload link; see linkRequest. */
export async function upload(
	ctx: RequestingFunctions,
	url: string,
	method: 'PUT' | 'POST',
	open: () => Promise<Body>,
	headers: Record<string, string> = {},
	policy: RetryPolicy = defaultRetryPolicy,
): Promise<unknown> {
	return (await linkRequest(ctx, url, { method, headers }, open, policy)).body;
}

/** A body n8n's helpers can stream (an IncomingMessage), and its length when the server said it. */
export interface Download {
	stream: NodeJS.ReadableStream;
	contentLength?: number;
}

/**
 * Opens a signed link as a stream, so a large file (a recording of gigabytes) is never held in memory: it goes on to
 * n8n's binary data as it arrives. The body itself is not read here.
 */
export async function openDownload(ctx: RequestingFunctions, url: string, policy: RetryPolicy = defaultRetryPolicy): Promise<Download> {
	const response = await linkRequest(ctx, url, { method: 'GET', encoding: 'stream' }, undefined, policy);
	const length = Number(header(response.headers, 'content-length'));
	return { stream: response.body as NodeJS.ReadableStream, ...(Number.isFinite(length) ? { contentLength: length } : {}) };
}

/** Fetches a small file from a signed link (a transcript's text) into memory; large files use openDownload. */
export async function download(ctx: RequestingFunctions, url: string, policy: RetryPolicy = defaultRetryPolicy): Promise<Buffer> {
	return Buffer.from((await linkRequest(ctx, url, { method: 'GET', encoding: 'arraybuffer' }, undefined, policy)).body as ArrayBuffer);
}
