import { readFileSync } from 'fs';
import { join } from 'path';
import { DailyApi } from '../../../credentials/DailyApi.credentials';
import { Daily } from '../../../nodes/Daily/Daily.node';
import { dailyResources } from '../../../nodes/Daily/resources';

const description = new Daily().description;

describe('Daily node description', () => {
	it('is an action node an AI agent can use as a tool', () => {
		expect(description.name).toBe('daily');
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'dailyApi', required: true }]);
	});

	it('offers every resource and operation, each with an action and a description', () => {
		const resource = description.properties.find((p) => p.name === 'resource')!;
		expect((resource.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(dailyResources.map((r) => r.value).sort());
		for (const r of dailyResources) {
			const operation = description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === r.value)!;
			const values = (operation.options as Array<{ value: string; action: string; description: string }>);
			expect(values.map((o) => o.value).sort()).toEqual(r.operations.map((op) => op.operation).sort());
			for (const option of values) {
				expect(option.action).toMatch(/^[A-Z]/);
				expect(option.description.length).toBeGreaterThan(10);
			}
		}
	});

	it('gives each parameter name one type across operations, so n8n keeps values apart cleanly', () => {
		const types = new Map<string, Set<string>>();
		for (const p of description.properties) types.set(p.name, (types.get(p.name) ?? new Set()).add(p.type));
		const mixed = [...types].filter(([, t]) => t.size > 1).map(([name, t]) => `${name}: ${[...t].join('/')}`);
		// The one exception: the room name is typed on Create (a new room) and picked elsewhere; a picked value carried
		// over to Create reads as its text (a test in locators.test.ts), and a typed one is what a locator reads anyway.
		expect(mixed).toEqual(['roomName: resourceLocator/string']);
	});

	it('lists every operation in the README', () => {
		const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
		for (const r of dailyResources) {
			const row = readme.split('\n').find((line) => line.startsWith(`| ${r.name} |`));
			expect(row).toBeDefined();
			for (const op of r.operations) expect(row).toContain(op.name);
		}
	});
});

describe('Daily credential', () => {
	const credential = new DailyApi();

	it('keeps the key secret, authenticates generically and has a test request', () => {
		const key = credential.properties.find((p) => p.name === 'apiKey')!;
		expect(key.typeOptions?.password).toBe(true);
		expect(credential.authenticate).toEqual({ type: 'generic', properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } } });
		expect(credential.test.request).toMatchObject({ url: '/', method: 'GET' });
		expect(credential.properties.find((p) => p.name === 'baseUrl')!.default).toBe('https://api.daily.co/v1');
	});
});
