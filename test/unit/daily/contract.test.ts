import nock from 'nock';
import type { IDataObject, ILoadOptionsFunctions, INodeProperties } from 'n8n-workflow';
import { DailyApi } from '../../../credentials/DailyApi.credentials';
import { Daily } from '../../../nodes/Daily/Daily.node';
import { DAILY_EVENT_TYPES } from '../../../nodes/Daily/events';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { RESET_FIELD } from '../../../nodes/shared/parameters/fields';
import { createContext } from '../../helpers/context';
import { DAILY_KEY, DAILY_URL, runDaily } from '../../helpers/daily';
import { decodeJwt } from '../../helpers/jwt';
import overlay from '../../fixtures/daily-openapi-overlay.json';
import { type Json, paths, resolve, schemas } from '../../helpers/dailySpec';

/**
 * The Daily node against Daily's own contract (issue #16, part 3). Each oracle is Daily's OpenAPI spec
 * (test/fixtures/daily-openapi.json, read here) or, where the spec says nothing, the docs.daily.co page named.
 */

/** The keys the spec's request body of an operation allows. */
const bodyKeys = (path: string) => Object.keys(resolve(paths[path].post.requestBody).content['application/json'].schema.properties);
const roomProps = resolve(schemas['room-properties']).properties as Json;
const domainProps = resolve(schemas.domain).properties.properties.properties as Json;
const tokenProps = resolve(schemas.properties).properties as Json;

const description = new Daily().description;

/** The property of an operation, or a field of one of its collections (`collection > field`). */
function property(resource: string, operation: string, name: string): INodeProperties {
	const [top, inner] = name.split(' > ');
	const p = description.properties.find((x) => x.name === top && x.displayOptions?.show?.resource?.includes(resource) && x.displayOptions?.show?.operation?.includes(operation));
	if (!p) throw new Error(`no ${name} on ${resource}.${operation}`);
	if (!inner) return p;
	const field = (p.options as INodeProperties[]).find((o) => o.name === inner);
	if (!field) throw new Error(`no ${name} on ${resource}.${operation}`);
	return field;
}
/** A dropdown's values, bar "Not Set" ('': the optional field's default, sent as nothing, not a value of the spec). */
const values = (p: INodeProperties) => (p.options as Array<{ value: string }>).map((o) => o.value).filter((v) => v !== '');
/** A collection's fields; the rows that stand for a JSON field (structuredInputs.test.ts checks them) left out. */
const fieldsOf = (resource: string, operation: string, collection: string) =>
	(property(resource, operation, collection).options as INodeProperties[]).filter((f) => f.type !== 'fixedCollection');

/** Answers one call and records what it carried. */
function expectCall(method: 'GET' | 'POST' | 'DELETE', path: string, reply: unknown = {}, status = 200) {
	const seen: { body?: unknown; query?: Json } = {};
	const scope = nock(DAILY_URL)
		.intercept(`/v1${path}`, method, (body) => {
			seen.body = body;
			return true;
		})
		.query((q) => {
			seen.query = q;
			return true;
		})
		.reply(status, reply as nock.Body);
	return { seen, scope };
}

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => {
	nock.cleanAll();
	resetRateLimits();
});

describe('Logs: GET /logs', () => {
	const params = resolve(paths['/logs'].get.parameters) as Json[];
	const param = (name: string) => params.find((p) => p.name === name)!;

	it('sends startTime and endTime in milliseconds, as the spec and the docs page say ("A JS timestamp (ms since epoch)")', async () => {
		expect(param('startTime').description).toMatch(/ms since epoch/);
		expect(param('endTime').description).toMatch(/ms since epoch/);
		const { seen, scope } = expectCall('GET', '/logs', { logs: [] });
		await runDaily({ resource: 'logs', operation: 'get', filters: { mtgSessionId: 'm-1', startTime: '2026-12-01T10:00:00Z', endTime: 1796119200 } });
		expect(scope.isDone()).toBe(true);
		expect(seen.query).toMatchObject({ startTime: String(Date.UTC(2026, 11, 1, 10)), endTime: String(1796119200 * 1000) });
	});

	it('offers exactly the log levels of the spec (ERROR, INFO, DEBUG)', () => {
		expect(values(property('logs', 'get', 'filters > logLevel')).sort()).toEqual([...param('logLevel').schema.enum].sort());
	});
});

