import { operation, type OperationContext, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, field, params } from '../../shared/parameters/fields';
import { paginate } from '../../shared/http/paginate';
import { isStream, readAll } from '../../shared/formats/streams';
import { cuesToText, type Cue } from '../../shared/formats/webvtt';
import { LIST_OPTION_FIELDS, roomField, sessionField } from '../fields';
import { dsOffset } from '../transport';

const ORDER = LIST_OPTION_FIELDS[0];

const format = field({
	displayName: 'Format', name: 'format', type: 'options', default: 'txt', required: true,
	options: [['txt', 'Text'], ['json', 'JSON']], description: 'File format of the export',
});

// The spec lists `lang` as a body of this GET; Laravel reads it from the query alike, and a GET body is often dropped.
const exportOptions = () => collection('options', 'Options', [
	{ displayName: 'Language', name: 'lang', type: 'options', default: '', options: [['de', 'German'], ['en', 'English'], ['es', 'Spanish'], ['it', 'Italian']], description: 'Language of the labels in the exported file' },
], 'Add Option');

const exportQuery = (p: { format: string; options?: { lang?: string } }) => defined({ format: p.format, lang: p.options?.lang });

/** A transcript line with its speaker: a timed cue (the shape Daily's WebVTT transcripts give too) and who spoke. */
export interface TranscriptSegment extends Cue {
	participantId: string | null;
}

/**
 * A session's transcript as text: every line of Transcript → Get Many for Session, oldest first. The spec's
 * getSessionTranscripts answers rows `{participant_id, participant_name, transcript, start_time, end_time}`, which give
 * the speakers and times; its export (…/transcripts/export, text/plain) documents no layout ("Text file - Transcripts"),
 * so the text is built from the rows as "Speaker: text" lines.
 */
export async function sessionTranscript(ctx: OperationContext, sessionId: string): Promise<{ sessionId: string; text: string; segments: TranscriptSegment[] }> {
	const segments: TranscriptSegment[] = [];
	const lines = paginate(async (spec) => await ctx.send(spec), { method: 'GET', path: `/sessions/${pathSegment(sessionId)}/transcripts`, qs: { order: 'asc' }, repeatable: true }, dsOffset);
	for await (const row of lines) {
		const text = typeof row.transcript === 'string' ? row.transcript.trim() : '';
		if (!text) continue;
		const speaker = typeof row.participant_name === 'string' && row.participant_name ? row.participant_name : undefined;
		segments.push({ start: String(row.start_time ?? ''), end: String(row.end_time ?? ''), ...(speaker ? { speaker } : {}), text, participantId: typeof row.participant_id === 'string' ? row.participant_id : null });
	}
	return { sessionId, text: cuesToText(segments), segments };
}

/** Transcript → Export for Session's call and file: GET /sessions/{session}/transcripts/export?format=…, its bytes. */
export async function exportSessionTranscript(ctx: OperationContext, sessionId: string, format: 'txt' | 'json' = 'txt'): Promise<{ data: Buffer; fileName: string; mimeType: string }> {
	const { body, headers } = await ctx.send({ method: 'GET', path: `/sessions/${pathSegment(sessionId)}/transcripts/export`, qs: exportQuery({ format }), binary: true, repeatable: true });
	const data = isStream(body) ? await readAll(body) : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body ?? ''));
	const mimeType = String(headers['content-type'] ?? (format === 'txt' ? 'text/plain' : 'application/json')).split(';')[0];
	return { data, fileName: `transcripts-${sessionId}.${format}`, mimeType };
}

const operations: OperationDescriptor[] = [
	operation({
		resource: 'transcript', operation: 'getManyForRoom', name: 'Get Many for Room', action: 'Get the transcripts of a room',
		description: 'List the transcript lines of a room (speaker, text, start and end time), one item per line, optionally of one session',
		...params([roomField()], [collection('options', 'Options', [
			{ displayName: 'Session ID', name: 'session_id', type: 'string', default: '', description: 'Only lines of this session (its UUID)' },
			ORDER,
		], 'Add Option')]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/rooms/${pathSegment(p.roomId)}/transcripts`, qs: defined(p.options) }),
		paginate: dsOffset,
	}),
	operation({
		resource: 'transcript', operation: 'getManyForSession', name: 'Get Many for Session', action: 'Get the transcripts of a session',
		description: 'List the transcript lines of one session (speaker, text, start and end time), one item per line',
		...params([sessionField()], [collection('options', 'Options', [ORDER], 'Add Option')]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/sessions/${pathSegment(p.sessionId)}/transcripts`, qs: defined(p.options) }),
		paginate: dsOffset,
	}),
	operation({
		resource: 'transcript', operation: 'exportForRoom', name: 'Export for Room', action: 'Export the transcripts of a room',
		description: 'Download the transcripts of a room as a text or JSON file in a binary field',
		...params([roomField(), format], [exportOptions()]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/rooms/${pathSegment(p.roomId)}/transcripts/export`, qs: exportQuery(p) }),
		binaryOutput: { fileName: (p) => `transcripts-${p.roomId}.${p.format}` },
	}),
	operation({
		resource: 'transcript', operation: 'exportForSession', name: 'Export for Session', action: 'Export the transcripts of a session',
		description: 'Download the transcripts of one session as a text or JSON file in a binary field',
		...params([sessionField(), format], [exportOptions()]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/sessions/${pathSegment(p.sessionId)}/transcripts/export`, qs: exportQuery(p) }),
		binaryOutput: { fileName: (p) => `transcripts-${p.sessionId}.${p.format}` },
	}),
	operation({
		resource: 'transcript', operation: 'deleteForRoom', name: 'Delete for Room', action: 'Delete the transcripts of a room',
		description: 'Delete every transcript of a room, of all its sessions',
		...params([roomField()]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/rooms/${pathSegment(p.roomId)}/transcripts` }),
		output: (_body, p) => ({ deleted: true, roomId: p.roomId }),
	}),
	operation({
		resource: 'transcript', operation: 'deleteForSession', name: 'Delete for Session', action: 'Delete the transcripts of a session',
		description: 'Delete the transcripts of one session',
		...params([sessionField()]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/sessions/${pathSegment(p.sessionId)}/transcripts` }),
		output: (_body, p) => ({ deleted: true, sessionId: p.sessionId }),
	}),
	operation({
		resource: 'transcript', operation: 'startTranscription', name: 'Start Transcription', action: 'Start transcribing a room',
		description: 'Start live transcription of the session running in a room',
		...params([roomField()]),
		repeatable: false,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomId)}/transcription/start` }),
		output: (_body, p) => ({ success: true, roomId: p.roomId }),
	}),
	operation({
		resource: 'transcript', operation: 'stopTranscription', name: 'Stop Transcription', action: 'Stop transcribing a room',
		description: 'Stop live transcription in a room',
		...params([roomField()]),
		repeatable: true,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomId)}/transcription/stop` }),
		output: (_body, p) => ({ success: true, roomId: p.roomId }),
	}),
];

export const transcript: ResourceDescriptor = { value: 'transcript', name: 'Transcript', operations };
