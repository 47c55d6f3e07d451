import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { load } from 'js-yaml';
import { ROOT } from '../../helpers/repoRoot';

/**
 * .github/workflows/publish.yml publishes each of the four packages (the bundle and one per service) with provenance,
 * as n8n's verification asks, chosen by its own tag: every package has a tag, and the tag names its folder.
 */
const workflow = load(readFileSync(join(ROOT, '.github', 'workflows', 'publish.yml'), 'utf8')) as {
	on: { push: { tags: string[] } };
	permissions: Record<string, string>;
	jobs: { publish: { steps: Array<{ run?: string; 'working-directory'?: string }> } };
};
const steps = workflow.jobs.publish.steps;
const script = steps.map((s) => s.run ?? '').join('\n');

const packages = [
	{ name: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).name as string, dir: '.' },
	...readdirSync(join(ROOT, 'nodes'))
		.filter((d) => existsSync(join(ROOT, 'nodes', d, 'service.json')))
		.map((d) => {
			const name = JSON.parse(readFileSync(join(ROOT, 'nodes', d, 'service.json'), 'utf8')).name as string;
			return { name, dir: `dist/packages/${name}` };
		}),
];

it('has a tag for each of the four packages, and each tag publishes that package\'s folder', () => {
	expect(packages).toHaveLength(4);
	for (const { dir } of packages) {
		const line = script.split('\n').find((l) => l.includes(`dir=${dir} ;`));
		expect(line).toBeDefined();
		const prefix = /^\s*([a-z-]+-v)\*\)/.exec(line!)?.[1];
		expect(workflow.on.push.tags).toContain(`${prefix}*`);
	}
});

it('publishes with provenance from GitHub Actions, after the tests, checking the tag against the package version', () => {
	expect(workflow.permissions['id-token']).toBe('write');
	expect(script).toMatch(/npm test/);
	expect(script).toMatch(/npm publish --provenance --access public/);
	expect(script).toMatch(/if \[ "\$actual" != "\$version" \]/);
	expect(steps.find((s) => s.run?.includes('npm publish'))?.['working-directory']).toBe('${{ steps.target.outputs.dir }}');
});
