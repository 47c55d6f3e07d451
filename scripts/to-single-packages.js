#!/usr/bin/env node
/**
 * Rewrites an exported n8n workflow from the bundle's node types to the single-service packages' (issue 24):
 * `n8n-nodes-video-conferencing.<type>` becomes `<package of the service that owns <type>>.<type>`, the AI-tool
 * variants (`…dailyTool`) included, e.g. `n8n-nodes-video-conferencing.dailyTool` → `n8n-nodes-daily.dailyTool`.
 * Only the values of `"type"` keys that are exactly such a node type change; every other byte of the file stays as
 * it was (credential types such as `dailyApi` are the same in both, so stored credentials keep working).
 *
 * Usage: node scripts/to-single-packages.js in.json out.json   file in, file out
 *        node scripts/to-single-packages.js in.json            file in, standard output
 *        node scripts/to-single-packages.js < in.json > out.json
 * What changed, and which packages to install, goes to standard error. A bundle type it does not know stays as it
 * is and is named there (exit code 0: the rest is still rewritten).
 *
 * The mapping is read from the repository, never written down here: package.json's `n8n.nodes` lists the bundle's
 * node files; each file's folder holds the service.json naming its single package, and its codex (`.node.json`)
 * names the node type; a node whose source says `usableAsTool: true` also has its `<type>Tool` variant.
 */
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

/** `{ '<bundle>.<type>': '<single package>.<type>' }` for every node type of the bundle and its tool variants. */
function typeMap(root = ROOT) {
	const bundle = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const map = {};
	for (const file of bundle.n8n.nodes) {
		const match = /^dist\/nodes\/([^/]+)\/([^/]+)\.node\.js$/.exec(file);
		if (!match) throw new Error(`package.json n8n.nodes: unexpected node file ${file}`);
		const [, dir, base] = match;
		const service = JSON.parse(fs.readFileSync(path.join(root, 'nodes', dir, 'service.json'), 'utf8'));
		const codex = JSON.parse(fs.readFileSync(path.join(root, 'nodes', dir, `${base}.node.json`), 'utf8'));
		if (!codex.node.startsWith(`${bundle.name}.`)) throw new Error(`${dir}/${base}.node.json names ${codex.node}, not a ${bundle.name} type`);
		const type = codex.node.slice(bundle.name.length + 1);
		map[`${bundle.name}.${type}`] = `${service.name}.${type}`;
		const source = fs.readFileSync(path.join(root, 'nodes', dir, `${base}.node.ts`), 'utf8');
		if (/\busableAsTool:\s*true\b/.test(source)) map[`${bundle.name}.${type}Tool`] = `${service.name}.${type}Tool`;
	}
	return map;
}

/** The bundle's package name (the prefix of the types this rewrites). */
function bundleName(root = ROOT) {
	return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).name;
}

/**
 * Rewrites the JSON text `text` (one workflow, an array of them as `n8n export:workflow` writes, or anything that
 * holds nodes): each string that is the value of a `"type"` key and a key of `map` is replaced by its mapped value,
 * nothing else is touched. Returns the new text, the replacements made, and bundle types left because unknown.
 */
function rewrite(text, map = typeMap(), prefix = `${bundleName()}.`) {
	JSON.parse(text); // refuse what is not JSON before touching it
	let out = '';
	let last = 0;
	let key; // the most recent object key
	let previous = ''; // the last significant character outside strings
	const changed = [];
	const unknown = [];
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c !== '"') {
			if (!/\s/.test(c)) previous = c;
			continue;
		}
		let end = i + 1;
		while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
		const token = text.slice(i, end + 1);
		let next = end + 1;
		while (/\s/.test(text[next] ?? '')) next++;
		if (text[next] === ':') {
			key = JSON.parse(token);
		} else if (previous === ':' && key === 'type') {
			const value = JSON.parse(token);
			if (Object.prototype.hasOwnProperty.call(map, value)) {
				out += text.slice(last, i) + JSON.stringify(map[value]);
				last = end + 1;
				changed.push({ from: value, to: map[value] });
			} else if (typeof value === 'string' && value.startsWith(prefix)) {
				unknown.push(value);
			}
		}
		previous = '"';
		i = end;
	}
	return { text: out + text.slice(last), changed, unknown };
}

/** The text of `text` rewritten (see rewrite()), for callers that want only that. */
function toSinglePackages(text) {
	return rewrite(text).text;
}

/** The single packages a rewritten workflow needs (`n8n-nodes-daily`, …), from its replacements. */
function packagesNeeded(changed) {
	return [...new Set(changed.map((c) => c.to.slice(0, c.to.lastIndexOf('.'))))].sort();
}

module.exports = { typeMap, rewrite, toSinglePackages, packagesNeeded };

if (require.main === module) {
	const [input, output] = process.argv.slice(2);
	if (input === '-h' || input === '--help') {
		process.stdout.write(fs.readFileSync(__filename, 'utf8').match(/\/\*\*([\s\S]*?)\*\//)[1].replace(/^ \* ?/gm, ''));
		process.exit(0);
	}
	const text = fs.readFileSync(input && input !== '-' ? input : 0, 'utf8');
	const result = rewrite(text);
	if (output) fs.writeFileSync(output, result.text);
	else process.stdout.write(result.text);
	const counts = {};
	for (const { from, to } of result.changed) counts[`${from} → ${to}`] = (counts[`${from} → ${to}`] ?? 0) + 1;
	for (const [change, count] of Object.entries(counts)) process.stderr.write(`${change} (${count} node${count === 1 ? '' : 's'})\n`);
	if (result.changed.length === 0) process.stderr.write('No node of the bundle found: nothing changed.\n');
	else process.stderr.write(`Install in n8n: ${packagesNeeded(result.changed).join(', ')}. Credentials need no change.\n`);
	for (const type of [...new Set(result.unknown)]) process.stderr.write(`Left as it was (not a node type of the bundle): ${type}\n`);
}
