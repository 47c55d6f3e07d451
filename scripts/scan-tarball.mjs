#!/usr/bin/env node
/**
 * The tarball leg of n8n's package scanner (@n8n/scan-community-package, scanner.mjs `analyzePackageByName`): the
 * package as `npm pack` makes it, extracted, its compiled `**\/*.js` and package.json linted with the scanner's own
 * config (eslint.config.mjs `scanConfig`) and inline config off. The source leg is `npm run lint` itself.
 * Usage: node scripts/scan-tarball.mjs [--dir <an extracted package>]. Exits 1 on an error.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative } from 'path';
import { fileURLToPath } from 'url';
import { ESLint } from 'eslint';
import { scanConfig } from '../eslint.config.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `npm pack` of the package, extracted as the scanner extracts it (`tar --strip-components=1`). */
function packed() {
	const dir = mkdtempSync(join(tmpdir(), 'vc-scan-'));
	const file = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop();
	const extracted = join(dir, 'package');
	execFileSync('mkdir', ['-p', extracted]);
	execFileSync('tar', ['-xzf', join(dir, file), '-C', extracted, '--strip-components=1']);
	return { dir, extracted };
}

/** Every `.js` file below `dir`, and package.json, as the scanner's glob picks them. */
function scanned(dir) {
	const walk = (at) => readdirSync(at, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'node_modules' ? [] : walk(join(at, e.name))) : e.name.endsWith('.js') ? [join(at, e.name)] : []));
	return [...walk(dir), join(dir, 'package.json')];
}

async function main(argv) {
	const given = argv.indexOf('--dir');
	const pack = given >= 0 ? undefined : packed();
	const dir = given >= 0 ? argv[given + 1] : pack.extracted;
	try {
		const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: scanConfig });
		const results = await eslint.lintFiles(scanned(dir));
		let errors = 0;
		for (const result of results) {
			for (const m of result.messages) {
				if (m.severity === 2) errors++;
				console.log(`${m.severity === 2 ? '✖' : '⚠'} ${relative(dir, result.filePath)}:${m.line}: ${m.ruleId ?? 'eslint'}: ${m.message}`);
			}
		}
		console.log(`scan-tarball: ${results.length} files, ${errors} errors`);
		return errors ? 1 : 0;
	} finally {
		if (pack) rmSync(pack.dir, { recursive: true, force: true });
	}
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(2);
	},
);
