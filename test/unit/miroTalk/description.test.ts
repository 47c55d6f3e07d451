import nock from 'nock';
import type { IDataObject, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { httpRequest } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';
import { MiroTalkApi } from '../../../credentials/MiroTalkApi.credentials';
import { MiroTalk } from '../../../nodes/MiroTalk/MiroTalk.node';
import { resourcesFor } from '../../../nodes/MiroTalk/resources';
import { PRODUCTS, type Product } from '../../../nodes/MiroTalk/transport';
import { authenticate } from '../../helpers/context';
import { startMiroTalkSimulator, type MiroTalkSimulator } from '../../simulators/mirotalk';

const description = new MiroTalk().description;

/** Whether n8n shows a property for these parameter values (only `show` conditions are used here). */
function shown(property: INodeProperties, values: IDataObject): boolean {
	const show = property.displayOptions?.show ?? {};
	return Object.entries(show).every(([name, allowed]) => (allowed as unknown[]).includes(values[name]));
}

const visible = (values: IDataObject) => description.properties.filter((p) => shown(p, values));

const EXPECTED: Record<Product, Record<string, string[]>> = {
	sfu: { meeting: ['create', 'end', 'getActiveRooms', 'getAll'], joinLink: ['create'], token: ['create'], stats: ['get'], scheduledMeeting: ['createOrGet'] },
	p2p: { meeting: ['create', 'getActiveRooms', 'getAll'], joinLink: ['create'], token: ['create'], stats: ['get'], scheduledMeeting: ['createOrGet'] },
	c2c: { meeting: ['create'], joinLink: ['create'], scheduledMeeting: ['createOrGet'] },
	bro: { joinLink: ['create'], config: ['get'] },
};

describe('MiroTalk node description', () => {
	it('is an action node an AI agent can use as a tool', () => {
		expect(description.name).toBe('miroTalk');
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'miroTalkApi', required: true }]);
		expect(description.properties[0]).toMatchObject({ name: 'product', type: 'options', default: 'sfu', noDataExpression: true });
	});

	it.each(PRODUCTS)('%s: shows exactly the resources and operations the product has', (product) => {
		const resources = visible({ product }).filter((p) => p.name === 'resource');
		expect(resources).toHaveLength(1);
		const values = (resources[0].options as Array<{ value: string }>).map((o) => o.value);
		expect(values.sort()).toEqual(Object.keys(EXPECTED[product]).sort());
		expect(values).toContain(resources[0].default);
		for (const [resource, operations] of Object.entries(EXPECTED[product])) {
			const selectors = visible({ product, resource }).filter((p) => p.name === 'operation');
			expect(selectors).toHaveLength(1);
			const options = selectors[0].options as Array<{ value: string; action: string; description: string }>;
			expect(options.map((o) => o.value).sort()).toEqual(operations);
			for (const option of options) {
				expect(option.action).toMatch(/^[A-Z][a-z]/);
				expect(option.description.length).toBeGreaterThan(30);
			}
		}
	});

	it.each(PRODUCTS)("%s: shows every operation's parameters once, in their declared order", (product) => {
		for (const r of resourcesFor(product)) {
			for (const op of r.operations) {
				// The newest node version, as new nodes get it (a parameter may differ by version).
				const values = { product, resource: r.value, operation: op.operation, returnAll: false, '@version': 1.1 };
				const names = visible(values)
					.map((p) => p.name)
					.filter((name) => !['product', 'resource', 'operation'].includes(name));
				// In the order the operation declares them.
				expect(names).toEqual(op.properties.filter((p) => shown(p, values)).map((p) => p.name));
			}
		}
	});

	it('shows the join options each product documents', () => {
		const options = (product: Product) =>
			(visible({ product, resource: 'joinLink', operation: 'create' }).find((p) => p.name === 'options')?.options as INodeProperties[] | undefined)?.map((o) => o.name).sort();
		expect(options('sfu')).toEqual(['audio', 'avatar', 'chat', 'duration', 'hide', 'name', 'notify', 'roomPassword', 'screen', 'video']);
		// P2P api.js getJoinURL: chat since August 2025, duration since February 2026; no room password.
		expect(options('p2p')).toEqual(['audio', 'avatar', 'chat', 'duration', 'hide', 'name', 'notify', 'screen', 'video']);
		expect(options('c2c')).toBeUndefined();
		const token = visible({ product: 'sfu', resource: 'joinLink', operation: 'create' }).find((p) => p.name === 'token')!;
		expect((token.options as INodeProperties[]).map((o) => o.name).sort()).toEqual(['expire', 'password', 'presenter', 'username']);
		const secret = (token.options as INodeProperties[]).find((o) => o.name === 'password')!;
		expect(secret.typeOptions?.password).toBe(true);
	});

	it('declares what products share once: a selector per set of offers, a parameter per declaration', () => {
		const products = (name: string, show: IDataObject) =>
			description.properties
				.filter((p) => p.name === name && Object.entries(show).every(([k, v]) => (p.displayOptions?.show?.[k] as unknown[] | undefined)?.[0] === v))
				.map((p) => p.displayOptions?.show?.product);
		expect(products('resource', {})).toEqual([['sfu', 'p2p'], ['c2c'], ['bro']]);
		expect(products('operation', { resource: 'meeting' })).toEqual([['sfu'], ['p2p'], ['c2c']]);
		expect(products('operation', { resource: 'token' })).toEqual([['sfu', 'p2p']]);
		// One descriptor for two products; one room and one token object in SFU's and P2P's Join Link descriptors.
		expect(products('returnAll', { resource: 'meeting', operation: 'getAll' })).toEqual([['sfu', 'p2p']]);
		expect(products('room', { resource: 'joinLink' })).toEqual([['sfu', 'p2p'], ['c2c'], ['bro']]);
		expect(products('options', { resource: 'joinLink' })).toEqual([['sfu'], ['p2p']]);
		expect(products('token', { resource: 'joinLink' })).toEqual([['sfu', 'p2p']]);
	});

	it('gives each parameter name one type across products and operations', () => {
		const types = new Map<string, Set<string>>();
		for (const p of description.properties) types.set(p.name, (types.get(p.name) ?? new Set()).add(p.type));
		// The one exception: Meeting → End picks the room of a live meeting; elsewhere it is typed. A picked value
		// carried over to another operation reads as its text (the kernel's string fields unwrap a locator value).
		expect([...types].filter(([, t]) => t.size > 1).map(([name, t]) => `${name}: ${[...t].join('/')}`)).toEqual(['room: string/resourceLocator']);
	});
});

