import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { ROOT } from '../../test/e2e/n8n';
import { median } from '../lib/stats';
import type { Scenario } from '../lib/types';

/**
 * Scenario 5: the time to load every node and credential of the package (require and construct, as n8n does)
 * in a fresh Node process, with n8n-workflow already loaded as it is in n8n; beside it the same for n8n's HTTP
 * Request node from the installed n8n. And the packed size (npm pack).
 */
const LOAD = `
const t0 = process.hrtime.bigint();
for (const file of FILES) {
	// As n8n does: the class named like the file (DailyTrigger.node.js exports DailyTrigger, and helpers).
	const name = require('path').basename(file).split('.')[0];
	new (require(file)[name])();
}
process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));
`;

function loadMs(files: string[], preload: string, cwd: string): number {
	const script = `require(${JSON.stringify(preload)});\nconst FILES = ${JSON.stringify(files)};\n${LOAD}`;
	return Number(execFileSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8' }));
}

export async function loadCostScenario(): Promise<Scenario> {
	return {
		name: '5. Load cost',
		credentials: [],
		workflows: [],
		async run({ runtime, reps, log }) {
			const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
			const ours = [...pkg.n8n.credentials, ...pkg.n8n.nodes].map((f) => join(ROOT, f));
			const n8nModules = join(runtime.bin, '..', '..', '..');
			const httpNode = join(n8nModules, 'n8n-nodes-base', 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js');
			const times = { ours: [] as number[], theirs: [] as number[] };
			for (let rep = 0; rep < Math.max(5, reps); rep++) {
				times.ours.push(loadMs(ours, require.resolve('n8n-workflow', { paths: [ROOT] }), ROOT));
				times.theirs.push(loadMs([httpNode], require.resolve('n8n-workflow', { paths: [join(n8nModules, 'n8n-nodes-base')] }), n8nModules));
			}
			const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: ROOT, encoding: 'utf8' })) as Array<{ size: number; unpackedSize: number; entryCount: number }>;
			log(`  5 load: ours ${median(times.ours).toFixed(1)} ms, HTTP Request node ${median(times.theirs).toFixed(1)} ms; packed ${(pack.size / 1024).toFixed(0)} KB`);
			const ms = median(times.ours);
			return [
				{
					scenario: `5. Load all ${ours.length} nodes and credentials in a fresh Node process`,
					measure: 'require + construct, median',
					ours: `${ms.toFixed(1)} ms`,
					theirs: `${median(times.theirs).toFixed(1)} ms (HTTP Request node alone)`,
					goal: '< 50 ms',
					met: ms < 50,
				},
				{
					scenario: '5. Packed size (npm pack)',
					measure: 'tarball (unpacked)',
					ours: `${(pack.size / 1024).toFixed(0)} KB (${(pack.unpackedSize / 1024).toFixed(0)} KB, ${pack.entryCount} files)`,
					theirs: '',
					goal: '< 400 KB',
					met: pack.size < 400 * 1024,
				},
			];
		},
		close: async () => undefined,
	};
}
