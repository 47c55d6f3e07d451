import nock from 'nock';
import { defaultRetryPolicy, type RetryPolicy } from '../../nodes/shared/http/send';
import { resetRateLimits } from '../../nodes/shared/http/rateLimit';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { DigitalSambaApi } from '../../credentials/DigitalSambaApi.credentials';
import { DigitalSamba } from '../../nodes/DigitalSamba/DigitalSamba.node';
import { createContext, type TestContext } from './context';

export const DS_URL = 'https://api.digitalsamba.com';
export const DS_KEY = 'ds_dev_key_0123456789abcdef';
export const DS_TEAM = '0d6b1f52-2a7c-4b3e-9a41-5b2f0c9e7d11';

export interface DigitalSambaRunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	timezone?: string;
	teamId?: string;
	developerKey?: string;
	baseUrl?: string;
	stored?: Record<string, Buffer>;
	/** The node's retry policy (shorter waits); n8n's default when omitted. */
	retryPolicy?: RetryPolicy;
}

/** Retries after 5–20 ms, for tests whose answers come at once (nock's scripts, a simulator on loopback). */
export const FAST_RETRIES: RetryPolicy = Object.freeze({ ...defaultRetryPolicy, baseDelayMs: 5, maxDelayMs: 20 });

/** Runs the Digital Samba node once over the given items with these parameters. */
export async function runDigitalSamba(
	parameters: IDataObject | IDataObject[],
	options: DigitalSambaRunOptions = {},
): Promise<{ output: INodeExecutionData[]; ctx: TestContext }> {
	const ctx = createContext({
		parameters,
		items: options.items ?? (Array.isArray(parameters) ? parameters.map(() => ({ json: {} })) : undefined),
		credentials: { developerKey: options.developerKey ?? DS_KEY, teamId: options.teamId ?? '', baseUrl: options.baseUrl ?? 'https://api.digitalsamba.com/api/v1' },
		credentialType: new DigitalSambaApi(),
		continueOnFail: options.continueOnFail,
		timezone: options.timezone,
		stored: options.stored,
		nodeType: 'n8n-nodes-video-conferencing.digitalSamba',
	});
	const [output] = await new DigitalSamba(options.retryPolicy).execute.call(ctx);
	return { output, ctx };
}

/** runDigitalSamba with options all runs of a test file share (its retry policy); a run's own options come on top. */
export function digitalSambaRunner(shared: DigitalSambaRunOptions): typeof runDigitalSamba {
	return async (parameters, options = {}) => await runDigitalSamba(parameters, { ...shared, ...options });
}

/** The bodies the node sends for these parameters, every call answered 200 `{}` (nock; the caller disables the net). */
export async function sentBodies(parameters: IDataObject): Promise<unknown[]> {
	const api = nock(DS_URL).persist();
	for (const method of ['get', 'post', 'patch', 'delete'] as const) api[method](/.*/).reply(200, {});
	try {
		const { ctx } = await runDigitalSamba(parameters);
		return ctx.requests.map((r) => r.body);
	} finally {
		nock.cleanAll();
	}
}

/**
 * A test file's hooks for nock-scripted calls (no network, limits and scripts reset per test), and the runner its
 * tests use: the node made with retries after 5–20 ms.
 */
export function offlineWithFastRetries(): typeof runDigitalSamba {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => {
		nock.cleanAll();
		resetRateLimits();
	});
	afterAll(() => nock.enableNetConnect());
	return digitalSambaRunner({ retryPolicy: FAST_RETRIES });
}
