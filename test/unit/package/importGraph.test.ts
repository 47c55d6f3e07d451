import { readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import { ROOT } from '../../helpers/repoRoot';

/**
 * The import graph of the package's modules, type-only imports included. No cycle: a cycle makes the load order
 * decide what a module sees. And the kernel's folders are layers, each importing only from its own folder and those
 * below it, so a reader can take the kernel one layer at a time (README "Development").
 */
const LAYERS = ['formats', 'model', 'http', 'parameters', 'describe', 'run', 'triggers'];
function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
	});
}

/** The package's own modules a file imports (`import`, `import type`, `export … from`, and `import('…')`). */
function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const targets = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)'(\.[^']+)'/gm)].map((m) => m[1]);
	return targets.map((target) => {
		const base = resolve(dirname(file), target);
		for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
			try {
				if (statSync(candidate).isFile()) return candidate;
			} catch {
				// not this one
			}
		}
		throw new Error(`${relative(ROOT, file)} imports ${target}, which is not a module of the package`);
	});
}

/** Every cycle, as the files around it (each reported once, from its first file in path order). */
function cycles(graph: Map<string, string[]>): string[][] {
	const found: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (file: string) => {
		state.set(file, 'open');
		stack.push(file);
		for (const next of graph.get(file) ?? []) {
			if (state.get(next) === 'open') found.push(stack.slice(stack.indexOf(next)).map((f) => relative(ROOT, f)));
			else if (!state.has(next)) visit(next);
		}
		stack.pop();
		state.set(file, 'done');
	};
	for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
	return found;
}

const files = [...sources(join(ROOT, 'nodes')), ...sources(join(ROOT, 'credentials'))];

it('reads the imports of every module', () => {
	expect(importsOf(join(ROOT, 'nodes', 'shared', 'run', 'execute.ts')).map((f) => relative(ROOT, f))).toEqual(
		expect.arrayContaining(['nodes/shared/http/send.ts', 'nodes/shared/http/cancel.ts', 'nodes/shared/model/descriptor.ts']),
	);
});

it('finds a cycle where there is one', () => {
	// The cycle of December 2026: cancel.ts took a type from http.ts, which waits through rateLimit.ts, which cancels.
	const [http, rateLimit, cancel] = ['http', 'rateLimit', 'cancel'].map((m) => join(ROOT, 'nodes', 'shared', `${m}.ts`));
	const graph = new Map([[cancel, [http]], [http, [cancel, rateLimit]], [rateLimit, [cancel]]]);
	expect(cycles(graph)).toEqual([
		['nodes/shared/cancel.ts', 'nodes/shared/http.ts'],
		['nodes/shared/cancel.ts', 'nodes/shared/http.ts', 'nodes/shared/rateLimit.ts'],
	]);
});

it('has no import cycle, type-only imports included', () => {
	expect(cycles(new Map(files.map((f) => [f, importsOf(f)])))).toEqual([]);
});

it('keeps the kernel in layers: a folder imports only from itself and the folders below it', () => {
	const shared = join(ROOT, 'nodes', 'shared');
	const layer = (file: string) => LAYERS.indexOf(relative(shared, file).split('/')[0]);
	const kernel = files.filter((f) => f.startsWith(shared));
	// Every kernel module is in one of the layers' folders.
	expect(kernel.filter((f) => layer(f) < 0).map((f) => relative(ROOT, f))).toEqual([]);
	const upward = kernel.flatMap((file) =>
		importsOf(file)
			.filter((target) => target.startsWith(shared) && layer(target) > layer(file))
			.map((target) => `${relative(shared, file)} → ${relative(shared, target)}`),
	);
	expect(upward).toEqual([]);
});
