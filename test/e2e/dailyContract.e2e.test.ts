import { randomUUID } from 'crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { startDailySimulator, type DailySimulator } from '../simulators/daily';
import { createRuntime, manualWorkflow, nodeOutput, nodeType, parseRunOutput, type N8nRuntime, type RunData } from './n8n';

/**
 * The Daily operations added last (phone numbers, dial-in configs, SIP trunks and clients, the batch processor,
 * room and token properties as rows, logs in milliseconds, transcribe nobody) inside a real n8n, against the Daily
 * simulator that enforces Daily's OpenAPI spec and the docs overlay: a request with an undeclared key or a wrong type
 * is refused 400 invalid-request-error, an answer that breaks the response schema is kept in contractViolations.
 * The oracle is that contract, not bodies written here: every request must be answered 2xx and no answer may
 * break the spec. One workflow chains every operation (ids from the node before, by expression, as a user would)
 * and ends with a purchase whose consent switch is off, which must fail before any request.
 */
const API_KEY = 'e2e_daily_contract_key_8e21c4';
const CREDENTIAL = { id: 'dailyContractCred1', name: 'Daily Contract Simulator' };
const SEEDED_NUMBERS = 120;
const LOG_START = '2025-01-01T00:00:00.000Z';

let n8n: N8nRuntime;
let daily: DailySimulator;
/** The SIP trunk's notification URL: answers Daily's signed sip_trunk.test probe with 200. */
let notifications: Server;
let notificationUrl: string;
const probes: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
/** Every answer the simulator gave, as the client saw it (status and body), beside its request. */
const answers: Array<{ method: string; path: string; status: number; body: string }> = [];

function node(name: string, parameters: object, x: number, extra: object = {}) {
	return {
		id: `${name.replace(/\W/g, '')}-id`,
		name,
		type: nodeType('daily'),
		typeVersion: 1.1,
		position: [x, 0],
		parameters,
		credentials: { dailyApi: CREDENTIAL },
		...extra,
	};
}

const id = (value: string) => ({ __rl: true, mode: 'id', value });
const named = (value: string) => ({ __rl: true, mode: 'name', value });
const once = { executeOnce: true };

/** Records each answer's status and body by wrapping the response of every request the simulator's server takes. */
function recordAnswers(server: Server): void {
	server.on('request', (req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		const write = res.write.bind(res) as (...args: unknown[]) => boolean;
		const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
		res.write = ((chunk: unknown, ...rest: unknown[]) => {
			if (chunk) chunks.push(Buffer.from(chunk as string));
			return write(chunk, ...rest);
		}) as ServerResponse['write'];
		res.end = ((chunk: unknown, ...rest: unknown[]) => {
			if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk as string));
			answers.push({ method: req.method ?? '', path: (req.url ?? '').split('?')[0], status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') });
			return end(chunk, ...rest);
		}) as ServerResponse['end'];
	});
}

beforeAll(async () => {
	daily = await startDailySimulator({ apiKey: API_KEY });
	recordAnswers(daily.server);
	// Purchased numbers beyond two pages of 50 (Daily's cap for this list), so that Get Many follows pagination_id to a third page.
	for (let i = 0; i < SEEDED_NUMBERS; i++) {
		const now = new Date().toISOString();
		daily.state.phoneNumbers.unshift({
			id: randomUUID(), number: `+1415555${String(1000 + i)}`, name: `seed-${i}`, type: 'purchased_phone_number',
			pagination_id: daily.state.nextPaginationId++, created_date: now, updated_date: now,
		});
	}
	// A finished cloud recording for the batch processor's recordingId source (found through Recording → Get Many).
	daily.seedRecording('e2e-contract');
	notifications = createServer((req, res) => {
		let body = '';
		req.on('data', (d) => (body += d));
		req.on('end', () => {
			probes.push({ headers: req.headers, body });
			res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
		});
	});
	await new Promise<void>((resolve) => notifications.listen(0, '127.0.0.1', resolve));
	notificationUrl = `http://127.0.0.1:${(notifications.address() as AddressInfo).port}/sip-notify`;
	n8n = createRuntime();
	await n8n.importCredentials([{ ...CREDENTIAL, type: 'dailyApi', data: { apiKey: API_KEY, baseUrl: daily.url } }]);
}, 25 * 60_000);

afterAll(async () => {
	await daily?.close();
	await new Promise((resolve) => (notifications ? notifications.close(resolve) : resolve(undefined)));
	n8n?.cleanup();
});

