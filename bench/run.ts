import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { createRuntime, importInto, ROOT } from '../test/e2e/n8n';
import { describeMachine } from './lib/machine';
import { table } from './lib/report';
import { FULL_SIZES, SMOKE_SIZES, type Sizes } from './lib/sizes';
import type { BenchContext, Row, Scenario } from './lib/types';
import { latencyScenario } from './scenarios/latency';
import { rateLimitedScenario } from './scenarios/rateLimited';
import { loadCostScenario } from './scenarios/loadCost';
import { returnAllScenario } from './scenarios/returnAll';
import { triggerScenario } from './scenarios/trigger';
import { includeScenario } from './scenarios/include';

/**
 * `npm run bench`: every scenario side by side with n8n's own nodes in one real n8n, against the simulators on
 * loopback. Prints the table and writes bench/results.md. BENCH_REPS sets the repetitions (default 3), BENCH_ONLY a
 * comma-separated list of scenario numbers. BENCH_SMOKE=1 runs the smoke sizes once and writes the table to
 * BENCH_RESULTS instead (bench/smoke.test.ts, in CI). Exits 1 when a scenario failed.
 */
export const SCENARIOS: Array<[string, (sizes: Sizes) => Promise<Scenario>]> = [
	['1', latencyScenario],
	['2', rateLimitedScenario],
	['3', returnAllScenario],
	['4', triggerScenario],
	['5', loadCostScenario],
	['6', includeScenario],
];

export interface BenchOptions {
	reps: number;
	/** Scenario numbers to run; empty for all. */
	only: string[];
	sizes: Sizes;
	log(message: string): void;
}

/**
 * Runs the chosen scenarios in one n8n; a scenario that throws gives a row measured 'failed', the others still run.
 * The rows, and the machine they were measured on.
 */
export async function runBench({ reps, only, sizes, log }: BenchOptions): Promise<{ rows: Row[]; machine: Record<string, string> }> {
	log('Installing or finding n8n, packing this package into it …');
	const runtime = createRuntime();
	const machine = describeMachine(runtime.bin);
	const scenarios: Scenario[] = [];
	const rows: Row[] = [];
	try {
		for (const [number, factory] of SCENARIOS) if (only.length === 0 || only.includes(number)) scenarios.push(await factory(sizes));
		const credentials = scenarios.flatMap((s) => s.credentials);
		if (credentials.length) await runtime.importCredentials(credentials);
		const workflows = scenarios.flatMap((s) => s.workflows);
		if (workflows.length) await importInto(runtime.bin, runtime.env, 'workflow', workflows);
		const ctx: BenchContext = { runtime, reps, log };
		for (const scenario of scenarios) {
			log(`${scenario.name} …`);
			try {
				rows.push(...(await scenario.run(ctx)));
			} catch (error) {
				// One broken scenario must not lose the others' figures.
				console.error(error);
				rows.push({ scenario: scenario.name, measure: 'failed', ours: String((error as Error).message ?? error).split('\n')[0].slice(0, 200), theirs: '', met: false });
			}
		}
	} finally {
		await Promise.all(scenarios.map((s) => s.close()));
		runtime.cleanup();
	}
	return { rows, machine };
}

async function main() {
	const log = (message: string) => console.log(message);
	const started = Date.now();
	const smoke = process.env.BENCH_SMOKE === '1';
	const reps = smoke ? 1 : Number(process.env.BENCH_REPS ?? 3);
	const { rows, machine } = await runBench({ reps, only: (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean), sizes: smoke ? SMOKE_SIZES : FULL_SIZES, log });
	const result = table(rows);
	log(`\n${result}\n`);
	const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
	const machineLines = Object.entries(machine).map(([k, v]) => `- ${k}: ${v}`).join('\n');
	let notes = '';
	try {
		notes = `\n${readFileSync(join(ROOT, 'bench', 'notes.md'), 'utf8')}`;
	} catch {
		// no notes
	}
	writeFileSync(
		smoke ? (process.env.BENCH_RESULTS ?? join(ROOT, '.build', 'bench-smoke.md')) : join(ROOT, 'bench', 'results.md'),
		`# Benchmark results\n\nWritten by \`npm run bench\` on ${when} (${reps} repetitions a scenario${process.env.BENCH_TRIGGER_REPS ? `, ${process.env.BENCH_TRIGGER_REPS} for scenario 4` : ''}, medians; ${((Date.now() - started) / 60_000).toFixed(1)} min).\n\n` +
			`## Machine\n${machineLines}\n\n## Figures\n${result}\n${notes}`,
	);
	return rows.some((row) => row.measure === 'failed') ? 1 : 0;
}

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
