import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';
import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/descriptor';
import { collection, defined, enc, idField, jsonValue, params, pick } from '../../shared/fields';
import { dailyCursor } from '../fields';

/*
 * Daily's batch processor is not in its OpenAPI spec; the oracle is its docs pages:
 * https://docs.daily.co/reference/rest-api/batch-processor/reference/submit-job and .../list-jobs.
 */

const jobId = idField('jobId', 'Job ID', 'The ID of the batch processor job', 'searchBatchJobs');

/** Presets the submit-job page names: transcript and summarize, and soap-notes where that page names it too. */
export const BATCH_PRESETS: Array<[string, string]> = [['transcript', 'Transcript'], ['summarize', 'Summary'], ['soap-notes', 'SOAP Notes']];

/**
 * The input's `sourceType`. A recording ID goes in `inParams.recordingId`; a media or transcript URL in `inParams.uri`
 * (the spec's batch-processor job events: "if uri or transcriptUri sourceType, this field represents the uri"; the
 * overlay's submit-job inParams has no transcriptUri key).
 */
export const BATCH_SOURCE_TYPES: Array<[string, string]> = [['recordingId', 'Recording ID'], ['uri', 'Media URL'], ['transcriptUri', 'Transcript URL']];

const outParams = jsonValue.pipe(
	z.record(z.unknown(), { invalid_type_error: 'must be a JSON object' }).refine((v) => Object.keys(v).length > 0, 'must say how the output is stored, e.g. {"s3Config": {"s3KeyTemplate": "my-output"}}'),
);

const submit = params([
	{ displayName: 'Preset', name: 'preset', type: 'options', default: '', required: true, options: BATCH_PRESETS, description: 'What the job produces' },
	{ displayName: 'Source Type', name: 'sourceType', type: 'options', default: '', required: true, options: BATCH_SOURCE_TYPES, description: 'Where the media or text comes from' },
	{ displayName: 'Source', name: 'source', type: 'string', default: '', required: true, description: 'The recording ID, or the URL of the media file or of the transcript' },
	// Required by Daily (submit-job page: outParams "Required? Yes"). Workflows saved with it under Options keep it there.
	{ displayName: 'Output Parameters (JSON)', name: 'outParams', type: 'json', default: '', description: 'How the output is stored (required by Daily), e.g. {"s3Config": {"s3KeyTemplate": "my-output"}}; leave empty only if set under Options', zod: jsonValue },
], [collection('options', 'Options', [
	{ displayName: 'Language', name: 'language', type: 'string', default: '', description: 'Language code of the audio, e.g. en' },
	{ displayName: 'Output Parameters (JSON)', name: 'outParams', type: 'json', default: '', description: 'Where and how to store the result (as the field above; kept for workflows that set it here)' },
], 'Add Option')]);

const submitSchema = submit.schema
	.transform((p) => ({ ...p, outParams: isEmpty(p.outParams) ? p.options?.outParams : p.outParams }))
	.superRefine((p, ctx) => {
		const checked = outParams.safeParse(p.outParams ?? '');
		if (!checked.success) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['outParams'], message: isEmpty(p.outParams) ? 'is required by Daily: say how the output is stored, e.g. {"s3Config": {"s3KeyTemplate": "my-output"}}' : checked.error.issues[0].message });
	});

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '' || (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0);
}

const list = params([], [collection('filters', 'Filters', [
	{ displayName: 'Recording ID', name: 'recordingId', type: 'string', default: '', description: 'Only jobs of this recording' },
], 'Add Filter')]);

const operations: OperationDescriptor[] = [
	operation({
		resource: 'batchProcessor', operation: 'submit', name: 'Submit Job', action: 'Submit a batch processor job',
		description: 'Start a post-call job that transcribes or summarises a recording, a media URL or a transcript; returns the job ID to poll',
		properties: submit.properties,
		schema: submitSchema,
		request: (p) => ({
			method: 'POST',
			path: '/batch-processor',
			body: defined({
				preset: p.preset,
				inParams: defined({ sourceType: p.sourceType, [p.sourceType === 'recordingId' ? 'recordingId' : 'uri']: p.source, language: p.options?.language }),
				outParams: p.outParams as IDataObject,
			}),
		}),
	}),
	operation({
		resource: 'batchProcessor', operation: 'getAll', name: 'Get Many', action: 'Get many batch processor jobs',
		simplify: pick('id', 'preset', 'status', 'error'),
		description: 'List the jobs submitted to the batch processor, newest first, optionally of one recording',
		...list,
		// The list-jobs page: "the same pagination and filtering options as other endpoints" (limit, starting_after).
		request: (p) => ({ method: 'GET', path: '/batch-processor', qs: defined(p.filters) }),
		paginate: dailyCursor(),
	}),
	operation({
		resource: 'batchProcessor', operation: 'get', name: 'Get Job', action: 'Get a batch processor job',
		description: 'Get the status of a batch processor job',
		...params([jobId]),
		request: (p) => ({ method: 'GET', path: `/batch-processor/${enc(p.jobId)}` }),
	}),
	operation({
		resource: 'batchProcessor', operation: 'getAccessLink', name: 'Get Job Output Links', action: 'Get the output links of a job',
		description: 'Get download links for the outputs of a finished job',
		...params([jobId]),
		request: (p) => ({ method: 'GET', path: `/batch-processor/${enc(p.jobId)}/access-link` }),
	}),
	operation({
		resource: 'batchProcessor', operation: 'delete', name: 'Delete Job', action: 'Delete a batch processor job',
		description: 'Delete a job and its outputs',
		...params([jobId]),
		request: (p) => ({ method: 'DELETE', path: `/batch-processor/${enc(p.jobId)}` }),
		output: (body, p) => ({ deleted: true, id: p.jobId, ...(body && typeof body === 'object' ? body : {}) }),
	}),
];

export const batchProcessor: ResourceDescriptor = { value: 'batchProcessor', name: 'Batch Processor', operations };
