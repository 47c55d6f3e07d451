import { execFileSync } from 'child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'fs';
import { basename, join } from 'path';
import { createRuntime, freePort, ROOT, startServer, type N8nRuntime, type N8nServer } from '../n8n';
import { launch, signIn, type Browser } from './browser';
import { DAILY_ROOMS, openNode, openPicker, PICKER_NODES, pickerWorkflow, startPickerRig, type PickerRig } from './pickers';

/**
 * The README's pictures of the example workflows: each file in examples/ is imported into the e2e n8n, opened in
 * the editor (Debian's chromium, headless), fitted to the view and saved as docs/images/<example>.png, cropped to
 * the canvas. Then the picture of a picker: Daily Room → Get with its Room Name list open on the Daily simulator's
 * rooms, saved as docs/images/daily-room-picker.png, cropped to the node's parameters and the list; and the Daily
 * Trigger of daily-transcript-summary.json with its Include option, saved as docs/images/daily-trigger-include.png.
 * Run by hand when an example or the nodes' look changes: `npm run readme:pictures`.
 * optipng shrinks the files when it is installed (`apt-get install optipng`).
 */
const EXAMPLES = join(ROOT, 'examples');
const IMAGES = join(ROOT, 'docs', 'images');
/** 1280 x 720 at most, as the README asks; the canvas is this less the editor's header and side bar. */
const VIEWPORT = { width: 1280, height: 720 };

/** Credentials the examples refer to, by type; nothing is run, so they point nowhere. */
const CREDENTIALS: Record<string, { id: string; name: string; data: Record<string, string> }> = {
	dailyApi: { id: 'pictureDaily0001', name: 'Daily account', data: { apiKey: 'picture-placeholder-key', baseUrl: 'http://127.0.0.1:9/v1' } },
	digitalSambaApi: {
		id: 'pictureDigSamba1',
		name: 'Digital Samba account',
		data: { developerKey: 'picture-placeholder-key', teamId: '', baseUrl: 'http://127.0.0.1:9/api/v1' },
	},
	miroTalkApi: { id: 'pictureMiroTalk1', name: 'MiroTalk account', data: { serverUrl: 'http://127.0.0.1:9', apiKey: 'picture-placeholder-key', product: 'sfu' } },
	smtp: { id: 'pictureSmtp00001', name: 'SMTP account', data: { host: '127.0.0.1', port: '9', user: '', password: '' } },
	openAiApi: { id: 'pictureOpenAi001', name: 'OpenAI account', data: { apiKey: 'picture-placeholder-key', url: 'http://127.0.0.1:9/v1' } },
};

/**
 * Everything on the canvas that is not the workflow: zoom buttons, minimap, the add-node and sticky buttons, the
 * Execute workflow button and the "+" after the last node.
 */
const HIDE = `
[data-test-id="canvas-controls"], [data-test-id="canvas-minimap"], [data-test-id="node-creator-plus-button"],
[data-test-id="add-sticky-button"], [data-test-id="toggle-focus-panel-button"], [data-test-id="ask-assistant-floating-button"],
[data-test-id="canvas-node-toolbar"], [data-test-id="canvas-handle-plus-wrapper"], [data-test-id="canvas-handle-plus"],
[data-test-id="execute-workflow-button"], div:has(> [data-test-id="execute-workflow-button"]) { visibility: hidden !important; }
`;

function load(file: string, id: string) {
	const workflow = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8'));
	for (const node of workflow.nodes) {
		for (const type of Object.keys(node.credentials ?? {})) node.credentials[type] = { id: CREDENTIALS[type].id, name: CREDENTIALS[type].name };
	}
	return { ...workflow, id, active: false };
}

async function picture(browser: Browser, server: N8nServer, workflow: { id: string; nodes: Array<{ type: string }> }, file: string): Promise<void> {
	const { page } = browser;
	await page.goto(`${server.url}/workflow/${workflow.id}`);
	await page.getByTestId('canvas-node').first().waitFor();
	// Every node drawn (a sticky note may or may not count as one, depending on the editor).
	const nodes = workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').length;
	await page.waitForFunction((count) => (globalThis as any).document.querySelectorAll('[data-test-id="canvas-node"]').length >= count, nodes);
	await page.addStyleTag({ content: HIDE });
	// Nothing selected, the whole workflow in view, icons loaded.
	await page.getByTestId('canvas-background').or(page.getByTestId('canvas')).first().click({ position: { x: 5, y: 5 } });
	await page.getByTestId('zoom-to-fit').click({ force: true });
	await page.waitForFunction(() =>
		[...(globalThis as any).document.querySelectorAll('[data-test-id="canvas-node"] img')].every((img: any) => img.complete && img.naturalWidth > 0),
	);
	await page.waitForTimeout(1000);
	// The canvas, less a strip at the top (the Editor/Executions tabs hang into it) and at the left (the side bar's handle).
	const box = await page.getByTestId('canvas-wrapper').boundingBox();
	if (!box) throw new Error('the canvas is not shown');
	await page.screenshot({ path: file, clip: { x: box.x + 12, y: box.y + 24, width: box.width - 12, height: box.height - 24 } });
}