function contractNodes() {
	const buy = "$('Buy Number').first().json";
	const dialin = "$('Create Dial-In').first().json";
	const trunk = "$('Create SIP Trunk').first().json";
	const client = "$('Create SIP Client').first().json";
	const room = "$('Create Room').first().json";
	const job = "$('Submit Job').first().json";
	let x = 0;
	const at = () => (x += 200);
	return [
		// 1. Phone numbers
		node('Search Numbers', { resource: 'phoneNumber', operation: 'searchAvailable', filters: { region: 'FL' } }, at()),
		node('Buy Number', { resource: 'phoneNumber', operation: 'buy', confirmPurchase: true, additionalFields: { number: '={{ $json.phoneNumber }}' } }, at(), once),
		node('List Numbers', { resource: 'phoneNumber', operation: 'getAll', returnAll: true }, at()),
		// 2. Dial-in config on the bought number
		node('Create Dial-In', {
			resource: 'dialinConfig', operation: 'create', type: 'pin_dialin', phone_number: `={{ ${buy}.number }}`,
			additionalFields: { name_prefix: 'e2e', ivr_greeting: 'Welcome to the e2e line' },
		}, at(), once),
		node('List Dial-Ins', { resource: 'dialinConfig', operation: 'getAll', returnAll: true }, at()),
		node('Get Dial-In', { resource: 'dialinConfig', operation: 'get', dialinConfigId: id(`={{ ${dialin}.id }}`) }, at(), once),
		node('Update Dial-In', {
			resource: 'dialinConfig', operation: 'update', dialinConfigId: id('={{ $json.id }}'),
			updateFields: { name_prefix: 'e2e-updated', ivr_greeting: 'Welcome back' },
		}, at()),
		node('Delete Dial-In', { resource: 'dialinConfig', operation: 'delete', dialinConfigId: `={{ ${dialin}.id }}` }, at()),
		node('Forward Call', {
			resource: 'dialinConfig', operation: 'pinlessCallUpdate', callId: randomUUID(), callDomain: randomUUID(), sipUri: 'sip:e2e-contract@sim.sip.daily.co',
		}, at()),
		node('Release Number', { resource: 'phoneNumber', operation: 'release', phoneNumberId: id(`={{ ${buy}.id }}`), confirmRelease: true }, at()),
		// 3. SIP trunk, then SIP client
		node('Create SIP Trunk', {
			resource: 'sipTrunk', operation: 'create', trunk_name: 'e2e-trunk', webhook_url: notificationUrl,
			additionalFields: { description: 'e2e trunk', allowed_ips: '203.0.113.10, 203.0.113.11', exp_offset: 1800 },
		}, at()),
		node('List SIP Trunks', { resource: 'sipTrunk', operation: 'getAll', returnAll: true }, at()),
		node('Get SIP Trunk', { resource: 'sipTrunk', operation: 'get', sipTrunkId: id(`={{ ${trunk}.id }}`) }, at(), once),
		node('Update SIP Trunk', { resource: 'sipTrunk', operation: 'update', sipTrunkId: id('={{ $json.id }}'), updateFields: { description: 'e2e trunk, updated', rotateHmac: true } }, at()),
		node('Delete SIP Trunk', { resource: 'sipTrunk', operation: 'delete', sipTrunkId: id(`={{ ${trunk}.id }}`) }, at()),
		node('Create SIP Client', { resource: 'sipClient', operation: 'create', username: 'e2e-client.0', additionalFields: { expires_in_seconds: 3600 } }, at()),
		node('List SIP Clients', { resource: 'sipClient', operation: 'getAll', returnAll: true }, at()),
		node('Get SIP Client', { resource: 'sipClient', operation: 'get', sipClientUsername: named(`={{ ${client}.username }}`) }, at(), once),
		node('Rotate SIP Client', { resource: 'sipClient', operation: 'rotate', sipClientUsername: named('={{ $json.username }}') }, at()),
		node('Delete SIP Client', { resource: 'sipClient', operation: 'delete', sipClientUsername: `={{ ${client}.username }}` }, at()),
		// 4. Batch processor on a recording of the room
		node('Create Room', { resource: 'room', operation: 'create', roomName: 'e2e-contract', privacy: 'private' }, at()),
		node('List Recordings', { resource: 'recording', operation: 'getAll', returnAll: false, limit: 1, filters: { room_name: named('={{ $json.name }}') } }, at()),
		node('Submit Job', {
			resource: 'batchProcessor', operation: 'submit', preset: 'transcript', sourceType: 'recordingId', source: '={{ $json.id }}',
			outParams: '{"s3Config": {"s3KeyTemplate": "e2e-contract"}}', options: { language: 'en' },
		}, at()),
		node('List Jobs', { resource: 'batchProcessor', operation: 'getAll', returnAll: true }, at()),
		node('Get Job', { resource: 'batchProcessor', operation: 'get', jobId: id(`={{ ${job}.id }}`) }, at(), once),
		node('Delete Job', { resource: 'batchProcessor', operation: 'delete', jobId: id('={{ $json.id }}') }, at()),
		// 5. Room and token properties as rows
		node('Update Room', {
			resource: 'room', operation: 'update', roomName: named(`={{ ${room}.name }}`),
			properties: {
				enable_chat: true,
				permissionsUi: { permissions: { hasPresence: true, canSend: ['video', 'audio'], canAdmin: ['participants'] } },
				sipUi: { sip: { display_name: 'Phone guest', video: false, num_endpoints: 2, audioCodecs: ['OPUS', 'PCMU'] } },
				streamingEndpointsUi: { endpoint: [
					{ name: 'rtmp_e2e', type: 'rtmp', rtmpUrl: 'rtmps://live.example.com/app/stream-key' },
					{ name: 'hls_e2e', type: 'hls', hlsConfig: '{"save_hls_recording": true, "storage": {"bucket_name": "e2e", "bucket_region": "us-west-2", "assume_role_arn": "arn:aws:iam::123456789012:role/e2e"}}' },
				] },
			},
		}, at()),
		node('Create Rooms', {
			resource: 'room', operation: 'createMany', roomsInputMode: 'fields',
			roomsUi: { room: [
				{ name: 'e2e-many-1', privacy: 'private' },
				{ name: 'e2e-many-2', privacy: 'public', properties: '{"enable_chat": true, "max_participants": 4}' },
			] },
		}, at()),
		node('Create Token', {
			resource: 'meetingToken', operation: 'create',
			properties: { room_name: `={{ ${room}.name }}`, user_name: 'E2E', permissionsUi: { permissions: { hasPresence: false, canSend: ['audio'] } } },
		}, at(), once),
		// 6. Logs from a start time (sent in ms), transcription of nobody
		node('Get Logs', {
			resource: 'logs', operation: 'get',
			filters: { mtgSessionId: "={{ $('List Recordings').first().json.mtgSessionId }}", startTime: LOG_START, includeMetrics: true },
		}, at()),
		node('Start Transcription', { resource: 'transcription', operation: 'start', roomName: named(`={{ ${room}.name }}`) }, at()),
		node('Transcribe Nobody', { resource: 'transcription', operation: 'update', roomName: named(`={{ ${room}.name }}`), options: { transcribe: 'nobody' } }, at()),
		// Last: a purchase with the consent switch off fails in the node; nothing reaches Daily.
		node('Buy Without Consent', { resource: 'phoneNumber', operation: 'buy', confirmPurchase: false }, at()),
	];
}

