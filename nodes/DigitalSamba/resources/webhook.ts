import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { operation, type OperationDescriptor, type PrepareContext, propertyOf, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, field, type FieldSpec, idField, params } from '../../shared/parameters/fields';
import { type AccountList, checkedAgainstTeam, checkListed } from '../accountLists';
import { DIGITAL_SAMBA_EVENTS } from '../events';
import { listOptions } from '../fields';
import { dsOffset } from '../transport';

// Picked from the team's webhooks (GET /webhooks) or typed; a workflow saved when it was a text field holds the ID as
// plain text, which n8n hands over as it is.
const webhookId = idField('webhookId', 'Webhook', 'The webhook: its ID (UUID)', 'searchWebhooks');

/** The events the team's API lists (GET /events); the documented ones when that list cannot be read. */
export const EVENT_LIST: AccountList = { path: '/events', builtIn: DIGITAL_SAMBA_EVENTS.map(([name]) => name) };

/** POST /webhooks and PATCH /webhooks/{webhook}: the endpoint "Must not be greater than 100 characters". */
export const ENDPOINT_MAX = 100;

// POST /webhooks: endpoint is a URL of 3 to 100 characters; name 3 to 100 characters.
const endpointZod = z
	.string({ invalid_type_error: 'must be text' })
	.min(3, 'must be at least 3 characters')
	.max(ENDPOINT_MAX, `must be at most ${ENDPOINT_MAX} characters (Digital Samba refuses longer endpoints)`)
	.url('must be an http(s) URL')
	.regex(/^https?:\/\//i, 'must be an http(s) URL');
const nameZod = z.string().min(3, 'must be at least 3 characters').max(100, 'must be at most 100 characters');

const endpoint = field({
	displayName: 'Endpoint', name: 'endpoint', type: 'string', default: '', zod: endpointZod,
	placeholder: 'e.g. https://example.com/hooks/digital-samba', description: 'The URL that receives the events, at most 100 characters',
});
// The dropdown lists the team's events (GET /events); what is sent is checked against the same list before sending
// (checkEvents). Given as a list or as comma-separated text (an expression).
const events = field({
	displayName: 'Event Names or IDs', name: 'events', type: 'multiOptions', default: [], loadOptions: 'getWebhookEvents',
	description: 'The events that call the endpoint, e.g. session_started, recording_ready. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
});
const optional: FieldSpec[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', zod: nameZod, description: 'A name for the webhook, 3 to 100 characters' },
	{ displayName: 'Authorization Header', name: 'authorization_header', type: 'string', default: '', typeOptions: { password: true }, description: 'A secret Digital Samba sends as the Authorization header of each call, so the endpoint can check it' },
];

const removeAuthorization = field({
	displayName: 'Remove Authorization Header', name: 'remove_authorization_header', type: 'boolean', default: false,
	description: 'Whether to remove the authorization header, so Digital Samba calls the endpoint without one',
});

const create = params([{ ...endpoint, required: true }, { ...events, required: true }], [collection('additionalFields', 'Additional Fields', optional)]);

const updateParams = params([webhookId], [collection('updateFields', 'Update Fields', [endpoint, events, ...optional, removeAuthorization])]);
const update = {
	properties: updateParams.properties,
	schema: updateParams.schema.refine((p) => !(p.updateFields?.remove_authorization_header === true && p.updateFields.authorization_header !== undefined), {
		path: ['updateFields', 'authorization_header'],
		message: 'set a new authorization header or remove it, not both',
	}),
};

/** Refuses, before sending, events the team's API does not list, naming the field and the events it lists. */
const checkEvents = (properties: INodeProperties[], at: string[]) => async (ctx: PrepareContext, p: Record<string, unknown>) => {
	const value = at.reduce<unknown>((inner, key) => propertyOf(inner, key), p);
	const names = Array.isArray(value) ? value.map((name, i) => ({ name: String(name), path: [...at, i] })) : [];
	await checkListed(ctx, EVENT_LIST, names, properties, (unknown, allowed) => `each value must be one of ${allowed}; not ${unknown.map((n) => `'${n}'`).join(', ')}`);
};

const operations: OperationDescriptor[] = [
	operation({
		resource: 'webhook', operation: 'getAll', name: 'Get Many', action: 'Get many webhooks',
		description: 'List the webhooks of the team with their endpoints and names, one item each',
		...params([], [listOptions()]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: '/webhooks', qs: defined(p.options) }),
		paginate: dsOffset,
	}),
	operation({
		resource: 'webhook', operation: 'get', name: 'Get', action: 'Get a webhook',
		description: 'Get one webhook with its endpoint and the events it receives',
		...params([webhookId]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/webhooks/${pathSegment(p.webhookId)}` }),
	}),
	checkedAgainstTeam(operation({
		resource: 'webhook', operation: 'create', name: 'Create', action: 'Create a webhook',
		description: 'Register a URL that Digital Samba calls when the chosen events happen, e.g. session_ended or recording_ready',
		properties: create.properties,
		schema: create.schema.refine((p) => p.events.length > 0, { path: ['events'], message: 'choose at least one event' }),
		repeatable: false,
		request: (p) => ({ method: 'POST', path: '/webhooks', body: { endpoint: p.endpoint, events: p.events, ...defined(p.additionalFields) } }),
	}), checkEvents(create.properties, ['events'])),
	checkedAgainstTeam(operation({
		resource: 'webhook', operation: 'update', name: 'Update', action: 'Update a webhook',
		description: 'Change the endpoint, events, name or authorization header of a webhook',
		...update,
		repeatable: true,
		request: (p) => {
			const { remove_authorization_header: remove, ...fields } = defined(p.updateFields);
			// The spec's authorization_header is nullable: null removes it (an empty value is never sent).
			return { method: 'PATCH', path: `/webhooks/${pathSegment(p.webhookId)}`, body: { ...fields, ...(remove === true ? { authorization_header: null } : {}) } };
		},
	}), checkEvents(update.properties, ['updateFields', 'events'])),
	operation({
		resource: 'webhook', operation: 'delete', name: 'Delete', action: 'Delete a webhook',
		description: 'Delete a webhook; Digital Samba stops calling its endpoint',
		...params([webhookId]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/webhooks/${pathSegment(p.webhookId)}` }),
		output: (_body, p) => ({ deleted: true, webhookId: p.webhookId }),
	}),
];

export const webhook: ResourceDescriptor = { value: 'webhook', name: 'Webhook', operations };
