import { type ChildProcess, execFile, execFileSync, spawn } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { freePort, n8nLine, ROOT } from './n8n';

/**
 * The sandbox (`npm start`) run through npm as a user runs it, without its `npm ci` and build steps: `npm run
 * sandbox`, the script `npm start` ends in (`exec npm run sandbox`), on free ports and in a throwaway user folder.
 * Once n8n and the events page answer, an event is fired through the page (and through `npm run sandbox:event`),
 * then npm alone gets SIGTERM (or SIGINT), as a service manager or `kill` sends it: npm passes it on, and the sandbox
 * must stop n8n, every simulator, the mail catcher and the events page, and exit, leaving every port free and no
 * process behind.
 *
 * n8n 1.x only: the sandbox installs and runs the suite's n8n 1.x on this process's Node (test/sandbox/start.ts), and
 * its events page reads n8n 1.x's database; under the e2e-n8n2 project (VC_N8N_LINE=2) this file is skipped.
 */
const describeOn1x = n8nLine() === '1' ? describe : describe.skip;

const PORT_VARS = ['N8N_PORT', 'DAILY_SIM_PORT', 'DIGITAL_SAMBA_SIM_PORT', 'MIROTALK_SIM_PORT', 'SMTP_CATCHER_PORT', 'SANDBOX_EVENTS_PORT', 'CHAT_MODEL_SIM_PORT'] as const;
type Ports = Record<(typeof PORT_VARS)[number], number>;
/** The id start.ts gives examples/daily-recording-ready.json: sandboxExample<index in the sorted list>. */
const RECORDING_EXAMPLE = `sandboxExample${String(
	readdirSync(join(ROOT, 'examples'))
		.filter((f) => f.endsWith('.json'))
		.sort()
		.indexOf('daily-recording-ready.json'),
).padStart(2, '0')}`;

interface Sandbox {
	npm: ChildProcess;
	ports: Ports;
	n8nUrl: string;
	eventsUrl: string;
	env: NodeJS.ProcessEnv;
	output(): string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let folder: string;
const started: Sandbox[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const answers = (url: string) => fetch(url, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);

/** Whether nothing listens on a loopback port (binding it succeeds). */
const portFree = (port: number) =>
	new Promise<boolean>((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});

/** Every process this test's sandbox started: npm, start.js, n8n and its CLI commands (by environment or working folder). */
function sandboxProcesses(): number[] {
	const pids: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
		try {
			const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
			const cwd = readlinkSync(`/proc/${entry}/cwd`);
			if (environ.includes(`SANDBOX_FOLDER=${folder}`) || environ.includes(`N8N_USER_FOLDER=${folder}`) || cwd.startsWith(folder)) pids.push(Number(entry));
		} catch {
			// gone, or not ours
		}
	}
	return pids;
}

async function startSandbox(): Promise<Sandbox> {
	const ports = Object.fromEntries(await Promise.all(PORT_VARS.map(async (name) => [name, await freePort()] as const))) as Ports;
	const env = { ...process.env, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])), SANDBOX_FOLDER: folder };
	// Its own process group, so that a failed test can still clean up; the signals go to npm's pid alone.
	const npm = spawn('npm', ['run', 'sandbox'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	npm.stdout?.on('data', (d) => (output += d));
	npm.stderr?.on('data', (d) => (output += d));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => npm.on('exit', (code, signal) => resolve({ code, signal })));
	const sandbox: Sandbox = {
		npm,
		ports,
		env,
		n8nUrl: `http://127.0.0.1:${ports.N8N_PORT}`,
		eventsUrl: `http://127.0.0.1:${ports.SANDBOX_EVENTS_PORT}`,
		output: () => output,
		exited,
	};
	started.push(sandbox);
	const deadline = Date.now() + 240_000;
	while (!((await answers(`${sandbox.n8nUrl}/healthz/readiness`)) && (await answers(sandbox.eventsUrl)))) {
		if (npm.exitCode !== null) throw new Error(`npm run sandbox exited early (${npm.exitCode}):\n${output}`);
		if (Date.now() > deadline) throw new Error(`the sandbox did not come up:\n${output}`);
		await sleep(500);
	}
	expect(output).toContain(`Events page: ${sandbox.eventsUrl}`);
	return sandbox;
}

/** Sends `signal` to the npm process alone; npm must exit within a bound and leave every port free and no process behind. */
async function stopWith(sandbox: Sandbox, signal: NodeJS.Signals) {
	const sentAt = Date.now();
	process.kill(sandbox.npm.pid as number, signal);
	const exit = await Promise.race([sandbox.exited, sleep(45_000).then(() => undefined)]);
	if (!exit) throw new Error(`npm run sandbox did not exit within 45 s of ${signal}:\n${sandbox.output()}`);
	// Graceful: start.js exits 0 once everything is closed, and npm with it.
	expect(exit).toEqual({ code: 0, signal: null });
	expect(sandbox.output()).toContain(`${signal}: stopping the sandbox`);
	expect(sandbox.output()).toContain('Sandbox stopped.');
	let busy: string[] = [];
	while (Date.now() - sentAt < 50_000) {
		busy = [];
		for (const [name, port] of Object.entries(sandbox.ports)) if (!(await portFree(port))) busy.push(`${name}=${port}`);
		if (!busy.length) break;
		await sleep(250);
	}
	expect(busy).toEqual([]);
	expect(sandboxProcesses()).toEqual([]);
}

