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
	// The e2e files run once per n8n major (jest project e2e-n8n2 sets VC_N8N_LINE): say which.
	const line = process.env.VC_N8N_LINE === '2' ? ' on n8n 2.x' : '';
	if (dir) appendFileSync(join(dir, 'figures.jsonl'), `${JSON.stringify({ ...figure, scenario: figure.scenario + line })}\n`);
}
