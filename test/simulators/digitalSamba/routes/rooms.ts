import type { SimResponse } from '../../http';
import { list, noContent, ok, type Ctx, type RouteTable } from '../context';
import type { DsModel, DsRoom, DsSession } from '../model';
import {
	isObject,
	paginate,
	queryDate,
	randomString,
	signJwt,
	unprocessable,
	Validator,
	ymd,
	isoMicros,
} from '../util';

/** Default room settings, rooms, room tokens, live rooms and statistics. */

const ROOM_FIELDS_NOT_SETTINGS = [
	'description',
	'friendly_url',
	'privacy',
	'external_id',
	'default_role',
	'roles',
	'webhooks',
	'tags',
	'private_group_chat_roles',
	'library_id',
	'expires_at',
];
const RESERVED_DOMAINS = ['docs', 'api', 'dev-api', 'staging-api', 'you', 'dashboard'];
const FRIENDLY_URL = /^[A-Za-z0-9_-]+$/;

/** Checks role references (ids or names); returns their ids. */
function roleIds(model: DsModel, v: Validator, field: string, value: unknown): string[] | undefined {
	if (!v.array(field, value)) return undefined;
	const ids: string[] = [];
	(value as unknown[]).forEach((entry, i) => {
		const role = model.findRole(entry);
		if (role) ids.push(role.id);
		else v.add(`${field}.${i}`, `The selected ${field}.${i} is invalid.`);
	});
	return ids;
}

/** Validates a room body (POST or PATCH) beyond the spec schema, then applies it. */
function applyRoomBody(ctx: Ctx, room: DsRoom | undefined): (target: DsRoom) => void {
	const { model, body } = ctx;
	const v = new Validator();
	const roles = body.roles !== undefined ? roleIds(model, v, 'roles', body.roles) : undefined;
	const privateRoles = body.private_group_chat_roles !== undefined ? roleIds(model, v, 'private_group_chat_roles', body.private_group_chat_roles) : undefined;
	let defaultRoleId: string | undefined;
	if (body.default_role !== undefined && body.default_role !== null) {
		const role = model.findRole(body.default_role);
		const allowed = roles ?? room?.roleIds;
		if (!role || (allowed && allowed.length && !allowed.includes(role.id))) v.add('default_role', 'The selected default role is invalid.');
		else defaultRoleId = role.id;
	} else if (roles && roles.length > 1) {
		v.add('default_role', 'The default role field is required when roles has more than one item.');
	}
	if (typeof body.friendly_url === 'string' && !v.has('friendly_url')) {
		if (!FRIENDLY_URL.test(body.friendly_url)) {
			v.add('friendly_url', 'The friendly url field must only contain letters, numbers, dashes, and underscores.');
		} else {
			const taken = model.state.rooms.some((r) => !r.deleted && r !== room && r.friendly_url.toLowerCase() === body.friendly_url.toLowerCase());
			if (taken) v.add('friendly_url', 'The friendly url has already been taken.');
		}
	}
	if (body.tags !== undefined && v.array('tags', body.tags)) {
		(body.tags as unknown[]).forEach((tag, i) => v.string(`tags.${i}`, tag, 1, 255) && v.required(`tags.${i}`, tag));
	}
	if (body.webhooks !== undefined && v.array('webhooks', body.webhooks)) {
		(body.webhooks as unknown[]).forEach((id, i) => {
			if (!model.state.webhooks.some((w) => w.id === id)) v.add(`webhooks.${i}`, `The selected webhooks.${i} is invalid.`);
		});
	}
	if (body.library_id !== undefined && body.library_id !== null && !model.state.libraries.some((l) => l.id === body.library_id)) {
		v.add('library_id', 'The selected library id is invalid.');
	}
	if (body.max_participants !== undefined) v.integer('max_participants', body.max_participants, 2, 2000);
	if (body.expires_at !== undefined && body.expires_at !== null) {
		const ms = Date.parse(String(body.expires_at).replace(' ', 'T') + (/[zZ]|[+-]\d\d:?\d\d$/.test(String(body.expires_at)) ? '' : 'Z'));
		if (Number.isNaN(ms)) v.add('expires_at', 'The expires at field must be a valid date.');
		else if (ms <= model.now()) v.add('expires_at', 'The expires at field must be a date after now.');
	}
	v.check();
	const settingKeys = Object.keys(ctx.op.bodySchema?.properties ?? {}).filter((k) => !ROOM_FIELDS_NOT_SETTINGS.includes(k));
	return (target) => {
		for (const key of settingKeys) if (body[key] !== undefined) target.settings[key] = body[key];
		if (body.description !== undefined) target.description = body.description;
		if (body.friendly_url !== undefined && body.friendly_url !== null) target.friendly_url = body.friendly_url;
		if (body.privacy !== undefined) target.privacy = body.privacy;
		if (body.external_id !== undefined) target.external_id = body.external_id;
		if (roles) target.roleIds = roles;
		if (defaultRoleId) target.defaultRoleId = defaultRoleId;
		else if (roles && target.defaultRoleId && !roles.includes(target.defaultRoleId)) target.defaultRoleId = roles[0] ?? null;
		if (privateRoles) target.privateGroupChatRoleIds = privateRoles;
		if (body.tags !== undefined) target.tags = [...new Set(body.tags as string[])];
		if (body.webhooks !== undefined) target.webhookIds = body.webhooks;
		if (body.library_id !== undefined) target.library_id = body.library_id;
		if (body.expires_at !== undefined) target.expires_at = body.expires_at;
		if (Array.isArray(target.settings.breakouts)) {
			target.settings.breakouts = (target.settings.breakouts as unknown[]).map((b, i) =>
				isObject(b) ? { id: b.id ?? randomUUIDLike(ctx), name: b.name ?? `Breakout Room ${i + 1}` } : { id: randomUUIDLike(ctx), name: String(b) },
			);
		}
		target.updated = ctx.model.now();
	};
}

