#!/usr/bin/env node
/**
 * `n8n-node lint` (@n8n/node-cli, the tool n8n's verification guidelines ask for) on each single-service package, as
 * its author would run it: in a source folder of that package alone, with the tool's own default eslint.config.mjs
 * and `"strict": true`, so the tool also checks the config is its default. The folder (.build/n8n-node-lint/<name>/)
 * holds the package's sources: its provider folder, the kernel, its credential and icons, and the package.json the
 * build wrote for it (dist/packages/<name>/). The tool runs `eslint .`; it fails on errors, and this fails on warnings
 * too. Needs `npm run build` first; part of `npm run lint`.
 *
 * Usage: node scripts/n8n-node-lint.mjs [--only <package name>] [--keep]   (--keep leaves the folders for a look)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'node_modules', '@n8n', 'node-cli');
// The config `n8n-node new` writes, and strict mode compares with.
const DEFAULT_CONFIG = join(CLI, 'dist', 'template', 'templates', 'shared', 'default', 'eslint.config.mjs');

const TSCONFIG = {
	compilerOptions: {
		strict: true,
		module: 'commonjs',
		moduleResolution: 'node',
		target: 'es2021',
		lib: ['es2021'],
		esModuleInterop: true,
		skipLibCheck: true,
		resolveJsonModule: true,
		types: ['node'],
	},
	include: ['credentials/**/*.ts', 'nodes/**/*.ts'],
};

/** The source folder of one service's package, written anew under `at`. */
export function assemble(dir, at) {
	const service = JSON.parse(readFileSync(join(ROOT, 'nodes', dir, 'service.json'), 'utf8'));
	const built = join(ROOT, 'dist', 'packages', service.name, 'package.json');
	if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build first`);
	const out = join(at, service.name);
	rmSync(out, { recursive: true, force: true });
	mkdirSync(out, { recursive: true });
	const copy = (from) => cpSync(join(ROOT, from), join(out, from), { recursive: true });
	copy(join('nodes', 'shared'));
	copy(join('nodes', dir));
	copy(join('credentials', `${service.credential}.credentials.ts`));
	for (const icon of service.icons) copy(join('icons', icon));
	const pkg = JSON.parse(readFileSync(built, 'utf8'));
	writeFileSync(join(out, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
	writeFileSync(join(out, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, '\t')}\n`);
	cpSync(DEFAULT_CONFIG, join(out, 'eslint.config.mjs'));
	return { name: service.name, folder: out };
}

/** `n8n-node lint` in a package's folder: its exit status and what it printed. */
export function lint(folder) {
	const env = { ...process.env, FORCE_COLOR: '0', CI: 'true' };
	// eslint-plugin-n8n-nodes-base reads every file name as Test.node.ts under NODE_ENV=test (as jest sets it).
	delete env.NODE_ENV;
	const run = spawnSync(process.execPath, [join(CLI, 'bin', 'n8n-node.mjs'), 'lint'], { cwd: folder, env, encoding: 'utf8' });
	const output = `${run.stdout}${run.stderr}`;
	// eslint sums up as "✖ 3 problems (2 errors, 1 warning)" when it found any.
	const problems = /(\d+) problems? \((\d+) errors?, (\d+) warnings?\)/.exec(output);
	return { status: run.status, output, errors: Number(problems?.[2] ?? 0), warnings: Number(problems?.[3] ?? 0) };
}

function main(argv) {
	const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
	const at = join(ROOT, '.build', 'n8n-node-lint');
	const dirs = readdirSync(join(ROOT, 'nodes')).filter((d) => existsSync(join(ROOT, 'nodes', d, 'service.json')));
	let failed = 0;
	for (const dir of dirs) {
		const { name, folder } = assemble(dir, at);
		if (only && only !== name) continue;
		const result = lint(folder);
		const ok = result.status === 0 && result.errors === 0 && result.warnings === 0;
		if (!ok) {
			failed++;
			process.stderr.write(result.output);
		}
		console.log(`n8n-node lint ${name}: ${ok ? 'passed' : 'failed'}, ${result.errors} errors, ${result.warnings} warnings (exit ${result.status})`);
	}
	if (!argv.includes('--keep')) rmSync(at, { recursive: true, force: true });
	return failed ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(main(process.argv.slice(2)));
