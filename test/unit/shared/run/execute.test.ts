import nock from 'nock';
import type { ICredentialType, IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { ResourceDescriptor } from '../../../../nodes/shared/model/descriptor';
import { executeProviderNode } from '../../../../nodes/shared/run/execute';
import { params } from '../../../../nodes/shared/parameters/fields';
import { multipart } from '../../../../nodes/shared/http/multipart';
import type { ProviderTransport } from '../../../../nodes/shared/model/provider';
import { createContext } from '../../../helpers/context';

/** A made-up provider, to test the executor's generic paths on their own. */
const credentialType: ICredentialType = {
	name: 'fakeApi',
	displayName: 'Fake',
	properties: [],
	authenticate: { type: 'generic', properties: { headers: { 'x-key': '={{$credentials.key}}' } } },
};
const transport: ProviderTransport = {
	displayName: 'Fake',
	credentialType: 'fakeApi',
	baseUrl: () => 'https://fake.example.com/api',
	describeError: (status, body) => ({ message: String((body as IDataObject)?.error ?? status) }),
	failureIn2xx: (body) => ((body as IDataObject)?.data === '404 not found' ? 404 : undefined),
	rateClasses: { default: { windows: [{ limit: 100, ms: 1000 }] } },
	secrets: (c) => [String(c.key)],
};
const none = params([]);
const two = params([
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, description: 'A name', pattern: { regex: /^[a-z]+$/, message: 'must be lowercase letters' } },
	{ displayName: 'Code', name: 'code', type: 'string', default: '', required: true, description: 'A code', maxLength: 3 },
	{ displayName: 'Link', name: 'link', type: 'string', default: '', description: 'A link', url: true },
]);
const file = params([{ displayName: 'Input Binary Field', name: 'binaryPropertyName', type: 'string', default: 'data', required: true, description: 'Binary field' }]);
const resources: ResourceDescriptor[] = [
	{
		value: 'thing',
		name: 'Thing',
		operations: [
			{ resource: 'thing', operation: 'get', name: 'Get', action: 'Get a thing', description: 'One', ...none, repeatable: true, request: () => ({ method: 'GET', path: '/thing' }) },
			{ resource: 'thing', operation: 'create', name: 'Create', action: 'Create a thing', description: 'Two fields', ...two, repeatable: false, request: () => ({ method: 'POST', path: '/thing' }) },
			{
				resource: 'thing', operation: 'export', name: 'Export', action: 'Export things', description: 'A file', ...none,
				repeatable: true,
				request: () => ({ method: 'GET', path: '/thing/export', qs: { format: 'txt' } }),
				binaryOutput: { fileName: () => 'things.txt', mimeType: 'text/plain' },
			},
			{
				resource: 'thing', operation: 'import', name: 'Import', action: 'Import things', description: 'Upload', ...file,
				repeatable: true,
				run: async (ctx, p) => {
					const input = await ctx.readBinary(p.binaryPropertyName as string);
					const form = multipart({ file: input, note: 'hi' });
					const { body } = await ctx.send({ method: 'POST', path: '/thing/import', body: form.open, headers: form.headers, repeatable: false });
					return body as IDataObject;
				},
			},
		],
	},
];

