import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { DailyApi } from '../../../../credentials/DailyApi.credentials';
import { DigitalSambaApi } from '../../../../credentials/DigitalSambaApi.credentials';
import { redact } from '../../../../nodes/shared/http/errors';
import { DailyTrigger } from '../../../../nodes/Daily/DailyTrigger.node';
import { DigitalSambaTrigger } from '../../../../nodes/DigitalSamba/DigitalSambaTrigger.node';
import { resetRateLimits } from '../../../../nodes/shared/http/rateLimit';
import { DAILY_KEY, DAILY_URL, runDaily } from '../../../helpers/daily';
import { DS_KEY, DS_TEAM, DS_URL, runDigitalSamba } from '../../../helpers/digitalSamba';
import { hookContext } from '../../../helpers/trigger';

/**
 * Every secret a request carries (in its path, headers or body) is planted where a provider could echo it, in each
 * encoding it travels in, and the errors n8n would show (message, description, the Continue On Fail item, the
 * error's provider body) are searched for it.
 */
function encodings(secret: string): string[] {
	const b64 = Buffer.from(secret).toString('base64');
	return [secret, b64, b64.replace(/=+$/, ''), Buffer.from(secret).toString('base64url'), encodeURIComponent(secret)];
}

/** Everything of an error a user or an error workflow can see, as one text. */
function visible(error: unknown): string {
	const e = error as { message?: string; description?: string; context?: unknown; cause?: unknown; errorResponse?: unknown };
	return JSON.stringify([e.message, e.description, e.context, e.errorResponse, error]);
}

function expectAbsent(text: string, secret: string) {
	for (const form of encodings(secret)) expect(text).not.toContain(form);
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	resetRateLimits();
});
afterAll(() => nock.enableNetConnect());

it('Daily Meeting Token → Validate: the token in the path is in no error, message or description, whatever is echoed', async () => {
	const token = 'eyJhbGciOiJIUzI1NiJ9.eyJyIjoicm9vbSIsImQiOiJkb20ifQ.c2lnbmF0dXJlX29mX3RoZV90b2tlbg';
	// Daily echoes the path in an error text; here in every encoding at once.
	nock(DAILY_URL).get(/\/v1\/meeting-tokens\/.*/).times(2).reply(400, { error: 'invalid-request-error', info: `invalid token ${encodings(token).join(' ')}` });
	const { output } = await runDaily({ resource: 'meetingToken', operation: 'validate', token }, { continueOnFail: true });
	const [item] = output;
	expect(item.json.error).toContain('Daily API error 400');
	expect(item.json.description).toContain('GET /meeting-tokens/[redacted] answered 400');
	expectAbsent(JSON.stringify(item), token);
	const thrown = await runDaily({ resource: 'meetingToken', operation: 'validate', token }).catch((e) => e);
	expectAbsent(visible(thrown), token);
});

it('Digital Samba with a Team ID: Basic base64(teamId:key) is in no error', async () => {
	const basic = Buffer.from(`${DS_TEAM}:${DS_KEY}`).toString('base64');
	nock(DS_URL).get('/api/v1/rooms/r-1').reply(401, { message: `Unauthenticated: Basic ${basic}`, error: 'unauthenticated' });
	const error = await runDigitalSamba({ resource: 'room', operation: 'get', roomId: 'r-1' }, { teamId: DS_TEAM }).catch((e) => e);
	expect(error.message).toContain('Digital Samba API error 401');
	expectAbsent(visible(error), `${DS_TEAM}:${DS_KEY}`);
	expectAbsent(visible(error), DS_KEY);
});

it('a webhook secret typed into a password field (Digital Samba Webhook → Create) is in no error', async () => {
	const secret = 'typed-webhook-secret-4f1c9a';
	nock(DS_URL).post('/api/v1/webhooks').reply(422, (_uri, body) => ({ message: 'The given data was invalid.', errors: { echo: [JSON.stringify(body)] } }));
	const { output } = await runDigitalSamba(
		{ resource: 'webhook', operation: 'create', endpoint: 'https://n8n.example.com/hook', events: ['session_started'], additionalFields: { authorization_header: secret } },
		{ continueOnFail: true },
	);
	expect(String(output[0].json.error)).toContain('Digital Samba API error 422');
	expectAbsent(JSON.stringify(output[0]), secret);
	nock(DS_URL).post('/api/v1/webhooks').reply(422, (_uri, body) => ({ message: `invalid: ${JSON.stringify(body)}` }));
	const thrown = await runDigitalSamba({ resource: 'webhook', operation: 'create', endpoint: 'https://n8n.example.com/hook', events: ['session_started'], additionalFields: { authorization_header: secret } }).catch((e) => e);
	expect(thrown.message).toContain('[redacted]');
	expectAbsent(visible(thrown), secret);
});

it.each([
	[
		'Daily Trigger',
		() => {
			nock(DAILY_URL).get('/v1/webhooks').reply(200, []).post('/v1/webhooks').reply(500, (_uri, body) => ({ error: 'server-error', info: `bad body ${JSON.stringify(body)}` }));
			nock(DAILY_URL).post('/v1/webhooks').times(5).reply(500, (_uri, body) => ({ error: 'server-error', info: `bad body ${JSON.stringify(body)}` }));
			const env = { parameters: { events: ['meeting.ended'], options: {} }, staticData: {} as IDataObject, credentials: { apiKey: DAILY_KEY, baseUrl: 'https://api.daily.co/v1' }, credentialType: new DailyApi(), webhookUrl: 'https://n8n.example.com/webhook/x/webhook' };
			return { env, create: new DailyTrigger().webhookMethods.default.create, secretOf: (body: string) => /"hmac":"([^"]+)"/.exec(body)?.[1] };
		},
	],
	[
		'Digital Samba Trigger',
		() => {
			nock(DS_URL).get('/api/v1/webhooks').query(true).reply(200, { data: [], total_count: 0 });
			nock(DS_URL).post('/api/v1/webhooks').times(6).reply(500, (_uri, body) => ({ message: `bad body ${JSON.stringify(body)}` }));
			const env = { parameters: { eventSource: 'documented', events: ['session_started'], options: {} }, staticData: {} as IDataObject, credentials: { developerKey: DS_KEY, teamId: '', baseUrl: 'https://api.digitalsamba.com/api/v1' }, credentialType: new DigitalSambaApi(), webhookUrl: 'https://n8n.example.com/webhook/x/webhook' };
			return { env, create: new DigitalSambaTrigger().webhookMethods.default.create, secretOf: (body: string) => /"authorization_header":"([^"]+)"/.exec(body)?.[1] };
		},
	],
])('%s: the generated webhook secret sent in the create body is in no error, should the provider echo the body', async (_name, setup) => {
	const { env, create, secretOf } = setup();
	const context = hookContext(env);
	const error = await create.call(context).catch((e: unknown) => e);
	const sent = JSON.stringify(context.requests.find((r) => r.method === 'POST')?.body ?? {});
	const secret = secretOf(sent);
	expect(secret).toBeTruthy();
	expect(visible(error)).toContain('[redacted]');
	expectAbsent(visible(error), secret!);
}, 60_000);

describe('secrets', () => {
	it('redacts a secret and its base64 form', () => {
		const text = `key sk_live_123456 and ${Buffer.from('sk_live_123456').toString('base64')}`;
		expect(redact(text, ['sk_live_123456'])).toBe('key [redacted] and [redacted]');
	});
});
