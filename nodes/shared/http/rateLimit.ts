import { pause } from './cancel';
import type { RateClasses, SlidingWindows } from '../model/provider';

/** Called when the call's answer (or failure) has arrived. */
export type Release = () => void;

const noRelease: Release = () => undefined;

/**
 * Sliding windows: at most `limit` calls in any `ms`. A call counts from when it is sent until `ms` after its
 * answer came back. The server saw the call somewhere in between, so whatever the network's delays, two calls
 * the server counts in one window of its own were also in one window here: no 429 from a window the provider
 * documents, and no pacing finer than the provider asks for (a provider that allows 20 at once every second gets them at once).
 */
class Windows {
	private inFlight = 0;
	/** When answers came back, ascending. */
	private finished: number[] = [];
	private wake?: () => void;
	private queue: Promise<void> = Promise.resolve();
	private readonly longest: number;

	constructor(private readonly limit: SlidingWindows) {
		this.longest = Math.max(0, ...limit.windows.map((w) => w.ms));
	}

	/** Milliseconds until one more call fits every window; undefined when only an answer can make room. */
	private waitMs(now: number): number | undefined {
		while (this.finished.length && this.finished[0] <= now - this.longest) this.finished.shift();
		let wait = 0;
		for (const { limit, ms } of this.limit.windows) {
			const first = this.finished.findIndex((t) => t > now - ms);
			const recent = first < 0 ? [] : this.finished.slice(first);
			const excess = this.inFlight + recent.length - limit + 1;
			if (excess <= 0) continue;
			if (excess > recent.length) return undefined;
			wait = Math.max(wait, recent[excess - 1] + ms - now);
		}
		return wait;
	}

	async take(signal?: AbortSignal): Promise<Release> {
		const turn = this.queue.then(async () => {
			for (;;) {
				const wait = this.waitMs(Date.now());
				if (wait === 0) break;
				if (wait === undefined) await new Promise<void>((resolve) => (this.wake = resolve));
				else await pause(wait, signal);
			}
			this.inFlight++;
		});
		this.queue = turn;
		await turn;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.inFlight--;
			this.finished.push(Date.now());
			const wake = this.wake;
			this.wake = undefined;
			wake?.();
		};
	}
}

/**
 * Per-credential limiters, shared by every execution in this process,
 * so that concurrent items and workflows together stay under the provider's limit.
 */
const limiters = new Map<string, Windows>();

function limiter(key: string, limit: SlidingWindows): Windows {
	let found = limiters.get(key);
	if (!found) {
		found = new Windows(limit);
		limiters.set(key, found);
	}
	return found;
}

/**
 * Waits until a call of this class may be sent for this credential; call the answer's `Release` when it is back.
 * The named class is taken first: holding a place in the wider default class while waiting for a narrow one
 * would hold back other calls. Callers treat the Release as optional, so a limiter stubbed out in a test may resolve nothing.
 */
export async function acquire(credentialKey: string, classes: RateClasses | undefined, rateClass?: string, signal?: AbortSignal): Promise<Release | void> {
	if (!classes) return noRelease;
	const releases: Release[] = [];
	if (rateClass && rateClass !== 'default' && classes[rateClass]) {
		releases.push(await limiter(`${credentialKey}|${rateClass}`, classes[rateClass]).take(signal));
	}
	releases.push(await limiter(`${credentialKey}|default`, classes.default).take(signal));
	return () => releases.forEach((release) => release());
}

/** Forgets every limiter (tests). */
export function resetRateLimits(): void {
	limiters.clear();
}
