import { randomUUID } from 'crypto';
import { freePort, startServer, type N8nServer } from '../../test/e2e/n8n';
import { startDailySimulator } from '../../test/simulators/daily';
import { activateRetried } from '../lib/n8nRun';
import { median, ratio, sleep } from '../lib/stats';
import type { Sizes } from '../lib/sizes';
import type { Scenario } from '../lib/types';
import { PACKAGE } from '../lib/workflows';

/**
 * Scenario 4: 300 and then 2,000 (the full sizes; BENCH_DELIVERIES changes them) signed Daily deliveries to an active Daily Trigger workflow against the same
 * deliveries to n8n's Webhook node, in one running n8n (the two sizes show whether a delivery's cost grows with the
 * deliveries before it). Accepted per second = 200 answers ÷ the time until the last answer,
 * with 10 deliveries in flight (a provider retrying in parallel). Between batches n8n finishes its runs first.
 * n8n runs as a busy webhook instance would: successful runs not saved (with them saved, n8n 1.123 on SQLite
 * took 15 deliveries a second here for either node and grew to 3.7 GB), logs at warn.
 */
const IN_FLIGHT = 10;
const KEY = 'bench_daily_trigger_key_62d9';
const CREDENTIAL = { id: 'benchDailyTrig01', name: 'Bench Daily (trigger)' };

function triggerWorkflow(id: string, trigger: object) {
	return {
		id,
		name: `Bench 4: ${id}`,
		active: false,
		nodes: [
			{ position: [0, 0], ...trigger, name: 'Trigger' },
			{ id: `${id}-noop`, name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0], parameters: {} },
		],
		connections: { Trigger: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

export async function triggerScenario(sizes: Sizes): Promise<Scenario> {
	const sim = await startDailySimulator({ apiKey: KEY });
	const ids = { ours: 'BenchTrigDaily01', theirs: 'BenchTrigWebhook' };
	const workflows = [
		triggerWorkflow(ids.ours, {
			id: 'bench-daily-trigger',
			type: `${PACKAGE}.dailyTrigger`,
			typeVersion: 1,
			webhookId: '3c7e9a41-5b2d-4f6e-8a1c-9d0b2e4f6a83',
			parameters: { events: ['participant.joined'], roomName: '', options: {} },
			credentials: { dailyApi: CREDENTIAL },
		}),
		triggerWorkflow(ids.theirs, {
			id: 'bench-webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: '5e1a2b3c-4d5e-4f60-9a7b-8c9d0e1f2a3b',
			parameters: { httpMethod: 'POST', path: 'bench-daily-events', responseMode: 'onReceived', options: {} },
		}),
	];
	let server: N8nServer | undefined;

	/** Daily's body and signature headers for one participant.joined event. */
	function delivery(hmac: string) {
		const now = Date.now() / 1000;
		const body = JSON.stringify({ version: '1.0.0', type: 'participant.joined', id: randomUUID(), payload: { room: 'bench', user_name: 'Ann', joined_at: now }, event_ts: now });
		const timestamp = String(Math.floor(now));
		return { body, headers: { 'content-type': 'application/json', 'x-webhook-signature': sim.sign(hmac, timestamp, body), 'x-webhook-timestamp': timestamp } };
	}

	/** Sends `count` deliveries with IN_FLIGHT at a time; the 200 answers and the elapsed ms. */
	async function blast(url: string, hmac: string, count: number): Promise<{ accepted: number; ms: number }> {
		const prepared = Array.from({ length: count }, () => delivery(hmac));
		let next = 0;
		let accepted = 0;
		const started = Date.now();
		await Promise.all(
			Array.from({ length: IN_FLIGHT }, async () => {
				while (next < prepared.length) {
					const { body, headers } = prepared[next++];
					const response = await fetch(url, { method: 'POST', body, headers }).catch(() => undefined);
					if (response?.status === 200) accepted++;
					await response?.arrayBuffer();
				}
			}),
		);
		return { accepted, ms: Date.now() - started };
	}

	/** Waits until n8n has no run of the workflow left (finished runs are not kept). */
	async function drained(workflowId: string) {
		const deadline = Date.now() + 300_000;
		while (Date.now() < deadline) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const { body } = await server!.rest('GET', `/executions?filter=${filter}&limit=1`);
			if (Number(body?.data?.count ?? 0) === 0) return;
			await sleep(500);
		}
	}


	return {
		name: '4. Trigger throughput',
		credentials: [{ ...CREDENTIAL, type: 'dailyApi', data: { apiKey: KEY, baseUrl: sim.url } }],
		workflows,
		async run({ runtime, reps: defaultReps, log }) {
			// Each batch takes minutes on a shared 2-core machine: BENCH_TRIGGER_REPS can lower the count for this scenario.
			const reps = Number(process.env.BENCH_TRIGGER_REPS ?? defaultReps);
			server = await startServer(runtime, await freePort(), { EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none', N8N_LOG_LEVEL: 'warn' });
			for (const id of [ids.ours, ids.theirs]) await activateRetried(server!, id);
			const hook = sim.webhooks[0];
			if (!hook) throw new Error('the Daily Trigger did not register its webhook');
			const urls = { ours: hook.url, theirs: `${server.url}/webhook/bench-daily-events` };
			const rows = [];
			for (const size of sizes.deliveries) {
				const rates = { ours: [] as number[], theirs: [] as number[] };
				let allAccepted = true;
				for (let rep = 0; rep < reps; rep++) {
					for (const who of rep % 2 ? (['theirs', 'ours'] as const) : (['ours', 'theirs'] as const)) {
						const { accepted, ms } = await blast(urls[who], hook.hmac, size);
						allAccepted &&= accepted === size;
						rates[who].push((accepted / ms) * 1000);
						log(`  4 ${who} (${size}): ${accepted}/${size} accepted in ${(ms / 1000).toFixed(2)} s = ${rates[who][rep].toFixed(0)}/s`);
						await drained(ids[who]);
					}
				}
				const r = ratio(median(rates.ours), median(rates.theirs));
				rows.push({
					scenario: `4. ${size.toLocaleString('en')} signed Daily deliveries, ${IN_FLIGHT} in flight: Daily Trigger vs Webhook node`,
					measure: 'accepted per second, median',
					ours: `${median(rates.ours).toFixed(0)}/s (signature, timestamp and duplicates checked)${allAccepted ? '' : ', NOT ALL ACCEPTED'}`,
					theirs: `${median(rates.theirs).toFixed(0)}/s (no checks)`,
					ratio: r,
					goal: '≥ 0.90×',
					met: r >= 0.9 && allAccepted,
				});
			}
			return rows;
		},
		close: async () => {
			await server?.stop();
			await sim.close();
		},
	};
}
