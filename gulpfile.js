const fs = require('fs');
const path = require('path');
const { src, dest, parallel, series } = require('gulp');

// tsc emits only JavaScript; n8n also needs the icons and the codex files beside the nodes.
function copyIcons() {
	return src('icons/**/*.svg').pipe(dest('dist/icons'));
}

function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

/** The bundle's package.json fields every single-service package shares. */
const SHARED_FIELDS = ['license', 'homepage', 'repository', 'bugs', 'author', 'engines', 'peerDependencies'];

/**
 * The README of one service: a header, then the bundle README's sections for that service (its credential, its node,
 * its trigger), taken as they are, so the two never disagree.
 */
function serviceReadme(service, readme) {
	const lines = readme.split('\n');
	const section = (heading) => {
		const start = lines.findIndex((line) => line === heading);
		if (start < 0) throw new Error(`README has no section "${heading}" for ${service.name}`);
		const level = heading.match(/^#+/)[0].length;
		const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line) && line.match(/^#+/)[0].length <= level);
		return lines.slice(start, end < 0 ? undefined : end).join('\n').trim();
	};
	const trigger = lines.find((line) => line.startsWith(`### ${service.title} Trigger`));
	return [
		`# ${service.name}`,
		'',
		`${service.description}. One of the packages built from [n8n-nodes-video-conferencing](${require('./package.json').homepage}); the same nodes, for ${service.title} alone.`,
		'',
		'## Install',
		'',
		`In n8n: **Settings → Community Nodes → Install**, package name \`${service.name}\`.`,
		'',
		section(`### ${service.title} API`).replace(/^### /, '## Credential: '),
		'',
		section(`## ${service.title} node`),
		'',
		...(trigger ? [section(trigger).replace(/^### /, '## '), ''] : []),
		'## Licence',
		'',
		'MIT',
		'',
	].join('\n');
}

/**
 * One packable folder per service, dist/packages/<name>/ (issue 24): its own package.json (only its nodes and
 * credential under `n8n`), README, licence, icons, its nodes and credential as compiled, and its own copy of the
 * kernel (nodes/shared, which names no provider). Node types carry the package name, so the codex files are rewritten.
 */
function buildPackages(done) {
	const bundle = require('./package.json');
	const readme = fs.readFileSync('README.md', 'utf8');
	for (const dir of fs.readdirSync('nodes').filter((d) => fs.existsSync(path.join('nodes', d, 'service.json')))) {
		const service = JSON.parse(fs.readFileSync(path.join('nodes', dir, 'service.json'), 'utf8'));
		const out = path.join('dist', 'packages', service.name);
		fs.rmSync(out, { recursive: true, force: true });
		const copy = (from, to = from) => fs.cpSync(from, path.join(out, to), { recursive: true });
		copy(path.join('dist', 'nodes', 'shared'));
		copy(path.join('dist', 'nodes', dir));
		copy(path.join('dist', 'credentials', `${service.credential}.credentials.js`));
		for (const icon of service.icons) copy(path.join('dist', 'icons', icon));
		copy('LICENSE');
		for (const codex of fs.readdirSync(path.join(out, 'dist', 'nodes', dir)).filter((f) => f.endsWith('.node.json'))) {
			const file = path.join(out, 'dist', 'nodes', dir, codex);
			fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(`"${bundle.name}.`, `"${service.name}.`));
		}
		const nodes = bundle.n8n.nodes.filter((f) => f.startsWith(`dist/nodes/${dir}/`));
		const pkg = {
			name: service.name,
			version: service.version,
			description: service.description,
			keywords: ['n8n-community-node-package', 'n8n', ...service.keywords],
			...Object.fromEntries(SHARED_FIELDS.map((k) => [k, bundle[k]])),
			main: 'index.js',
			files: ['dist/nodes/**/*.js', 'dist/nodes/**/*.node.json', 'dist/credentials/*.js', 'dist/icons/*.svg'],
			// strict: `n8n-node lint` also checks the eslint config is its default (scripts/n8n-node-lint.mjs).
			n8n: { n8nNodesApiVersion: bundle.n8n.n8nNodesApiVersion, strict: true, credentials: [`dist/credentials/${service.credential}.credentials.js`], nodes },
		};
		fs.writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
		fs.writeFileSync(path.join(out, 'index.js'), '// n8n loads the nodes and credentials listed in package.json\'s "n8n" section; nothing to export here.\nmodule.exports = {};\n');
		fs.writeFileSync(path.join(out, 'README.md'), serviceReadme(service, readme));
	}
	done();
}

exports['build:icons'] = parallel(copyIcons, copyCodex);
exports['build:packages'] = buildPackages;
exports.build = series(parallel(copyIcons, copyCodex), buildPackages);
