import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { z } from 'zod';
import { booleanFromText, jsonObject, jsonValue, numberFromText } from '../../shared/formats/parse';
import { collection, defined, pathSegment, field, params } from '../../shared/parameters/fields';
import { instanceIdOptions, roomNameField } from '../fields';

/** The spec's transcription-properties `transcription_geo` enum. */
export const TRANSCRIPTION_GEOS: Array<[string, string]> = [['global', 'Global'], ['eu', 'EU']];

/** The spec's `endpointing`: a number of milliseconds, or a boolean (false turns it off). */
export const endpointing = z.preprocess(
	(v) => numberFromText(booleanFromText(v)),
	z.union([z.boolean(), z.number({ invalid_type_error: 'must be milliseconds or false' }).int('must be a whole number').min(0, 'must be at least 0')], { errorMap: () => ({ message: 'must be milliseconds, or true or false' }) }),
);

/** The spec's transcription-properties `redact`: a boolean, or a list of strings (or of booleans). */
export const redactSetting = jsonValue.pipe(
	z.union([z.boolean(), z.array(z.string()), z.array(z.boolean())], { errorMap: () => ({ message: 'must be true, false or a list such as ["pci", "ssn"]' }) }),
);

const participantsField = field({ displayName: 'Participant Names or IDs', name: 'participants', type: 'multiOptions', loadOptions: 'getParticipants', typeOptions: { loadOptionsDependsOn: ['roomName.value'] }, default: [], description: 'The participants to transcribe. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' });

/** Daily's transcription/start schema is strict: only these keys (§1.2). */
const start = params([roomNameField('The room whose meeting to transcribe')], [
	collection('options', 'Options', [
		{ displayName: 'Language', name: 'language', type: 'string', default: '', description: 'Language code, e.g. en, de, fr (default en)' },
		{ displayName: 'Model', name: 'model', type: 'string', default: '', description: 'Deepgram model, e.g. nova-2' },
		{ displayName: 'Tier', name: 'tier', type: 'string', default: '', description: 'Deepgram tier (older models)' },
		{ displayName: 'Profanity Filter', name: 'profanity_filter', type: 'boolean', default: false, description: 'Whether profanity is masked' },
		{ displayName: 'Punctuate', name: 'punctuate', type: 'boolean', default: false, description: 'Whether punctuation is added' },
		{ displayName: 'Endpointing (Ms)', name: 'endpointing', type: 'number', default: 0, zod: endpointing, description: 'Silence in milliseconds that ends an utterance; false (from an expression) turns endpointing off' },
		{ displayName: 'Redact (JSON)', name: 'redact', type: 'json', default: '', zod: redactSetting, description: 'True to redact everything, or a list such as ["pci", "ssn", "numbers"]' },
		{ displayName: 'Extra (JSON)', name: 'extra', type: 'json', default: '', zod: jsonObject, description: 'Extra Deepgram parameters as an object' },
		{ displayName: 'Include Raw Response', name: 'includeRawResponse', type: 'boolean', default: false, description: 'Whether the raw Deepgram answer is included in events' },
		{ displayName: 'Instance ID', name: 'instanceId', type: 'string', default: '', description: 'A UUID to tell several transcriptions apart' },
		{ ...participantsField, description: 'Only these participants are transcribed; everyone when not set. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' },
		{ displayName: 'Transcription Geo', name: 'transcription_geo', type: 'options', default: '', options: TRANSCRIPTION_GEOS, description: 'Where the audio is transcribed (default global)' },
	], 'Add Option'),
]);

const update = params([roomNameField()], [
	collection('options', 'Options', [
		{ displayName: 'Instance ID', name: 'instanceId', type: 'string', default: '', description: 'The transcription to update' },
		{ displayName: 'Transcribe', name: 'transcribe', type: 'options', default: 'chosen', options: [['nobody', 'Nobody'], ['chosen', 'Chosen Participants']], description: 'Nobody (an empty list) or the participants chosen below' },
		{ ...participantsField, description: 'The participants to transcribe, with Transcribe set to Chosen Participants. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' },
	], 'Add Option'),
]);

/**
 * The spec's transcription/update `participants`: "only the participant IDs included in this array will be
 * processed", so [] transcribes nobody. It is an array, not nullable: there is no documented update back to everyone
 * (stop and start again). An empty choice is refused rather than sent as [], which would silently stop everyone.
 */
type UpdateOptions = { instanceId?: string; transcribe?: string; participants?: string[] } | undefined;

function updateBody(options: UpdateOptions) {
	const { transcribe, participants, ...rest } = options ?? {};
	if (transcribe === 'nobody') return { ...defined(rest), participants: [] };
	return participants === undefined ? defined(rest) : { ...defined(rest), participants };
}

const updateSchema = update.schema.superRefine((p: { options?: UpdateOptions }, ctx) => {
	const o = p.options ?? {};
	if (o.transcribe !== 'nobody' && (o.transcribe !== undefined || o.participants !== undefined) && !o.participants?.length) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['options', 'participants'], message: 'choose at least one participant, or set Transcribe to Nobody' });
	}
});

const operations: OperationDescriptor[] = [
	operation({
		resource: 'transcription', operation: 'start', name: 'Start', action: 'Start transcribing a room',
		description: 'Start live transcription of the meeting running in a room',
		...start,
		repeatable: false,
		// An empty participant list is left out: [] would transcribe nobody.
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomName)}/transcription/start`, body: defined({ ...p.options, participants: p.options?.participants?.length ? p.options.participants : undefined }) }),
	}),
	operation({
		resource: 'transcription', operation: 'update', name: 'Update', action: 'Update a running transcription',
		description: 'Change which participants a running transcription covers',
		...update,
		schema: updateSchema,
		repeatable: true,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomName)}/transcription/update`, body: updateBody(p.options) }),
	}),
	operation({
		resource: 'transcription', operation: 'stop', name: 'Stop', action: 'Stop transcribing a room',
		description: 'Stop live transcription in a room',
		...params([roomNameField()], [instanceIdOptions()]),
		repeatable: true,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomName)}/transcription/stop`, body: defined(p.options) }),
	}),
];

export const transcription: ResourceDescriptor = { value: 'transcription', name: 'Transcription', operations };