const randomUUIDLike = (ctx: Ctx) => ctx.model.stamp().id;

/** Creates a room from a POST /rooms body (also used by `sim.seedRoom`). */
export function createRoom(ctx: Ctx): DsRoom {
	const apply = applyRoomBody(ctx, undefined);
	const { model } = ctx;
	let friendly = randomString(15);
	for (let i = 0; i < 10 && model.findRoom(friendly); i++) friendly = randomString(15);
	const room: DsRoom = {
		...model.stamp(),
		friendly_url: friendly,
		privacy: 'public',
		description: null,
		external_id: null,
		settings: model.roomDefaults(),
		roleIds: [...model.state.defaultRoleIds],
		defaultRoleId: model.state.defaultRoleId,
		privateGroupChatRoleIds: [],
		tags: [],
		webhookIds: [],
		library_id: (model.state.settings.library_id as string | null) ?? null,
		expires_at: null,
		updated: model.now(),
		deleted: false,
		live: {},
	};
	apply(room);
	model.state.rooms.push(room);
	return room;
}

function assertNotLive(model: DsModel, room: DsRoom): void {
	if (model.isLive(room)) throw unprocessable('Cannot delete resources of a live room.');
}

/** Removes what a room produced; flags as in DELETE /rooms/{room} and /resources. */
export function deleteRoomResources(model: DsModel, room: DsRoom, flags: { history?: boolean; library?: boolean; content?: boolean }): void {
	const s = model.state;
	const sessionIds = new Set(s.sessions.filter((x) => x.room_id === room.id).map((x) => x.id));
	s.chat = s.chat.filter((m) => m.room_id !== room.id);
	s.questions = s.questions.filter((q) => q.room_id !== room.id);
	for (const poll of s.polls) if (poll.room_id === room.id) poll.votes = [];
	for (const quiz of s.quizzes) if (quiz.room_id === room.id) quiz.results = [];
	s.recordings = s.recordings.filter((r) => r.room_id !== room.id);
	for (const session of s.sessions) if (sessionIds.has(session.id)) delete session.summary;
	if (flags.content) {
		s.polls = s.polls.filter((p) => p.room_id !== room.id);
		s.quizzes = s.quizzes.filter((q) => q.room_id !== room.id);
	}
	if (flags.history) {
		s.sessions = s.sessions.filter((x) => x.room_id !== room.id);
		s.participants = s.participants.filter((p) => !sessionIds.has(p.session_id));
	}
	if (flags.library && room.library_id) {
		const library = room.library_id;
		s.files = s.files.filter((f) => f.library_id !== library);
		s.folders = s.folders.filter((f) => f.library_id !== library);
	}
}

