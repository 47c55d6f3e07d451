import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { pathToFileURL } from 'url';
import type { INodeProperties } from 'n8n-workflow';
import { Daily } from '../../../nodes/Daily/Daily.node';
import { dailyResources } from '../../../nodes/Daily/resources';
import { DigitalSamba } from '../../../nodes/DigitalSamba/DigitalSamba.node';
import { digitalSambaResources } from '../../../nodes/DigitalSamba/resources';
import { MiroTalk } from '../../../nodes/MiroTalk/MiroTalk.node';
import { buildMiroTalkProperties } from '../../../nodes/MiroTalk/resources';
import { fieldProperty } from '../../../nodes/shared/parameters/fields';
import { buildProperties } from '../../../nodes/shared/describe/properties';

/**
 * The action nodes' parameters are committed literals (nodes/<Provider>/<Provider>.description.ts), written by
 * scripts/descriptions.js from the resource files, so that n8n's lint rules and reviewers see them. Here: the
 * literal is what the descriptors build, `npm run lint`'s check catches a file that differs, and the repo's eslint
 * config, run on such a file, names each planted defect by rule and parameter.
 */
const ROOT = join(__dirname, '../../..');

type Difference = { file: string; message: string };
const generator = require('../../../scripts/descriptions.js') as {
	NODES: Array<{ file: string }>;
	compare(root: string, load: (module: string) => unknown): Difference[];
	literal(value: unknown): string;
};
/** The generator reads the TypeScript sources here (the CLI reads dist/). */
const load = (module: string) => require(join(ROOT, module)) as unknown;

