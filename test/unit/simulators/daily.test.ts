import { callSimulator } from '../../helpers/daily';
import { startDailySimulator, type DailySimulator } from '../../simulators/daily';
import { DAILY_ROUTES } from '../../simulators/daily/routes';
import { loadDailySpec } from '../../simulators/daily/spec';
import { exampleFromSchema, schemaErrors } from '../../simulators/openapi';

/**
 * The Daily simulator against its oracle, Daily's OpenAPI spec plus the docs overlay: it refuses what the
 * contract does not allow, accepts the contract's own examples, implements every operation, and answers in the
 * shapes of the contract's response schemas.
 */
const KEY = 'sim-key';
let sim: DailySimulator;

const call = (method: string, path: string, body?: unknown) => callSimulator(sim.url, KEY, method, path, body);

beforeEach(async () => {
	sim = await startDailySimulator({ apiKey: KEY });
});
afterEach(async () => {
	expect(sim.contractViolations).toEqual([]);
	await sim.close();
});

describe('refuses what the spec does not allow, as Daily answers (400 invalid-request-error naming the field)', () => {
	it('an undeclared key (CreateRoom declares additionalProperties: false)', async () => {
		const res = await call('POST', '/rooms', { name: 'a', privacy: 'public', colour: 'red' });
		expect(res).toEqual({ status: 400, body: { error: 'invalid-request-error', info: expect.stringMatching(/^colour is not allowed/) } });
		const nested = await call('POST', '/rooms', { properties: { enable_chat: true, not_a_property: 1 } });
		expect(nested.status).toBe(400);
		expect(nested.body.info).toMatch(/^properties\.not_a_property is not allowed/);
		expect(sim.rooms).toHaveLength(0);
	});

	it('a value outside an enum (ListLogs logLevel; recording stop type from the overlay)', async () => {
		const res = await call('GET', '/logs?mtgSessionId=m&logLevel=TRACE');
		expect(res.status).toBe(400);
		expect(res.body.info).toBe('logLevel must be one of "ERROR", "INFO", "DEBUG"');
		await call('POST', '/rooms', { name: 'r' });
		const stop = await call('POST', '/rooms/r/recordings/stop', { type: 'video' });
		expect(stop.body.info).toBe('type must be one of "cloud", "cloud-audio-only", "raw-tracks"');
	});

	it('a wrong type (room property max_participants is an integer; logs startTime is JavaScript ms)', async () => {
		const res = await call('POST', '/rooms', { properties: { max_participants: 'ten' } });
		expect(res.body).toEqual({ error: 'invalid-request-error', info: 'properties.max_participants must be an integer, not string' });
		const seconds = await call('GET', `/logs?mtgSessionId=m&startTime=${Math.floor(Date.now() / 1000)}`);
		expect(seconds.body.info).toMatch(/^startTime must be at least/);
		expect((await call('GET', `/logs?mtgSessionId=m&startTime=${Date.now() - 60_000}`)).status).toBe(200);
	});

	it('an undeclared query key, a body where the operation takes none, a missing required body key', async () => {
		await call('POST', '/rooms', { name: 'r' });
		expect((await call('GET', '/rooms?sort=asc')).body.info).toMatch(/^sort is not a query parameter of ListRooms/);
		expect((await call('DELETE', '/rooms/r', { force: true })).body.info).toBe('body is not allowed: DeleteRoom takes no request body');
		expect((await call('DELETE', '/batch/rooms', {})).body.info).toBe('rooms is required');
		expect((await call('DELETE', '/batch/rooms', { room_names: ['r'] })).body.info).toMatch(/^rooms is required; room_names is not allowed/);
	});
});

