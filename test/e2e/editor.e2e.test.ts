import { mkdirSync } from 'fs';
import { join } from 'path';
import type { Page } from 'playwright-core';
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { eventually, imageRendered, launch, signIn, type Browser } from './editor/browser';
import {
	DAILY_ROOMS,
	DS_ROOMS,
	issues,
	openNode,
	openPicker,
	pickerWorkflow,
	PICKER_DOMAIN,
	PICKER_NODES,
	pickRow,
	searchPicker,
	shownValue,
	startPickerRig,
	switchMode,
	typeValue,
	type PickerRig,
} from './editor/pickers';
import { createRuntime, freePort, nodeType, ROOT, startServer, type N8nRuntime, type N8nServer } from './n8n';

/**
 * The nodes in n8n's editor, in a real browser (Debian's chromium, headless, driven by playwright-core): for each
 * provider, the node panel is searched, the trigger and the action node are added to a canvas and opened, and a
 * screenshot of each is kept in test-artifacts/editor/ (CI uploads that folder). It checks what a user sees: the
 * icon loads, the Resource and Operation lists (the Events list for triggers) hold every option the node declares,
 * and "Create new credential" opens a form with every field of the credential type. Then the room pickers, against
 * the simulators' rooms: Daily Room → Get and Digital Samba Room Token → Create list the rooms, narrow the list to a
 * search, take a picked room and a pasted room URL, and run with the room chosen either way.
 */
const ARTIFACTS = join(ROOT, 'test-artifacts', 'editor');
/** n8n adds this entry to the Resource and Operation lists of nodes whose credential can authenticate any request. */
const CUSTOM_API_CALL = 'Custom API Call';
/** n8n adds this field to every credential form that authenticates HTTP requests. */
const ALLOWED_DOMAINS = 'Allowed HTTP Request Domains';

interface NodeCase {
	/** What the node panel is searched for, and the entry that opens the provider's actions and triggers. */
	search: string;
	/** The node type without the package prefix, and where its compiled class is. */
	type: string;
	file: string;
	className: string;
	kind: 'action' | 'trigger';
	credential?: { file: string; className: string };
}

const PROVIDERS: Array<{ name: string; trigger: NodeCase; action: NodeCase }> = [
	{
		name: 'daily',
		trigger: { search: 'Daily', type: 'dailyTrigger', file: 'nodes/Daily/DailyTrigger.node.js', className: 'DailyTrigger', kind: 'trigger', credential: { file: 'credentials/DailyApi.credentials.js', className: 'DailyApi' } },
		action: { search: 'Daily', type: 'daily', file: 'nodes/Daily/Daily.node.js', className: 'Daily', kind: 'action', credential: { file: 'credentials/DailyApi.credentials.js', className: 'DailyApi' } },
	},
	{
		name: 'digitalSamba',
		trigger: { search: 'Digital Samba', type: 'digitalSambaTrigger', file: 'nodes/DigitalSamba/DigitalSambaTrigger.node.js', className: 'DigitalSambaTrigger', kind: 'trigger', credential: { file: 'credentials/DigitalSambaApi.credentials.js', className: 'DigitalSambaApi' } },
		action: { search: 'Digital Samba', type: 'digitalSamba', file: 'nodes/DigitalSamba/DigitalSamba.node.js', className: 'DigitalSamba', kind: 'action', credential: { file: 'credentials/DigitalSambaApi.credentials.js', className: 'DigitalSambaApi' } },
	},
	{
		name: 'miroTalk',
		trigger: { search: 'MiroTalk', type: 'miroTalkTrigger', file: 'nodes/MiroTalk/MiroTalkTrigger.node.js', className: 'MiroTalkTrigger', kind: 'trigger', credential: { file: 'credentials/MiroTalkApi.credentials.js', className: 'MiroTalkApi' } },
		action: { search: 'MiroTalk', type: 'miroTalk', file: 'nodes/MiroTalk/MiroTalk.node.js', className: 'MiroTalk', kind: 'action', credential: { file: 'credentials/MiroTalkApi.credentials.js', className: 'MiroTalkApi' } },
	},
];

