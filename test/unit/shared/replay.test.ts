import type { IDataObject } from 'n8n-workflow';
import { firstDelivery } from '../../../nodes/shared/webhook';

describe('firstDelivery (replay memory in static data)', () => {
	it('accepts a key once within the window, again after it, and keeps only hashes', () => {
		const data: IDataObject = {};
		expect(firstDelivery(data, 'wf:a', 'ts:signature', 1000, 10_000)).toBe(true);
		expect(firstDelivery(data, 'wf:a', 'ts:signature', 1000, 10_500)).toBe(false);
		expect(firstDelivery(data, 'wf:a', 'ts:signature', 1000, 11_001)).toBe(true);
		expect(JSON.stringify(data)).not.toContain('signature');
	});

	it('forgets what left the window and holds a bounded number of deliveries, the oldest dropped first', () => {
		const data: IDataObject = {};
		for (let i = 0; i < 60; i++) firstDelivery(data, 'wf:b', `k-${i}`, 60_000, 1_000 + i, 50);
		expect(Object.keys(data.deliveries as object)).toHaveLength(50);
		expect(firstDelivery(data, 'wf:b', 'k-59', 60_000, 2_000, 50)).toBe(false);
		expect(firstDelivery(data, 'wf:b', 'k-0', 60_000, 2_000, 50)).toBe(true);
		firstDelivery(data, 'wf:b', 'late', 60_000, 1_000_000, 50);
		expect(Object.keys(data.deliveries as object)).toHaveLength(1);
	});

	it('refuses a replay in the same process even when static data was not read back (n8n 2.x)', () => {
		expect(firstDelivery({}, 'wf:c', 'k', 60_000, 1_000)).toBe(true);
		expect(firstDelivery({}, 'wf:c', 'k', 60_000, 2_000)).toBe(false);
		// Another trigger's memory is its own.
		expect(firstDelivery({}, 'wf:d', 'k', 60_000, 2_000)).toBe(true);
	});
});