describe('accepts the contract', () => {
	const contract = loadDailySpec();

	it('has 75 operations and a route for each (no route for anything else)', () => {
		expect(contract.operations).toHaveLength(75);
		expect(Object.keys(DAILY_ROUTES).sort()).toEqual(contract.operations.map((op) => op.key).sort());
	});

	it("fits the spec's own request examples (media examples whole; else the properties' examples, which leave some required keys out)", () => {
		const checked = contract.operations.filter((op) => op.bodySchema).map((op) => {
			const errors = op.requestExamples.length
				? op.requestExamples.flatMap((example) => schemaErrors(op.bodySchema, example))
				: schemaErrors(op.bodySchema, exampleFromSchema(op.bodySchema) ?? {}, '', { required: false });
			return { op: op.key, errors };
		});
		expect(checked.length).toBeGreaterThan(30);
		expect(checked.filter((c) => c.errors.length)).toEqual([]);
	});

	it('accepts a room created from the property examples of CreateRoom over HTTP', async () => {
		const body = exampleFromSchema(contract.byKey.get('POST /rooms')!.bodySchema) as any;
		delete body.properties?.exp; // the example's exp (2019) is in the past
		delete body.properties?.nbf;
		const res = await call('POST', '/rooms', { ...body, name: 'from-example', privacy: 'private' });
		expect(res.status).toBe(200);
		expect(res.body.name).toBe('from-example');
	});
});

