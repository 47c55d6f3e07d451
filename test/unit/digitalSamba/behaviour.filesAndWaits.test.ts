import nock from 'nock';
import { NodeApiError, NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';
import { defaultRetryPolicy } from '../../../nodes/shared/http/send';
import { DS_KEY, DS_URL, offlineWithFastRetries } from '../../helpers/digitalSamba';
import { failure } from '../../helpers/failure';

const API = `${DS_URL}/api/v1`;
const runDigitalSamba = offlineWithFastRetries();

const text = (error: Error) => `${error.message}\n${(error as NodeOperationError).description ?? ''}`;

describe('validation before any request', () => {
	const webhook = { resource: 'webhook', operation: 'create', endpoint: 'https://example.com/h', events: ['session_ended'] };
	const joined = { resource: 'phone', operation: 'participantsJoined', roomId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' };
	const restream = { resource: 'restreamer', operation: 'start', roomId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', streamKey: 'k' };
	const role = { resource: 'role', operation: 'create', roleName: 'guest', roleDisplayName: 'Guest', permissions: '{}' };
	const cases: Array<[string, IDataObject, RegExp]> = [
		['a webhook endpoint over 100 characters', { ...webhook, endpoint: `https://example.com/${'a'.repeat(90)}` }, /Endpoint \(endpoint\): must be at most 100 characters/],
		['a webhook endpoint under 3 characters', { ...webhook, endpoint: 'ab' }, /Endpoint \(endpoint\): must be at least 3 characters/],
		['a webhook endpoint that is not an http(s) URL', { ...webhook, endpoint: 'ftp://example.com/h' }, /Endpoint \(endpoint\): must be an http\(s\) URL/],
		['an unknown webhook event (dotted seed name)', { ...webhook, events: ['session.started'] }, /Event Names or IDs \(events\[0\]\): each value must be one of 'session_started'/],
		['a webhook without events', { ...webhook, events: [] }, /Event Names or IDs \(events\): choose at least one event/],
		['a webhook name under 3 characters', { ...webhook, additionalFields: { name: 'ab' } }, /Additional Fields → Name \(additionalFields\.name\): must be at least 3 characters/],
		['an unknown event in a webhook update', { resource: 'webhook', operation: 'update', webhookId: 'wh-1', updateFields: { events: ['recording.ready'] } }, /Update Fields → Event Names or IDs \(updateFields\.events\[0\]\)/],
		['phone calls that are not a list of calls', { ...joined, calls: '"c-1"' }, /Calls \(JSON\) \(calls\): must be an array of calls/],
		['an empty list of phone calls', { ...joined, calls: '[]' }, /Calls \(JSON\) \(calls\): give at least one call/],
		['a phone call without call_id', { ...joined, calls: '[{"name":"Ann"}]' }, /Calls \(JSON\) → call_id \(calls\[0\]\.call_id\): is required/],
		['a phone call without name or caller_number', { ...joined, calls: '[{"call_id":"c-1"},{"call_id":"c-2","external_id":"x"}]' }, /\(calls\[0\]\): give a name or a caller_number/],
		['a phone call with an unknown field', { ...joined, calls: '[{"call_id":"c-1","name":"Ann","phone":"+1"}]' }, /unknown field\(s\): phone/],
		['a phone call whose muted is not a boolean', { ...joined, calls: '[{"call_id":"c-1","name":"Ann","muted":"yes"}]' }, /muted \(calls\[0\]\.muted\): must be true or false/],
		['phone participants left without call IDs', { resource: 'phone', operation: 'participantsLeft', roomId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', callIds: ' , ' }, /Call IDs \(callIds\): give at least one call ID/],
		['a custom restream target without a server URL', { ...restream, target: 'custom' }, /Server URL \(serverUrl\): is required for a custom RTMP server/],
		['a server URL with a named service', { ...restream, target: 'youtube', serverUrl: 'rtmp://a.example.com/live' }, /Server URL \(serverUrl\): is only for a custom RTMP server, not for youtube/],
		['a restream server URL that is not RTMP', { ...restream, target: 'custom', serverUrl: 'https://a.example.com/live' }, /Server URL \(serverUrl\): must be an rtmp:\/\/ or rtmps:\/\/ URL/],
		['an unknown restream target', { ...restream, target: 'twitch' }, /Target \(target\): must be one of 'youtube', 'vimeo', 'cloudflare', 'custom'/],
		['a restream without a stream key', { resource: 'restreamer', operation: 'start', roomId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', target: 'vimeo' }, /Stream Key \(streamKey\): is required/],
		['seed permission names', { ...role, permissions: '{"chat": true, "emoji_reactions": true}' }, /Permissions \(JSON\) \(permissions\): unknown permission\(s\): chat, emoji_reactions; permissions are 'access_qa', /],
		['a permission that is not true or false', { ...role, permissions: '{"general_chat": "yes"}' }, /\(permissions\.general_chat\): must be true or false/],
		['a role name with spaces', { ...role, roleName: 'guest speaker' }, /Name \(roleName\): may contain only letters, digits/],
		['a role display name under 3 characters', { ...role, roleDisplayName: 'Gu' }, /Display Name \(roleDisplayName\): must be at least 3 characters/],
		['an unreadable statistics date', { resource: 'statistics', operation: 'getTeam', options: { date_start: 'next blue moon' } }, /Start Date \(options\.date_start\): must be a date such as 2026-01-31/],
		['a metric that is not a snake_case name', { resource: 'statistics', operation: 'getTeamCurrent', options: { metrics: 'Participation Minutes' } }, /Metrics \(options\.metrics\[0\]\): each metric must be a snake_case name/],
		['a recording status outside the documented ones', { resource: 'recording', operation: 'getAll', returnAll: true, options: { status: 'DONE' } }, /Status \(options\.status\): must be one of 'IN_PROGRESS', 'PENDING_CONVERSION', 'READY'/],
		['a summary poll interval under 1 second', { resource: 'summary', operation: 'get', sessionId: 's-1', options: { waitUntilReady: true, pollInterval: 0 } }, /Poll Interval \(Seconds\) \(options\.pollInterval\): must be at least 1/],
		['a web app URL that is not http(s)', { resource: 'library', operation: 'createWebapp', libraryId: 'lib-1', url: 'javascript:alert(1)' }, /URL \(url\): must be an http\(s\) URL/],
		['a missing session ID', { resource: 'session', operation: 'end' }, /Session ID \(sessionId\): is required/],
	];

	it.each(cases)('refuses %s with a NodeOperationError naming the field', async (_name, params, message) => {
		// Net connect is disabled and nothing is intercepted: any request would fail differently.
		const error = await failure(runDigitalSamba(params));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(text(error)).toMatch(message);
	});

	it('sends a custom RTMP server as server_url, without type', async () => {
		let body: unknown;
		nock(API).post('/rooms/7c9e6679-7425-40de-944b-e07fc1f90ae7/restreamers/start', (b) => ((body = b), true)).reply(200, '');
		const { output } = await runDigitalSamba({ resource: 'restreamer', operation: 'start', roomId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', target: 'custom', serverUrl: 'rtmps://live.example.com/app', streamKey: 'k-1' });
		expect(body).toEqual({ server_url: 'rtmps://live.example.com/app', stream_key: 'k-1' });
		expect(output[0].json).toEqual({ success: true, roomId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', target: 'custom' });
	});

	it('accepts one phone call object and sends it as a one-element array', async () => {
		let body: unknown;
		nock(API).post('/rooms/7c9e6679-7425-40de-944b-e07fc1f90ae7/phone-participants/joined', (b) => ((body = b), true)).reply(200, '');
		await runDigitalSamba({ resource: 'phone', operation: 'participantsJoined', roomId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', calls: { call_id: 'c-9', name: 'Desk phone' } });
		expect(body).toEqual([{ call_id: 'c-9', name: 'Desk phone' }]);
	});

	it('sends phone calls that left as a bare array of call IDs, also from an expression array', async () => {
		let body: unknown;
		nock(API).post('/rooms/7c9e6679-7425-40de-944b-e07fc1f90ae7/phone-participants/left', (b) => ((body = b), true)).reply(200, '');
		await runDigitalSamba({ resource: 'phone', operation: 'participantsLeft', roomId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', callIds: ['c-1', 42] });
		expect(body).toEqual(['c-1', '42']);
	});
});

describe('summary: wait until ready', () => {
	it('asks again after the poll interval until the status is no longer IN_PROGRESS', async () => {
		const times: number[] = [];
		nock(API)
			.get('/sessions/s-1/summary').reply(() => (times.push(Date.now()), [200, { job_id: 'j-1', status: 'IN_PROGRESS', summary: '' }]))
			.get('/sessions/s-1/summary').reply(() => (times.push(Date.now()), [200, { job_id: 'j-1', status: 'READY', summary: 'We agreed on Q3.' }]));
		const { output } = await runDigitalSamba({ resource: 'summary', operation: 'get', sessionId: 's-1', options: { waitUntilReady: true, pollInterval: 1, timeout: 30 } });
		expect(output.map((i) => i.json)).toEqual([{ job_id: 'j-1', status: 'READY', summary: 'We agreed on Q3.' }]);
		expect(times[1] - times[0]).toBeGreaterThanOrEqual(950);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('fails with a clear NodeOperationError when the summary is not ready within the timeout', async () => {
		const scope = nock(API).get('/sessions/s-1/summary').reply(200, { job_id: 'j-1', status: 'IN_PROGRESS', summary: '' });
		const started = Date.now();
		const error = await failure(runDigitalSamba({ resource: 'summary', operation: 'get', sessionId: 's-1', options: { waitUntilReady: true, pollInterval: 60, timeout: 30 } }));
		expect(scope.isDone()).toBe(true);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error).not.toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/summary of session s-1 was still IN_PROGRESS .*timeout 30 s/);
		expect((error as NodeOperationError).node.name).toBe('Test Node');
		// It gives up instead of sleeping past the timeout.
		expect(Date.now() - started).toBeLessThan(2000);
	});

	it('continueOnFail turns a summary timeout into an error item', async () => {
		nock(API).get('/sessions/s-1/summary').reply(200, { job_id: 'j-1', status: 'IN_PROGRESS', summary: '' });
		const { output } = await runDigitalSamba({ resource: 'summary', operation: 'get', sessionId: 's-1', options: { waitUntilReady: true, pollInterval: 10, timeout: 5 } }, { continueOnFail: true });
		expect(output[0].json.error).toMatch(/still IN_PROGRESS/);
	});
});

const pdf = Buffer.from('%PDF-1.4 quarterly deck');
const withFile = (): INodeExecutionData[] => [{ json: {}, binary: { data: { data: pdf.toString('base64'), fileName: 'deck.pdf', mimeType: 'application/pdf' } } }];

describe('library: upload a file in two steps', () => {
	it('asks for an upload URL and token, then posts the bytes there as multipart "file" with that token', async () => {
		let ticketBody: unknown;
		let uploadAuth: string | undefined;
		let uploadType: string | undefined;
		let uploadBody = '';
		nock(API)
			.post('/libraries/lib-1/files', (b) => ((ticketBody = b), true))
			.reply(200, { file_id: 'file-1', file_name: 'x7Q.pdf', external_storage_url: 'https://storage.example.com/upload', token: 'upload-jwt', expiration_timestamp: 4102444800 });
		nock('https://storage.example.com')
			.post('/upload', (b) => ((uploadBody = typeof b === 'string' ? b : Buffer.from(b).toString('latin1')), true))
			.reply(function (this: { req: { headers: Record<string, string> } }) {
				uploadAuth = this.req.headers.authorization;
				uploadType = this.req.headers['content-type'];
				return [200, { status: 'ok' }];
			});
		const { output, ctx } = await runDigitalSamba(
			{ resource: 'library', operation: 'uploadFile', libraryId: 'lib-1', binaryPropertyName: 'data', additionalFields: { folder_id: 'f-1' } },
			{ items: withFile() },
		);
		expect(ticketBody).toEqual({ name: 'deck.pdf', folder_id: 'f-1', file_size: pdf.length });
		expect(uploadAuth).toBe('Bearer upload-jwt');
		expect(uploadType).toMatch(/^multipart\/form-data; boundary=/);
		expect(uploadBody).toContain('Content-Disposition: form-data; name="file"; filename="deck.pdf"');
		expect(uploadBody).toContain('Content-Type: application/pdf');
		expect(uploadBody).toContain('%PDF-1.4 quarterly deck');
		expect(output.map((i) => i.json)).toEqual([{ id: 'file-1', name: 'deck.pdf', file_name: 'x7Q.pdf', folder_id: 'f-1', size: pdf.length, mimeType: 'application/pdf', uploaded: true }]);
		expect(JSON.stringify(output)).not.toContain('upload-jwt');
		// The developer key goes only to Digital Samba, never to the storage server.
		expect(JSON.stringify(ctx.requests[1])).not.toContain(DS_KEY);
	});

	it('streams a file n8n stores on disk to the storage server, with its exact length, never reading it into memory', async () => {
		const video = Buffer.alloc(2 * 1024 * 1024 + 3, 'frame');
		const id = 'filesystem-v2:workflows/7/executions/9/binary_data/0b1f';
		let declared: unknown;
		let length: string | undefined;
		let uploadBody = Buffer.alloc(0);
		nock(API).post('/libraries/lib-1/files', (b) => ((declared = b), true)).reply(200, { file_id: 'file-3', external_storage_url: 'https://storage.example.com/upload', token: 't' });
		nock('https://storage.example.com')
			.post('/upload', (b) => ((uploadBody = Buffer.from(b, 'latin1')), true))
			.reply(function (this: { req: { headers: Record<string, string> } }) {
				length = this.req.headers['content-length'];
				return [200, ''];
			});
		const items = [{ json: {}, binary: { data: { id, data: 'filesystem-v2', fileName: 'talk.mp4', mimeType: 'video/mp4' } } }];
		const { output, ctx } = await runDigitalSamba({ resource: 'library', operation: 'uploadFile', libraryId: 'lib-1', binaryPropertyName: 'data' }, { items, stored: { [id]: video } });
		expect(declared).toEqual({ name: 'talk.mp4', file_size: video.length });
		expect(typeof (ctx.requests[1].body as { pipe?: unknown }).pipe).toBe('function');
		// Sent without following redirects: n8n's client would keep every chunk to replay it after one.
		expect(ctx.requests[1].disableFollowRedirect).toBe(true);
		expect(length).toBe(String(uploadBody.length));
		expect(uploadBody.toString('latin1')).toContain(`Content-Type: video/mp4\r\n\r\n${video.toString('latin1')}\r\n--`);
		expect(output[0].json).toMatchObject({ id: 'file-3', size: video.length, uploaded: true });
	});

	it('uses the File Name option and accepts a storage URL given as a bare host', async () => {
		let uploadBody = '';
		nock(API).post('/libraries/lib-1/files', { name: 'Q3 deck.pdf', file_size: pdf.length }).reply(200, { file_id: 'file-2', external_storage_url: 'storage.example.com', token: 't' });
		nock('https://storage.example.com').post('/', (b) => ((uploadBody = String(b)), true)).reply(200, '');
		const { output } = await runDigitalSamba(
			{ resource: 'library', operation: 'uploadFile', libraryId: 'lib-1', binaryPropertyName: 'data', additionalFields: { name: 'Q3 deck.pdf' } },
			{ items: withFile() },
		);
		expect(uploadBody).toContain('filename="Q3 deck.pdf"');
		expect(output[0].json).toMatchObject({ id: 'file-2', name: 'Q3 deck.pdf', uploaded: true });
	});

	it('fails naming the input field when the item has no such binary data, before any request', async () => {
		const error = await failure(runDigitalSamba({ resource: 'library', operation: 'uploadFile', libraryId: 'lib-1', binaryPropertyName: 'attachment' }, { items: withFile() }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain("'attachment'");
	});

	it('fails clearly when Digital Samba hands out no upload target', async () => {
		nock(API).post('/libraries/lib-1/files').reply(200, { file_id: 'file-3' });
		const error = await failure(runDigitalSamba({ resource: 'library', operation: 'uploadFile', libraryId: 'lib-1', binaryPropertyName: 'data' }, { items: withFile() }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/without an upload URL and token/);
	});

	it('names only the storage host when the upload fails', async () => {
		nock(API).post('/libraries/lib-1/files').reply(200, { file_id: 'f', external_storage_url: 'https://storage.example.com/upload?sig=secret', token: 't' });
		nock('https://storage.example.com').post('/upload').query(true).reply(403, 'expired');
		const error = await failure(runDigitalSamba({ resource: 'library', operation: 'uploadFile', libraryId: 'lib-1', binaryPropertyName: 'data' }, { items: withFile() }));
		expect(error.message).toMatch(/^Upload to storage\.example\.com failed/);
		expect(error.description).toBe('POST to storage.example.com answered 403.');
		expect(JSON.stringify(error)).not.toContain('sig=secret');
	});

	// The link is for the one file entry already made: the same bytes again fill the same entry, whereas failing
	// would leave it empty and running the item again would make a second entry.
	it('sends the upload again, the file opened anew, after a dropped connection, a 5xx and a 429, and the file entry once', async () => {
		const video = Buffer.alloc(256 * 1024 + 5, 'frame');
		const id = 'filesystem-v2:workflows/7/executions/9/binary_data/0b2a';
		let entries = 0;
		const bodies: Buffer[] = [];
		nock(API).post('/libraries/lib-1/files', () => (entries++, true)).reply(200, { file_id: 'file-4', external_storage_url: 'https://storage.example.com/upload', token: 't' });
		const storage = nock('https://storage.example.com');
		const keep = (b: string) => (bodies.push(Buffer.from(b, 'latin1')), true);
		storage.post('/upload', keep).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
		storage.post('/upload', keep).reply(502, 'Bad Gateway');
		storage.post('/upload', keep).reply(429, 'slow down', { 'retry-after': '0' });
		storage.post('/upload', keep).reply(200, '');
		const items = [{ json: {}, binary: { data: { id, data: 'filesystem-v2', fileName: 'talk.mp4', mimeType: 'video/mp4' } } }];
		const { output, ctx } = await runDigitalSamba({ resource: 'library', operation: 'uploadFile', libraryId: 'lib-1', binaryPropertyName: 'data' }, { items, stored: { [id]: video } });
		expect(output[0].json).toMatchObject({ id: 'file-4', uploaded: true });
		expect(entries).toBe(1);
		expect(nock.pendingMocks()).toEqual([]);
		// Every try sent the whole file, from a stream opened for it.
		expect(ctx.binaryStreamsOpened).toBe(4);
		for (const body of bodies) expect(body.toString('latin1')).toContain(`\r\n\r\n${video.toString('latin1')}\r\n--`);
	});

	it('gives up on an upload the storage server keeps failing, saying so', async () => {
		nock(API).post('/libraries/lib-1/files').reply(200, { file_id: 'f', external_storage_url: 'https://storage.example.com/upload', token: 't' });
		nock('https://storage.example.com').post('/upload').times(defaultRetryPolicy.maxRetries + 1).reply(503, 'Service Unavailable');
		const error = await failure(runDigitalSamba({ resource: 'library', operation: 'uploadFile', libraryId: 'lib-1', binaryPropertyName: 'data' }, { items: withFile() }));
		expect(error.message).toBe('Upload to storage.example.com failed with HTTP 503');
		expect(error.description).toBe(`POST to storage.example.com answered 503 (gave up after ${defaultRetryPolicy.maxRetries + 1} tries).`);
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('recording: download', () => {
	it('fetches the file through the download link, without the developer key, into the chosen binary field', async () => {
		nock(API).get('/recordings/rec-1/download').reply(200, { link: 'https://files.example.com/rec/standup%202026.mp4?sig=abc', valid_until: '2026-12-01T10:00:00Z' });
		let downloadAuth: string | undefined = 'unset';
		nock('https://files.example.com')
			.get('/rec/standup%202026.mp4')
			.query({ sig: 'abc' })
			.reply(function (this: { req: { headers: Record<string, string> } }) {
				downloadAuth = this.req.headers.authorization;
				return [200, Buffer.from('MP4DATA'), { 'content-length': '7' }];
			});
		const { output, ctx } = await runDigitalSamba({ resource: 'recording', operation: 'download', recordingId: 'rec-1', binaryPropertyName: 'video' });
		expect(downloadAuth).toBeUndefined();
		// Streamed into n8n's binary helper, never read into a buffer first (a recording may be gigabytes).
		expect(ctx.binaryInputs).toEqual(['stream']);
		expect(output[0].json).toEqual({ recordingId: 'rec-1', fileName: 'standup 2026.mp4', fileSize: 7 });
		expect(output[0].binary!.video).toMatchObject({ fileName: 'standup 2026.mp4', mimeType: 'video/mp4' });
		expect(Buffer.from(output[0].binary!.video.data, 'base64').toString()).toBe('MP4DATA');
	});

	// Downloads and uploads to a provider's link share one request (nodes/shared/http/send.ts linkRequest): a download is a
	// read, so a 5xx or a 429 is retried like any read.
	it('fetches the link again after a 5xx and a 429', async () => {
		nock(API).get('/recordings/rec-3/download').reply(200, { link: 'https://files.example.com/rec3.mp4?sig=abc' });
		nock('https://files.example.com').get('/rec3.mp4').query(true).reply(503, 'busy')
			.get('/rec3.mp4').query(true).reply(429, 'slow down', { 'retry-after': '0' })
			.get('/rec3.mp4').query(true).reply(200, Buffer.from('MP4'), { 'content-length': '3' });
		const { output } = await runDigitalSamba({ resource: 'recording', operation: 'download', recordingId: 'rec-3', binaryPropertyName: 'data' });
		expect(output[0].json).toMatchObject({ fileSize: 3 });
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('fails a download the link refuses at once, naming only its host', async () => {
		nock(API).get('/recordings/rec-4/download').reply(200, { link: 'https://files.example.com/rec4.mp4?sig=s3cr3t-sig' });
		nock('https://files.example.com').get('/rec4.mp4').query(true).reply(403, 'expired');
		const error = await failure(runDigitalSamba({ resource: 'recording', operation: 'download', recordingId: 'rec-4', binaryPropertyName: 'data' }));
		expect(error.message).toBe('Download from files.example.com failed with HTTP 403');
		expect(error.description).toBe('GET to files.example.com answered 403.');
		expect(JSON.stringify(error)).not.toContain('s3cr3t-sig');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('explains that only READY recordings have a link', async () => {
		nock(API).get('/recordings/rec-2/download').reply(200, {});
		const error = await failure(runDigitalSamba({ resource: 'recording', operation: 'download', recordingId: 'rec-2', binaryPropertyName: 'data' }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/rec-2 has no download link yet; only READY recordings/);
	});
});

describe('status codes', () => {
	it('answers a 204 without a body as { deleted: true, ... }', async () => {
		nock(API).delete('/webhooks/wh-1').reply(204);
		const { output } = await runDigitalSamba({ resource: 'webhook', operation: 'delete', webhookId: 'wh-1' });
		expect(output.map((i) => i.json)).toEqual([{ deleted: true, webhookId: 'wh-1' }]);
	});

	it('treats a 202 Accepted like success, for deletes and for actions', async () => {
		nock(API).delete('/rooms/7c9e6679-7425-40de-944b-e07fc1f90ae7/recordings').reply(202, '').post('/rooms/7c9e6679-7425-40de-944b-e07fc1f90ae7/recordings/start').reply(202, '');
		const { output } = await runDigitalSamba([
			{ resource: 'recording', operation: 'deleteForRoom', roomId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' },
			{ resource: 'recording', operation: 'start', roomId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' },
		]);
		expect(output.map((i) => i.json)).toEqual([{ deleted: true, roomId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }, { success: true, roomId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }]);
	});

	it('surfaces the provider message of a 422 (deleting the resources of a live session)', async () => {
		nock(API).delete('/sessions/s-1/resources').reply(422, { message: 'Cannot delete resources of a live room.' });
		const error = await failure(runDigitalSamba({ resource: 'session', operation: 'deleteResources', sessionId: 's-1' }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Digital Samba API error 422: Cannot delete resources of a live room.');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('lists Laravel validation errors of a 422 field by field', async () => {
		nock(API).post('/webhooks').reply(422, { message: 'The given data was invalid.', errors: { endpoint: ['The endpoint has already been taken.'] } });
		const error = await failure(runDigitalSamba({ resource: 'webhook', operation: 'create', endpoint: 'https://example.com/h', events: ['session_ended'] }));
		expect(error.message).toBe('Digital Samba API error 422: The given data was invalid. (endpoint: The endpoint has already been taken.)');
	});

	it('continueOnFail keeps the other items when one answers 422', async () => {
		nock(API)
			.post('/sessions/s-1/end').reply(200, '')
			.delete('/sessions/s-2/resources').reply(422, { message: 'Cannot delete resources of a live room.' });
		const { output } = await runDigitalSamba(
			[
				{ resource: 'session', operation: 'end', sessionId: 's-1' },
				{ resource: 'session', operation: 'deleteResources', sessionId: 's-2' },
			],
			{ continueOnFail: true },
		);
		expect(output.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].json).toEqual({ success: true, sessionId: 's-1' });
		expect(output[1].json.error).toBe('Digital Samba API error 422: Cannot delete resources of a live room.');
	});

	it('walks offset pages until a short page for Return All', async () => {
		const all = Array.from({ length: 230 }, (_, i) => ({ id: `rec-${i}` }));
		const offsets: string[] = [];
		nock(API).get('/recordings').query(true).times(3).reply((uri) => {
			const q = new URL(uri, DS_URL).searchParams;
			offsets.push(`${q.get('offset')}:${q.get('limit')}`);
			const start = Number(q.get('offset'));
			return [200, { total_count: '230', data: all.slice(start, start + Number(q.get('limit'))) }];
		});
		const { output } = await runDigitalSamba({ resource: 'recording', operation: 'getAll', returnAll: true, options: { status: 'READY' } });
		expect(output).toHaveLength(230);
		expect(offsets).toEqual(['0:100', '100:100', '200:100']);
	});
});
