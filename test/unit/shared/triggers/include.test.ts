import type { IDataObject, INode, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { defaultRetryPolicy } from '../../../../nodes/shared/http/send';
import type { ProviderTransport } from '../../../../nodes/shared/model/provider';
import { type Inclusion, startRunWith } from '../../../../nodes/shared/triggers/include';
import { deliver } from '../../../helpers/trigger';

/**
 * The kernel's rule for a trigger's Include, with scripted inclusions and a transport of no provider: what is asked
 * again (notYet, a 404) and for how long, what ends at once, and that nothing is thrown once the provider is answered.
 */
const KEY = 'sk_include_kernel_test_93d1';
const transport: ProviderTransport = {
	displayName: 'Scripted',
	credentialType: 'scriptedApi',
	baseUrl: () => 'https://api.example.com',
	describeError: (_status, body) => ({ message: String(body) }),
	secrets: (credentials) => [String(credentials.apiKey)],
	retryPolicy: { ...defaultRetryPolicy, baseDelayMs: 5, maxDelayMs: 20, readyWithinMs: 400 },
};
const node = { id: 'n', name: 'Trigger', type: 't', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
const apiError = (httpCode: string) => new NodeApiError(node, { message: `HTTP ${httpCode}` }, { httpCode });

/** A trigger whose webhook() starts its run through startRunWith with `table`, for the event `artefact.ready`. */
function triggerWith(table: Inclusion[]) {
	return {
		async webhook(this: IWebhookFunctions) {
			return await startRunWith(this, transport, table, 'artefact.ready', { eventType: 'artefact.ready' }, { type: 'artefact.ready' });
		},
	};
}

/** An inclusion that answers with `script`'s entries in turn (a value, or an error to throw), the last one again and again. */
function scripted(script: Array<IDataObject | ((ctx: Parameters<Inclusion['fetch']>[0]) => Error)>) {
	let calls = 0;
	const inclusion: Inclusion = {
		value: 'artefact',
		name: 'Artefact',
		description: 'A scripted artefact',
		events: ['artefact.ready'],
		fetch: async (ctx) => {
			const step = script[Math.min(calls++, script.length - 1)];
			if (typeof step === 'function') throw step(ctx);
			return { json: step };
		},
	};
	return { inclusion, calls: () => calls };
}

const env = (credentials: IDataObject = { apiKey: KEY }) => ({
	parameters: { options: { include: ['artefact'] } },
	staticData: {},
	credentials,
	webhookUrl: 'https://n8n.example.com/webhook/x/webhook',
});
const run = async (table: Inclusion[], credentials?: IDataObject) => await deliver(triggerWith(table), env(credentials), { body: '{}' });

describe('startRunWith', () => {
	it('asks again while the artefact is not ready yet (notYet), then starts the run with it', async () => {
		const { inclusion, calls } = scripted([(ctx) => ctx.notYet('still converting'), (ctx) => ctx.notYet('still converting'), { id: 'a-1' }]);
		const outcome = await run([inclusion]);
		expect(calls()).toBe(3);
		expect(outcome.run).toEqual([{ eventType: 'artefact.ready', artefact: { id: 'a-1' } }]);
		expect(outcome).toMatchObject({ status: 200, noWebhookResponse: true, callsBeforeAnswer: 0 });
	});

	it('asks again after a 404 (a link that works only later), not after another error', async () => {
		const notFound = scripted([() => apiError('404'), { id: 'a-2' }]);
		expect((await run([notFound.inclusion])).run?.[0].artefact).toEqual({ id: 'a-2' });
		expect(notFound.calls()).toBe(2);
		const forbidden = scripted([() => apiError('403'), { id: 'never' }]);
		const outcome = await run([forbidden.inclusion]);
		expect(forbidden.calls()).toBe(1);
		// n8n's own wording of a 403, the provider's in the description.
		expect(outcome.run?.[0]).toEqual({ eventType: 'artefact.ready', artefactError: { include: 'artefact', message: 'Forbidden - perhaps check your credentials?', description: 'HTTP 403' } });
	});

	it('gives up once the bound would pass, and starts the run with the last reason', async () => {
		const { inclusion, calls } = scripted([(ctx) => ctx.notYet('still converting', 'the provider said so')]);
		const started = Date.now();
		const outcome = await run([inclusion]);
		expect(Date.now() - started).toBeLessThan(400 + 200);
		expect(calls()).toBeGreaterThan(3);
		expect(outcome.run?.[0].artefactError).toEqual({ include: 'artefact', message: 'still converting', description: 'the provider said so' });
	});

	it('throws nothing after the answer: a failure anywhere (here the credential) is the item\'s artefactError', async () => {
		const { inclusion } = scripted([{ id: 'a-3' }]);
		const outcome = await deliver(triggerWith([inclusion]), { ...env(), credentials: undefined }, { body: '{}' }).catch((error: Error) => ({ thrown: error.message }));
		expect(outcome).not.toHaveProperty('thrown');
		expect((outcome as Awaited<ReturnType<typeof run>>).status).toBe(200);
		expect((outcome as Awaited<ReturnType<typeof run>>).run?.[0]).toMatchObject({ eventType: 'artefact.ready', artefactError: { include: 'artefact' } });
	});

	it('keeps the credential\'s secrets out of artefactError', async () => {
		const { inclusion } = scripted([() => new Error(`upstream said: bad key ${KEY}`)]);
		const outcome = await run([inclusion]);
		expect(JSON.stringify(outcome.run)).not.toContain(KEY);
		expect(outcome.run?.[0].artefactError).toEqual({ include: 'artefact', message: 'upstream said: bad key [redacted]' });
	});

	it('with nothing to include for the event, leaves the answer to n8n and fetches nothing', async () => {
		const { inclusion, calls } = scripted([{ id: 'a-4' }]);
		const outcome = await run([{ ...inclusion, events: ['other.event'] }]);
		expect(calls()).toBe(0);
		expect(outcome.status).toBeUndefined();
		expect(outcome.noWebhookResponse).toBeUndefined();
		expect(outcome.run).toEqual([{ eventType: 'artefact.ready' }]);
	});
});