function deleteRoom(model: DsModel, room: DsRoom, body: Record<string, unknown>): void {
	const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';
	if (truthy(body.delete_resources)) deleteRoomResources(model, room, { content: true, history: truthy(body.delete_history), library: truthy(body.delete_library) });
	else {
		model.state.polls = model.state.polls.filter((p) => p.room_id !== room.id);
		model.state.quizzes = model.state.quizzes.filter((q) => q.room_id !== room.id);
	}
	room.deleted = true;
	room.updated = model.now();
}

/** Token `exp`/`nbf`: a unix time, a number of minutes (exp only), or a date-time string. */
function tokenTime(v: Validator, field: string, value: unknown, nowSeconds: number, minutesAllowed: boolean): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) {
		const n = Number(value);
		if (minutesAllowed && n < 100_000_000) return nowSeconds + Math.round(n * 60);
		return n;
	}
	const ms = typeof value === 'string' ? Date.parse(value.includes('T') || !value.includes(' ') ? value : value.replace(' ', 'T') + 'Z') : NaN;
	if (Number.isNaN(ms)) {
		v.add(field, `The ${field} field must be a valid date.`);
		return undefined;
	}
	return Math.floor(ms / 1000);
}

/* ------------------------------------------------------------ statistics */

/** Fills the keys of a documented statistics example from computed values (0/false/null when unknown). */
function statsFrom(ctx: Ctx, example: unknown, computed: Record<string, unknown>): Record<string, unknown> {
	const template = isObject(example) ? example : {};
	const out: Record<string, unknown> = {};
	for (const [key, sample] of Object.entries(template)) {
		out[key] = key in computed ? computed[key] : typeof sample === 'number' ? 0 : typeof sample === 'boolean' ? false : null;
	}
	const metrics = ctx.query.get('metrics');
	if (!metrics) return out;
	const wanted = new Set(metrics.split(',').map((m) => m.trim()).filter(Boolean));
	const v = new Validator();
	for (const metric of wanted) if (!(metric in out)) v.add('metrics', `The selected metrics is invalid.`);
	v.check();
	return Object.fromEntries(Object.entries(out).filter(([key]) => wanted.has(key) || !(typeof template[key] === 'number')));
}

function period(ctx: Ctx): { from: number; to: number; computed: Record<string, string> } {
	const now = ctx.model.now();
	const from = queryDate(ctx.query, 'date_start') ?? now - 30 * 86_400_000;
	const to = queryDate(ctx.query, 'date_end', true) ?? now;
	if (to < from) new Validator().add('date_end', 'The date end field must be a date after or equal to date start.').check();
	return { from, to, computed: { date_start: ymd(from), date_end: ymd(to) } };
}

function roomStats(ctx: Ctx, room: DsRoom, from?: number, to?: number) {
	const a = ctx.model.activity({ room, from, to });
	return {
		...a,
		room_id: room.id,
		room_external_id: room.external_id,
		room_description: room.description,
		room_friendly_url: room.friendly_url,
		room_privacy: room.privacy,
		room_source: 'api',
		room_max_participants: room.settings.max_participants ?? 100,
		room_is_deleted: room.deleted,
		sessions: a.sessions.length,
		participants: undefined,
	};
}