/** Resolves `={{ ... }}` the way n8n does for these simple credential expressions. */
function resolve(value: unknown, credentials: IDataObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return value.slice(1).replace(/\{\{([\s\S]+?)\}\}/g, (_, expression: string) =>
		String(new Function('$credentials', `return (${expression});`)(credentials)),
	);
}

describe('MiroTalk credential', () => {
	const credential = new MiroTalkApi();

	it('has the server URL, the public URL, a secret key, the trigger\'s webhook token and the product, and authenticates with the raw key', () => {
		expect(credential.name).toBe('miroTalkApi');
		expect(credential.properties.map((p) => p.name)).toEqual(['serverUrl', 'publicUrl', 'apiKey', 'webhookToken', 'product']);
		expect(credential.properties.find((p) => p.name === 'webhookToken')?.typeOptions?.password).toBe(true);
		expect(credential.properties.find((p) => p.name === 'serverUrl')).toMatchObject({ required: true, default: '' });
		expect(credential.properties.find((p) => p.name === 'publicUrl')).toMatchObject({ default: '' });
		expect(credential.properties.find((p) => p.name === 'apiKey')?.typeOptions?.password).toBe(true);
		expect((credential.properties.find((p) => p.name === 'product')?.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual([...PRODUCTS].sort());
		expect(credential.authenticate).toEqual({ type: 'generic', properties: { headers: { authorization: '={{$credentials.apiKey}}' } } });
	});

	/**
	 * The credential test as n8n 1.123's CredentialsTester runs it: the request (HTTP errors ignored, as the request
	 * asks), then every responseSuccessBody rule whose `key` (lodash get: for one-segment keys, the property, and of a
	 * text its character) equals its value fails the test.
	 */
	async function runTest(credentials: IDataObject): Promise<{ status: 'OK' | 'Error'; message: string; url: string; method: string }> {
		const request = credential.test.request;
		const url = `${resolve(request.baseURL, credentials)}${resolve(request.url, credentials)}`;
		const method = resolve(request.method, credentials) as IHttpRequestOptions['method'] & string;
		const response = (await httpRequest(authenticate(credential, credentials, {
			url, method, body: request.body as IDataObject, json: true, ignoreHttpStatusErrors: request.ignoreHttpStatusErrors,
		}))) as unknown;
		for (const rule of credential.test.rules ?? []) {
			if (rule.type === 'responseSuccessBody' && (response as Record<string, unknown> | null)?.[rule.properties.key] === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message, url, method };
			}
		}
		return { status: 'OK', message: 'Connection successful!', url, method };
	}

	describe('against the servers as the simulator answers them', () => {
		let sims: MiroTalkSimulator[] = [];
		const start = async (options: Parameters<typeof startMiroTalkSimulator>[0]) => {
			const sim = await startMiroTalkSimulator({ apiKey: 'k3y-s3cret', ...options });
			sims.push(sim);
			return sim;
		};
		beforeAll(() => nock.enableNetConnect(/127\.0\.0\.1|localhost/));
		afterEach(async () => {
			await Promise.all(sims.map((s) => s.close()));
			sims = [];
		});

		it.each<[Product, string]>([['sfu', '/api/v1/meeting'], ['p2p', '/api/v1/meeting'], ['c2c', '/api/v1/meeting'], ['bro', '/api/v1/join']])(
			'%s: passes with the right key (%s) and fails with a wrong one, naming API_KEY_SECRET',
			async (product, path) => {
				const sim = await start({ product });
				const ok = await runTest({ serverUrl: `${sim.url}/api/v1/`, apiKey: 'k3y-s3cret', product });
				expect(ok).toMatchObject({ status: 'OK', method: 'POST', url: `${sim.url}${path}` });
				expect(sim.requests.at(-1)?.headers.authorization).toBe('k3y-s3cret');
				const wrong = await runTest({ serverUrl: sim.url, apiKey: 'wrong', product });
				expect(wrong.status).toBe('Error');
				expect(wrong.message).toContain('API_KEY_SECRET');
			},
		);

		it('SFU with POST /meeting switched off (API_ALLOW_MEETING=false): a pass, as the field description says', async () => {
			const sim = await start({ product: 'sfu', allowed: { meeting: false } });
			expect(await runTest({ serverUrl: sim.url, apiKey: 'k3y-s3cret', product: 'sfu' })).toMatchObject({ status: 'OK' });
			expect(credential.properties.find((p) => p.name === 'product')?.description).toContain('switched that endpoint off');
		});

		it('P2P with meeting in API_DISABLED: a pass too', async () => {
			const sim = await start({ product: 'p2p', disabled: ['meeting'] });
			expect(await runTest({ serverUrl: sim.url, apiKey: 'k3y-s3cret', product: 'p2p' })).toMatchObject({ status: 'OK' });
		});

		it('a C2C credential against a BRO server: 200 "404 not found" fails, naming the Product', async () => {
			const sim = await start({ product: 'bro' });
			const result = await runTest({ serverUrl: sim.url, apiKey: 'k3y-s3cret', product: 'c2c' });
			expect(result.status).toBe('Error');
			expect(result.message).toContain('Product');
		});

		it('a BRO credential against an SFU server: the HTML 404 page (HTTP 200) fails', async () => {
			const sim = await start({ product: 'sfu', apiKey: 'k3y-s3cret' });
			// BRO's test calls POST /join, which SFU has: the key is right, so use a trigger-only BRO credential (GET /config).
			const result = await runTest({ serverUrl: sim.url, apiKey: '', product: 'bro' });
			expect(result).toMatchObject({ status: 'Error', method: 'GET', url: `${sim.url}/api/v1/config` });
			expect(result.message).toContain('HTML page');
		});

		it('a credential only for the trigger (no API key): GET /activeRooms, which needs no key, passes whether on or off', async () => {
			const sim = await start({ product: 'sfu' });
			expect(await runTest({ serverUrl: sim.url, apiKey: '', webhookToken: 't0ken', product: 'sfu' })).toMatchObject({ status: 'OK', method: 'GET', url: `${sim.url}/api/v1/activeRooms` });
			sim.showActiveRooms = true;
			expect(await runTest({ serverUrl: sim.url, apiKey: '', product: 'p2p' })).toMatchObject({ status: 'OK' });
		});

		it('the global error handler\'s 500 fails', async () => {
			nock('https://p2p.example.com').post('/api/v1/meeting').reply(500, { status: 500, message: 'Internal server error' });
			expect(await runTest({ serverUrl: 'https://p2p.example.com', apiKey: 'k', product: 'p2p' })).toMatchObject({ status: 'Error' });
		});
	});
});
