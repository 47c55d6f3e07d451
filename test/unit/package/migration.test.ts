import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ROOT } from '../../helpers/repoRoot';

/**
 * scripts/to-single-packages.js: a workflow exported from the bundle, rewritten for the single-service packages.
 * The expected types are read from the node classes themselves (their description's name and usableAsTool), so
 * the script's own reading of the codex files and package.json cannot drift from what n8n registers.
 */
const SCRIPT = join(ROOT, 'scripts', 'to-single-packages.js');
const migration = require(SCRIPT) as {
	typeMap(): Record<string, string>;
	rewrite(text: string): { text: string; changed: Array<{ from: string; to: string }>; unknown: string[] };
	toSinglePackages(text: string): string;
	packagesNeeded(changed: Array<{ from: string; to: string }>): string[];
};
const bundle = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[] } };

/** Every node the bundle registers, from its source: type name, single package, whether n8n makes a tool of it. */
const nodes = bundle.n8n.nodes.map((file) => {
	const [, dir] = /^dist\/nodes\/([^/]+)\//.exec(file)!;
	const exported = require(join(ROOT, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'))) as Record<string, new () => { description: { name: string; usableAsTool?: boolean } }>;
	const { description } = new (Object.values(exported).find((v) => typeof v === 'function')!)();
	const service = JSON.parse(readFileSync(join(ROOT, 'nodes', dir, 'service.json'), 'utf8')) as { name: string };
	return { type: description.name, tool: description.usableAsTool === true, single: service.name };
});

const node = (name: string, type: string, extra: object = {}) => ({ id: name, name, type, typeVersion: 1, position: [0, 0], parameters: {}, ...extra });

it('maps every node type of the bundle, and only those with their tool variants', () => {
	expect(nodes).toHaveLength(6);
	const expected: Record<string, string> = {};
	for (const n of nodes) {
		expected[`${bundle.name}.${n.type}`] = `${n.single}.${n.type}`;
		if (n.tool) expected[`${bundle.name}.${n.type}Tool`] = `${n.single}.${n.type}Tool`;
	}
	expect(migration.typeMap()).toEqual(expected);
	expect(nodes.filter((n) => n.tool).map((n) => n.type).sort()).toEqual(['daily', 'digitalSamba', 'miroTalk']);
});

it.each(nodes)('rewrites $type to $single, and its tool variant when it has one', ({ type, tool, single }) => {
	const workflow = { nodes: [node('A', `${bundle.name}.${type}`), node('B', `${bundle.name}.${type}Tool`)], connections: {} };
	const out = JSON.parse(migration.toSinglePackages(JSON.stringify(workflow, null, 2)));
	expect(out.nodes[0].type).toBe(`${single}.${type}`);
	expect(out.nodes[1].type).toBe(tool ? `${single}.${type}Tool` : `${bundle.name}.${type}Tool`);
});

it('leaves unknown types, other packages\' types and credentials as they were', () => {
	const credentials = { dailyApi: { id: 'c1', name: 'Daily account' }, digitalSambaApi: { id: 'c2', name: 'DS' }, miroTalkApi: { id: 'c3', name: 'MT' } };
	const workflow = {
		nodes: [
			node('Unknown', `${bundle.name}.zoom`),
			node('Base', 'n8n-nodes-base.httpRequest', { credentials }),
			node('Other package', 'n8n-nodes-daily.daily', { credentials }),
			node('Ours', `${bundle.name}.daily`, { credentials }),
		],
		connections: {},
	};
	const text = JSON.stringify(workflow, null, '\t');
	const result = migration.rewrite(text);
	const out = JSON.parse(result.text);
	expect(out.nodes.map((n: { type: string }) => n.type)).toEqual([`${bundle.name}.zoom`, 'n8n-nodes-base.httpRequest', 'n8n-nodes-daily.daily', 'n8n-nodes-daily.daily']);
	for (const n of out.nodes.slice(1)) expect(n.credentials).toEqual(credentials);
	expect(result.unknown).toEqual([`${bundle.name}.zoom`]);
	expect(result.changed).toEqual([{ from: `${bundle.name}.daily`, to: 'n8n-nodes-daily.daily' }]);
	expect(migration.packagesNeeded(result.changed)).toEqual(['n8n-nodes-daily']);
});

it('changes nothing but those strings, byte for byte: spacing, key order, escapes, and the type\'s name written elsewhere', () => {
	const type = `${bundle.name}.daily`;
	// Minified and odd spacing; the type's name inside a note, a parameter, a key, an array and an escaped quote.
	const text =
		`[{"name":"W\\u00e9 \\"${type}\\"","nodes":[{"parameters":{"notes":"${type}","list":["${type}"],"${type}":1,"other":{"type":"x"}},` +
		`"type" :\n\t"${type}","credentials":{"dailyApi":{"id":"1","name":"D"}},"typeVersion":1},` +
		`{"type":"${bundle.name}.miroTalkTool"}],"pinData":{"x":[{"json":{"kind":"${type}"}}]}}]\r\n`;
	const out = migration.toSinglePackages(text);
	const expected = text.replace(`"type" :\n\t"${type}"`, `"type" :\n\t"n8n-nodes-daily.daily"`).replace(`"${bundle.name}.miroTalkTool"`, '"n8n-nodes-mirotalk.miroTalkTool"');
	expect(out).toBe(expected);
	expect(migration.toSinglePackages(out)).toBe(out);
});

it('refuses what is not JSON', () => {
	expect(() => migration.toSinglePackages('{"nodes": [')).toThrow();
});

describe.each(readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.json')))('examples/%s', (file) => {
	it('keeps the bundle\'s types, and rewrites into the same workflow with only the types changed', () => {
		const text = readFileSync(join(ROOT, 'examples', file), 'utf8');
		const original = JSON.parse(text);
		const ours = original.nodes.filter((n: { type: string }) => n.type.startsWith(`${bundle.name}.`));
		expect(ours.length).toBeGreaterThan(0);
		const out = JSON.parse(migration.toSinglePackages(text));
		const map = migration.typeMap();
		for (const n of original.nodes) if (map[n.type]) n.type = map[n.type];
		expect(out).toEqual(original);
	});
});

it('runs as a command: file to file, file to standard output, standard input to standard output', () => {
	const dir = mkdtempSync(join(tmpdir(), 'vc-migrate-'));
	try {
		const input = join(dir, 'in.json');
		const text = JSON.stringify({ nodes: [node('A', `${bundle.name}.digitalSambaTrigger`)] }, null, 2);
		writeFileSync(input, text);
		const expected = text.replace(`${bundle.name}.digitalSambaTrigger`, 'n8n-nodes-digital-samba.digitalSambaTrigger');
		execFileSync(process.execPath, [SCRIPT, input, join(dir, 'out.json')], { stdio: 'pipe' });
		expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe(expected);
		expect(execFileSync(process.execPath, [SCRIPT, input], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toBe(expected);
		expect(execFileSync(process.execPath, [SCRIPT], { input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] })).toBe(expected);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
