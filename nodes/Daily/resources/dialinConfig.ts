import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';
import { stringList } from '../../shared/formats/parse';
import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, field, type FieldSpec, idField, params } from '../../shared/parameters/fields';
import { dailyCursor, E164 } from '../fields';

/** Daily's domain dial-in configurations (pin and pinless dial-in) and the forwarding of a held pinless call. */

const UUID = { regex: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, message: 'must be a UUID, as the webhook payload gives it' };
const TYPES: Array<[string, string, string]> = [
	['pin_dialin', 'PIN Dial-In', 'Callers enter the PIN of a meeting'],
	['pinless_dialin', 'Pinless Dial-In', 'Each call triggers your room creation API, which forwards the call to a room'],
];

const dialinConfigId = idField('dialinConfigId', 'Dial-In Config ID', 'The ID of the dial-in configuration', 'searchDialinConfigs');

const phoneNumberField = field({ displayName: 'Phone Number', name: 'phone_number', type: 'string', default: '', description: 'A purchased number in E.164 form, e.g. +18058700061; one configuration per number', pattern: E164 });

/** Fields of a configuration after type and number; timeout_config and ivr_greeting each carry one message. */
const SETTINGS: FieldSpec[] = [
	{ displayName: 'Name Prefix', name: 'name_prefix', type: 'string', default: '', description: 'A friendly name for the configuration' },
	{ displayName: 'HMAC Secret', name: 'hmac', type: 'string', default: '', typeOptions: { password: true }, description: 'Secret that signs the requests to the room creation API (pinless only)' },
	{ displayName: 'Room Creation API', name: 'room_creation_api', type: 'string', default: '', url: true, description: 'The URL Daily calls when a call arrives, to create a room and forward the call (pinless only)' },
	{ displayName: 'Hold Music URL', name: 'hold_music_url', type: 'string', default: '', url: true, description: 'A public MP3 under 60 seconds and 10 MB, played while the room is made (pinless only)' },
	{ displayName: 'Timeout Message', name: 'timeout_config', type: 'string', default: '', description: 'Said to the caller when the room creation API does not answer in time (pinless only)' },
	{ displayName: 'IVR Greeting', name: 'ivr_greeting', type: 'string', default: '', description: 'Said when the call connects, before the PIN is asked for (PIN only)' },
];

const PINLESS_ONLY = ['hmac', 'room_creation_api', 'hold_music_url', 'timeout_config'];

/** The spec's body: the two messages become {message}. */
function configBody(fields: IDataObject | undefined): IDataObject {
	const { timeout_config, ivr_greeting, ...rest } = fields ?? {};
	return defined({
		...rest,
		timeout_config: timeout_config === undefined ? undefined : { message: timeout_config },
		ivr_greeting: ivr_greeting === undefined ? undefined : { message: ivr_greeting },
	});
}


/*
 * phone_number on create: Daily's documents disagree. The spec's domain_dialin_config_create_req lists it in
 * `required` (both types), while its own field text, repeated in the docs page's body params
 * (https://docs.daily.co/reference/rest-api/domainDialinConfig/create-dialin-config), says "Required for
 * pinless_dialin, optional for pin_dialin"; that page's prose says the reverse ("The pin_dialin config requires a
 * phone_number. While, the pinless_dialin config can be done with or without a phone_number": without one, only the
 * SIP interconnect is created), but no body on the page shows a pinless config without a number. The node follows
 * the field text: required for pinless (refused before sending), optional for PIN; the overlay
 * (test/fixtures/daily-openapi-overlay.json) records the same for the simulator.
 */
const create = params([
	{ displayName: 'Type', name: 'type', type: 'options', default: 'pin_dialin', required: true, options: TYPES, description: 'How callers reach a room' },
	{ ...phoneNumberField, description: 'A purchased number in E.164 form, e.g. +18058700061; one configuration per number. Required for Pinless Dial-In, optional for PIN Dial-In.' },
], [collection('additionalFields', 'Additional Fields', SETTINGS)]);

const createSchema = create.schema.superRefine((p, ctx) => {
	if (p.type === 'pinless_dialin' && !p.phone_number) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['phone_number'], message: "is required for type 'pinless_dialin' (Daily: \"Required for pinless_dialin, optional for pin_dialin\")" });
	}
	const wrong = p.type === 'pin_dialin' ? PINLESS_ONLY : ['ivr_greeting'];
	for (const key of wrong) {
		if (p.additionalFields?.[key] !== undefined) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['additionalFields', key], message: `does not apply to type '${p.type}'` });
		}
	}
});

