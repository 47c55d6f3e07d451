import { execFileSync } from 'child_process';
import { mkdirSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { ROOT } from '../../helpers/repoRoot';

/**
 * scripts/n8n-node-lint.mjs (part of `npm run lint`): n8n's `n8n-node lint` on a single package's sources, with the
 * tool's default config. A package passes as built; a defect planted in its kernel copy fails it, by rule and file.
 * Reads the build in dist/packages/. The folder is under the repository, where the tool's config resolves.
 */
type Problem = { line: string; severity: string; text: string; rule: string };
type Lint = { status: number | null; output: string; problems: Problem[]; accepted: Problem[]; failing: Problem[] };

const at = join(ROOT, '.build', 'n8n-node-lint-test');
afterAll(() => rmSync(at, { recursive: true, force: true }));

/** The script's own functions, run in a Node process of their own (an ES module, which jest's CommonJS cannot import). */
function call<T>(fn: 'assemble' | 'lint', ...args: string[]): T {
	const code = `import(${JSON.stringify(join(ROOT, 'scripts', 'n8n-node-lint.mjs'))}).then((m) => process.stdout.write(JSON.stringify(m.${fn}(...${JSON.stringify(args)}))))`;
	const env = { ...process.env };
	delete env.NODE_ENV;
	return JSON.parse(execFileSync(process.execPath, ['-e', code], { cwd: ROOT, env, encoding: 'utf8' })) as T;
}
const script = {
	assemble: (dir: string) => call<{ name: string; folder: string }>('assemble', dir, at),
	lint: (folder: string) => call<Lint>('lint', folder),
};

jest.setTimeout(120_000);

it('passes the MiroTalk package as built', () => {
	const { folder } = script.assemble('MiroTalk');
	const result = script.lint(folder);
	expect(result.failing).toEqual([]);
	expect(result.status).toBe(0);
});

it('accepts only the one documented warning in the Digital Samba package', () => {
	const { folder } = script.assemble('DigitalSamba');
	const result = script.lint(folder);
	expect(result.failing).toEqual([]);
	expect(result.accepted.map((p) => p.rule)).toEqual(['@n8n/community-nodes/credential-unnecessary-password']);
});

it('fails on an explicit any and on an environment variable planted in the kernel', () => {
	const { folder } = script.assemble('MiroTalk');
	mkdirSync(join(folder, 'nodes', 'shared'), { recursive: true });
	writeFileSync(join(folder, 'nodes', 'shared', 'planted.ts'), 'export const planted: any = process.env.PLANTED;\n');
	const result = script.lint(folder);
	expect(result.status).toBe(1);
	expect(result.failing.map((p) => p.rule)).toEqual(expect.arrayContaining(['@typescript-eslint/no-explicit-any', '@n8n/community-nodes/no-restricted-globals']));
	expect(result.output).toContain('planted.ts');
});
