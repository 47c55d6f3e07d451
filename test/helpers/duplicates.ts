import type { IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';
import { defaultRetryPolicy } from '../../nodes/shared/http';
import { resetRateLimits } from '../../nodes/shared/rateLimit';
import type { Faults } from '../simulators/faults';
import { recordFigure } from './figures';

/**
 * The duplicates scenario (test/unit/reliability/duplicates.*.test.ts): every operation that creates, starts or sends
 * something runs a batch of items, each with a call of its own, while the simulator fails 40% of calls, half of them
 * after it did the work (its answer replaced by a 5xx or a dropped connection). The simulator logs every call it did;
 * none may have been done twice.
 */
export const FAULTS: Faults = { errorRate: 0.08, rateLimitRate: 0.08, resetRate: 0.04, afterWorkRate: 0.2, seed: 11 };

/** A create, start or send operation under faults. */
export interface DuplicateCase<Ctx> {
	/** `resource.operation`, as the Retry On Fail notice names it. */
	op: string;
	/** What the case runs, when one operation has several (named and unnamed rooms). */
	variant?: string;
	/** Items in the batch; fewer where the provider's limit for the call is 1/s. */
	items?: number;
	/** Makes what the items need (their rooms, sessions, questions) before the faults are switched on. */
	setup?: (ctx: Ctx, items: number) => Promise<unknown[]> | unknown[];
	/** The node parameters of item `i`, given what setup made for it. */
	params: (i: number, made: unknown) => IDataObject;
	/** Whether every item must succeed: operations that find what they made are sent again, so none may fail. */
	allSucceed?: boolean;
}

export const DEFAULT_ITEMS = 40;

/** The operations that carry the Retry On Fail notice: those whose call the kernel sends only once. */
export function sendsOnceOperations(node: INodeType): string[] {
	const properties = node.description.properties as Array<{ name: string; displayOptions?: { show?: Record<string, unknown[]> } }>;
	return properties
		.filter((p) => p.name === 'sendsOnceNotice')
		.map((p) => `${String(p.displayOptions?.show?.resource?.[0])}.${String(p.displayOptions?.show?.operation?.[0])}`);
}

/** A case's title in the test list and the figures table. */
export function caseName<Ctx>(c: DuplicateCase<Ctx>): string {
	return c.variant ? `${c.op} (${c.variant})` : c.op;
}

/**
 * Short retry waits for the run (40% of calls meet a fault). A call that must succeed and meets its fault 9 times
 * in a row happened about once in a hundred runs with 8 retries (CI, stop 19): 24 put it below 1e-9, at 50 ms each.
 */
export function fastRetries(): void {
	const saved = { ...defaultRetryPolicy };
	beforeAll(() => Object.assign(defaultRetryPolicy, { timeoutMs: 5000, baseDelayMs: 5, maxDelayMs: 50, maxRetries: 24 }));
	afterEach(() => resetRateLimits());
	afterAll(() => Object.assign(defaultRetryPolicy, saved));
}

/**
 * Records the figure and asserts it: no call done twice, every input item answered (an operation may give several
 * output items per input item, Create Many one per room), failures said so.
 */
export function report<Ctx>(provider: string, c: DuplicateCase<Ctx>, items: number, output: INodeExecutionData[], duplicates: number): void {
	const inputOf = (item: INodeExecutionData) => (item.pairedItem as { item: number } | undefined)?.item;
	const answered = new Set(output.map(inputOf));
	const failed = output.filter((item) => item.json.error);
	const everyItem = Array.from({ length: items }, (_, i) => i).every((i) => answered.has(i));
	recordFigure({
		scenario: `1. Faults after the work (${provider} ${caseName(c)})`,
		measured: `${items - failed.length}/${items} ok, ${failed.length} reported as possibly done (not sent again), ${duplicates} duplicates`,
		goal: '0 duplicates; every item ok or reported',
		met: duplicates === 0 && everyItem,
	});
	expect([...answered].sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: items }, (_, i) => i));
	expect(duplicates).toBe(0);
	// A failure is one the provider may have done: said so, never retried.
	for (const item of failed) expect(String(item.json.description)).toMatch(/Not sent again|answered 4\d\d|gave up/);
	if (c.allSucceed) expect(failed.map((item) => item.json)).toEqual([]);
}