/** n8n's REST API as the sandbox's owner (set up on first use, signed in after). */
async function owner(n8nUrl: string) {
	let cookie = '';
	const rest = async (method: string, path: string, body?: unknown) => {
		const response = await fetch(`${n8nUrl}/rest${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'browser-id': 'sandbox-e2e', ...(cookie ? { cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) cookie = setCookie.split(';')[0];
		const text = await response.text();
		try {
			return { status: response.status, body: JSON.parse(text) as any };
		} catch {
			return { status: response.status, body: text as any };
		}
	};
	const account = { email: 'owner@example.com', password: 'Sandbox-E2e-1234' };
	let setup = await rest('POST', '/owner/setup', { ...account, firstName: 'Sandbox', lastName: 'Owner' });
	// /healthz answers before the REST routes exist: retry while they are missing.
	for (let i = 0; i < 120 && (setup.status === 404 || typeof setup.body === 'string'); i++) {
		await sleep(500);
		setup = await rest('POST', '/owner/setup', { ...account, firstName: 'Sandbox', lastName: 'Owner' });
	}
	if (setup.status !== 200) {
		const login = await rest('POST', '/login', { emailOrLdapLoginId: account.email, password: account.password });
		if (login.status !== 200) throw new Error(`owner setup ${setup.status} and login ${login.status} failed`);
	}
	return rest;
}

describeOn1x('the sandbox (npm start) in a real n8n', () => {
	beforeAll(() => {
		// What `npm start` does before `exec npm run sandbox` (npm ci and npm run build aside: the suite has built).
		execFileSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json', '--outDir', '.build'], { cwd: ROOT, stdio: 'inherit' });
		folder = realpathSync(mkdtempSync(join(tmpdir(), 'vc-sandbox-')));
	}, 120_000);

	afterEach(() => {
		// A failed case must not leave its sandbox running.
		for (const sandbox of started.splice(0)) {
			try {
				if (sandbox.npm.exitCode === null) process.kill(-(sandbox.npm.pid as number), 'SIGKILL');
			} catch {
				// gone
			}
		}
		for (const pid of sandboxProcesses()) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// gone
			}
		}
	});

	afterAll(() => {
		if (folder) rmSync(folder, { recursive: true, force: true });
	});

	it('fires recording.ready-to-download through the events page into the activated example, which runs; SIGTERM to npm stops everything', async () => {
		const sandbox = await startSandbox();
		// The page: every provider, each event type its trigger offers, a button each.
		const html = await (await fetch(sandbox.eventsUrl)).text();
		for (const part of ['Daily', 'Digital Samba', 'MiroTalk', 'data-event="recording.ready-to-download"', 'data-event="participant_joined"', 'data-event="join"', '<textarea']) {
			expect(html).toContain(part);
		}
		const rest = await owner(sandbox.n8nUrl);
		const { body: workflow } = await rest('GET', `/workflows/${RECORDING_EXAMPLE}`);
		expect(workflow.data.name).toMatch(/recording is ready/);
		const activation = await rest('POST', `/workflows/${RECORDING_EXAMPLE}/activate`, { versionId: workflow.data.versionId });
		expect(activation.status).toBe(200);

		const fired = await fetch(`${sandbox.eventsUrl}/events/daily/recording.ready-to-download`, { method: 'POST' });
		const answer = (await fired.json()) as { delivered: number; webhooks: Array<{ url: string; status: number }>; ok: boolean; message: string };
		expect(fired.status).toBe(200);
		expect(answer).toMatchObject({ delivered: 1, ok: true, webhooks: [{ url: expect.stringContaining(`${sandbox.n8nUrl}/webhook/`), status: 200 }] });
		expect(answer.message).toMatch(/sent to 1 webhook: .* answered 200/);

		// The example ran to its end: Get Download Link found the recording the sandbox seeded.
		let executions: Array<{ status: string }> = [];
		for (let i = 0; i < 60; i++) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId: RECORDING_EXAMPLE }));
			executions = (await rest('GET', `/executions?filter=${filter}`)).body?.data?.results ?? [];
			if (executions.length && executions.every((e) => !['new', 'running', 'waiting'].includes(e.status))) break;
			await sleep(500);
		}
		expect(executions.map((e) => e.status)).toEqual(['success']);

		await stopWith(sandbox, 'SIGTERM');
	}, 300_000);

	it('npm run sandbox:event says to activate the workflow first when no trigger listens; SIGINT to npm stops everything', async () => {
		// The same user folder: a restart imports the examples again, inactive.
		const sandbox = await startSandbox();
		const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
			execFile('npm', ['run', '--silent', 'sandbox:event', '--', 'daily', 'recording.ready-to-download'], { cwd: ROOT, env: sandbox.env }, (error, out) =>
				resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out }),
			);
		});
		expect(code).toBe(1);
		expect(stdout).toContain('Daily recording.ready-to-download: not sent. No Daily webhook is registered in the simulator: activate the workflow first');
		const miroTalk = await fetch(`${sandbox.eventsUrl}/events/mirotalk/join`, { method: 'POST', body: '{"room_id":"standup"}' });
		expect(miroTalk.status).toBe(409);
		expect(((await miroTalk.json()) as { message: string }).message).toMatch(/No workflow with a MiroTalk Trigger is active in n8n: activate the workflow first/);

		await stopWith(sandbox, 'SIGINT');
	}, 300_000);
});
