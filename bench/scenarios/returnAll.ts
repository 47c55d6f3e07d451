import { DAILY_DOCUMENTED_LIMITS, startDailySimulator } from '../../test/simulators/daily';
import { startDigitalSambaSimulator } from '../../test/simulators/digitalSamba';
import { executeMeasured, nodeError, nodeItems, nodeTime } from '../lib/n8nRun';
import { median, ratio, seconds } from '../lib/stats';
import type { Sizes } from '../lib/sizes';
import type { Row, Scenario } from '../lib/types';
import { httpRequest, manualWorkflow, ours } from '../lib/workflows';

/**
 * Scenario 3: Return All over 10,000 rooms (100 pages of 100, the full size) from the Daily and Digital Samba simulators, each
 * enforcing the provider's documented limit as the real API does (Daily 20/s and 100 per 5 s; Digital Samba
 * 1000/min). n8n's side: the HTTP Request node's own pagination, then Split Out to get one item per room as ours
 * gives. Time is the nodes' own execution time; memory the peak resident size of the `n8n execute` process.
 */
const DAILY_KEY = 'bench_daily_pages_key_81c2';
const DS_KEY = 'bench_ds_pages_key_4f0a';
const DS_TEAM = '0b6c1e2d-3f4a-4b5c-8d6e-7f8091a2b3c4';
const DAILY_CRED = { id: 'benchDailyPages1', name: 'Bench Daily (10,000 rooms)' };
const DS_CRED = { id: 'benchDsPages0001', name: 'Bench Digital Samba (10,000 rooms)' };

const splitOut = { name: 'Split Out', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [600, 0], parameters: { fieldToSplitOut: 'data', options: {} } };

/** HTTP Request pagination: a query parameter updated per page, done when a page is short. */
function paginated(url: string, key: string, next: string, intervalMs: number) {
	return httpRequest(
		'List',
		{
			method: 'GET',
			url,
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'limit', value: '100' }] },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: { parameters: [{ type: 'qs', ...next.split('=').reduce((o, v, i) => (i ? { ...o, value: `=${v}` } : { name: v }), {} as { name?: string; value?: string }) }] },
						paginationCompleteWhen: 'other',
						completeExpression: '={{ $response.body.data.length < 100 }}',
						limitPagesFetched: true,
						maxRequests: 200,
						requestInterval: intervalMs,
					},
				},
			},
		},
		{ authorization: `Bearer ${key}` },
	);
}

interface Measured {
	timeMs: number;
	peakRssMb: number;
	count: number;
	failed?: string;
}

