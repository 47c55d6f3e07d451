import { z } from 'zod';
import { jsonValue } from '../../shared/formats/parse';
import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, field, params } from '../../shared/parameters/fields';
import { E164, roomNameField } from '../fields';

/** The spec's dialout-properties and sipCallTransfer body: an extension of 1-20 characters dialled after answer. */
const extension = field({ displayName: 'Extension', name: 'extension', type: 'string', default: '', maxLength: 20, description: 'An extension to dial once the call is answered (at most 20 characters)' });
const waitBeforeExtension = field({ displayName: 'Wait Before Extension (Seconds)', name: 'waitBeforeExtensionDialSec', type: 'number', default: 0, integer: true, min: 0, max: 60, description: 'Seconds to wait after answer before dialling the extension (0-60)' });

const videoSettings = jsonValue.pipe(z.object({
	width: z.number().int().min(1).max(1280).optional(),
	height: z.number().int().min(1).max(720).optional(),
	fps: z.number().int().min(1).max(30).optional(),
	videoBitrate: z.number().int().min(1).max(1000).optional(),
}, { invalid_type_error: 'must be a JSON object' }).strict());

const sessionId = field({ displayName: 'Session ID', name: 'sessionId', type: 'string', default: '', required: true, description: 'The session ID of the dial-out participant, from the start answer or the dialout.connected event' });

const start = params([roomNameField('The room to dial out from')], [
	collection('target', 'Call', [
		{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '', description: 'E.164 number to call, e.g. +14155550123', pattern: E164 },
		{ displayName: 'SIP URI', name: 'sipUri', type: 'string', default: '', description: 'SIP address to call, e.g. sip:user@example.com', pattern: { regex: /^sips?:/i, message: 'must start with sip: or sips:' } },
		{ displayName: 'Display Name', name: 'displayName', type: 'string', default: '', description: 'Name of the dialled participant in the call' },
		{ displayName: 'User ID', name: 'userId', type: 'string', default: '', description: 'User ID of the dialled participant' },
		{ displayName: 'Video', name: 'video', type: 'boolean', default: false, description: 'Whether the SIP call carries video' },
		{ displayName: 'Caller ID', name: 'callerId', type: 'string', default: '', description: 'ID of a purchased number to call from' },
		{ displayName: 'Codecs (JSON)', name: 'codecs', type: 'json', default: '', description: 'Codecs to offer, for example {"audio": ["OPUS"], "video": ["H264"]}' },
		extension,
		waitBeforeExtension,
		{ displayName: 'Video Settings (JSON)', name: 'videoSettings', type: 'json', default: '', zod: videoSettings, description: 'Video of a SIP call: {"width" (≤1280), "height" (≤720), "fps" (≤30), "videoBitrate" (≤1000)}' },
	], 'Add Field'),
]);

const endPoint = field({ displayName: 'To Endpoint', name: 'toEndPoint', type: 'string', default: '', required: true, description: 'Where to send the call: a SIP URI or phone number' });

const transfer = params([roomNameField(), sessionId, endPoint], [
	collection('options', 'Options', [
		{ displayName: 'Caller ID', name: 'callerId', type: 'string', default: '', description: 'ID of a purchased number the transferred call comes from' },
		extension,
		waitBeforeExtension,
	], 'Add Option'),
]);

const refer = params([roomNameField(), sessionId, endPoint]);

const operations: OperationDescriptor[] = [
	operation({
		resource: 'dialOut', operation: 'start', name: 'Start', action: 'Dial out from a room',
		description: 'Call a phone number or SIP address and bring it into the meeting of a room',
		properties: start.properties,
		schema: start.schema.refine((p) => Boolean(p.target?.phoneNumber) !== Boolean(p.target?.sipUri), {
			message: 'give exactly one of Phone Number or SIP URI',
			path: ['target', 'phoneNumber'],
		}),
		repeatable: false,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomName)}/dialOut/start`, body: defined(p.target), rateClass: 'start' }),
	}),
	operation({
		resource: 'dialOut', operation: 'sendDtmf', name: 'Send DTMF', action: 'Send DTMF tones in a call',
		description: 'Send touch-tone digits to a dialled participant, e.g. to navigate a phone menu',
		...params([roomNameField(), sessionId, { displayName: 'Tones', name: 'tones', type: 'string', default: '', required: true, description: 'Digits to send: 0-9, *, #, and A-D, at most 20 at a time', zod: z.string().regex(/^[0-9*#A-Da-d]+$/, "may contain only 0-9, '*', '#' and A-D").max(20, 'must be at most 20 tones (Daily sends at most 20 per call)') }], [
			collection('options', 'Options', [
				{ displayName: 'Digit Duration (Ms)', name: 'digitDurationMs', type: 'number', default: 0, integer: true, min: 50, max: 2000, description: 'How long each tone sounds, 50-2000 milliseconds' },
			], 'Add Option'),
		]),
		repeatable: false,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomName)}/dialOut/sendDTMF`, body: defined({ sessionId: p.sessionId, tones: p.tones, digitDurationMs: p.options?.digitDurationMs }) }),
	}),
	operation({
		resource: 'dialOut', operation: 'stop', name: 'Stop', action: 'Hang up an outgoing call',
		description: 'Hang up a dialled participant',
		...params([roomNameField(), sessionId]),
		repeatable: true,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomName)}/dialOut/stop`, body: { sessionId: p.sessionId } }),
	}),
	operation({
		resource: 'dialOut', operation: 'transfer', name: 'Transfer Call', action: 'Transfer a SIP or phone call',
		description: 'Move a dialled-in or dialled-out call to another SIP address or number',
		...transfer,
		repeatable: false,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomName)}/sipCallTransfer`, body: defined({ sessionId: p.sessionId, toEndPoint: p.toEndPoint, ...p.options }) }),
	}),
	operation({
		resource: 'dialOut', operation: 'sipRefer', name: 'SIP Refer', action: 'Refer a SIP call elsewhere',
		description: 'Send a SIP REFER so the caller\'s own system moves the call to another endpoint',
		...refer,
		repeatable: false,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomName)}/sipRefer`, body: { sessionId: p.sessionId, toEndPoint: p.toEndPoint } }),
	}),
];

export const dialOut: ResourceDescriptor = { value: 'dialOut', name: 'Dial-Out', operations };
