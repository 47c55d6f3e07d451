import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { executeProviderNode } from '../shared/run/execute';
import { dailyListSearch, dailyLoadOptions } from './lists';
import { dailyProperties } from './Daily.description';
import { dailyTransport } from './transport';

export class Daily implements INodeType {
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

	methods = { listSearch: dailyListSearch, loadOptions: dailyLoadOptions };

	// The resource files are loaded on the first run: n8n loads every node when it starts, and their schemas are most
	// of this node's load time.
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeProviderNode(this, { transport: dailyTransport, resources: (await import('./resources')).dailyResources });
	}
}
