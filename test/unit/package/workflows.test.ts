import { existsSync, readdirSync, readFileSync } from 'fs';
import { load } from 'js-yaml';
import { join } from 'path';

/**
 * The GitHub Actions workflows n8n's verification asks for: CI running the README's test command, and a
 * publish from Actions with an npm provenance statement. Nothing runs them here, so their key lines are checked.
 */
const root = join(__dirname, '../../..');
const workflow = (name: string) => load(readFileSync(join(root, '.github/workflows', name), 'utf8')) as Record<string, any>;
const runs = (job: { steps: Array<{ run?: string }> }) => job.steps.map((s) => s.run ?? '').join('\n');

it('CI runs .ci/run on Node 20 on every push and pull request, with the n8n cache', () => {
	const ci = workflow('ci.yml');
	expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
	const job = ci.jobs.test;
	expect(job.steps.find((s: any) => s.uses?.startsWith('actions/setup-node')).with['node-version']).toBe(20);
	expect(job.steps.find((s: any) => s.uses?.startsWith('actions/cache')).with.path).toBe('~/.cache/n8n-nodes-video-conferencing');
	expect(runs(job)).toContain('bash .ci/run');
});

it('Publish builds and publishes with provenance from a release or a package\'s tag', () => {
	const publish = workflow('publish.yml');
	expect(publish.on.release.types).toEqual(['published']);
	expect(publish.on.push.tags).toEqual(['v*', 'daily-v*', 'digital-samba-v*', 'mirotalk-v*']);
	const job = publish.jobs.publish;
	expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
	expect(job.steps.find((s: any) => s.uses?.startsWith('actions/setup-node')).with['registry-url']).toBe('https://registry.npmjs.org');
	const publishStep = job.steps.find((s: any) => /npm publish/.test(s.run ?? ''));
	expect(publishStep.run).toBe('npm publish --provenance --access public');
	expect(publishStep['working-directory']).toBe('${{ steps.target.outputs.dir }}');
	expect(publishStep.env.NODE_AUTH_TOKEN).toBe('${{ secrets.NPM_TOKEN }}');
	const script = runs(job);
	expect(script.indexOf('npm ci')).toBeLessThan(script.indexOf('npm run build'));
	expect(script.indexOf('npm run build')).toBeLessThan(script.indexOf('npm publish'));
});

it('Publish has a tag for each of the four packages, naming its folder and the file that holds its version', () => {
	const script = runs(workflow('publish.yml').jobs.publish);
	const services = readdirSync(join(root, 'nodes')).filter((d) => existsSync(join(root, 'nodes', d, 'service.json')));
	expect(services).toHaveLength(3);
	for (const dir of services) {
		const { name } = JSON.parse(readFileSync(join(root, 'nodes', dir, 'service.json'), 'utf8')) as { name: string };
		expect(script).toMatch(new RegExp(`\\n\\s*[a-z-]+-v\\*\\) dir=dist/packages/${name} ; .* manifest=nodes/${dir}/service\\.json ;;`));
	}
	expect(script).toMatch(/\n\s*v\*\) dir=\. ; .* manifest=package\.json ;;/);
	expect(script).toContain('[ "$version" = "$actual" ]');
});
