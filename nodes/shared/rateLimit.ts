import { sleep } from 'n8n-workflow';
import type { RateClass } from './provider';

interface Bucket {
	tokens: number;
	updatedAt: number;
	/** Serialises waiters so that a burst is handed out in arrival order. */
	queue: Promise<void>;
}

/**
 * Per-credential token buckets, shared by every execution in this process,
 * so that concurrent items and workflows together stay under the provider's limit.
 */
const buckets = new Map<string, Bucket>();

function refill(bucket: Bucket, limit: RateClass, now: number): void {
	const elapsed = (now - bucket.updatedAt) / 1000;
	bucket.tokens = Math.min(limit.capacity, bucket.tokens + elapsed * limit.perSecond);
	bucket.updatedAt = now;
}

async function take(key: string, limit: RateClass): Promise<void> {
	let bucket = buckets.get(key);
	if (!bucket) {
		bucket = { tokens: limit.capacity, updatedAt: Date.now(), queue: Promise.resolve() };
		buckets.set(key, bucket);
	}
	const b = bucket;
	const turn = b.queue.then(async () => {
		refill(b, limit, Date.now());
		if (b.tokens < 1) {
			await sleep(Math.ceil(((1 - b.tokens) / limit.perSecond) * 1000));
			refill(b, limit, Date.now());
		}
		b.tokens -= 1;
	});
	b.queue = turn;
	await turn;
}

/** Waits until a call of this class may be sent for this credential. */
export async function acquire(
	credentialKey: string,
	classes: Record<string, RateClass> & { default: RateClass },
	rateClass?: string,
): Promise<void> {
	await take(`${credentialKey}|default`, classes.default);
	if (rateClass && rateClass !== 'default' && classes[rateClass]) {
		await take(`${credentialKey}|${rateClass}`, classes[rateClass]);
	}
}

/** Forgets every bucket (tests). */
export function resetRateLimits(): void {
	buckets.clear();
}
