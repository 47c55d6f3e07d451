import type { IDataObject } from 'n8n-workflow';
import { type HttpResult, type Pagination, propertyOf, type RequestSpec } from '../model/descriptor';

/** The list inside a page: at `itemsPath` (dotted for a nested list, `config.streaming_endpoints`), or the page itself when it is an array. */
export function itemsOf(body: unknown, itemsPath?: string): IDataObject[] {
	const list = itemsPath && !Array.isArray(body)
		? itemsPath.split('.').reduce<unknown>((at, key) => propertyOf(at, key), body)
		: body;
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}

/** Far more pages than any list here has (1,000,000 entries at 100 a page): a server that never ends stops here. */
const MAX_PAGES = 10_000;

/** The first and last entries of a page: a server that ignores the offset or cursor answers the same page again. */
function fingerprint(page: IDataObject[]): string {
	return JSON.stringify([page.length, page[0], page[page.length - 1]]);
}

/** One page of a list, and the token of the page after it (undefined at the end of the list). */
export interface Page {
	entries: IDataObject[];
	next?: string;
}

/** How many entries the whole list has, where the page says (its `totalField`, a number or a numeric string). */
function totalOf(body: unknown, field = 'total_count'): number | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const raw = (body as IDataObject)[field];
	const total = raw === undefined || raw === null || raw === '' ? NaN : Number(raw);
	return Number.isFinite(total) ? total : undefined;
}

/**
 * Fetches the page at `token` (an offset or a cursor, as the previous page's `next`; undefined for the first).
 * The list ends only where the provider says: an empty page, a cursor that does not move, the list's count reached
 * (no extra call; for a cursor list, where `before`, the entries before this page, is known: always for the first
 * page), or the pagination's `endStatus` after the first page. A page shorter than asked is not the end: a provider
 * may answer fewer than asked (a page cap below what was asked).
 */
export async function fetchPage(
	send: (spec: RequestSpec) => Promise<HttpResult>,
	spec: RequestSpec,
	pagination: Pagination,
	token: string | undefined,
	pageSize = pagination.maxPageSize,
	before: number | undefined = token === undefined ? 0 : undefined,
): Promise<Page> {
	const qs: IDataObject = { ...spec.qs, limit: pageSize };
	const offset = pagination.style === 'offset' ? Number(token ?? spec.qs?.offset ?? 0) : 0;
	if (pagination.style === 'offset') qs.offset = offset;
	if (pagination.style === 'cursor' && token !== undefined) qs[pagination.cursorParam] = token;
	const ends = token !== undefined && pagination.endStatus !== undefined ? [pagination.endStatus] : [];
	const { statusCode, body } = await send({ ...spec, qs, ...(ends.length ? { acceptStatus: [...(spec.acceptStatus ?? []), ...ends] } : {}) });
	if (ends.includes(statusCode)) return { entries: [] };
	const entries = itemsOf(body, pagination.itemsPath);
	const total = totalOf(body, pagination.totalField);
	if (entries.length === 0) return { entries };
	if (pagination.style === 'offset') {
		const next = offset + entries.length;
		return total !== undefined && next >= total ? { entries } : { entries, next: String(next) };
	}
	if (total !== undefined && before !== undefined && before + entries.length >= total) return { entries };
	const last = entries[entries.length - 1]?.[pagination.idField];
	return last === undefined || last === null || String(last) === token ? { entries } : { entries, next: String(last) };
}

/**
 * Yields list entries page by page, so a caller can emit them as they come.
 * `wanted` undefined means Return All; otherwise at most `wanted` entries are fetched and yielded.
 * Besides where fetchPage ends it, the list ends when a page repeats the previous one (a server ignoring the offset
 * or cursor would otherwise be asked forever).
 */
export async function* paginate(
	send: (spec: RequestSpec) => Promise<HttpResult>,
	spec: RequestSpec,
	pagination: Pagination,
	wanted?: number,
): AsyncGenerator<IDataObject> {
	let yielded = 0;
	let fetched = 0;
	let token: string | undefined;
	let previous: string | undefined;
	for (let pageNumber = 0; pageNumber < MAX_PAGES; pageNumber++) {
		const remaining = wanted === undefined ? Infinity : wanted - yielded;
		if (remaining <= 0) return;
		const page = await fetchPage(send, spec, pagination, token, Math.min(pagination.maxPageSize, remaining), fetched);
		const seen = fingerprint(page.entries);
		if (page.entries.length && seen === previous) return;
		previous = seen;
		fetched += page.entries.length;
		for (const entry of page.entries.slice(0, remaining)) {
			yielded++;
			yield entry;
		}
		if (page.next === undefined) return;
		token = page.next;
	}
}
