import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

/**
 * What n8n shows around the nodes: the codex file beside each node (categories, search aliases, help links)
 * and the themed icons of nodes and credentials. Paths are read from package.json's n8n section, so a node
 * added there without its metadata fails here.
 */
const root = join(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const repoUrl = (pkg.homepage as string).replace(/#.*$/, '');
// The categories n8n's nodes panel knows (docs.n8n.io, codex files); any other name puts the node nowhere.
const n8nCategories = ['Analytics', 'Communication', 'Data & Storage', 'Development', 'Finance & Accounting', 'Marketing & Content', 'Miscellaneous', 'Productivity', 'Sales', 'Utility'];

/** package.json lists compiled files; tsc keeps the layout (rootDir "."), so the source sits at the same path. */
const sourceOf = (distPath: string) => distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts');

function instanceOf(distPath: string): Record<string, any> {
	const module = require(join(root, sourceOf(distPath)));
	const Class = Object.values(module).find((v) => typeof v === 'function') as new () => Record<string, any>;
	return new Class();
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const readmeAnchors = new Set(
	readFileSync(join(root, 'README.md'), 'utf8')
		.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) => line.replace(/^#+ /, '').trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-')),
);

function expectReadmeLink(url: string) {
	expect(url.startsWith(`${repoUrl}#`)).toBe(true);
	expect(readmeAnchors).toContain(url.slice(repoUrl.length + 1));
}

/** Well-formed enough for a browser: one <svg> root with a viewBox, balanced tags, nothing fetched or run. */
function checkSvg(file: string) {
	const text = readFileSync(file, 'utf8');
	expect(text.length).toBeLessThan(4096);
	const body = text.replace(/<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '').trim();
	expect(body).toMatch(/^<svg\b[^>]*\bxmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
	expect(body).toMatch(/^<svg\b[^>]*\bviewBox="0 0 60 60"/);
	expect(body).not.toMatch(/<script|<foreignObject|\bon[a-z]+=|href=|url\(\s*['"]?(?!#)/i);
	const stack: string[] = [];
	for (const [, close, name, , selfClosing] of body.matchAll(/<(\/?)([A-Za-z][\w:-]*)((?:[^>"]|"[^"]*")*?)(\/?)>/g)) {
		if (close) expect(stack.pop()).toBe(name);
		else if (!selfClosing) stack.push(name);
	}
	expect(stack).toEqual([]);
	return text;
}

function checkThemedIcon(icon: unknown, distPath: string) {
	expect(icon).toEqual({ light: expect.stringMatching(/^file:.*\.svg$/), dark: expect.stringMatching(/^file:.*\.dark\.svg$/) });
	const { light, dark } = icon as { light: string; dark: string };
	// The gulp build copies icons/ to dist/icons, so the path resolves the same from the source file.
	const resolve = (ref: string) => join(root, dirname(sourceOf(distPath)), ref.replace(/^file:/, ''));
	expect(existsSync(resolve(light))).toBe(true);
	expect(existsSync(resolve(dark))).toBe(true);
	expect(checkSvg(resolve(light))).not.toEqual(checkSvg(resolve(dark)));
}

describe.each(pkg.n8n.nodes as string[])('node %s', (distPath) => {
	const description = instanceOf(distPath).description;
	const codexFile = join(root, sourceOf(distPath).replace(/\.ts$/, '.json'));

	it('has a codex file naming it, with n8n categories, aliases and documentation links', () => {
		expect(existsSync(codexFile)).toBe(true);
		const codex = JSON.parse(readFileSync(codexFile, 'utf8'));
		expect(codex.node).toBe(`${pkg.name}.${description.name}`);
		// n8n keeps "1.0" in the codex of its versioned nodes (e.g. Slack): the first version, as "major.minor".
		expect(codex.nodeVersion).toBe(Math.min(...[description.version].flat()).toFixed(1));
		expect(codex.codexVersion).toBe('1.0');
		expect(codex.categories.length).toBeGreaterThan(0);
		for (const category of codex.categories) expect(n8nCategories).toContain(category);
		expect(codex.alias.length).toBeGreaterThan(3);
		expect(codex.resources.primaryDocumentation).toHaveLength(1);
		expectReadmeLink(codex.resources.primaryDocumentation[0].url);
		for (const { url } of codex.resources.credentialDocumentation) expectReadmeLink(url);
		expect(codex.resources.generic.length).toBeGreaterThan(0);
		for (const link of codex.resources.generic) {
			expect(link).toEqual({ label: expect.any(String), icon: expect.any(String), url: expect.stringMatching(/^https:\/\//) });
		}
	});

	it('has a light and a dark icon, different SVG files', () => checkThemedIcon(description.icon, distPath));
});

describe.each(pkg.n8n.credentials as string[])('credential %s', (distPath) => {
	it('has a light and a dark icon, different SVG files', () => checkThemedIcon(instanceOf(distPath).icon, distPath));
});
