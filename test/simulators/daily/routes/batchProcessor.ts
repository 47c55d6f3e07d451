import { cursorPage, invalid, newId, notFound, ok, type Ctx, type RouteTable } from '../context';
import { textFileLink, transcriptVtt } from './media';

/**
 * The batch processor (overlay; https://docs.daily.co/reference/rest-api/batch-processor/reference/submit-job and
 * its sibling pages). A job is `finished` at once, with one transcript per format (and a summary for `summarize`).
 */
/** A job's output file: its transcript (txt or vtt) of BATCH_EXCHANGE, or its summary. */
export function batchOutput(jobId: string, format: string, summary: boolean): string {
	if (summary) return `Summary of job ${jobId}: the team agreed to ship the release on Thursday.`;
	if (format === 'vtt') return transcriptVtt(BATCH_EXCHANGE);
	if (format === 'txt') return BATCH_EXCHANGE.map(([speaker, words]) => `${speaker}: ${words}`).join('\n');
	return format === 'json' ? JSON.stringify({ speakers: BATCH_EXCHANGE }) : '';
}

export const BATCH_EXCHANGE: Array<[string, string]> = [
	['Speaker 0', 'Good afternoon, thanks for joining.'],
	['Speaker 1', 'Happy to. Where do we stand on the release?'],
];

const find = (ctx: Ctx) => ctx.state.batchJobs.find((j) => j.id === ctx.params.id);
const view = ({ created: _created, ...job }: Ctx['state']['batchJobs'][number]) => job;

export const batchProcessorRoutes: RouteTable = {
	// SubmitBatchProcessorJob: the source the sourceType names must be given; a recordingId must exist.
	'POST /batch-processor': ({ state, body }) => {
		const input = body.inParams;
		if ((input.sourceType === 'uri' || input.sourceType === 'transcriptUri') && !input.uri) return invalid(`inParams.uri is required for sourceType ${input.sourceType}`);
		if (input.sourceType === 'recordingId') {
			if (!input.recordingId) return invalid('inParams.recordingId is required for sourceType recordingId');
			if (!state.recordings.some((r) => r.id === input.recordingId)) return notFound(`recording ${input.recordingId}`);
		}
		const id = newId();
		const formats = ['json', 'srt', 'txt', 'vtt'];
		const output: Record<string, unknown> = {
			transcription: formats.map((format) => ({ format, s3Config: { key: `${state.domain}/${id}/transcript/output.${format}`, bucket: 'daily-co-batch-processor', region: 'us-west-2' } })),
		};
		if (body.preset === 'summarize') output.summary = { format: 'txt', s3Config: { key: `${state.domain}/${id}/summary.txt`, bucket: 'daily-co-batch-processor', region: 'us-west-2' } };
		if (body.preset === 'soap-notes') output.soap = { format: 'json', s3Config: { key: `${state.domain}/${id}/soap.json`, bucket: 'daily-co-batch-processor', region: 'us-west-2' } };
		const { language: _language, ...source } = input;
		state.batchJobs.unshift({ id, preset: body.preset, status: 'finished', input: source, output, created: Date.now() });
		return ok({ id });
	},
	// ListBatchProcessorJobs: cursor paging, recordingId filter; entries {id, preset, status}.
	'GET /batch-processor': ({ state, query }) => {
		const recordingId = query.get('recordingId');
		const all = state.batchJobs.filter((j) => !recordingId || j.input.recordingId === recordingId);
		const page = cursorPage(all, query, (j) => j.id);
		return ok({ ...page, data: page.data.map((j) => ({ id: j.id, preset: j.preset, status: j.status })) });
	},
	// GetBatchProcessorJob
	'GET /batch-processor/{id}': (ctx) => {
		const job = find(ctx);
		return job ? ok(view(job)) : notFound(`batch processor job ${ctx.params.id}`);
	},
	// GetBatchProcessorJobAccessLink: 404 unknown, 400 unless finished.
	'GET /batch-processor/{id}/access-link': (ctx) => {
		const job = find(ctx);
		if (!job) return notFound(`batch processor job ${ctx.params.id}`);
		if (job.status !== 'finished') return invalid(`job ${job.id} is ${job.status}, not finished`);
		// Each link serves the output from this simulator: a transcript in the batch processor page's forms (txt
		// "Speaker 0: …" lines; vtt), a summary as text.
		const link = (entry: any) => ({ format: entry.format, link: textFileLink(ctx.state, batchOutput(job.id, entry.format, entry.s3Config.key.endsWith('summary.txt')), entry.format === 'vtt' ? 'text/vtt' : 'text/plain') });
		const out = job.output as any;
		return ok({
			id: job.id, preset: job.preset, status: job.status, transcription: (out.transcription ?? []).map(link),
			...(out.summary ? { summary: link(out.summary) } : {}), ...(out.soap ? { soap: link(out.soap) } : {}),
		});
	},
	// DeleteBatchProcessorJob: "the API response is the same as Get job status".
	'DELETE /batch-processor/{id}': (ctx) => {
		const job = find(ctx);
		if (!job) return notFound(`batch processor job ${ctx.params.id}`);
		ctx.state.batchJobs.splice(ctx.state.batchJobs.indexOf(job), 1);
		return ok(view(job));
	},
};
