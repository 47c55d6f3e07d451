import { readdirSync, readFileSync, readlinkSync, realpathSync, writeFileSync } from 'fs';

/**
 * A process's resident memory from /proc (Linux): the current size (VmRSS) and the high-water mark (VmHWM), in MB.
 * `n8n execute` runs are measured by their VmHWM over the whole process (n8nRun.ts); a long-running `n8n start` by
 * the mark reset just before what is measured (resetHighWater), so what it started with does not count.
 */
function statusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
	try {
		const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : undefined;
	} catch {
		return undefined;
	}
}

export const highWaterMb = (pid: number) => statusMb(pid, 'VmHWM');
export const residentMb = (pid: number) => statusMb(pid, 'VmRSS');

/**
 * Resets the process's VmHWM to its current VmRSS (`echo 5 > /proc/<pid>/clear_refs`, Linux 4.0+, the process's
 * owner). False when the kernel refused: the caller then samples VmRSS instead.
 */
export function resetHighWater(pid: number): boolean {
	try {
		writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

/**
 * The peak resident memory of `pid` while `work` runs, above its resident size when it began: VmHWM after a reset,
 * with VmRSS sampled every 20 ms as the fallback (and as a floor) where the reset is refused.
 */
export async function peakGrowthMb<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; baselineMb: number; peakMb: number; growthMb: number; sampled: boolean }> {
	const reset = resetHighWater(pid);
	const baselineMb = residentMb(pid) ?? NaN;
	let sampledPeak = baselineMb;
	const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, residentMb(pid) ?? 0)), 20);
	try {
		const result = await work();
		const peakMb = Math.max(sampledPeak, reset ? (highWaterMb(pid) ?? 0) : 0);
		return { result, baselineMb, peakMb, growthMb: peakMb - baselineMb, sampled: !reset };
	} finally {
		clearInterval(sampler);
	}
}

/**
 * The pid of this process's child whose command line holds every one of `args` (e.g. the n8n bin and `start`) and,
 * when given, whose working directory is `cwd` (startServer runs n8n in its user folder: two `n8n start` of two
 * scenarios differ there).
 */
export function childPid(args: string[], cwd?: string): number | undefined {
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const ppid = /PPid:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
			if (Number(ppid) !== process.pid) continue;
			const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
			if (!args.every((a) => cmdline.includes(a))) continue;
			if (cwd === undefined || realpathSync(readlinkSync(`/proc/${entry}/cwd`)) === realpathSync(cwd)) return Number(entry);
		} catch {
			// gone meanwhile
		}
	}
	return undefined;
}
