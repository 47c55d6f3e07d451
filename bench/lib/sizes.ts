/**
 * How big each scenario is. The benchmark's own sizes, or the smoke sizes: the smallest that still take every path
 * of a scenario (Daily's 20/s limit answers 429, Return All walks several pages), which CI runs so a broken bench
 * fails it (bench/smoke.test.ts).
 */
export interface Sizes {
	/** Scenario 1: GETs to the MiroTalk simulator. */
	latencyItems: number;
	/** Scenario 2: Daily room creations under Daily's limits. */
	createItems: number;
	/** Scenario 3: rooms each simulator lists (100 a page). */
	rooms: number;
	/** Scenario 4: signed deliveries a batch, one batch a size. */
	deliveries: number[];
	/** Scenario 6: the recording file the Daily Trigger includes, in bytes, and the deliveries of each kind a repetition. */
	includeFileBytes: number;
	includeDeliveries: number;
}

export const FULL_SIZES: Sizes = {
	latencyItems: 200,
	createItems: 300,
	rooms: 10_000,
	deliveries: (process.env.BENCH_DELIVERIES ?? '300,2000').split(',').map(Number),
	includeFileBytes: Number(process.env.BENCH_INCLUDE_MB ?? 200) * 2 ** 20,
	includeDeliveries: 5,
};

export const SMOKE_SIZES: Sizes = { latencyItems: 20, createItems: 30, rooms: 250, deliveries: [50], includeFileBytes: 4 * 2 ** 20, includeDeliveries: 1 };
