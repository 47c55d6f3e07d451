import type { IDataObject } from 'n8n-workflow';
import { callSimulator, DAILY_KEY, runDaily } from '../../helpers/daily';
import { startDailySimulator, type DailySimulator } from '../../simulators/daily';
import { PHONE_NUMBERS_PAGE_MAX } from '../../simulators/daily/routes/telephony';

/**
 * Daily's lists against the simulator, which answers as Daily documents each list: purchased phone numbers at most
 * 50 a call whatever `limit` asks (docs page cited in the route), the API log a bare array with no count.
 */
describe('Daily lists end where Daily says', () => {
	let sim: DailySimulator;
	beforeEach(async () => {
		sim = await startDailySimulator({ apiKey: DAILY_KEY });
	});
	afterEach(async () => await sim.close());
	const run = (parameters: IDataObject) => runDaily(parameters, { baseUrl: sim.url });

	it('Phone Number → Get Many, Return All over 120 numbers returns all 120 (Daily sends at most 50 a call)', async () => {
		expect(PHONE_NUMBERS_PAGE_MAX).toBe(50);
		for (let i = 0; i < 120; i++) await callSimulator(sim.url, DAILY_KEY, 'POST', '/buy-phone-number', {});
		const { output } = await run({ resource: 'phoneNumber', operation: 'getAll', returnAll: true });
		expect(new Set(output.map((item) => item.json.id)).size).toBe(120);
		const pages = sim.requests.filter((r) => r.path.endsWith('/purchased-phone-numbers'));
		// 50 + 50 + 20, and total_count says the list is whole: no fourth call. The node asks for the documented cap.
		expect(pages).toHaveLength(3);
		expect(pages.map((r) => new URLSearchParams(r.query).get('limit'))).toEqual(['50', '50', '50']);
	});

	it('Phone Number → Get Many with Limit 70 returns 70', async () => {
		for (let i = 0; i < 80; i++) await callSimulator(sim.url, DAILY_KEY, 'POST', '/buy-phone-number', {});
		const { output } = await run({ resource: 'phoneNumber', operation: 'getAll', returnAll: false, limit: 70 });
		expect(output).toHaveLength(70);
	});

	it('SIP Client → Get Many ends at the documented count, `total` (docs: {sip_clients, total, limit, offset}), with no extra call', async () => {
		for (const username of ['alpha', 'beta.1', 'gamma']) await callSimulator(sim.url, DAILY_KEY, 'POST', '/sip-clients', { username });
		const { output } = await run({ resource: 'sipClient', operation: 'getAll', returnAll: true });
		expect(output.map((item) => item.json.username).sort()).toEqual(['alpha', 'beta.1', 'gamma']);
		expect(sim.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/sip-clients'))).toHaveLength(1);
	});

	it('Log → Get API Logs (a bare array, no count) returns every entry and ends on an empty page', async () => {
		// Every request the simulator answers is logged; 130 room reads make more than one page of 100.
		for (let i = 0; i < 130; i++) await callSimulator(sim.url, DAILY_KEY, 'GET', '/rooms');
		const logged = sim.state.apiLogs.length;
		expect(logged).toBeGreaterThan(100);
		const { output } = await run({ resource: 'logs', operation: 'getApiLogs', returnAll: true });
		expect(output.length).toBe(logged);
		const pages = sim.requests.filter((r) => r.path.endsWith('/logs/api'));
		// Full pages of 100, then the empty page that ends a list with no count.
		expect(pages).toHaveLength(Math.ceil(logged / 100) + 1);
	});
});
