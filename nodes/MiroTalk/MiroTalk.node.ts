import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { type RetryPolicy, withRetryPolicy } from '../shared/model/provider';
import { executeProviderNode } from '../shared/run/execute';
import { publicRoot } from './links';
import { miroTalkListSearch } from './lists';
import { miroTalkProperties } from './MiroTalk.description';
import { isHttpUrl, miroTalkTransport, PRODUCT_LABEL, PRODUCTS, type Product } from './transport';

export class MiroTalk implements INodeType {
	/**
	 * n8n makes the node with `new MiroTalk()`: its calls are retried as the kernel's defaultRetryPolicy says. A node
	 * made with a policy of its own (a test's, with waits of milliseconds) sends every run's calls with it.
	 */
	constructor(private readonly retryPolicy?: RetryPolicy) {}

	description: INodeTypeDescription = {
		displayName: 'MiroTalk',
		name: 'miroTalk',
		icon: { light: 'file:../../icons/miroTalk.svg', dark: 'file:../../icons/miroTalk.dark.svg' },
		group: ['transform'],
		// 1.1: Token → Create's Expires In is empty by default (the server's default applies); version 1 keeps 1h.
		// No defaultVersion: with one, n8n leaves Custom API Call out of Resource and Operation.
		version: [1, 1.1],
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create meetings, join links and tokens, list active meetings and read stats on a self-hosted MiroTalk SFU, P2P, C2C or BRO server',
		defaults: {
			name: 'MiroTalk',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'miroTalkApi',
				required: true,
			},
		],
		// Written by `npm run descriptions` from the resource files (Product first); the executor reads the same descriptors.
		properties: miroTalkProperties,
	};

	methods = { listSearch: miroTalkListSearch };

	execute = runs(this.retryPolicy);
}

/** The node's execute method (n8n calls it with the run's context as `this`), its calls retried as `retryPolicy` says. */
function runs(retryPolicy?: RetryPolicy) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const product = this.getNodeParameter('product', 0) as Product;
		if (!PRODUCTS.includes(product)) {
			throw new NodeOperationError(this.getNode(), `Invalid parameter Product (product): must be one of ${PRODUCTS.map((p) => `'${p}'`).join(', ')}`);
		}
		const credentials = (await this.getCredentials('miroTalkApi')) as IDataObject;
		if (credentials.product !== product) {
			const theirs = PRODUCTS.includes(credentials.product as Product) ? PRODUCT_LABEL[credentials.product as Product] : String(credentials.product);
			throw new NodeOperationError(
				this.getNode(),
				`Product mismatch: the node is set to ${PRODUCT_LABEL[product]} but its credential is for ${theirs}`,
				{ description: 'Choose the same product in the node\'s Product parameter and in the MiroTalk credential; each product offers different operations.' },
			);
		}
		if (!isHttpUrl(credentials.serverUrl)) {
			throw new NodeOperationError(
				this.getNode(),
				'Invalid credential field Server URL (serverUrl): must be an http(s) URL such as https://sfu.example.com',
			);
		}
		const root = publicRoot(credentials.publicUrl);
		if (root && !isHttpUrl(root)) {
			throw new NodeOperationError(
				this.getNode(),
				'Invalid credential field Public URL (publicUrl): must be empty or an http(s) URL such as https://meet.example.com',
			);
		}
		// The resource files are loaded on the first run: n8n loads every node when it starts, and their schemas are most
		// of this node's load time.
		const { endpointFor, resourcesFor } = await import('./resources');
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		return await executeProviderNode(this, {
			transport: withRetryPolicy(miroTalkTransport(product, endpointFor(product, resource, operation)), retryPolicy),
			// Each operation as the product has it; those whose answer holds links put them on the Public URL.
			resources: resourcesFor(product, root),
		});
	};
}
