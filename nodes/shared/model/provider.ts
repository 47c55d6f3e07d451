import type { IDataObject } from 'n8n-workflow';

/** Limits as a provider documents them, "N calls per period": at most `limit` calls in any `ms`, all windows at once. */
export interface SlidingWindows {
	windows: Array<{ limit: number; ms: number }>;
}

/** `default` applies to every call, a named class in addition. */
export type RateClasses = Record<string, SlidingWindows> & { default: SlidingWindows };

/** How the calls to a provider are retried (http/send.ts retries them; its defaultRetryPolicy is n8n's). */
export interface RetryPolicy {
	/** Retries after the first try. */
	readonly maxRetries: number;
	/**
	 * Retries of answers 429, which a provider sends for calls it did not process: always safe to repeat, and more
	 * likely where several n8n processes (queue-mode workers) share a provider limit each keeps on its own.
	 */
	readonly maxRateLimitRetries: number;
	readonly baseDelayMs: number;
	readonly maxDelayMs: number;
	/** Longest Retry-After the kernel waits for; a longer one is answered with an error at once. */
	readonly maxRetryAfterMs: number;
	readonly timeoutMs: number;
	/**
	 * How long a trigger asks again for an artefact the provider announced before it is ready (a link that answers
	 * 404 for a while): default READY_WITHIN_MS (10 minutes; triggers/include.ts).
	 */
	readonly readyWithinMs?: number;
}

/** What the kernel needs to know about one provider's HTTP API. */
export interface ProviderTransport {
	/** The provider's name, shown in error messages. */
	displayName: string;
	credentialType: string;
	/** The API root from the credential, without a trailing slash. */
	baseUrl(credentials: IDataObject): string;
	/** The provider's own message and error type from an error answer. */
	describeError(statusCode: number, body: unknown): { message: string; type?: string };
	/** Client-side limits; absent for a provider that documents none (a self-hosted server). */
	rateClasses?: RateClasses;
	/**
	 * Items in flight at once (default 4). Enough to keep the limiter, not the lanes, the bound: a provider
	 * without limits is bound by this alone, as n8n's HTTP Request node sends all items of a run at once.
	 */
	concurrency?: number;
	/**
	 * A provider that answers some failures with a 2xx status (a 200 whose body says
	 * "404 not found"): return the status to treat the answer as, or undefined if it is a success.
	 */
	failureIn2xx?(body: unknown): number | undefined;
	/** Values that must never appear in an error or output. */
	secrets(credentials: IDataObject): string[];
	/**
	 * How its calls are retried; absent: the kernel's defaultRetryPolicy. n8n makes every node with `new Node()`, so
	 * its nodes use the default; a node made with a policy of its own (a test's waits of milliseconds) carries it here
	 * (withRetryPolicy), and so does every call the node sends: its runs, pickers, dropdowns, webhook registrations,
	 * and the downloads and uploads of its runs.
	 */
	retryPolicy?: RetryPolicy;
}

/** The transport with the retry policy a node was made with; the transport itself for a node made without one. */
export function withRetryPolicy(transport: ProviderTransport, retryPolicy: RetryPolicy | undefined): ProviderTransport {
	return retryPolicy ? { ...transport, retryPolicy } : transport;
}

/** Strips one trailing slash (or more) from a base URL the user typed. */
export function trimBaseUrl(url: unknown, fallback: string): string {
	const text = typeof url === 'string' && url.trim() !== '' ? url.trim() : fallback;
	return text.replace(/\/+$/, '');
}
