import nock from 'nock';
import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';
import { enableHint, miroTalkTransport, sfuSetting, type EndpointSwitch, type Product } from '../../../nodes/MiroTalk/transport';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { MIROTALK_KEY, MIROTALK_URL, runMiroTalk } from '../../helpers/miroTalk';
import { failure as failed } from '../../helpers/failure';
import { NOT_FOUND_PAGE } from '../../simulators/mirotalk';

/**
 * How the MiroTalk node answers the servers' failures (reference/providers.md §3): a switched-off
 * endpoint names the server setting that enables it, a wrong key says so, C2C and BRO's HTTP 200
 * `{"data":"404 not found"}` is an error; and bad input is refused before any request.
 */
const DISABLED = 'This endpoint has been disabled. Please contact the administrator for further information.';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	resetRateLimits();
});
afterAll(() => nock.enableNetConnect());

const failure = (parameters: IDataObject, options: Parameters<typeof runMiroTalk>[1] = {}) =>
	failed(runMiroTalk(parameters, options));

describe('MiroTalk: disabled endpoints name the server setting', () => {
	const sfu: Array<[string, string, IDataObject, 'get' | 'post' | 'delete', string, EndpointSwitch, string, boolean]> = [
		['meeting', 'getAll', { returnAll: true }, 'get', '/api/v1/meetings', 'meetings', 'API_ALLOW_MEETINGS', false],
		['meeting', 'end', { room: 'standup' }, 'delete', '/api/v1/meeting/standup', 'meetingEnd', 'API_ALLOW_MEETING_END', true],
		['token', 'create', { username: 'u', password: 'p' }, 'post', '/api/v1/token', 'token', 'API_ALLOW_TOKEN', false],
		['stats', 'get', {}, 'get', '/api/v1/stats', 'stats', 'API_ALLOW_STATS', true],
		['meeting', 'create', {}, 'post', '/api/v1/meeting', 'meeting', 'API_ALLOW_MEETING', false],
		['joinLink', 'create', {}, 'post', '/api/v1/join', 'join', 'API_ALLOW_JOIN', false],
	];

	it.each(sfu)('SFU %s.%s → %s', async (resource, operation, params, method, path, key, setting, withSuccess) => {
		nock(MIROTALK_URL)[method](path).reply(403, withSuccess ? { success: false, error: DISABLED } : { error: DISABLED });
		const error = await failure({ resource, operation, ...params });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('MiroTalk SFU API error 403 (endpoint-disabled): This endpoint has been disabled.');
		expect(error.message).toContain(`Set ${setting}=true`);
		expect(error.message).toContain(`api.allowed.${key}`);
		expect(error.message).toContain(['meetings', 'meetingEnd', 'token'].includes(key) ? 'off by default' : 'on by default');
	});

	const p2p: Array<[string, string, IDataObject, 'get' | 'post', string, string]> = [
		['meeting', 'getAll', { returnAll: true }, 'get', '/api/v1/meetings', 'Remove "meetings" from API_DISABLED'],
		['token', 'create', { username: 'u', password: 'p' }, 'post', '/api/v1/token', 'Remove "token" from API_DISABLED'],
		['stats', 'get', {}, 'get', '/api/v1/stats', 'Remove "stats" from API_DISABLED'],
		['meeting', 'create', {}, 'post', '/api/v1/meeting', 'Remove "meeting" from API_DISABLED'],
		['joinLink', 'create', {}, 'post', '/api/v1/join', 'Remove "join" from API_DISABLED'],
	];

	it.each(p2p)('P2P %s.%s → API_DISABLED', async (resource, operation, params, method, path, hint) => {
		nock(MIROTALK_URL)[method](path).reply(403, { error: DISABLED });
		const error = await failure({ resource, operation, ...params }, { product: 'p2p' });
		expect(error.message).toContain('MiroTalk P2P API error 403 (endpoint-disabled)');
		expect(error.message).toContain(hint);
		expect(error.message).toContain('["token","meetings"] by default');
	});

	it('suggests the P2P list without the endpoint', () => {
		expect(enableHint('p2p', 'meetings')).toContain('API_DISABLED=["token"]');
		expect(enableHint('p2p', 'token')).toContain('API_DISABLED=["meetings"]');
		expect(sfuSetting('meetingEnd')).toBe('API_ALLOW_MEETING_END');
	});
});

