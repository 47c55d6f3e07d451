import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { DigitalSamba } from '../../../nodes/DigitalSamba/DigitalSamba.node';
import { runDigitalSamba } from '../../helpers/digitalSamba';
import { startDigitalSambaSimulator, type DigitalSambaSimulator } from '../../simulators/digitalSamba';
import { loadSpec } from '../../simulators/digitalSamba/spec';

/**
 * Reset to Default on Digital Samba's Room → Update and Default Room Settings → Update. The oracle is the overlay's
 * `resets` (test/fixtures/digitalsamba-openapi-overlay.json, citing the spec's "Empty value means Unlimited."); the
 * simulator enforces the spec with exactly those resets added.
 */
const resets = loadSpec().resets;
const KEY = 'ds-resets-key';

function resetOptions(resource: string): string[] {
	const collection = new DigitalSamba().description.properties.find(
		(p) => p.name === 'settings' && p.displayOptions?.show?.resource?.includes(resource) && p.displayOptions?.show?.operation?.includes('update'),
	) as INodeProperties;
	const reset = (collection.options as INodeProperties[]).find((o) => o.name === 'resetToDefault');
	return ((reset?.options ?? []) as Array<{ value: string }>).map((o) => o.value).sort();
}

describe('Digital Samba Reset to Default', () => {
	it('offers exactly the resets the overlay documents, for a room and for the team defaults', () => {
		expect(resetOptions('room')).toEqual(resets.filter((r) => r.path === '/api/v1/rooms/{room}').map((r) => r.property).sort());
		expect(resetOptions('defaultRoomSettings')).toEqual(resets.filter((r) => r.path === '/api/v1').map((r) => r.property).sort());
	});

	describe('against the simulator', () => {
		let sim: DigitalSambaSimulator;
		beforeEach(async () => {
			sim = await startDigitalSambaSimulator({ developerKey: KEY, teamId: '' });
		});
		afterEach(async () => await sim.close());
		const run = (parameters: IDataObject) => runDigitalSamba(parameters, { developerKey: KEY, baseUrl: sim.url });
		const lastBody = () => sim.requests[sim.requests.length - 1].body;

		it('room: a session length set to 90 goes back to unlimited, sent as the overlay says, and Digital Samba accepts it', async () => {
			const room = sim.seedRoom({ friendly_url: 'standup' });
			await run({ resource: 'room', operation: 'update', roomId: room.id, settings: { session_length: 90 } });
			const { output } = await run({ resource: 'room', operation: 'update', roomId: room.id, settings: { resetToDefault: ['session_length'] } });
			const reset = resets.find((r) => r.path === '/api/v1/rooms/{room}' && r.property === 'session_length')!;
			expect(lastBody()).toEqual({ session_length: reset.value });
			expect(output[0].json.session_length ?? null).toBeNull();
		});

		it('team defaults: the same reset', async () => {
			await run({ resource: 'defaultRoomSettings', operation: 'update', settings: { resetToDefault: ['session_length'] } });
			expect(lastBody()).toEqual({ session_length: null });
		});

		it('an empty session length is never sent: the update then has no setting, and is refused before sending', async () => {
			const room = sim.seedRoom({ friendly_url: 'retro' });
			const before = sim.requests.length;
			await expect(run({ resource: 'room', operation: 'update', roomId: room.id, settings: { session_length: '' } })).rejects.toThrow(/add at least one setting to change/);
			expect(sim.requests.length).toBe(before);
		});

	});

	it('the contract the simulator loads marks exactly the documented resets as nullable', () => {
		// The simulator's operations are keyed without the /api/v1 prefix the spec's paths carry.
		const body = (key: string) => loadSpec().byKey.get(key)?.bodySchema?.properties ?? {};
		for (const [key, path] of [['PATCH /rooms/{room}', '/api/v1/rooms/{room}'], ['PATCH /', '/api/v1']]) {
			const nullable = Object.entries(body(key)).filter(([, schema]) => schema.nullable).map(([name]) => name);
			expect([key, nullable]).toEqual([key, resets.filter((r) => r.method === 'PATCH' && r.path === path).map((r) => r.property)]);
		}
	});
});
