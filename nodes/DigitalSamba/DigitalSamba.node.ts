import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { type RetryPolicy, withRetryPolicy } from '../shared/model/provider';
import { executeMethod } from '../shared/run/execute';
import { digitalSambaListSearch, digitalSambaLoadOptions } from './lists';
import { digitalSambaProperties } from './DigitalSamba.description';
import { digitalSambaTransport } from './transport';

export class DigitalSamba implements INodeType {
	/**
	 * n8n makes the node with `new DigitalSamba()`: its calls are retried as the kernel's defaultRetryPolicy says. A node
	 * made with a policy of its own (a test's, with waits of milliseconds) sends every call with it: runs, pickers,
	 * dropdowns.
	 */
	constructor(private readonly retryPolicy?: RetryPolicy) {}

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

	private readonly transport = withRetryPolicy(digitalSambaTransport, this.retryPolicy);

	methods = { listSearch: digitalSambaListSearch(this.transport), loadOptions: digitalSambaLoadOptions(this.transport) };

	execute = executeMethod(this.transport, async () => (await import('./resources')).digitalSambaResources);
}

