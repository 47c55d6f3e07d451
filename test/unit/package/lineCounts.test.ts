import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { ROOT } from '../../helpers/repoRoot';

/** scripts/loc.sh (`npm run loc`): the generated description literals are counted apart from the code written by hand. */
const GENERATED = ['nodes/Daily/Daily.description.ts', 'nodes/DigitalSamba/DigitalSamba.description.ts', 'nodes/MiroTalk/MiroTalk.description.ts'];
const lines = (file: string) => (readFileSync(join(ROOT, file), 'utf8').match(/\n/g) ?? []).length;

const output = execFileSync('bash', [join(ROOT, 'scripts', 'loc.sh')], { cwd: ROOT, encoding: 'utf8' });
const row = (label: string) => Number(new RegExp(`^${label.replace(/[()]/g, '\\$&')}\\s+(\\d+)$`, 'm').exec(output)?.[1]);

it('counts the generated files apart, and only them', () => {
	expect(row('generated (apart)')).toBe(GENERATED.reduce((sum, f) => sum + lines(f), 0));
});

it('leaves each provider folder its hand-written files, the generated one out', () => {
	const written = (dir: string) =>
		execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', dir], { cwd: ROOT, encoding: 'utf8' })
			.split('\n')
			.filter((f) => /\.ts$/.test(f) && !GENERATED.includes(f))
			.reduce((sum, f) => sum + lines(f), 0);
	for (const dir of ['nodes/Daily', 'nodes/DigitalSamba', 'nodes/MiroTalk']) expect(row(dir)).toBe(written(dir));
});
