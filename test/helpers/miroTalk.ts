import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { MiroTalkApi } from '../../credentials/MiroTalkApi.credentials';
import { MiroTalk } from '../../nodes/MiroTalk/MiroTalk.node';
import type { Product } from '../../nodes/MiroTalk/transport';
import type { RetryPolicy } from '../../nodes/shared/http/send';
import { createContext, type TestContext } from './context';

export const MIROTALK_URL = 'https://meet.example.com';
export const MIROTALK_KEY = 'mirotalk_test_secret_0123456789';

export interface RunResult {
	output: INodeExecutionData[];
	ctx: TestContext;
}

export interface MiroTalkRunOptions {
	/** The credential's product; the node's Product parameter defaults to the same. */
	product?: Product;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	apiKey?: string;
	serverUrl?: string;
	publicUrl?: string;
	/** The retry policy of the node's calls (shorter waits); n8n's default when omitted. */
	retryPolicy?: RetryPolicy;
}

/** Runs the MiroTalk node once over the given items; `product` is added to the parameters unless they set it. */
export async function runMiroTalk(parameters: IDataObject | IDataObject[], options: MiroTalkRunOptions = {}): Promise<RunResult> {
	const product = options.product ?? 'sfu';
	const withProduct = (p: IDataObject) => ({ product, ...p });
	const params = Array.isArray(parameters) ? parameters.map(withProduct) : withProduct(parameters);
	const ctx = createContext({
		parameters: params,
		items: options.items ?? (Array.isArray(params) ? params.map(() => ({ json: {} })) : undefined),
		credentials: { serverUrl: options.serverUrl ?? MIROTALK_URL, apiKey: options.apiKey ?? MIROTALK_KEY, product, ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}) },
		credentialType: new MiroTalkApi(),
		continueOnFail: options.continueOnFail,
		nodeType: 'n8n-nodes-video-conferencing.miroTalk',
	});
	const [output] = await new MiroTalk(options.retryPolicy).execute.call(ctx);
	return { output, ctx };
}

