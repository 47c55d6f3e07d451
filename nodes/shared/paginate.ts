import type { IDataObject } from 'n8n-workflow';
import type { HttpResult, Pagination, RequestSpec } from './descriptor';

/** The list inside a page: at `itemsPath`, or the page itself when it is an array. */
export function itemsOf(body: unknown, itemsPath?: string): IDataObject[] {
	const list = itemsPath && !Array.isArray(body) ? (body as IDataObject | undefined)?.[itemsPath] : body;
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}

/** Far more pages than any list here has (1,000,000 entries at 100 a page): a server that never ends stops here. */
export const MAX_PAGES = 10_000;

/** The first and last entries of a page: a server that ignores the offset or cursor answers the same page again. */
function fingerprint(page: IDataObject[]): string {
	return JSON.stringify([page.length, page[0], page[page.length - 1]]);
}

/**
 * Yields list entries page by page, so a caller can emit them as they come.
 * `wanted` undefined means Return All; otherwise at most `wanted` entries are fetched and yielded.
 * The list ends at a short page, at the page that reaches an offset list's `total_count` (no extra call), at the
 * pagination's `endStatus` after the first page, or when a page repeats the previous one (a server ignoring the
 * offset or cursor would otherwise be asked forever).
 */
export async function* paginate(
	send: (spec: RequestSpec) => Promise<HttpResult>,
	spec: RequestSpec,
	pagination: Pagination,
	wanted?: number,
): AsyncGenerator<IDataObject> {
	let yielded = 0;
	let offset = Number(spec.qs?.offset ?? 0);
	let cursor: string | undefined;
	let previous: string | undefined;
	for (let pageNumber = 0; pageNumber < MAX_PAGES; pageNumber++) {
		const remaining = wanted === undefined ? Infinity : wanted - yielded;
		if (remaining <= 0) return;
		const pageSize = Math.min(pagination.maxPageSize, remaining);
		const qs: IDataObject = { ...spec.qs, limit: pageSize };
		if (pagination.style === 'offset') qs.offset = offset;
		if (pagination.style === 'cursor' && cursor !== undefined) qs[pagination.cursorParam] = cursor;

		const ends = pageNumber > 0 && pagination.endStatus !== undefined ? [pagination.endStatus] : [];
		const { statusCode, body } = await send({ ...spec, qs, ...(ends.length ? { acceptStatus: [...(spec.acceptStatus ?? []), ...ends] } : {}) });
		if (ends.includes(statusCode)) return;
		const page = itemsOf(body, pagination.itemsPath);
		const seen = fingerprint(page);
		if (page.length && seen === previous) return;
		previous = seen;
		for (const entry of page.slice(0, remaining)) {
			yielded++;
			yield entry;
		}
		if (page.length < pageSize) return;

		if (pagination.style === 'offset') {
			offset += page.length;
			const total = Number((body as IDataObject | undefined)?.total_count);
			if (!Array.isArray(body) && Number.isFinite(total) && offset >= total) return;
		} else {
			const last = page[page.length - 1]?.[pagination.idField];
			if (last === undefined || last === null || String(last) === cursor) return;
			cursor = String(last);
		}
	}
}