function run(parameters: IDataObject, items?: any[]) {
	const ctx = createContext({ parameters, items, credentials: { key: 'secret-key-123' }, credentialType });
	return executeProviderNode(ctx, { transport, resources });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('executor', () => {
	it('treats a 2xx answer the transport calls a failure as an error', async () => {
		nock('https://fake.example.com').get('/api/thing').reply(200, { data: '404 not found' });
		const error = await run({ resource: 'thing', operation: 'get' }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Fake API error 404: 404');
	});

	it('returns an export as binary data in the chosen output field', async () => {
		nock('https://fake.example.com').get('/api/thing/export').query({ format: 'txt' }).reply(200, 'line 1\nline 2', { 'content-type': 'text/plain' });
		const [[item]] = await run({ resource: 'thing', operation: 'export', binaryPropertyName: 'file' });
		expect(item.json).toEqual({ fileName: 'things.txt', mimeType: 'text/plain', fileSize: 13 });
		expect(Buffer.from(item.binary!.file.data, 'base64').toString()).toBe('line 1\nline 2');
	});

	it('uploads an input binary field as multipart form data', async () => {
		let received = '';
		let contentType = '';
		nock('https://fake.example.com')
			.post('/api/thing/import', (body) => ((received = typeof body === 'string' ? body : Buffer.from(body).toString()), true))
			.reply(function () {
				contentType = String(this.req.headers['content-type']);
				return [200, { imported: 2 }];
			});
		const items = [{ json: {}, binary: { data: { data: Buffer.from('a,b\n1,2\n').toString('base64'), fileName: 'polls.csv', mimeType: 'text/csv' } } }];
		const [[item]] = await run({ resource: 'thing', operation: 'import', binaryPropertyName: 'data' }, items);
		expect(item.json).toEqual({ imported: 2 });
		const boundary = /boundary=(\S+)/.exec(contentType)![1];
		expect(received).toContain(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="polls.csv"\r\nContent-Type: text/csv\r\n\r\na,b\n1,2\n\r\n`);
		expect(received).toContain('name="note"\r\n\r\nhi\r\n');
		expect(received.endsWith(`--${boundary}--\r\n`)).toBe(true);
	});

	it('streams a binary n8n stores outside the item, never reading it into memory, and opens it anew for a retry', async () => {
		const csv = Buffer.alloc(3 * 1024 * 1024 + 17, 'x,y\n');
		const received: Buffer[] = [];
		const lengths: string[] = [];
		const scope = nock('https://fake.example.com')
			.post('/api/thing/import', (body) => (received.push(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))), true))
			.times(2)
			.reply(function () {
				lengths.push(String(this.req.headers['content-length']));
				return received.length === 1 ? [429, { error: 'slow down' }, { 'retry-after': '0' }] : [200, { imported: 1 }];
			});
		const items = [{ json: {}, binary: { data: { id: 'filesystem-v2:workflows/1/binary_data/abc', data: 'filesystem-v2', fileName: 'big.csv', mimeType: 'text/csv' } } }];
		const ctx = createContext({ parameters: { resource: 'thing', operation: 'import', binaryPropertyName: 'data' }, items, credentials: { key: 'secret-key-123' }, credentialType, stored: { 'filesystem-v2:workflows/1/binary_data/abc': csv } });
		const [[item]] = await executeProviderNode(ctx, { transport, resources });
		expect(item.json).toEqual({ imported: 1 });
		expect(scope.isDone()).toBe(true);
		// n8n's HTTP helper was handed a stream each time, opened once per attempt.
		expect(ctx.requests.map((r) => typeof (r.body as { pipe?: unknown }).pipe)).toEqual(['function', 'function']);
		expect(ctx.binaryStreamsOpened).toBe(2);
		for (const [i, body] of received.entries()) {
			const text = body.toString('latin1');
			expect(text).toContain(`filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n${csv.toString('latin1')}\r\n`);
			expect(lengths[i]).toBe(String(body.length));
		}
	});

	it('closes the stream of an attempt that failed before the body was read', async () => {
		const id = 'filesystem-v2:workflows/1/binary_data/def';
		const items = [{ json: {}, binary: { data: { id, data: 'filesystem-v2', fileName: 'big.csv', mimeType: 'text/csv' } } }];
		const ctx = createContext({ parameters: { resource: 'thing', operation: 'import', binaryPropertyName: 'data' }, items, credentials: { key: 'secret-key-123' }, credentialType, stored: { [id]: Buffer.alloc(1024 * 1024, 'x') } });
		const bodies: Array<{ destroyed: boolean }> = [];
		const sendFor = ctx.helpers.httpRequestWithAuthentication;
		// The first attempt is refused before anything is sent, as a connection error would be: nobody reads the body.
		ctx.helpers.httpRequestWithAuthentication = async function (this: unknown, type: string, options: { body: { destroyed: boolean } }, extra: unknown) {
			bodies.push(options.body);
			if (bodies.length === 1) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
			return { statusCode: 200, headers: {}, body: { imported: 1 } };
		} as typeof sendFor;
		const [[item]] = await executeProviderNode(ctx, { transport, resources });
		expect(item.json).toEqual({ imported: 1 });
		expect(bodies).toHaveLength(2);
		expect(bodies[0].destroyed).toBe(true);
	});

	it('names the missing binary field before any request', async () => {
		const error = await run({ resource: 'thing', operation: 'import', binaryPropertyName: 'csv' }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain("'csv'");
	});

	it('names every bad field in the message itself, not only the first (an AI agent\'s model may be told the message alone)', async () => {
		const error = await run({ resource: 'thing', operation: 'create', name: 'Not Lowercase', code: 'toolong' }).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Invalid parameter Name (name): must be lowercase letters; Code (code): must be at most 3 characters');
		expect(error.description).toBe('Name (name): must be lowercase letters\nCode (code): must be at most 3 characters');
		// One bad field: the message as before; a field that breaks two rules saying the same is named once.
		const one = await run({ resource: 'thing', operation: 'create', name: 'ok', code: 'toolong' }).catch((e) => e);
		expect(one.message).toBe('Invalid parameter Code (code): must be at most 3 characters');
		const twice = await run({ resource: 'thing', operation: 'create', name: 'ok', code: 'abc', link: 'not a url' }).catch((e) => e);
		expect(twice.message).toBe('Invalid parameter Link (link): must be an http(s) URL');
		expect(twice.description).toBe('Link (link): must be an http(s) URL');
	});

	it('an unknown operation is a clear error', async () => {
		const error = await run({ resource: 'thing', operation: 'fly' }).catch((e) => e);
		expect(error.message).toBe('Unknown operation "fly" for resource "thing"');
	});
});
