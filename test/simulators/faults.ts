import { seededRandom } from './digitalSamba/util';
import type { SimRequest, SimResponse } from './http';

/** Faults a simulator injects, for reliability tests; shares of requests, drawn from a seeded PRNG. */
export interface Faults {
	/** Share answered with a 5xx (500, 502 or 503). */
	errorRate?: number;
	/** Share answered 429. */
	rateLimitRate?: number;
	/** Share whose socket is dropped without an answer (after the request was handled: the work is done, the answer lost). */
	resetRate?: number;
	/** Share answered only after `slowMs`. */
	slowRate?: number;
	slowMs?: number;
	/**
	 * Share whose work is done and whose answer is then lost: a third get a 5xx instead of the real answer, a third a
	 * dropped connection, a third the answer only after `slowMs` (past a client's timeout). A client that sends such a
	 * call again does the work twice.
	 */
	afterWorkRate?: number;
	seed?: number;
}

/** A request the simulator's handler answered 2xx: work the provider did. */
export interface WorkDone {
	method: string;
	path: string;
	body: unknown;
}

/** How many times the same call (method, path, body) was done: more than once is a duplicate side effect. */
export function duplicatesIn(work: WorkDone[], method = 'POST'): number {
	const counts = new Map<string, number>();
	for (const w of work) if (w.method === method) counts.set(JSON.stringify([w.path, w.body]), (counts.get(JSON.stringify([w.path, w.body])) ?? 0) + 1);
	return [...counts.values()].reduce((sum, n) => sum + (n - 1), 0);
}

export interface FaultBodies {
	serverError: (status: number) => SimResponse;
	rateLimited: () => SimResponse;
}

export interface FaultCounts {
	errors: number;
	rateLimited: number;
	resets: number;
	slow: number;
	afterWork: number;
}

/**
 * Wraps a simulator's request handler with injected faults. A reset is injected after the handler ran,
 * like a real answer lost on the way back: the client must not create twice when it retries.
 */
export function withFaults(
	handle: (req: SimRequest) => Promise<SimResponse | undefined>,
	bodies: FaultBodies,
	initial: Faults = {},
) {
	let faults = initial;
	let random = seededRandom(initial.seed ?? 1);
	const counts: FaultCounts = { errors: 0, rateLimited: 0, resets: 0, slow: 0, afterWork: 0 };
	const work: WorkDone[] = [];
	const wrapped = async (req: SimRequest): Promise<SimResponse | undefined> => {
		const draw = random();
		let edge = faults.errorRate ?? 0;
		if (draw < edge) {
			counts.errors++;
			return bodies.serverError([500, 502, 503][Math.floor(random() * 3)]);
		}
		edge += faults.rateLimitRate ?? 0;
		if (draw < edge) {
			counts.rateLimited++;
			return bodies.rateLimited();
		}
		const reset = draw < edge + (faults.resetRate ?? 0);
		edge += faults.resetRate ?? 0;
		const slow = !reset && draw < edge + (faults.slowRate ?? 0);
		edge += faults.slowRate ?? 0;
		const lost = !reset && !slow && draw < edge + (faults.afterWorkRate ?? 0);
		if (slow) {
			counts.slow++;
			await new Promise((r) => setTimeout(r, faults.slowMs ?? 1000));
		}
		const result = await handle(req);
		if (result && result.status >= 200 && result.status < 300) work.push({ method: req.method, path: req.path, body: req.body });
		if (reset) {
			counts.resets++;
			return { status: 200, destroy: true };
		}
		if (lost) {
			counts.afterWork++;
			const kind = random();
			if (kind < 1 / 3) return bodies.serverError(502);
			if (kind < 2 / 3) return { status: 200, destroy: true };
			await new Promise((r) => setTimeout(r, faults.slowMs ?? 1000));
		}
		return result;
	};
	return {
		handle: wrapped,
		counts,
		/** Every request answered 2xx by the handler (the work was done), whatever answer reached the client. */
		work,
		set(next: Faults = {}) {
			faults = next;
			random = seededRandom(next.seed ?? 1);
		},
	};
}
