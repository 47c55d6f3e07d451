// Not in Daily's OpenAPI file: the contract is the docs pages, each with its own OpenAPI excerpt:
// https://docs.daily.co/reference/rest-api/sip-trunk (create, list, get, update, delete).
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';
import { jsonValue } from '../../shared/formats/parse';
import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, field, type FieldSpec, idField, params } from '../../shared/parameters/fields';
import { dailyCursor } from '../fields';

const sipTrunkId = idField('sipTrunkId', 'SIP Trunk ID', 'The ID of the SIP trunk', 'searchSipTrunks');

const webhookUrl = field({ displayName: 'Notification Webhook URL', name: 'webhook_url', type: 'string', default: '', url: true, description: 'Where Daily posts the signed sip_trunk.incoming notification of each call; it must answer Daily\'s signed sip_trunk.test probe with 2xx' });

/** Settings shared by create and update; the request nests them as the docs' body has them. */
const SETTINGS: FieldSpec[] = [
	{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'A note about the trunk' },
	{ displayName: 'Enabled', name: 'enabled', type: 'boolean', default: true, description: 'Whether the trunk takes calls' },
	{ displayName: 'Notification HMAC Secret', name: 'hmac', type: 'string', default: '', typeOptions: { password: true }, description: 'Secret that signs the notifications; Daily makes one when left empty' },
	{ displayName: 'Room Template (JSON)', name: 'room_template', type: 'json', default: '{}', description: 'Properties of the dial-in room made for each call, e.g. {"enable_recording": "cloud"}', zod: jsonValue.pipe(z.record(z.unknown(), { invalid_type_error: 'must be a JSON object' })) },
	{ displayName: 'Allowed IPs', name: 'allowed_ips', type: 'stringList', default: '', description: 'Comma-separated IP addresses of your carrier that may send calls' },
	{ displayName: 'Credential Username', name: 'credentialUsername', type: 'string', default: '', description: 'SIP digest username your carrier authenticates with (with Credential Password)' },
	{ displayName: 'Credential Password', name: 'credentialPassword', type: 'string', default: '', typeOptions: { password: true }, description: 'SIP digest password your carrier authenticates with (with Credential Username)' },
	{ displayName: 'Is Open', name: 'is_open', type: 'boolean', default: false, description: 'Whether anyone may call the trunk, without allowed IPs or a credential' },
	{ displayName: 'Room Expiry Offset (Seconds)', name: 'exp_offset', type: 'number', default: 3600, integer: true, min: 1, description: 'How long after the call starts its room expires' },
];

type Settings = {
	description?: string; enabled?: boolean; hmac?: string; room_template?: IDataObject; allowed_ips?: string[];
	credentialUsername?: string; credentialPassword?: string; is_open?: boolean; exp_offset?: number;
	webhook_url?: string; rotateHmac?: boolean; clearCredential?: boolean;
};

const undefinedIfEmpty = (o: IDataObject) => (Object.keys(o).length ? o : undefined);

/** The docs' body: {description, enabled, room_template, notification: {webhook_url, hmac}, trunk_config: {…}}. */
function trunkBody(s: Settings): IDataObject {
	const credential = s.clearCredential
		? null
		: s.credentialUsername !== undefined || s.credentialPassword !== undefined
			? defined({ username: s.credentialUsername, password: s.credentialPassword })
			: undefined;
	return defined({
		description: s.description,
		enabled: s.enabled,
		room_template: s.room_template,
		// hmac null asks Daily for a new secret (update only).
		notification: undefinedIfEmpty(defined({ webhook_url: s.webhook_url, hmac: s.rotateHmac ? null : s.hmac })),
		trunk_config: undefinedIfEmpty(defined({ allowed_ips: s.allowed_ips, credential, is_open: s.is_open, exp_offset: s.exp_offset })),
	});
}


function credentialPair(s: Settings, ctx: z.RefinementCtx, at: string) {
	if ((s.credentialUsername === undefined) !== (s.credentialPassword === undefined)) {
		const missing = s.credentialUsername === undefined ? 'credentialUsername' : 'credentialPassword';
		ctx.addIssue({ code: z.ZodIssueCode.custom, path: [at, missing], message: 'is needed with the other credential field' });
	}
}

