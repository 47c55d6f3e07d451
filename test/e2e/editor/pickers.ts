import type { Locator, Page } from 'playwright-core';
import { startDailySimulator, type DailySimulator } from '../../simulators/daily';
import { startDigitalSambaSimulator, type DigitalSambaSimulator } from '../../simulators/digitalSamba';
import { nodeType, type N8nRuntime } from '../n8n';
import { eventually } from './browser';

/**
 * The room pickers (n8n resource locators) in the editor, against the Daily and Digital Samba simulators with a few
 * named rooms: for the editor test (test/e2e/editor.e2e.test.ts) and the README's picture of a picker
 * (test/e2e/editor/pictures.ts). The selectors are the data-test-id attributes of n8n's ResourceLocator component
 * (packages/frontend/editor-ui/src/components/ResourceLocator/ in n8n 1.x).
 */

/** The Daily domain and Digital Samba team the simulators put in room URLs (`https://acme.daily.co/<room>`). */
export const PICKER_DOMAIN = 'acme';
/** Daily rooms, by name (the simulator answers newest first). */
export const DAILY_ROOMS = ['all-hands', 'design-review', 'sales-demo', 'weekly-retro', 'weekly-standup'];
/** Digital Samba rooms: a row reads "<friendly_url> · <description>", its value is the room's UUID. */
export const DS_ROOMS = [
	{ friendly_url: 'all-hands', description: 'Company all-hands' },
	{ friendly_url: 'board-meeting', description: 'Board meeting' },
	{ friendly_url: 'classroom-101', description: 'Physics 101' },
	{ friendly_url: 'classroom-102', description: 'Chemistry 102' },
];

const DAILY_KEY = 'e2e_picker_daily_key_4e1b7a';
const DS_KEY = 'e2e_picker_ds_developer_key_8c3d2f';
const DS_TEAM = '5a7c9e1b-3d5f-4a6c-8e0a-2b4d6f8a0c1e';
export const PICKER_CREDENTIALS = {
	daily: { id: 'pickerDailyCred1', name: 'Daily (simulator)' },
	digitalSamba: { id: 'pickerDsCred0001', name: 'Digital Samba (simulator)' },
};
export const PICKER_NODES = { daily: 'Get Room', digitalSamba: 'Room Token' };

export interface PickerRig {
	daily: DailySimulator;
	ds: DigitalSambaSimulator;
	close(): Promise<void>;
}

