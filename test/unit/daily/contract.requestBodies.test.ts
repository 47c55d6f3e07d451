import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { Daily } from '../../../nodes/Daily/Daily.node';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { DAILY_KEY, runDaily } from '../../helpers/daily';
import { type Json, paths, resolve, schemas } from '../../helpers/dailySpec';
import { startDailySimulator, type DailySimulator } from '../../simulators/daily';
import { loadDailySpec } from '../../simulators/daily/spec';

/**
 * Issue #22, Daily: batch processor transformParams, dial-in config phone_number, everything the spec's update bodies
 * of recordings and live streams declare. Expected keys and rules are read from Daily's OpenAPI spec
 * (test/fixtures/daily-openapi.json) or from the overlay entry transcribed from the docs page; every request is
 * sent to the simulator, which enforces that same contract.
 */

const description = new Daily().description;

/** A top-level property of an operation. */
function property(resource: string, operation: string, name: string): INodeProperties {
	const p = description.properties.find((x) => x.name === name && x.displayOptions?.show?.resource?.includes(resource) && x.displayOptions?.show?.operation?.includes(operation));
	if (!p) throw new Error(`no ${name} on ${resource}.${operation}`);
	return p;
}
const fieldsOf = (collection: INodeProperties) => collection.options as INodeProperties[];
const operationOption = (resource: string, operation: string) =>
	(description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource))!.options as Array<{ value: string; description: string }>).find((o) => o.value === operation)!;

let sim: DailySimulator;
const run = (parameters: IDataObject) => runDaily(parameters, { baseUrl: sim.url });
const sent = (path: string) => sim.requests.filter((r) => r.path === `/v1${path}`);

beforeEach(async () => {
	sim = await startDailySimulator({ apiKey: DAILY_KEY });
});
afterEach(async () => {
	expect(sim.contractViolations).toEqual([]);
	await sim.close();
	resetRateLimits();
});

describe('Batch Processor → Submit Job: transformParams (docs.daily.co …/batch-processor/reference/submit-job)', () => {
	const entry = loadDailySpec().overlay.find((e) => e.method === 'POST' && e.path === '/batch-processor')!;
	const transformSchema = entry.operation.requestBody.content['application/json'].schema.properties.transformParams as Json;
	const documented = transformSchema.properties.transcript.properties as Json;

	/** A value of the type the page gives a key (for `X or Y`, the first that is not a plain boolean). */
	const sample = (key: string, schema: Json): unknown => {
		const type = schema.type ?? (schema.oneOf as Json[]).map((b) => b.type).find((t: string) => t !== 'boolean');
		return { string: `v-${key}`, boolean: true, number: 300, array: ['pci'], object: { diarize: true } }[type as string];
	};
	const values = Object.fromEntries(Object.entries(documented).map(([key, schema]) => [key, sample(key, schema)]));
	const rowsProperty = fieldsOf(property('batchProcessor', 'submit', 'options')).find((o) => o.name === 'transcriptSettingsUi')!;
	const rowFields = (rowsProperty.options as Array<{ values: INodeProperties[] }>)[0].values;
	/** The values as a user types them in the rows: JSON fields as text, the rest as the field's type holds them. */
	const typed = Object.fromEntries(rowFields.map((f) => [f.name, f.type === 'json' ? JSON.stringify(values[f.name]) : f.type === 'string' ? String(values[f.name]) : values[f.name]]));
	const submit = (options: IDataObject, preset = 'transcript') =>
		run({ resource: 'batchProcessor', operation: 'submit', preset, sourceType: 'uri', source: 'https://example.com/call.mp4', outParams: '{"s3Config": {"s3KeyTemplate": "t"}}', options });

	it('offers, as rows, exactly the keys of the page\'s transformParams.transcript table', () => {
		expect(Object.keys(documented).sort()).toEqual(['endpointing', 'extra', 'language', 'model', 'profanity_filter', 'punctuate', 'redact', 'tier']);
		expect(rowFields.map((f) => f.name).sort()).toEqual(Object.keys(documented).sort());
		expect(rowsProperty.typeOptions?.multipleValues).toBe(false);
	});

	it.each([
		['rows', { transcriptSettingsUi: { transcript: typed } }],
		['JSON', { transformParams: JSON.stringify({ transcript: values }) }],
	])('sends every documented key as %s, under transformParams.transcript, and Daily (the simulator) accepts it', async (_how, options) => {
		const { output } = await submit(options);
		expect(output[0].json.id).toEqual(expect.any(String));
		const [request] = sent('/batch-processor');
		expect((request.body as Json).transformParams).toEqual({ transcript: values });
	});

	it('sends no transformParams when none is given', async () => {
		await submit({});
		expect(Object.keys(sent('/batch-processor')[0].body as Json)).not.toContain('transformParams');
	});

	it.each([
		['a key the page does not list', { transformParams: '{"transcript": {"diarize": true}}' }, 'Options → Transform Parameters (JSON) → transcript (options.transformParams.transcript): unknown field(s): diarize'],
		['endpointing that is neither milliseconds nor a boolean', { transcriptSettingsUi: { transcript: { endpointing: 'soon' } } }, 'transcript → endpointing (options.transformParams.transcript.endpointing): must be milliseconds, or true or false'],
		['rows and JSON together', { transformParams: '{"transcript": {}}', transcriptSettingsUi: { transcript: { model: 'nova-2' } } }, /give either Transcript Settings or its JSON field \(transformParams\), not both/],
		['Redact that is not JSON', { transcriptSettingsUi: { transcript: { redact: '["pci"' } } }, 'Transcript Settings (options.transcriptSettingsUi): Redact (JSON): must be valid JSON'],
	])('refuses %s before sending', async (_what, options, message) => {
		await expect(submit(options)).rejects.toThrow(message);
		expect(sent('/batch-processor')).toEqual([]);
	});

	it('refuses transform settings for another preset ("Currently only the transcript preset supports these")', async () => {
		expect(entry.why).toMatch(/Currently only the transcript preset supports these transform configuration options/);
		await expect(submit({ transcriptSettingsUi: { transcript: { model: 'nova-2' } } }, 'summarize')).rejects.toThrow(/apply to the Transcript preset only, not 'summarize'/);
		expect(sent('/batch-processor')).toEqual([]);
	});
});