const create = params([
	{ displayName: 'Trunk Name', name: 'trunk_name', type: 'string', default: '', required: true, placeholder: 'e.g. support', description: 'A name for the trunk; it is part of the SIP URI and cannot be changed later' },
	{ ...webhookUrl, required: true },
], [collection('additionalFields', 'Additional Fields', SETTINGS)]);

const createSchema = create.schema.superRefine((p, ctx) => {
	const s: Settings = p.additionalFields ?? {};
	credentialPair(s, ctx, 'additionalFields');
	// The docs: a trunk is gated by allowed IPs or a credential, or explicitly open; not both.
	const gated = Boolean(s.allowed_ips?.length) || s.credentialUsername !== undefined;
	if (gated === (s.is_open === true)) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['additionalFields', 'is_open'], message: gated ? 'cannot be on with Allowed IPs or a credential' : 'must be on when the trunk has neither Allowed IPs nor a credential' });
	}
});

const update = params([sipTrunkId], [collection('updateFields', 'Update Fields', [
	webhookUrl,
	...SETTINGS,
	{ displayName: 'Rotate HMAC Secret', name: 'rotateHmac', type: 'boolean', default: false, description: 'Whether Daily makes a new notification secret (the answer holds it)' },
	{ displayName: 'Clear Credential', name: 'clearCredential', type: 'boolean', default: false, description: 'Whether the trunk\'s credential is removed' },
])]);

const updateSchema = update.schema.superRefine((p, ctx) => {
	const s: Settings = p.updateFields ?? {};
	credentialPair(s, ctx, 'updateFields');
	if (s.rotateHmac && s.hmac !== undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['updateFields', 'rotateHmac'], message: 'cannot be on with Notification HMAC Secret' });
	if (s.clearCredential && s.credentialUsername !== undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['updateFields', 'clearCredential'], message: 'cannot be on with a new credential' });
});

const operations: OperationDescriptor[] = [
	operation({
		resource: 'sipTrunk', operation: 'create', name: 'Create', action: 'Create a SIP trunk',
		description: 'Create an inbound SIP trunk for your own carrier; returns the SIP URI to point the carrier at and the notification secret. Daily probes the webhook URL first.',
		properties: create.properties,
		schema: createSchema,
		repeatable: false,
		request: (p) => ({ method: 'POST', path: '/sip-trunk', body: { trunk_name: p.trunk_name, ...trunkBody({ ...p.additionalFields, webhook_url: p.webhook_url }) } }),
	}),
	operation({
		resource: 'sipTrunk', operation: 'getAll', name: 'Get Many', action: 'Get many SIP trunks',
		description: 'List the SIP trunks of the domain',
		...params([]),
		repeatable: true,
		request: () => ({ method: 'GET', path: '/sip-trunk' }),
		// The docs: limit 1-100, starting_after / ending_before.
		paginate: dailyCursor(),
	}),
	operation({
		resource: 'sipTrunk', operation: 'get', name: 'Get', action: 'Get a SIP trunk',
		description: 'Get a SIP trunk with its SIP URI and settings',
		...params([sipTrunkId]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/sip-trunk/${pathSegment(p.sipTrunkId)}` }),
	}),
	operation({
		resource: 'sipTrunk', operation: 'update', name: 'Update', action: 'Update a SIP trunk',
		description: 'Change the fields given and keep the rest; the trunk name cannot change. A new webhook URL or secret is probed first.',
		properties: update.properties,
		schema: updateSchema,
		repeatable: true,
		request: (p) => ({ method: 'PUT', path: `/sip-trunk/${pathSegment(p.sipTrunkId)}`, body: trunkBody(p.updateFields ?? {}) }),
	}),
	operation({
		resource: 'sipTrunk', operation: 'delete', name: 'Delete', action: 'Delete a SIP trunk',
		description: 'Delete a SIP trunk; calls to its SIP URI stop',
		...params([sipTrunkId]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/sip-trunk/${pathSegment(p.sipTrunkId)}` }),
		output: (body, p) => ({ deleted: true, id: p.sipTrunkId, ...(body && typeof body === 'object' ? body : {}) }),
	}),
];

export const sipTrunk: ResourceDescriptor = { value: 'sipTrunk', name: 'SIP Trunk', operations };
