import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { Daily } from '../../../nodes/Daily/Daily.node';
import { fieldProperty } from '../../../nodes/shared/fields';

/**
 * scripts/lint-descriptions.js lints the generated descriptions as literals, so the parameter rules of
 * both lint sets see them. Run as `npm run lint` runs it (a child process: ESLint's config is ES modules).
 */
const dir = mkdtempSync(join(tmpdir(), 'lint-descriptions-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lint(description: INodeTypeDescription) {
	const file = join(dir, `${Math.random()}.json`);
	writeFileSync(file, JSON.stringify([{ file: 'nodes/Daily/Daily.node.ts', className: 'Daily', description }]));
	const run = spawnSync(process.execPath, [join(__dirname, '../../../scripts/lint-descriptions.js'), '--json', file], { encoding: 'utf8' });
	return { status: run.status, output: run.stdout + run.stderr };
}

const roomCreate = { show: { resource: ['room'], operation: ['create'] } };

it('passes the package as it is', () => {
	const { status, output } = lint(new Daily().description);
	expect(output).toContain('0 errors, 0 warnings');
	expect(status).toBe(0);
}, 20_000);

it('names the rule and the parameter of each planted violation', () => {
	const planted = ([
		// Made by the kernel, as the resources make theirs.
		fieldProperty({ name: 'enableChat', displayName: 'Enable Chat', type: 'boolean', description: 'Turns the chat on' }),
		fieldProperty({ name: 'topic', displayName: 'room topic', type: 'string', description: 'The topic of the room' }),
		// The kernel sorts its dropdowns, so the unsorted one is written out.
		{
			displayName: 'Region', name: 'region', type: 'options', default: 'or', description: 'Where the room is hosted',
			options: ['Oregon', 'Frankfurt', 'Mumbai', 'Sydney', 'London'].map((name) => ({ name, value: name.toLowerCase().slice(0, 2) })),
		},
	] as INodeProperties[]).map((p) => ({ ...p, displayOptions: roomCreate }));
	const description = new Daily().description;
	const { status, output } = lint({ ...description, properties: [...description.properties, ...planted] });
	expect(output).toContain('Daily › room/create › enableChat: n8n-nodes-base/node-param-description-boolean-without-whether:');
	expect(output).toContain('Daily › room/create › topic: n8n-nodes-base/node-param-display-name-miscased:');
	expect(output).toContain('Daily › room/create › region: n8n-nodes-base/node-param-options-type-unsorted-items:');
	expect(output).toContain('3 errors');
	expect(status).toBe(1);
}, 20_000);
