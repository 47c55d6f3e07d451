import { performance } from 'perf_hooks';
import { firstDelivery } from '../../../nodes/shared/webhook';

describe('firstDelivery (duplicate memory of the receiving process)', () => {
	it('recognises a delivery again within the window, and forgets it after', () => {
		expect(firstDelivery('wf:a', ['ts.body'], 1000, 10_000)).toBe(true);
		expect(firstDelivery('wf:a', ['ts.body'], 1000, 10_500)).toBe(false);
		expect(firstDelivery('wf:a', ['ts.body'], 1000, 11_001)).toBe(true);
	});

	it('is a duplicate when any of its keys was seen (Daily: same bytes, or same event id)', () => {
		expect(firstDelivery('wf:ids', ['t1.body-1', 'id:ev-1'], 60_000, 1_000)).toBe(true);
		// Redelivered under a new timestamp: the bytes differ, the event id does not.
		expect(firstDelivery('wf:ids', ['t2.body-1', 'id:ev-1'], 60_000, 2_000)).toBe(false);
		// The same bytes again, whatever the id.
		expect(firstDelivery('wf:ids', ['t1.body-1', 'id:other'], 60_000, 3_000)).toBe(false);
		expect(firstDelivery('wf:ids', ['t3.body-2', 'id:ev-2'], 60_000, 4_000)).toBe(true);
	});

	it('keeps at most the bound, forgetting the oldest first', () => {
		for (let i = 0; i < 60; i++) firstDelivery('wf:b', [`k-${i}`], 60_000, 1_000 + i, 50);
		expect(firstDelivery('wf:b', ['k-59'], 60_000, 2_000, 50)).toBe(false);
		expect(firstDelivery('wf:b', ['k-0'], 60_000, 2_000, 50)).toBe(true);
	});

	it('keeps each trigger apart', () => {
		expect(firstDelivery('wf:c', ['k'], 60_000, 1_000)).toBe(true);
		expect(firstDelivery('wf:d', ['k'], 60_000, 1_000)).toBe(true);
		expect(firstDelivery('wf:c', ['k'], 60_000, 2_000)).toBe(false);
	});

	it('costs the same with 5,000 remembered deliveries as with one', () => {
		/** Median ms of 2,000 new deliveries into a memory already holding `held` fresh ones. */
		const cost = (scope: string, held: number) => {
			const now = 1_000_000;
			for (let i = 0; i < held; i++) firstDelivery(scope, [`held-${i}`], 600_000, now);
			const runs: number[] = [];
			for (let run = 0; run < 5; run++) {
				const started = performance.now();
				for (let i = 0; i < 2000; i++) firstDelivery(scope, [`new-${run}-${i}`], 600_000, now + 1, held + 2000 * (run + 1));
				runs.push(performance.now() - started);
			}
			return runs.sort((a, b) => a - b)[2];
		};
		cost('wf:warm', 1); // JIT warm-up
		const one = cost('wf:one', 1);
		const many = cost('wf:many', 5000);
		// A memory that scanned its entries per delivery costs ~5,000× more per call here; constant work stays level.
		expect(many / one).toBeLessThan(3);
	});
});
