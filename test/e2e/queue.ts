import { execFileSync, spawn } from 'child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { createServer, request, type Server } from 'http';
import { createRequire } from 'module';
import { tmpdir } from 'os';
import { join } from 'path';
import { capture } from './capture';
import { createRuntime, freePort, nodeFor, ROOT, startServer, type N8nRuntime, type N8nServer } from './n8n';

/**
 * n8n in queue mode on one machine, the way it is spread over several in production: PostgreSQL and Redis
 * (test/e2e/services.sh), one main (`n8n start`: editor, REST API, activation), workers (`n8n worker`: every
 * execution) and a webhook processor (`n8n webhook`: production webhooks, which it checks and queues), behind a
 * small loopback proxy that does what the load balancer does in n8n's guide: /webhook/* to the webhook processor,
 * everything else to main. WEBHOOK_URL is the proxy, so providers register (and deliver to) the proxy's address.
 */
export interface QueueOptions {
	workers?: number;
	/** Jobs each worker runs at once (n8n warns below 5). */
	concurrency?: number;
}

export interface N8nProcess {
	label: string;
	logs(): string;
	stop(): Promise<void>;
}

export interface QueueCluster {
	/** CLI commands (import, …) against the shared PostgreSQL database. */
	runtime: N8nRuntime;
	/** The main instance: REST API as the owner, activation, executions. */
	main: N8nServer;
	workers: N8nProcess[];
	webhook: N8nProcess;
	/** The load balancer's address: WEBHOOK_URL of every process. */
	url: string;
	/** Requests the proxy sent to each side. */
	routed: { main: number; webhook: number };
	/** Which worker (0-based) ran an execution, from the workers' logs. */
	workerOf(executionId: string): number | undefined;
	/** Starts one more webhook processor (not behind the proxy); its address is `url`. */
	addWebhookProcessor(): Promise<N8nProcess & { url: string }>;
	/** An execution's run data, read through main's REST API. */
	runData(executionId: string): Promise<{ status: string; resultData: any }>;
	stop(): Promise<void>;
}

const SERVICES = join(ROOT, 'test/e2e/services.sh');

/** Starts PostgreSQL and Redis on free loopback ports in a temp folder (installing the packages if missing). */
export async function startServices(): Promise<{ env: NodeJS.ProcessEnv; description: string; stop(): void }> {
	const dir = mkdtempSync(join(tmpdir(), 'vc-queue-services-'));
	const [pgPort, redisPort] = [await freePort(), await freePort()];
	const description = execFileSync('bash', [SERVICES, 'start', dir, String(pgPort), String(redisPort)], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		timeout: 20 * 60_000,
	}).trim();
	return {
		description,
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pgPort),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			// Manual runs from the editor go to workers too (n8n's recommended setting for queue mode).
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		},
		stop: () => execFileSync('bash', [SERVICES, 'stop', dir], { stdio: 'inherit', timeout: 120_000 }),
	};
}

