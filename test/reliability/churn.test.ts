import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { DailyApi } from '../../credentials/DailyApi.credentials';
import { DigitalSambaApi } from '../../credentials/DigitalSambaApi.credentials';
import { MiroTalkApi } from '../../credentials/MiroTalkApi.credentials';
import { DailyTrigger } from '../../nodes/Daily/DailyTrigger.node';
import { DigitalSambaTrigger } from '../../nodes/DigitalSamba/DigitalSambaTrigger.node';
import { MiroTalkTrigger } from '../../nodes/MiroTalk/MiroTalkTrigger.node';
import { defaultRetryPolicy, type RetryPolicy } from '../../nodes/shared/http/send';
import { resetRateLimits } from '../../nodes/shared/http/rateLimit';
import { recordFigure } from '../helpers/figures';
import { hookContext, type TriggerEnv } from '../helpers/trigger';
import { startDailySimulator } from '../simulators/daily';
import { startDigitalSambaSimulator } from '../simulators/digitalSamba';
import type { Faults } from '../simulators/faults';
import { listen } from '../simulators/http';

/**
 * Scenario 4, lifecycle churn: each trigger is activated and deactivated 100 times the way n8n does it
 * (checkExists, then create; on a failed activation n8n calls delete to clean up; delete on deactivation) while the
 * simulator injects faults, and every tenth activation meets an outage. After every step the provider must hold
 * exactly the webhooks it should: one of this node's while active, none after, never two; and a webhook someone else
 * created is never changed or removed.
 */
const CYCLES = 100;
const FAULTS: Faults = { errorRate: 0.1, rateLimitRate: 0.05, resetRate: 0.1, seed: 3 };
const OUTAGE: Faults = { errorRate: 1 };

interface Lifecycle {
	webhookMethods: { default: Record<'checkExists' | 'create' | 'delete', (this: IHookFunctions) => Promise<boolean>> };
}

/** n8n's activation: create unless it exists; when that throws, delete what may have been made, and report failure. */
async function activate(trigger: Lifecycle, env: TriggerEnv): Promise<boolean> {
	const methods = trigger.webhookMethods.default;
	try {
		if (!(await methods.checkExists.call(hookContext(env)))) await methods.create.call(hookContext(env));
		return true;
	} catch {
		await methods.delete.call(hookContext(env)).catch(() => undefined);
		return false;
	}
}

async function deactivate(trigger: Lifecycle, env: TriggerEnv): Promise<boolean> {
	return await trigger.webhookMethods.default.delete.call(hookContext(env)).then(() => true, () => false);
}

interface Probe {
	ours(): number;
	foreign(): string;
	setFaults(faults?: Faults): void;
}

interface Tally {
	activations: number;
	failedActivations: number;
	failedDeactivations: number;
	duplicates: number;
	leftovers: number;
	foreignChanged: number;
}

async function churn(trigger: Lifecycle, env: TriggerEnv, probe: Probe): Promise<Tally> {
	const foreignBefore = probe.foreign();
	const tally: Tally = { activations: 0, failedActivations: 0, failedDeactivations: 0, duplicates: 0, leftovers: 0, foreignChanged: 0 };
	for (let cycle = 0; cycle < CYCLES; cycle++) {
		probe.setFaults(cycle % 10 === 9 ? OUTAGE : { ...FAULTS, seed: cycle + 1 });
		const active = await activate(trigger, env);
		probe.setFaults({ ...FAULTS, seed: 1000 + cycle });
		tally.activations++;
		if (!active) tally.failedActivations++;
		if (probe.ours() > 1) tally.duplicates++;
		if (active && probe.ours() !== 1) tally.leftovers++;
		if (!(await deactivate(trigger, env))) tally.failedDeactivations++;
		if (probe.ours() !== 0) tally.leftovers++;
		if (probe.foreign() !== foreignBefore) tally.foreignChanged++;
		resetRateLimits();
	}
	probe.setFaults(undefined);
	return tally;
}

function report(name: string, tally: Tally, extra: string) {
	recordFigure({
		scenario: `4. Lifecycle churn (${name})`,
		measured: `${tally.activations} cycles (${tally.failedActivations} activations interrupted, ${tally.failedDeactivations} deactivations failed): ${tally.leftovers} left over, ${tally.duplicates} duplicates, foreign webhook changed ${tally.foreignChanged} times${extra}`,
		goal: '0 left over, 0 duplicates, foreign untouched',
		met: tally.leftovers === 0 && tally.duplicates === 0 && tally.foreignChanged === 0,
	});
	expect(tally.failedActivations).toBeGreaterThanOrEqual(CYCLES / 10);
	expect({ leftovers: tally.leftovers, duplicates: tally.duplicates, foreignChanged: tally.foreignChanged }).toEqual({ leftovers: 0, duplicates: 0, foreignChanged: 0 });
}

/** The triggers' retries: short waits, so that a hundred cycles under faults take seconds. */
const retryPolicy: RetryPolicy = { ...defaultRetryPolicy, baseDelayMs: 5, maxDelayMs: 20, maxRetries: 6, timeoutMs: 2000 };

