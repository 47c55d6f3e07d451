import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { type RetryPolicy, withRetryPolicy } from '../shared/model/provider';
import { executeMethod } from '../shared/run/execute';
import { dailyListSearch, dailyLoadOptions } from './lists';
import { dailyProperties } from './Daily.description';
import { dailyTransport } from './transport';

export class Daily implements INodeType {
	/**
	 * n8n makes the node with `new Daily()`: its calls are retried as the kernel's defaultRetryPolicy says. A node made
	 * with a policy of its own (a test's, with waits of milliseconds) sends every call with it: runs, pickers, dropdowns.
	 */
	constructor(private readonly retryPolicy?: RetryPolicy) {}

	description: INodeTypeDescription = {
		displayName: 'Daily',
		name: 'daily',
		icon: { light: 'file:../../icons/daily.svg', dark: 'file:../../icons/daily.dark.svg' },
		group: ['transform'],
		// 1.1: Simplify on by default (version 1 keeps the whole answer its saved workflows expect).
		// New nodes get the last version. No defaultVersion: with one, n8n leaves Custom API Call out of Resource and Operation.
		version: [1, 1.1],
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage Daily video rooms, meeting tokens, recordings, live streams, transcripts, meetings, webhooks, phone numbers, dial-in and SIP',
		defaults: {
			name: 'Daily',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'dailyApi',
				required: true,
			},
		],
		// Written by `npm run descriptions` from the resource files; the executor reads the same descriptors.
		properties: dailyProperties,
	};

	private readonly transport = withRetryPolicy(dailyTransport, this.retryPolicy);

	methods = { listSearch: dailyListSearch(this.transport), loadOptions: dailyLoadOptions(this.transport) };

	execute = executeMethod(this.transport, async () => (await import('./resources')).dailyResources);
}

