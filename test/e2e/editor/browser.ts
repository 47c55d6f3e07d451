import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium, selectors, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ROOT, type N8nServer } from '../n8n';

/**
 * Debian's chromium driven by playwright-core, for the editor test (test/e2e/editor.e2e.test.ts) and the README
 * pictures (test/e2e/editor/pictures.ts). test/e2e/chromium.sh installs the browser when it is missing; playwright's
 * own browser downloads are never used.
 */

export const OWNER = { email: 'owner@example.com', password: 'E2e-Password-1234' };

/** n8n's editor marks its elements with data-test-id (playwright's default is data-testid). */
selectors.setTestIdAttribute('data-test-id');

export interface Browser {
	context: BrowserContext;
	page: Page;
	close(): Promise<void>;
}

/** The path of Debian's chromium, installed with apt-get first when missing. */
export function chromiumPath(): string {
	return execFileSync('bash', [join(ROOT, 'test/e2e/chromium.sh')], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		timeout: 20 * 60_000,
	}).trim();
}

/** Headless chromium with a fresh profile; without the background-networking flags it opens connections nobody asked for. */
export async function launch(viewport = { width: 1440, height: 900 }): Promise<Browser> {
	const executablePath = chromiumPath();
	const profile = mkdtempSync(join(tmpdir(), 'vc-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath,
		headless: true,
		viewport,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage',
		],
	});
	// The machine is shared and slow at times: generous, but finite.
	context.setDefaultTimeout(45_000);
	context.setDefaultNavigationTimeout(90_000);
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		context,
		page,
		async close() {
			await context.close().catch(() => undefined);
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

/**
 * Signs the browser in as the instance owner. n8n can answer the owner setup that startServer() sends while it is
 * still starting and then forget it (seen under load: the login is refused and the editor asks for an owner again);
 * then the setup is repeated, with the same account.
 */
export async function signIn(page: Page, server: N8nServer): Promise<void> {
	const deadline = Date.now() + 120_000;
	for (;;) {
		const login = await page.request.post(`${server.url}/rest/login`, {
			// No browser-id header: n8n ties the session to the one the editor sends, which it makes up itself.
			data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
		});
		if (login.ok()) return;
		if (Date.now() > deadline) throw new Error(`login as the owner failed: ${login.status()}`);
		const settings = await page.request.get(`${server.url}/rest/settings`);
		const setupPending = settings.ok() && (await settings.json())?.data?.userManagement?.showSetupOnFirstLoad === true;
		if (setupPending) {
			await server.rest('POST', '/owner/setup', { email: OWNER.email, firstName: 'E2E', lastName: 'Owner', password: OWNER.password });
		}
		await page.waitForTimeout(1000);
	}
}

/** Is the (first) image loaded and drawn at a non-zero natural size? */
export async function imageRendered(image: Locator): Promise<boolean> {
	return image
		.first()
		.evaluate((img: any) => Boolean(img.complete && img.naturalWidth > 0 && img.naturalHeight > 0), undefined, { timeout: 2_000 })
		.catch(() => false);
}

/** Polls until `check` is true or the time is up; returns the last answer. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<boolean> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return true;
		if (Date.now() > until) return false;
		await new Promise((r) => setTimeout(r, 250));
	}
}
