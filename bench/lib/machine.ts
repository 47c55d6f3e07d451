import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { cpus, loadavg, totalmem } from 'os';
import { join } from 'path';

/** What the figures were measured on. */
export function describeMachine(n8nBin: string): Record<string, string> {
	const n8nPackage = join(n8nBin, '..', '..', 'package.json');
	let n8nVersion = 'unknown';
	try {
		n8nVersion = JSON.parse(readFileSync(n8nPackage, 'utf8')).version;
	} catch {
		// keep unknown
	}
	let os = process.platform;
	try {
		os = execFileSync('uname', ['-sr'], { encoding: 'utf8' }).trim() as NodeJS.Platform;
	} catch {
		// keep platform
	}
	return {
		cpu: cpus()[0]?.model.trim() ?? 'unknown',
		cores: String(cpus().length),
		memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
		os,
		node: process.version,
		n8n: n8nVersion,
		'load average at start': loadavg().map((l) => l.toFixed(2)).join(' '),
	};
}