describe('state and paging as the contract documents them', () => {
	it('rooms: create, list newest first with starting_after/ending_before/limit, get, update, delete, bulk delete `rooms`', async () => {
		for (const name of ['a', 'b', 'c']) expect((await call('POST', '/rooms', { name })).status).toBe(200);
		const first = await call('GET', '/rooms?limit=2');
		expect(first.body.total_count).toBe(3);
		expect(first.body.data.map((r: any) => r.name)).toEqual(['c', 'b']);
		const next = await call('GET', `/rooms?limit=2&starting_after=${first.body.data[1].id}`);
		expect(next.body.data.map((r: any) => r.name)).toEqual(['a']);
		expect((await call('GET', '/rooms?limit=1&ending_before=OLDEST')).body.data.map((r: any) => r.name)).toEqual(['a']);
		expect((await call('POST', '/rooms/a', { properties: { enable_chat: true } })).body.config).toEqual({ enable_chat: true });
		expect((await call('DELETE', '/rooms/a')).body).toEqual({ deleted: true, name: 'a' });
		expect((await call('DELETE', '/batch/rooms', { rooms: ['b', 'c'] })).body).toEqual({ deleted_count: 2 });
		expect((await call('GET', '/rooms/b')).status).toBe(404);
	});

	it('meeting participants page with joined_after and answer 404 after the last page', async () => {
		const meeting = sim.seedMeeting('r', 3);
		const first = await call('GET', `/meetings/${meeting.id}/participants?limit=2`);
		expect(first.body.data).toHaveLength(2);
		const last = await call('GET', `/meetings/${meeting.id}/participants?limit=2&joined_after=${first.body.data[1].participant_id}`);
		expect(last.body.data).toHaveLength(1);
		const past = await call('GET', `/meetings/${meeting.id}/participants?limit=2&joined_after=${last.body.data[0].participant_id}`);
		expect(past.status).toBe(404);
		expect(past.body.error).toBe('not-found');
	});

	it('transcript access link answers download_link (the spec example and the docs, not the schema\'s `link`)', async () => {
		const { transcriptId } = sim.seedTranscript('r');
		const res = await call('GET', `/transcript/${transcriptId}/access-link`);
		expect(Object.keys(res.body).sort()).toEqual(['download_link', 'transcriptId']);
	});

	it('GET /webhooks/{id} answers an array, as the spec says (the docs prose shows one object)', async () => {
		const receiver = await import('http').then(({ createServer }) => createServer((_q, s) => s.end('ok')));
		await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
		const url = `http://127.0.0.1:${(receiver.address() as any).port}/hook`;
		const hook = await call('POST', '/webhooks', { url, eventTypes: ['meeting.started'] });
		expect(hook.status).toBe(200);
		const got = await call('GET', `/webhooks/${hook.body.uuid}`);
		expect(Array.isArray(got.body)).toBe(true);
		expect(got.body[0].uuid).toBe(hook.body.uuid);
		receiver.close();
	});

	it('recordings: stop needs a running recording and type raw-tracks for a raw-tracks one', async () => {
		await call('POST', '/rooms', { name: 'r' });
		expect((await call('POST', '/rooms/r/recordings/stop')).status).toBe(400);
		expect((await call('POST', '/rooms/r/recordings/start', { type: 'raw-tracks' })).body).toEqual({ status: 'sent' });
		expect((await call('POST', '/rooms/r/recordings/stop', {})).body.info).toMatch(/raw-tracks/);
		expect((await call('POST', '/rooms/r/recordings/stop', { type: 'raw-tracks' })).status).toBe(200);
		expect((await call('GET', '/recordings')).body.total_count).toBe(1);
	});

	it('recording files: the access link serves the file without a key, signed and time-limited; gone once deleted', async () => {
		const recording = sim.seedRecording('r');
		const link = (await call('GET', `/recordings/${recording.id}/access-link`)).body;
		expect(link.expires).toBeGreaterThan(Date.now() / 1000 + 3500);
		const url = new URL(link.download_link);
		expect(url.pathname).toBe(`/storage/daily-meeting-recordings/${recording.s3key}`);
		// The spec example's form: AWSAccessKeyId, Expires, Signature, the file named in response-content-disposition.
		expect([...url.searchParams.keys()]).toEqual(['AWSAccessKeyId', 'Expires', 'Signature', 'response-content-disposition']);
		expect(url.searchParams.get('response-content-disposition')).toBe(`attachment; filename="${recording.s3key}.mp4"`);
		const file = await fetch(url);
		expect(file.status).toBe(200);
		expect(file.headers.get('content-type')).toBe('video/mp4');
		expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${recording.s3key}.mp4"`);
		expect(Buffer.from(await file.arrayBuffer())).toEqual(sim.recordingFile(recording.id));
		const tampered = new URL(url);
		tampered.searchParams.set('Expires', String(Number(url.searchParams.get('Expires')) + 60));
		expect((await fetch(tampered)).status).toBe(403);
		expect((await call('DELETE', `/recordings/${recording.id}`)).status).toBe(200);
		const gone = await fetch(url);
		expect(gone.status).toBe(404);
		expect(await gone.text()).toContain('<Code>NoSuchKey</Code>');
		expect(sim.requests.some((r) => r.path.startsWith('/storage/'))).toBe(false);
		expect(sim.downloads.map((d) => d.status)).toEqual([200, 403, 404]);
	});

	it('recording files: none for raw-tracks, an error string for a customer\'s bucket without API access, recordingBytes for size', async () => {
		const raw = sim.seedRecording('r', { type: 'raw-tracks' });
		expect(raw.tracks.map((t) => t.s3key)).toEqual([`${raw.s3key}-audio`, `${raw.s3key}-video`]);
		expect((await call('GET', `/recordings/${raw.id}/access-link`)).status).toBe(400);
		const kept = sim.seedRecording('r', { bucket: { bucket_name: 'acme', bucket_region: 'eu-west-1' } });
		const answer = (await call('GET', `/recordings/${kept.id}/access-link`)).body;
		expect(answer.download_link).not.toMatch(/^https?:/);
		const inProgress = sim.seedRecording('r', { status: 'in-progress' });
		expect((await call('GET', `/recordings/${inProgress.id}`)).body.duration).toBeUndefined();
		const big = await startDailySimulator({ apiKey: KEY, recordingBytes: 3 * 1024 * 1024 });
		try {
			const recording = big.seedRecording('r');
			const link = (await callSimulator(big.url, KEY, 'GET', `/recordings/${recording.id}/access-link`)).body.download_link;
			const file = await fetch(link);
			expect(file.headers.get('content-length')).toBe(String(3 * 1024 * 1024));
			expect((await file.arrayBuffer()).byteLength).toBe(3 * 1024 * 1024);
		} finally {
			await big.close();
		}
	});

	it('batch processor: submit, list, get, access link, delete', async () => {
		const { id: recordingId } = sim.seedRecording('r');
		expect((await call('POST', '/batch-processor', { preset: 'transcript', inParams: { sourceType: 'recordingId', recordingId } })).body.info).toBe('outParams is required');
		const job = await call('POST', '/batch-processor', { preset: 'summarize', inParams: { sourceType: 'recordingId', recordingId }, outParams: {} });
		expect(job.body).toEqual({ id: expect.any(String) });
		expect((await call('GET', `/batch-processor?recordingId=${recordingId}`)).body).toEqual({ total_count: 1, data: [{ id: job.body.id, preset: 'summarize', status: 'finished' }] });
		expect((await call('GET', `/batch-processor/${job.body.id}`)).body.input).toEqual({ sourceType: 'recordingId', recordingId });
		const links = await call('GET', `/batch-processor/${job.body.id}/access-link`);
		expect(links.body.transcription.map((t: any) => t.format)).toEqual(['json', 'srt', 'txt', 'vtt']);
		// Served by the simulator: the summary text the job wrote.
		expect(await (await fetch(links.body.summary.link)).text()).toMatch(/^Summary of job /);
		expect((await call('DELETE', `/batch-processor/${job.body.id}`)).body.id).toBe(job.body.id);
		expect((await call('GET', `/batch-processor/${job.body.id}`)).status).toBe(404);
	});

	it('SIP clients: create (password once), offset paging, get without password, rotate, delete, 409 duplicate, 403 at the limit', async () => {
		for (const username of ['c1', 'c2', 'c3']) expect((await call('POST', '/sip-clients', { username })).body.password).toEqual(expect.any(String));
		expect((await call('POST', '/sip-clients', { username: 'c1' })).status).toBe(409);
		const page = await call('GET', '/sip-clients?limit=2&offset=2');
		expect(page.body).toEqual({ sip_clients: [expect.objectContaining({ username: 'c3' })], total: 3, limit: 2, offset: 2 });
		expect(page.body.sip_clients[0].password).toBeUndefined();
		expect((await call('GET', '/sip-clients/c1')).body.password).toBeUndefined();
		const rotated = await call('POST', '/sip-clients/c1/rotate', {});
		expect(rotated.body.password).toEqual(expect.any(String));
		expect((await call('DELETE', '/sip-clients/c2')).body).toEqual({ deleted: true, username: 'c2' });
		sim.state.sipClientLimit = 2;
		expect((await call('POST', '/sip-clients', { username: 'c4' })).body).toEqual({ error: 'forbidden-error', info: 'SIP client limit reached for this domain' });
	});

	it('phone numbers: buy, list paged by pagination_id, release; dial-in config CRUD', async () => {
		const a = await call('POST', '/buy-phone-number', { number: '+18058700061' });
		await call('POST', '/buy-phone-number', { number: '+18058700062' });
		const first = await call('GET', '/purchased-phone-numbers?limit=1');
		expect(first.body.total_count).toBe(2);
		const next = await call('GET', `/purchased-phone-numbers?limit=1&starting_after=${first.body.data[0].pagination_id}`);
		expect(next.body.data[0].number).toBe('+18058700061');
		const config = await call('POST', '/domain-dialin-config', { type: 'pinless_dialin', phone_number: '+18058700061', room_creation_api: 'https://example.com/r' });
		expect(config.body.type).toBe('pinless_dialin');
		expect((await call('PUT', `/domain-dialin-config/${config.body.id}`, { name_prefix: 'x' })).body.config.name_prefix).toBe('x');
		expect((await call('DELETE', `/domain-dialin-config/${config.body.id}`)).body).toEqual({ status: 'ok' });
		expect((await call('DELETE', `/release-phone-number/${a.body.id}`)).body).toEqual({ status: 'ok' });
	});

	it('SIP trunk: create probes the notification URL (400 unless 2xx), list, get, update, delete', async () => {
		const { createServer } = await import('http');
		let probes = 0;
		const receiver = createServer((q, s) => {
			probes++;
			s.statusCode = q.headers['x-siptrunk-signature'] ? 200 : 401;
			s.end();
		});
		await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
		const webhook_url = `http://127.0.0.1:${(receiver.address() as any).port}/sip`;
		expect((await call('POST', '/sip-trunk', { trunk_name: 't', notification: { webhook_url: 'http://127.0.0.1:1/x' }, trunk_config: { is_open: true } })).status).toBe(400);
		expect((await call('POST', '/sip-trunk', { trunk_name: 't', notification: { webhook_url } })).body.info).toMatch(/trunk_config/);
		const trunk = await call('POST', '/sip-trunk', { trunk_name: 't', notification: { webhook_url }, trunk_config: { allowed_ips: ['203.0.113.10'] } });
		expect(trunk.status).toBe(200);
		expect(trunk.body.sip_uri).toMatch(/^sip:/);
		expect((await call('GET', '/sip-trunk')).body.total_count).toBe(1);
		const updated = await call('PUT', `/sip-trunk/${trunk.body.id}`, { notification: { hmac: null } });
		expect(updated.body.notification.hmac).not.toBe(trunk.body.notification.hmac);
		expect(probes).toBe(2);
		expect((await call('PUT', `/sip-trunk/${trunk.body.id}`, { trunk_name: 'u' })).body.info).toMatch(/^trunk_name is not allowed/);
		expect((await call('DELETE', `/sip-trunk/${trunk.body.id}`)).body).toEqual({ deleted: true, id: trunk.body.id });
		receiver.close();
	});
});

