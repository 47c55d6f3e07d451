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
