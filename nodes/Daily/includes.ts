import type { IDataObject } from 'n8n-workflow';
import type { OperationContext } from '../shared/model/descriptor';
import { pathSegment } from '../shared/parameters/fields';
import { cuesToText, parseWebVtt } from '../shared/formats/webvtt';
import { type Inclusion, linkFields } from '../shared/triggers/include';
import { meetingAttendance } from './resources/meeting';
import { recordingFile } from './resources/recording';
import { transcriptText } from './resources/transcript';

/** An ID the event's payload must carry (Daily's event pages name each); a missing one fails the inclusion, naming it. */
function idOf(ctx: OperationContext, event: IDataObject, field: string): string {
	const value = ((event.payload ?? {}) as IDataObject)[field];
	if (typeof value !== 'string' || value === '') throw ctx.error(`The ${String(event.type)} event carries no ${field}`, 'Daily documents the field on this event; nothing was fetched.');
	return value;
}

/**
 * The job's outputs as text: GET /batch-processor/{id}/access-link answers `transcription` (a link per format: txt,
 * srt, vtt, json) and, for summarize jobs, `summary` (txt): docs.daily.co/reference/rest-api/batch-processor/reference/
 * get-job-access-link. 400 while the job is not finished: not ready yet. The txt transcript is the text ("Speaker 0:
 * …" lines, the batch processor page's example), the vtt one the timed segments.
 */
async function jobOutputs(ctx: OperationContext, jobId: string) {
	const { statusCode, body } = await ctx.send({ method: 'GET', path: `/batch-processor/${pathSegment(jobId)}/access-link`, repeatable: true, acceptStatus: [400] });
	const answer = (body ?? {}) as IDataObject;
	if (statusCode === 400) throw ctx.notYet(`Batch processor job ${jobId} is not finished`, String(answer.info ?? answer.error ?? ''));
	const links = (Array.isArray(answer.transcription) ? answer.transcription : []) as IDataObject[];
	const linkOf = (format: string) => links.find((l) => l.format === format)?.link as string | undefined;
	const json: IDataObject = { jobId, preset: answer.preset ?? null };
	const txt = linkOf('txt');
	const vtt = linkOf('vtt');
	const cues = vtt ? parseWebVtt((await ctx.download(vtt)).toString('utf8')) : undefined;
	if (cues) json.segments = cues as unknown as IDataObject[];
	// The txt file is Daily's own text; without one, the cues' lines.
	if (txt) json.transcript = (await ctx.download(txt)).toString('utf8').trim();
	else if (cues) json.transcript = cuesToText(cues);
	const summary = answer.summary as IDataObject | undefined;
	if (typeof summary?.link === 'string') json.summary = (await ctx.download(summary.link)).toString('utf8').trim();
	return json;
}

/**
 * What the Daily Trigger can include (issue 28), each fetched with the action node's own operation. The IDs come
 * from the payloads of Daily's event pages (docs.daily.co/reference/rest-api/webhooks/events/…) and its spec's
 * payload schemas: recording_id, the transcript's id, the job's id, meeting_id.
 */
export const DAILY_INCLUSIONS: Inclusion[] = [
	{
		value: 'recording',
		name: 'Recording (Recording Ready to Download)',
		description: 'A fresh download link and when it expires; the file itself with Include Files',
		events: ['recording.ready-to-download'],
		// Recording → Download's lookup: GET /recordings/{id}, then its access link (404 and unfinished: asked again).
		fetch: async (ctx, event) => {
			const id = idOf(ctx, event, 'recording_id');
			const file = await recordingFile(ctx, id);
			return { json: { ...file.json, id, ...linkFields(file) }, file };
		},
	},
	{
		value: 'transcript',
		name: 'Transcript (Transcript Ready to Download)',
		description: 'The transcript as "Speaker: text" lines and as timed segments; the WebVTT file with Include Files',
		events: ['transcript.ready-to-download'],
		// Transcript → Get Text: the access link, then the WebVTT file.
		fetch: async (ctx, event) => {
			const id = idOf(ctx, event, 'id');
			const { text, cues, ready, vtt } = await transcriptText(ctx, id);
			if (!ready || vtt === undefined) throw ctx.notYet(`Daily gave no link for transcript ${id} yet`);
			return { json: { id, text, segments: cues }, file: { data: Buffer.from(vtt, 'utf8'), fileName: `${id}.vtt`, mimeType: 'text/vtt' } };
		},
	},
	{
		value: 'jobOutputs',
		name: 'Job Outputs (Batch Processor Job Finished)',
		description: 'The job\'s transcript as text and segments, and its summary, from its output links',
		events: ['batch-processor.job-finished'],
		fetch: async (ctx, event) => ({ json: await jobOutputs(ctx, idOf(ctx, event, 'id')) }),
	},
	{
		value: 'attendance',
		name: 'Attendance (Meeting Ended)',
		description: 'Meeting → Get Attendance\'s summary: start, end, attendee count, peak concurrency, and each person',
		events: ['meeting.ended'],
		fetch: async (ctx, event) => ({ json: (await meetingAttendance(ctx, { meetingId: idOf(ctx, event, 'meeting_id'), output: 'summary' })) as IDataObject }),
	},
];