describe('Batch processor (docs: docs.daily.co/reference/rest-api/batch-processor/reference/submit-job and list-jobs)', () => {
	it('offers the source types the submit-job page documents: recordingId, uri, transcriptUri', () => {
		expect(values(property('batchProcessor', 'submit', 'sourceType')).sort()).toEqual(['recordingId', 'transcriptUri', 'uri']);
	});

	it('offers the presets the page names (transcript, summarize, soap-notes), no invented one', () => {
		expect(values(property('batchProcessor', 'submit', 'preset')).sort()).toEqual(['soap-notes', 'summarize', 'transcript']);
	});

	it('puts a transcript or media URL in inParams.uri and a recording ID in inParams.recordingId, and sends outParams', async () => {
		// The spec's batch-processor job events describe the input: "If `uri` or `transcriptUri` `sourceType`, this
		// field [uri] represents the uri to access the content".
		const input = schemas.batch_processor_job_finished.properties.payload.properties.input.properties;
		expect(Object.keys(input)).toEqual(expect.arrayContaining(['sourceType', 'uri', 'recordingId']));
		expect(input.uri.description).toMatch(/`transcriptUri` `sourceType`, this field represents the uri/);
		for (const [sourceType, source, key] of [['transcriptUri', 'https://files.example/t.vtt', 'uri'], ['uri', 'https://files.example/a.mp4', 'uri'], ['recordingId', 'rec-1', 'recordingId']]) {
			const { seen } = expectCall('POST', '/batch-processor', { id: 'job-1' });
			await runDaily({ resource: 'batchProcessor', operation: 'submit', preset: 'summarize', sourceType, source, outParams: { s3Config: { s3KeyTemplate: 'sum' } } });
			expect(seen.body).toEqual({ preset: 'summarize', inParams: { sourceType, [key]: source }, outParams: { s3Config: { s3KeyTemplate: 'sum' } } });
		}
	});

	it('refuses a job without outParams (the page: "Required? Yes") before any request', async () => {
		const { ctx, output } = await runDaily({ resource: 'batchProcessor', operation: 'submit', preset: 'transcript', sourceType: 'recordingId', source: 'rec-1' }, { continueOnFail: true });
		expect(ctx.requests).toHaveLength(0);
		expect(String(output[0].json.error)).toMatch(/Output Parameters \(JSON\) \(outParams\): is required by Daily/);
	});

	it('still reads outParams where workflows saved it, under Options', async () => {
		const { seen } = expectCall('POST', '/batch-processor', { id: 'job-1' });
		await runDaily({ resource: 'batchProcessor', operation: 'submit', preset: 'transcript', sourceType: 'recordingId', source: 'rec-1', options: { outParams: '{"s3Config": {"s3KeyTemplate": "x"}}' } });
		expect((seen.body as Json).outParams).toEqual({ s3Config: { s3KeyTemplate: 'x' } });
	});

	it('lists jobs with GET /batch-processor, paged by limit and starting_after, filtered by recordingId', async () => {
		const page = (from: number, n: number) => ({ total_count: 150, data: Array.from({ length: n }, (_, i) => ({ id: `job-${from + i}`, preset: 'transcript', status: 'finished' })) });
		const first = expectCall('GET', '/batch-processor', page(0, 100));
		const { output } = await runDaily({ resource: 'batchProcessor', operation: 'getAll', returnAll: false, limit: 100, filters: { recordingId: 'rec-1' } });
		expect(first.seen.query).toEqual({ recordingId: 'rec-1', limit: '100' });
		expect(output).toHaveLength(100);
		const a = expectCall('GET', '/batch-processor', page(0, 100));
		const b = expectCall('GET', '/batch-processor', page(100, 50));
		const all = await runDaily({ resource: 'batchProcessor', operation: 'getAll', returnAll: true });
		expect(a.seen.query).toEqual({ limit: '100' });
		expect(b.seen.query).toEqual({ limit: '100', starting_after: 'job-99' });
		expect(all.output).toHaveLength(150);
	});

	it('picks the job of Get, Delete and Get Output Links from that list', async () => {
		for (const operation of ['get', 'delete', 'getAccessLink']) {
			const jobId = property('batchProcessor', operation, 'jobId');
			expect(jobId.type).toBe('resourceLocator');
			expect(jobId.modes?.find((m) => m.name === 'list')?.typeOptions?.searchListMethod).toBe('searchBatchJobs');
		}
		expectCall('GET', '/batch-processor', { total_count: 1, data: [{ id: 'job-7', preset: 'summarize', status: 'processing' }] });
		const ctx = createContext({ parameters: {}, credentials: { apiKey: DAILY_KEY, baseUrl: `${DAILY_URL}/v1` }, credentialType: new DailyApi() }) as unknown as ILoadOptionsFunctions;
		const { results } = await new Daily().methods.listSearch.searchBatchJobs.call(ctx);
		expect(results).toEqual([{ name: 'summarize · processing · job-7', value: 'job-7' }]);
		const { seen } = expectCall('GET', '/batch-processor/job-7', { id: 'job-7' });
		await runDaily({ resource: 'batchProcessor', operation: 'get', jobId: 'job-7' });
		expect(seen.body === undefined || seen.body === '').toBe(true);
	});
});