export function sessionStats(ctx: Ctx, session: DsSession) {
	const model = ctx.model;
	const room = model.anyRoom(session.room_id);
	const a = model.activity({ session });
	return statsFrom(ctx, ctx.model.spec.byKey.get('GET /sessions/{session}')?.example, {
		...a,
		room_id: session.room_id,
		room_external_id: room?.external_id ?? null,
		room_description: room?.description ?? null,
		room_friendly_url: room?.friendly_url ?? null,
		room_privacy: room?.privacy ?? null,
		room_source: 'api',
		room_max_participants: room?.settings.max_participants ?? 100,
		room_is_deleted: room?.deleted ?? true,
		session_id: session.id,
		session_duration: model.minutes(session.start, session.end),
		session_live: session.end === null,
		session_start_time: new Date(session.start).toISOString().replace(/\.\d{3}Z$/, 'Z'),
		session_end_time: session.end === null ? null : new Date(session.end).toISOString().replace(/\.\d{3}Z$/, 'Z'),
		active_roles: new Set(a.participants.map((p) => p.role)).size,
		participants: undefined,
		sessions: undefined,
	});
}

export function participantStats(ctx: Ctx, id: string) {
	const model = ctx.model;
	const p = model.participant(id);
	const room = model.anyRoom(p.room_id);
	const a = model.activity({ session: model.session(p.session_id), participant: p });
	const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
	return statsFrom(ctx, model.spec.byKey.get('GET /participants/{participant}')?.example, {
		room_id: p.room_id,
		room_external_id: room?.external_id ?? null,
		room_friendly_url: room?.friendly_url ?? null,
		room_privacy: room?.privacy ?? null,
		room_is_deleted: room?.deleted ?? true,
		session_id: p.session_id,
		live: p.leave === null,
		participant_name: p.name,
		role: p.role,
		join_time: iso(p.join),
		leave_time: p.leave === null ? null : iso(p.leave),
		device: p.device,
		system: 'Linux',
		browser: 'Mozilla/5.0 (X11; Linux x86_64) Simulator',
		e2ee: false,
		participation_minutes: model.minutes(p.join, p.leave),
		public_chat_posts: a.public_chat_posts,
		questions: a.questions,
		answers: a.answers,
	});
}

function liveRoomJson(model: DsModel, room: DsRoom, withParticipants: boolean) {
	const session = model.liveSession(room);
	const live = session ? model.participantsOf(session).filter((p) => p.leave === null) : [];
	return {
		id: room.id,
		external_id: room.external_id,
		start_time: session ? isoMicros(session.start) : null,
		session_duration: session ? Math.max(0, Math.round((model.now() - session.start) / 1000)) : 0,
		live_participants: withParticipants
			? live.map((p) => ({ id: p.id, external_id: p.external_id, name: p.name, role: p.role, join_time: isoMicros(p.join) }))
			: live.length,
	};
}

/* ---------------------------------------------------------------- routes */

