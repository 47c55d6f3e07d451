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
	seed?: number;
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
	const counts: FaultCounts = { errors: 0, rateLimited: 0, resets: 0, slow: 0 };
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
		if (!reset && draw < edge + (faults.slowRate ?? 0)) {
			counts.slow++;
			await new Promise((r) => setTimeout(r, faults.slowMs ?? 1000));
		}
		const result = await handle(req);
		if (reset) {
			counts.resets++;
			return { status: 200, destroy: true };
		}
		return result;
	};
	return {
		handle: wrapped,
		counts,
		set(next: Faults = {}) {
			faults = next;
			random = seededRandom(next.seed ?? 1);
		},
	};
}
