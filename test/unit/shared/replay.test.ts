import type { IDataObject } from 'n8n-workflow';
import { firstDelivery } from '../../../nodes/shared/webhook';

describe('firstDelivery (replay memory in static data)', () => {
	it('accepts a key once within the window, again after it, and keeps only hashes', () => {
		const data: IDataObject = {};
		expect(firstDelivery(data, 'ts:signature', 1000, 10_000)).toBe(true);
		expect(firstDelivery(data, 'ts:signature', 1000, 10_500)).toBe(false);
		expect(firstDelivery(data, 'ts:signature', 1000, 11_001)).toBe(true);
		expect(JSON.stringify(data)).not.toContain('signature');
	});

	it('forgets what left the window and holds a bounded number of deliveries, the oldest dropped first', () => {
		const data: IDataObject = {};
		for (let i = 0; i < 60; i++) firstDelivery(data, `k-${i}`, 60_000, 1_000 + i, 50);
		expect(Object.keys(data.deliveries as object)).toHaveLength(50);
		expect(firstDelivery(data, 'k-59', 60_000, 2_000, 50)).toBe(false);
		expect(firstDelivery(data, 'k-0', 60_000, 2_000, 50)).toBe(true);
		firstDelivery(data, 'late', 60_000, 1_000_000, 50);
		expect(Object.keys(data.deliveries as object)).toHaveLength(1);
	});
});
