// Not in Daily's OpenAPI file: the contract is the docs pages, each with its own OpenAPI excerpt:
// https://docs.daily.co/reference/rest-api/sip-clients (create, list, get, delete, rotate).
import { operation, type OperationDescriptor, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, field, params } from '../../shared/parameters/fields';

/** The docs: "a room-style name, optionally suffixed with .<number>", e.g. myroom.0. */
const USERNAME = { regex: /^[A-Za-z0-9_-]{1,128}(\.\d+)?$/, message: "may contain only letters, digits, '_' and '-', optionally followed by .<number> (e.g. myroom.0)" };

const username = field({
	displayName: 'Username', name: 'sipClientUsername', type: 'string', default: '', required: true,
	description: 'The SIP username of the client', pattern: USERNAME, placeholder: 'e.g. myroom.0',
	locator: { list: 'searchSipClients', typed: 'name' },
});

const password = field({ displayName: 'Password', name: 'password', type: 'string', default: '', typeOptions: { password: true }, description: 'The SIP password; Daily makes one when left empty. Returned once, in this answer only.' });


const create = params([{ ...username, name: 'username', description: 'The SIP username of the new client', locator: undefined }], [
	collection('additionalFields', 'Additional Fields', [
		password,
		{ displayName: 'Expires In (Seconds)', name: 'expires_in_seconds', type: 'number', default: 3600, integer: true, min: 1, description: 'Daily removes the client after this many seconds; without it the client stays' },
	]),
]);

const operations: OperationDescriptor[] = [
	operation({
		resource: 'sipClient', operation: 'create', name: 'Create', action: 'Create a SIP client',
		description: 'Register a softphone credential for the domain; the answer holds its SIP URI and its password, shown only this once',
		...create,
		repeatable: false,
		request: (p) => ({ method: 'POST', path: '/sip-clients', body: { username: p.username, ...defined(p.additionalFields) } }),
	}),
	operation({
		resource: 'sipClient', operation: 'getAll', name: 'Get Many', action: 'Get many SIP clients',
		description: 'List the SIP clients of the domain (without passwords)',
		...params([]),
		repeatable: true,
		request: () => ({ method: 'GET', path: '/sip-clients' }),
		// The docs: limit 1-100 and offset; the answer is {sip_clients, total, limit, offset}.
		paginate: { style: 'offset', itemsPath: 'sip_clients', totalField: 'total', maxPageSize: 100 },
	}),
	operation({
		resource: 'sipClient', operation: 'get', name: 'Get', action: 'Get a SIP client',
		description: 'Get a SIP client by username (without its password)',
		...params([username]),
		repeatable: true,
		request: (p) => ({ method: 'GET', path: `/sip-clients/${pathSegment(p.sipClientUsername)}` }),
	}),
	operation({
		resource: 'sipClient', operation: 'delete', name: 'Delete', action: 'Delete a SIP client',
		description: 'Delete a SIP client; its softphone can no longer register',
		...params([username]),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/sip-clients/${pathSegment(p.sipClientUsername)}` }),
		output: (body, p) => ({ deleted: true, username: p.sipClientUsername, ...(body && typeof body === 'object' ? body : {}) }),
	}),
	operation({
		resource: 'sipClient', operation: 'rotate', name: 'Rotate Password', action: 'Rotate the password of a SIP client',
		description: 'Give a SIP client a new password (yours, or one Daily makes), returned once; its SIP URI and expiry stay',
		...params([username], [collection('options', 'Options', [{ ...password, description: 'The new SIP password; Daily makes one when left empty' }], 'Add Option')]),
		// Sent again after a lost answer: the password of the last rotation is the one that holds, and it is in the answer.
		repeatable: true,
		request: (p) => ({ method: 'POST', path: `/sip-clients/${pathSegment(p.sipClientUsername)}/rotate`, body: defined(p.options) }),
	}),
];

export const sipClient: ResourceDescriptor = { value: 'sipClient', name: 'SIP Client', operations };
