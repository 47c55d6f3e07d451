import { z } from 'zod';
import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, field, type FieldSpec, idField, params } from '../../shared/parameters/fields';
import { DAILY_EVENT_TYPES } from '../events';

const webhookId = idField('webhookId', 'Webhook ID', 'The UUID of the webhook', 'searchWebhooks');

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64 text');

const settings: FieldSpec[] = [
	{ displayName: 'HMAC Secret', name: 'hmac', type: 'string', default: '', typeOptions: { password: true }, description: 'Base64 secret to sign deliveries with; Daily makes one when left empty', zod: base64 },
	{ displayName: 'Basic Auth', name: 'basicAuth', type: 'string', default: '', typeOptions: { password: true }, description: 'Sent as the Basic credentials of the Authorization header with each delivery' },
	{ displayName: 'Retry Type', name: 'retryType', type: 'options', default: '', options: [['circuit-breaker', 'Circuit Breaker'], ['exponential', 'Exponential']], description: 'Circuit breaker stops deliveries after 3 failures; exponential retries each event up to 5 times' },
];

const url = field({ displayName: 'URL', name: 'url', type: 'string', default: '', required: true, url: true, description: 'Where Daily sends events; it must answer Daily\'s test request with 200' });
const eventTypes = field({ displayName: 'Event Types', name: 'eventTypes', type: 'multiOptions', default: [], required: true, options: DAILY_EVENT_TYPES, description: 'Which events are sent', zod: z.array(z.enum(DAILY_EVENT_TYPES.map(([v]) => v) as [string, ...string[]], { errorMap: () => ({ message: `each value must be one of ${DAILY_EVENT_TYPES.map(([v]) => `'${v}'`).join(', ')}` }) })).min(1, 'choose at least one event type') });

const operations: OperationDescriptor[] = [
	operation({
		resource: 'webhook', operation: 'create', name: 'Create', action: 'Create a webhook',
		description: 'Register a URL for events; Daily allows one webhook per domain and sends a test request first',
		...params([url, eventTypes], [collection('options', 'Options', settings, 'Add Option')]),
		repeatable: false,
		request: (p) => ({ method: 'POST', path: '/webhooks', body: defined({ url: p.url, eventTypes: p.eventTypes, ...p.options }) }),
	}),
	operation({
		resource: 'webhook', operation: 'getAll', name: 'Get Many', action: 'Get many webhooks',
		description: 'List the webhooks of the domain',
		...params([]),
		repeatable: true,
		request: () => ({ method: 'GET', path: '/webhooks' }),
	}),
	operation({
		resource: 'webhook', operation: 'get', name: 'Get', action: 'Get a webhook',
		description: 'Get a webhook with its state (ACTIVE or FAILED) and failure count',
		...params([webhookId]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/webhooks/${pathSegment(p.webhookId)}` }),
		// Daily's spec answers an array of webhooks here, its docs prose one object: the webhook either way. An array
		// without the asked-for webhook (Daily keeps one per domain) is returned as it came, never as another webhook.
		output: (body, p) => (Array.isArray(body) ? (body.find((w) => w?.uuid === p.webhookId) ?? { webhooks: body }) : body),
	}),
	operation({
		resource: 'webhook', operation: 'update', name: 'Update', action: 'Update a webhook',
		description: 'Change a webhook; this also re-activates a FAILED webhook',
		...params([webhookId], [collection('updateFields', 'Update Fields', [
			{ ...url, required: false },
			{ ...eventTypes, required: false },
			...settings,
		], 'Add Field')]),
		repeatable: true,
		request: (p) => ({ method: 'POST', path: `/webhooks/${pathSegment(p.webhookId)}`, body: defined(p.updateFields) }),
	}),
	operation({
		resource: 'webhook', operation: 'delete', name: 'Delete', action: 'Delete a webhook',
		description: 'Delete a webhook',
		...params([webhookId]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/webhooks/${pathSegment(p.webhookId)}` }),
		output: (body, p) => ({ deleted: true, uuid: p.webhookId, ...(body && typeof body === 'object' ? body : {}) }),
	}),
];

export const webhook: ResourceDescriptor = { value: 'webhook', name: 'Webhook', operations };