describe('Room → Delete Many (docs: docs.daily.co/reference/rest-api/rooms/batch/delete, body param "rooms")', () => {
	it('sends the names as rooms', async () => {
		const { seen } = expectCall('DELETE', '/batch/rooms', { deleted_count: 2 });
		await runDaily({ resource: 'room', operation: 'deleteMany', roomNames: 'a, b' });
		expect(seen.body).toEqual({ rooms: ['a', 'b'] });
	});

	it('refuses more than the 1000 rooms a call may delete (same page, "Limits") before any request', async () => {
		const { ctx, output } = await runDaily({ resource: 'room', operation: 'deleteMany', roomNames: Array.from({ length: 1001 }, (_, i) => `r${i}`) }, { continueOnFail: true });
		expect(ctx.requests).toHaveLength(0);
		expect(String(output[0].json.error)).toMatch(/Room Names \(roomNames\): must name at most 1000 rooms/);
	});
});

describe('Meeting → Get Participants (Daily answers 404 once no participant is left after joined_after)', () => {
	const participants = (from: number, n: number) => ({ data: Array.from({ length: n }, (_, i) => ({ participant_id: `p-${from + i}`, user_name: 'x', join_time: 1, duration: 2 })) });

	it('ends Return All at the 404 after the last page', async () => {
		const first = expectCall('GET', '/meetings/m-1/participants', participants(0, 100));
		const end = expectCall('GET', '/meetings/m-1/participants', { error: 'not-found', info: 'no more participants' }, 404);
		const { output } = await runDaily({ resource: 'meeting', operation: 'getParticipants', meetingId: 'm-1', returnAll: true });
		expect(output).toHaveLength(100);
		expect(first.seen.query).toEqual({ limit: '100' });
		expect(end.seen.query).toEqual({ limit: '100', joined_after: 'p-99' });
	});

	it('fails on a 404 for the first page: the meeting does not exist', async () => {
		expectCall('GET', '/meetings/nope/participants', { error: 'not-found', info: 'meeting nope not found' }, 404);
		await expect(runDaily({ resource: 'meeting', operation: 'getParticipants', meetingId: 'nope', returnAll: true })).rejects.toThrow(/not found/);
	});
});