describe('Dial-In Config → Create: phone_number as the spec\'s field text says', () => {
	const phone = resolve(schemas.domain_dialin_config_create_req).properties.phone_number as Json;
	const [, requiredFor, optionalFor] = /Required for (\w+), optional for (\w+)/.exec(phone.description) ?? [];

	it('reads the rule from the spec (whose `required` list disagrees, hence the overlay entry)', () => {
		expect([requiredFor, optionalFor]).toEqual(['pinless_dialin', 'pin_dialin']);
		expect(schemas.domain_dialin_config_create_req.required).toContain('phone_number');
		const created = loadDailySpec().byKey.get('POST /domain-dialin-config')!;
		expect(created.bodySchema!.required).toEqual(['type']);
		expect(property('dialinConfig', 'create', 'phone_number').required).toBeFalsy();
	});

	it('optional for pin_dialin: created without a number, none sent', async () => {
		const { output } = await run({ resource: 'dialinConfig', operation: 'create', type: optionalFor, additionalFields: { name_prefix: 'pin' } });
		expect(output[0].json).toMatchObject({ type: optionalFor });
		expect(sent('/domain-dialin-config')[0].body).toEqual({ type: optionalFor, name_prefix: 'pin' });
	});

	it('required for pinless_dialin: refused before sending, naming the field', async () => {
		await expect(run({ resource: 'dialinConfig', operation: 'create', type: requiredFor })).rejects.toThrow(`Phone Number (phone_number): is required for type '${requiredFor}'`);
		expect(sent('/domain-dialin-config')).toEqual([]);
		const { output } = await run({ resource: 'dialinConfig', operation: 'create', type: requiredFor, phone_number: '+18058700061', additionalFields: { room_creation_api: 'https://example.com/r' } });
		expect(output[0].json).toMatchObject({ type: requiredFor, config: { phone_number: '+18058700061' } });
	});
});

describe('Recording → Update and Live Stream → Update: every key of the spec\'s request body', () => {
	/** What a user types for each key the spec's bodies declare (a key without a value here fails the test). */
	const VALUES: IDataObject = {
		width: 1280, height: 720, fps: 30, videoBitrate: 2000, audioBitrate: 128, minIdleTimeOut: 60, maxDuration: 3600,
		backgroundColor: '#000000', instanceId: 'd61cd7b2-a273-42b4-89bd-be763fd562c1', type: 'cloud', layout: '{"preset": "default"}',
		dataOutputs: 'transcript-webvtt', rtmpUrl: 'rtmps://a.rtmp.youtube.com/live2/KEY', endpoints: ['yt'],
	};
	const cases = [
		{ resource: 'recording', kind: 'recordings', start: { type: 'cloud' } },
		{ resource: 'liveStream', kind: 'live-streaming', start: { rtmpUrl: 'rtmps://a.rtmp.youtube.com/live2/KEY' } },
	];

	it.each(cases)('$resource: offers exactly the keys of the spec\'s body for POST /rooms/{room_name}/$kind/update', ({ resource, kind }) => {
		const declared = Object.keys(resolve(paths[`/rooms/{room_name}/${kind}/update`].post.requestBody).content['application/json'].schema.properties).sort();
		expect(fieldsOf(property(resource, 'update', 'options')).map((f) => f.name).sort()).toEqual(declared);
		expect(declared.filter((k) => VALUES[k] === undefined)).toEqual([]);
	});

	it('recording: Type offers every type the spec\'s update body names (`cloud`, `raw-tracks`, `local`)', () => {
		const text = resolve(paths['/rooms/{room_name}/recordings/update'].post.requestBody).content['application/json'].schema.properties.type.description as string;
		const named = [...text.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]);
		expect(named).toEqual(['cloud', 'raw-tracks', 'local']);
		const offered = (fieldsOf(property('recording', 'update', 'options')).find((f) => f.name === 'type')!.options as Array<{ value: string }>).map((o) => o.value);
		expect(named.filter((t) => !offered.includes(t))).toEqual([]);
	});

	it.each(cases)('$resource: sends them all to a running $kind instance and the simulator accepts it', async ({ resource, kind, start }) => {
		const declared = Object.keys(resolve(paths[`/rooms/{room_name}/${kind}/update`].post.requestBody).content['application/json'].schema.properties);
		sim.seedRooms(1, 'stage');
		await run({ resource, operation: 'start', roomName: 'stage-0', options: { ...start, instanceId: VALUES.instanceId } });
		const options = Object.fromEntries(declared.map((k) => [k, VALUES[k]]));
		await run({ resource, operation: 'update', roomName: { __rl: true, mode: 'list', value: 'stage-0' }, options });
		const [update] = sent(`/rooms/stage-0/${kind}/update`);
		expect(Object.keys(update.body as Json).sort()).toEqual([...declared].sort());
		expect(sim.requests.at(-1)).toBe(update);
	});

	it.each(cases)('$resource: says that only the layout takes effect while it runs (daily-js documents layout only)', ({ resource }) => {
		expect(operationOption(resource, 'update').description).toMatch(/Only the layout takes effect while it runs/);
	});
});
