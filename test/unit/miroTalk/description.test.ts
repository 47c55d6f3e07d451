import nock from 'nock';
import type { IDataObject, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { httpRequest } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';
import { MiroTalkApi } from '../../../credentials/MiroTalkApi.credentials';
import { MiroTalk } from '../../../nodes/MiroTalk/MiroTalk.node';
import { resourcesFor } from '../../../nodes/MiroTalk/resources';
import { PRODUCTS, type Product } from '../../../nodes/MiroTalk/transport';
import { authenticate } from '../../helpers/context';

const description = new MiroTalk().description;

/** Whether n8n shows a property for these parameter values (only `show` conditions are used here). */
function shown(property: INodeProperties, values: IDataObject): boolean {
	const show = property.displayOptions?.show ?? {};
	return Object.entries(show).every(([name, allowed]) => (allowed as unknown[]).includes(values[name]));
}

const visible = (values: IDataObject) => description.properties.filter((p) => shown(p, values));

const EXPECTED: Record<Product, Record<string, string[]>> = {
	sfu: { meeting: ['create', 'end', 'getAll'], joinLink: ['create'], token: ['create'], stats: ['get'] },
	p2p: { meeting: ['create', 'getAll'], joinLink: ['create'], token: ['create'], stats: ['get'] },
	c2c: { meeting: ['create'], joinLink: ['create'] },
	bro: { joinLink: ['create'] },
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
				const names = visible({ product, resource: r.value, operation: op.operation, returnAll: false })
					.map((p) => p.name)
					.filter((name) => !['product', 'resource', 'operation'].includes(name));
				// In the order the operation declares them.
				expect(names).toEqual(op.properties.map((p) => p.name));
			}
		}
	});

	it('shows the join options each product documents', () => {
		const options = (product: Product) =>
			(visible({ product, resource: 'joinLink', operation: 'create' }).find((p) => p.name === 'options')?.options as INodeProperties[] | undefined)?.map((o) => o.name).sort();
		expect(options('sfu')).toEqual(['audio', 'avatar', 'chat', 'duration', 'hide', 'name', 'notify', 'roomPassword', 'screen', 'video']);
		expect(options('p2p')).toEqual(['audio', 'avatar', 'hide', 'name', 'notify', 'screen', 'video']);
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

	it('has the server URL, a secret key, the trigger\'s webhook token and the product, and authenticates with the raw key', () => {
		expect(credential.name).toBe('miroTalkApi');
		expect(credential.properties.map((p) => p.name)).toEqual(['serverUrl', 'apiKey', 'webhookToken', 'product']);
		expect(credential.properties.find((p) => p.name === 'webhookToken')?.typeOptions?.password).toBe(true);
		expect(credential.properties.find((p) => p.name === 'serverUrl')).toMatchObject({ required: true, default: '' });
		expect(credential.properties.find((p) => p.name === 'apiKey')?.typeOptions?.password).toBe(true);
		expect((credential.properties.find((p) => p.name === 'product')?.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual([...PRODUCTS].sort());
		expect(credential.authenticate).toEqual({ type: 'generic', properties: { headers: { authorization: '={{$credentials.apiKey}}' } } });
	});

	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it.each<[Product, string, string]>([
		['sfu', 'https://sfu.example.com/', '/api/v1/meeting'],
		['p2p', 'https://p2p.example.com/api/v1', '/api/v1/meeting'],
		['c2c', 'https://c2c.example.com', '/api/v1/meeting'],
		['bro', 'https://bro.example.com/api/v1/', '/api/v1/join'],
	])('%s: the test request reaches an endpoint the product has, with the raw key', async (product, serverUrl, path) => {
		const credentials = { serverUrl, apiKey: 'k3y-s3cret', product };
		const request = credential.test.request;
		const options: IHttpRequestOptions = {
			url: `${resolve(request.baseURL, credentials)}${resolve(request.url, credentials)}`,
			method: resolve(request.method, credentials) as IHttpRequestOptions['method'],
			body: request.body as IDataObject,
			json: true,
		};
		const origin = new URL(serverUrl).origin;
		const scope = nock(origin, { reqheaders: { authorization: 'k3y-s3cret' } })
			.post(path, { room: 'n8n-credential-test' })
			.reply(200, product === 'bro' ? { join: { broadcast: 'b', viewer: 'v', viewerHome: 'h' } } : { meeting: `${origin}/join/x` });
		await httpRequest(authenticate(credential, credentials, options));
		expect(scope.isDone()).toBe(true);
	});

	it('a credential only for the trigger (no API key) is tested by fetching the server\'s home page, not failed', async () => {
		const credentials = { serverUrl: 'https://sfu.example.com/api/v1', apiKey: '', webhookToken: 't0ken', product: 'sfu' };
		const request = credential.test.request;
		expect(resolve(request.method, credentials)).toBe('GET');
		const scope = nock('https://sfu.example.com').get('/').reply(200, '<html>MiroTalk SFU</html>');
		await httpRequest({ url: `${resolve(request.baseURL, credentials)}${resolve(request.url, credentials)}`, method: 'GET' });
		expect(scope.isDone()).toBe(true);
	});

	it('fails the test on a wrong key (403 Unauthorized!)', async () => {
		const credentials = { serverUrl: 'https://sfu.example.com', apiKey: 'wrong', product: 'sfu' };
		nock('https://sfu.example.com').post('/api/v1/meeting').reply(403, { error: 'Unauthorized!' });
		const request = credential.test.request;
		await expect(
			httpRequest(authenticate(credential, credentials, { url: `${resolve(request.baseURL, credentials)}${resolve(request.url, credentials)}`, method: 'POST', body: {}, json: true })),
		).rejects.toThrow(/403/);
	});
});