describe('MiroTalk: wrong key, unknown routes and rooms', () => {
	it.each<[Product, string, string, 'get' | 'post']>([
		['sfu', 'stats', 'get', 'get'],
		['p2p', 'meeting', 'create', 'post'],
		['c2c', 'meeting', 'create', 'post'],
		['bro', 'joinLink', 'create', 'post'],
	])('%s: 403 Unauthorized! says the key was refused, without the key', async (product, resource, operation, method) => {
		const path = resource === 'stats' ? '/api/v1/stats' : resource === 'meeting' ? '/api/v1/meeting' : '/api/v1/join';
		nock(MIROTALK_URL)[method](path).reply(403, { error: 'Unauthorized!' });
		const params: IDataObject = product === 'bro' ? { room: 'live' } : {};
		const error = await failure({ resource, operation, ...params }, { product, apiKey: 'wrong-secret-value' });
		expect(error.message).toMatch(/API error 403 \(unauthorized\): Unauthorized! The API key secret was refused/);
		expect(error.message).toContain('API_KEY_SECRET');
		expect(JSON.stringify(error)).not.toContain('wrong-secret-value');
	});

	it.each<[Product, IDataObject]>([
		['c2c', { resource: 'joinLink', operation: 'create', room: 'r', name: 'n' }],
		['bro', { resource: 'joinLink', operation: 'create', room: 'r' }],
		['c2c', { resource: 'meeting', operation: 'create' }],
	])('%s: HTTP 200 {"data":"404 not found"} is an error', async (product, params) => {
		const path = params.resource === 'meeting' ? '/api/v1/meeting' : '/api/v1/join';
		nock(MIROTALK_URL).post(path).reply(200, { data: '404 not found' });
		const error = await failure(params, { product });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('API error 404 (not-found): 404 not found');
		expect(error.message).toContain("Product matches the server");
	});

	it('SFU: ending an unknown room is a 404 Room not found', async () => {
		nock(MIROTALK_URL).delete('/api/v1/meeting/ghost').reply(404, { success: false, error: 'Room not found' });
		const error = await failure({ resource: 'meeting', operation: 'end', room: 'ghost' });
		expect(error.message).toBe('MiroTalk SFU API error 404: Room not found');
		expect(error.description).toBe('DELETE /meeting/ghost answered 404.');
	});

	it('an answer with no JSON message says so', () => {
		const transport = miroTalkTransport('p2p', 'meetings');
		expect(transport.describeError(404, { message: 'Cannot GET /api/v1/x' }).message).toBe('Cannot GET /api/v1/x');
		expect(transport.describeError(404, {}).message).toContain('check the Server URL and Product');
		expect(transport.failureIn2xx?.({ meeting: 'x' })).toBeUndefined();
		expect(transport.failureIn2xx?.({ data: '404 not found' })).toBe(404);
	});

	it.each(['sfu', 'p2p'] as const)('%s: the HTML 404 page a server sends with HTTP 200 for a route it lacks is an error naming Server URL and Product', async (product) => {
		// SFU Server.js and P2P server.js: `app.use((req, res) => res.sendFile(views.notFound))`.
		nock(MIROTALK_URL).get('/api/v1/stats').reply(200, NOT_FOUND_PAGE, { 'content-type': 'text/html; charset=UTF-8' });
		const error = await failure({ resource: 'stats', operation: 'get' }, { product });
		expect(error.message).toContain('HTML page');
		expect(error.message).toContain('Server URL');
		expect(error.message).toContain("credential's Product");
	});

	it('retries a 500 and then reports the server message', async () => {
		nock(MIROTALK_URL).get('/api/v1/stats').reply(500, { success: false, error: 'Failed to get stats' });
		nock(MIROTALK_URL).get('/api/v1/stats').reply(200, { success: true, totalRooms: 1, totalUsers: 2 });
		const { output } = await runMiroTalk({ resource: 'stats', operation: 'get' });
		expect(output[0].json).toMatchObject({ totalRooms: 1, totalUsers: 2 });
	});

	it('turns a failure into an error item with Continue On Fail, without the key', async () => {
		nock(MIROTALK_URL).post('/api/v1/meeting').reply(403, { error: 'Unauthorized!' });
		const { output } = await runMiroTalk({ resource: 'meeting', operation: 'create' }, { continueOnFail: true });
		expect(output).toEqual([{ json: { error: expect.stringContaining('Unauthorized!'), description: 'POST /meeting answered 403.' }, pairedItem: { item: 0 } }]);
		expect(JSON.stringify(output)).not.toContain(MIROTALK_KEY);
	});
});