/** The package that serves a node (a single package, or the bundle when the suite runs on it): the first part of its type. */
const packageOf = (node: NodeCase) => nodeType(node.type).slice(0, nodeType(node.type).lastIndexOf('.'));

/** The description the built package declares (what was packed into the n8n under test). */
function declared(node: NodeCase): INodeTypeDescription {
	const NodeClass = require(join(ROOT, 'dist', node.file))[node.className];
	return new NodeClass().description as INodeTypeDescription;
}

function credentialFields(node: NodeCase): string[] {
	if (!node.credential) return [];
	const CredentialClass = require(join(ROOT, 'dist', node.credential.file))[node.credential.className];
	return (new CredentialClass().properties as INodeProperties[]).filter((p) => p.type !== 'notice').map((p) => p.displayName);
}

/** Does a property show for these parameter values (only `show` with plain values, as these nodes use)? */
function shown(property: INodeProperties, values: Record<string, unknown>): boolean {
	const show = property.displayOptions?.show ?? {};
	return Object.entries(show).every(([name, allowed]) => (allowed as unknown[]).includes(values[name]));
}

/** The options of the first property called `name` that shows for `values`, by display name. */
function optionNames(properties: INodeProperties[], name: string, values: Record<string, unknown>): { property: INodeProperties; names: string[] } {
	const property = properties.find((p) => p.name === name && shown(p, values));
	if (!property) throw new Error(`no ${name} property shows for ${JSON.stringify(values)}`);
	return { property, names: (property.options as INodePropertyOptions[]).map((o) => o.name) };
}

/** The default parameter values of the top-level properties that have one (product, resource, event source ...). */
function defaults(description: INodeTypeDescription): Record<string, unknown> {
	const values: Record<string, unknown> = {};
	for (const p of description.properties) if (!(p.name in values) && shown(p, values)) values[p.name] = p.default;
	return values;
}

let runtime: N8nRuntime;
let server: N8nServer;
let browser: Browser;
let page: Page;
let rig: PickerRig;
/** The workflow with the two picker nodes (created through the REST API once n8n runs). */
let pickerWorkflowId: string;
/** The node types as n8n serves them to the editor, by name without the package prefix. */
let served: Record<string, INodeTypeDescription>;

beforeAll(async () => {
	mkdirSync(ARTIFACTS, { recursive: true });
	runtime = createRuntime();
	rig = await startPickerRig(runtime);
	server = await startServer(runtime, await freePort());
	browser = await launch();
	page = browser.page;
	await signIn(page, server);
	const created = await server.rest('POST', '/workflows', pickerWorkflow());
	if (created.status !== 200) throw new Error(`creating the picker workflow failed: ${created.status} ${JSON.stringify(created.body)}`);
	pickerWorkflowId = created.body.data.id;
	const types = (await (await page.request.get(`${server.url}/types/nodes.json`)).json()) as INodeTypeDescription[];
	const byName = new Map(types.map((t) => [t.name, t]));
	served = Object.fromEntries(PROVIDERS.flatMap((p) => [p.trigger.type, p.action.type]).map((type) => [type, byName.get(nodeType(type)) as INodeTypeDescription]));
}, 30 * 60_000);

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await rig?.close();
	runtime?.cleanup();
});

/** The texts of the open dropdown's entries (first line of each: some show a description below the name). */
async function openDropdown(testId: string): Promise<string[]> {
	const dropdowns = page.locator('.el-select-dropdown:visible');
	await expect(eventually(async () => (await dropdowns.count()) === 0)).resolves.toBe(true);
	await page.getByTestId(testId).click();
	await dropdowns.first().locator('.el-select-dropdown__item').first().waitFor();
	const texts = await dropdowns.first().locator('.el-select-dropdown__item').allInnerTexts();
	return texts.map((t) => t.split('\n')[0].trim());
}

