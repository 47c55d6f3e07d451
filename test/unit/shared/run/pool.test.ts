import { mapInOrder } from '../../../../nodes/shared/run/pool';

describe('pool', () => {
	it('bounds concurrency and keeps results in input order', async () => {
		let running = 0;
		let peak = 0;
		const results = await mapInOrder([50, 10, 30, 5, 20, 1], 3, async (ms, i) => {
			running++;
			peak = Math.max(peak, running);
			await new Promise((r) => setTimeout(r, ms));
			running--;
			return i;
		});
		expect(results).toEqual([0, 1, 2, 3, 4, 5]);
		expect(peak).toBe(3);
	});

	it('starts nothing new after a failure and throws the lowest failed index', async () => {
		const started: number[] = [];
		await expect(
			mapInOrder([0, 1, 2, 3, 4, 5], 2, async (_v, i) => {
				started.push(i);
				if (i === 1) throw new Error('one');
				return i;
			}),
		).rejects.toThrow('one');
		expect(started.length).toBeLessThan(6);
	});
});
