#!/usr/bin/env node
/**
 * Writes each action node's `properties` as a committed TypeScript literal, nodes/<Provider>/<Provider>.description.ts,
 * so that n8n's lint rules and reviewers, which read literals only, see every resource, operation and field. The
 * resource files stay the source of truth (their field specs also give the zod schemas): this reads the built
 * descriptors from dist/ (never the node classes, which import the files written here) and prints what the kernel
 * builds from them, each Operation option with a comment naming its method and path.
 *
 * Usage: node scripts/descriptions.js           write the files that differ (and rebuild dist/ if any did)
 *        node scripts/descriptions.js --check   exit 1, naming each file, when a committed file differs
 * `npm run descriptions` builds first; `npm run lint` runs the check.
 */
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');

/**
 * The three action nodes: where their literal goes, and how to build it from a module loader (`load('nodes/x')`
 * returns that module, built or, in the unit tests, from source). `operation(show, value)` finds the descriptor
 * behind an Operation option shown for `show`.
 */
const NODES = [
	{
		file: 'nodes/Daily/Daily.description.ts',
		name: 'dailyProperties',
		sources: 'nodes/Daily/resources/',
		build(load) {
			const { buildProperties, findOperation } = load('nodes/shared/describe/properties');
			const { dailyResources } = load('nodes/Daily/resources');
			return { properties: buildProperties(dailyResources), operation: (show, value) => findOperation(dailyResources, show.resource[0], value) };
		},
	},
	{
		file: 'nodes/DigitalSamba/DigitalSamba.description.ts',
		name: 'digitalSambaProperties',
		sources: 'nodes/DigitalSamba/resources/',
		build(load) {
			const { buildProperties, findOperation } = load('nodes/shared/describe/properties');
			const { digitalSambaResources } = load('nodes/DigitalSamba/resources');
			return {
				properties: buildProperties(digitalSambaResources),
				operation: (show, value) => findOperation(digitalSambaResources, show.resource[0], value),
			};
		},
	},
	{
		file: 'nodes/MiroTalk/MiroTalk.description.ts',
		name: 'miroTalkProperties',
		sources: 'nodes/MiroTalk/resources/',
		build(load) {
			const { findOperation } = load('nodes/shared/describe/properties');
			const { buildMiroTalkProperties, resourcesFor } = load('nodes/MiroTalk/resources');
			// A selector shared by several products: the first product's descriptor (they share the declaration).
			return {
				properties: buildMiroTalkProperties(),
				operation: (show, value) => findOperation(resourcesFor(show.product[0]), show.resource[0], value),
			};
		},
	},
];

/** Parameters that stand for their own names: a request built from them shows where each one goes. */
const NAMES = new Proxy({}, { get: (_, name) => (typeof name === 'string' ? `{${name}}` : undefined) });

function decoded(text) {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** The comment above an Operation option: its method and path, or why there is none to show. */
function requestComment(op) {
	if (!op) return 'no descriptor found for this option';
	if (op.run && !op.paginate) return 'runs its own code: more than one call, or none';
	if (op.fileLink) return 'a file behind a link: its own calls find the link, the kernel streams the file';
	if (!op.request) return 'no request declared';
	try {
		const { method, path: p } = op.request(NAMES);
		return `${method} ${decoded(p)}`;
	} catch {
		return 'request built at run time from its parameters';
	}
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A string in single quotes, or in double quotes when it holds a single quote and no double quote (as prettier). */
function quoted(text) {
	const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
	const escapes = { '\\': '\\\\', [quote]: `\\${quote}`, '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u2028': '\\u2028', '\u2029': '\\u2029' };
	return `${quote}${text.replace(/[\\'"\n\r\t\u2028\u2029]/g, (c) => escapes[c] ?? c)}${quote}`;
}

function scalar(value) {
	if (typeof value === 'string') return quoted(value);
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a literal`);
		return Object.is(value, -0) ? '-0' : String(value);
	}
	if (typeof value === 'boolean' || value === null) return String(value);
	throw new Error(`cannot write a ${typeof value} as a literal`);
}

const isPlain = (value) => value !== null && typeof value === 'object' && (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype);

/**
 * A value as lines of TypeScript, indented by tabs; `comments` maps objects to the comment written above them.
 * Keys are identifiers where possible: the lint rules match `displayName:`, not `'displayName':`. A list of
 * scalars stays on one line.
 */
function print(value, depth, comments) {
	if (!isPlain(value)) return [scalar(value)];
	const pad = '\t'.repeat(depth + 1);
	if (Array.isArray(value)) {
		if (!value.length) return ['[]'];
		if (value.every((v) => !isPlain(v))) return [`[${value.map(scalar).join(', ')}]`];
		const lines = ['['];
		for (const element of value) {
			if (comments.has(element)) lines.push(`${pad}// ${comments.get(element)}`);
			const inner = print(element, depth + 1, comments);
			lines.push(`${pad}${inner[0]}`, ...inner.slice(1));
			lines[lines.length - 1] += ',';
		}
		return [...lines, `${'\t'.repeat(depth)}]`];
	}
	const entries = Object.entries(value).filter(([, v]) => v !== undefined);
	if (!entries.length) return ['{}'];
	const lines = ['{'];
	for (const [key, v] of entries) {
		const inner = print(v, depth + 1, comments);
		lines.push(`${pad}${IDENTIFIER.test(key) ? key : quoted(key)}: ${inner[0]}`, ...inner.slice(1));
		lines[lines.length - 1] += ',';
	}
	return [...lines, `${'\t'.repeat(depth)}}`];
}

