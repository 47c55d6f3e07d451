import { runBench, SCENARIOS } from './run';
import { SMOKE_SIZES } from './lib/sizes';

/**
 * CI's guard on `npm run bench`: every scenario runs end to end at the smoke sizes, one repetition, in the real
 * n8n of the e2e suite. Goals are not asserted (too small and too noisy to judge); that each scenario ran and
 * measured is. The full benchmark stays `npm run bench`.
 */
jest.setTimeout(20 * 60_000);

it('runs every benchmark scenario at its smallest size, each giving measured rows', async () => {
	const lines: string[] = [];
	const { rows, machine } = await runBench({ reps: 1, only: [], sizes: SMOKE_SIZES, log: (line) => lines.push(line) });
	const failed = rows.filter((row) => row.measure === 'failed');
	expect({ failed, log: failed.length ? lines.slice(-40) : [] }).toEqual({ failed: [], log: [] });
	// Each scenario's rows start with its number; a scenario that returned nothing would be missing here.
	expect([...new Set(rows.map((row) => row.scenario.split('.')[0]))].sort()).toEqual(SCENARIOS.map(([number]) => number));
	// A figure is a measurement: every row names what was measured and what our node gave.
	for (const row of rows) expect(row.ours).toMatch(/\d/);
	expect(machine['n8n']).toMatch(/^\d+\.\d+\.\d+$/);
});
