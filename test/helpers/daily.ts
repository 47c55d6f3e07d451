import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { DailyApi } from '../../credentials/DailyApi.credentials';
import { Daily } from '../../nodes/Daily/Daily.node';
import type { RetryPolicy } from '../../nodes/shared/http/send';
import { createContext, type TestContext } from './context';

export const DAILY_URL = 'https://api.daily.co';
export const DAILY_KEY = 'dk_test_0123456789abcdef';

export interface RunResult {
	output: INodeExecutionData[];
	ctx: TestContext;
}

export interface DailyRunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	timezone?: string;
	apiKey?: string;
	baseUrl?: string;
	/** The node's retry policy (shorter waits); n8n's default when omitted. */
	retryPolicy?: RetryPolicy;
}

/** Runs the Daily node once over the given items with these parameters. */
export async function runDaily(parameters: IDataObject | IDataObject[], options: DailyRunOptions = {}): Promise<RunResult> {
	const ctx = createContext({
		parameters,
		items: options.items ?? (Array.isArray(parameters) ? parameters.map(() => ({ json: {} })) : undefined),
		credentials: { apiKey: options.apiKey ?? DAILY_KEY, baseUrl: options.baseUrl ?? 'https://api.daily.co/v1' },
		credentialType: new DailyApi(),
		continueOnFail: options.continueOnFail,
		timezone: options.timezone,
		nodeType: 'n8n-nodes-video-conferencing.daily',
	});
	const [output] = await new Daily(options.retryPolicy).execute.call(ctx);
	return { output, ctx };
}

/** runDaily with options all runs of a test file share (its retry policy); a run's own options come on top. */
export function dailyRunner(shared: DailyRunOptions): typeof runDaily {
	return async (parameters, options = {}) => await runDaily(parameters, { ...shared, ...options });
}

/** Calls a provider simulator as a client would (Bearer key, JSON body): the status and the parsed answer. */
export async function callSimulator(url: string, key: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
	const response = await fetch(`${url}${path}`, {
		method,
		headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
