import { execFileSync, spawnSync } from 'child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ROOT } from '../../helpers/repoRoot';

/**
 * scripts/scan-tarball.mjs, the tarball leg of n8n's package scanner (part of `npm run lint`): the packed package
 * passes, and a defect planted in its compiled JavaScript fails it, named by rule and file. Reads the build in dist/.
 */
const dir = mkdtempSync(join(tmpdir(), 'vc-scan-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scan(packageDir: string) {
	const env = { ...process.env };
	// eslint-plugin-n8n-nodes-base reads every file name as Test.node.ts under NODE_ENV=test (as jest sets it).
	delete env.NODE_ENV;
	const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'scan-tarball.mjs'), '--dir', packageDir], { cwd: ROOT, env, encoding: 'utf8' });
	return { status: run.status, output: run.stdout + run.stderr };
}

const extracted = join(dir, 'package');
beforeAll(() => {
	execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz')) as string;
	mkdirSync(extracted);
	execFileSync('tar', ['-xzf', join(dir, tarball), '-C', extracted, '--strip-components=1']);
});

it('passes the package as npm pack makes it', () => {
	const { status, output } = scan(extracted);
	expect(output).toMatch(/scan-tarball: \d+ files, 0 errors/);
	expect(status).toBe(0);
}, 60_000);

it('fails on a defect planted in the compiled JavaScript, naming the rule and the file', () => {
	appendFileSync(join(extracted, 'dist', 'nodes', 'Daily', 'Daily.node.js'), '\nconsole.log(process.env.DAILY_API_KEY);\n');
	const { status, output } = scan(extracted);
	expect(output).toMatch(/dist\/nodes\/Daily\/Daily\.node\.js:\d+: no-console/);
	expect(output).toMatch(/dist\/nodes\/Daily\/Daily\.node\.js:\d+: @n8n\/community-nodes\/no-restricted-globals/);
	expect(status).toBe(1);
}, 60_000);
