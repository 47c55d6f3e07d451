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
import type { ProviderTransport, RetryPolicy } from '../model/provider';
import { acquire } from './rateLimit';
import { type Body, discard, isStream, type NodeStream, readAll } from '../formats/streams';

export type RequestingFunctions =
	| IExecuteFunctions
	| IHookFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions;

export type { RetryPolicy } from '../model/provider';

/**
 * The retry policy of n8n's nodes. Frozen: a node that retries otherwise (a test's, with waits of milliseconds) is
 * made with a policy of its own, which its transport carries (ProviderTransport.retryPolicy).
 */
export const defaultRetryPolicy: RetryPolicy = Object.freeze({
	maxRetries: 5,
	maxRateLimitRetries: 12,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 120_000,
	timeoutMs: 30_000,
});

/** How a provider's calls are retried: as its transport says, else as n8n's nodes are. */
export function retryPolicyOf(transport: ProviderTransport): RetryPolicy {
	return transport.retryPolicy ?? defaultRetryPolicy;
}

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
function streamOptions(body: Body): Partial<IHttpRequestOptions> {
	return isStream(body) ? { disableFollowRedirect: true } : {};
}

/** The request with its body opened for this attempt. */
async function withOpenedBody(options: IHttpRequestOptions, open: () => Promise<Body>): Promise<IHttpRequestOptions> {
	const body = await open();
	return { ...options, body: body as IHttpRequestOptions['body'], ...streamOptions(body) };
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

/** A call's answer to one try. */
type Answer = Pick<HttpResult, 'statusCode' | 'headers' | 'body'>;

function succeeded(statusCode: number): boolean {
	return statusCode >= 200 && statusCode < 300;
}

/** One try of a call, readied: how it is sent, and how what it holds is let go of once it has ended. */
interface Try {
	/** Sends the try: the answer, or a thrown error where none came (a timeout, a dropped connection). */
	send(): Promise<Answer>;
	/** Called once the try has ended, whatever came of it: gives back its rate-limit slot, discards a body left unread. */
	end(): void;
}

/** What differs between the calls the retry loop sends: API calls (send) and requests to signed links (linkRequest). */
interface RetriedCall {
	policy: RetryPolicy;
	/** As RequestSpec.repeatable: whether it is sent again after a 5xx, a timeout or a connection dropped once sent. */
	repeatable: boolean;
	/**
	 * Readies the next try: waits for a rate-limit slot, or opens the body anew. What fails here (the run stopped while
	 * waiting, a file that cannot be opened) is no failure of the try: it ends the call as it is, never sent again.
	 */
	next(): Promise<Try>;
	/** Whether an answer is the call's result: a success, or a status the caller handles itself. */
	accepts(answer: Answer): boolean;
	/** The error for an answer that is not, once it is not sent again. */
	refused(answer: Answer, tries: number): Error;
	/**
	 * The error for a try that got no answer, once it is not sent again. `mayBeDone`: the connection failed after
	 * sending a call that is not repeatable, so the provider may have done it.
	 */
	unanswered(error: unknown, tries: number, mayBeDone: boolean): Error;
}

/**
 * The one retry loop, of every call: tries until an answer is accepted, or the call is not to be sent again. Sent
 * again after a 429 (not processed) and a connection refused before sending, always; after a 5xx, a timeout or a
 * connection dropped once sent, only when repeatable; at most as often as the policy says. Waits as Retry-After says,
 * else with backoff and jitter; the Stop button ends any wait. The result counts the tries, and says whether an
 * earlier one may have been done by the provider (`ambiguous`).
 */
async function retried(ctx: RequestingFunctions, call: RetriedCall): Promise<HttpResult> {
	const { policy, repeatable } = call;
	const signal = cancelSignal(ctx);
	let ambiguous = false;
	for (let attempt = 0; ; attempt++) {
		const current = await call.next();
		let answer: Answer;
		try {
			answer = await current.send();
		} catch (error) {
			current.end();
			// Stopped: nothing to retry or report.
			if (signal?.aborted) throw stopped(ctx.getNode());
			const code = networkErrorCode(error);
			const unsent = !!code && UNSENT_NETWORK_CODES.has(code);
			if (code && (unsent || repeatable) && attempt < policy.maxRetries) {
				ambiguous ||= !unsent;
				await pause(backoffDelay(attempt, policy), signal);
				continue;
			}
			throw call.unanswered(error, attempt + 1, !!code && !repeatable && !unsent);
		}
		current.end();
		if (call.accepts(answer)) return { ...answer, attempts: attempt + 1, ambiguous };
		const wait = retryWait(answer.statusCode, answer.headers, attempt, policy, repeatable);
		if (wait === undefined) throw call.refused(answer, attempt + 1);
		ambiguous ||= answer.statusCode !== 429;
		await pause(wait, signal);
	}
}

/**
 * Sends one provider call through n8n's authenticated helper, within the provider's rate limits, retried as its
 * transport's policy says (see retried). Answers 2xx as a result; any other answer (after retries) as a NodeApiError
 * with the provider's message.
 */
export async function send(
	ctx: RequestingFunctions,
	transport: ProviderTransport,
	credentials: IDataObject,
	spec: RequestSpec,
): Promise<HttpResult> {
	const policy = retryPolicyOf(transport);
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
	// One try, with the credential already read, its body (a function) opened anew.
	const sendTry = async (): Promise<Answer> => {
		let request: IHttpRequestOptions | undefined;
		try {
			request = typeof spec.body === 'function' ? await withOpenedBody(options, spec.body as () => Promise<Body>) : { ...options };
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, transport.credentialType, request, {
				credentialsDecrypted,
			})) as Answer;
			const { statusCode, headers, body } = response;
			// An error answer to a file request is read (it is small), so its message can be reported.
			if (spec.binary && !succeeded(statusCode)) return { statusCode, headers, body: parsedText(await readAll(body as NodeStream)) };
			// A 2xx whose body says the call failed is the answer it stands for.
			const stated = succeeded(statusCode) && !spec.binary ? transport.failureIn2xx?.(body) : undefined;
			return { statusCode: stated ?? statusCode, headers, body };
		} finally {
			// A body opened for this attempt and left unread: the call failed, or the server answered (a 429, a 413)
			// before it had read the whole upload.
			if (typeof spec.body === 'function') discard(request?.body);
		}
	};
	return await retried(ctx, {
		policy,
		repeatable,
		next: async () => {
			const release = await acquire(key, transport.rateClasses, spec.rateClass, signal);
			return { send: sendTry, end: () => release?.() };
		},
		accepts: ({ statusCode }) => succeeded(statusCode) || !!spec.acceptStatus?.includes(statusCode),
		refused: ({ statusCode, body }, tries) =>
			apiError(ctx.getNode(), transport, spec, statusCode, body, secrets, tries, !repeatable && statusCode >= 500 ? notRetried : ''),
		unanswered: (error, tries, mayBeDone) => networkError(ctx.getNode(), transport, spec, error, secrets, tries, mayBeDone ? notRetried : ''),
	});
}

