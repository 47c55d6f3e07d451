import { appendFileSync } from 'fs';
import { join } from 'path';

/** One measured figure of the reliability suite, printed in the table at the end of the run. */
export interface Figure {
	scenario: string;
	measured: string;
	goal: string;
	met: boolean;
}

/**
 * The folder the figures reporter made for this run (test/reporters/figures.js), shared by every test file and
 * worker through the environment; undefined when jest runs without it.
 */
export function runDir(): string | undefined {
	return process.env.VC_RUN_DIR;
}

/** Records a figure for the end-of-run table. The test still asserts the goal itself, so a short figure fails it. */
export function recordFigure(figure: Figure): void {
	const dir = runDir();
	if (dir) appendFileSync(join(dir, 'figures.jsonl'), `${JSON.stringify(figure)}\n`);
}