async function closeDropdown(): Promise<void> {
	await page.keyboard.press('Escape');
	await expect(eventually(async () => (await page.locator('.el-select-dropdown:visible').count()) === 0)).resolves.toBe(true);
	await page.getByTestId('ndv').waitFor();
}

/** Searches the node panel and picks an entry of the provider's list of triggers or actions; the node opens. */
async function addNode(node: NodeCase, entry: string | RegExp): Promise<void> {
	await page.getByTestId('node-creator-plus-button').click();
	await page.getByTestId('node-creator-search-bar').fill(node.search);
	await page.getByTestId('node-creator-item-name').getByText(node.search, { exact: true }).first().click();
	await page.getByTestId('node-creator-item-name').filter({ hasText: entry }).first().click();
	await page.getByTestId('ndv').waitFor();
}

/** The node's icon in the open node view and on the canvas: an image from this package that loaded with a size. */
async function expectIcon(node: NodeCase): Promise<void> {
	const iconUrl = (served[node.type].iconUrl as { light: string }).light;
	expect(iconUrl).toMatch(new RegExp(`^icons/${packageOf(node)}/dist/icons/\\w+\\.svg$`));
	const src = `img[src="/${iconUrl}"]`;
	await expect(eventually(() => imageRendered(page.getByTestId('ndv').locator(src)))).resolves.toBe(true);
	await expect(eventually(() => imageRendered(page.locator(`[data-test-id="canvas-node"][data-node-type="${nodeType(node.type)}"] ${src}`)))).resolves.toBe(true);
}

/** Opens "Create new credential" from the node and compares the form's fields with the credential type's. */
async function expectCredentialForm(node: NodeCase, screenshot: string): Promise<void> {
	await page.getByTestId('node-credentials-select').click();
	await page.getByText('Create new credential').click();
	const dialog = page.getByTestId('credential-edit-dialog');
	await dialog.waitFor();
	const labels = dialog.locator('[data-test-id="credential-connection-parameter"] label.n8n-input-label');
	await labels.first().waitFor();
	const shownFields = (await labels.allInnerTexts()).map((t) => t.split('\n')[0].replace(/\s*\*$/, '').trim()).filter(Boolean);
	const fields = credentialFields(node);
	expect(fields.length).toBeGreaterThan(1);
	expect(shownFields.filter((f) => f !== ALLOWED_DOMAINS)).toEqual(fields);
	// The credential's icon in the dialog's header.
	const modal = page.locator('.el-dialog', { has: dialog });
	await expect(eventually(() => imageRendered(modal.locator(`img[src*="/icons/${packageOf(node)}/"]`)))).resolves.toBe(true);
	// An empty form: nothing secret in the picture.
	await settled();
	await page.screenshot({ path: join(ARTIFACTS, screenshot) });
	const close = modal.locator('.el-dialog__headerbtn');
	if (await close.count()) await close.first().click();
	else await page.keyboard.press('Escape');
	await dialog.waitFor({ state: 'hidden' });
	// Closing the dialog leaves the credential unsaved; the node keeps no credential.
}

/** Lets the editor's opening animations (node view, dialogs) finish before a screenshot. */
async function settled(): Promise<void> {
	await page.waitForTimeout(1_000);
}

async function closeNode(): Promise<void> {
	await page.getByTestId('back-to-canvas').click();
	await page.getByTestId('ndv').waitFor({ state: 'hidden' });
}