describe('MiroTalk: bad input is refused before any request', () => {
	afterEach(() => expect(nock.pendingMocks()).toEqual([]));

	it.each(['forever', '30:00', '1:00:00', '00:60:00', '00:30', '120:00:00', ''])('a duration %j', async (duration) => {
		const scope = nock(MIROTALK_URL).post('/api/v1/join').reply(200, { join: 'x' });
		if (duration === '') {
			// An empty duration is left out, so this one is sent.
			await runMiroTalk({ resource: 'joinLink', operation: 'create', options: { duration } });
			expect(scope.isDone()).toBe(true);
			return;
		}
		const error = await failure({ resource: 'joinLink', operation: 'create', options: { duration } });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Invalid parameter Options → Duration (options.duration): must be unlimited or HH:MM:SS with two-digit hours (00:30:00 to 99:59:59)');
		expect(scope.isDone()).toBe(false);
		nock.cleanAll();
	});

	it.each(['00:30:00', '01:00:00', '99:59:59', 'unlimited'])('accepts the duration %j', async (duration) => {
		nock(MIROTALK_URL).post('/api/v1/join', (body) => body.duration === duration).reply(200, { join: 'x' });
		await runMiroTalk({ resource: 'joinLink', operation: 'create', options: { duration } });
	});

	it.each(['not a url', 'ftp://example.com/a.png', 'example.com/a.png'])('an avatar %j', async (avatar) => {
		const error = await failure({ resource: 'joinLink', operation: 'create', options: { avatar } }, { product: 'p2p' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Invalid parameter Options → Avatar URL (options.avatar): must be an http(s) URL');
	});

	it.each(['sfu.example.com', 'ftp://sfu.example.com', 'https://', 'javascript:alert(1)', ''])('a server URL %j', async (serverUrl) => {
		const error = await failure({ resource: 'stats', operation: 'get' }, { serverUrl });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('Server URL (serverUrl): must be an http(s) URL');
	});

	it('a redirect that is not a URL', async () => {
		const error = await failure({ resource: 'meeting', operation: 'end', room: 'r', options: { redirect: 'home' } });
		expect(error.message).toBe('Invalid parameter Options → Redirect URL (options.redirect): must be an http(s) URL');
	});

	it('a token expiry without a unit, in Token → Create and in a join token', async () => {
		let error = await failure({ resource: 'token', operation: 'create', username: 'u', password: 'p', expire: '3600' });
		expect(error.message).toBe('Invalid parameter Expires In (expire): must be a number and a unit, such as 1h, 30m or 7d');
		error = await failure({ resource: 'joinLink', operation: 'create', token: { username: 'u', password: 'p', expire: 'soon' } });
		expect(error.message).toBe('Invalid parameter Token → Expires In (token.expire): must be a number and a unit, such as 1h, 30m or 7d');
	});

	it.each([
		[{ presenter: true }, 'token.username'],
		[{ expire: '2h' }, 'token.username'],
		[{ username: 'ann' }, 'token.password'],
		[{ password: 'pw', presenter: true }, 'token.username'],
	])('a join token %j without username and password, which the server would sign with placeholders', async (token, field) => {
		const scope = nock(MIROTALK_URL).post('/api/v1/join').reply(200, { join: 'x' });
		const error = await failure({ resource: 'joinLink', operation: 'create', room: 'r', token }, { product: 'p2p' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(`(${field}): is required when the link carries a token`);
		expect(scope.isDone()).toBe(false);
		nock.cleanAll();
	});

	it('missing required fields', async () => {
		expect((await failure({ resource: 'meeting', operation: 'end' })).message).toBe('Invalid parameter Room (room): is required');
		expect((await failure({ resource: 'token', operation: 'create', username: 'u' })).message).toBe('Invalid parameter Password (password): is required');
		expect((await failure({ resource: 'joinLink', operation: 'create', room: 'r' }, { product: 'c2c' })).message).toBe('Invalid parameter Display Name (name): is required');
		expect((await failure({ resource: 'joinLink', operation: 'create' }, { product: 'bro' })).message).toBe('Invalid parameter Room (room): is required');
	});

	it('an option the product does not have (room password on P2P)', async () => {
		const error = await failure({ resource: 'joinLink', operation: 'create', options: { roomPassword: 'x' } }, { product: 'p2p' });
		expect(error.message).toBe('Invalid parameter Options (options): unknown field(s): roomPassword');
	});
});

describe('MiroTalk: the node and the credential must name the same product', () => {
	it('fails clearly, before any request, when they differ', async () => {
		const error = await failure({ product: 'p2p', resource: 'stats', operation: 'get' }, { product: 'sfu' });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Product mismatch: the node is set to MiroTalk P2P but its credential is for MiroTalk SFU');
	});

	it('refuses an operation the product does not have', async () => {
		const error = await failure({ resource: 'stats', operation: 'get' }, { product: 'c2c' });
		expect(error.message).toBe('Unknown operation "get" for resource "stats"');
		const end = await failure({ resource: 'meeting', operation: 'end', room: 'r' }, { product: 'p2p' });
		expect(end.message).toBe('Unknown operation "end" for resource "meeting"');
	});
});
