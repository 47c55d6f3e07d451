import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';
import { collection, defined, enc, idField, params } from '../../shared/fields';

const jobId = idField('jobId', 'Job ID', 'The ID of the batch processor job');

const submit = params([
	{ displayName: 'Preset', name: 'preset', type: 'options', default: '', required: true, options: [['transcript', 'Transcript'], ['summarize', 'Summary'], ['soap-notes', 'SOAP Notes'], ['concept', 'Concepts']], description: 'What the job produces' },
	{ displayName: 'Source Type', name: 'sourceType', type: 'options', default: '', required: true, options: [['recordingId', 'Recording ID'], ['uri', 'URL'], ['transcriptionId', 'Transcript ID']], description: 'Where the media or text comes from' },
	{ displayName: 'Source', name: 'source', type: 'string', default: '', required: true, description: 'The recording ID, transcript ID or media URL' },
], [collection('options', 'Options', [
	{ displayName: 'Language', name: 'language', type: 'string', default: '', description: 'Language code of the audio, e.g. en' },
	{ displayName: 'Output Parameters (JSON)', name: 'outParams', type: 'json', default: '', description: 'Where and how to store the result, e.g. {"s3Config": {...}}' },
], 'Add Option')]);

const operations: OperationDescriptor[] = [
	{
		resource: 'batchProcessor', operation: 'submit', name: 'Submit Job', action: 'Submit a batch processor job',
		description: 'Start a post-call job that transcribes or summarises a recording; returns the job ID to poll',
		...submit,
		request: (p) => ({
			method: 'POST',
			path: '/batch-processor',
			body: defined({
				preset: p.preset,
				inParams: defined({ sourceType: p.sourceType, [p.sourceType]: p.source, language: p.options?.language }),
				outParams: p.options?.outParams,
			}),
		}),
	},
	{
		resource: 'batchProcessor', operation: 'get', name: 'Get Job', action: 'Get a batch processor job',
		description: 'Get the status of a batch processor job',
		...params([jobId]),
		request: (p) => ({ method: 'GET', path: `/batch-processor/${enc(p.jobId)}` }),
	},
	{
		resource: 'batchProcessor', operation: 'getAccessLink', name: 'Get Job Output Links', action: 'Get the output links of a job',
		description: 'Get download links for the outputs of a finished job',
		...params([jobId]),
		request: (p) => ({ method: 'GET', path: `/batch-processor/${enc(p.jobId)}/access-link` }),
	},
	{
		resource: 'batchProcessor', operation: 'delete', name: 'Delete Job', action: 'Delete a batch processor job',
		description: 'Delete a job and its outputs',
		...params([jobId]),
		request: (p) => ({ method: 'DELETE', path: `/batch-processor/${enc(p.jobId)}` }),
		output: (body, p) => ({ deleted: true, id: p.jobId, ...(body && typeof body === 'object' ? body : {}) }),
	},
];

export const batchProcessor: ResourceDescriptor = { value: 'batchProcessor', name: 'Batch Processor', operations };
