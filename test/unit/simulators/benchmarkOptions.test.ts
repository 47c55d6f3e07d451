import { DAILY_DOCUMENTED_LIMITS, startDailySimulator } from '../../simulators/daily';
import { startDigitalSambaSimulator } from '../../simulators/digitalSamba';
import { slidingWindows } from '../../simulators/http';
import { startMiroTalkSimulator } from '../../simulators/mirotalk';

/** The simulator options the benchmarks use: fixed latency, Daily's sliding-window limits with Retry-After, 10,000 rooms. */
const KEY = 'bench-options-key';
let servers: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
	await Promise.all(servers.map((s) => s.close()));
	servers = [];
});

const daily = async (options: Partial<Parameters<typeof startDailySimulator>[0]> = {}) => {
	const sim = await startDailySimulator({ apiKey: KEY, ...options });
	servers.push(sim);
	return sim;
};
const get = (url: string, key = KEY) => fetch(url, { headers: { authorization: `Bearer ${key}` } });

describe('slidingWindows', () => {
	it('counts accepted requests per window and answers the seconds until the next one fits', () => {
		let now = 0;
		const limits = slidingWindows(DAILY_DOCUMENTED_LIMITS, () => now);
		const admitted: number[] = [];
		// Offer one request every 10 ms for 10 s: at most 20 in any second and 100 in any 5 s may pass.
		for (now = 0; now < 10_000; now += 10) if (limits.check() === undefined) admitted.push(now);
		for (const t of admitted) {
			expect(admitted.filter((a) => a > t - 1000 && a <= t).length).toBeLessThanOrEqual(20);
			expect(admitted.filter((a) => a > t - 5000 && a <= t).length).toBeLessThanOrEqual(100);
		}
		expect(admitted).toHaveLength(200);
		expect(admitted.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => i * 10));
		expect(limits.refused).toBe(1000 - 200);
	});

	it('answers Retry-After in whole seconds, at least 1', () => {
		let now = 0;
		const limits = slidingWindows([{ limit: 2, windowMs: 3000 }], () => now);
		expect(limits.check()).toBeUndefined();
		expect(limits.check()).toBeUndefined();
		now = 100;
		expect(limits.check()).toBe(3); // the first one leaves the window at 3000 ms
		now = 2999;
		expect(limits.check()).toBe(1);
		now = 3000;
		expect(limits.check()).toBeUndefined();
	});
});

describe('Daily simulator', () => {
	it('enforces sliding-window limits with 429 rate-limit-error and Retry-After when asked', async () => {
		const sim = await daily({ rateLimits: [{ limit: 3, windowMs: 60_000 }], retryAfter: true });
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push((await get(`${sim.url}/rooms`)).status);
		expect(statuses).toEqual([200, 200, 200, 429]);
		const refused = await get(`${sim.url}/rooms`);
		expect(await refused.json()).toEqual({ error: 'rate-limit-error', info: 'Too many requests' });
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
		expect(sim.rateLimited).toBe(2);
	});

	it('sends no Retry-After unless asked, as Daily documents none', async () => {
		const sim = await daily({ rateLimits: [{ limit: 1, windowMs: 60_000 }] });
		await get(`${sim.url}/`);
		const refused = await get(`${sim.url}/`);
		expect(refused.status).toBe(429);
		expect(refused.headers.get('retry-after')).toBeNull();
	});

	it('answers after the configured latency', async () => {
		const sim = await daily({ latencyMs: 120 });
		const started = Date.now();
		expect((await get(`${sim.url}/`)).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(115);
	});

	it('pages through 10,000 seeded rooms newest first, 100 a page', async () => {
		const sim = await daily();
		sim.seedRooms(10_000);
		const seen: string[] = [];
		let after: string | undefined;
		for (let pages = 0; pages < 101; pages++) {
			const body = (await (await get(`${sim.url}/rooms?limit=100${after ? `&starting_after=${after}` : ''}`)).json()) as { total_count: number; data: Array<{ id: string; name: string }> };
			expect(body.total_count).toBe(10_000);
			seen.push(...body.data.map((r) => r.name));
			if (body.data.length < 100) break;
			after = body.data[body.data.length - 1].id;
		}
		expect(seen).toHaveLength(10_000);
		expect(new Set(seen).size).toBe(10_000);
		expect(seen[0]).toBe('seed-9999');
	});
});

describe('MiroTalk simulator', () => {
	it('answers after the configured latency', async () => {
		const sim = await startMiroTalkSimulator({ product: 'sfu', apiKey: KEY, latencyMs: 100 });
		servers.push(sim);
		const started = Date.now();
		const response = await fetch(`${sim.url}/api/v1/stats`, { headers: { authorization: KEY } });
		expect(response.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(95);
	});
});

describe('Digital Samba simulator', () => {
	it('seeds 10,000 rooms at once and pages through them with limit and offset', async () => {
		const sim = await startDigitalSambaSimulator({ developerKey: KEY, teamId: '12345678-1234-4234-8234-123456789012' });
		servers.push(sim);
		const started = Date.now();
		sim.seedRooms(10_000, 'bench');
		expect(Date.now() - started).toBeLessThan(5000);
		const page = async (offset: number) =>
			(await (await get(`${sim.url}/rooms?limit=100&offset=${offset}&order=asc`)).json()) as { total_count: number; data: Array<{ id: string; friendly_url: string }> };
		const first = await page(0);
		const last = await page(9900);
		expect(Number(first.total_count)).toBe(10_000); // a string, as the spec's example has it
		expect(first.data[0].friendly_url).toBe('bench-0');
		expect(last.data.map((r) => r.friendly_url)).toEqual(Array.from({ length: 100 }, (_, i) => `bench-${9900 + i}`));
		expect(new Set([...first.data, ...last.data].map((r) => r.id)).size).toBe(200);
	});
});
