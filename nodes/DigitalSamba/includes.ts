import type { IDataObject } from 'n8n-workflow';
import type { OperationContext } from '../shared/model/descriptor';
import { firstText, objectOf } from '../shared/triggers/normalized';
import { type Inclusion, linkFields } from '../shared/triggers/include';
import { itemsOf } from '../shared/http/paginate';
import { digitalSambaNormalizedParts } from './events';
import { getRecording, recordingFile } from './resources/recording';
import { sessionAttendance } from './resources/session';
import { getSummary } from './resources/summary';
import { exportSessionTranscript, sessionTranscript } from './resources/transcript';

/*
 * Where the IDs are: UNVERIFIED. Digital Samba documents no payload fields for these four events. What was found:
 * - docs.digitalsamba.com/reference/rest-api/webhooks/payload-structure: every delivery is
 *   `{eventType, sessionId, roomId, timestamp, data}`, data "concrete details about the event" (its only example is
 *   participant_joined). So `sessionId` is documented for every event, in camel case, beside the event type.
 * - Digital Samba's own MCP client (github.com/digitalsamba/embedded-api-mcp-server, src/webhooks/webhook-service.ts,
 *   createNotificationForEvent) reads a recording event's recording as `data.id` (with `data.session_id`,
 *   `data.room_id`) and a session event's session as `data.id`; weak evidence, since it is written for dotted event
 *   names and an HMAC header Digital Samba does not send.
 * - Its skill's example handlers (github.com/digitalsamba/digital-samba-skill): v1.0 (examples/node/webhook-handler.js
 *   and examples/python/webhook_handler.py, commit 7899801) reads `data.recording_id` when a recording is ready and
 *   `data.session_id` when a transcript is; v1.2.1's Python handler (rewritten for the snake-case names) reads
 *   `data.session_id` on session_transcript_ready and only `data.room_id` on recording_ready ("fetch the download link
 *   via GET /api/v1/recordings/{id}/download").
 * Every form is read, the documented envelope first. A recording_ready that names no recording but a session finds
 * the session's newest READY recording (Recording → Get Many, filtered by session_id and status).
 */

/** The fields looked for, named in the error when none holds an ID. */
const SESSION_FIELDS = ['sessionId', 'session_id', 'data.session_id', 'data.sessionId'];
const RECORDING_FIELDS = ['data.recording_id', 'data.recordingId', 'data.recording.id', 'recordingId', 'recording_id', 'data.id'];

/** The session an event is about: the envelope's sessionId (docs), the snake-case forms, and data.id on session events. */
function sessionIdOf(eventType: string, event: IDataObject): string | null {
	const data = objectOf(event.data);
	return firstText(digitalSambaNormalizedParts(eventType, event).sessionId, eventType === 'session_ended' ? data.id : undefined);
}

function requireSession(ctx: OperationContext, eventType: string, event: IDataObject): string {
	const id = sessionIdOf(eventType, event);
	if (id) return id;
	const fields = [...SESSION_FIELDS, ...(eventType === 'session_ended' ? ['data.id'] : [])];
	throw ctx.error(
		`The ${eventType} event carries no session ID (looked for ${fields.join(', ')})`,
		'Digital Samba documents sessionId on every delivery (webhooks/payload-structure); nothing was fetched.',
	);
}

/** The recording a recording_ready event names, in any of the forms seen (see above). */
function recordingIdOf(event: IDataObject): string | null {
	const data = objectOf(event.data);
	return firstText(data.recording_id, data.recordingId, objectOf(data.recording).id, event.recordingId, event.recording_id, data.id);
}

/**
 * The recording a recording_ready event is about: the one it names, else the newest READY recording of its session
 * (GET /recordings?session_id=…&status=READY, newest first: Recording → Get Many's call). None READY yet: not ready.
 */
