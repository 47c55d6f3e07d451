import { spawn } from 'child_process';
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { importInto, parseRunOutput, runCli, type N8nRuntime, type N8nServer, type RunData } from '../../test/e2e/n8n';
import { highWaterMb } from './memory';
import { sleep } from './stats';

/**
 * `n8n execute --rawOutput` in a fresh process, like the e2e runtime's execute(), plus the process's peak
 * resident memory (VmHWM, sampled from /proc every 20 ms while it runs; the kernel keeps the high-water mark,
 * so the last sample is the peak unless memory grew in the process's last 20 ms).
 */
export interface MeasuredRun {
	run?: RunData;
	code: number;
	peakRssMb: number;
	output: string;
}

/**
 * The run data JSON in the output: from its first line `{` to its last line `}`. n8n sometimes prints more
 * after it (a line "aborted" per keep-alive socket closed at exit), which a parse to the end would trip on.
 */
export function parseRun(stdout: string): RunData | undefined {
	const start = stdout.search(/^\{$/m);
	const end = stdout.lastIndexOf('\n}');
	if (start < 0 || end < start) return undefined;
	try {
		return JSON.parse(stdout.slice(start, end + 2)) as RunData;
	} catch {
		return undefined;
	}
}

export async function executeMeasured(runtime: N8nRuntime, workflowId: string, timeoutMs = 300_000): Promise<MeasuredRun> {
	// Output goes to a file, not a pipe: n8n exits right after printing, and a pipe loses what it had not yet
	// taken (the run data of 10,000 rooms came out cut at 15 MB); writes to a file are synchronous.
	const dir = mkdtempSync(join(tmpdir(), 'vc-bench-run-'));
	const outFile = join(dir, 'stdout.txt');
	const fd = openSync(outFile, 'w');
	const child = spawn(process.execPath, [runtime.bin, 'execute', `--id=${workflowId}`, '--rawOutput'], {
		env: runtime.env,
		cwd: runtime.userFolder,
		stdio: ['ignore', fd, fd],
	});
	let peak = 0;
	const sampler = setInterval(() => (peak = Math.max(peak, highWaterMb(child.pid as number) ?? 0)), 20);
	const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
	const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
	clearInterval(sampler);
	clearTimeout(killer);
	closeSync(fd);
	const output = readFileSync(outFile, 'utf8');
	rmSync(dir, { recursive: true, force: true });
	return { run: parseRun(output), code, peakRssMb: peak, output: output.length > 20_000 ? `${output.slice(0, 4000)}\n…\n${output.slice(-4000)}` : output };
}

/** A node's own execution time in ms (n8n's runData executionTime), summed over its runs. */
export function nodeTime(run: RunData | undefined, node: string): number {
	const runs = (run?.data.resultData.runData[node] ?? []) as Array<{ executionTime?: number }>;
	if (runs.length === 0) return NaN;
	return runs.reduce((sum, r) => sum + (r.executionTime ?? 0), 0);
}

/** The items a node output (first run, first output), or [] when it failed. */
export function nodeItems(run: RunData | undefined, node: string): Array<{ json: any }> {
	return run?.data.resultData.runData[node]?.[0]?.data?.main[0] ?? [];
}

/** The node's error message, if n8n recorded one. */
export function nodeError(run: RunData | undefined, node: string): string | undefined {
	const error = run?.data.resultData.runData[node]?.[0]?.error ?? undefined;
	return error ? String(error.message ?? error) : undefined;
}

/**
 * A runtime of the same n8n and installed package in a user folder of its own (its own SQLite, owner and workflows),
 * for a scenario that starts `n8n start` after another one did in the shared folder (a second start there finds the
 * owner set up, and activates the other scenario's workflows again). Cleaned up by its `cleanup()`.
 */
export function siblingRuntime(runtime: N8nRuntime, extraEnv: NodeJS.ProcessEnv = {}): N8nRuntime {
	const userFolder = mkdtempSync(join(tmpdir(), 'vc-n8n-'));
	cpSync(join(runtime.userFolder, '.n8n', 'nodes'), join(userFolder, '.n8n', 'nodes'), { recursive: true });
	const env = { ...runtime.env, ...extraEnv, N8N_USER_FOLDER: userFolder };
	const cli = (args: string[], timeoutMs?: number) => runCli(runtime.bin, env, args, timeoutMs);
	return {
		bin: runtime.bin,
		userFolder,
		env,
		cli,
		importCredentials: (credentials) => importInto(runtime.bin, env, 'credentials', credentials),
		importWorkflow: (workflow) => importInto(runtime.bin, env, 'workflow', [workflow]),
		async execute(workflowId) {
			const result = await cli(['execute', `--id=${workflowId}`, '--rawOutput']);
			return { result, run: parseRunOutput(result.stdout) };
		},
		cleanup: () => rmSync(userFolder, { recursive: true, force: true }),
	};
}

/** Activates a workflow, tried up to three times: right after start n8n has at times answered the first workflow read without data. */
export async function activateRetried(server: N8nServer, id: string): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await server.activate(id);
		} catch (error) {
			if (attempt === 3) throw error;
			await sleep(2000);
		}
	}
}
