import { fmtRatio } from './stats';
import type { Row } from './types';

/** The results table as Markdown: measured figures, the measured ratio, and the goal with met / not met. */
export function table(rows: Row[]): string {
	const lines = [
		'| Scenario | Measure | This package | n8n\'s own node | Ratio (measured) | Goal | Met |',
		'|---|---|---|---|---|---|---|',
	];
	for (const r of rows) {
		const met = r.met === undefined ? '' : r.met ? 'met' : 'not met';
		lines.push(`| ${r.scenario} | ${r.measure} | ${r.ours} | ${r.theirs} | ${r.ratio === undefined ? '' : fmtRatio(r.ratio)} | ${r.goal ?? ''} | ${met} |`);
	}
	return lines.join('\n');
}