/**
 * One request to a signed link a provider handed out (a file to download, or the upload link of a file the provider
 * already made an entry for), without credentials nor rate limits: the link is its own auth, so an error names only
 * its host. Both may be repeated (the same bytes fill the same entry), so after a dropped connection, a 429 or a 5xx
 * the request is sent again (see retried), a body opened anew for each try. Failing an upload instead would leave the
 * entry empty, and running the item again would make a second one.
 */
async function linkRequest(
	ctx: RequestingFunctions,
	policy: RetryPolicy,
	url: string,
	options: Partial<IHttpRequestOptions> & { method: 'GET' | 'PUT' | 'POST' },
	open: (() => Promise<Body>) | undefined,
): Promise<HttpResult> {
	const host = new URL(url).host;
	const failed = (status: number | undefined, attempts: number) =>
		new NodeOperationError(ctx.getNode(), `${options.method === 'GET' ? 'Download from' : 'Upload to'} ${host} failed${status ? ` with HTTP ${status}` : ''}`, {
			description: `${options.method} to ${host} ${status ? `answered ${status}` : 'got no answer'}${attempts > 1 ? ` (gave up after ${attempts} tries)` : ''}.`,
		});
	const base: IHttpRequestOptions = { url, timeout: policy.timeoutMs, abortSignal: cancelSignal(ctx), ...options, returnFullResponse: true, ignoreHttpStatusErrors: true };
	return await retried(ctx, {
		policy,
		repeatable: true,
		next: async () => {
			const request = open ? await withOpenedBody(base, open) : base;
			return {
				send: async () => {
					const answer = (await ctx.helpers.httpRequest(request)) as Answer;
					// An error answer to a streamed download is not read.
					if (!succeeded(answer.statusCode)) discard(answer.body);
					return answer;
				},
				// An upload's body left unread: the attempt failed, or the server answered (a 429, a 413) before reading it all.
				end: () => {
					if (open) discard(request.body);
				},
			};
		},
		accepts: ({ statusCode }) => succeeded(statusCode),
		refused: ({ statusCode }, tries) => failed(statusCode, tries),
		unanswered: (_error, tries) => failed(undefined, tries),
	});
}

/** Uploads bytes (opened by `open` for each try) to a signed upload link; see linkRequest. */
export async function upload(
	ctx: RequestingFunctions,
	policy: RetryPolicy,
	url: string,
	method: 'PUT' | 'POST',
	open: () => Promise<Body>,
	headers: Record<string, string> = {},
): Promise<unknown> {
	return (await linkRequest(ctx, policy, url, { method, headers }, open)).body;
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
export async function openDownload(ctx: RequestingFunctions, policy: RetryPolicy, url: string): Promise<Download> {
	const response = await linkRequest(ctx, policy, url, { method: 'GET', encoding: 'stream' }, undefined);
	const length = Number(header(response.headers, 'content-length'));
	return { stream: response.body as NodeJS.ReadableStream, ...(Number.isFinite(length) ? { contentLength: length } : {}) };
}

/** Fetches a small file from a signed link (a transcript's text) into memory; large files use openDownload. */
export async function download(ctx: RequestingFunctions, policy: RetryPolicy, url: string): Promise<Buffer> {
	return Buffer.from((await linkRequest(ctx, policy, url, { method: 'GET', encoding: 'arraybuffer' }, undefined)).body as ArrayBuffer);
}
