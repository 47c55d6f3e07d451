import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { ROOT } from '../../helpers/repoRoot';

/**
 * The kernel knows no provider (issue 24: each single-service package ships its own copy, and a package must name no
 * other service): no provider's name in nodes/shared, code or comment.
 */
it('nodes/shared names no provider', () => {
	const dir = join(ROOT, 'nodes', 'shared');
	const named = (readdirSync(dir, { recursive: true }) as string[])
		.filter((file) => file.endsWith('.ts'))
		.flatMap((file) => readFileSync(join(dir, file), 'utf8').split('\n').map((line, i) => ({ at: `${file}:${i + 1}`, line })))
		.filter(({ line }) => /daily|digital ?samba|mirotalk/i.test(line))
		.map(({ at, line }) => `${at}: ${line.trim()}`);
	expect(named).toEqual([]);
});
