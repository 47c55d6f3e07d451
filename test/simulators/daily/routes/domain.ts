import { createHmac, randomBytes } from 'crypto';
import { cursorPage, findRoom, mergedConfig, invalid, isoNow, newId, notFound, ok, type Ctx, type RouteTable, type Webhook } from '../context';

function signToken(payload: Record<string, unknown>, key: string): string {
	const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
	const head = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`;
	return `${head}.${createHmac('sha256', key).update(head).digest('base64url')}`;
}

/** Daily's test request before it creates or updates a webhook; the receiver must answer 200 (reference/providers.md §1.3). */
const ping = (ctx: Ctx, url: string) => ctx.post(url, '{"test":"test"}');

const domainBody = (ctx: Ctx) => ({ domain_name: ctx.state.domain, domain_id: ctx.state.domainId, config: ctx.state.domainConfig });

export const domainRoutes: RouteTable = {
	// GetDomainConfig
	'GET /': (ctx) => ok(domainBody(ctx)),
	// SetDomainConfig
	'POST /': (ctx) => {
		ctx.state.domainConfig = mergedConfig(ctx.state.domainConfig, ctx.body.properties);
		return ok(domainBody(ctx));
	},
	// CreateMeetingToken: exp in the past is a 400 (reference/providers.md §1.5); room_name must exist.
	'POST /meeting-tokens': ({ state, body }) => {
		const properties = body.properties ?? {};
		if (properties.exp !== undefined && properties.exp <= Date.now() / 1000) return invalid('exp must be in the future');
		if (properties.room_name !== undefined && !findRoom(state, properties.room_name)) return notFound(`room ${properties.room_name}`);
		const token = signToken({ r: properties.room_name, d: state.domainId, iat: Math.floor(Date.now() / 1000), ...properties }, state.apiKey);
		state.tokens.set(token, properties);
		return ok({ token });
	},
	// ValidateMeetingToken
	'GET /meeting-tokens/{meeting_token}': ({ state, params }) => {
		const properties = state.tokens.get(params.meeting_token);
		return properties ? ok(properties) : invalid('token is invalid');
	},
	// GetMeetingInfo (room, timeframe_start/end in unix seconds, ongoing, no_participants)
	'GET /meetings': ({ state, query }) => {
		const room = query.get('room');
		const from = query.get('timeframe_start');
		const to = query.get('timeframe_end');
		const ongoing = query.get('ongoing');
		const all = state.meetings.filter(
			(m) => (!room || m.room === room) && (!from || m.start_time >= Number(from)) && (!to || m.start_time <= Number(to)) && (ongoing === null || String(m.ongoing) === ongoing),
		);
		const page = cursorPage(all, query, (m) => m.id);
		if (query.get('no_participants') === 'true') return ok({ ...page, data: page.data.map(({ participants: _p, ...m }) => m) });
		return ok(page);
	},
	// GetIndividualMeetingInfo
	'GET /meetings/{meeting}': ({ state, params }) => {
		const found = state.meetings.find((m) => m.id === params.meeting);
		if (!found) return notFound(`meeting ${params.meeting}`);
		const { participants: _p, ...meeting } = found;
		return ok(meeting);
	},
	// GetMeetingParticipants: joined_after/joined_before by participant_id, oldest join first; past the last
	// participant Daily answers 404 (overlay).
	'GET /meetings/{meeting}/participants': ({ state, params, query }) => {
		const found = state.meetings.find((m) => m.id === params.meeting);
		if (!found) return notFound(`meeting ${params.meeting}`);
		let all = [...found.participants].sort((a, b) => a.join_time - b.join_time);
		const after = query.get('joined_after');
		const before = query.get('joined_before');
		if (after) all = all.slice(all.findIndex((p) => p.participant_id === after) + 1);
		if (before) all = all.slice(0, Math.max(0, all.findIndex((p) => p.participant_id === before)));
		const limit = Number(query.get('limit') ?? 100) || 100;
		const data = all.slice(0, limit);
		if (data.length === 0) return notFound(`participants of meeting ${params.meeting}`);
		return ok({ data });
	},
	// ListLogs: mtgSessionId or userSessionId required; startTime/endTime in JavaScript ms (overlay).
	'GET /logs': ({ query }) => {
		if (!query.get('mtgSessionId') && !query.get('userSessionId')) return invalid('mtgSessionId or userSessionId is required');
		const end = Number(query.get('endTime') ?? Date.now());
		const start = Number(query.get('startTime') ?? end - 3_600_000);
		if (start > end) return invalid('startTime must be before endTime');
		const body: Record<string, unknown> = {};
		if (query.get('includeLogs') !== 'false') body.logs = [];
		if (query.get('includeMetrics') === 'true') body.metrics = [];
		return ok(body);
	},
	// ListAPILogs: a bare array, newest first, of the requests this simulator answered.
	'GET /logs/api': ({ state, query }) => {
		const source = query.get('source') ?? 'api';
		const url = query.get('url');
		const all = state.apiLogs.filter((l) => l.source === source && (!url || l.url === url));
		return ok(cursorPage(all, query, (l) => String(l.id), 100, 20).data);
	},
	// GetPresence: an object keyed by room name; nobody is in a simulated call.
	'GET /presence': () => ok({}),
	// GetWebhooks: a bare array.
	'GET /webhooks': ({ state }) => ok(state.webhooks),
	// CreateWebhook: one webhook per domain; Daily pings the URL first and refuses unless it answers 200.
	'POST /webhooks': async (ctx) => {
		const { state, body } = ctx;
		const { url, eventTypes, hmac, basicAuth, retryType } = body;
		if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return invalid('url is required');
		if (state.webhooks.length >= Number(state.domainConfig.max_webhook_count ?? 1)) {
			return invalid('This domain can only have 1 webhook; update or delete the existing one');
		}
		if ((await ping(ctx, url)) !== 200) return invalid(`the test request to ${url} did not get a 200`);
		const now = isoNow();
		const hook: Webhook = {
			uuid: newId(), url, hmac: hmac ?? randomBytes(32).toString('base64'), ...(basicAuth ? { basicAuth } : {}),
			retryType: retryType ?? 'circuit-breaker', eventTypes: eventTypes ?? [], state: 'ACTIVE', failedCount: 0,
			domainId: state.domainId, createdAt: now, updatedAt: now,
		};
		state.webhooks.push(hook);
		state.issuedSecrets.add(hook.hmac);
		return ok(hook);
	},
	// GetWebhookConfig: the spec says an array of webhook objects (its docs prose shows one object); the spec wins.
	'GET /webhooks/{id}': ({ state, params }) => {
		const hook = state.webhooks.find((h) => h.uuid === params.id);
		return hook ? ok([hook]) : notFound(`webhook ${params.id}`);
	},
	// UpdateWebhookConfig: pings again; a FAILED webhook becomes ACTIVE.
	'POST /webhooks/{id}': async (ctx) => {
		const hook = ctx.state.webhooks.find((h) => h.uuid === ctx.params.id);
		if (!hook) return notFound(`webhook ${ctx.params.id}`);
		const next = { ...hook, ...ctx.body };
		if ((await ping(ctx, next.url)) !== 200) return invalid(`the test request to ${next.url} did not get a 200`);
		if (ctx.body.hmac) ctx.state.issuedSecrets.add(ctx.body.hmac);
		Object.assign(hook, ctx.body, { state: 'ACTIVE', failedCount: 0, updatedAt: isoNow() });
		return ok(hook);
	},
	// DeleteWebhook (the spec documents no answer body)
	'DELETE /webhooks/{id}': ({ state, params }) => {
		const index = state.webhooks.findIndex((h) => h.uuid === params.id);
		if (index < 0) return notFound(`webhook ${params.id}`);
		const [hook] = state.webhooks.splice(index, 1);
		return ok({ deleted: true, uuid: hook.uuid });
	},
};

