import nock from 'nock';
import type { IDataObject, ILoadOptionsFunctions, INodeProperties } from 'n8n-workflow';
import { DailyApi } from '../../../credentials/DailyApi.credentials';
import { Daily } from '../../../nodes/Daily/Daily.node';
import { dailyResources } from '../../../nodes/Daily/resources';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { createContext } from '../../helpers/context';
import { DAILY_KEY, DAILY_URL, runDaily } from '../../helpers/daily';
import { paths } from '../../helpers/dailySpec';
import { type DailyOperation, loadDailySpec, requestErrors } from '../../simulators/daily/spec';

/**
 * The Daily operations added for issue #16 (phone numbers, dial-in configs, pinless call forwarding, SIP trunks,
 * SIP clients), each run through the node with every field set, its call recorded, and the call checked against
 * the contract the simulator enforces (requestErrors): Daily's OpenAPI file, and for SIP (absent from that file) the
 * overlay's entries transcribed from the docs pages (docs.daily.co/reference/rest-api/sip-trunk/*, sip-clients/*).
 * The contract says which keys exist and which are required; no expected body is written here.
 */

/** An operation of the contract (spec + overlay) by its operationId: the one the simulator enforces. */
function byId(operationId: string): DailyOperation {
	const op = loadDailySpec().operations.find((o) => o.operationId === operationId);
	if (!op) throw new Error(`no operation ${operationId} in the contract`);
	return op;
}

interface Call {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
}

/** Records every call to Daily; answers with `answer` (default: 200 and an empty list page). */
function record(answer: (call: Call) => [number, unknown] = () => [200, { total_count: 0, data: [] }]): Call[] {
	const calls: Call[] = [];
	for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
		nock(DAILY_URL).persist().intercept(/.*/, method).query(true).reply((uri, body) => {
			const url = new URL(uri, DAILY_URL);
			const call: Call = {
				method,
				path: url.pathname.replace(/^\/v1/, ''),
				query: Object.fromEntries(url.searchParams),
				body: body === '' || body === undefined ? undefined : typeof body === 'string' ? JSON.parse(body) : body,
			};
			calls.push(call);
			return answer(call);
		});
	}
	return calls;
}

/** The scalars a user typed (not the resource/operation, switches or paging): each must reach Daily somewhere. */
function typedValues(params: IDataObject): string[] {
	const out: string[] = [];
	const walk = (v: unknown, key: string) => {
		if (/^(resource|operation|confirm\w+|returnAll|limit|rotateHmac|clearCredential)$/.test(key)) return;
		if (v && typeof v === 'object' && (v as IDataObject).__rl) return walk((v as IDataObject).value, key);
		if (v && typeof v === 'object') return Object.entries(v).forEach(([k, x]) => walk(x, k));
		if (typeof v === 'string') out.push(...(v.trim().startsWith('{') ? [] : v.split(',').map((s) => s.trim())));
		else if (v !== undefined) out.push(String(v));
	};
	walk(params, '');
	return out;
}

interface Case {
	resource: string;
	operation: string;
	/** The contract: an operationId of Daily's spec, or of a docs page (SIP). */
	contract: string;
	params: IDataObject;
	/** The path parameter the call must carry, where the contract's path has one. */
	id?: string;
	reply?: unknown;
}

const PHONE_ID = '85a70a9a-e22f-4a8d-8302-bbf1b88dd909';
const CONFIG_ID = '0cb313e1-211f-4be0-833d-8c7305b19902';
const TRUNK_ID = '5b0e2f3a-7c1d-4e8f-9a2b-3c4d5e6f7a8b';

