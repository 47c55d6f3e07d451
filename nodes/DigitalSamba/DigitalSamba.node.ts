import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { executeProviderNode } from '../shared/run/execute';
import { digitalSambaListSearch, digitalSambaLoadOptions } from './lists';
import { digitalSambaProperties } from './DigitalSamba.description';
import { digitalSambaTransport } from './transport';

export class DigitalSamba implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Digital Samba',
		name: 'digitalSamba',
		icon: { light: 'file:../../icons/digitalSamba.svg', dark: 'file:../../icons/digitalSamba.dark.svg' },
		group: ['transform'],
		// 1.1: Simplify on by default (version 1 keeps the whole answer its saved workflows expect).
		// New nodes get the last version. No defaultVersion: with one, n8n leaves Custom API Call out of Resource and Operation.
		version: [1, 1.1],
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage Digital Samba rooms, tokens, chat, Q&A, polls, quizzes, recordings, transcripts, sessions, libraries and webhooks',
		defaults: {
			name: 'Digital Samba',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'digitalSambaApi',
				required: true,
			},
		],
		// Written by `npm run descriptions` from the resource files; the executor reads the same descriptors.
		properties: digitalSambaProperties,
	};

	methods = { listSearch: digitalSambaListSearch, loadOptions: digitalSambaLoadOptions };

	// The resource files are loaded on the first run: n8n loads every node when it starts, and their schemas are most
	// of this node's load time.
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeProviderNode(this, { transport: digitalSambaTransport, resources: (await import('./resources')).digitalSambaResources });
	}
}
