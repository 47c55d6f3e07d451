import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { DailyApi } from '../../../../credentials/DailyApi.credentials';
import { DigitalSambaApi } from '../../../../credentials/DigitalSambaApi.credentials';
import { Daily } from '../../../../nodes/Daily/Daily.node';
import { DigitalSamba } from '../../../../nodes/DigitalSamba/DigitalSamba.node';
import { resetRateLimits } from '../../../../nodes/shared/http/rateLimit';
import { createContext } from '../../../helpers/context';
import { DAILY_KEY, DAILY_URL } from '../../../helpers/daily';
import { DS_KEY, DS_URL } from '../../../helpers/digitalSamba';

/**
 * n8n's Stop button aborts the signal getExecutionCancelSignal() hands the node (a real AbortController here):
 * a retry wait, a poll and a request in flight each end within a second of it, long before they would have.
 */
beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	resetRateLimits();
});
afterAll(() => nock.enableNetConnect());

/** Runs a node, aborts after `afterMs`, and answers how long after the abort the run ended (and how). */
async function stopAfter(run: (signal: AbortSignal) => Promise<unknown>, afterMs: number) {
	const controller = new AbortController();
	const outcome = run(controller.signal).then(() => 'finished', () => 'rejected');
	await new Promise((r) => setTimeout(r, afterMs));
	const stoppedAt = Date.now();
	controller.abort();
	const how = await outcome;
	return { how, msAfterStop: Date.now() - stoppedAt };
}

const daily = (parameters: IDataObject, signal: AbortSignal) =>
	new Daily().execute.call(createContext({ parameters, credentials: { apiKey: DAILY_KEY, baseUrl: 'https://api.daily.co/v1' }, credentialType: new DailyApi(), signal }));

it('ends a 100 s Retry-After wait within a second of Stop', async () => {
	nock(DAILY_URL).get('/v1/rooms/standup').reply(429, { error: 'rate-limit-error' }, { 'retry-after': '100' });
	const { how, msAfterStop } = await stopAfter((signal) => daily({ resource: 'room', operation: 'get', roomName: 'standup' }, signal), 300);
	expect(how).toBe('rejected');
	expect(msAfterStop).toBeLessThan(1000);
});

it('ends a request in flight within a second of Stop', async () => {
	nock(DAILY_URL).get('/v1/rooms/standup').delay(20_000).reply(200, { name: 'standup' });
	const { how, msAfterStop } = await stopAfter((signal) => daily({ resource: 'room', operation: 'get', roomName: 'standup' }, signal), 300);
	expect(how).toBe('rejected');
	expect(msAfterStop).toBeLessThan(1000);
});

it('ends Digital Samba summary polling (Wait Until Ready, 60 s between checks) within a second of Stop', async () => {
	nock(DS_URL).get('/api/v1/sessions/s-1/summary').reply(200, { job_id: 'j', status: 'IN_PROGRESS', summary: null });
	const run = (signal: AbortSignal) =>
		new DigitalSamba().execute.call(
			createContext({
				parameters: { resource: 'summary', operation: 'get', sessionId: 's-1', options: { waitUntilReady: true, pollInterval: 60, timeout: 3600 } },
				credentials: { developerKey: DS_KEY, teamId: '', baseUrl: 'https://api.digitalsamba.com/api/v1' },
				credentialType: new DigitalSambaApi(),
				signal,
			}),
		);
	const { how, msAfterStop } = await stopAfter(run, 300);
	expect(how).toBe('rejected');
	expect(msAfterStop).toBeLessThan(1000);
});

it('a stopped run is not turned into error items, also with Continue On Fail', async () => {
	nock(DAILY_URL).get('/v1/rooms/standup').reply(429, { error: 'rate-limit-error' }, { 'retry-after': '100' });
	const controller = new AbortController();
	const ctx = createContext({ parameters: { resource: 'room', operation: 'get', roomName: 'standup' }, credentials: { apiKey: DAILY_KEY, baseUrl: 'https://api.daily.co/v1' }, credentialType: new DailyApi(), signal: controller.signal, continueOnFail: true });
	const outcome = new Daily().execute.call(ctx);
	setTimeout(() => controller.abort(), 200);
	await expect(outcome).rejects.toBeDefined();
});
