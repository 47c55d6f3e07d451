import { createHmac, randomBytes } from 'crypto';
import { cursorPage, error, findRoom, invalid, isoNow, newId, notFound, ok, type Ctx, type RouteTable } from '../context';

const E164 = /^\+[1-9]\d{6,14}$/;
/** Daily's page cap for purchased phone numbers (docs page cited on the route). */
export const PHONE_NUMBERS_PAGE_MAX = 50;

const withRoom = (handler: (ctx: Ctx) => ReturnType<typeof ok>) => (ctx: Ctx) =>
	findRoom(ctx.state, ctx.params.room_name) ? handler(ctx) : notFound(`room ${ctx.params.room_name}`);

const dialOutSession = (ctx: Ctx) =>
	ctx.state.jobs.find((j) => j.kind === 'dialOut' && j.room === ctx.params.room_name && j.sessionId === ctx.body.sessionId);

/** The signed one-shot probe Daily sends a SIP trunk's notification URL (https://docs.daily.co/reference/rest-api/sip-trunk/notification). */
async function probeTrunk(ctx: Ctx, url: string, hmac: string): Promise<boolean> {
	const body = JSON.stringify({ type: 'sip_trunk.test', timestamp: Date.now() });
	const timestamp = String(Date.now());
	const signature = createHmac('sha256', Buffer.from(hmac, 'base64')).update(`${timestamp}.${body}`).digest('base64');
	const status = await ctx.post(url, body, { 'x-siptrunk-timestamp': timestamp, 'x-siptrunk-signature': signature });
	return status >= 200 && status < 300;
}

/** A trunk must be gated by allowed_ips/credential or explicitly open (https://docs.daily.co/reference/rest-api/sip-trunk/create). */
function admissionError(config: any): string | undefined {
	const gated = Boolean(config?.allowed_ips?.length) || Boolean(config?.credential);
	if (gated === Boolean(config?.is_open)) return 'trunk_config must set allowed_ips or credential, or is_open: true (not both)';
	return undefined;
}

const publicClient = ({ password: _password, ...client }: Ctx['state']['sipClients'][number]) => client;

