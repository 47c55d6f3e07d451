import type { INode } from 'n8n-workflow';
import { NodeOperationError, sleep, sleepWithAbort } from 'n8n-workflow';

/**
 * n8n's Stop button (and a queue-mode worker cancelling a run) as an AbortSignal: every request, retry wait, rate
 * limit wait and poll of the kernel ends with it, so no wait outlives the run.
 */
export function cancelSignal(ctx: object): AbortSignal | undefined {
	// Any n8n context: only a run's has the signal (IExecuteFunctions; not pickers', and not on older 1.x).
	const get = (ctx as { getExecutionCancelSignal?: () => AbortSignal | undefined }).getExecutionCancelSignal;
	return typeof get === 'function' ? get.call(ctx) : undefined;
}

/** Slices of a wait where n8n-workflow has no sleepWithAbort (older 1.x): the wait still ends within this. */
const SLICE_MS = 250;

/** Waits `ms`, or until the signal aborts (then it rejects, as n8n's sleepWithAbort does). */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await sleep(ms);
	if (typeof sleepWithAbort === 'function') return await sleepWithAbort(ms, signal);
	for (let left = ms; left > 0; left -= SLICE_MS) {
		if (signal.aborted) throw new Error('The execution was stopped');
		await sleep(Math.min(SLICE_MS, left));
	}
	if (signal.aborted) throw new Error('The execution was stopped');
}

/** What a stopped call or wait ends with: the run is being cancelled, so no retry, no error item. */
export function stopped(node: INode): NodeOperationError {
	return new NodeOperationError(node, 'The execution was stopped');
}