/** Starts both simulators with their rooms and imports a credential for each into `runtime` (before n8n starts). */
export async function startPickerRig(runtime: N8nRuntime): Promise<PickerRig> {
	const daily = await startDailySimulator({ apiKey: DAILY_KEY, domainName: PICKER_DOMAIN });
	const ds = await startDigitalSambaSimulator({ developerKey: DS_KEY, teamId: DS_TEAM, domain: PICKER_DOMAIN });
	for (const name of DAILY_ROOMS) {
		const response = await fetch(`${daily.url}/rooms`, {
			method: 'POST',
			headers: { authorization: `Bearer ${DAILY_KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify({ name }),
		});
		if (!response.ok) throw new Error(`seeding Daily room ${name}: ${response.status}`);
	}
	for (const room of DS_ROOMS) ds.seedRoom(room);
	await runtime.importCredentials([
		{ ...PICKER_CREDENTIALS.daily, type: 'dailyApi', data: { apiKey: DAILY_KEY, baseUrl: daily.url } },
		{ ...PICKER_CREDENTIALS.digitalSamba, type: 'digitalSambaApi', data: { developerKey: DS_KEY, teamId: DS_TEAM, baseUrl: ds.url } },
	]);
	return {
		daily,
		ds,
		async close() {
			await daily.close();
			await ds.close();
		},
	};
}

/** A workflow: Run Now, then Daily Room → Get and Digital Samba Room Token → Create, their rooms not chosen yet. */
export function pickerWorkflow(id?: string) {
	const empty = { __rl: true, mode: 'list', value: '' };
	const node = (name: string, type: string, position: [number, number], parameters: object, credentials: object) => ({
		id: `picker-${name.replace(/\W/g, '').toLowerCase()}`,
		name,
		type: nodeType(type),
		typeVersion: 1.1,
		position,
		parameters,
		credentials,
	});
	return {
		...(id ? { id } : {}),
		name: 'Room pickers',
		active: false,
		nodes: [
			{ id: 'picker-start', name: 'Run Now', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			node(PICKER_NODES.daily, 'daily', [240, -100], { resource: 'room', operation: 'get', roomName: empty }, { dailyApi: PICKER_CREDENTIALS.daily }),
			node(PICKER_NODES.digitalSamba, 'digitalSamba', [240, 100], { resource: 'roomToken', operation: 'create', roomId: empty }, { digitalSambaApi: PICKER_CREDENTIALS.digitalSamba }),
		],
		connections: {
			'Run Now': {
				main: [[
					{ node: PICKER_NODES.daily, type: 'main', index: 0 },
					{ node: PICKER_NODES.digitalSamba, type: 'main', index: 0 },
				]],
			},
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Opens a node of the workflow shown on the canvas. */
export async function openNode(page: Page, name: string): Promise<void> {
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
	await page.getByTestId('ndv').waitFor();
}

/** The text box of an n8n input marked `testId` (the mark is on the box itself or on its wrapper, as n8n versions differ). */
function textBox(scope: Locator, testId: string): Locator {
	return scope.locator(`[data-test-id="${testId}"] input, input[data-test-id="${testId}"]`).first();
}

/** The resource locator of a parameter in the open node. */
export function locator(page: Page, parameter: string): Locator {
	return page.getByTestId('ndv').getByTestId(`resource-locator-${parameter}`);
}

/**
 * The open picker's list. n8n marks the wrapper of the field and its (not teleported) popover as
 * resource-locator-dropdown, which shows while the list is closed too: the list is open while its search box shows.
 */
const dropdown = (page: Page) => page.locator('[data-test-id="resource-locator-dropdown"]').filter({ has: page.locator('[data-test-id="rlc-search"]:visible') });
const rows = (page: Page) => dropdown(page).locator('[data-test-id="rlc-item"]:visible');

/** The rows of the open picker's list (the first line of each: the row's name). */
export async function pickerRows(page: Page): Promise<string[]> {
	const texts = await rows(page).allInnerTexts();
	return texts.map((t) => t.split('\n')[0].trim());
}

/** Opens the picker's list (From List mode) and waits until it shows `count` rows; answers the rows. */
export async function openPicker(page: Page, parameter: string, count: number): Promise<string[]> {
	await locator(page, parameter).getByTestId('rlc-input').click();
	await dropdown(page).waitFor();
	if (!(await eventually(async () => (await pickerRows(page)).length === count))) {
		throw new Error(`the ${parameter} picker shows ${JSON.stringify(await pickerRows(page))}, not ${count} rows`);
	}
	return await pickerRows(page);
}

/** Types into the open picker's search box and waits until it shows `count` rows; answers the rows. */
export async function searchPicker(page: Page, text: string, count: number): Promise<string[]> {
	await textBox(dropdown(page), 'rlc-search').fill(text);
	if (!(await eventually(async () => (await pickerRows(page)).length === count))) {
		throw new Error(`searching "${text}" shows ${JSON.stringify(await pickerRows(page))}, not ${count} rows`);
	}
	return await pickerRows(page);
}

/** Picks the row whose name starts with `name` in the open picker; the list closes. */
export async function pickRow(page: Page, name: string): Promise<void> {
	await rows(page).filter({ hasText: name }).first().click();
	await dropdown(page).waitFor({ state: 'hidden' });
}

/** Switches a locator to another mode (From List, By Name, By ID, By URL) with its mode dropdown. */
export async function switchMode(page: Page, parameter: string, mode: string): Promise<void> {
	await locator(page, parameter).getByTestId('rlc-mode-selector').click();
	await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').getByText(mode, { exact: true }).click();
	await page.locator('.el-select-dropdown:visible').waitFor({ state: 'hidden' });
}

/** What the locator's input shows. */
export async function shownValue(page: Page, parameter: string): Promise<string> {
	return await textBox(locator(page, parameter), 'rlc-input').inputValue();
}

/** Types text into the locator's input (a typed mode), as pasting does, and leaves the field. */
export async function typeValue(page: Page, parameter: string, text: string): Promise<void> {
	const input = textBox(locator(page, parameter), 'rlc-input');
	await input.fill(text);
	await input.blur();
}

/** The issues n8n shows on the locator (a warning icon with the validation messages in its tooltip). */
export function issues(page: Page, parameter: string): Locator {
	return locator(page, parameter).getByTestId('parameter-issues');
}