export async function returnAllScenario(sizes: Sizes): Promise<Scenario> {
	const ROOMS = sizes.rooms;
	const daily = await startDailySimulator({ apiKey: DAILY_KEY, rateLimits: DAILY_DOCUMENTED_LIMITS, retryAfter: true });
	daily.seedRooms(ROOMS, 'bench');
	const ds = await startDigitalSambaSimulator({ developerKey: DS_KEY, teamId: DS_TEAM });
	ds.seedRooms(ROOMS, 'bench');
	const dailyNext = 'starting_after={{ $response.body.data[$response.body.data.length - 1].id }}';
	const dsNext = 'offset={{ $pageCount * 100 }}';
	const workflows = {
		dailyOurs: manualWorkflow('BenchPagesDailyOurs', 'Bench 3: Daily node, Return All', [
			ours('List', 'daily', 'dailyApi', DAILY_CRED, { resource: 'room', operation: 'getAll', returnAll: true }),
		]),
		dailyHttp: manualWorkflow('BenchPagesDailyHttp', 'Bench 3: HTTP Request pagination, Daily', [paginated(`${daily.url}/rooms`, DAILY_KEY, dailyNext, 0), splitOut]),
		// The interval a user must set to keep under Daily's 20 requests a second.
		dailyHttp50: manualWorkflow('BenchPagesDailyHttp50', 'Bench 3: HTTP Request pagination, Daily, 50 ms interval', [paginated(`${daily.url}/rooms`, DAILY_KEY, dailyNext, 50), splitOut]),
		dsOurs: manualWorkflow('BenchPagesDsOurs', 'Bench 3: Digital Samba node, Return All', [
			ours('List', 'digitalSamba', 'digitalSambaApi', DS_CRED, { resource: 'room', operation: 'getAll', returnAll: true }),
		]),
		dsHttp: manualWorkflow('BenchPagesDsHttp', 'Bench 3: HTTP Request pagination, Digital Samba', [paginated(`${ds.url}/rooms`, DS_KEY, dsNext, 0), splitOut]),
	};
	type Who = keyof typeof workflows;

	async function once(runtime: Parameters<Scenario['run']>[0]['runtime'], who: Who): Promise<Measured> {
		// Daily's windows from the previous run must have passed.
		await new Promise((r) => setTimeout(r, who.startsWith('daily') ? 5500 : 0));
		const { run, peakRssMb } = await executeMeasured(runtime, workflows[who].id);
		const http = !who.endsWith('Ours');
		const last = http ? 'Split Out' : 'List';
		return {
			timeMs: nodeTime(run, 'List') + (http ? nodeTime(run, 'Split Out') || 0 : 0),
			peakRssMb,
			count: nodeItems(run, last).length,
			failed: nodeError(run, 'List'),
		};
	}

	const describe = (list: Measured[]) => {
		const m = { timeMs: median(list.map((x) => x.timeMs)), peak: median(list.map((x) => x.peakRssMb)), count: median(list.map((x) => x.count)) };
		const failed = list.find((x) => x.failed)?.failed;
		return `${m.count.toLocaleString('en')} items${failed ? ` (node failed: ${failed.slice(0, 60)})` : ''}, ${seconds(m.timeMs)}, peak ${m.peak.toFixed(0)} MB`;
	};

	return {
		name: '3. Return All',
		credentials: [
			{ ...DAILY_CRED, type: 'dailyApi', data: { apiKey: DAILY_KEY, baseUrl: daily.url } },
			{ ...DS_CRED, type: 'digitalSambaApi', data: { developerKey: DS_KEY, teamId: '', baseUrl: ds.url } },
		],
		workflows: Object.values(workflows),
		async run({ runtime, reps, log }) {
			const results = Object.fromEntries(Object.keys(workflows).map((k) => [k, [] as Measured[]])) as Record<Who, Measured[]>;
			const keys = Object.keys(workflows) as Who[];
			for (let rep = 0; rep < reps; rep++) {
				for (const who of rep % 2 ? [...keys].reverse() : keys) {
					const m = await once(runtime, who);
					results[who].push(m);
					log(`  3 ${who}: ${m.count} items, ${seconds(m.timeMs)}, peak ${m.peakRssMb.toFixed(0)} MB${m.failed ? `, failed: ${m.failed}` : ''}`);
				}
			}
			const t = (who: Who) => median(results[who].map((x) => x.timeMs));
			const mem = (who: Who) => median(results[who].map((x) => x.peakRssMb));
			const complete = (who: Who) => results[who].every((x) => x.count === ROOMS && !x.failed);
			const rows: Row[] = [];
			const compare = (label: string, mine: Who, theirs: Who, judged: boolean) => {
				const r = ratio(t(mine), t(theirs));
				const rm = ratio(mem(mine), mem(theirs));
				const ok = complete(mine) && complete(theirs);
				rows.push({
					scenario: `3. Return All, ${ROOMS.toLocaleString('en')} rooms (${Math.ceil(ROOMS / 100)} pages): ${label}`,
					measure: 'node time; peak memory of the n8n process (medians)',
					ours: describe(results[mine]),
					theirs: describe(results[theirs]),
					ratio: complete(theirs) ? r : undefined,
					goal: judged ? '≤ 1.00× time, memory no higher' : undefined,
					met: judged ? ok && r <= 1.0 && rm <= 1.0 : undefined,
				});
				if (judged) rows[rows.length - 1].theirs += `; memory ratio ${rm.toFixed(2)}×`;
			};
			compare('Daily, HTTP Request pagination with no interval', 'dailyOurs', 'dailyHttp', complete('dailyHttp'));
			compare('Daily, HTTP Request pagination with a 50 ms interval (under 20/s)', 'dailyOurs', 'dailyHttp50', true);
			compare('Digital Samba', 'dsOurs', 'dsHttp', true);
			return rows;
		},
		close: async () => {
			await daily.close();
			await ds.close();
		},
	};
}
