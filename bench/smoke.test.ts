import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ROOT } from '../test/helpers/repoRoot';
import { SCENARIOS } from './run';

/**
 * CI's guard on `npm run bench`: the bench compiled as that script compiles it (bench/tsconfig.json into .build, where
 * the simulators once could not find Daily's spec) and run as it runs, at the smoke sizes (BENCH_SMOKE=1: smallest
 * sizes, one repetition) in the e2e suite's n8n. Goals are not asserted (too small and too noisy to judge); that
 * every scenario ran and measured is. The full benchmark stays `npm run bench`.
 */
jest.setTimeout(20 * 60_000);

it('npm run bench, compiled and run at the smoke sizes, runs every scenario to measured rows', () => {
	execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'bench', 'tsconfig.json')], { cwd: ROOT, stdio: 'inherit' });
	const folder = mkdtempSync(join(tmpdir(), 'vc-bench-smoke-'));
	try {
		const results = join(folder, 'results.md');
		const run = spawnSync(process.execPath, [join(ROOT, '.build', 'bench', 'run.js')], {
			cwd: ROOT,
			env: { ...process.env, BENCH_SMOKE: '1', BENCH_RESULTS: results },
			encoding: 'utf8',
			timeout: 19 * 60_000,
		});
		expect({ status: run.status, tail: run.status === 0 ? '' : `${run.stdout}\n${run.stderr}`.slice(-4000) }).toEqual({ status: 0, tail: '' });
		// The table's rows, one per measure: `| 2. 30 room creations … | measure | ours | theirs | ratio | goal | met |`.
		const rows = readFileSync(results, 'utf8').split('\n').filter((line) => /^\| \d\. /.test(line)).map((line) => line.split(' | '));
		expect([...new Set(rows.map((cells) => cells[0].slice(2, 3)))].sort()).toEqual(SCENARIOS.map(([number]) => number));
		// A figure is a measurement: every row gives what our node did, in numbers, and none says the scenario failed.
		for (const cells of rows) {
			expect(cells[1]).not.toBe('failed');
			expect(cells[2]).toMatch(/\d/);
		}
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
});