export const roomRoutes: RouteTable = {
	'GET /': ({ model }) => ok(model.settingsJson()),

	'PATCH /': (ctx) => {
		const { model, body } = ctx;
		const v = new Validator();
		if (typeof body.domain === 'string' && RESERVED_DOMAINS.includes(body.domain.toLowerCase())) v.add('domain', 'The selected domain is invalid.');
		const roles = body.roles !== undefined ? roleIds(model, v, 'roles', body.roles) : undefined;
		let defaultRole: string | undefined;
		if (body.default_role !== undefined && body.default_role !== null) {
			const role = model.findRole(body.default_role);
			if (!role) v.add('default_role', 'The selected default role is invalid.');
			else defaultRole = role.id;
		}
		if (body.library_id !== undefined && body.library_id !== null && !model.state.libraries.some((l) => l.id === body.library_id)) {
			v.add('library_id', 'The selected library id is invalid.');
		}
		v.check();
		for (const key of Object.keys(ctx.op.bodySchema?.properties ?? {})) {
			if (['roles', 'default_role', 'private_group_chat_roles'].includes(key) || body[key] === undefined) continue;
			model.state.settings[key] = body[key];
		}
		if (body.domain) model.state.team.domain = body.domain;
		if (roles) model.state.defaultRoleIds = roles;
		if (defaultRole) model.state.defaultRoleId = defaultRole;
		return ok(model.settingsJson());
	},

	'GET /rooms': (ctx) => {
		const tags = [...ctx.query.getAll('tag'), ...ctx.query.getAll('tag[]')].flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean);
		const rooms = ctx.model.state.rooms.filter((r) => !r.deleted && (!tags.length || r.tags.some((t) => tags.includes(t))));
		return list(ctx, rooms, (r) => ctx.model.roomJson(r), { aliases: (r: DsRoom) => [r.friendly_url] });
	},

	'POST /rooms': (ctx) => ok(ctx.model.roomJson(createRoom(ctx))),

	'DELETE /rooms': (ctx) => {
		const v = new Validator();
		if (v.array('tags', ctx.body.tags)) (ctx.body.tags as unknown[]).forEach((t, i) => v.string(`tags.${i}`, t));
		v.check();
		const tags = ctx.body.tags as string[];
		for (const room of ctx.model.state.rooms.filter((r) => !r.deleted && r.tags.some((t) => tags.includes(t)))) {
			if (!ctx.model.isLive(room)) deleteRoom(ctx.model, room, ctx.body);
		}
		return { status: 202 };
	},

	'GET /rooms/{room}': (ctx) => ok(ctx.model.roomJson(ctx.model.room(ctx.params.room))),

	'PATCH /rooms/{room}': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		applyRoomBody(ctx, room)(room);
		return ok(ctx.model.roomJson(room));
	},

	'DELETE /rooms/{room}': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		assertNotLive(ctx.model, room);
		deleteRoom(ctx.model, room, ctx.body);
		return noContent();
	},

	'DELETE /rooms/{room}/resources': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		assertNotLive(ctx.model, room);
		const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';
		deleteRoomResources(ctx.model, room, { history: truthy(ctx.body.delete_history), library: truthy(ctx.body.delete_library) });
		return noContent();
	},

	'POST /rooms/{room}/token': (ctx) => {
		const { model, body, env } = ctx;
		const room = model.room(ctx.params.room);
		const v = new Validator();
		for (const field of ['u', 'ud', 'initials', 'avatar', 'breakoutId']) v.string(field, body[field], undefined, 255);
		let role: string | undefined;
		if (body.role !== undefined && body.role !== null) {
			const found = model.findRole(body.role);
			if (!found) v.add('role', 'The selected role is invalid.');
			else role = typeof body.role === 'string' ? body.role : found.name;
		}
		const now = Math.floor(model.now() / 1000);
		const exp = tokenTime(v, 'exp', body.exp, now, true);
		const nbf = tokenTime(v, 'nbf', body.nbf, now, false);
		if (exp !== undefined && exp <= now) v.add('exp', 'The exp field must be a date after now.');
		if (exp !== undefined && nbf !== undefined && nbf >= exp) v.add('nbf', 'The nbf field must be a date before exp.');
		v.check();
		const claims: Record<string, unknown> = {};
		if (body.ud) claims.ud = body.ud;
		if (body.u) claims.u = body.u;
		claims.rd = room.id;
		claims.td = env.teamId;
		if (role) claims.role = role;
		if (body.initials) claims.initials = body.initials;
		if (body.breakoutId) claims.breakoutId = body.breakoutId;
		if (body.avatar) claims.avatar = body.avatar;
		if (nbf !== undefined) claims.nbf = nbf;
		if (exp !== undefined) claims.exp = exp;
		claims.iat = now;
		const token = signJwt(claims, env.developerKey);
		return ok({ token, link: `${model.roomUrl(room)}?token=${token}` });
	},

	/* live */
	'GET /rooms/live': (ctx) => {
		const rooms = ctx.model.state.rooms.filter((r) => !r.deleted && ctx.model.isLive(r));
		return list(ctx, rooms, (r) => liveRoomJson(ctx.model, r, false), { aliases: (r: DsRoom) => [r.friendly_url] });
	},
	'GET /rooms/live/participants': (ctx) => {
		const rooms = ctx.model.state.rooms.filter((r) => !r.deleted && ctx.model.isLive(r));
		return list(ctx, rooms, (r) => liveRoomJson(ctx.model, r, true), { aliases: (r: DsRoom) => [r.friendly_url] });
	},
	'GET /rooms/{room}/live': (ctx) => ok(liveRoomJson(ctx.model, ctx.model.room(ctx.params.room), false)),
	'GET /rooms/{room}/live/participants': (ctx) => ok(liveRoomJson(ctx.model, ctx.model.room(ctx.params.room), true)),

	/* statistics */
	'GET /statistics': (ctx) => teamStatistics(ctx),
	'GET /statistics/team/current': (ctx) => teamStatistics(ctx, true),
	'GET /statistics/current': (ctx) => {
		const { model } = ctx;
		const now = model.now();
		const from = now - 30 * 86_400_000;
		const a = model.activity({ from });
		const live = model.state.sessions.filter((s) => s.end === null);
		return ok(
			statsFrom(ctx, ctx.op.example, {
				...a,
				live_sessions: live.length,
				active_recorders: model.state.rooms.filter((r) => r.live.recordingId).length,
				max_concurrent_sessions: Math.max(live.length, a.sessions.length ? 1 : 0),
				date_start: ymd(from),
				date_end: ymd(now),
			}),
		);
	},
	'GET /statistics/totals': (ctx) => {
		const { model } = ctx;
		const rooms = model.state.rooms.filter((r) => !r.deleted);
		const tags = [...new Set(rooms.flatMap((r) => r.tags))];
		return ok(
			tags.map((tag) => {
				const tagged = rooms.filter((r) => r.tags.includes(tag));
				const activity = tagged.map((room) => model.activity({ room }));
				return {
					tag,
					rooms: tagged.length,
					participants: activity.reduce((n, a) => n + a.active_participants, 0),
					participation_minutes: activity.reduce((n, a) => n + a.participation_minutes, 0),
				};
			}),
		);
	},
	'GET /statistics/participants/started-sessions': (ctx) => {
		const { model } = ctx;
		const { from, to } = period(ctx);
		const counts = new Map<string, number>();
		for (const session of model.state.sessions.filter((s) => s.start >= from && s.start <= to)) {
			const first = model.participantsOf(session).sort((a, b) => a.join - b.join)[0];
			if (first) counts.set(first.browser_id, (counts.get(first.browser_id) ?? 0) + 1);
		}
		const rows = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([browser_id, n], i) => ({ id: browser_id, seq: -i, browser_id, sessions_started: n }));
		const { items, total } = paginate(rows, ctx.query);
		return ok({ total_count: total, data: items.map(({ browser_id, sessions_started }) => ({ browser_id, sessions_started })) });
	},
	'GET /rooms/{room}/statistics': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const { from, to, computed } = period(ctx);
		return ok(statsFrom(ctx, ctx.op.example, { ...roomStats(ctx, room, from, to), ...computed }));
	},
	'GET /rooms/{room}/statistics/current': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const now = ctx.model.now();
		const from = now - 30 * 86_400_000;
		return ok(statsFrom(ctx, ctx.op.example, { ...roomStats(ctx, room, from, now), date_start: ymd(from), date_end: ymd(now) }));
	},
	'GET /sessions/{session}/statistics': (ctx) => ok(sessionStats(ctx, ctx.model.session(ctx.params.session))),
	'GET /participants/{participant}/statistics': (ctx) => ok(participantStats(ctx, ctx.params.participant)),
};

function teamStatistics(ctx: Ctx, current = false): SimResponse {
	const { model } = ctx;
	const now = model.now();
	const range = current ? { from: now - 30 * 86_400_000, to: now, computed: { date_start: ymd(now - 30 * 86_400_000), date_end: ymd(now) } } : period(ctx);
	const a = model.activity({ from: range.from, to: range.to });
	const rooms = new Set(a.sessions.map((s) => s.room_id));
	return ok(
		statsFrom(ctx, ctx.op.example, {
			...a,
			sessions: a.sessions.length,
			rooms: rooms.size,
			active_roles: new Set(a.participants.map((p) => p.role)).size,
			custom_roles: model.state.roles.filter((r) => !r.builtin).length,
			max_concurrent_sessions: a.sessions.length ? 1 : 0,
			max_concurrent_participants_per_session: Math.max(0, ...a.sessions.map((s) => model.maxConcurrent(model.participantsOf(s)))),
			participants: undefined,
			...range.computed,
		}),
	);
}
