#!/usr/bin/env node
/**
 * `n8n-node lint` (@n8n/node-cli, the tool n8n's verification guidelines ask for) on each single-service package, as
 * its author would run it: in a source folder of that package alone, with the tool's own default eslint.config.mjs
 * and `"strict": true`, so the tool also checks the config is its default. The folder (.build/n8n-node-lint/<name>/)
 * holds the package's sources: its provider folder, the kernel, its credential and icons, and the package.json the
 * build wrote for it (dist/packages/<name>/). The tool runs `eslint .`; it fails on errors, and this fails on warnings
 * too, except the ones in ACCEPTED, each with its reason. Needs `npm run build` first; part of `npm run lint`.
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

/**
 * Warnings that stay, each matched by rule and text: a heuristic the package cannot satisfy without harm.
 * credential-unnecessary-password reads a field as secret only by its name (password, token, apikey, …); Digital
 * Samba's developer key is the secret half of its Basic auth (team ID : developer key), so it stays masked, and
 * renaming the field would break every stored credential (the bundle and the single package share the type).
 */
export const ACCEPTED = [{ rule: '@n8n/community-nodes/credential-unnecessary-password', text: "Field 'developerKey'" }];

const serviceOf = (dir) => JSON.parse(readFileSync(join(ROOT, 'nodes', dir, 'service.json'), 'utf8'));

/** The source folder of one service's package (nodes/<dir>), written anew under `at`. */
export function assemble(dir, at) {
	const service = serviceOf(dir);
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

/** `n8n-node lint` in a package's folder: its exit status, what it printed, and the problems it listed. */
export function lint(folder) {
	const env = { ...process.env, CI: 'true' };
	// eslint-plugin-n8n-nodes-base reads every file name as Test.node.ts under NODE_ENV=test (as jest sets it).
	delete env.NODE_ENV;
	const run = spawnSync(process.execPath, [join(CLI, 'bin', 'n8n-node.mjs'), 'lint'], { cwd: folder, env, encoding: 'utf8' });
	// The tool forces colours on eslint.
	const output = `${run.stdout}${run.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
	// eslint's stylish format: "  12:3  warning  Message text  rule-name".
	const problems = [...output.matchAll(/^\s+\d+:\d+\s+(error|warning)\s+(.*?)\s+(\S+)$/gm)].map(([line, severity, text, rule]) => ({ line: line.trim(), severity, text, rule }));
	const accepted = problems.filter((p) => p.severity === 'warning' && ACCEPTED.some((a) => a.rule === p.rule && p.text.includes(a.text)));
	return { status: run.status, output, problems, accepted, failing: problems.filter((p) => !accepted.includes(p)) };
}

function main(argv) {
	const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
	const at = join(ROOT, '.build', 'n8n-node-lint');
	const dirs = readdirSync(join(ROOT, 'nodes')).filter((d) => existsSync(join(ROOT, 'nodes', d, 'service.json')));
	let failed = 0;
	for (const dir of dirs) {
		if (only && only !== serviceOf(dir).name) continue;
		const { name, folder } = assemble(dir, at);
		const result = lint(folder);
		// The tool exits 1 on errors only; an accepted warning leaves it 0.
		const ok = result.status === 0 && result.failing.length === 0;
		if (!ok) {
			failed++;
			process.stderr.write(result.output);
		}
		const accepted = result.accepted.map((p) => `; accepted: ${p.line}`).join('');
		console.log(`n8n-node lint ${name}: ${ok ? 'passed' : 'failed'}, ${result.failing.length} problems (exit ${result.status})${accepted}`);
	}
	if (!argv.includes('--keep')) rmSync(at, { recursive: true, force: true });
	return failed ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(main(process.argv.slice(2)));
