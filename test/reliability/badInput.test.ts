import fc from 'fast-check';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { dailyResources } from '../../nodes/Daily/resources';
import { digitalSambaResources } from '../../nodes/DigitalSamba/resources';
import { resourcesFor } from '../../nodes/MiroTalk/resources';
import type { ResourceDescriptor } from '../../nodes/shared/model/descriptor';
import { UNEXPECTED_ERROR } from '../../nodes/shared/http/errors';
import { defaultRetryPolicy, type RetryPolicy } from '../../nodes/shared/http/send';
import { operationProperties } from '../../nodes/shared/describe/properties';
import * as rateLimit from '../../nodes/shared/http/rateLimit';
import { fieldNames, parametersFor } from '../helpers/arbitraries';
import { runDaily } from '../helpers/daily';
import { runDigitalSamba } from '../helpers/digitalSamba';
import { recordFigure } from '../helpers/figures';
import { runMiroTalk } from '../helpers/miroTalk';
import { startDailySimulator } from '../simulators/daily';
import { startDigitalSambaSimulator } from '../simulators/digitalSamba';
import { startMiroTalkSimulator } from '../simulators/mirotalk';

/**
 * Scenario 2, bad input: fast-check generates parameters for every operation of every node (over 10,000 inputs in
 * all) and runs each through the node against its simulator. Each input must end in one of three ways: a request the
 * simulator (the provider's contract) accepts, a NodeOperationError that names the field, or the provider's answer
 * that the resource does not exist. A 400 or 422 from the simulator means the node sent invalid data; any other
 * error is an uncaught exception. Both count against the figure, which must be zero.
 */
const RUNS_PER_OPERATION = 50;
const SEED = 20261123;

/**
 * Provider answers about the world, not about the form of what was sent: a name already taken, a referenced record
 * that does not exist (Laravel's "The selected X is invalid"), a webhook URL that did not answer Daily's test
 * request, a well-formed meeting token whose signature or expiry Daily refuses.
 */
const STATE_ANSWERS = /already exists|The selected [\w ]+ is invalid|did not get a 200|token is invalid/i;

interface Tally {
	inputs: number;
	sent: number;
	rejected: number;
	absent: number;
	problems: string[];
}
const tally: Tally = { inputs: 0, sent: 0, rejected: 0, absent: 0, problems: [] };
const CSV_ITEM: INodeExecutionData = {
	json: {},
	binary: { data: { data: Buffer.from('question,option\nWhich?,A\n').toString('base64'), fileName: 'p.csv', mimeType: 'text/csv' } },
};

type Runner = (parameters: IDataObject) => Promise<unknown>;

async function fuzz(label: string, resources: ResourceDescriptor[], known: string[], run: Runner): Promise<void> {
	for (const resource of resources) {
		for (const op of resource.operations) {
			const properties = operationProperties(op);
			const names = fieldNames(properties);
			const where = `${label} ${resource.value}.${op.operation}`;
			await fc.assert(
				fc.asyncProperty(parametersFor(properties, known), async (generated) => {
					tally.inputs++;
					const problem = await outcome(where, names, () => run({ ...generated, resource: resource.value, operation: op.operation }));
					if (problem) tally.problems.push(`${problem} with ${JSON.stringify(generated).slice(0, 300)}`);
				}),
				{ numRuns: RUNS_PER_OPERATION, seed: SEED, endOnFailure: true },
			);
		}
	}
}

/** What one input led to; a text when it broke the rule. */
async function outcome(where: string, names: string[], call: () => Promise<unknown>): Promise<string | undefined> {
	try {
		await call();
		tally.sent++;
		return undefined;
	} catch (error) {
		if (error instanceof NodeOperationError && error.description !== UNEXPECTED_ERROR) {
			tally.rejected++;
			const text = `${error.message} ${error.description ?? ''}`;
			return names.some((name) => text.includes(name)) ? undefined : `${where}: error names no field: ${error.message}`;
		}
		if (error instanceof NodeApiError) {
			const status = Number(error.httpCode);
			if (status === 404 || status === 409 || ((status === 400 || status === 422) && STATE_ANSWERS.test(error.message))) {
				tally.absent++;
				return undefined;
			}
			return `${where}: the API refused what the node sent (${status}): ${error.message}`;
		}
		return `${where}: uncaught ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`;
	}
}

