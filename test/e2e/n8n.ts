import { execFileSync, spawn } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';

/**
 * A real n8n for end-to-end tests: a pinned version cached outside the clone, this package packed and
 * installed the way n8n installs a community package, SQLite in a throwaway user folder.
 */
/** The package root: the nearest folder up from here with this package's package.json (also from a compiled copy). */
function findRoot(from: string): string {
	for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
		const file = join(dir, 'package.json');
		if (existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).name === 'n8n-nodes-video-conferencing') return dir;
	}
	throw new Error(`package root not found above ${from}`);
}

export const ROOT = findRoot(__dirname);
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

export interface N8nRuntime {
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

/** Installs (or finds cached) the pinned n8n; returns the folder that holds node_modules/n8n. */
export function installN8n(): string {
	return execFileSync('bash', [join(ROOT, 'test/e2e/install-n8n.sh')], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		timeout: 20 * 60_000,
	}).trim();
}

/** Packs the built package and installs it into `<userFolder>/.n8n/nodes` like n8n's community installer. */
export function installPackage(userFolder: string): void {
	const packDir = mkdtempSync(join(tmpdir(), 'vc-pack-'));
	const file = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8' })
		.trim()
		.split('\n')
		.pop() as string;
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const target = join(nodesDir, 'node_modules', PACKAGE.name);
	mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', join(packDir, file), '-C', target, '--strip-components=1']);
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE.name]: PACKAGE.version } }, null, 2),
	);
	rmSync(packDir, { recursive: true, force: true });
}

/** The run data JSON that `n8n execute --rawOutput` prints after its log lines. */
export function parseRunOutput(stdout: string): RunData | undefined {
	const start = stdout.search(/^\{$/m);
	if (start < 0) return undefined;
	try {
		return JSON.parse(stdout.slice(start)) as RunData;
	} catch {
		return undefined;
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

/** Runs an n8n CLI command to completion. */
export function runCli(bin: string, env: NodeJS.ProcessEnv, args: string[], timeoutMs = 180_000): Promise<CliResult> {
	return new Promise<CliResult>((resolvePromise) => {
		const child = spawn(process.execPath, [bin, ...args], { env, cwd: env.N8N_USER_FOLDER });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('close', (code) => {
			clearTimeout(timer);
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

export const n8nBin = (n8nHome: string) => join(n8nHome, 'node_modules', 'n8n', 'bin', 'n8n');

export function createRuntime(): N8nRuntime {
	const bin = n8nBin(installN8n());
	const userFolder = mkdtempSync(join(tmpdir(), 'vc-n8n-'));
	installPackage(userFolder);
	const env = n8nEnv(userFolder);
	const cli = (args: string[], timeoutMs?: number) => runCli(bin, env, args, timeoutMs);
	return {
		userFolder,
		env,
		cli,
		importCredentials: (credentials) => importInto(bin, env, 'credentials', credentials),
		importWorkflow: (workflow) => importInto(bin, env, 'workflow', [workflow]),
		async execute(workflowId) {
			const result = await cli(['execute', `--id=${workflowId}`, '--rawOutput']);
			return { result, run: parseRunOutput(result.stdout) };
		},
		cleanup: () => rmSync(userFolder, { recursive: true, force: true }),
	};
}
