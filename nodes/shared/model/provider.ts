import type { IDataObject } from 'n8n-workflow';

/** Limits as a provider documents them, "N calls per period": at most `limit` calls in any `ms`, all windows at once. */
export interface SlidingWindows {
	windows: Array<{ limit: number; ms: number }>;
}

/** `default` applies to every call, a named class in addition. */
export type RateClasses = Record<string, SlidingWindows> & { default: SlidingWindows };

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
}

/** Strips one trailing slash (or more) from a base URL the user typed. */
export function trimBaseUrl(url: unknown, fallback: string): string {
	const text = typeof url === 'string' && url.trim() !== '' ? url.trim() : fallback;
	return text.replace(/\/+$/, '');
}