// Rate limits and retries are not under test here: no waiting, no second tries.
const retryPolicy: RetryPolicy = { ...defaultRetryPolicy, maxRetries: 0, maxRateLimitRetries: 0, timeoutMs: 5000 };
beforeAll(() => jest.spyOn(rateLimit, 'acquire').mockResolvedValue());
afterAll(() => jest.restoreAllMocks());

it('Daily: every operation, fuzzed', async () => {
	const sim = await startDailySimulator({ apiKey: 'fuzz-daily-key' });
	try {
		sim.seedRooms(3, 'room');
		const recording = sim.seedRecording('room-0');
		await fuzz('Daily', dailyResources, ['room-0', 'room-1', recording.id], (parameters) =>
			runDaily(parameters, { apiKey: 'fuzz-daily-key', baseUrl: sim.url, items: [CSV_ITEM], retryPolicy }),
		);
	} finally {
		await sim.close();
	}
}, 600_000);

it('Digital Samba: every operation, fuzzed', async () => {
	const options = { developerKey: 'fuzz-ds-key', teamId: '0d6b1f52-2a7c-4b3e-9a41-5b2f0c9e7d11' };
	const sim = await startDigitalSambaSimulator({ ...options, rateLimitPerMinute: 1e9 });
	try {
		const run: Runner = (parameters) => runDigitalSamba(parameters, { ...options, baseUrl: sim.url, items: [CSV_ITEM], retryPolicy });
		const { output } = (await run({ resource: 'room', operation: 'create', privacy: 'public', settings: { friendly_url: 'fuzz-room' } })) as { output: INodeExecutionData[] };
		await fuzz('Digital Samba', digitalSambaResources, [String(output[0].json.id), 'fuzz-room'], run);
	} finally {
		await sim.close();
	}
}, 600_000);

it('MiroTalk: every operation of every product, fuzzed', async () => {
	for (const product of ['sfu', 'p2p', 'c2c', 'bro'] as const) {
		const sim = await startMiroTalkSimulator({ product, apiKey: 'fuzz-mirotalk-key', allowed: { meetings: true, meetingEnd: true, token: true }, disabled: [], showActiveRooms: true });
		try {
			await fuzz(`MiroTalk ${product}`, resourcesFor(product), ['standup'], (parameters) =>
				runMiroTalk(parameters, { product, apiKey: 'fuzz-mirotalk-key', serverUrl: sim.url, items: [CSV_ITEM], retryPolicy }),
			);
		} finally {
			await sim.close();
		}
	}
}, 600_000);

afterAll(() => {
	const bad = tally.problems.length;
	recordFigure({
		scenario: '2. Bad input',
		measured: `${tally.inputs.toLocaleString('en')} generated inputs: ${tally.sent} sent and accepted, ${tally.rejected} refused naming the field, ${tally.absent} answered "not found"; ${bad} invalid requests or uncaught errors`,
		goal: '>= 10,000 inputs, 0 invalid requests or uncaught errors',
		met: tally.inputs >= 10_000 && bad === 0,
	});
});

// KNOWN_GAP daily-fixes: requests the Daily node sends today that Daily's spec (enforced by the simulator since
// issue #16) refuses. Branch daily-fixes corrects the node; then empty this list (each entry must still match).
const DAILY_KNOWN_GAPS: RegExp[] = [];

it('met the figure: at least 10,000 inputs, none sent invalid data or escaped as an uncaught error', () => {
	const known = (p: string) => DAILY_KNOWN_GAPS.some((gap) => gap.test(p));
	expect(DAILY_KNOWN_GAPS.filter((gap) => !tally.problems.some((p) => gap.test(p)))).toEqual([]);
	expect(tally.problems.filter((p) => !known(p)).slice(0, 400).map((p) => p.slice(0, 260))).toEqual([]);
	expect(tally.inputs).toBeGreaterThanOrEqual(10_000);
});
