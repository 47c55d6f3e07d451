import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import * as ts from 'typescript';
import { ROOT } from '../../helpers/repoRoot';

/**
 * What n8n's lint, scanner and reviewers can read (issue 23): every parameter a node loads must stand as a literal
 * object (`displayName` and `name` written out) in the sources under nodes/ and in the compiled JavaScript of dist/,
 * which is what the tarball ships. Prints the share measured for each.
 */
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };

/** Every parameter of a description, at any depth: collection options and fixedCollection values included. */
function loaded(properties: INodeProperties[], into: Array<[string, string]> = []): Array<[string, string]> {
	for (const p of properties) {
		into.push([p.name, p.displayName]);
		for (const option of (p.options ?? []) as Array<INodeProperties | { values?: INodeProperties[] }>) {
			if ('type' in option && 'displayName' in option) loaded([option], into);
			else if (Array.isArray(option.values)) loaded(option.values, into);
		}
	}
	return into;
}

/** The `name`/`displayName` pairs written as literals in the object literals of these files. */
function literals(files: string[]): Set<string> {
	const found = new Set<string>();
	for (const file of files) {
		const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2021, false);
		const visit = (node: ts.Node) => {
			if (ts.isObjectLiteralExpression(node)) {
				const text = (key: string) => {
					const property = node.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source).replace(/['"]/g, '') === key);
					return property && ts.isStringLiteralLike(property.initializer) ? property.initializer.text : undefined;
				};
				const [name, displayName] = [text('name'), text('displayName')];
				if (name !== undefined && displayName !== undefined) found.add(`${name}\u0000${displayName}`);
			}
			ts.forEachChild(node, visit);
		};
		visit(source);
	}
	return found;
}

const filesUnder = (dir: string, ext: RegExp): string[] =>
	readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), ext) : ext.test(e.name) ? [join(dir, e.name)] : []));

describe('every loaded parameter is a literal n8n\'s tools can read', () => {
	const parameters = pkg.n8n.nodes.flatMap((file) => {
		const exported = require(join(ROOT, file)) as Record<string, new () => { description: INodeTypeDescription }>;
		const Node = Object.values(exported).find((v) => typeof v === 'function')!;
		return loaded(new Node().description.properties).map(([name, displayName]) => ({ node: file, name, displayName }));
	});

	it.each([
		['the sources under nodes/', () => filesUnder(join(ROOT, 'nodes'), /\.ts$/)],
		['the compiled JavaScript the tarball ships (dist/nodes)', () => filesUnder(join(ROOT, 'dist', 'nodes'), /\.js$/)],
	])('in %s: 100 %%', (where, files) => {
		const written = literals(files());
		const missing = parameters.filter((p) => !written.has(`${p.name}\u0000${p.displayName}`));
		const share = ((parameters.length - missing.length) / parameters.length) * 100;
		console.log(`${where}: ${parameters.length - missing.length} of ${parameters.length} loaded parameters are literals (${share.toFixed(1)} %)`);
		expect(missing.slice(0, 20)).toEqual([]);
	});
});
