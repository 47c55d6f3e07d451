import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { operation, type OperationDescriptor, propertyOf, type ResourceDescriptor } from '../../shared/model/descriptor';
import { collection, defined, pathSegment, field, idField, params } from '../../shared/parameters/fields';
import { dailyCursor, E164 } from '../fields';

/** Daily's phone numbers (spec tag phone-numbers, paid plans): search, buy, list and release. */

const DIGITS = { regex: /^\d{3,7}$/, message: 'must be 3 to 7 digits' };

const phoneNumberId = idField('phoneNumberId', 'Phone Number ID', 'The ID of the purchased number (not the number itself)', 'searchPhoneNumbers');

/**
 * A switch the user turns on by hand: `noDataExpression` keeps expressions out, and with them `$fromAI`, so an
 * AI agent calling the node as a tool can never set it (n8n offers "let the model define this" only where
 * expressions are allowed).
 */
function consent<N extends string>(name: N, displayName: string, description: string, refusal: string) {
	const spec = field({
		displayName, name, type: 'boolean', default: false, required: true, description,
		zod: z.boolean({ invalid_type_error: 'must be true or false' }).refine((on) => on, refusal),
	});
	const { properties, schema } = params([spec]);
	return { properties: properties.map((p): INodeProperties => ({ ...p, noDataExpression: true })), schema };
}

const buyConsent = consent(
	'confirmPurchase',
	'I Understand This Buys a Phone Number Billed to My Account',
	'Whether you agree that running this buys a number that Daily bills to your account every month. Set by hand: an AI agent using the node as a tool cannot turn it on.',
	'must be turned on to buy a number: Daily bills a bought number to your account (nothing was sent)',
);
const releaseConsent = consent(
	'confirmRelease',
	'I Understand This Releases the Number for Good',
	'Whether you agree that the number goes back to the carrier and cannot be got back. Set by hand: an AI agent using the node as a tool cannot turn it on.',
	'must be turned on to release a number: a released number cannot be got back (nothing was sent)',
);

const search = params([], [
	collection('filters', 'Filters', [
		{ displayName: 'Area Code', name: 'areacode', type: 'string', default: '', description: 'Only numbers in this area code, e.g. 305', pattern: { regex: /^\d{2,5}$/, message: 'must be digits, e.g. 305' } },
		{ displayName: 'Region', name: 'region', type: 'string', default: '', description: 'ISO 3166-2 alpha-2 region or state, e.g. CA for California; not with Area Code', pattern: { regex: /^[A-Za-z]{2}$/, message: 'must be a two-letter region code such as CA' } },
		{ displayName: 'City', name: 'city', type: 'string', default: '', description: 'A city in the region, e.g. New York; needs Region, and not with Area Code, Starts With, Contains or Ends With' },
		{ displayName: 'Contains', name: 'contains', type: 'string', default: '', description: 'Digits (3 to 7) that appear somewhere in the number', pattern: DIGITS },
		{ displayName: 'Starts With', name: 'starts_with', type: 'string', default: '', description: 'Digits (3 to 7) the number starts with; not with Contains or Ends With', pattern: DIGITS },
		{ displayName: 'Ends With', name: 'ends_with', type: 'string', default: '', description: 'Digits (3 to 7) the number ends with; not with Starts With or Contains', pattern: DIGITS },
	], 'Add Filter'),
]);

type Filters = Partial<Record<'areacode' | 'region' | 'city' | 'contains' | 'starts_with' | 'ends_with', string>>;

/** The combinations the spec's parameter descriptions rule out, refused before Daily answers 400. */
const searchSchema = search.schema.superRefine((p, ctx) => {
	const f: Filters = p.filters ?? {};
	const clash = (field: keyof Filters, others: Array<keyof Filters>, label: string) => {
		if (f[field] && others.some((o) => f[o])) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['filters', field], message: label });
	};
	clash('region', ['areacode'], 'cannot be combined with Area Code');
	clash('city', ['areacode', 'starts_with', 'contains', 'ends_with'], 'cannot be combined with Area Code, Starts With, Contains or Ends With');
	clash('starts_with', ['contains', 'ends_with'], 'cannot be combined with Contains or Ends With');
	clash('ends_with', ['contains'], 'cannot be combined with Contains');
	if (f.city && !f.region) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['filters', 'city'], message: 'needs Region too' });
});

const buy = params([], [
	collection('additionalFields', 'Additional Fields', [
		{ displayName: 'Number', name: 'number', type: 'string', default: '', description: 'The number to buy, in E.164 form, e.g. one Search Available found; without it Daily buys a random US number', pattern: E164 },
	]),
]);

const list = params([], [
	collection('filters', 'Filters', [
		{ displayName: 'Name', name: 'filter_name', type: 'string', default: '', description: 'Only numbers whose name matches' },
		{ displayName: 'Number', name: 'filter_number', type: 'string', default: '', description: 'Only numbers that match these digits' },
	], 'Add Filter'),
]);

const operations: OperationDescriptor[] = [
	operation({
		resource: 'phoneNumber', operation: 'searchAvailable', name: 'Search Available', action: 'Search phone numbers to buy',
		description: 'Find numbers that can be bought, by area code, region and city, or digits; free, buys nothing',
		properties: search.properties,
		schema: searchSchema,
		repeatable: true,
		request: (p) => ({ method: 'GET', path: '/list-available-numbers', qs: defined(p.filters) }),
		output: (body) => {
			const data = propertyOf(body, 'data');
			return Array.isArray(data) ? (data as IDataObject[]) : [];
		},
	}),
	operation({
		resource: 'phoneNumber', operation: 'buy', name: 'Buy', action: 'Buy a phone number',
		description: 'Buy a phone number, billed to your Daily account. Needs the "I Understand" switch, which only a person can turn on.',
		properties: [...buyConsent.properties, ...buy.properties],
		schema: buyConsent.schema.and(buy.schema),
		// Sent once: a purchase is never repeated after an answer that may have been lost.
		repeatable: false,
		request: (p) => ({ method: 'POST', path: '/buy-phone-number', body: defined({ number: p.additionalFields?.number }) }),
	}),
	operation({
		resource: 'phoneNumber', operation: 'getAll', name: 'Get Many', action: 'Get many purchased phone numbers',
		description: 'List the phone numbers bought for the domain',
		...list,
		repeatable: true,
		request: (p) => ({ method: 'GET', path: '/purchased-phone-numbers', qs: defined(p.filters) }),
		// Pages follow an entry's pagination_id, not its id (the spec's example answer carries both); at most 50 a
		// call: "Each call to this endpoint fetches a maximum of 50" (docs.daily.co purchased-phone-numbers).
		paginate: dailyCursor('pagination_id', 50),
	}),
	operation({
		resource: 'phoneNumber', operation: 'release', name: 'Release', action: 'Release a phone number',
		description: 'Give a purchased number back; Daily refuses within 14 days of purchase. Needs the "I Understand" switch, which only a person can turn on.',
		properties: [...params([phoneNumberId]).properties, ...releaseConsent.properties],
		schema: params([phoneNumberId]).schema.and(releaseConsent.schema),
		repeatable: true,
		request: (p) => ({ method: 'DELETE', path: `/release-phone-number/${pathSegment(p.phoneNumberId)}` }),
		output: (body, p) => ({ released: true, id: p.phoneNumberId, ...(body && typeof body === 'object' ? body : {}) }),
	}),
];

export const phoneNumber: ResourceDescriptor = { value: 'phoneNumber', name: 'Phone Number', operations };
