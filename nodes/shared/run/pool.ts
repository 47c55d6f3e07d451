/**
 * Runs `worker` over `inputs` with at most `concurrency` in flight.
 * Results are stored by index, so the output order equals the input order whatever finishes first.
 * After a failure no new input is started, and the failure of the lowest index is thrown once the running ones end.
 */
export async function mapInOrder<T, R>(
	inputs: readonly T[],
	concurrency: number,
	worker: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(inputs.length);
	let next = 0;
	type Failure = { error: unknown; index: number };
	const state: { failure?: Failure } = {};
	const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, inputs.length)) }, async () => {
		while (next < inputs.length && !state.failure) {
			const index = next++;
			try {
				results[index] = await worker(inputs[index], index);
			} catch (error) {
				const earlier = state.failure as Failure | undefined;
				if (!earlier || index < earlier.index) state.failure = { error, index };
			}
		}
	});
	await Promise.all(lanes);
	if (state.failure) throw state.failure.error;
	return results;
}

/**
 * Item order for calls that are sent once (not repeatable, see RequestSpec.repeatable): such a call of item i
 * waits until every item before i has finished, and is not sent at all once an earlier item failed, so without
 * Continue On Fail no item after a failed one has done anything, as n8n users expect. Calls that may repeat keep
 * their concurrency.
 */
export class ItemOrder {
	private readonly finished: Array<() => void> = [];
	private readonly done: Array<Promise<void>> = [];
	private readonly allBefore: Array<Promise<void>> = [];
	private failedAt?: number;

	constructor(count: number) {
		for (let i = 0; i < count; i++) this.done.push(new Promise<void>((resolve) => (this.finished[i] = resolve)));
	}

	/** Resolves when every item before `index` has finished; rejects when one of them failed. */
	async turn(index: number): Promise<void> {
		await this.before(index);
		if (this.failedAt !== undefined && this.failedAt < index) throw new Error(`not sent: item ${this.failedAt} failed first`);
	}

	/** Marks an item finished; `failed` (an error that stops the node) keeps later items' once-calls from being sent. */
	finish(index: number, failed: boolean): void {
		if (failed && (this.failedAt === undefined || index < this.failedAt)) this.failedAt = index;
		this.finished[index]?.();
	}

	/** Every item before `index` finished: built up from the last one known, without recursion. */
	private before(index: number): Promise<void> {
		this.allBefore[0] ??= Promise.resolve();
		let known = Math.min(index, this.allBefore.length - 1);
		while (!this.allBefore[known]) known--;
		for (let i = known + 1; i <= index; i++) this.allBefore[i] = Promise.all([this.allBefore[i - 1], this.done[i - 1]]).then(() => undefined);
		return this.allBefore[index];
	}
}