/** Spawns an n8n command in its own user folder (a copy of the runtime's, with the installed package) and waits until `ready`. */
async function spawnN8n(
	runtime: N8nRuntime,
	label: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	ready: (output: string) => boolean | Promise<boolean>,
): Promise<N8nProcess> {
	const userFolder = mkdtempSync(join(tmpdir(), 'vc-n8n-queue-'));
	mkdirSync(join(userFolder, '.n8n'), { recursive: true });
	cpSync(join(runtime.userFolder, '.n8n', 'nodes'), join(userFolder, '.n8n', 'nodes'), { recursive: true });
	const child = spawn(nodeFor(runtime.bin), [runtime.bin, ...args], { env: { ...runtime.env, ...env, N8N_USER_FOLDER: userFolder }, cwd: userFolder });
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const exited = new Promise<void>((resolveExit) => child.on('exit', () => resolveExit()));
	const deadline = Date.now() + 180_000;
	while (!(await ready(output))) {
		if (child.exitCode !== null) throw new Error(`${label} exited early:\n${output}`);
		if (Date.now() > deadline) throw new Error(`${label} did not become ready:\n${output}`);
		await new Promise((r) => setTimeout(r, 500));
	}
	let stopped = false;
	return {
		label,
		logs: () => output,
		async stop() {
			if (stopped) return;
			stopped = true;
			child.kill('SIGTERM');
			const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
			await exited;
			clearTimeout(killer);
			capture(label, output);
			rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

/** The load balancer: /webhook/… to the webhook processor, the rest to main. */
async function startProxy(mainPort: number, webhookPort: () => number | undefined, routed: QueueCluster['routed']) {
	const server: Server = createServer((req, res) => {
		const toWebhook = (req.url ?? '').startsWith('/webhook/');
		const port = toWebhook ? webhookPort() : mainPort;
		if (port === undefined) {
			res.writeHead(503).end();
			return;
		}
		routed[toWebhook ? 'webhook' : 'main']++;
		const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		});
		upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
		req.pipe(upstream);
	});
	const port = await freePort();
	await new Promise<void>((resolveListen) => server.listen(port, '127.0.0.1', resolveListen));
	return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const healthy = (port: number) => () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);

/**
 * Starts the services, lets `setup` import credentials and workflows (the first CLI command also creates n8n's
 * tables, before any server races to), then main, the workers and the webhook processor.
 */
export async function startQueueCluster(setup: (runtime: N8nRuntime) => Promise<void>, options: QueueOptions = {}): Promise<QueueCluster> {
	const services = await startServices();
	const started: N8nProcess[] = [];
	let runtime: N8nRuntime | undefined;
	let main: N8nServer | undefined;
	let proxy: Awaited<ReturnType<typeof startProxy>> | undefined;
	const stopAll = async () => {
		await Promise.all(started.map((p) => p.stop()));
		await main?.stop();
		await proxy?.close();
		runtime?.cleanup();
		services.stop();
	};
	try {
		runtime = createRuntime(services.env);
		await setup(runtime);

		const routed = { main: 0, webhook: 0 };
		const [mainPort, webhookPort] = [await freePort(), await freePort()];
		let webhookReady: number | undefined;
		proxy = await startProxy(mainPort, () => webhookReady, routed);
		// Main serves the editor and the API and activates workflows; production webhooks are the webhook processor's.
		main = await startServer(runtime, mainPort, { WEBHOOK_URL: `${proxy.url}/`, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' });
		const shared = { WEBHOOK_URL: `${proxy.url}/` };
		const workerCount = options.workers ?? 2;
		const concurrency = options.concurrency ?? 5;
		const processes = await Promise.all([
			...Array.from({ length: workerCount }, (_, i) =>
				spawnN8n(runtime!, `n8n worker ${i + 1}`, ['worker', `--concurrency=${concurrency}`], shared, (out) => out.includes('n8n worker is now ready')),
			),
			spawnN8n(runtime, 'n8n webhook', ['webhook'], { ...shared, N8N_PORT: String(webhookPort) }, healthy(webhookPort)),
		]);
		started.push(...processes);
		webhookReady = webhookPort;
		const workers = processes.slice(0, workerCount);
		const mainServer = main;

		return {
			runtime,
			main: mainServer,
			workers,
			webhook: processes[workerCount],
			url: proxy.url,
			routed,
			workerOf(executionId) {
				const line = new RegExp(`Worker started execution ${executionId} \\(job`);
				const index = workers.findIndex((w) => line.test(w.logs()));
				return index < 0 ? undefined : index;
			},
			async addWebhookProcessor() {
				const port = await freePort();
				const label = `n8n webhook ${started.length + 1}`;
				const processor = await spawnN8n(runtime!, label, ['webhook'], { ...shared, N8N_PORT: String(port) }, healthy(port));
				started.push(processor);
				return { ...processor, url: `http://127.0.0.1:${port}` };
			},
			async runData(executionId) {
				const { status, body } = await mainServer.rest('GET', `/executions/${executionId}`);
				if (status !== 200) throw new Error(`reading execution ${executionId} failed: ${status}`);
				const execution = body.data;
				const data = typeof execution.data === 'string' ? unflatten(runtime!, execution.data) : execution.data;
				return { status: execution.status, resultData: data.resultData };
			},
			stop: stopAll,
		};
	} catch (error) {
		await stopAll().catch(() => undefined);
		throw error;
	}
}

/** Execution data as n8n stores it (the `flatted` format), read with n8n's own copy of flatted. */
function unflatten(runtime: N8nRuntime, text: string): any {
	const flatted = createRequire(runtime.bin)('flatted') as { parse(text: string): unknown };
	return flatted.parse(text);
}
