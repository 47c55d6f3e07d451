#!/usr/bin/env node
/**
 * Lints the node descriptions as n8n's scanner would see literals. The nodes build their `properties` at run
 * time from descriptors, so the description rules of `npm run lint` see no parameter in the sources. This writes
 * each built node's `description` as a literal `*.node.ts` into a copy of the package's layout (package.json,
 * credentials, icons) in a temporary directory, lints it with the repo's eslint config, and names each problem
 * by node and parameter. Usage: node scripts/lint-descriptions.js [--json descriptions.json] [--keep]
 * (--json: [{ file: 'nodes/X/X.node.ts', className, description }] instead of the built nodes in dist/).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { pathToFileURL } = require('url');

// eslint-plugin-n8n-nodes-base reads every file name as Test.node.ts under NODE_ENV=test (as jest sets it).
delete process.env.NODE_ENV;

const ROOT = path.resolve(__dirname, '..');
const ID = /^[A-Za-z_$][\w$]*$/;

/** Rules on class code, not the description: the generated class holds only `description`, the sources have the rest. */
const CODE_RULES = ['@n8n/community-nodes/webhook-lifecycle-complete'];

/**
 * Waived where the generated value shows why. `default: ''` on a dropdown is the kernel's "not set": an optional
 * field left to the provider's default, or a required one the user must choose. Any other default would change
 * what saved workflows send, as n8n stores no parameter equal to its default.
 */
const WAIVED = { 'n8n-nodes-base/node-param-default-wrong-for-options': (line) => /^\s*default: "",$/.test(line) };