it('Daily Trigger: 100 activate/deactivate cycles under faults', async () => {
	const sim = await startDailySimulator({ apiKey: 'churn-daily-key' });
	// Answers Daily's test request for any URL on it.
	const target = await listen(async () => ({ status: 200, body: {} }));
	try {
		const api = (path: string, body: object) =>
			fetch(`${sim.url}${path}`, { method: 'POST', headers: { authorization: 'Bearer churn-daily-key', 'content-type': 'application/json' }, body: JSON.stringify(body) });
		// A domain that allows two webhooks, one of them someone else's.
		await api('/', { properties: { max_webhook_count: 2 } });
		await api('/webhooks', { url: `${target.url}/someone-else`, eventTypes: ['meeting.started'] });
		const url = `${target.url}/webhook/churn/webhook`;
		const env: TriggerEnv = {
			parameters: { events: ['participant.joined'], roomName: '', options: {} },
			staticData: {},
			credentials: { apiKey: 'churn-daily-key', baseUrl: sim.url },
			credentialType: new DailyApi(),
			webhookUrl: url,
		};
		const probe: Probe = {
			ours: () => sim.webhooks.filter((h) => h.url === url).length,
			foreign: () => JSON.stringify(sim.webhooks.filter((h) => h.url !== url)),
			setFaults: sim.setFaults,
		};
		const tally = await churn(new DailyTrigger(retryPolicy) as unknown as Lifecycle, env, probe);
		report('Daily Trigger', tally, `; ${sim.faultCounts.errors} 5xx, ${sim.faultCounts.rateLimited} 429, ${sim.faultCounts.resets} resets injected`);
		expect(JSON.parse(probe.foreign())).toHaveLength(1);
	} finally {
		await target.close();
		await sim.close();
	}
}, 300_000);

it('Digital Samba Trigger: 100 activate/deactivate cycles under faults', async () => {
	const credentials = { developerKey: 'churn-ds-key', teamId: '', baseUrl: '' };
	const sim = await startDigitalSambaSimulator({ developerKey: 'churn-ds-key', teamId: '6f1e2d3c-4b5a-4678-9abc-def012345678', faults: {} });
	try {
		credentials.baseUrl = sim.url;
		await fetch(`${sim.url}/webhooks`, {
			method: 'POST',
			headers: { authorization: 'Bearer churn-ds-key', 'content-type': 'application/json' },
			body: JSON.stringify({ endpoint: 'http://127.0.0.1:9/someone-else', events: ['session_ended'], name: 'Someone else', authorization_header: 'Bearer theirs' }),
		});
		const url = 'http://127.0.0.1:9/webhook/churn/webhook';
		const live = () => sim.state.webhooks.filter((h) => !(h as { deleted?: boolean }).deleted);
		const env: TriggerEnv = {
			parameters: { eventSource: 'documented', events: ['participant_joined'], options: {} },
			staticData: {},
			credentials,
			credentialType: new DigitalSambaApi(),
			webhookUrl: url,
		};
		const probe: Probe = {
			ours: () => live().filter((h) => h.endpoint === url).length,
			foreign: () => JSON.stringify(live().filter((h) => h.endpoint !== url)),
			setFaults: (faults) => sim.setFaults(faults ?? {}),
		};
		const tally = await churn(new DigitalSambaTrigger(retryPolicy) as unknown as Lifecycle, env, probe);
		report('Digital Samba Trigger', tally, '');
		expect(JSON.parse(probe.foreign())).toHaveLength(1);
	} finally {
		await sim.close();
	}
}, 300_000);

it('MiroTalk Trigger: 100 activate/deactivate cycles leave nothing behind', async () => {
	// MiroTalk has no webhook API: what activation records lives in static data only.
	const env: TriggerEnv = {
		parameters: { events: ['join'], token: 'churn-token-0123456789abcdef', options: {} },
		staticData: {},
		credentials: {},
		credentialType: new MiroTalkApi(),
		webhookUrl: 'http://127.0.0.1:9/webhook/churn/mirotalk',
	};
	const tally: Tally = { activations: 0, failedActivations: 0, failedDeactivations: 0, duplicates: 0, leftovers: 0, foreignChanged: 0 };
	for (let cycle = 0; cycle < CYCLES; cycle++) {
		tally.activations++;
		if (!(await activate(new MiroTalkTrigger() as unknown as Lifecycle, env))) tally.failedActivations++;
		if (!(await deactivate(new MiroTalkTrigger() as unknown as Lifecycle, env))) tally.failedDeactivations++;
		if (Object.keys(env.staticData as IDataObject).length) tally.leftovers++;
	}
	recordFigure({
		scenario: '4. Lifecycle churn (MiroTalk Trigger)',
		measured: `${tally.activations} cycles: ${tally.failedActivations} failed, ${tally.leftovers} left over (no provider webhook API: static data only)`,
		goal: '0 left over',
		met: tally.leftovers === 0 && tally.failedActivations === 0,
	});
	expect(tally).toMatchObject({ failedActivations: 0, failedDeactivations: 0, leftovers: 0 });
});
