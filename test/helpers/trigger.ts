import type { ICredentialType, IDataObject, IHookFunctions, IHttpRequestOptions, INode, IWebhookFunctions } from 'n8n-workflow';
import { authenticatedRequest, inMemoryBinary } from './context';
// n8n's own request implementation, as in ./context.
import { httpRequest } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';

export interface TriggerEnv {
	parameters: IDataObject;
	staticData: IDataObject;
	credentials: IDataObject;
	credentialType: ICredentialType;
	webhookUrl: string;
	node?: Partial<INode>;
	/** What n8n's getMode() answers in the hooks and deliveries: 'manual' while the editor listens for a test event. */
	mode?: 'trigger' | 'webhook' | 'manual';
}

function makeNode(env: TriggerEnv): INode {
	return {
		id: 'trigger-node',
		name: 'Trigger',
		type: 'n8n-nodes-video-conferencing.trigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: env.parameters as INode['parameters'],
		webhookId: 'b1e6a7c2-3f4d-4e5a-9b8c-7d6e5f4a3b2c',
		...env.node,
	};
}

function parameterReader(env: TriggerEnv) {
	return function getNodeParameter(name: string, fallback?: unknown) {
		const value = env.parameters[name];
		if (value === undefined) {
			if (arguments.length >= 2) return fallback;
			throw new Error(`Could not get parameter "${name}"`);
		}
		return value;
	};
}

/** A stand-in for n8n's hook context (checkExists/create/delete), with real HTTP through n8n-core. */
export function hookContext(env: TriggerEnv): IHookFunctions & { requests: IHttpRequestOptions[] } {
	const node = makeNode(env);
	const requests: IHttpRequestOptions[] = [];
	return {
		requests,
		getNode: () => node,
		getNodeParameter: parameterReader(env),
		getWorkflowStaticData: () => env.staticData,
		getNodeWebhookUrl: () => env.webhookUrl,
		getMode: () => env.mode ?? 'trigger',
		getWorkflow: () => ({ id: 'workflow-1', name: 'Test Workflow', active: true }),
		getCredentials: async () => env.credentials,
		helpers: { httpRequestWithAuthentication: authenticatedRequest(env.credentialType, env.credentials, node, requests) },
	} as unknown as IHookFunctions & { requests: IHttpRequestOptions[] };
}

export interface Delivery {
	body: string | Buffer;
	headers?: Record<string, string>;
	query?: IDataObject;
	path?: string;
}

export interface WebhookOutcome {
	status?: number;
	json?: unknown;
	/** The items of the run the delivery started, if it started one. */
	run?: IDataObject[];
	/** The binary data of the run's items, where they have any (data base64, fileName, mimeType, fileSize). */
	binary?: Array<Record<string, IDataObject> | undefined>;
	noWebhookResponse?: boolean;
	/** How many provider calls (API and links) had been sent when the delivery was answered. */
	callsBeforeAnswer?: number;
	/** The provider calls the delivery made (API calls with the credential, and links without). */
	calls: IHttpRequestOptions[];
}

const workflowIds = new WeakMap<IDataObject, string>();
/** A workflow id per static data object, so that two test nodes never share replay memory. */
function workflowIdFor(staticData: IDataObject): string {
	if (!workflowIds.has(staticData)) workflowIds.set(staticData, `workflow-${Math.random().toString(36).slice(2)}`);
	return workflowIds.get(staticData) as string;
}

/** Calls a trigger's webhook() with one delivery, as n8n would, and reports what it answered and started. */
export async function deliver(
	trigger: { webhook(this: IWebhookFunctions): Promise<any> },
	env: Omit<TriggerEnv, 'credentials' | 'credentialType'> & Partial<Pick<TriggerEnv, 'credentials' | 'credentialType'>>,
	delivery: Delivery,
): Promise<WebhookOutcome> {
	const node = makeNode(env as TriggerEnv);
	const raw = Buffer.isBuffer(delivery.body) ? delivery.body : Buffer.from(delivery.body);
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw.toString());
	} catch {
		parsed = {};
	}
	// Providers send JSON; a delivery states otherwise only where a test says so.
	const headers = Object.fromEntries(Object.entries({ 'content-type': 'application/json', ...delivery.headers }).map(([k, v]) => [k.toLowerCase(), v]));
	const calls: IHttpRequestOptions[] = [];
	const outcome: WebhookOutcome = { calls };
	const res = {
		status(code: number) {
			outcome.status = code;
			return res;
		},
		json(body: unknown) {
			outcome.json = body;
			outcome.callsBeforeAnswer = calls.length;
			return res;
		},
		end() {
			return res;
		},
	};
	const ctx = {
		getNode: () => node,
		getNodeParameter: parameterReader(env as TriggerEnv),
		getWorkflowStaticData: () => env.staticData,
		getNodeWebhookUrl: () => env.webhookUrl,
		// Each test's static data stands for its own trigger: the process-wide replay memory is scoped by it.
		getWorkflow: () => ({ id: workflowIdFor(env.staticData), name: 'Test Workflow', active: true }),
		getHeaderData: () => headers,
		getBodyData: () => parsed,
		getQueryData: () => delivery.query ?? {},
		getRequestObject: () => ({ rawBody: raw, body: parsed, headers, query: delivery.query ?? {}, path: delivery.path ?? new URL(env.webhookUrl).pathname }),
		getResponseObject: () => res,
		getCredentials: async () => env.credentials,
		// 'manual' while the editor listens for a test event (a /webhook-test/ delivery), else a production run.
		getMode: () => env.mode ?? 'webhook',
		helpers: {
			returnJsonArray: (items: IDataObject[]) => items.map((json) => ({ json })),
			...(env.credentialType ? { httpRequestWithAuthentication: authenticatedRequest(env.credentialType, env.credentials ?? {}, node, calls) } : {}),
			async httpRequest(request: IHttpRequestOptions) {
				calls.push(request);
				return await httpRequest({ ...request });
			},
			prepareBinaryData: inMemoryBinary,
		},
	} as unknown as IWebhookFunctions;
	const result = await trigger.webhook.call(ctx);
	outcome.noWebhookResponse = result.noWebhookResponse;
	const items = result.workflowData ? (result.workflowData[0] as Array<{ json: IDataObject; binary?: Record<string, IDataObject> }>) : undefined;
	outcome.run = items?.map((i) => i.json);
	outcome.binary = items?.map((i) => i.binary);
	return outcome;
}