/** Rebuilds dist/ when a source is newer than a built node, so the lint never reads stale descriptions. */
function ensureBuilt(nodeFiles) {
	const newest = (dir) =>
		fs.readdirSync(dir, { withFileTypes: true }).reduce((t, e) => {
			const p = path.join(dir, e.name);
			return Math.max(t, e.isDirectory() ? newest(p) : e.name.endsWith('.ts') ? fs.statSync(p).mtimeMs : 0);
		}, 0);
	const source = Math.max(newest(path.join(ROOT, 'nodes')), newest(path.join(ROOT, 'credentials')));
	const stale = nodeFiles.some((f) => !fs.existsSync(path.join(ROOT, f)) || fs.statSync(path.join(ROOT, f)).mtimeMs < source);
	if (stale) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Each node listed under `n8n.nodes`, as its literal file name, class name and description. */
function builtDescriptions() {
	const nodeFiles = require(path.join(ROOT, 'package.json')).n8n.nodes;
	ensureBuilt(nodeFiles);
	return nodeFiles.map((file) => {
		const exported = require(path.join(ROOT, file));
		const className = Object.keys(exported).find((k) => typeof exported[k] === 'function');
		const source = file.replace(/^dist\//, '').replace(/\.js$/, '.ts');
		return { file: source, className, description: new exported[className]().description };
	});
}

/** Where a top-level parameter is shown, e.g. room/create: the first part of its label. */
function scopeOf(param) {
	const show = param.displayOptions?.show ?? {};
	return [show.resource, show.operation].filter(Boolean).map((v) => v.join('|')).join('/');
}

const CONNECTION = Object.fromEntries(Object.entries(require('n8n-workflow').NodeConnectionTypes).map(([k, v]) => [v, k]));

/**
 * A value as TypeScript source lines, each with the label of the parameter it belongs to.
 * Keys are identifiers where possible: the rules match `displayName:`, not `'displayName':`.
 */
function literal(value, label, pad, key) {
	if (typeof value === 'string' && (key === 'inputs' || key === 'outputs') && CONNECTION[value]) {
		return [{ text: `NodeConnectionTypes.${CONNECTION[value]}`, label }];
	}
	if (value === null || typeof value !== 'object') return [{ text: JSON.stringify(value), label }];
	const isArray = Array.isArray(value);
	const entries = isArray ? value.map((v) => [key, v]) : Object.entries(value).filter(([, v]) => v !== undefined);
	if (!entries.length) return [{ text: isArray ? '[]' : '{}', label }];
	const lines = [{ text: isArray ? '[' : '{', label }];
	for (const [k, v] of entries) {
		let child = label;
		if (isArray && k === 'properties' && label.split(' › ').length === 1) {
			child = [label, scopeOf(v), v.name].filter(Boolean).join(' › ');
		} else if (isArray && (k === 'options' || k === 'values') && v && v.displayName && v.name) {
			child = `${label}.${v.name}`;
		} else if (isArray && k === 'options' && v && 'value' in v) {
			child = `${label}[${v.value}]`;
		} else if (!isArray && label.split(' › ').length === 1 && k !== 'properties') {
			child = `${label} › ${k}`;
		}
		const sub = literal(v, child, `${pad}\t`, isArray ? key : k);
		sub[0].text = `${pad}\t${isArray ? '' : `${ID.test(k) ? k : JSON.stringify(k)}: `}${sub[0].text}`;
		sub[sub.length - 1].text += ',';
		lines.push(...sub);
	}
	lines.push({ text: `${pad}${isArray ? ']' : '}'}`, label });
	return lines;
}

/** The literal node file and, per line, the parameter it belongs to. */
function nodeSource({ className, description }) {
	const head = [
		"import type { INodeType, INodeTypeDescription } from 'n8n-workflow';",
		"import { NodeConnectionTypes } from 'n8n-workflow';",
		'',
		`export class ${className} implements INodeType {`,
	];
	const body = literal(description, className, '\t', 'description');
	body[0].text = `\tdescription: INodeTypeDescription = ${body[0].text}`;
	body[body.length - 1].text += ';';
	const lines = [...head.map((text) => ({ text, label: className })), ...body, { text: '}', label: className }];
	return { text: `${lines.map((l) => l.text).join('\n')}\n`, labels: lines.map((l) => l.label) };
}

/** Lints the descriptions; resolves to the problems, each named by node and parameter. */
async function lintDescriptions(nodes, { keep = false } = {}) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-descriptions-'));
	try {
		// The rules that check credentials, icons and registration read them beside the node file.
		fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
		for (const sub of ['credentials', 'icons']) fs.cpSync(path.join(ROOT, sub), path.join(dir, sub), { recursive: true });
		const labels = {};
		const texts = {};
		for (const node of nodes) {
			const file = path.join(dir, node.file);
			const source = nodeSource(node);
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, source.text);
			labels[file] = source.labels;
			texts[file] = source.text.split('\n');
		}
		const { ESLint } = require('eslint');
		const config = (await import(pathToFileURL(path.join(ROOT, 'eslint.config.mjs')).href)).default;
		const eslint = new ESLint({
			cwd: dir,
			overrideConfigFile: true,
			allowInlineConfig: false,
			overrideConfig: [...config, { files: ['**/nodes/**/*.ts'], rules: Object.fromEntries(CODE_RULES.map((r) => [r, 'off'])) }],
		});
		const results = await eslint.lintFiles(Object.keys(labels));
		return results.flatMap((r) =>
			r.messages.filter((m) => !WAIVED[m.ruleId]?.(texts[r.filePath][m.line - 1])).map((m) => ({
				where: labels[r.filePath]?.[m.line - 1] ?? path.relative(dir, r.filePath),
				rule: m.ruleId ?? 'eslint',
				message: m.message,
				severity: m.severity === 2 ? 'error' : 'warning',
			})),
		);
	} finally {
		if (keep) process.stderr.write(`generated files kept in ${dir}\n`);
		else fs.rmSync(dir, { recursive: true, force: true });
	}
}

async function main(argv) {
	const json = argv.indexOf('--json');
	const nodes = json >= 0 ? JSON.parse(fs.readFileSync(argv[json + 1], 'utf8')) : builtDescriptions();
	const problems = await lintDescriptions(nodes, { keep: argv.includes('--keep') });
	for (const p of problems) console.log(`${p.severity === 'error' ? '✖' : '⚠'} ${p.where}: ${p.rule}: ${p.message}`);
	const errors = problems.filter((p) => p.severity === 'error').length;
	console.log(`lint-descriptions: ${nodes.length} node descriptions, ${errors} errors, ${problems.length - errors} warnings`);
	return errors ? 1 : 0;
}

if (require.main === module) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(error) => {
			console.error(error);
			process.exit(2);
		},
	);
}

module.exports = { lintDescriptions, nodeSource };