export const telephonyRoutes: RouteTable = {
	// RoomDialOutStart: sipUri or phoneNumber.
	'POST /rooms/{room_name}/dialOut/start': withRoom((ctx) => {
		if (!ctx.body.sipUri && !ctx.body.phoneNumber) return invalid('sipUri or phoneNumber is required');
		const sessionId = newId();
		ctx.state.jobs.push({ kind: 'dialOut', room: ctx.params.room_name, instanceId: sessionId, sessionId });
		return ok({ ok: 'true', sessionId });
	}),
	// RoomDialOutSendDTMF
	'POST /rooms/{room_name}/dialOut/sendDTMF': withRoom((ctx) =>
		dialOutSession(ctx) ? ok({ ok: 'true', sessionId: ctx.body.sessionId }) : notFound(`dial-out session ${ctx.body.sessionId}`),
	),
	// RoomDialOutStop
	'POST /rooms/{room_name}/dialOut/stop': withRoom((ctx) => {
		const session = dialOutSession(ctx);
		if (!session) return notFound(`dial-out session ${ctx.body.sessionId}`);
		ctx.state.jobs.splice(ctx.state.jobs.indexOf(session), 1);
		return ok({ status: 'sent' });
	}),
	// RoomSipCallTransfer, RoomSipRefer
	'POST /rooms/{room_name}/sipCallTransfer': withRoom((ctx) => (ctx.body.toEndPoint ? ok({ ok: 'true' }) : invalid('toEndPoint is required'))),
	'POST /rooms/{room_name}/sipRefer': withRoom((ctx) => (ctx.body.toEndPoint ? ok({ ok: 'true' }) : invalid('toEndPoint is required'))),
	// ListAvailableNumbers: a fixed pool, filtered as asked.
	'GET /list-available-numbers': ({ query }) => {
		const pool = Array.from({ length: 6 }, (_, i) => ({ phoneNumber: `+1305870006${i + 1}`, region: 'FL' }));
		const contains = query.get('contains') ?? '';
		const starts = query.get('starts_with') ?? '';
		const ends = query.get('ends_with') ?? '';
		const region = query.get('region');
		const data = pool.filter((n) => n.phoneNumber.includes(contains) && n.phoneNumber.replace('+', '').startsWith(starts.replace('+', '')) && n.phoneNumber.endsWith(ends) && (!region || n.region === region));
		return ok({ total_count: data.length, data });
	},
	// PurchasedPhoneNumbers: paged by `pagination_id` (starting_after/ending_before name one). At most 50 a call,
	// whatever `limit` asks: "Each call to this endpoint fetches a maximum of 50" (docs.daily.co
	// reference/rest-api/phone-numbers/purchased-phone-numbers); `total_count` as in the spec's example answer.
	'GET /purchased-phone-numbers': ({ state, query }) => {
		const name = query.get('filter_name');
		const number = query.get('filter_number');
		const all = state.phoneNumbers.filter((n) => (!name || n.name.includes(name)) && (!number || n.number.includes(number)));
		return ok(cursorPage(all, query, (n) => String(n.pagination_id), PHONE_NUMBERS_PAGE_MAX));
	},
	// BuyPhoneNumber: a random US number when none is named.
	'POST /buy-phone-number': ({ state, body }) => {
		const number = body.number ?? `+1805${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
		if (!E164.test(number)) return invalid('number must be in E.164 format');
		if (state.phoneNumbers.some((n) => n.number === number)) return invalid(`${number} is already purchased`);
		const now = isoNow();
		const id = newId();
		state.phoneNumbers.unshift({ id, number, name: '', type: 'purchased_phone_number', pagination_id: state.nextPaginationId++, created_date: now, updated_date: now });
		return ok({ id, number });
	},
	// ReleasePhoneNumber
	'DELETE /release-phone-number/{id}': ({ state, params }) => {
		const index = state.phoneNumbers.findIndex((n) => n.id === params.id);
		if (index < 0) return notFound(`phone number ${params.id}`);
		state.phoneNumbers.splice(index, 1);
		return ok({ status: 'ok' });
	},
	// ListDomainDialinConfigs
	'GET /domain-dialin-config': ({ state, query }) => {
		const type = query.get('type');
		const phone = query.get('phone_number');
		const prefix = query.get('name_prefix');
		const all = state.dialinConfigs.filter((c) => (!type || c.type === type) && (!phone || c.config.phone_number === phone) && (!prefix || c.config.name_prefix === prefix));
		return ok(cursorPage(all, query, (c) => c.id));
	},
	// CreateDomainDialConfigInfo: a number may be in one config only. phone_number is "Required for pinless_dialin,
	// optional for pin_dialin" (the spec's field text; the overlay entry, citing
	// https://docs.daily.co/reference/rest-api/domainDialinConfig/create-dialin-config, says why not its `required`).
	'POST /domain-dialin-config': ({ state, body }) => {
		if (body.type === 'pinless_dialin' && !body.phone_number) return invalid('phone_number is required for pinless_dialin');
		if (body.phone_number && state.dialinConfigs.some((c) => c.config.phone_number === body.phone_number)) return invalid(`${body.phone_number} is used by another dial-in config`);
		const config = { id: newId(), type: body.type, config: { ...body } };
		state.dialinConfigs.unshift(config);
		return ok(config);
	},
	// GetDomainDialinConfigInfo
	'GET /domain-dialin-config/{id}': ({ state, params }) => {
		const found = state.dialinConfigs.find((c) => c.id === params.id);
		return found ? ok(found) : notFound(`dial-in config ${params.id}`);
	},
	// UpdateDomainDialConfigInfo
	'PUT /domain-dialin-config/{id}': ({ state, params, body }) => {
		const found = state.dialinConfigs.find((c) => c.id === params.id);
		if (!found) return notFound(`dial-in config ${params.id}`);
		if (body.phone_number && state.dialinConfigs.some((c) => c !== found && c.config.phone_number === body.phone_number)) {
			return invalid(`${body.phone_number} is used by another dial-in config`);
		}
		found.config = { ...found.config, ...body };
		return ok(found);
	},
	// DeleteDomainDialinConfig
	'DELETE /domain-dialin-config/{id}': ({ state, params }) => {
		const index = state.dialinConfigs.findIndex((c) => c.id === params.id);
		if (index < 0) return notFound(`dial-in config ${params.id}`);
		state.dialinConfigs.splice(index, 1);
		return ok({ status: 'ok' });
	},
	// PinlessCallUpdate
	'POST /dialin/pinlessCallUpdate': ({ body }) => (body.callId && body.callDomain ? ok({ ok: 'true' }) : invalid('callId and callDomain are required')),

	// CreateSipTrunk (overlay, https://docs.daily.co/reference/rest-api/sip-trunk/create)
	'POST /sip-trunk': async (ctx) => {
		const { state, body } = ctx;
		if (state.sipTrunks.some((t) => t.trunk_name === body.trunk_name)) return invalid(`a trunk named ${body.trunk_name} already exists`);
		if (!body.notification?.webhook_url) return invalid('notification.webhook_url is required');
		const admission = admissionError(body.trunk_config);
		if (admission) return invalid(admission);
		const hmac = body.notification.hmac ?? randomBytes(32).toString('base64');
		if (!(await probeTrunk(ctx, body.notification.webhook_url, hmac))) return invalid(`the sip_trunk.test probe to ${body.notification.webhook_url} did not get a 2xx`);
		state.issuedSecrets.add(hmac);
		const now = isoNow();
		const trunk = {
			id: newId(), trunk_name: body.trunk_name, sip_uri: `sip:${state.domain}-${body.trunk_name}.siptrunk.sip-us.daily.co`,
			description: body.description ?? '', room_template: body.room_template ?? {}, notification: { webhook_url: body.notification.webhook_url, hmac },
			trunk_config: body.trunk_config ?? {}, enabled: body.enabled ?? true, created_at: now, updated_at: now,
		};
		state.sipTrunks.unshift(trunk);
		return ok(trunk);
	},
	// ListSipTrunks (overlay): limit 1-100, default 20.
	'GET /sip-trunk': ({ state, query }) => ok(cursorPage(state.sipTrunks, query, (t) => t.id, 100, 20)),
	// GetSipTrunk (overlay)
	'GET /sip-trunk/{id}': ({ state, params }) => {
		const trunk = state.sipTrunks.find((t) => t.id === params.id);
		return trunk ? ok(trunk) : notFound(`sip trunk ${params.id}`);
	},
	// UpdateSipTrunk (overlay): partial; hmac null rotates; touching notification re-probes; credential null clears.
	'PUT /sip-trunk/{id}': async (ctx) => {
		const { state, params, body } = ctx;
		const trunk = state.sipTrunks.find((t) => t.id === params.id);
		if (!trunk) return notFound(`sip trunk ${params.id}`);
		const trunkConfig = body.trunk_config ? { ...trunk.trunk_config, ...body.trunk_config } : trunk.trunk_config;
		if (body.trunk_config && 'credential' in body.trunk_config && body.trunk_config.credential === null) delete trunkConfig.credential;
		const admission = admissionError(trunkConfig);
		if (admission) return invalid(admission);
		let notification = trunk.notification;
		if (body.notification) {
			const hmac = body.notification.hmac === null ? randomBytes(32).toString('base64') : (body.notification.hmac ?? trunk.notification.hmac);
			notification = { webhook_url: body.notification.webhook_url ?? trunk.notification.webhook_url, hmac };
			if (!(await probeTrunk(ctx, notification.webhook_url, hmac))) return invalid(`the sip_trunk.test probe to ${notification.webhook_url} did not get a 2xx`);
			state.issuedSecrets.add(hmac);
		}
		Object.assign(trunk, body, { notification, trunk_config: trunkConfig, updated_at: isoNow() });
		return ok(trunk);
	},
	// DeleteSipTrunk (overlay)
	'DELETE /sip-trunk/{id}': ({ state, params }) => {
		const index = state.sipTrunks.findIndex((t) => t.id === params.id);
		if (index < 0) return notFound(`sip trunk ${params.id}`);
		state.sipTrunks.splice(index, 1);
		return ok({ deleted: true, id: params.id });
	},

	// CreateSipClient (overlay, https://docs.daily.co/reference/rest-api/sip-clients/create): 403 at the limit, 409 duplicate.
	'POST /sip-clients': ({ state, body }) => {
		if (!/^[A-Za-z0-9_-]{1,128}(\.\d+)?$/.test(body.username)) return invalid('username must be a room-style name, optionally suffixed with .<number>');
		if (state.sipClients.length >= state.sipClientLimit) return error(403, 'forbidden-error', 'SIP client limit reached for this domain');
		if (state.sipClients.some((c) => c.username === body.username)) return error(409, 'invalid-request-error', `SIP client ${body.username} already exists`);
		const password = body.password ?? randomBytes(18).toString('base64url');
		state.issuedSecrets.add(password);
		const client = {
			username: body.username, password, sip_uri: `sip:${body.username}@${state.domain}.sip.daily.co`,
			expires_at: body.expires_in_seconds ? new Date(Date.now() + body.expires_in_seconds * 1000).toISOString() : null, created_at: isoNow(),
		};
		state.sipClients.push(client);
		return ok(client);
	},
	// ListSipClients (overlay): offset paging, limit 1-100 default 50; never the password.
	'GET /sip-clients': ({ state, query }) => {
		const limit = Number(query.get('limit') ?? 50);
		const offset = Number(query.get('offset') ?? 0);
		return ok({ sip_clients: state.sipClients.slice(offset, offset + limit).map(publicClient), total: state.sipClients.length, limit, offset });
	},
	// GetSipClient (overlay)
	'GET /sip-clients/{username}': ({ state, params }) => {
		const client = state.sipClients.find((c) => c.username === params.username);
		return client ? ok(publicClient(client)) : notFound(`SIP client ${params.username}`);
	},
	// DeleteSipClient (overlay)
	'DELETE /sip-clients/{username}': ({ state, params }) => {
		const index = state.sipClients.findIndex((c) => c.username === params.username);
		if (index < 0) return notFound(`SIP client ${params.username}`);
		state.sipClients.splice(index, 1);
		return ok({ deleted: true, username: params.username });
	},
	// RotateSipClient (overlay): a new password, returned once.
	'POST /sip-clients/{username}/rotate': ({ state, params, body }) => {
		const client = state.sipClients.find((c) => c.username === params.username);
		if (!client) return notFound(`SIP client ${params.username}`);
		client.password = body.password ?? randomBytes(18).toString('base64url');
		state.issuedSecrets.add(client.password);
		return ok(client);
	},
};
