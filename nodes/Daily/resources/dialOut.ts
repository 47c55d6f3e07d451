import { z } from 'zod';
import type { OperationDescriptor, ResourceDescriptor } from '../../shared/descriptor';
import { collection, defined, enc, type FieldSpec, params } from '../../shared/fields';
import { roomNameField } from '../fields';

const sessionId: FieldSpec = { displayName: 'Session ID', name: 'sessionId', type: 'string', default: '', required: true, description: 'The session ID of the dial-out participant, from the start answer or the dialout.connected event' };

const start = params([roomNameField('The room to dial out from')], [
	collection('target', 'Call', [
		{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '', description: 'E.164 number to call, e.g. +14155550123', pattern: { regex: /^\+[1-9]\d{6,14}$/, message: 'must be an E.164 number such as +14155550123' } },
		{ displayName: 'SIP URI', name: 'sipUri', type: 'string', default: '', description: 'SIP address to call, e.g. sip:user@example.com', pattern: { regex: /^sips?:/i, message: 'must start with sip: or sips:' } },
		{ displayName: 'Display Name', name: 'displayName', type: 'string', default: '', description: 'Name of the dialled participant in the call' },
		{ displayName: 'User ID', name: 'userId', type: 'string', default: '', description: 'User ID of the dialled participant' },
		{ displayName: 'Video', name: 'video', type: 'boolean', default: false, description: 'Whether the SIP call carries video' },
		{ displayName: 'Caller ID', name: 'callerId', type: 'string', default: '', description: 'ID of a purchased number to call from' },
		{ displayName: 'Codecs (JSON)', name: 'codecs', type: 'json', default: '', description: 'Codecs to offer, for example {"audio": ["OPUS"], "video": ["H264"]}' },
	], 'Add Field'),
]);

const transfer = params([roomNameField(), sessionId, { displayName: 'To Endpoint', name: 'toEndPoint', type: 'string', default: '', required: true, description: 'Where to send the call: a SIP URI or phone number' }]);

const operations: OperationDescriptor[] = [
	{
		resource: 'dialOut', operation: 'start', name: 'Start', action: 'Dial out from a room',
		description: 'Call a phone number or SIP address and bring it into the meeting of a room',
		properties: start.properties,
		schema: start.schema.refine((p) => Boolean(p.target?.phoneNumber) !== Boolean(p.target?.sipUri), {
			message: 'give exactly one of Phone Number or SIP URI',
			path: ['target', 'phoneNumber'],
		}),
		request: (p) => ({ method: 'POST', path: `/rooms/${enc(p.roomName)}/dialOut/start`, body: defined(p.target), rateClass: 'start' }),
	},
	{
		resource: 'dialOut', operation: 'sendDtmf', name: 'Send DTMF', action: 'Send DTMF tones in a call',
		description: 'Send touch-tone digits to a dialled participant, e.g. to navigate a phone menu',
		...params([roomNameField(), sessionId, { displayName: 'Tones', name: 'tones', type: 'string', default: '', required: true, description: 'Digits to send: 0-9, *, #, and A-D', zod: z.string().regex(/^[0-9*#A-Da-d]+$/, "may contain only 0-9, '*', '#' and A-D") }]),
		request: (p) => ({ method: 'POST', path: `/rooms/${enc(p.roomName)}/dialOut/sendDTMF`, body: { sessionId: p.sessionId, tones: p.tones } }),
	},
	{
		resource: 'dialOut', operation: 'stop', name: 'Stop', action: 'Hang up an outgoing call',
		description: 'Hang up a dialled participant',
		...params([roomNameField(), sessionId]),
		request: (p) => ({ method: 'POST', path: `/rooms/${enc(p.roomName)}/dialOut/stop`, body: { sessionId: p.sessionId }, retry: 'always' }),
	},
	{
		resource: 'dialOut', operation: 'transfer', name: 'Transfer Call', action: 'Transfer a SIP or phone call',
		description: 'Move a dialled-in or dialled-out call to another SIP address or number',
		...transfer,
		request: (p) => ({ method: 'POST', path: `/rooms/${enc(p.roomName)}/sipCallTransfer`, body: { sessionId: p.sessionId, toEndPoint: p.toEndPoint } }),
	},
	{
		resource: 'dialOut', operation: 'sipRefer', name: 'SIP Refer', action: 'Refer a SIP call elsewhere',
		description: 'Send a SIP REFER so the caller\'s own system moves the call to another endpoint',
		...transfer,
		request: (p) => ({ method: 'POST', path: `/rooms/${enc(p.roomName)}/sipRefer`, body: { sessionId: p.sessionId, toEndPoint: p.toEndPoint } }),
	},
];

export const dialOut: ResourceDescriptor = { value: 'dialOut', name: 'Dial-Out', operations };
