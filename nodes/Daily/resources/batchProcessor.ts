import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';
import { booleanValue, jsonObject, jsonValue } from '../../shared/formats/parse';
import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, idField, params, pick } from '../../shared/parameters/fields';
import { collectionWithRows, type RowsAlternative } from '../../shared/parameters/structured';
import { dailyCursor, parsedJson } from '../fields';
import { endpointing, redactSetting } from './transcription';

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

/*
 * transformParams (submit-job page, "Transform configuration (transformParams)" and "Transcription configuration
 * (transformParams.transcript)": https://docs.daily.co/reference/rest-api/batch-processor/reference/submit-job):
 * `{"transcript": {...}}`, whose keys are Deepgram's language, model, tier (deprecated), profanity_filter, punctuate,
 * endpointing, redact and extra (more Deepgram parameters). "Currently only the transcript preset supports these
 * transform configuration options." A language given here wins over inParams.language (same page).
 */
const optionalFlag = booleanValue.optional();

const transcriptSettings = z
	.object({
		language: z.string().optional(),
		model: z.string().optional(),
		tier: z.string().optional(),
		profanity_filter: optionalFlag,
		punctuate: optionalFlag,
		endpointing: endpointing.optional(),
		redact: redactSetting.optional(),
		extra: jsonObject.optional(),
	}, { invalid_type_error: 'must be a JSON object of Deepgram settings' })
	.strict();

const transformParams = jsonValue.pipe(
	z.object({ transcript: transcriptSettings.optional() }, { invalid_type_error: 'must be a JSON object, e.g. {"transcript": {"model": "nova-2"}}' }).strict(),
);

/** The transcript settings as fields (one set), the same object as the JSON: `{transcript: {...}}`. */
const transcriptSettingsRows: RowsAlternative = {
	json: 'transformParams',
	rows: {
		name: 'transcriptSettingsUi', displayName: 'Transcript Settings', item: 'transcript', itemDisplayName: 'Transcript Settings', single: true,
		description: 'Deepgram settings of a transcript job (transformParams.transcript); only the Transcript preset takes them', placeholder: 'Set Transcript Settings',
		fields: [
			{ displayName: 'Language', name: 'language', type: 'string', default: '', description: 'Deepgram language, e.g. fr; wins over the Language option above' },
			{ displayName: 'Model', name: 'model', type: 'string', default: '', description: 'Deepgram model, e.g. nova-2' },
			{ displayName: 'Tier', name: 'tier', type: 'string', default: '', description: 'Deprecated by Daily: use Model' },
			{ displayName: 'Profanity Filter', name: 'profanity_filter', type: 'optionalBoolean', default: '', description: 'Whether profanity is masked (Deepgram profanity_filter)' },
			{ displayName: 'Punctuate', name: 'punctuate', type: 'optionalBoolean', default: '', description: 'Whether punctuation is added (Deepgram punctuate)' },
			{ displayName: 'Endpointing (Ms)', name: 'endpointing', type: 'string', default: '', description: 'Silence in milliseconds that ends an utterance, or false to turn endpointing off' },
			{ displayName: 'Redact (JSON)', name: 'redact', type: 'json', default: '', description: 'True to redact everything, or a list such as ["pci", "ssn", "numbers"]' },
			{ displayName: 'Extra (JSON)', name: 'extra', type: 'json', default: '', description: 'More Deepgram parameters as an object' },
		],
	},
	toValue: ([row = {}], invalid) => {
		const settings: IDataObject = { ...row };
		for (const [key, label] of [['redact', 'Redact (JSON)'], ['extra', 'Extra (JSON)']] as const) {
			if (settings[key] !== undefined) settings[key] = parsedJson(settings[key], label, invalid) as IDataObject;
		}
		return { transcript: settings };
	},
};

