import type { INodeProperties } from 'n8n-workflow';
import { params } from '../../shared/parameters/fields';
import { expiryField, productOperation, TOKEN_EXPIRY_DEFAULT, TOKEN_FIELDS, type ProductResource } from '../fields';

const fields = params([
	...TOKEN_FIELDS.map((f) => (f.type === 'boolean' ? f : { ...f, required: true as const })),
	expiryField(`How long the token stays valid, e.g. 1h, 30m or 7d; ${TOKEN_EXPIRY_DEFAULT}`),
]);

/**
 * Expires In was 1h by default in node version 1, and n8n does not store a parameter left at its default: a saved
 * version 1 workflow keeps sending 1h. From version 1.1 it is empty, so the server's own default applies.
 */
const create = {
	...fields,
	properties: fields.properties.flatMap((p): INodeProperties[] =>
		p.name === 'expire'
			? [
					{ ...p, default: '1h', displayOptions: { show: { '@version': [1] } } },
					{ ...p, displayOptions: { show: { '@version': [1.1] } } },
				]
			: [p],
	),
};

export const token: ProductResource = {
	value: 'token',
	name: 'Token',
	description: 'Signed tokens that let a user into a protected host or room',
	operations: [
		productOperation({
			resource: 'token', operation: 'create', name: 'Create', action: 'Create a token',
			products: { sfu: {}, p2p: {} },
			endpoint: 'token',
			description: 'Create a signed JWT (token) for a username and password, optionally as presenter, valid for the given time; add it to a join URL as token=... Off by default on the server.',
			...create,
			// A signed text the server keeps no record of.
			repeatable: true,
			request: (p: { username: string; password: string; presenter?: boolean; expire?: string }) => ({
				method: 'POST',
				path: '/token',
				body: { username: p.username, password: p.password, presenter: p.presenter ?? false, ...(p.expire ? { expire: p.expire } : {}) },
			}),
		}),
	],
};