async function recordingOf(ctx: OperationContext, event: IDataObject): Promise<{ id: string; foundBy: 'event' | 'session' }> {
	const named = recordingIdOf(event);
	if (named) return { id: named, foundBy: 'event' };
	const sessionId = sessionIdOf('recording_ready', event);
	if (!sessionId) {
		throw ctx.error(
			`The recording_ready event carries no recording ID and no session ID (looked for ${[...RECORDING_FIELDS, ...SESSION_FIELDS].join(', ')})`,
			'Digital Samba documents no payload for recording_ready; nothing was fetched.',
		);
	}
	const { body } = await ctx.send({ method: 'GET', path: '/recordings', qs: { session_id: sessionId, status: 'READY', limit: 1 }, repeatable: true });
	const id = firstText(itemsOf(body, 'data')[0]?.id);
	if (!id) throw ctx.notYet(`Session ${sessionId} has no READY recording yet`, 'The recording_ready event names no recording: the newest READY recording of its session is taken.');
	return { id, foundBy: 'session' };
}

/**
 * What the Digital Samba Trigger can include (issue 28), each fetched with the action node's own operations
 * (resources/*.ts): Recording → Get and Download, Transcript → Get Many for Session and Export for Session,
 * Summary → Get, Session → Get Attendance.
 */
export const DIGITAL_SAMBA_INCLUSIONS: Inclusion[] = [
	{
		value: 'recording',
		name: 'Recording (Recording Ready)',
		description: 'A fresh download link and when it expires; the file itself with Include Files',
		events: ['recording_ready'],
		fetch: async (ctx, event) => {
			const { id, foundBy } = await recordingOf(ctx, event);
			// GET /recordings/{id}: its status. Announced before its conversion ends: asked again until READY.
			const recording = await getRecording(ctx, id);
			if (typeof recording.status === 'string' && recording.status !== 'READY') {
				throw ctx.notYet(`Recording ${id} is ${recording.status}; only READY recordings can be downloaded`);
			}
			// GET /recordings/{id}/download → {link, valid_until}; no link yet: asked again.
			const file = await recordingFile(ctx, id);
			const json: IDataObject = { ...recording, id, ...linkFields(file), ...(foundBy === 'session' ? { foundBy } : {}) };
			return { json, file };
		},
	},
	{
		value: 'transcript',
		name: 'Transcript (Session Transcript Ready)',
		description: 'The transcript as "Speaker: text" lines and as timed segments; the text export with Include Files',
		events: ['session_transcript_ready'],
		fetch: async (ctx, event, { files }) => {
			const sessionId = requireSession(ctx, 'session_transcript_ready', event);
			// GET /sessions/{id}/transcripts (every page, oldest first): the rows give speakers and times.
			const { text, segments } = await sessionTranscript(ctx, sessionId);
			if (!segments.length) throw ctx.notYet(`Digital Samba lists no transcript lines for session ${sessionId} yet`);
			const json = { sessionId, text, segments: segments as unknown as IDataObject[] };
			if (!files) return { json };
			// GET /sessions/{id}/transcripts/export?format=txt: the file Digital Samba itself writes (a few KB).
			return { json, file: await exportSessionTranscript(ctx, sessionId, 'txt') };
		},
	},
	{
		value: 'summary',
		name: 'Summary (Session Summary Ready)',
		description: 'The session\'s AI summary text, as Summary → Get gives it',
		events: ['session_summary_ready'],
		fetch: async (ctx, event) => {
			const sessionId = requireSession(ctx, 'session_summary_ready', event);
			// GET /sessions/{id}/summary → {job_id, status, summary}: IN_PROGRESS is asked again.
			const answer = await getSummary(ctx, { sessionId });
			if (answer.status === 'IN_PROGRESS') throw ctx.notYet(`The summary of session ${sessionId} is still IN_PROGRESS`);
			return { json: { sessionId, jobId: answer.job_id ?? null, status: answer.status ?? null, summary: answer.summary ?? '' } };
		},
	},
	{
		value: 'attendance',
		name: 'Attendance (Session Ended)',
		description: 'Session → Get Attendance\'s summary: start, end, attendee count, peak concurrency, and each person',
		events: ['session_ended'],
		fetch: async (ctx, event) => ({ json: (await sessionAttendance(ctx, { sessionId: requireSession(ctx, 'session_ended', event), output: 'summary' })) as IDataObject }),
	},
];