const cases: Case[] = [
	{ resource: 'phoneNumber', operation: 'searchAvailable', contract: 'ListAvailableNumbers', params: { filters: { region: 'CA', city: 'San Francisco' } } },
	{ resource: 'phoneNumber', operation: 'searchAvailable', contract: 'ListAvailableNumbers', params: { filters: { areacode: '305', contains: '8700' } } },
	{ resource: 'phoneNumber', operation: 'searchAvailable', contract: 'ListAvailableNumbers', params: { filters: { starts_with: '1305' } } },
	{ resource: 'phoneNumber', operation: 'searchAvailable', contract: 'ListAvailableNumbers', params: { filters: { ends_with: '0061' } } },
	{ resource: 'phoneNumber', operation: 'buy', contract: 'BuyPhoneNumber', params: { confirmPurchase: true, additionalFields: { number: '+18058700061' } }, reply: { id: PHONE_ID, number: '+18058700061' } },
	{ resource: 'phoneNumber', operation: 'buy', contract: 'BuyPhoneNumber', params: { confirmPurchase: true } },
	{ resource: 'phoneNumber', operation: 'getAll', contract: 'PurchasedPhoneNumbers', params: { returnAll: false, limit: 2, filters: { filter_name: 'Acme', filter_number: '805' } } },
	{ resource: 'phoneNumber', operation: 'release', contract: 'ReleasePhoneNumber', params: { phoneNumberId: { __rl: true, mode: 'list', value: PHONE_ID }, confirmRelease: true }, id: PHONE_ID, reply: { status: 'ok' } },
	{
		resource: 'dialinConfig', operation: 'create', contract: 'CreateDomainDialConfigInfo',
		params: { type: 'pinless_dialin', phone_number: '+12555599999', additionalFields: { name_prefix: 'support', hmac: 'c2VjcmV0', room_creation_api: 'https://example.com/api/create-room', hold_music_url: 'https://example.com/hold.mp3', timeout_config: 'No agents right now' } },
	},
	{ resource: 'dialinConfig', operation: 'create', contract: 'CreateDomainDialConfigInfo', params: { type: 'pin_dialin', phone_number: '+12555599998', additionalFields: { name_prefix: 'pin', ivr_greeting: 'Enter the PIN from the invite' } } },
	// The spec's field text: phone_number is "optional for pin_dialin" (issue #22; the overlay's create entry says why).
	{ resource: 'dialinConfig', operation: 'create', contract: 'CreateDomainDialConfigInfo', params: { type: 'pin_dialin', additionalFields: { name_prefix: 'pin-no-number' } } },
	{ resource: 'dialinConfig', operation: 'getAll', contract: 'ListDomainDialinConfigs', params: { returnAll: true, filters: { type: 'pin_dialin', phone_number: '+12555599999', phone_numbers: '+1255, +1305', sip_username: 'user--1739943585193', name_prefix: 'new-api' } } },
	{ resource: 'dialinConfig', operation: 'get', contract: 'GetDomainDialinConfigInfo', params: { dialinConfigId: CONFIG_ID }, id: CONFIG_ID },
	{
		resource: 'dialinConfig', operation: 'update', contract: 'UpdateDomainDialConfigInfo', id: CONFIG_ID,
		params: { dialinConfigId: CONFIG_ID, updateFields: { phone_number: '+12555599997', name_prefix: 'renamed', hmac: 'bmV3', room_creation_api: 'https://example.com/rooms', hold_music_url: 'https://example.com/music.mp3', timeout_config: 'Try later', ivr_greeting: 'Hello' } },
	},
	{ resource: 'dialinConfig', operation: 'delete', contract: 'DeleteDomainDialinConfig', params: { dialinConfigId: CONFIG_ID }, id: CONFIG_ID, reply: { status: 'ok' } },
	{ resource: 'dialinConfig', operation: 'pinlessCallUpdate', contract: 'PinlessCallUpdate', params: { callId: '2b4a0d4c-6a5e-4b0a-9a43-5c2c1f0e7d11', callDomain: 'c4f0e3a2-1b2c-4d5e-8f90-a1b2c3d4e5f6', sipUri: 'sip:room-abc@example.sip.daily.co' } },
	{
		resource: 'sipTrunk', operation: 'create', contract: 'CreateSipTrunk',
		params: { trunk_name: 'support', webhook_url: 'https://example.com/sip', additionalFields: { description: 'Support line', enabled: true, hmac: 'aG1hYw==', room_template: '{"enable_recording": "cloud"}', allowed_ips: '203.0.113.5, 203.0.113.6', credentialUsername: 'carrier', credentialPassword: 'pa55word', exp_offset: 1800 } },
	},
	{ resource: 'sipTrunk', operation: 'create', contract: 'CreateSipTrunk', params: { trunk_name: 'open', webhook_url: 'https://example.com/sip', additionalFields: { is_open: true } } },
	{ resource: 'sipTrunk', operation: 'getAll', contract: 'ListSipTrunks', params: { returnAll: false, limit: 5 } },
	{ resource: 'sipTrunk', operation: 'get', contract: 'GetSipTrunk', params: { sipTrunkId: TRUNK_ID }, id: TRUNK_ID },
	{
		resource: 'sipTrunk', operation: 'update', contract: 'UpdateSipTrunk', id: TRUNK_ID,
		params: { sipTrunkId: TRUNK_ID, updateFields: { webhook_url: 'https://example.com/sip2', rotateHmac: true, clearCredential: true, description: 'Moved', enabled: false, room_template: '{}', allowed_ips: '198.51.100.1', is_open: false, exp_offset: 600 } },
	},
	{ resource: 'sipTrunk', operation: 'update', contract: 'UpdateSipTrunk', id: TRUNK_ID, params: { sipTrunkId: TRUNK_ID, updateFields: { hmac: 'bmV3', credentialUsername: 'c2', credentialPassword: 'p2' } } },
	{ resource: 'sipTrunk', operation: 'delete', contract: 'DeleteSipTrunk', params: { sipTrunkId: TRUNK_ID }, id: TRUNK_ID },
	{ resource: 'sipClient', operation: 'create', contract: 'CreateSipClient', params: { username: 'myroom.0', additionalFields: { password: 's3cret-pass', expires_in_seconds: 600 } } },
	{ resource: 'sipClient', operation: 'getAll', contract: 'ListSipClients', params: { returnAll: false, limit: 3 }, reply: { sip_clients: [], total: 0, limit: 3, offset: 0 } },
	{ resource: 'sipClient', operation: 'get', contract: 'GetSipClient', params: { sipClientUsername: 'myroom.0' }, id: 'myroom.0' },
	{ resource: 'sipClient', operation: 'delete', contract: 'DeleteSipClient', params: { sipClientUsername: 'myroom.0' }, id: 'myroom.0' },
	{ resource: 'sipClient', operation: 'rotate', contract: 'RotateSipClient', params: { sipClientUsername: { __rl: true, mode: 'name', value: 'myroom.0' }, options: { password: 'n3w-pass' } }, id: 'myroom.0' },
	{ resource: 'sipClient', operation: 'rotate', contract: 'RotateSipClient', params: { sipClientUsername: 'myroom.0' }, id: 'myroom.0' },
];

