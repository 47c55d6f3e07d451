import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';
import { collection, defined, enc, params } from '../../shared/fields';
import { instanceIdOptions, roomNameField } from '../fields';

/** Daily's transcription/start schema is strict: only these keys (§1.2). */
const start = params([roomNameField('The room whose meeting to transcribe')], [
	collection('options', 'Options', [
		{ displayName: 'Language', name: 'language', type: 'string', default: '', description: 'Language code, e.g. en, de, fr (default en)' },
		{ displayName: 'Model', name: 'model', type: 'string', default: '', description: 'Deepgram model, e.g. nova-2' },
		{ displayName: 'Tier', name: 'tier', type: 'string', default: '', description: 'Deepgram tier (older models)' },
		{ displayName: 'Profanity Filter', name: 'profanity_filter', type: 'boolean', default: false, description: 'Whether profanity is masked' },
		{ displayName: 'Punctuate', name: 'punctuate', type: 'boolean', default: false, description: 'Whether punctuation is added' },
		{ displayName: 'Endpointing (Ms)', name: 'endpointing', type: 'number', default: 0, integer: true, min: 0, description: 'Silence in milliseconds that ends an utterance' },
		{ displayName: 'Redact (JSON)', name: 'redact', type: 'json', default: '', description: 'True to redact everything, or a list such as ["pci", "ssn", "numbers"]' },
		{ displayName: 'Extra (JSON)', name: 'extra', type: 'json', default: '', description: 'Extra Deepgram parameters as an object' },
		{ displayName: 'Include Raw Response', name: 'includeRawResponse', type: 'boolean', default: false, description: 'Whether the raw Deepgram answer is included in events' },
		{ displayName: 'Instance ID', name: 'instanceId', type: 'string', default: '', description: 'A UUID to tell several transcriptions apart' },
	], 'Add Option'),
]);

const update = params([roomNameField()], [
	collection('options', 'Options', [
		{ displayName: 'Instance ID', name: 'instanceId', type: 'string', default: '', description: 'The transcription to update' },
		{ displayName: 'Participant Names or IDs', name: 'participants', type: 'multiOptions', loadOptions: 'getParticipants', default: [], description: 'The participants to transcribe; empty for everyone. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' },
	], 'Add Option'),
]);

const operations: OperationDescriptor[] = [
	{
		resource: 'transcription', operation: 'start', name: 'Start', action: 'Start transcribing a room',
		description: 'Start live transcription of the meeting running in a room',
		...start,
		request: (p) => ({ method: 'POST', path: `/rooms/${enc(p.roomName)}/transcription/start`, body: defined(p.options) }),
	},
	{
		resource: 'transcription', operation: 'update', name: 'Update', action: 'Update a running transcription',
		description: 'Change which participants a running transcription covers',
		...update,
		request: (p) => ({ method: 'POST', path: `/rooms/${enc(p.roomName)}/transcription/update`, body: defined(p.options), retry: 'always' }),
	},
	{
		resource: 'transcription', operation: 'stop', name: 'Stop', action: 'Stop transcribing a room',
		description: 'Stop live transcription in a room',
		...params([roomNameField()], [instanceIdOptions()]),
		request: (p) => ({ method: 'POST', path: `/rooms/${enc(p.roomName)}/transcription/stop`, body: defined(p.options), retry: 'always' }),
	},
];

export const transcription: ResourceDescriptor = { value: 'transcription', name: 'Transcription', operations };