describe.each(PROVIDERS)('$name in the editor', ({ name, trigger, action }) => {
	beforeAll(async () => {
		await page.goto(`${server.url}/workflow/new`);
		await page
			.getByTestId('canvas-add-button')
			.waitFor()
			.catch(async (error) => {
				await page.screenshot({ path: join(ARTIFACTS, `${name}-failed-to-open.png`) });
				throw error;
			});
	}, 180_000);

	it(`${trigger.type}: found by search, added, icon, events, credential form`, async () => {
		const description = declared(trigger);
		// A trigger's entries are its events: "On <event>".
		await addNode(trigger, /^On /);
		await expectIcon(trigger);
		await settled();
		await page.screenshot({ path: join(ARTIFACTS, `${trigger.type}.png`) });
		expect(await page.getByTestId('ndv').getByText(description.displayName, { exact: true }).count()).toBeGreaterThan(0);

		const values = defaults(description);
		const events = optionNames(description.properties, 'events', values);
		expect(optionNames(served[trigger.type].properties, 'events', values).names).toEqual(events.names);
		expect(await openDropdown('parameter-input-events')).toEqual(events.names);
		await closeDropdown();

		if (trigger.credential) await expectCredentialForm(trigger, `${trigger.type}-credential.png`);
		else expect(await page.getByTestId('node-credentials-select').count()).toBe(0);
		await closeNode();
	}, 300_000);

	it(`${action.type}: found by search, added, icon, every resource and its operations, credential form`, async () => {
		const description = declared(action);
		const values = defaults(description);
		const resources = optionNames(description.properties, 'resource', values);
		const firstOperation = optionNames(description.properties, 'operation', values);
		const entry = (firstOperation.property.options as INodePropertyOptions[]).find((o) => o.value === values.operation)?.action;
		expect(entry).toBeTruthy();
		await addNode(action, entry as string);
		await expectIcon(action);
		await settled();
		await page.screenshot({ path: join(ARTIFACTS, `${action.type}.png`) });

		// The editor's list is what n8n serves: the declared resources plus n8n's Custom API Call.
		const servedProperties = served[action.type].properties;
		expect(optionNames(servedProperties, 'resource', values).names).toEqual([...resources.names, CUSTOM_API_CALL]);
		expect(await openDropdown('parameter-input-resource')).toEqual([...resources.names, CUSTOM_API_CALL]);
		await closeDropdown();

		// Every resource's Operation list, picked in the Resource list as a user would.
		for (const resource of resources.property.options as INodePropertyOptions[]) {
			const operations = optionNames(description.properties, 'operation', { ...values, resource: resource.value });
			await page.getByTestId('parameter-input-resource').click();
			await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').getByText(resource.name, { exact: true }).first().click();
			const shownOperations = await openDropdown('parameter-input-operation');
			expect({ resource: resource.name, operations: shownOperations }).toEqual({
				resource: resource.name,
				operations: [...operations.names, CUSTOM_API_CALL],
			});
			await closeDropdown();
		}

		await expectCredentialForm(action, `${action.type}-credential.png`);
		await closeNode();
		await page.getByTestId('zoom-to-fit').click();
		await settled();
		await page.screenshot({ path: join(ARTIFACTS, `${name}-canvas.png`) });
	}, 600_000);
});

