import type { IDataObject } from 'n8n-workflow';

/** A token bucket: `capacity` calls at once, refilled at `perSecond`. */
export interface RateClass {
	capacity: number;
	perSecond: number;
}

/** What the kernel needs to know about one provider's HTTP API. */
export interface ProviderTransport {
	/** Shown in error messages, e.g. "Daily". */
	displayName: string;
	credentialType: string;
	/** The API root from the credential, without a trailing slash. */
	baseUrl(credentials: IDataObject): string;
	/** The provider's own message and error type from an error answer. */
	describeError(statusCode: number, body: unknown): { message: string; type?: string };
	/** Token buckets; `default` applies to every call, a named class in addition. */
	rateClasses: Record<string, RateClass> & { default: RateClass };
	/**
	 * A provider that answers some failures with a 2xx status (MiroTalk's C2C and BRO reply 200
	 * `{"data":"404 not found"}`): return the status to treat the answer as, or undefined if it is a success.
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