const PICKER_WORKFLOW = 'ReadmePicker0001';

/** The Daily node of the picker workflow, its Room Name list open with the rooms. */
async function pickerPicture(browser: Browser, server: N8nServer, file: string): Promise<void> {
	const { page } = browser;
	await page.goto(`${server.url}/workflow/${PICKER_WORKFLOW}`);
	await page.getByTestId('canvas-node').first().waitFor();
	await openNode(page, PICKER_NODES.daily);
	await openPicker(page, 'roomName', DAILY_ROOMS.length);
	// Nothing hovered, the node view's opening animation over.
	await page.mouse.move(0, 0);
	await page.waitForTimeout(1000);
	// The node's title, its parameters and the open list below them.
	const parameters = await page.getByTestId('ndv').getByTestId('node-parameters').boundingBox();
	const lastRow = await page.locator('[data-test-id="rlc-item"]:visible').last().boundingBox();
	if (!parameters || !lastRow) throw new Error('the node view or the list is not shown');
	const top = Math.max(0, parameters.y - 96);
	await page.screenshot({ path: file, clip: { x: parameters.x - 8, y: top, width: parameters.width + 16, height: lastRow.y + lastRow.height + 24 - top } });
}

/** A node's parameters in the node view (a trigger's Include options, say), cropped to its title and parameters. */
async function parametersPicture(browser: Browser, server: N8nServer, workflowId: string, nodeName: string, file: string): Promise<void> {
	const { page } = browser;
	await page.goto(`${server.url}/workflow/${workflowId}`);
	await page.getByTestId('canvas-node').first().waitFor();
	await openNode(page, nodeName);
	await page.mouse.move(0, 0);
	await page.waitForTimeout(1000);
	const parameters = await page.getByTestId('ndv').getByTestId('node-parameters').boundingBox();
	if (!parameters) throw new Error('the node view is not shown');
	const top = Math.max(0, parameters.y - 96);
	await page.screenshot({ path: file, clip: { x: parameters.x - 8, y: top, width: parameters.width + 16, height: Math.min(parameters.height + parameters.y - top + 16, VIEWPORT.height - top) } });
}

function shrink(png: string): void {
	try {
		execFileSync('optipng', ['-quiet', '-o2', '-strip', 'all', png], { stdio: 'inherit' });
	} catch {
		// optipng is optional: the picture stays as chromium wrote it.
	}
	console.log(`${png.slice(ROOT.length + 1)}  ${Math.round(statSync(png).size / 1024)} KB`);
}

async function main(): Promise<void> {
	mkdirSync(IMAGES, { recursive: true });
	let runtime: N8nRuntime | undefined;
	let server: N8nServer | undefined;
	let browser: Browser | undefined;
	let rig: PickerRig | undefined;
	try {
		runtime = createRuntime();
		rig = await startPickerRig(runtime);
		await runtime.importWorkflow(pickerWorkflow(PICKER_WORKFLOW));
		await runtime.importCredentials(Object.entries(CREDENTIALS).map(([type, c]) => ({ ...c, type })));
		const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();
		const workflows = files.map((file, i) => ({ file, workflow: load(file, `ReadmePicture${String(i + 1).padStart(3, '0')}`) }));
		for (const { workflow } of workflows) await runtime.importWorkflow(workflow);
		server = await startServer(runtime, await freePort());
		browser = await launch(VIEWPORT);
		await signIn(browser.page, server);
		for (const { file, workflow } of workflows) {
			const png = join(IMAGES, `${basename(file, '.json')}.png`);
			await picture(browser, server, workflow, png);
			shrink(png);
		}
		const png = join(IMAGES, 'daily-room-picker.png');
		await pickerPicture(browser, server, png);
		shrink(png);
		// The Daily Trigger of the transcript example, its Include option set (README "The artefacts with the event").
		const transcript = workflows.find(({ file }) => file === 'daily-transcript-summary.json');
		if (transcript) {
			const include = join(IMAGES, 'daily-trigger-include.png');
			await parametersPicture(browser, server, transcript.workflow.id, 'Transcript Ready', include);
			shrink(include);
		}
	} finally {
		await browser?.close();
		await server?.stop();
		await rig?.close();
		runtime?.cleanup();
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