const NEW = ['phoneNumber', 'dialinConfig', 'sipTrunk', 'sipClient'];

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	resetRateLimits();
});
afterAll(() => nock.enableNetConnect());

describe('Daily telephony operations against the contract', () => {
	it('has a case for every operation of the new resources: the 20 the issue names (its 21st, the batch job list, is another part)', () => {
		const offered = dailyResources.filter((r) => NEW.includes(r.value)).flatMap((r) => r.operations.map((op) => `${r.value}.${op.operation}`));
		expect(offered).toHaveLength(20);
		expect(offered.filter((name) => !cases.some((c) => `${c.resource}.${c.operation}` === name))).toEqual([]);
	});

	it('the spec families are all reached: every phone-numbers, domain-dialin-config and dialin operation of the spec', () => {
		const tagged = Object.values<Record<string, any>>(paths).flatMap((item) => Object.values<any>(item))
			.filter((op) => (op.tags ?? []).some((t: string) => ['phone-numbers', 'domain-dialin-config', 'dialin'].includes(t)))
			.map((op) => op.operationId as string);
		expect(tagged.length).toBe(10);
		expect(tagged.filter((id) => !cases.some((c) => c.contract === id))).toEqual([]);
	});

	it.each(cases.map((c, i) => [`${c.resource} ${c.operation} #${i}`, c] as const))('%s', async (_name, c) => {
		const calls = record(() => [200, c.reply ?? { total_count: 0, data: [] }]);
		await runDaily({ resource: c.resource, operation: c.operation, ...c.params });
		expect(calls).toHaveLength(1);
		const [call] = calls;
		// The operation the contract names for this method and path, with the identifier the user picked in the path.
		const found = loadDailySpec().match(call.method, call.path);
		expect([call.method, call.path, found?.op.operationId]).toEqual([call.method, call.path, c.contract]);
		if (c.id !== undefined) expect(Object.values(found!.params)).toEqual([c.id]);
		// Query and body: declared keys only, the required ones present, of their types; no body where none is taken.
		expect(requestErrors(call.method, call.path, new URLSearchParams(call.query), call.body).errors).toEqual([]);
		// Nothing the user typed is dropped on the way.
		const sent = JSON.stringify([call.path, call.query, call.body]);
		expect(typedValues(c.params).filter((v) => !sent.includes(v.replace(/"/g, '\\"')))).toEqual([]);
	});

	it('update sends null where the docs say null rotates the trunk secret or clears its credential', async () => {
		const calls = record(() => [200, {}]);
		await runDaily({ resource: 'sipTrunk', operation: 'update', sipTrunkId: TRUNK_ID, updateFields: { rotateHmac: true, clearCredential: true } });
		expect(calls[0].body).toEqual({ notification: { hmac: null }, trunk_config: { credential: null } });
	});
});

const description = new Daily().description;
const property = (name: string) => description.properties.filter((p) => p.name === name);

describe('Daily phone numbers: buying and releasing need a switch only a person sets', () => {
	it.each([
		['buy', 'confirmPurchase', { additionalFields: { number: '+18058700061' } }, 'I Understand This Buys a Phone Number Billed to My Account (confirmPurchase)'],
		['release', 'confirmRelease', { phoneNumberId: PHONE_ID }, 'I Understand This Releases the Number for Good (confirmRelease)'],
	])('%s: refused while %s is off, naming the switch, and nothing is sent', async (operation, name, params, label) => {
		const calls = record(() => [200, {}]);
		await expect(runDaily({ resource: 'phoneNumber', operation, ...params, [name]: false })).rejects.toThrow(label);
		await expect(runDaily({ resource: 'phoneNumber', operation, ...params })).rejects.toThrow(`${label}: is required`);
		expect(calls).toEqual([]);
	});

	it.each(['confirmPurchase', 'confirmRelease'])('%s is a boolean, off by default, that takes no expression (so no $fromAI)', (name) => {
		const [p] = property(name) as INodeProperties[];
		expect(p).toMatchObject({ type: 'boolean', default: false, noDataExpression: true });
		expect(p.description).toMatch(/AI agent .*cannot turn it on/);
	});

	it('says in the operation that buying costs money, for a person and an agent alike', () => {
		const operations = description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('phoneNumber'))!;
		const buy = (operations.options as Array<{ value: string; description: string }>).find((o) => o.value === 'buy')!;
		expect(buy.description).toMatch(/billed to your Daily account/);
	});
});

describe('Daily purchased phone numbers: Return All follows pagination_id', () => {
	it('asks for the page after the last pagination_id (not the id), 50 a page (the docs page\'s cap), until total_count is reached', async () => {
		const entry = (n: number) => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, pagination_id: 3000 + n, number: `+1805870${String(n).padStart(4, '0')}`, type: 'purchased_phone_number' });
		const calls = record((call) => {
			const after = call.query.starting_after === undefined ? 0 : Number(call.query.starting_after) - 3000;
			const count = Math.min(Number(call.query.limit), 50, 101 - after);
			return [200, { total_count: 101, data: Array.from({ length: count }, (_, i) => entry(after + i + 1)) }];
		});
		const { output } = await runDaily({ resource: 'phoneNumber', operation: 'getAll', returnAll: true });
		expect(calls.map((c) => c.query)).toEqual([{ limit: '50' }, { limit: '50', starting_after: '3050' }, { limit: '50', starting_after: '3100' }]);
		expect(output.map((i) => i.json.pagination_id)).toEqual(Array.from({ length: 101 }, (_, i) => 3001 + i));
		// The spec's query parameters, nothing else.
		const declared = byId('PurchasedPhoneNumbers').queryParams;
		expect(calls.flatMap((c) => Object.keys(c.query)).filter((k) => !declared.includes(k))).toEqual([]);
	});

	it('Limit stops at that many, in one call', async () => {
		const calls = record(() => [200, { total_count: 9, data: [{ id: 'a', pagination_id: 1 }, { id: 'b', pagination_id: 2 }] }]);
		const { output } = await runDaily({ resource: 'phoneNumber', operation: 'getAll', returnAll: false, limit: 2 });
		expect(output).toHaveLength(2);
		expect(calls).toHaveLength(1);
	});
});

describe('Daily telephony: bad input is refused before any request, naming the field', () => {
	it.each([
		['phoneNumber', { operation: 'searchAvailable', filters: { contains: '12' } }, 'Filters → Contains (filters.contains): must be 3 to 7 digits'],
		['phoneNumber', { operation: 'searchAvailable', filters: { city: 'Miami' } }, 'Filters → City (filters.city): needs Region too'],
		['phoneNumber', { operation: 'searchAvailable', filters: { region: 'FL', areacode: '305' } }, 'Filters → Region (filters.region): cannot be combined with Area Code'],
		['phoneNumber', { operation: 'searchAvailable', filters: { starts_with: '305', contains: '870' } }, 'Filters → Starts With (filters.starts_with): cannot be combined with Contains'],
		['phoneNumber', { operation: 'buy', confirmPurchase: true, additionalFields: { number: '8058700061' } }, 'Additional Fields → Number (additionalFields.number): must be an E.164 number'],
		['dialinConfig', { operation: 'create', type: 'pin_dialin', phone_number: '+12555599999', additionalFields: { hmac: 'c2VjcmV0' } }, "Additional Fields → HMAC Secret (additionalFields.hmac): does not apply to type 'pin_dialin'"],
		['dialinConfig', { operation: 'create', type: 'pinless_dialin', phone_number: '+12555599999', additionalFields: { ivr_greeting: 'Hi' } }, "Additional Fields → IVR Greeting (additionalFields.ivr_greeting): does not apply to type 'pinless_dialin'"],
		['dialinConfig', { operation: 'create', type: 'pin', phone_number: '+12555599999' }, "Type (type): must be one of 'pin_dialin', 'pinless_dialin'"],
		['dialinConfig', { operation: 'create', type: 'pinless_dialin' }, "Phone Number (phone_number): is required for type 'pinless_dialin'"],
		['dialinConfig', { operation: 'pinlessCallUpdate', callId: 'abc', callDomain: 'c4f0e3a2-1b2c-4d5e-8f90-a1b2c3d4e5f6', sipUri: 'sip:x@y' }, 'Call ID (callId): must be a UUID'],
		['sipTrunk', { operation: 'create', trunk_name: 'support', webhook_url: 'https://example.com/sip' }, 'Additional Fields → Is Open (additionalFields.is_open): must be on when the trunk has neither Allowed IPs nor a credential'],
		['sipTrunk', { operation: 'create', trunk_name: 'support', webhook_url: 'https://example.com/sip', additionalFields: { allowed_ips: '203.0.113.5', is_open: true } }, 'Additional Fields → Is Open (additionalFields.is_open): cannot be on with Allowed IPs or a credential'],
		['sipTrunk', { operation: 'create', trunk_name: 'support', webhook_url: 'https://example.com/sip', additionalFields: { credentialUsername: 'carrier' } }, 'Additional Fields → Credential Password (additionalFields.credentialPassword): is needed with the other credential field'],
		['sipTrunk', { operation: 'create', trunk_name: 'support', webhook_url: 'ftp://example.com', additionalFields: { is_open: true } }, 'Notification Webhook URL (webhook_url): must be an http(s) URL'],
		['sipTrunk', { operation: 'update', sipTrunkId: TRUNK_ID, updateFields: { rotateHmac: true, hmac: 'eA==' } }, 'Update Fields → Rotate HMAC Secret (updateFields.rotateHmac): cannot be on with Notification HMAC Secret'],
		['sipClient', { operation: 'create', username: 'my room' }, "Username (username): may contain only letters, digits, '_' and '-', optionally followed by .<number>"],
		['sipClient', { operation: 'create', username: 'myroom', additionalFields: { expires_in_seconds: 0 } }, 'Additional Fields → Expires In (Seconds) (additionalFields.expires_in_seconds): must be at least 1'],
	])('%s %j', async (resource, params, message) => {
		const calls = record();
		await expect(runDaily({ resource, ...params })).rejects.toThrow(message);
		expect(calls).toEqual([]);
	});
});

describe('Daily telephony: secrets sent stay out of errors', () => {
	it.each([
		['sipClient', { operation: 'create', username: 'myroom', additionalFields: { password: 'hunter2-secret' } }, 'hunter2-secret'],
		['sipTrunk', { operation: 'create', trunk_name: 't', webhook_url: 'https://example.com/sip', additionalFields: { credentialUsername: 'u', credentialPassword: 'carrier-pass-9', hmac: 'aG1hYw==' } }, 'carrier-pass-9'],
		['dialinConfig', { operation: 'create', type: 'pinless_dialin', phone_number: '+12555599999', additionalFields: { hmac: 'ZGlhbGluLXNlY3JldA==' } }, 'ZGlhbGluLXNlY3JldA=='],
	])('%s: an answer that echoes the secret', async (resource, params, secret) => {
		record(() => [400, { error: 'invalid-request-error', info: `rejected ${secret}` }]);
		const error = await runDaily({ resource, ...params }).then(() => undefined, (e: Error & { description?: string }) => e);
		expect(error).toBeDefined();
		expect(JSON.stringify({ message: error!.message, description: error!.description })).not.toContain(secret);
	});
});

describe('Daily telephony pickers', () => {
	const picker = (parameters: IDataObject = {}) => createContext({ parameters, credentials: { apiKey: DAILY_KEY, baseUrl: 'https://api.daily.co/v1' }, credentialType: new DailyApi() }) as unknown as ILoadOptionsFunctions;
	const search = new Daily().methods.listSearch;

	it('phone numbers: labelled by number and name, valued by the id Release needs', async () => {
		const calls = record(() => [200, { total_count: 1, data: [{ id: PHONE_ID, pagination_id: 3391, name: 'Acme', number: '+18058700061' }] }]);
		const { results } = await search.searchPhoneNumbers.call(picker());
		expect(results).toEqual([{ name: '+18058700061 · Acme', value: PHONE_ID }]);
		expect(calls[0].path).toBe(byId('PurchasedPhoneNumbers').path);
	});

	it('dial-in configs: labelled by name prefix, number and type, valued by id', async () => {
		record(() => [200, { total_count: 1, data: [{ id: CONFIG_ID, type: 'pin_dialin', config: { name_prefix: 'new-api-pin', phone_number: '+12555599999' } }] }]);
		const { results } = await search.searchDialinConfigs.call(picker());
		expect(results).toEqual([{ name: 'new-api-pin · +12555599999 · pin_dialin', value: CONFIG_ID }]);
	});

	it('SIP clients: pages by offset through sip_clients, valued by username', async () => {
		const calls = record((call) => {
			const offset = Number(call.query.offset);
			const count = offset === 0 ? 100 : 2;
			return [200, { sip_clients: Array.from({ length: count }, (_, i) => ({ username: `room.${offset + i}`, sip_uri: `sip:room.${offset + i}@example` })), total: 102, limit: 100, offset }];
		});
		const first = await search.searchSipClients.call(picker());
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'room.0 · sip:room.0@example', value: 'room.0' });
		const second = await search.searchSipClients.call(picker(), undefined, first.paginationToken as string);
		expect(second.results.map((r) => r.value)).toEqual(['room.100', 'room.101']);
		expect(calls.map((c) => c.query)).toEqual([{ limit: '100', offset: '0' }, { limit: '100', offset: '100' }]);
		expect(calls.flatMap((c) => Object.keys(c.query)).filter((k) => !byId('ListSipClients').queryParams.includes(k))).toEqual([]);
	});

	it('SIP trunks: labelled by trunk name and SIP URI, valued by id', async () => {
		record(() => [200, { total_count: 1, data: [{ id: TRUNK_ID, trunk_name: 'support', sip_uri: 'sip:acme-support.siptrunk.sip-us.daily.co' }] }]);
		const { results } = await search.searchSipTrunks.call(picker());
		expect(results).toEqual([{ name: 'support · sip:acme-support.siptrunk.sip-us.daily.co', value: TRUNK_ID }]);
	});
});