const dir = mkdtempSync(join(tmpdir(), 'description-files-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the committed description literals', () => {
	it.each([
		['Daily', () => new Daily().description.properties, () => buildProperties(dailyResources)],
		['Digital Samba', () => new DigitalSamba().description.properties, () => buildProperties(digitalSambaResources)],
		['MiroTalk', () => new MiroTalk().description.properties, () => buildMiroTalkProperties()],
	])('%s: the node loads exactly what its descriptors build', (_node, loaded, built) => {
		expect(loaded()).toEqual(built());
	});

	it('are what the generator writes', () => {
		expect(generator.compare(ROOT, load)).toEqual([]);
	});

	it('name each Operation option\'s method and path, or why there is none', () => {
		const text = readFileSync(join(ROOT, 'nodes/Daily/Daily.description.ts'), 'utf8');
		expect(text).toMatch(/\t\t\t\/\/ POST \/rooms\/\{roomName\}\n\t\t\t\{\n\t\t\t\tname: 'Update',\n\t\t\t\tvalue: 'update',/);
		expect(text).toContain('// DELETE /rooms/{roomName}\n');
		expect(text).toContain('// runs its own code: more than one call, or none\n');
		expect(text).not.toMatch(/\/\/ [A-Z]+ \S*%[0-9A-F]{2}/);
	});
});

describe("npm run lint's check", () => {
	const root = join(dir, 'check');
	beforeAll(() => {
		for (const { file } of generator.NODES) {
			mkdirSync(dirname(join(root, file)), { recursive: true });
			copyFileSync(join(ROOT, file), join(root, file));
		}
	});

	it('passes identical copies and fails, naming the file and line, on one line changed', () => {
		expect(generator.compare(root, load)).toEqual([]);
		const file = 'nodes/MiroTalk/MiroTalk.description.ts';
		const lines = readFileSync(join(root, file), 'utf8').split('\n');
		lines[11] = lines[11].replace(/'[^']*'/, "'Edited by Hand'");
		writeFileSync(join(root, file), lines.join('\n'));
		expect(generator.compare(root, load)).toEqual([{ file, message: 'differs from what scripts/descriptions.js writes (first at line 12)' }]);
	});

	it('fails on a missing file', () => {
		rmSync(join(root, 'nodes/Daily/Daily.description.ts'));
		expect(generator.compare(root, load)).toContainEqual({ file: 'nodes/Daily/Daily.description.ts', message: 'is missing' });
	});
});

describe('eslint on a description file', () => {
	const roomCreate = { show: { resource: ['room'], operation: ['create'] } };
	/** One parameter a line, so each report names its parameter by line. */
	const planted: INodeProperties[] = [
		// Made by the kernel, as the resources make theirs.
		fieldProperty({ name: 'enableChat', displayName: 'Enable Chat', type: 'boolean', description: 'Turns the chat on' }),
		fieldProperty({ name: 'topic', displayName: 'room topic', type: 'string', description: 'The topic of the room' }),
		// The kernel sorts its dropdowns and gives an optional one "Not Set", so these are written out.
		{
			displayName: 'Region', name: 'region', type: 'options', default: 'or', description: 'Where the room is hosted',
			options: ['Oregon', 'Frankfurt', 'Mumbai', 'Sydney', 'London'].map((name) => ({ name, value: name.toLowerCase().slice(0, 2) })),
		},
		{ displayName: 'Mode', name: 'mode', type: 'options', default: '', description: 'How the room runs', options: [{ name: 'Audio', value: 'audio' }, { name: 'Video', value: 'video' }] },
		// A missing description: the rule set requires Limit's standard one.
		{ displayName: 'Limit', name: 'limit', type: 'number', default: 50, typeOptions: { minValue: 1 } },
	].map((p) => ({ ...p, displayOptions: roomCreate }) as INodeProperties);

	/** Lints a copy of Daily.description.ts with these lines added at the end of the list, as `npm run lint` does. */
	function lint(added: string[]): Array<{ rule: string; line: number; text: string }> {
		const file = join(dir, 'lint', 'nodes/Daily/Daily.description.ts');
		mkdirSync(dirname(file), { recursive: true });
		const lines = readFileSync(join(ROOT, 'nodes/Daily/Daily.description.ts'), 'utf8').split('\n');
		const end = lines.lastIndexOf('];');
		lines.splice(end, 0, ...added.map((line) => `\t${line},`));
		writeFileSync(file, lines.join('\n'));
		// A child process: the config is an ES module. eslint-plugin-n8n-nodes-base reads every file name as
		// Test.node.ts under NODE_ENV=test (as jest sets it), so it goes.
		const script = `
			const { ESLint } = require('eslint');
			(async () => {
				const config = (await import(${JSON.stringify(pathToFileURL(join(ROOT, 'eslint.config.mjs')).href)})).default;
				const eslint = new ESLint({ cwd: ${JSON.stringify(join(dir, 'lint'))}, overrideConfigFile: true, overrideConfig: config, allowInlineConfig: false });
				const [result] = await eslint.lintFiles([${JSON.stringify(file)}]);
				process.stdout.write(JSON.stringify(result.messages.map((m) => ({ rule: m.ruleId, line: m.line }))));
			})().catch((error) => { console.error(error); process.exit(2); });`;
		const env = { ...process.env };
		delete env.NODE_ENV;
		const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, env, encoding: 'utf8' });
		expect(run.stderr).toBe('');
		const messages = JSON.parse(run.stdout) as Array<{ rule: string; line: number }>;
		const text = readFileSync(file, 'utf8').split('\n');
		return messages.map((m) => ({ ...m, text: text[m.line - 1] }));
	}

	it('passes the file as it is, and names the rule and the parameter of each planted defect', () => {
		expect(lint([])).toEqual([]);
		const found = lint(planted.map(generator.literal)).map((m) => [m.rule, /\bname: '([^']+)'/.exec(m.text)?.[1]]);
		expect(found.sort()).toEqual([
			['n8n-nodes-base/node-param-default-wrong-for-options', 'mode'],
			['n8n-nodes-base/node-param-description-boolean-without-whether', 'enableChat'],
			['n8n-nodes-base/node-param-description-missing-from-limit', 'limit'],
			['n8n-nodes-base/node-param-display-name-miscased', 'topic'],
			['n8n-nodes-base/node-param-options-type-unsorted-items', 'region'],
		]);
	}, 60_000);
});
