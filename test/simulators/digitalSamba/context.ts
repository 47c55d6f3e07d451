import type { SimRequest, SimResponse } from '../http';
import type { DsAuthor, DsModel, DsRoom } from './model';
import type { SpecOperation } from './spec';
import { isObject, listBody, paginate, Validator, type Listable, type PageOptions } from './util';

/** What a stateful route handler gets. */
export interface Ctx {
	req: SimRequest;
	params: Record<string, string>;
	query: URLSearchParams;
	/** The JSON body (an object, or an array where the spec says so); `{}` when there is none. */
	body: any;
	op: SpecOperation;
	model: DsModel;
	env: SimEnvironment;
}

/** Simulator-wide facts handlers need. */
export interface SimEnvironment {
	/** `http://127.0.0.1:PORT` */
	origin: string;
	developerKey: string;
	teamId: string;
	/** Secret for the storage upload tokens (the real ones come from Digital Samba's storage service). */
	storageSecret: string;
}

export type RouteHandler = (ctx: Ctx) => SimResponse | Promise<SimResponse>;
export type RouteTable = Record<string, RouteHandler>;

export const ok = (body?: unknown): SimResponse => (body === undefined ? { status: 200 } : { status: 200, body });
export const noContent = (): SimResponse => ({ status: 204 });
export const text = (body: string, contentType = 'text/plain; charset=UTF-8', filename?: string): SimResponse => ({
	status: 200,
	body,
	headers: { 'content-type': contentType, ...(filename ? { 'content-disposition': `attachment; filename="${filename}"` } : {}) },
});

/** A paginated `{data, total_count}` answer; total_count is a string where the spec's example has one. */
export function list<T extends Listable>(ctx: Ctx, all: T[], toJson: (item: T) => unknown, options: PageOptions = {}): SimResponse {
	const { items, total } = paginate(all, ctx.query, options);
	const countAsString = typeof (ctx.op.example as { total_count?: unknown } | undefined)?.total_count === 'string';
	return ok(listBody(items.map(toJson), total, countAsString));
}

/**
 * The `participant` object of the Q&A routes: `{id}` of a participant of this room, or `{name, external_id}`.
 * Adds validation errors to `v`; returns the author fields to store.
 */
export function resolveAuthor(ctx: Ctx, room: DsRoom, v: Validator, field = 'participant'): DsAuthor {
	const value = ctx.body?.[field];
	if (value === undefined || value === null) return { participant_id: null, external_participant_id: null, participant_name: null };
	if (!isObject(value)) {
		v.add(field, `The ${field} field must be an array.`);
		return { participant_id: null, external_participant_id: null, participant_name: null };
	}
	if (value.id !== undefined && value.id !== null) {
		const participant = ctx.model.state.participants.find((p) => p.id === value.id && p.room_id === room.id);
		if (!participant) v.add(`${field}.id`, `The selected ${field}.id is invalid.`);
		return { participant_id: participant?.id ?? null, external_participant_id: participant?.external_id ?? null, participant_name: participant?.name ?? null };
	}
	v.required(`${field}.name`, value.name);
	v.required(`${field}.external_id`, value.external_id);
	v.string(`${field}.name`, value.name, 1, 255);
	const known = ctx.model.state.participants.find((p) => p.room_id === room.id && p.external_id === value.external_id);
	return { participant_id: known?.id ?? null, external_participant_id: value.external_id ?? null, participant_name: value.name ?? null };
}

/** The room's session a new chat message or question belongs to: its live one, if any. */
export const currentSessionId = (ctx: Ctx, room: DsRoom) => ctx.model.liveSession(room)?.id ?? null;

/** `?format=txt|json|csv` exports (zip is not modelled: 422). */
export function exportAs(ctx: Ctx, name: string, rows: Array<Record<string, unknown>>, toLine: (row: Record<string, unknown>) => string): SimResponse {
	const format = ctx.query.get('format') ?? 'txt';
	const v = new Validator();
	v.in('format', format, ['txt', 'json', 'csv']);
	v.check();
	if (format === 'json') return ok(rows);
	if (format === 'csv') {
		const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
		const csv = [keys.join(','), ...rows.map((r) => keys.map((k) => JSON.stringify(r[k] ?? '')).join(','))].join('\n');
		return text(csv, 'text/csv; charset=UTF-8', `${name}.csv`);
	}
	return text(rows.map(toLine).join('\n'), 'text/plain; charset=UTF-8', `${name}.txt`);
}
