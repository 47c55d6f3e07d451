import { callSimulator } from '../../helpers/daily';
import { createServer, type Server } from 'http';
import { startDailySimulator, type DailySimulator } from '../../simulators/daily';

/**
 * The Daily simulator's webhook retryType, as Daily's spec declares it (post_webhook and update_webhook: enum
 * circuit-breaker | exponential, "The default is circuit-breaker") and reference/providers.md §1.3 records its effect:
 * with circuit-breaker three failed answers mark the webhook FAILED and deliveries stop; exponential never trips it.
 */
const KEY = 'sim-retry-key';
let sim: DailySimulator;
let receiver: Server;
let url: string;
/** What the receiver answers to events (the test request always gets 200). */
let eventStatus = 200;

const call = (method: string, path: string, body?: unknown) => callSimulator(sim.url, KEY, method, path, body);

beforeEach(async () => {
	eventStatus = 200;
	receiver = createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			res.statusCode = raw === '{"test":"test"}' ? 200 : eventStatus;
			res.end();
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
	sim = await startDailySimulator({ apiKey: KEY });
});
afterEach(async () => {
	expect(sim.contractViolations).toEqual([]);
	await sim.close();
	await new Promise((resolve) => receiver.close(resolve));
});

it('stores retryType on create (default circuit-breaker) and changes it on update', async () => {
	const created = await call('POST', '/webhooks', { url, eventTypes: ['meeting.ended'] });
	expect(created.body.retryType).toBe('circuit-breaker');
	const updated = await call('POST', `/webhooks/${created.body.uuid}`, { url, eventTypes: ['meeting.ended'], retryType: 'exponential' });
	expect(updated).toMatchObject({ status: 200, body: { uuid: created.body.uuid, retryType: 'exponential' } });
	expect((await call('GET', `/webhooks/${created.body.uuid}`)).body[0].retryType).toBe('exponential');
	await call('DELETE', `/webhooks/${created.body.uuid}`);
	expect((await call('POST', '/webhooks', { url, eventTypes: ['meeting.ended'], retryType: 'exponential' })).body.retryType).toBe('exponential');
});

it('refuses a retryType outside the spec\'s enum, on create and on update, naming the field', async () => {
	const refused = await call('POST', '/webhooks', { url, eventTypes: ['meeting.ended'], retryType: 'linear' });
	expect(refused).toEqual({ status: 400, body: { error: 'invalid-request-error', info: expect.stringMatching(/^retryType must be one of/) } });
	const created = await call('POST', '/webhooks', { url, eventTypes: ['meeting.ended'] });
	expect((await call('POST', `/webhooks/${created.body.uuid}`, { retryType: 'linear' })).status).toBe(400);
	expect(sim.webhooks[0].retryType).toBe('circuit-breaker');
});

it.each([
	['circuit-breaker', 'FAILED', [500, 500, 500, undefined]],
	['exponential', 'ACTIVE', [500, 500, 500, 500]],
] as const)('with %s, three failed answers leave the webhook %s', async (retryType, state, statuses) => {
	await call('POST', '/webhooks', { url, eventTypes: ['meeting.ended'], retryType });
	eventStatus = 500;
	const answers: Array<number | undefined> = [];
	for (let i = 0; i < 4; i++) answers.push(await sim.deliver('meeting.ended', { room: 'r' }));
	expect(answers).toEqual(statuses);
	expect(sim.webhooks[0]).toMatchObject({ state, failedCount: statuses.filter((s) => s === 500).length });
});
