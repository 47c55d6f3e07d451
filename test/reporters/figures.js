/**
 * Prints the reliability figures the tests recorded (test/helpers/figures.ts) as one table at the end of the run.
 * The constructor runs before jest starts any worker, so the run folder it puts in the environment reaches them all.
 */
const { mkdtempSync, readFileSync, existsSync, rmSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');

class FiguresReporter {
	constructor() {
		this.dir = mkdtempSync(join(process.env.TMPDIR || tmpdir(), 'vc-run-'));
		process.env.VC_RUN_DIR = this.dir;
	}

	onRunComplete() {
		const file = join(this.dir, 'figures.jsonl');
		const figures = existsSync(file)
			? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
			: [];
		// By scenario number, in the order recorded within one.
		figures.sort((a, b) => parseInt(a.scenario, 10) - parseInt(b.scenario, 10));
		if (figures.length) {
			const rows = [['Scenario', 'Measured', 'Goal', 'Met'], ...figures.map((f) => [f.scenario, f.measured, f.goal, f.met ? 'yes' : 'NO'])];
			const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
			const line = (r) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
			const table = [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)];
			process.stdout.write(`\nReliability figures (measured in this run)\n${table.join('\n')}\n`);
		}
		if (!process.env.VC_KEEP_RUN_DIR) rmSync(this.dir, { recursive: true, force: true });
	}
}

module.exports = FiguresReporter;