describe('Transcript access link: the spec schema says link, its example (and the docs) download_link', () => {
	const example = resolve(paths['/transcript/{transcriptId}/access-link'].get.responses['200']).content['application/json'];

	it.each([
		['download_link (the spec example)', Object.keys(example.examples.Result.value).find((k) => k === 'download_link')!],
		['link (the spec schema)', Object.keys(example.schema.properties).find((k) => k === 'link')!],
	])('Get Text downloads the file named by %s', async (_name, key) => {
		expect(key).toBeDefined();
		expectCall('GET', '/transcript/t-1/access-link', { transcriptId: 't-1', [key]: 'https://files.example/t.vtt' });
		nock('https://files.example').get('/t.vtt').reply(200, 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Ann>Hello\n');
		const { output } = await runDaily({ resource: 'transcript', operation: 'getText', transcriptId: 't-1' });
		expect(output[0].json).toMatchObject({ ready: true, text: expect.stringContaining('Hello') });
	});

	it('Get Access Link answers both names whichever Daily sent', async () => {
		expectCall('GET', '/transcript/t-1/access-link', { transcriptId: 't-1', download_link: 'https://files.example/t.vtt' });
		const { output } = await runDaily({ resource: 'transcript', operation: 'getAccessLink', transcriptId: 't-1' });
		expect(output[0].json).toMatchObject({ link: 'https://files.example/t.vtt', download_link: 'https://files.example/t.vtt' });
	});
});

describe('Create Self-Signed (docs: docs.daily.co/docs/guides/privacy-and-security/self-signing-tokens)', () => {
	/** The page's "Token property abbreviations" table, transcribed (domain_id and room_name come from their own fields). */
	const TABLE: Record<string, string> = {
		nbf: 'nbf', exp: 'exp', domain_id: 'd', room_name: 'r', user_id: 'ud', user_name: 'u', is_owner: 'o', knocking: 'k',
		close_tab_on_exit: 'ctoe', redirect_on_meeting_exit: 'rome', intercom_join_alert: 'ij', start_cloud_recording: 'sr',
		start_cloud_recording_opts: 'sro', auto_start_transcription: 'ast', enable_recording: 'er', enable_screenshare: 'ss',
		start_video_off: 'vo', start_audio_off: 'ao', meeting_join_hook: 'mjh', eject_at_token_exp: 'ejt', eject_after_elapsed: 'eje',
		lang: 'uil', enable_recording_ui: 'erui', permissions: 'p',
	};

	it('offers every property of the table and signs each under its abbreviation', async () => {
		const offered = fieldsOf('meetingToken', 'createSelfSigned', 'properties').map((f) => f.name).sort();
		expect(offered).toEqual(Object.keys(TABLE).filter((k) => k !== 'domain_id' && k !== 'room_name').sort());
		const given: IDataObject = {
			nbf: 1796119200, exp: 4102444800, user_id: 'u-1', user_name: 'Ann', is_owner: true, knocking: true, close_tab_on_exit: true,
			redirect_on_meeting_exit: 'https://example.com/bye', intercom_join_alert: true, start_cloud_recording: true,
			start_cloud_recording_opts: { type: 'cloud' }, auto_start_transcription: true, enable_recording: 'cloud', enable_screenshare: false,
			start_video_off: true, start_audio_off: true, meeting_join_hook: 'https://example.com/hook', eject_at_token_exp: true,
			eject_after_elapsed: 60, lang: 'de', enable_recording_ui: false, permissions: { hasPresence: true },
		};
		const { output } = await runDaily({ resource: 'meetingToken', operation: 'createSelfSigned', roomName: 'standup', domainId: 'd-1', properties: given });
		const claims = decodeJwt(String(output[0].json.token));
		expect(claims.r).toBe('standup');
		expect(claims.d).toBe('d-1');
		for (const [name, value] of Object.entries(given)) {
			if (name !== 'permissions') expect([name, claims[TABLE[name]]]).toEqual([name, value]);
		}
	});

	it('abbreviates the permissions inside p as the page does: hp, cs "v,a,sv,sa", cr with b, ca', async () => {
		const { output } = await runDaily({
			resource: 'meetingToken', operation: 'createSelfSigned', roomName: 'standup', domainId: 'd-1',
			properties: { permissions: JSON.stringify({ hasPresence: false, canSend: ['video', 'audio', 'screenVideo', 'screenAudio'], canReceive: { base: false }, canAdmin: true }) },
		});
		expect(decodeJwt(String(output[0].json.token)).p).toEqual({ hp: false, cs: 'v,a,sv,sa', cr: { b: false }, ca: true });
	});

	it('keeps the boolean forms of canSend (true: all, false: none)', async () => {
		const { output } = await runDaily({ resource: 'meetingToken', operation: 'createSelfSigned', roomName: 'standup', domainId: 'd-1', properties: { permissions: { canSend: false } } });
		expect(decodeJwt(String(output[0].json.token)).p).toEqual({ cs: false });
	});

	it('refuses a permission it cannot abbreviate, naming it', async () => {
		await expect(runDaily({ resource: 'meetingToken', operation: 'createSelfSigned', roomName: 'standup', domainId: 'd-1', properties: { permissions: { canFly: true } } })).rejects.toThrow(/canFly/);
	});
});

describe('Recording → Stop (docs: docs.daily.co/reference/rest-api/rooms/recordings/stop; the spec gives it no body)', () => {
	it('sends type, which a raw-tracks recording needs; the options are those the page (the overlay) lists', async () => {
		expect(paths['/rooms/{room_name}/recordings/stop'].post.requestBody).toBeUndefined();
		const stop = (overlay as Json).entries.find((e: Json) => e.method === 'POST' && e.path === '/rooms/{room_name}/recordings/stop');
		const documented = stop.operation.requestBody.content['application/json'].schema.properties.type.enum as string[];
		expect(values(property('recording', 'stop', 'options > type')).sort()).toEqual([...documented].sort());
		const { seen } = expectCall('POST', '/rooms/standup/recordings/stop');
		await runDaily({ resource: 'recording', operation: 'stop', roomName: 'standup', options: { type: 'raw-tracks', instanceId: 'i-1' } });
		expect(seen.body).toEqual({ type: 'raw-tracks', instanceId: 'i-1' });
	});
});

describe('Room properties against the spec\'s room-properties', () => {
	const offered = fieldsOf('room', 'create', 'properties');

	it('offers only keys of the spec (dialin and owner_only_broadcast are gone), and the four that were missing', () => {
		for (const f of offered) expect([f.name, f.name in roomProps]).toEqual([f.name, true]);
		const names = offered.map((f) => f.name);
		for (const added of ['enable_cpu_warning_notifications', 'enable_raw_tracks_transcoded_audio', 'transcription_template', 'dialout_config']) expect(names).toContain(added);
	});

	it('defaults every boolean to the spec\'s default, true where Daily\'s is true', () => {
		for (const f of offered.filter((x) => x.type === 'boolean')) expect([f.name, f.default]).toEqual([f.name, roomProps[f.name].default === true]);
		for (const name of ['enable_screenshare', 'enable_video_processing_ui', 'enable_shared_chat_history', 'enable_adaptive_simulcast']) expect(offered.find((f) => f.name === name)?.default).toBe(true);
	});

	it('offers enable_recording exactly as the spec enumerates it, and sends its array form', async () => {
		const recording = roomProps.enable_recording.oneOf as Json[];
		expect(values(offered.find((f) => f.name === 'enable_recording')!).sort()).toEqual([...recording[0].enum].sort());
		expect(recording[1].type).toBe('array');
		const { seen } = expectCall('POST', '/rooms/standup', {});
		await runDaily({ resource: 'room', operation: 'update', roomName: 'standup', properties: { enable_recording: 'cloud, raw-tracks' } });
		expect(seen.body).toEqual({ properties: { enable_recording: ['cloud', 'raw-tracks'] } });
	});

	it('reads a workflow saved with dialin, owner_only_broadcast false or <not set> and sends none of them', async () => {
		const { seen } = expectCall('POST', '/rooms/standup', {});
		await runDaily({ resource: 'room', operation: 'update', roomName: 'standup', properties: { dialin: '{"x": 1}', owner_only_broadcast: false, enable_recording: '<not set>', enable_chat: true } });
		expect(seen.body).toEqual({ properties: { enable_chat: true } });
		// owner_only_broadcast true becomes permissions (structuredInputs.test.ts).
	});

	it('offers the spec\'s raw-tracks audio formats', () => {
		expect(values(offered.find((f) => f.name === 'enable_raw_tracks_transcoded_audio')!).sort()).toEqual(roomProps.enable_raw_tracks_transcoded_audio.enum.filter((v: string) => v !== '').sort());
	});
});

describe('Domain properties against the spec\'s domain.properties', () => {
	const offered = fieldsOf('domain', 'update', 'properties');
	const deprecated = Object.keys(domainProps).filter((k) => /\*\*Deprecated/.test(String(domainProps[k].description)));
	const readOnly = Object.keys(domainProps).filter((k) => /read-only/.test(String(domainProps[k].description)));

	it('offers exactly the writable, not deprecated keys of the spec', () => {
		expect(readOnly).toEqual(['intercom_auto_record']);
		const writable = Object.keys(domainProps).filter((k) => !deprecated.includes(k) && !readOnly.includes(k));
		// Reset to Default is no property of its own: it sends properties back to their defaults (resets.test.ts).
		expect(offered.map((f) => f.name).filter((name) => name !== RESET_FIELD).sort()).toEqual(writable.sort());
	});

	it('defaults every boolean to the spec\'s default', () => {
		for (const f of offered.filter((x) => x.type === 'boolean')) expect([f.name, f.default]).toEqual([f.name, domainProps[f.name].default === true]);
	});

	it('reads a saved workflow with a key that is no domain property, and does not send it', async () => {
		const { seen } = expectCall('POST', '/', {});
		await runDaily({ resource: 'domain', operation: 'update', properties: { enable_chat: true, enable_transcription: 'deepgram', intercom_auto_record: true, hipaa: false } });
		expect(seen.body).toEqual({ properties: { hipaa: false } });
	});
});

describe('fields the spec\'s request bodies have and the node could not send', () => {
	it.each([
		['recording start: type, dataOutputs', 'recording', 'start', '/rooms/{room_name}/recordings/start', { options: { type: 'raw-tracks', dataOutputs: 'transcript, chat' } }, { type: 'raw-tracks', dataOutputs: ['transcript', 'chat'] }],
		['live stream start: type, dataOutputs', 'liveStream', 'start', '/rooms/{room_name}/live-streaming/start', { options: { rtmpUrl: 'rtmps://a/b', type: 'cloud-audio-only', dataOutputs: ['chat'] } }, { rtmpUrl: ['rtmps://a/b'], type: 'cloud-audio-only', dataOutputs: ['chat'] }],
		['transcription start: participants, transcription_geo, endpointing false', 'transcription', 'start', '/rooms/{room_name}/transcription/start', { options: { participants: ['s-1'], transcription_geo: 'eu', endpointing: false } }, { participants: ['s-1'], transcription_geo: 'eu', endpointing: false }],
		['transcription update: nobody is participants []', 'transcription', 'update', '/rooms/{room_name}/transcription/update', { options: { transcribe: 'nobody' } }, { participants: [] }],
		['dial-out: extension, waitBeforeExtensionDialSec, videoSettings', 'dialOut', 'start', '/rooms/{room_name}/dialOut/start', { target: { sipUri: 'sip:a@b.c', extension: '1234', waitBeforeExtensionDialSec: 5, videoSettings: '{"width": 1280, "fps": 15}' } }, { sipUri: 'sip:a@b.c', extension: '1234', waitBeforeExtensionDialSec: 5, videoSettings: { width: 1280, fps: 15 } }],
		['DTMF: digitDurationMs', 'dialOut', 'sendDtmf', '/rooms/{room_name}/dialOut/sendDTMF', { sessionId: 's-1', tones: '12#', options: { digitDurationMs: 200 } }, { sessionId: 's-1', tones: '12#', digitDurationMs: 200 }],
		['call transfer: callerId, extension, waitBeforeExtensionDialSec', 'dialOut', 'transfer', '/rooms/{room_name}/sipCallTransfer', { sessionId: 's-1', toEndPoint: '+14155550123', options: { callerId: 'n-1', extension: '9', waitBeforeExtensionDialSec: 2 } }, { sessionId: 's-1', toEndPoint: '+14155550123', callerId: 'n-1', extension: '9', waitBeforeExtensionDialSec: 2 }],
	])('%s', async (_name, resource, operation, specPath, params, body) => {
		for (const key of Object.keys(body)) expect([key, bodyKeys(specPath).includes(key)]).toEqual([key, true]);
		const { seen } = expectCall('POST', specPath.replace('{room_name}', 'standup'));
		await runDaily({ resource, operation, roomName: 'standup', ...params });
		expect(seen.body).toEqual(body);
	});

	it('transcription update: participants is an array in the spec (not nullable), so an empty choice is refused, not sent as [] (nobody)', async () => {
		const update = resolve(paths['/rooms/{room_name}/transcription/update'].post.requestBody).content['application/json'].schema.properties.participants;
		expect([update.type, update.nullable]).toEqual(['array', undefined]);
		const error = await runDaily({ resource: 'transcription', operation: 'update', roomName: 'standup', options: { transcribe: 'chosen', participants: [] } }).catch((e) => e);
		expect(String(error.message)).toMatch(/Participant Names or IDs.*choose at least one participant, or set Transcribe to Nobody/);
	});

	it('update permissions: canReceive, and canSend / canAdmin as booleans (the spec\'s oneOf)', async () => {
		const shape = resolve(paths['/rooms/{room_name}/update-permissions'].post.requestBody).content['application/json'].schema.properties.data.additionalProperties.properties;
		expect(shape.canSend.oneOf.map((o: Json) => o.type)).toEqual(['boolean', 'array']);
		expect(shape.canReceive.type).toBe('object');
		const { seen } = expectCall('POST', '/rooms/standup/update-permissions');
		await runDaily({ resource: 'room', operation: 'updatePermissions', roomName: 'standup', sessionIds: ['s-1'], permissions: { canSend: true, canAdmin: 'false', canReceive: '{"base": false}' } });
		expect(seen.body).toEqual({ data: { 's-1': { canSend: true, canAdmin: false, canReceive: { base: false } } } });
	});

	it('DTMF: refuses more than 20 tones before any request', async () => {
		const { ctx, output } = await runDaily({ resource: 'dialOut', operation: 'sendDtmf', roomName: 'standup', sessionId: 's-1', tones: '1'.repeat(21) }, { continueOnFail: true });
		expect(ctx.requests).toHaveLength(0);
		expect(String(output[0].json.error)).toMatch(/Tones \(tones\): must be at most 20 tones/);
		expect(bodyKeys('/rooms/{room_name}/dialOut/sendDTMF')).toContain('digitDurationMs');
	});
});

describe('Webhook event types (docs: docs.daily.co/reference/rest-api/webhooks; the spec\'s post_webhook.eventTypes)', () => {
	const specEvents = resolve(schemas.post_webhook).properties.eventTypes.items.enum as string[];

	it('are exactly the 32 of the spec, sorted', () => {
		const node = DAILY_EVENT_TYPES.map(([v]) => v);
		expect(specEvents).toHaveLength(32);
		expect(node).toEqual([...specEvents].sort());
	});

	it('Webhook → Get reads the spec\'s array answer as the webhook, and the docs\' object as it is', async () => {
		const hook = { uuid: 'w-1', url: 'https://example.com/h', state: 'ACTIVE', eventTypes: ['meeting.started'] };
		expect(resolve(paths['/webhooks/{id}'].get.responses['200']).content['application/json'].schema.type).toBe('array');
		expectCall('GET', '/webhooks/w-1', [hook]);
		expect((await runDaily({ resource: 'webhook', operation: 'get', webhookId: 'w-1' })).output.map((i) => i.json)).toEqual([hook]);
		expectCall('GET', '/webhooks/w-1', hook);
		expect((await runDaily({ resource: 'webhook', operation: 'get', webhookId: 'w-1' })).output.map((i) => i.json)).toEqual([hook]);
	});
});

describe('enums taken from the spec', () => {
	const roomField = (name: string) => fieldsOf('room', 'create', 'properties').find((f) => f.name === name)!;
	/** The `"code"` entries of a spec description's "Available regions" list. */
	const regionsIn = (text: string) => [...text.matchAll(/- `"([a-z]+-[a-z]+-\d)"`/g)].map((m) => m[1]);

	it('languages: room and token lang', () => {
		expect(values(roomField('lang')).sort()).toEqual([...roomProps.lang.enum].sort());
		expect(values(fieldsOf('meetingToken', 'create', 'properties').find((f) => f.name === 'lang')!).sort()).toEqual([...tokenProps.lang.enum].sort());
	});

	it('regions: geo and rtmp_geo', () => {
		expect(values(roomField('geo')).sort()).toEqual(regionsIn(roomProps.geo.description).sort());
		const rtmp = roomProps.rtmp_geo.description.split('The default regions')[0];
		expect(values(roomField('rtmp_geo')).sort()).toEqual(regionsIn(rtmp).sort());
	});

	it('recording and stream types', () => {
		expect(values(property('recording', 'start', 'options > type')).sort()).toEqual([...resolve(schemas.RecordingStreamingOptions).properties.type.enum].sort());
		expect(values(property('liveStream', 'start', 'options > type')).sort()).toEqual([...resolve(schemas.DailyLiveStreamingOptions).properties.type.enum].sort());
		expect(values(fieldsOf('meetingToken', 'create', 'properties').find((f) => f.name === 'enable_recording')!).sort()).toEqual([...tokenProps.enable_recording.oneOf[0].enum].sort());
	});

	it('layout presets: a preset outside the spec\'s oneOf is refused before any request', async () => {
		const presets = (resolve(schemas.RecordingStreamingOptions).properties.layout.oneOf as Json[]).map((o) => o.properties.preset.enum[0]).sort();
		expect(presets).toEqual(['active-participant', 'custom', 'default', 'portrait', 'single-participant']);
		const { seen } = expectCall('POST', '/rooms/standup/recordings/start');
		await runDaily({ resource: 'recording', operation: 'start', roomName: 'standup', options: { layout: '{"preset": "portrait", "variant": "inset"}' } });
		expect(seen.body).toEqual({ layout: { preset: 'portrait', variant: 'inset' } });
		const { ctx, output } = await runDaily({ resource: 'recording', operation: 'start', roomName: 'standup', options: { layout: '{"preset": "grid"}' } }, { continueOnFail: true });
		expect(ctx.requests).toHaveLength(0);
		expect(String(output[0].json.error)).toMatch(/Layout \(JSON\) → preset \(options\.layout\.preset\): must be one of 'active-participant'/);
	});

	it('transcription_geo', () => {
		expect(values(property('transcription', 'start', 'options > transcription_geo')).sort()).toEqual([...resolve(schemas['transcription-properties']).properties.transcription_geo.enum].sort());
	});

	it('every option list of the room properties is shown sorted by label', () => {
		for (const f of fieldsOf('room', 'create', 'properties').filter((x) => x.type === 'options' && (x.options?.length ?? 0) >= 5)) {
			const labels = (f.options as Array<{ name: string }>).map((o) => o.name);
			expect([f.name, labels]).toEqual([f.name, [...labels].sort((a, b) => a.localeCompare(b))]);
		}
	});
});
