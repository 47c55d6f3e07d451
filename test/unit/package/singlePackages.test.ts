import { execFileSync, spawnSync } from 'child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { ROOT } from '../../helpers/repoRoot';

/**
 * The single-service packages `npm run build` assembles in dist/packages/ (issue 24): each holds one service, its
 * own copy of the kernel, loads on its own, and passes n8n's checks as far as they run here (the tarball leg of the
 * package scanner, and the verification guidelines' checklist). Reads the build (`npm test` builds before jest).
 */
const PROVIDERS: Record<string, RegExp> = {
	Daily: /\bdaily\b|daily\.co/i,
	DigitalSamba: /digital ?samba/i,
	MiroTalk: /mirotalk/i,
};

const services = readdirSync(join(ROOT, 'nodes'))
	.filter((dir) => existsSync(join(ROOT, 'nodes', dir, 'service.json')))
	.map((dir) => {
		const service = JSON.parse(readFileSync(join(ROOT, 'nodes', dir, 'service.json'), 'utf8')) as { name: string; credential: string };
		return { dir, ...service, folder: join(ROOT, 'dist', 'packages', service.name) };
	});

const filesOf = (dir: string): string[] =>
	readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesOf(join(dir, name)) : [join(dir, name)]));

it('one package per service, each with a name of its own', () => {
	expect(services.map((s) => s.dir).sort()).toEqual(Object.keys(PROVIDERS).sort());
	expect(new Set(services.map((s) => s.name)).size).toBe(services.length);
});

describe.each(services)('$name', (service) => {
	const pkg = () => JSON.parse(readFileSync(join(service.folder, 'package.json'), 'utf8'));

	it('packs only its own nodes, credential, icons and kernel, with README, licence and package.json', () => {
		const [report] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: service.folder, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
		const paths = (report.files as Array<{ path: string }>).map((f) => f.path);
		const foreign = paths.filter((p) => !new RegExp(`^(package\\.json|README\\.md|LICENSE|index\\.js|dist/nodes/(shared|${service.dir})/.+|dist/credentials/${service.credential}\\.credentials\\.js|dist/icons/[^/]+\\.svg)$`).test(p));
		expect(foreign).toEqual([]);
		expect(paths).toEqual(expect.arrayContaining([...pkg().n8n.nodes, ...pkg().n8n.credentials]));
		expect(report.size).toBeLessThan(400 * 1024);
	});

	it('names no other service anywhere in it', () => {
		const others = Object.entries(PROVIDERS).filter(([dir]) => dir !== service.dir);
		const hits = filesOf(service.folder).flatMap((file) => {
			const text = readFileSync(file, 'utf8');
			return others.filter(([, re]) => re.test(text)).map(([dir]) => `${relative(service.folder, file)} names ${dir}: …${text.slice(Math.max(0, text.search(others.find(([d]) => d === dir)![1]) - 40)).slice(0, 100)}…`);
		});
		expect(hits).toEqual([]);
	});

	it('keeps the verification guidelines\' checklist: MIT, repository, community keyword, no runtime dependency, no environment or file access', () => {
		const json = pkg();
		expect(json.license).toBe('MIT');
		expect(json.repository?.url).toMatch(/^git\+https:\/\/github\.com\//);
		expect(json.keywords).toContain('n8n-community-node-package');
		expect(json.dependencies).toBeUndefined();
		expect(json.name).toMatch(/^n8n-nodes-/);
		const code = filesOf(join(service.folder, 'dist')).filter((f) => f.endsWith('.js'));
		const forbidden = code.filter((f) => /process\.env|require\("(fs|child_process)"\)|from 'fs'/.test(readFileSync(f, 'utf8'))).map((f) => relative(service.folder, f));
		expect(forbidden).toEqual([]);
	});

	it('loads on its own: every node and the credential from its own folder, node types named by the package', () => {
		const json = pkg();
		for (const file of [...json.n8n.nodes, ...json.n8n.credentials] as string[]) {
			const exported = require(join(service.folder, file)) as Record<string, new () => { description?: { name: string }; name?: string }>;
			const instance = new (Object.values(exported).find((v) => typeof v === 'function')!)();
			expect(instance.description?.name ?? instance.name).toBeTruthy();
		}
		for (const node of json.n8n.nodes as string[]) {
			const codex = JSON.parse(readFileSync(join(service.folder, node.replace(/\.js$/, '.json')), 'utf8'));
			expect(codex.node).toMatch(new RegExp(`^${json.name}\\.`));
		}
	});

	it('passes the tarball leg of n8n\'s package scanner (scripts/scan-tarball.mjs) with 0 errors', () => {
		const env = { ...process.env };
		delete env.NODE_ENV;
		const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'scan-tarball.mjs'), '--dir', service.folder], { cwd: ROOT, env, encoding: 'utf8' });
		expect(run.stdout).toMatch(/scan-tarball: \d+ files, 0 errors/);
		expect(run.status).toBe(0);
	}, 60_000);
});
