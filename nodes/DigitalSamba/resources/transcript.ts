import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, field, params } from '../../shared/parameters/fields';
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
