import type { IBinaryData, IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';
import { defaultRetryPolicy, type RetryPolicy } from '../../nodes/shared/http/send';
import { resetRateLimits } from '../../nodes/shared/http/rateLimit';
import { duplicatesIn, type Faults, type WorkDone } from '../simulators/faults';
import { recordFigure } from './figures';

/**
 * The duplicates scenario (test/reliability/duplicates.*.test.ts): every operation that creates, starts or sends
 * something runs a batch of items, each with a call of its own, while the simulator fails 40% of calls, half of them
 * after it did the work (its answer replaced by a 5xx, a dropped connection, or sent after the client's timeout:
 * `slowMs` is past FAST_RETRIES' `timeoutMs`). The simulator logs every call it did; none may have been done twice.
 */
export const FAULTS: Faults = { errorRate: 0.08, rateLimitRate: 0.08, resetRate: 0.04, afterWorkRate: 0.2, slowMs: 1600, seed: 11 };

/** A simulator the scenario runs against: faults it can switch on, and the log of the work it did. */
export interface FaultySimulator {
	setFaults(faults?: Faults): void;
	workDone: WorkDone[];
	close(): Promise<void>;
}

/** A create, start or send operation under faults. */
export interface DuplicateCase<Sim> {
	/** `resource.operation`, as the Retry On Fail notice names it. */
	op: string;
	/** What the case runs, when one operation has several (named and unnamed rooms). */
	variant?: string;
	/** Makes what the items need (their rooms, sessions, questions) before the faults are switched on. */
	setup?(sim: Sim, items: number): Promise<unknown[]> | unknown[];
	/** The node parameters of item `i`, given what setup made for it. */
	params(i: number, made: unknown): IDataObject;
	/** The binary input of item `i` (uploads, CSV imports), in field `data`. */
	file?(i: number): IBinaryData;
	/** Whether every item must succeed: operations that find what they made are sent again, so none may fail. */
	allSucceed?: boolean;
	/** Checks of what the run left in the simulator. */
	after?(sim: Sim, output: INodeExecutionData[], made: unknown[]): void;
}

/** One provider's scenario: its node, its cases, how to start its simulator and run its node against it. */
export interface DuplicateSuite<Sim extends FaultySimulator> {
	provider: string;
	node: INodeType;
	cases: Array<DuplicateCase<Sim>>;
	start(): Promise<Sim>;
	/** Runs the node made with `retryPolicy` (the scenario's, FAST_RETRIES). */
	run(sim: Sim, parameters: IDataObject[], items: INodeExecutionData[], retryPolicy: RetryPolicy): Promise<INodeExecutionData[]>;
}

/** Items per case, each with a call of its own: their indexes. */
const ITEMS = 40;
const INDEXES = Array.from({ length: ITEMS }, (_, i) => i);

/** The operations that carry the Retry On Fail notice: those not repeatable (OperationDescriptor.repeatable). */
export function unrepeatableOperations(node: INodeType): string[] {
	const properties = node.description.properties as Array<{ name: string; displayOptions?: { show?: Record<string, unknown[]> } }>;
	return properties
		.filter((p) => p.name === 'sendsOnceNotice')
		.map((p) => `${String(p.displayOptions?.show?.resource?.[0])}.${String(p.displayOptions?.show?.operation?.[0])}`);
}

/** A case's title in the test list and the figures table. */
function caseName<Sim>(c: DuplicateCase<Sim>): string {
	return c.variant ? `${c.op} (${c.variant})` : c.op;
}

/**
 * Short retry waits for the run (40% of calls meet a fault). A call that must succeed and meets its fault 9 times
 * in a row happened about once in a hundred runs with 8 retries (CI, stop 19): 24 put it below 1e-9, at 50 ms each.
 * A timeout of 1.5 s, so that FAULTS' late answers time out; a simulator on loopback answers in milliseconds.
 */
const FAST_RETRIES: RetryPolicy = Object.freeze({ ...defaultRetryPolicy, timeoutMs: 1500, baseDelayMs: 5, maxDelayMs: 50, maxRetries: 24 });

/**
 * Records the figure and asserts it: no call done twice, every input item answered (an operation may give several
 * output items per input item, Create Many one per room), failures said so.
 */
function report<Sim>(provider: string, c: DuplicateCase<Sim>, output: INodeExecutionData[], duplicates: number): void {
	const inputOf = (item: INodeExecutionData) => (item.pairedItem as { item: number } | undefined)?.item;
	const answered = new Set(output.map(inputOf));
	const failed = output.filter((item) => item.json.error);
	const everyItem = INDEXES.every((i) => answered.has(i));
	recordFigure({
		scenario: `1. Faults after the work (${provider} ${caseName(c)})`,
		measured: `${ITEMS - failed.length}/${ITEMS} ok, ${failed.length} reported as possibly done (not sent again), ${duplicates} duplicates`,
		goal: '0 duplicates; every item ok or reported',
		met: duplicates === 0 && everyItem,
	});
	expect([...answered].sort((a, b) => Number(a) - Number(b))).toEqual(INDEXES);
	expect(duplicates).toBe(0);
	// A failure is one the provider may have done: said so, never retried.
	for (const item of failed) expect(String(item.json.description)).toMatch(/Not sent again|answered 4\d\d|gave up/);
	if (c.allSucceed) expect(failed.map((item) => item.json)).toEqual([]);
}

/** Runs a case: setup, then the faults (none when undefined), then the node over the items. */
async function runCase<Sim extends FaultySimulator>(suite: DuplicateSuite<Sim>, c: DuplicateCase<Sim>, faults: Faults | undefined) {
	const sim = await suite.start();
	try {
		const made = (await c.setup?.(sim, ITEMS)) ?? [];
		if (faults) sim.setFaults(faults);
		const output = await suite.run(
			sim,
			INDEXES.map((i) => c.params(i, made[i])),
			INDEXES.map((i) => (c.file ? { json: {}, binary: { data: c.file(i) } } : { json: {} })),
			FAST_RETRIES,
		);
		return { output, duplicates: duplicatesIn(sim.workDone), after: () => c.after?.(sim, output, made) };
	} finally {
		await sim.close();
	}
}

/**
 * The scenario's tests for one provider: every operation the node sends once has a case; without faults every item
 * of every case succeeds (the items are valid calls, so a failure under faults is a fault's); under FAULTS no call is
 * done twice. Cases run concurrently (jest's maxConcurrency, 5): a case spends its time waiting (its calls sent once
 * go one after the other, 429s wait for their Retry-After), and each has a simulator, faults and rate limits of its own.
 */
export function describeDuplicates<Sim extends FaultySimulator>(suite: DuplicateSuite<Sim>): void {
	afterEach(() => resetRateLimits());
	const named = suite.cases.map((c) => [caseName(c), c] as const);

	it('every operation the node sends once has a case', () => {
		const covered = new Set(suite.cases.map((c) => c.op));
		const operations = unrepeatableOperations(suite.node);
		expect(operations.length).toBeGreaterThan(0);
		expect(operations.filter((op) => !covered.has(op))).toEqual([]);
	});

	it.each(named)('%s: every item valid', async (_name, c) => {
		const { output, after } = await runCase(suite, c, undefined);
		expect(output.filter((item) => item.json.error).map((item) => item.json)).toEqual([]);
		after();
	}, 120_000);

	it.concurrent.each(named)('%s: none twice under faults', async (_name, c) => {
		const { output, duplicates, after } = await runCase(suite, c, FAULTS);
		report(suite.provider, c, output, duplicates);
		after();
	}, 120_000);
}
