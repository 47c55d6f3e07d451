import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { Daily } from '../../../nodes/Daily/Daily.node';
import { callSimulator, DAILY_KEY, runDaily } from '../../helpers/daily';
import { startDailySimulator, type DailySimulator } from '../../simulators/daily';
import { loadDailySpec } from '../../simulators/daily/spec';

/**
 * Reset to Default on Daily's Room → Update and Domain → Update Configuration. The oracle is the overlay's `resets`
 * (test/fixtures/daily-openapi-overlay.json), each citing the docs page or spec text that documents it; the
 * simulator enforces the spec with exactly those resets added.
 */
const resets = loadDailySpec().resets;

function resetOptions(resource: string, operation: string): string[] {
	const collection = new Daily().description.properties.find(
		(p) => p.name === 'properties' && p.displayOptions?.show?.resource?.includes(resource) && p.displayOptions?.show?.operation?.includes(operation),
	) as INodeProperties;
	const reset = (collection.options as INodeProperties[]).find((o) => o.name === 'resetToDefault');
	return ((reset?.options ?? []) as Array<{ value: string }>).map((o) => o.value).sort();
}

describe('Daily Reset to Default', () => {
	it('offers exactly the resets the overlay documents, for rooms and for the domain', () => {
		expect(resetOptions('room', 'update')).toEqual(resets.filter((r) => r.schema === 'room-properties').map((r) => r.property).sort());
		expect(resetOptions('domain', 'update')).toEqual(resets.filter((r) => r.schema === 'domain').map((r) => r.property.replace(/^properties\./, '')).sort());
	});

	describe('against the simulator', () => {
		let sim: DailySimulator;
		beforeEach(async () => {
			sim = await startDailySimulator({ apiKey: DAILY_KEY });
		});
		afterEach(async () => await sim.close());
		const run = (parameters: IDataObject) => runDaily(parameters, { baseUrl: sim.url });
		const lastBody = () => sim.requests[sim.requests.length - 1].body as { properties: IDataObject };

		it('sends each chosen property with its documented value, Daily accepts it, and the room is back to its defaults', async () => {
			await run({
				resource: 'room', operation: 'create', roomName: 'standup',
				properties: { max_participants: 20, enable_raw_tracks_transcoded_audio: 'aac', streaming_endpoints: '[{"name":"yt","type":"rtmp","rtmp_config":{"url":"rtmps://a.example/live/key"}}]' },
			});
			expect(sim.state.rooms[0].config).toMatchObject({ max_participants: 20, enable_raw_tracks_transcoded_audio: 'aac' });
			const chosen = resets.filter((r) => r.schema === 'room-properties');
			await run({ resource: 'room', operation: 'update', roomName: 'standup', properties: { resetToDefault: chosen.map((r) => r.property) } });
			expect(lastBody().properties).toEqual(Object.fromEntries(chosen.map((r) => [r.property, r.value])));
			for (const r of chosen) expect(sim.state.rooms[0].config).not.toHaveProperty(r.property);
		});

		it('domain: resets the transcoded audio format with the spec\'s ""', async () => {
			await run({ resource: 'domain', operation: 'update', properties: { enable_raw_tracks_transcoded_audio: 'aac' } });
			await run({ resource: 'domain', operation: 'update', properties: { resetToDefault: ['enable_raw_tracks_transcoded_audio'] } });
			expect(lastBody()).toEqual({ properties: { enable_raw_tracks_transcoded_audio: '' } });
		});

		it('an empty field is never sent: a property left empty is not a reset', async () => {
			await run({ resource: 'room', operation: 'create', roomName: 'standup', properties: { max_participants: 20 } });
			await run({ resource: 'room', operation: 'update', roomName: 'standup', properties: { max_participants: '', enable_raw_tracks_transcoded_audio: '', resetToDefault: [] } });
			expect(lastBody().properties).toEqual({});
			expect(sim.state.rooms[0].config).toMatchObject({ max_participants: 20 });
		});

		it('refuses a property both set and reset, naming it, before any request', async () => {
			const before = sim.requests.length;
			await expect(run({ resource: 'room', operation: 'update', roomName: 'standup', properties: { max_participants: 30, resetToDefault: ['max_participants'] } }))
				.rejects.toThrow(/Room Properties → Max Participants \(properties\.max_participants\): is both set and chosen in Reset to Default/);
			expect(sim.requests.length).toBe(before);
		});

		it('refuses a reset Daily does not document, naming the field and the allowed values', async () => {
			const error = await run({ resource: 'room', operation: 'update', roomName: 'standup', properties: { resetToDefault: ['enable_chat'] } }).catch((e: Error) => e);
			expect(String(error)).toMatch(/Reset to Default \(properties\.resetToDefault\[0\]\)/);
			for (const r of resets.filter((x) => x.schema === 'room-properties')) expect(String(error)).toContain(r.property);
			expect(sim.requests).toHaveLength(0);
		});

		it('the contract accepts null only where a reset is documented', async () => {
			const post = (properties: IDataObject) => callSimulator(sim.url, DAILY_KEY, 'POST', '/rooms', { properties });
			expect((await post({ max_participants: null })).status).toBe(200);
			expect((await post({ enable_chat: null })).status).toBe(400);
			expect((await post({ eject_after_elapsed: null })).status).toBe(400);
		});
	});
});
