import type { SimResponse } from '../../http';
import { cursorPage, findRoom, mergedConfig, invalid, isoNow, newId, notFound, ok, type Ctx, type DailyState, type Room, type RouteTable } from '../context';

const ROOM_NAME = /^[A-Za-z0-9_-]{1,128}$/;

export function makeRoom(state: DailyState, name: string, privacy: Room['privacy'], properties: Record<string, unknown>): Room {
	return {
		id: newId(),
		name,
		api_created: true,
		privacy,
		url: `https://${state.domain}.daily.co/${name}`,
		created_at: isoNow(),
		config: properties,
	};
}

/** Checks the spec cannot express: the name's alphabet, privacy's two values, exp in the future (reference/providers.md §1.5). */
function checkRoomBody(body: any): SimResponse | undefined {
	if (body?.name !== undefined && !ROOM_NAME.test(String(body.name))) return invalid('name must only contain letters, numbers, dashes and underscores');
	if (body?.privacy !== undefined && !['public', 'private'].includes(body.privacy)) return invalid('privacy must be public or private');
	const exp = body?.properties?.exp;
	if (exp !== undefined && exp <= Date.now() / 1000) return invalid('exp must be in the future');
	return undefined;
}

function createRoom(state: DailyState, body: any): SimResponse {
	const bad = checkRoomBody(body);
	if (bad) return bad;
	const name = body?.name ?? newId().replace(/-/g, '').slice(0, 20);
	if (findRoom(state, name)) return invalid(`a room named ${name} already exists`);
	const room = makeRoom(state, name, body?.privacy ?? 'public', body?.properties ?? {});
	state.rooms.unshift(room);
	return ok(room);
}

const withRoom = (handler: (ctx: Ctx, room: Room) => SimResponse | Promise<SimResponse>) => (ctx: Ctx) => {
	const room = findRoom(ctx.state, ctx.params.room_name);
	return room ? handler(ctx, room) : notFound(`room ${ctx.params.room_name}`);
};

export const roomRoutes: RouteTable = {
	// ListRooms
	'GET /rooms': ({ state, query }) => ok(cursorPage(state.rooms, query, (r) => r.id)),
	// CreateRoom
	'POST /rooms': ({ state, body }) => createRoom(state, body),
	// GetRoomConfig
	'GET /rooms/{room_name}': withRoom((_ctx, room) => ok(room)),
	// SetRoomConfig
	'POST /rooms/{room_name}': withRoom(({ body }, room) => {
		const bad = checkRoomBody(body);
		if (bad) return bad;
		if (body.privacy) room.privacy = body.privacy;
		room.config = mergedConfig(room.config, body.properties);
		return ok(room);
	}),
	// DeleteRoom
	'DELETE /rooms/{room_name}': withRoom(({ state }, room) => {
		state.rooms.splice(state.rooms.indexOf(room), 1);
		return ok({ deleted: true, name: room.name });
	}),
	// GetRoomPresence: nobody is ever in a simulated call.
	'GET /rooms/{room_name}/presence': withRoom(() => ok({ total_count: 0, data: [] })),
	// SendAppMessage
	'POST /rooms/{room_name}/send-app-message': withRoom(({ body }) => {
		if (body.data === undefined) return invalid('data is required');
		if (JSON.stringify(body.data).length > 4096) return invalid('data must be at most 4KB');
		return ok({ sent: 'true' });
	}),
	// GetSessionData
	'GET /rooms/{room_name}/get-session-data': withRoom(({ state }, room) => ok({ data: state.sessionData.get(room.name) ?? {} })),
	// SetSessionData: replace (default) or shallow-merge, then keysToDelete.
	'POST /rooms/{room_name}/set-session-data': withRoom(({ state, body }, room) => {
		const current = state.sessionData.get(room.name) ?? {};
		const next = body.mergeStrategy === 'shallow-merge' ? { ...current, ...(body.data ?? {}) } : { ...(body.data ?? {}) };
		for (const key of body.keysToDelete ?? []) delete next[key];
		state.sessionData.set(room.name, next);
		return ok({ sent: 'true' });
	}),
	// Eject: nobody is in the call, so nobody is ejected.
	'POST /rooms/{room_name}/eject': withRoom(() => ok({ ejectedIds: [] })),
	// UpdatePermissions
	'POST /rooms/{room_name}/update-permissions': withRoom(() => ok({ status: 'sent' })),
	// BatchRoomCreate: all or nothing.
	'POST /batch/rooms': ({ state, body }) => {
		const specs: any[] = body.rooms ?? [];
		const names = new Set<string>();
		for (const spec of specs) {
			const bad = checkRoomBody(spec);
			if (bad) return bad;
			if (spec.name !== undefined && (findRoom(state, spec.name) || names.has(spec.name))) return invalid(`a room named ${spec.name} already exists`);
			if (spec.name !== undefined) names.add(spec.name);
		}
		const created = specs.map((spec) => makeRoom(state, spec.name ?? newId().replace(/-/g, '').slice(0, 20), spec.privacy ?? 'public', spec.properties ?? {}));
		state.rooms.unshift(...[...created].reverse());
		return ok(created);
	},
	// BatchRoomDelete (overlay: body `rooms`, https://docs.daily.co/reference/rest-api/rooms/batch/delete): all or nothing.
	'DELETE /batch/rooms': ({ state, body }) => {
		const names: string[] = body.rooms ?? [];
		const missing = names.find((name) => !findRoom(state, name));
		if (missing !== undefined) return notFound(`room ${missing}`);
		for (const name of names) state.rooms.splice(state.rooms.findIndex((r) => r.name === name), 1);
		return ok({ deleted_count: names.length });
	},
};