const list = params([], [
	collection('filters', 'Filters', [
		{ displayName: 'Type', name: 'type', type: 'options', default: '', options: TYPES, description: 'Only configurations of this type' },
		{ displayName: 'Phone Number', name: 'phone_number', type: 'string', default: '', description: 'Only the configuration of this number' },
		{ displayName: 'Phone Numbers', name: 'phone_numbers', type: 'stringList', default: '', description: 'Comma-separated numbers; a configuration matches when its number contains one of them', zod: stringList.transform((l) => l.join(',')) },
		{ displayName: 'SIP Username', name: 'sip_username', type: 'string', default: '', description: 'Only the configuration with this SIP username (the part of the SIP URI before @)' },
		{ displayName: 'Name Prefix', name: 'name_prefix', type: 'string', default: '', description: 'Only configurations with this name prefix' },
	], 'Add Filter'),
]);

const update = params([dialinConfigId], [collection('updateFields', 'Update Fields', [phoneNumberField, ...SETTINGS])]);

const pinless = params([
	{ displayName: 'Call ID', name: 'callId', type: 'string', default: '', required: true, description: 'The callId of the held call, from the payload sent to your room creation API', pattern: UUID },
	{ displayName: 'Call Domain', name: 'callDomain', type: 'string', default: '', required: true, description: 'The callDomain of the held call, from the same payload', pattern: UUID },
	{ displayName: 'SIP URI', name: 'sipUri', type: 'string', default: '', required: true, description: 'The SIP URI of the room to send the call to (the room\'s dial-in SIP endpoint)', pattern: { regex: /^sips?:/i, message: 'must start with sip: or sips:' } },
]);

const operations: OperationDescriptor[] = [
	operation({
		resource: 'dialinConfig', operation: 'create', name: 'Create', action: 'Create a dialin config',
		description: 'Set up PIN or pinless dial-in on a purchased number of the domain',
		properties: create.properties,
		schema: createSchema,
		repeatable: false,
		request: (p) => ({ method: 'POST', path: '/domain-dialin-config', body: defined({ type: p.type, phone_number: p.phone_number, ...configBody(p.additionalFields) }) }),
	}),
	operation({
		resource: 'dialinConfig', operation: 'getAll', name: 'Get Many', action: 'Get many dialin configs',
		description: 'List the PIN and pinless dial-in configurations of the domain',
		...list,
		repeatable: true,
		request: (p) => ({ method: 'GET', path: '/domain-dialin-config', qs: defined(p.filters) }),
		paginate: dailyCursor(),
	}),
	operation({
		resource: 'dialinConfig', operation: 'get', name: 'Get', action: 'Get a dialin config',
		description: 'Get a dial-in configuration with its type, number and SIP URI',
		...params([dialinConfigId]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/domain-dialin-config/${pathSegment(p.dialinConfigId)}` }),
	}),
	operation({
		resource: 'dialinConfig', operation: 'update', name: 'Update', action: 'Update a dialin config',
		description: 'Change the number, name or messages of a dial-in configuration; its type stays',
		...update,
		repeatable: true,
		request: (p) => ({ method: 'PUT', path: `/domain-dialin-config/${pathSegment(p.dialinConfigId)}`, body: configBody(p.updateFields) }),
	}),
	operation({
		resource: 'dialinConfig', operation: 'delete', name: 'Delete', action: 'Delete a dialin config',
		description: 'Delete a dial-in configuration; the number stays bought',
		...params([dialinConfigId]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/domain-dialin-config/${pathSegment(p.dialinConfigId)}` }),
		output: (body, p) => ({ deleted: true, id: p.dialinConfigId, ...(body && typeof body === 'object' ? body : {}) }),
	}),
	operation({
		resource: 'dialinConfig', operation: 'pinlessCallUpdate', name: 'Forward Pinless Call', action: 'Forward a held pinless call to a room',
		description: 'Send a call waiting on hold (pinless dial-in or SIP interconnect) to the SIP URI of a room, e.g. one your room creation API just made',
		...pinless,
		repeatable: false,
		request: (p) => ({ method: 'POST', path: '/dialin/pinlessCallUpdate', body: { callId: p.callId, callDomain: p.callDomain, sipUri: p.sipUri } }),
	}),
];

export const dialinConfig: ResourceDescriptor = { value: 'dialinConfig', name: 'Dial-In Config', operations };
