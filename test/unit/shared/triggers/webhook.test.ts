import { performance } from 'perf_hooks';
import { firstDelivery, rememberedSize } from '../../../../nodes/shared/triggers/webhook';

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

	it('remembers every delivery of its span, however many: bounded by time, not by a count (issue 22)', () => {
		// 20,000 deliveries within an hour: more than the 5,000 the memory once held, which a busy Daily domain exceeds
		// inside the replay window, so a duplicate of an early one ran again.
		for (let i = 0; i < 20_000; i++) firstDelivery('wf:busy', [`k-${i}`], 3_600_000, 1_000 + i * 100);
		expect(rememberedSize('wf:busy')).toBe(20_000);
		expect(firstDelivery('wf:busy', ['k-0'], 3_600_000, 1_000 + 20_000 * 100)).toBe(false);
		expect(firstDelivery('wf:busy', ['k-19999'], 3_600_000, 1_000 + 20_000 * 100)).toBe(false);
		// An entry older than the span is dropped: k-0 (at 1,000) is gone an hour later, k-1 (at 1,100) not yet.
		expect(firstDelivery('wf:busy', ['new-1'], 3_600_000, 3_601_001)).toBe(true);
		expect(rememberedSize('wf:busy')).toBe(20_000);
		expect(firstDelivery('wf:busy', ['k-1'], 3_600_000, 3_601_001)).toBe(false);
		// Once the span has passed, one delivery drops everything older: what is held is what the span holds.
		expect(firstDelivery('wf:busy', ['late'], 3_600_000, 10_000_000)).toBe(true);
		expect(rememberedSize('wf:busy')).toBe(1);
		expect(firstDelivery('wf:busy', ['k-19999'], 3_600_000, 10_000_001)).toBe(true);
	});

	it('forgets a trigger no delivery reaches any more (a deactivated workflow) once its span has passed', () => {
		for (let i = 0; i < 100; i++) firstDelivery(`wf:idle-${i}`, ['k'], 1_000, 50_000);
		expect(rememberedSize('wf:idle-0')).toBe(1);
		// Deliveries to another trigger, long after: each drops up to two idle triggers, so they drain.
		for (let i = 0; i < 200; i++) firstDelivery('wf:live', [`live-${i}`], 60_000, 1e12 + i);
		expect(rememberedSize('wf:idle-0')).toBe(0);
		expect(rememberedSize('wf:idle-99')).toBe(0);
		// Every trigger of this file bar the one still reached is gone.
		expect(rememberedSize()).toBe(1);
	});

	it('keeps each trigger apart', () => {
		expect(firstDelivery('wf:c', ['k'], 60_000, 1_000)).toBe(true);
		expect(firstDelivery('wf:d', ['k'], 60_000, 1_000)).toBe(true);
		expect(firstDelivery('wf:c', ['k'], 60_000, 2_000)).toBe(false);
	});

	it('costs the same with 50,000 remembered deliveries as with one', () => {
		/** Fastest of 7 runs, in ms, of 2,000 new deliveries into a memory already holding `held` fresh ones. */
		const cost = (scope: string, held: number) => {
			const now = 1_000_000;
			for (let i = 0; i < held; i++) firstDelivery(scope, [`held-${i}`], 600_000, now);
			const runs: number[] = [];
			for (let run = 0; run < 7; run++) {
				const started = performance.now();
				for (let i = 0; i < 2000; i++) firstDelivery(scope, [`new-${run}-${i}`], 600_000, now + 1);
				runs.push(performance.now() - started);
			}
			return Math.min(...runs);
		};
		cost('wf:warm', 1); // JIT warm-up
		const one = cost('wf:one', 1);
		const many = cost('wf:many', 50_000);
		// A memory that scanned its entries per delivery costs ~50,000× more per call here; constant work stays level.
		// The bound is wide because CI runs this beside four other jest workers on two cores (a loaded run measured 8×
		// with the median); any scan, even of a hundredth of the entries, is still far above it.
		expect(many / one).toBeLessThan(50);
	});
});