/** What the simulator received: method and path, the ids made along the way written as {placeholders}. */
function sequence(ids: Record<string, string>): string[] {
	return daily.requests.map((r) => {
		let path = r.path;
		for (const [name, value] of Object.entries(ids)) path = path.split(`/${encodeURIComponent(value)}`).join(`/{${name}}`);
		return `${r.method} ${path}`;
	});
}

const query = (method: string, path: string) => daily.requests.filter((r) => r.method === method && r.path === path).map((r) => new URLSearchParams(r.query));
const bodyOf = (method: string, path: string) => daily.requests.find((r) => r.method === method && r.path === path)?.body as any;

it('runs the new Daily operations in one workflow inside n8n, every request accepted by the spec-enforcing simulator', async () => {
	await n8n.importWorkflow(manualWorkflow('DailyContract0001', 'Daily e2e: new operations against the spec', contractNodes()));
	const { result } = await n8n.execute('DailyContract0001');
	const run = parseRunOutput(result.stdout);
	const output = `${result.stdout}${result.stderr}`;
	const out = (name: string) => nodeOutput(run, name);
	expect(output).not.toContain(API_KEY);

	// The contract first: no refusal, no answer outside the response schemas.
	expect(answers.filter((a) => a.status >= 300)).toEqual([]);
	expect(answers).toHaveLength(daily.requests.length);
	expect(daily.contractViolations).toEqual([]);

	// It failed exactly at the last node, naming the switch, and the simulator got no second purchase.
	expect(result.code).not.toBe(0);
	expect(run).toBeDefined();
	const runData = (run as RunData).data.resultData;
	const failed = Object.entries(runData.runData).filter(([, runs]) => runs.some((r) => r.error)).map(([name]) => name);
	expect(failed).toEqual(['Buy Without Consent']);
	expect(JSON.stringify(runData.error ?? runData.runData['Buy Without Consent'][0].error)).toMatch(/I Understand This Buys a Phone Number Billed to My Account|confirmPurchase/);
	expect(output).toContain('must be turned on to buy a number');
	expect(query('POST', '/v1/buy-phone-number')).toHaveLength(1);

	const [bought] = out('Buy Number');
	const [dialin] = out('Create Dial-In');
	const [trunk] = out('Create SIP Trunk');
	const [job] = out('Submit Job');
	const [recording] = out('List Recordings');
	expect(sequence({ number: bought.id, dialin: dialin.id, trunk: trunk.id, client: 'e2e-client.0', job: job.id, room: 'e2e-contract' })).toEqual([
		'GET /v1/list-available-numbers',
		'POST /v1/buy-phone-number',
		'GET /v1/purchased-phone-numbers',
		'GET /v1/purchased-phone-numbers',
		'GET /v1/purchased-phone-numbers',
		'POST /v1/domain-dialin-config',
		'GET /v1/domain-dialin-config',
		'GET /v1/domain-dialin-config/{dialin}',
		'PUT /v1/domain-dialin-config/{dialin}',
		'DELETE /v1/domain-dialin-config/{dialin}',
		'POST /v1/dialin/pinlessCallUpdate',
		'DELETE /v1/release-phone-number/{number}',
		'POST /v1/sip-trunk',
		'GET /v1/sip-trunk',
		'GET /v1/sip-trunk/{trunk}',
		'PUT /v1/sip-trunk/{trunk}',
		'DELETE /v1/sip-trunk/{trunk}',
		'POST /v1/sip-clients',
		'GET /v1/sip-clients',
		'GET /v1/sip-clients/{client}',
		'POST /v1/sip-clients/{client}/rotate',
		'DELETE /v1/sip-clients/{client}',
		'POST /v1/rooms',
		'GET /v1/recordings',
		'POST /v1/batch-processor',
		'GET /v1/batch-processor',
		'GET /v1/batch-processor/{job}',
		'DELETE /v1/batch-processor/{job}',
		'POST /v1/rooms/{room}',
		'POST /v1/batch/rooms',
		'POST /v1/meeting-tokens',
		'GET /v1/logs',
		'POST /v1/rooms/{room}/transcription/start',
		'POST /v1/rooms/{room}/transcription/update',
	]);

	// 1. Phone numbers: the search's first number bought, every purchased number across three pages of 50 (the docs
	// page's cap), the bought one released.
	expect(out('Search Numbers')).toHaveLength(6);
	expect(bought.number).toBe(out('Search Numbers')[0].phoneNumber);
	const pages = query('GET', '/v1/purchased-phone-numbers');
	expect(pages.map((q) => q.get('limit'))).toEqual(['50', '50', '50']);
	expect(pages.slice(1).map((q) => q.get('starting_after'))).toEqual([49, 99].map((i) => String(out('List Numbers')[i].pagination_id)));
	expect(out('List Numbers')).toHaveLength(SEEDED_NUMBERS + 1);
	expect(out('List Numbers')[0]).toMatchObject({ id: bought.id, number: bought.number });
	expect(out('Release Number')).toEqual([expect.objectContaining({ released: true, id: bought.id })]);
	expect(daily.state.phoneNumbers.find((n) => n.id === bought.id)).toBeUndefined();

	// 2. Dial-in config on that number: made, listed, read, changed, deleted; a held call forwarded.
	expect(dialin).toMatchObject({ type: 'pin_dialin', config: { phone_number: bought.number, name_prefix: 'e2e', ivr_greeting: { message: 'Welcome to the e2e line' } } });
	expect(out('List Dial-Ins').map((c) => c.id)).toEqual([dialin.id]);
	expect(out('Get Dial-In')[0].id).toBe(dialin.id);
	expect(out('Update Dial-In')[0].config).toMatchObject({ name_prefix: 'e2e-updated', ivr_greeting: { message: 'Welcome back' } });
	expect(out('Delete Dial-In')).toEqual([expect.objectContaining({ deleted: true, id: dialin.id })]);
	expect(daily.state.dialinConfigs).toEqual([]);
	expect(out('Forward Call')).toHaveLength(1);

	// 3. SIP trunk (probed at create and again when the secret rotated) and SIP client (password rotated).
	expect(trunk).toMatchObject({ trunk_name: 'e2e-trunk', trunk_config: { allowed_ips: ['203.0.113.10', '203.0.113.11'], exp_offset: 1800 } });
	expect(out('List SIP Trunks').map((t) => t.id)).toEqual([trunk.id]);
	expect(out('Get SIP Trunk')[0].id).toBe(trunk.id);
	expect(bodyOf('PUT', `/v1/sip-trunk/${trunk.id}`)).toEqual({ description: 'e2e trunk, updated', notification: { hmac: null } });
	expect(out('Update SIP Trunk')[0].description).toBe('e2e trunk, updated');
	expect(probes).toHaveLength(2);
	expect(out('Delete SIP Trunk')).toEqual([expect.objectContaining({ deleted: true, id: trunk.id })]);
	expect(daily.state.sipTrunks).toEqual([]);
	const [client] = out('Create SIP Client');
	expect(client).toMatchObject({ username: 'e2e-client.0' });
	expect(out('List SIP Clients').map((c) => c.username)).toEqual(['e2e-client.0']);
	expect(out('Get SIP Client')[0].username).toBe('e2e-client.0');
	expect(typeof out('Rotate SIP Client')[0].password).toBe('string');
	expect(out('Rotate SIP Client')[0].password).not.toBe(client.password);
	expect(out('Delete SIP Client')).toEqual([expect.objectContaining({ deleted: true, username: 'e2e-client.0' })]);
	expect(daily.state.sipClients).toEqual([]);

	// 4. Batch processor: a job on the recording, listed, read and deleted.
	expect(bodyOf('POST', '/v1/batch-processor')).toEqual({
		preset: 'transcript', inParams: { sourceType: 'recordingId', recordingId: recording.id, language: 'en' }, outParams: { s3Config: { s3KeyTemplate: 'e2e-contract' } },
	});
	expect(out('List Jobs').map((j) => j.id)).toEqual([job.id]);
	expect(out('Get Job')[0]).toMatchObject({ id: job.id, status: 'finished' });
	expect(out('Delete Job')).toEqual([expect.objectContaining({ deleted: true, id: job.id })]);
	expect(daily.state.batchJobs).toEqual([]);

	// 5. Rows became the spec's objects.
	expect(bodyOf('POST', '/v1/rooms/e2e-contract').properties).toEqual({
		enable_chat: true,
		permissions: { hasPresence: true, canSend: ['video', 'audio'], canAdmin: ['participants'] },
		// n8n fills a row's fields left out with their defaults (force_digit_only_username: false, Daily's default too).
		sip: { display_name: 'Phone guest', video: false, num_endpoints: 2, force_digit_only_username: false, sip_mode: 'dial-in', codecs: { audio: ['OPUS', 'PCMU'] } },
		streaming_endpoints: [
			{ name: 'rtmp_e2e', type: 'rtmp', rtmp_config: { url: 'rtmps://live.example.com/app/stream-key' } },
			{ name: 'hls_e2e', type: 'hls', hls_config: { save_hls_recording: true, storage: { bucket_name: 'e2e', bucket_region: 'us-west-2', assume_role_arn: 'arn:aws:iam::123456789012:role/e2e' } } },
		],
	});
	expect(out('Update Room')[0].config).toMatchObject({ enable_chat: true, permissions: { hasPresence: true } });
	expect(out('Create Rooms').map((r) => [r.name, r.privacy])).toEqual([['e2e-many-1', 'private'], ['e2e-many-2', 'public']]);
	expect(bodyOf('POST', '/v1/batch/rooms').rooms[1]).toEqual({ name: 'e2e-many-2', privacy: 'public', properties: { enable_chat: true, max_participants: 4 } });
	expect(bodyOf('POST', '/v1/meeting-tokens')).toEqual({ properties: { room_name: 'e2e-contract', user_name: 'E2E', permissions: { hasPresence: false, canSend: ['audio'] } } });
	expect(typeof out('Create Token')[0].token).toBe('string');

	// 6. The start time in milliseconds; Transcribe Nobody as an empty list.
	const [logs] = query('GET', '/v1/logs');
	expect(Object.fromEntries(logs)).toEqual({ mtgSessionId: recording.mtgSessionId, startTime: String(Date.parse(LOG_START)), includeMetrics: 'true' });
	expect(out('Get Logs')).toHaveLength(1);
	expect(bodyOf('POST', '/v1/rooms/e2e-contract/transcription/update')).toEqual({ participants: [] });
	expect(out('Transcribe Nobody')).toHaveLength(1);
}, 300_000);
