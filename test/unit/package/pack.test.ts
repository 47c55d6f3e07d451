import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { dirname, join, posix } from 'path';

/**
 * The published tarball holds what a user's n8n loads and nothing else: compiled nodes and credentials, codex
 * files, icons, README, LICENSE and package.json. Reads the build in dist/ (`npm test` builds before jest).
 */
const root = join(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const allowed = [
	/^(package\.json|README\.md|LICENSE)$/,
	/^dist\/nodes\/.+\.js$/,
	/^dist\/nodes\/[^/]+\/[^/]+\.node\.json$/,
	/^dist\/credentials\/[^/]+\.credentials\.js$/,
	/^dist\/icons\/[^/]+\.svg$/,
];

describe('npm pack', () => {
	let files: Array<{ path: string }>;
	let size: number;

	beforeAll(() => {
		if (!existsSync(join(root, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
		const [report] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
		files = report.files;
		size = report.size;
	});

	it('holds only the allowed paths (npm adds package.json\'s main itself)', () => {
		const unexpected = files.map((f) => f.path).filter((p) => p !== pkg.main && !allowed.some((re) => re.test(p)));
		expect(unexpected).toEqual([]);
	});

	it('holds no compiled file whose source is gone (the build does not clean dist/)', () => {
		const stale = files
			.map((f) => f.path)
			.filter((p) => /^dist\/.+\.js$/.test(p) && !existsSync(join(root, p.replace(/^dist\//, '').replace(/\.js$/, '.ts'))));
		expect(stale).toEqual([]);
	});

	it('holds every file package.json and the nodes refer to: nodes, credentials, codex files, icons', () => {
		const packed = new Set(files.map((f) => f.path));
		const required = ['package.json', 'README.md', 'LICENSE', ...pkg.n8n.nodes, ...pkg.n8n.credentials];
		for (const node of pkg.n8n.nodes as string[]) required.push(node.replace(/\.js$/, '.json'));
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials] as string[]) {
			// The compiled class, as n8n loads it; its icon paths are relative to the compiled file.
			const module = require(join(root, file));
			const instance = new (Object.values(module).find((v) => typeof v === 'function') as new () => Record<string, any>)();
			const icon = instance.description?.icon ?? instance.icon;
			for (const ref of Object.values(icon) as string[]) required.push(posix.join(dirname(file), ref.replace(/^file:/, '')));
		}
		expect(required.filter((p) => !packed.has(p))).toEqual([]);
	});

	it('stays under 400 KB packed', () => {
		expect(size).toBeLessThan(400 * 1024);
	});
});