describe('issue #22: what the overlay adds to the spec, enforced', () => {
	const overlayEntry = (method: string, path: string) => loadDailySpec().overlay.find((e) => e.method === method && e.path === path)!;

	it('dial-in config create: phone_number required for pinless_dialin, optional for pin_dialin (the spec\'s field text)', async () => {
		const entry = overlayEntry('POST', '/domain-dialin-config');
		expect(entry.source).toBe('https://docs.daily.co/reference/rest-api/domainDialinConfig/create-dialin-config');
		expect(loadDailySpec().byKey.get('POST /domain-dialin-config')!.bodySchema!.properties!.phone_number.description).toMatch(/Required for pinless_dialin, optional for pin_dialin/);
		const pinless = await call('POST', '/domain-dialin-config', { type: 'pinless_dialin', room_creation_api: 'https://example.com/r' });
		expect(pinless).toEqual({ status: 400, body: { error: 'invalid-request-error', info: 'phone_number is required for pinless_dialin' } });
		const pin = await call('POST', '/domain-dialin-config', { type: 'pin_dialin', name_prefix: 'no-number' });
		expect(pin.status).toBe(200);
		expect(pin.body.config).toEqual({ type: 'pin_dialin', name_prefix: 'no-number' });
		// Two configurations without a number do not share "a number".
		expect((await call('POST', '/domain-dialin-config', { type: 'pin_dialin' })).status).toBe(200);
		expect((await call('POST', '/domain-dialin-config', {})).body.info).toBe('type is required');
	});

	it('batch processor submit: transformParams.transcript takes the keys of the submit-job page\'s table, and nothing else', async () => {
		const transcript = overlayEntry('POST', '/batch-processor').operation.requestBody.content['application/json'].schema.properties.transformParams.properties.transcript;
		expect(Object.keys(transcript.properties).sort()).toEqual(['endpointing', 'extra', 'language', 'model', 'profanity_filter', 'punctuate', 'redact', 'tier']);
		const base = { preset: 'transcript', inParams: { sourceType: 'uri', uri: 'https://example.com/a.mp4' }, outParams: { s3Config: { s3KeyTemplate: 't' } } };
		const ok = await call('POST', '/batch-processor', { ...base, transformParams: { transcript: { model: 'nova-2', tier: 'enhanced', language: 'fr', profanity_filter: true, punctuate: false, endpointing: false, redact: ['pci'], extra: { diarize: true } } } });
		expect(ok.status).toBe(200);
		expect((await call('POST', '/batch-processor', { ...base, transformParams: { transcript: { diarize: true } } })).body.info).toMatch(/^transformParams\.transcript\.diarize is not allowed/);
		expect((await call('POST', '/batch-processor', { ...base, transformParams: { params: {} } })).body.info).toMatch(/^transformParams\.params is not allowed/);
		expect((await call('POST', '/batch-processor', { ...base, transformParams: { transcript: { punctuate: 'yes' } } })).body.info).toBe('transformParams.transcript.punctuate must be a boolean, not string');
	});
});
