import { DAILY_DOCUMENTED_LIMITS, startDailySimulator } from '../../test/simulators/daily';
import type { RateWindow } from '../../test/simulators/http';
import { executeMeasured, nodeError, nodeItems, nodeTime } from '../lib/n8nRun';
import { median, seconds, sleep } from '../lib/stats';
import type { Sizes } from '../lib/sizes';
import type { Scenario } from '../lib/types';
import { httpRequest, items, manualWorkflow, ours } from '../lib/workflows';

/**
 * Scenario 2: 300 room creations (the full size) against the Daily simulator enforcing Daily's documented limits
 * (20 requests/s, 100 per 5 s; 429 with Retry-After). Rooms are unnamed, as in the issue's measurement,
 * so a create sent twice makes a second room. The HTTP Request node tags its calls with `?bench_item=<i>`
 * (the simulator ignores it) so that its duplicates can be counted per item.
 */
const KEY = 'bench_daily_limits_key_3e7d';
const CREDENTIAL = { id: 'benchDailyLimit1', name: 'Bench Daily (documented limits)' };

/** The earliest time, in ms after the first call, at which the limits admit call number `count`. */
export function minimumMs(count: number, windows: RateWindow[]): number {
	const admitted: number[] = [];
	for (let k = 0; k < count; k++) {
		admitted.push(Math.max(0, ...windows.map((w) => (k >= w.limit ? admitted[k - w.limit] + w.windowMs : 0))));
	}
	return admitted[count - 1];
}

interface Figures {
	delivered: number;
	errors: number;
	created: number;
	duplicates: number;
	refused: number;
	timeMs: number;
	failed?: string;
}

export async function rateLimitedScenario(sizes: Sizes): Promise<Scenario> {
	const ITEMS = sizes.createItems;
	const sim = await startDailySimulator({ apiKey: KEY, rateLimits: DAILY_DOCUMENTED_LIMITS, retryAfter: true });
	const auth = { authorization: `Bearer ${KEY}` };
	const post = (extra: object) =>
		httpRequest(
			'Create',
			{
				method: 'POST',
				url: `=${sim.url}/rooms?bench_item={{ $json.i }}`,
				sendBody: true,
				contentType: 'json',
				specifyBody: 'json',
				jsonBody: '{ "privacy": "public" }',
				options: {},
			},
			auth,
			extra,
		);
	const workflows = {
		ours: manualWorkflow('BenchLimitOurs', 'Bench 2: Daily node', [
			items(ITEMS),
			ours('Create', 'daily', 'dailyApi', CREDENTIAL, { resource: 'room', operation: 'create', privacy: 'public' }, { onError: 'continueRegularOutput' }),
		]),
		httpDefault: manualWorkflow('BenchLimitHttpDef', 'Bench 2: HTTP Request, defaults (continue on error)', [
			items(ITEMS),
			post({ onError: 'continueRegularOutput' }),
		]),
		httpRetry: manualWorkflow('BenchLimitHttpRetry', 'Bench 2: HTTP Request, Retry On Fail 3 × 1 s', [
			items(ITEMS),
			post({ retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 }),
		]),
	};
	type Who = keyof typeof workflows;

	async function once(runtime: Parameters<Scenario['run']>[0]['runtime'], who: Who): Promise<Figures> {
		// Let every window of the previous run pass, so each run starts from an idle limit.
		await sleep(5500);
		const requestsBefore = sim.requests.length;
		const refusedBefore = sim.rateLimited;
		const { run } = await executeMeasured(runtime, workflows[who].id);
		const creates = sim.requests.slice(requestsBefore).filter((r) => r.method === 'POST' && /\/rooms$/.test(r.path));
		const out = nodeItems(run, 'Create');
		const delivered = out.filter((i) => !i.json.error && i.json.name).length;
		let duplicates: number;
		if (who === 'ours') {
			// Our calls carry no tag: every room beyond the items that got one is a duplicate (or an orphan).
			duplicates = Math.max(0, creates.length - delivered);
		} else {
			const perItem = new Map<string, number>();
			for (const c of creates) {
				const item = new URLSearchParams(c.query).get('bench_item') ?? '?';
				perItem.set(item, (perItem.get(item) ?? 0) + 1);
			}
			duplicates = [...perItem.values()].reduce((sum, n) => sum + n - 1, 0);
		}
		return {
			delivered,
			errors: out.filter((i) => i.json.error).length,
			created: creates.length,
			duplicates,
			refused: sim.rateLimited - refusedBefore,
			timeMs: nodeTime(run, 'Create'),
			failed: nodeError(run, 'Create'),
		};
	}

	const describe = (f: Figures) =>
		`${f.delivered}/${ITEMS} out${f.errors ? ` (${f.errors} error items)` : ''}${f.failed ? ' (node failed)' : ''}, ${f.created} rooms made, ${f.duplicates} duplicates, ${f.refused} × 429, ${seconds(f.timeMs)}`;

	return {
		name: '2. Rate-limited bulk creation',
		credentials: [{ ...CREDENTIAL, type: 'dailyApi', data: { apiKey: KEY, baseUrl: sim.url } }],
		workflows: Object.values(workflows),
		async run({ runtime, reps, log }) {
			const results: Record<Who, Figures[]> = { ours: [], httpDefault: [], httpRetry: [] };
			for (let rep = 0; rep < reps; rep++) {
				const order: Who[] = rep % 2 ? ['httpDefault', 'httpRetry', 'ours'] : ['ours', 'httpDefault', 'httpRetry'];
				for (const who of order) {
					const f = await once(runtime, who);
					results[who].push(f);
					log(`  2 ${who}: ${describe(f)}`);
				}
			}
			const minimum = minimumMs(ITEMS, DAILY_DOCUMENTED_LIMITS);
			/** The repetition with the median time, so that its counts and time belong together. */
			const medianRun = (list: Figures[]) => [...list].sort((a, b) => a.timeMs - b.timeMs)[Math.floor((list.length - 1) / 2)];
			const mine = medianRun(results.ours);
			const allDelivered = results.ours.every((f) => f.delivered === ITEMS && f.duplicates === 0);
			const r = median(results.ours.map((f) => f.timeMs)) / minimum;
			return [
				{
					scenario: `2. ${ITEMS} room creations, Daily limits (20/s, 100 per 5 s); HTTP Request with defaults`,
					measure: 'items out, rooms, duplicates, 429s, node time (median run)',
					ours: describe(mine),
					theirs: describe(medianRun(results.httpDefault)),
				},
				{
					scenario: '2. same; HTTP Request with Retry On Fail (3 tries, 1 s)',
					measure: 'same',
					ours: describe(mine),
					theirs: describe(medianRun(results.httpRetry)),
				},
				{
					scenario: `2. our time ÷ the minimum the limits allow (${seconds(minimum)} for call ${ITEMS})`,
					measure: 'node time, median',
					ours: `${seconds(median(results.ours.map((f) => f.timeMs)))}${allDelivered ? `, ${ITEMS}/${ITEMS} and 0 duplicates in every run` : ', NOT ALL DELIVERED OR DUPLICATES'}`,
					theirs: `minimum ${seconds(minimum)}`,
					ratio: r,
					goal: `≤ 1.15×, ${ITEMS}/${ITEMS}, 0 duplicates`,
					met: r <= 1.15 && allDelivered,
				},
			];
		},
		close: () => sim.close(),
	};
}
