import type { INodeExecutionData } from 'n8n-workflow';
import { defaultRetryPolicy, type RetryPolicy } from '../../nodes/shared/http/send';
import { resetRateLimits } from '../../nodes/shared/http/rateLimit';
import { runDaily } from '../helpers/daily';
import { runDigitalSamba } from '../helpers/digitalSamba';
import { recordFigure } from '../helpers/figures';
import { runMiroTalk } from '../helpers/miroTalk';
import { startDailySimulator } from '../simulators/daily';
import { startDigitalSambaSimulator } from '../simulators/digitalSamba';
import type { Faults } from '../simulators/faults';
import { startMiroTalkSimulator } from '../simulators/mirotalk';

/**
 * Reliability under faults: each action node runs 500 items against its simulator while 20% of requests fail
 * (5xx, 429, connections dropped after the work was done, answers slower than the timeout). Every item must
 * succeed, in input order, and no create may be made twice. The measured figures are printed.
 */
const ITEMS = 500;
const FAULTS: Faults = { errorRate: 0.08, rateLimitRate: 0.04, resetRate: 0.04, slowRate: 0.04, slowMs: 3000, seed: 7 };
const GOAL = `${ITEMS}/${ITEMS} ok, input order, 0 duplicates`;

// A timeout that slow answers (3 s) exceed but a loaded CI machine's ordinary answers do not; enough retries that
// 20% faults cannot exhaust them.
const retryPolicy: RetryPolicy = { ...defaultRetryPolicy, timeoutMs: 1500, baseDelayMs: 20, maxDelayMs: 200, maxRetries: 8 };
afterEach(() => resetRateLimits());

/** Records the measured figure first, so that a short one shows in the table as well as failing the test. */
function figure(node: string, output: INodeExecutionData[], key: (i: number) => unknown, read: (item: INodeExecutionData) => unknown, duplicates: number, detail: string) {
	const ok = output.filter((item) => !item.json.error).length;
	const inOrder = output.every((item, i) => read(item) === key(i));
	recordFigure({
		scenario: `1. Faults (${node})`,
		measured: `${ok}/${ITEMS} ok, ${inOrder ? 'in order' : 'OUT OF ORDER'}, ${duplicates} duplicates; ${detail}`,
		goal: GOAL,
		met: ok === ITEMS && inOrder && duplicates === 0,
	});
}

function check(output: INodeExecutionData[], key: (i: number) => unknown, read: (item: INodeExecutionData) => unknown) {
	expect(output).toHaveLength(ITEMS);
	expect(output.map((item) => item.json.error).filter(Boolean)).toEqual([]);
	expect(output.map(read)).toEqual(Array.from({ length: ITEMS }, (_, i) => key(i)));
	expect(output.map((item) => (item.pairedItem as { item: number }).item)).toEqual(Array.from({ length: ITEMS }, (_, i) => i));
}

it('Daily: 500 room creations, all succeed in order, none twice', async () => {
	const sim = await startDailySimulator({ apiKey: 'reliability-daily', faults: FAULTS });
	try {
		const started = Date.now();
		const params = Array.from({ length: ITEMS }, (_, i) => ({ resource: 'room', operation: 'create', roomName: `r-${i}` }));
		const { output } = await runDaily(params, { apiKey: 'reliability-daily', baseUrl: sim.url, continueOnFail: true, retryPolicy });
		const names = sim.rooms.map((r) => r.name);
		const injected = sim.faultCounts;
		figure('Daily', output, (i) => `r-${i}`, (item) => item.json.name, names.length - new Set(names).size, `${sim.requests.length} requests, injected ${injected.errors} 5xx, ${injected.rateLimited} 429, ${injected.resets} resets, ${injected.slow} slow; ${((Date.now() - started) / 1000).toFixed(1)} s`);
		check(output, (i) => `r-${i}`, (item) => item.json.name);
		expect(new Set(names).size).toBe(names.length);
		expect(names).toHaveLength(ITEMS);
		expect(injected.errors + injected.rateLimited + injected.resets + injected.slow).toBeGreaterThan(ITEMS * 0.15);
	} finally {
		await sim.close();
	}
}, 180_000);

it('Digital Samba: 500 room creations, all succeed in order, none twice', async () => {
	const sim = await startDigitalSambaSimulator({ developerKey: 'reliability-ds', teamId: '12345678-1234-4234-8234-123456789012', faults: FAULTS });
	try {
		const started = Date.now();
		const params = Array.from({ length: ITEMS }, (_, i) => ({ resource: 'room', operation: 'create', privacy: 'public', settings: { friendly_url: `room-${i}` } }));
		const { output } = await runDigitalSamba(params, { developerKey: 'reliability-ds', baseUrl: sim.url, continueOnFail: true, retryPolicy });
		const urls = sim.state.rooms.map((r) => r.friendly_url);
		figure('Digital Samba', output, (i) => `room-${i}`, (item) => item.json.friendly_url, urls.length - new Set(urls).size, `${sim.requests.length} requests; ${((Date.now() - started) / 1000).toFixed(1)} s`);
		check(output, (i) => `room-${i}`, (item) => item.json.friendly_url);
		expect(new Set(urls).size).toBe(urls.length);
		expect(urls).toHaveLength(ITEMS);
	} finally {
		await sim.close();
	}
}, 240_000);

it('MiroTalk: 500 join links, all succeed in order', async () => {
	const sim = await startMiroTalkSimulator({ product: 'sfu', apiKey: 'reliability-mt', faults: FAULTS });
	try {
		const started = Date.now();
		const params = Array.from({ length: ITEMS }, (_, i) => ({ resource: 'joinLink', operation: 'create', room: 'standup', options: { name: `person-${i}` } }));
		const { output } = await runMiroTalk(params, { apiKey: 'reliability-mt', serverUrl: sim.url, continueOnFail: true, retryPolicy });
		const injected = sim.faultCounts;
		const name = (item: INodeExecutionData) => (item.json.join ? new URL(String(item.json.join)).searchParams.get('name') : undefined);
		figure('MiroTalk', output, (i) => `person-${i}`, name, 0, `injected ${injected.errors} 5xx, ${injected.rateLimited} 429, ${injected.resets} resets, ${injected.slow} slow; ${((Date.now() - started) / 1000).toFixed(1)} s`);
		check(output, (i) => `person-${i}`, name);
	} finally {
		await sim.close();
	}
}, 180_000);
