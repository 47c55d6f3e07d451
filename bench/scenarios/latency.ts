import { startMiroTalkSimulator } from '../../test/simulators/mirotalk';
import { executeMeasured, nodeItems, nodeTime } from '../lib/n8nRun';
import { median, ratio, seconds } from '../lib/stats';
import type { Sizes } from '../lib/sizes';
import type { Scenario } from '../lib/types';
import { httpRequest, items, manualWorkflow, ours } from '../lib/workflows';

/** Scenario 1: 200 GETs (the full size), 100 ms each, no rate limit (a MiroTalk SFU): our node against the HTTP Request node. */
const LATENCY_MS = 100;
const KEY = 'bench_mirotalk_secret_5a1c';
const CREDENTIAL = { id: 'benchMiroTalk001', name: 'Bench MiroTalk SFU' };
const HEADER_AUTH = { id: 'benchHeaderAuth1', name: 'Bench MiroTalk header auth' };

export async function latencyScenario(sizes: Sizes): Promise<Scenario> {
	const ITEMS = sizes.latencyItems;
	const sim = await startMiroTalkSimulator({ product: 'sfu', apiKey: KEY, latencyMs: LATENCY_MS });
	const workflows = {
		ours: manualWorkflow('BenchLatencyOurs', 'Bench 1: MiroTalk node', [
			items(ITEMS),
			ours('Call', 'miroTalk', 'miroTalkApi', CREDENTIAL, { product: 'sfu', resource: 'stats', operation: 'get' }),
		]),
		theirs: manualWorkflow('BenchLatencyHttp', 'Bench 1: HTTP Request node', [
			items(ITEMS),
			httpRequest('Call', { method: 'GET', url: `${sim.url}/api/v1/stats`, options: {} }, { authorization: KEY }),
		]),
		// The same with the key in a Header Auth credential, which n8n resolves per call as it does ours.
		theirsCredential: manualWorkflow('BenchLatencyHttpCred', 'Bench 1: HTTP Request node, Header Auth', [
			items(ITEMS),
			{
				...httpRequest('Call', { method: 'GET', url: `${sim.url}/api/v1/stats`, authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth', sendHeaders: false, options: {} }, {}),
				credentials: { httpHeaderAuth: HEADER_AUTH },
			},
		]),
	};
	type Who = keyof typeof workflows;
	return {
		name: '1. Latency-bound calls',
		credentials: [
			{ ...CREDENTIAL, type: 'miroTalkApi', data: { serverUrl: sim.url, apiKey: KEY, product: 'sfu' } },
			{ ...HEADER_AUTH, type: 'httpHeaderAuth', data: { name: 'authorization', value: KEY } },
		],
		workflows: Object.values(workflows),
		async run({ runtime, reps, log }) {
			const times: Record<Who, number[]> = { ours: [], theirs: [], theirsCredential: [] };
			let inOrder = true;
			for (let rep = 0; rep < reps; rep++) {
				// Alternate who goes first, so a warming machine favours neither.
				const order: Who[] = rep % 2 ? ['theirsCredential', 'theirs', 'ours'] : ['ours', 'theirs', 'theirsCredential'];
				for (const who of order) {
					const { run, code, output } = await executeMeasured(runtime, workflows[who].id);
					const out = nodeItems(run, 'Call');
					if (code !== 0 || out.length !== ITEMS) throw new Error(`scenario 1 ${who}: exit ${code}, ${out.length} items\n${output.slice(-2000)}`);
					if (who === 'ours') inOrder &&= out.every((item: any, i) => item.pairedItem?.item === i && item.json.totalRooms !== undefined);
					times[who].push(nodeTime(run, 'Call'));
					log(`  1 ${who}: ${seconds(times[who][rep])}`);
				}
			}
			const r = ratio(median(times.ours), median(times.theirs));
			const rc = ratio(median(times.ours), median(times.theirsCredential));
			const ourFigure = `${seconds(median(times.ours))}${inOrder ? ', in order' : ', OUT OF ORDER'}`;
			return [
				{
					scenario: `1. ${ITEMS} GETs, 100 ms latency, no limit (MiroTalk); HTTP Request with the key in a header`,
					measure: 'node time, median',
					ours: ourFigure,
					theirs: seconds(median(times.theirs)),
					ratio: r,
					goal: '≤ 1.00× and in order',
					met: r <= 1.0 && inOrder,
				},
				{
					scenario: '1. same; HTTP Request with a Header Auth credential',
					measure: 'node time, median',
					ours: ourFigure,
					theirs: seconds(median(times.theirsCredential)),
					ratio: rc,
				},
			];
		},
		close: () => sim.close(),
	};
}
