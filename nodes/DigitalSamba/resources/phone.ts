import { z } from 'zod';
import { jsonValue, stringList } from '../../shared/formats/parse';
import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { pathSegment, field, idField, params } from '../../shared/parameters/fields';
import { type StructuredInput, withStructured } from '../../shared/parameters/structured';
import { roomUuid } from '../fields';
import { roomByUuid } from '../roomUuid';

// Every phone path takes the room's UUID only ("The UUID of the room."): a friendly URL or link is looked up first.
const room = roomUuid();
const callId = idField('callId', 'Call ID', 'The call ID your phone system gave the call when it joined');

/** One joined call as the spec has it: a call_id, and a name or a caller_number (or both). */
const call = z
	.object({
		call_id: z.string({ required_error: 'is required', invalid_type_error: 'must be text' }).min(1, 'is required'),
		name: z.string().optional(),
		caller_number: z.string().optional(),
		external_id: z.string().optional(),
		muted: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
	})
	.strict()
	.refine((c) => Boolean(c.name || c.caller_number), { message: 'give a name or a caller_number' });

// A single call object is accepted too, so one input item can stand for one call.
const calls = jsonValue.pipe(
	z.preprocess((v) => (Array.isArray(v) ? v : v && typeof v === 'object' ? [v] : v), z.array(call, { invalid_type_error: 'must be an array of calls' }).min(1, 'give at least one call')),
);

const CALLS_JSON = field({
	displayName: 'Calls (JSON)', name: 'calls', type: 'json', default: '[]', required: true, zod: calls,
	description: 'An array of calls, e.g. [{"call_id": "c-1", "caller_number": "+4930123456", "muted": true}]; a single call object is accepted too',
});

/** The calls as rows, or as JSON; saved workflows hold JSON. */
const callsInput: StructuredInput = {
	json: CALLS_JSON,
	mode: 'callsInputMode',
	modeDefault: 'json',
	rows: {
		name: 'callsUi', displayName: 'Calls', item: 'call', itemDisplayName: 'Call',
		fields: [
			{ displayName: 'Call ID', name: 'call_id', type: 'string', default: '', description: 'The ID your phone system gave the call' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The caller\'s name; needed when there is no caller number' },
			{ displayName: 'Caller Number', name: 'caller_number', type: 'string', default: '', placeholder: 'e.g. +4930123456', description: 'The caller\'s phone number; needed when there is no name' },
			{ displayName: 'External ID', name: 'external_id', type: 'string', default: '', description: 'Your own ID for the caller' },
			{ displayName: 'Muted', name: 'muted', type: 'boolean', default: false, description: 'Whether the caller joins muted' },
		],
	},
	toValue: (rows) => rows,
};

const callIds = stringList.pipe(z.array(z.string()).min(1, 'give at least one call ID'));

const roomAction = (value: string, name: string, action: string, description: string, path: (p: { roomId: string }) => string): OperationDescriptor => roomByUuid(operation({
	resource: 'phone', operation: value, name, action, description,
	...params([room]),
	// Connecting is sent once; disconnecting again changes nothing.
	repeatable: value === 'disconnect',
	request: (p) => ({ method: 'POST', path: path(p) }),
	output: (_body, p) => ({ success: true, roomId: p.roomId }),
}));

const callAction = (value: string, name: string, action: string, description: string, path: (p: { roomId: string; callId: string }) => string): OperationDescriptor => roomByUuid(operation({
	resource: 'phone', operation: value, name, action, description,
	...params([room, callId]),
	repeatable: true,
	request: (p) => ({ method: 'POST', path: path(p) }),
	output: (_body, p) => ({ success: true, roomId: p.roomId, callId: p.callId }),
}));

const operations: OperationDescriptor[] = [
	roomAction('connect', 'Connect', 'Connect a room to the phone bridge', 'Connect a room to the SIP phone bridge so callers can dial in', (p) => `/rooms/${pathSegment(p.roomId)}/phone/connect`),
	roomAction('disconnect', 'Disconnect', 'Disconnect a room from the phone bridge', 'Disconnect a room from the SIP phone bridge', (p) => `/rooms/${pathSegment(p.roomId)}/phone/disconnect`),
	roomByUuid(operation({
		resource: 'phone', operation: 'participantsJoined', name: 'Phone Participants Joined', action: 'Report phone participants who joined',
		description: 'Tell the room that phone callers joined; each call needs a call_id and a name or caller_number, optionally external_id and muted',
		...withStructured(params([room, CALLS_JSON]), callsInput),
		repeatable: false,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomId)}/phone-participants/joined`, body: p.calls }),
		output: (_body, p) => ({ success: true, roomId: p.roomId, callIds: p.calls.map((c: { call_id: string }) => c.call_id) }),
	})),
	roomByUuid(operation({
		resource: 'phone', operation: 'participantsLeft', name: 'Phone Participants Left', action: 'Report phone participants who left',
		description: 'Tell the room that phone calls ended, by their call IDs',
		...params([
			room,
			{ displayName: 'Call IDs', name: 'callIds', type: 'stringList', default: '', required: true, zod: callIds, description: 'The IDs of the calls that ended, comma-separated or as an array' },
		]),
		repeatable: true,
		request: (p) => ({ method: 'POST', path: `/rooms/${pathSegment(p.roomId)}/phone-participants/left`, body: p.callIds }),
		output: (_body, p) => ({ success: true, roomId: p.roomId, callIds: p.callIds }),
	})),
	callAction('raiseHand', 'Raise Hand', 'Raise the hand of a phone participant', 'Raise the virtual hand of a phone caller in a room', (p) => `/rooms/${pathSegment(p.roomId)}/phone-participants/${pathSegment(p.callId)}/raise-hand`),
	callAction('lowerHand', 'Lower Hand', 'Lower the hand of a phone participant', 'Lower the virtual hand of a phone caller in a room', (p) => `/rooms/${pathSegment(p.roomId)}/phone-participants/${pathSegment(p.callId)}/lower-hand`),
	callAction('mute', 'Mute', 'Mute a phone participant', 'Mute a phone caller in a room', (p) => `/rooms/${pathSegment(p.roomId)}/phone-participants/${pathSegment(p.callId)}/mute`),
	callAction('unmute', 'Unmute', 'Unmute a phone participant', 'Unmute a phone caller in a room', (p) => `/rooms/${pathSegment(p.roomId)}/phone-participants/${pathSegment(p.callId)}/unmute`),
];

export const phone: ResourceDescriptor = { value: 'phone', name: 'Phone', operations };