describe('room pickers in the editor', () => {
	beforeAll(async () => {
		await page.goto(`${server.url}/workflow/${pickerWorkflowId}`);
		await page.locator(`[data-test-id="canvas-node"][data-node-name="${PICKER_NODES.daily}"]`).waitFor();
	}, 180_000);

	/** Runs the open node ("Execute step") and waits until its output shows `text`. */
	async function executeStep(text: string): Promise<void> {
		await page.getByTestId('ndv').getByTestId('node-execute-button').click();
		const output = page.getByTestId('ndv').getByTestId('output-panel');
		await expect(eventually(async () => (await output.innerText()).includes(text))).resolves.toBe(true);
		await settled();
	}

	/** The paths the simulator was asked for since `from` (its request log's length then). */
	const pathsSince = (requests: Array<{ method: string; path: string }>, from: number) => requests.slice(from).map((r) => `${r.method} ${r.path}`);

	it('Daily Room → Get: the rooms listed and searched, one picked, then a pasted room URL; both run', async () => {
		const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `daily-room-picker-${name}.png`) });
		await openNode(page, PICKER_NODES.daily);
		const rows = await openPicker(page, 'roomName', DAILY_ROOMS.length);
		expect([...rows].sort()).toEqual([...DAILY_ROOMS].sort());
		await settled();
		await shot('list');
		expect((await searchPicker(page, 'weekly', 2)).sort()).toEqual(['weekly-retro', 'weekly-standup']);
		await shot('search');
		await pickRow(page, 'weekly-standup');
		expect(await shownValue(page, 'roomName')).toBe('weekly-standup');
		expect(await issues(page, 'roomName').count()).toBe(0);
		let from = rig.daily.requests.length;
		await executeStep('weekly-standup');
		expect(pathsSince(rig.daily.requests, from)).toEqual(['GET /v1/rooms/weekly-standup']);
		await shot('picked');

		// By URL starts from the picked room's own URL; a URL of another site is refused, a room's link is taken.
		await switchMode(page, 'roomName', 'By URL');
		expect(await shownValue(page, 'roomName')).toBe(`https://${PICKER_DOMAIN}.daily.co/weekly-standup`);
		await typeValue(page, 'roomName', `https://${PICKER_DOMAIN}.example.com/design-review`);
		await expect(eventually(async () => (await issues(page, 'roomName').count()) > 0)).resolves.toBe(true);
		const url = `https://${PICKER_DOMAIN}.daily.co/design-review`;
		await typeValue(page, 'roomName', url);
		await expect(eventually(async () => (await issues(page, 'roomName').count()) === 0)).resolves.toBe(true);
		expect(await shownValue(page, 'roomName')).toBe(url);
		from = rig.daily.requests.length;
		await executeStep('design-review');
		expect(pathsSince(rig.daily.requests, from)).toEqual(['GET /v1/rooms/design-review']);
		await shot('url');
		await closeNode();
	}, 180_000);

	it('Digital Samba Room Token → Create: the rooms listed and searched, one picked, then a pasted room URL; both run', async () => {
		const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `ds-room-token-picker${name}.png`) });
		const label = (room: { friendly_url: string; description: string }) => `${room.friendly_url} · ${room.description}`;
		await openNode(page, PICKER_NODES.digitalSamba);
		const rows = await openPicker(page, 'roomId', DS_ROOMS.length);
		expect([...rows].sort()).toEqual(DS_ROOMS.map(label).sort());
		await settled();
		await shot('');
		expect((await searchPicker(page, 'classroom', 2)).sort()).toEqual(DS_ROOMS.filter((r) => r.friendly_url.startsWith('classroom')).map(label).sort());
		await pickRow(page, 'classroom-101');
		expect(await shownValue(page, 'roomId')).toBe(label(DS_ROOMS[2]));
		expect(await issues(page, 'roomId').count()).toBe(0);
		// The row's value is the room's UUID.
		const picked = rig.ds.state.rooms.find((r) => r.friendly_url === 'classroom-101');
		let from = rig.ds.requests.length;
		await executeStep(`${PICKER_DOMAIN}.digitalsamba.com/classroom-101?token=`);
		expect(pathsSince(rig.ds.requests, from)).toEqual([`POST /api/v1/rooms/${picked?.id}/token`]);
		await shot('-picked');

		await switchMode(page, 'roomId', 'By URL');
		expect(await shownValue(page, 'roomId')).toBe(`https://${PICKER_DOMAIN}.digitalsamba.com/classroom-101`);
		await typeValue(page, 'roomId', `https://${PICKER_DOMAIN}.daily.co/board-meeting`);
		await expect(eventually(async () => (await issues(page, 'roomId').count()) > 0)).resolves.toBe(true);
		const url = `https://${PICKER_DOMAIN}.digitalsamba.com/board-meeting`;
		await typeValue(page, 'roomId', url);
		await expect(eventually(async () => (await issues(page, 'roomId').count()) === 0)).resolves.toBe(true);
		from = rig.ds.requests.length;
		await executeStep(`${PICKER_DOMAIN}.digitalsamba.com/board-meeting?token=`);
		expect(pathsSince(rig.ds.requests, from)).toEqual(['POST /api/v1/rooms/board-meeting/token']);
		await shot('-url');
		await closeNode();
	}, 180_000);
});