/** The text of one node's description file. */
function source(node, load) {
	const { properties, operation } = node.build(load);
	const comments = new Map();
	for (const property of properties) {
		if (property.name !== 'operation' || property.type !== 'options') continue;
		for (const option of property.options) comments.set(option, requestComment(operation(property.displayOptions.show, option.value)));
	}
	const body = print(properties, 0, comments);
	return [
		'/*',
		` * Generated by \`npm run descriptions\` (scripts/descriptions.js) from the resource files in ${node.sources}`,
		' * through the kernel (nodes/shared/describe/properties.ts). Do not edit by hand: change the resource files and run',
		' * `npm run descriptions`. `npm run lint` fails while this file differs from what the script writes.',
		' */',
		"import type { INodeProperties } from 'n8n-workflow';",
		'',
		`export const ${node.name}: INodeProperties[] = ${body[0]}`,
		...body.slice(1, -1),
		`${body[body.length - 1]};`,
		'',
	].join('\n');
}

/** Every description file as the script writes it: [{ file, text }], `file` relative to the repository. */
function generate(load) {
	return NODES.map((node) => ({ file: node.file, text: source(node, load) }));
}

/** The files under `root` that differ from what the script writes, each with the first line that differs. */
function compare(root, load) {
	return generate(load).flatMap(({ file, text }) => {
		const at = path.join(root, file);
		if (!fs.existsSync(at)) return [{ file, message: 'is missing' }];
		const committed = fs.readFileSync(at, 'utf8');
		if (committed === text) return [];
		const mine = committed.split('\n');
		const theirs = text.split('\n');
		const line = theirs.findIndex((l, i) => l !== mine[i]);
		return [{ file, message: `differs from what scripts/descriptions.js writes (first at line ${(line < 0 ? theirs.length : line) + 1})` }];
	});
}

/** Loads the built modules; rebuilds dist/ first when a source is newer, so nothing is compared with stale code. */
function builtLoader() {
	const newest = (dir) =>
		fs.readdirSync(dir, { withFileTypes: true }).reduce((t, e) => {
			const p = path.join(dir, e.name);
			return Math.max(t, e.isDirectory() ? newest(p) : e.name.endsWith('.ts') ? fs.statSync(p).mtimeMs : 0);
		}, 0);
	const built = NODES.map((n) => path.join(ROOT, 'dist', n.sources, 'index.js')).concat(path.join(ROOT, 'dist/nodes/shared/describe/properties.js'));
	const stale = built.some((f) => !fs.existsSync(f) || fs.statSync(f).mtimeMs < newest(path.join(ROOT, 'nodes')));
	if (stale) rebuild();
	return (module) => require(path.join(ROOT, 'dist', module));
}

function rebuild() {
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

function main(argv) {
	const load = builtLoader();
	if (argv.includes('--check')) {
		const problems = compare(ROOT, load);
		for (const p of problems) console.error(`✖ ${p.file} ${p.message}: run \`npm run descriptions\` and commit the result`);
		console.log(`descriptions: ${NODES.length} files checked, ${problems.length} out of date`);
		return problems.length ? 1 : 0;
	}
	const written = generate(load).filter(({ file, text }) => {
		const at = path.join(ROOT, file);
		if (fs.existsSync(at) && fs.readFileSync(at, 'utf8') === text) return false;
		fs.writeFileSync(at, text);
		console.log(`wrote ${file}`);
		return true;
	});
	// The node files import what was just written: build again so dist/ holds it.
	if (written.length) rebuild();
	console.log(`descriptions: ${written.length} of ${NODES.length} files written`);
	return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));

/** A value as the files write it, on one line (for tests that plant parameters). */
const literal = (value) => print(value, 0, new Map()).map((line) => line.trim()).join(' ');

module.exports = { NODES, generate, compare, literal, requestComment };
