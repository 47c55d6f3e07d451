import type { IDataObject } from 'n8n-workflow';
import type { HttpResult, Pagination, RequestSpec } from './descriptor';

/** The list inside a page: at `itemsPath`, or the page itself when it is an array. */
export function itemsOf(body: unknown, itemsPath?: string): IDataObject[] {
	const list = itemsPath && !Array.isArray(body) ? (body as IDataObject | undefined)?.[itemsPath] : body;
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}

/**
 * Yields list entries page by page, so a caller can emit them as they come.
 * `wanted` undefined means Return All; otherwise at most `wanted` entries are fetched and yielded.
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
	for (;;) {
		const remaining = wanted === undefined ? Infinity : wanted - yielded;
		if (remaining <= 0) return;
		const pageSize = Math.min(pagination.maxPageSize, remaining);
		const qs: IDataObject = { ...spec.qs, limit: pageSize };
		if (pagination.style === 'offset') qs.offset = offset;
		if (pagination.style === 'cursor' && cursor !== undefined) qs[pagination.cursorParam] = cursor;

		const { body } = await send({ ...spec, qs });
		const page = itemsOf(body, pagination.itemsPath);
		for (const entry of page.slice(0, remaining)) {
			yielded++;
			yield entry;
		}
		if (page.length < pageSize) return;

		if (pagination.style === 'offset') {
			offset += page.length;
		} else {
			const last = page[page.length - 1]?.[pagination.idField];
			// A server that ignores the cursor would otherwise be asked for the same page forever.
			if (last === undefined || last === null || String(last) === cursor) return;
			cursor = String(last);
		}
	}
}