const submit = params([
	// Defaults among the options, as n8n's lint and package scanner require of a dropdown (they were '' until
	// December 2026: a node saved without a choice was refused before sending, and now submits a Transcript job).
	{ displayName: 'Preset', name: 'preset', type: 'options', default: 'transcript', required: true, options: BATCH_PRESETS, description: 'What the job produces' },
	{ displayName: 'Source Type', name: 'sourceType', type: 'options', default: 'recordingId', required: true, options: BATCH_SOURCE_TYPES, description: 'Where the media or text comes from' },
	{ displayName: 'Source', name: 'source', type: 'string', default: '', required: true, description: 'The recording ID, or the URL of the media file or of the transcript' },
	// Required by Daily (submit-job page: outParams "Required? Yes"). Workflows saved with it under Options keep it there.
	{ displayName: 'Output Parameters (JSON)', name: 'outParams', type: 'json', default: '', description: 'How the output is stored (required by Daily), e.g. {"s3Config": {"s3KeyTemplate": "my-output"}}; leave empty only if set under Options', zod: jsonValue },
], [collectionWithRows(collection('options', 'Options', [
	{ displayName: 'Language', name: 'language', type: 'string', default: '', description: 'Language code of the audio, e.g. en' },
	{ displayName: 'Output Parameters (JSON)', name: 'outParams', type: 'json', default: '', description: 'Where and how to store the result (as the field above; kept for workflows that set it here)' },
	{ displayName: 'Transform Parameters (JSON)', name: 'transformParams', type: 'json', default: '', zod: transformParams, description: 'Deepgram settings of a transcript job, e.g. {"transcript": {"model": "nova-2", "punctuate": true}}; only the Transcript preset takes them' },
], 'Add Option'), [transcriptSettingsRows])]);

const submitSchema = submit.schema
	.transform((p) => ({ ...p, outParams: isEmpty(p.outParams) ? p.options?.outParams : p.outParams }))
	.superRefine((p, ctx) => {
		const checked = outParams.safeParse(p.outParams ?? '');
		if (!checked.success) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['outParams'], message: isEmpty(p.outParams) ? 'is required by Daily: say how the output is stored, e.g. {"s3Config": {"s3KeyTemplate": "my-output"}}' : checked.error.issues[0].message });
		// The submit-job page: "Currently only the transcript preset supports these transform configuration options."
		if (!isEmpty(p.options?.transformParams) && p.preset !== 'transcript') {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['options', 'transformParams'], message: `(or Transcript Settings) apply to the Transcript preset only, not '${p.preset}'` });
		}
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
		repeatable: false,
		request: (p) => ({
			method: 'POST',
			path: '/batch-processor',
			body: defined({
				preset: p.preset,
				inParams: defined({ sourceType: p.sourceType, [p.sourceType === 'recordingId' ? 'recordingId' : 'uri']: p.source, language: p.options?.language }),
				outParams: p.outParams as IDataObject,
				transformParams: isEmpty(p.options?.transformParams) ? undefined : (p.options?.transformParams as IDataObject),
			}),
		}),
	}),
	operation({
		resource: 'batchProcessor', operation: 'getAll', name: 'Get Many', action: 'Get many batch processor jobs',
		simplify: pick('id', 'preset', 'status', 'error'),
		description: 'List the jobs submitted to the batch processor, newest first, optionally of one recording',
		...list,
		repeatable: true,
		// The list-jobs page: "the same pagination and filtering options as other endpoints" (limit, starting_after).
		request: (p) => ({ method: 'GET', path: '/batch-processor', qs: defined(p.filters) }),
		paginate: dailyCursor(),
	}),
	operation({
		resource: 'batchProcessor', operation: 'get', name: 'Get Job', action: 'Get a batch processor job',
		description: 'Get the status of a batch processor job',
		...params([jobId]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/batch-processor/${pathSegment(p.jobId)}` }),
	}),
	operation({
		resource: 'batchProcessor', operation: 'getAccessLink', name: 'Get Job Output Links', action: 'Get the output links of a job',
		description: 'Get download links for the outputs of a finished job',
		...params([jobId]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/batch-processor/${pathSegment(p.jobId)}/access-link` }),
	}),
	operation({
		resource: 'batchProcessor', operation: 'delete', name: 'Delete Job', action: 'Delete a batch processor job',
		description: 'Delete a job and its outputs',
		...params([jobId]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/batch-processor/${pathSegment(p.jobId)}` }),
		output: (body, p) => ({ deleted: true, id: p.jobId, ...(body && typeof body === 'object' ? body : {}) }),
	}),
];

export const batchProcessor: ResourceDescriptor = { value: 'batchProcessor', name: 'Batch Processor', operations };
