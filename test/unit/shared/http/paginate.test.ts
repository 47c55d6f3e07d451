import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import type { HttpResult, RequestSpec } from '../../../../nodes/shared/model/descriptor';
import { fetchPage, paginate } from '../../../../nodes/shared/http/paginate';
import { resetRateLimits } from '../../../../nodes/shared/http/rateLimit';
import { DAILY_URL, runDaily } from '../../../helpers/daily';

const entries = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ id: `e-${from + i}` }));

async function collect(send: (spec: RequestSpec) => Promise<HttpResult>, style: 'offset' | 'cursor', wanted?: number) {
	const pagination = style === 'offset'
		? { style, itemsPath: 'data', maxPageSize: 100 } as const
		: { style, idField: 'id', cursorParam: 'starting_after', itemsPath: 'data', maxPageSize: 100 } as const;
	const out: IDataObject[] = [];
	for await (const entry of paginate(send, { method: 'GET', path: '/list', repeatable: true }, pagination, wanted)) out.push(entry);
	return out;
}

describe('paginate', () => {
	it('ends when a server ignoring the offset answers the same page again, without repeating its entries', async () => {
		const calls: RequestSpec[] = [];
		const send = async (spec: RequestSpec): Promise<HttpResult> => {
			calls.push(spec);
			return { statusCode: 200, headers: {}, body: { data: entries(0, 100) }, attempts: 1 };
		};
		const out = await collect(send, 'offset');
		expect(out).toHaveLength(100);
		expect(calls).toHaveLength(2);
	});

	it('Return All over exactly N full pages of an offset list with total_count makes no extra call', async () => {
		const calls: RequestSpec[] = [];
		const send = async (spec: RequestSpec): Promise<HttpResult> => {
			calls.push(spec);
			const offset = Number(spec.qs?.offset);
			// Digital Samba sends total_count as a number or, in some examples, a string.
			return { statusCode: 200, headers: {}, body: { data: entries(offset, 100), total_count: '200' }, attempts: 1 };
		};
		expect(await collect(send, 'offset')).toHaveLength(200);
		expect(calls.map((c) => c.qs?.offset)).toEqual([0, 100]);
	});
});

describe('where a list ends (issue 22: a list ends only where the provider says)', () => {
	/** A provider that answers at most `cap` entries a call whatever `limit` asks, over `size` entries. */
	function capped(size: number, cap: number, style: 'offset' | 'cursor', withTotal: boolean) {
		const all = entries(0, size);
		const calls: RequestSpec[] = [];
		const send = async (spec: RequestSpec): Promise<HttpResult> => {
			calls.push(spec);
			const limit = Math.min(Number(spec.qs?.limit), cap);
			const from = style === 'offset' ? Number(spec.qs?.offset ?? 0) : all.findIndex((e) => e.id === spec.qs?.starting_after) + 1;
			const data = all.slice(from, from + limit);
			return { statusCode: 200, headers: {}, body: withTotal ? { data, total_count: size } : { data }, attempts: 1 };
		};
		return { send, calls };
	}

	it.each([['offset'], ['cursor']] as const)('%s: a page shorter than asked is not the end; total_count is, with no extra call', async (style) => {
		const { send, calls } = capped(120, 50, style, true);
		const out = await collect(send, style);
		expect(out.map((e) => e.id)).toEqual(entries(0, 120).map((e) => e.id));
		expect(calls).toHaveLength(3);
	});

	it.each([['offset'], ['cursor']] as const)('%s: without a count the list ends on an empty page (one extra call)', async (style) => {
		const { send, calls } = capped(120, 50, style, false);
		expect(await collect(send, style)).toHaveLength(120);
		expect(calls).toHaveLength(4);
	});

	it('a first page that holds the whole cursor list (its total_count) has no next page: a picker offers no more', async () => {
		const { send, calls } = capped(5, 50, 'cursor', true);
		const page = await fetchPage(send, { method: 'GET', path: '/list', repeatable: true }, { style: 'cursor', idField: 'id', cursorParam: 'starting_after', itemsPath: 'data', maxPageSize: 100 }, undefined);
		expect(page).toEqual({ entries: entries(0, 5) });
		expect(calls).toHaveLength(1);
	});

	it('Limit larger than the provider\'s cap is filled across pages, and asks for no more than it still wants', async () => {
		const { send, calls } = capped(120, 50, 'cursor', true);
		expect(await collect(send, 'cursor', 70)).toHaveLength(70);
		expect(calls.map((c) => c.qs?.limit)).toEqual([70, 20]);
	});
});

describe('Daily Meeting → Get Participants', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => {
		nock.cleanAll();
		resetRateLimits();
	});
	afterAll(() => nock.enableNetConnect());

	const page = (from: number, count: number) => ({ data: Array.from({ length: count }, (_, i) => ({ participant_id: `p-${from + i}`, user_name: `U${from + i}` })) });

	it('ends Return All at the 404 Daily answers once no participants remain (docs page), not with an error', async () => {
		nock(DAILY_URL)
			.get('/v1/meetings/m-1/participants').query({ limit: 100 }).reply(200, page(0, 100))
			.get('/v1/meetings/m-1/participants').query({ limit: 100, joined_after: 'p-99' }).reply(404, { error: 'not-found', info: 'no participants' });
		const { output } = await runDaily({ resource: 'meeting', operation: 'getParticipants', meetingId: 'm-1', returnAll: true });
		expect(output).toHaveLength(100);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('a 404 for the first page is still an error (no such meeting)', async () => {
		nock(DAILY_URL).get('/v1/meetings/m-x/participants').query(true).reply(404, { error: 'not-found', info: 'meeting m-x not found' });
		await expect(runDaily({ resource: 'meeting', operation: 'getParticipants', meetingId: 'm-x', returnAll: true })).rejects.toThrow('meeting m-x not found');
	});
});

describe('paginate', () => {
	const pages = (total: number) => Array.from({ length: total }, (_, i) => ({ id: `x${i}` }));

	it('walks offset pages until a short page', async () => {
		const all = pages(230);
		const asked: unknown[] = [];
		const send = async (spec: RequestSpec): Promise<HttpResult> => {
			asked.push(spec.qs);
			const { limit, offset } = spec.qs as { limit: number; offset: number };
			return { statusCode: 200, headers: {}, body: { total_count: '230', data: all.slice(offset, offset + limit) }, attempts: 1 };
		};
		const out: unknown[] = [];
		for await (const e of paginate(send, { method: 'GET', path: '/rooms', qs: { order: 'asc' }, repeatable: true }, { style: 'offset', itemsPath: 'data', maxPageSize: 100 })) out.push(e);
		expect(out).toEqual(all);
		expect(asked).toEqual([
			{ order: 'asc', limit: 100, offset: 0 },
			{ order: 'asc', limit: 100, offset: 100 },
			{ order: 'asc', limit: 100, offset: 200 },
		]);
	});

	it('reads bare-array pages and stops when a server ignores the cursor', async () => {
		let calls = 0;
		const send = async (): Promise<HttpResult> => {
			calls++;
			return { statusCode: 200, headers: {}, body: [{ id: 'a' }, { id: 'b' }], attempts: 1 };
		};
		const out: unknown[] = [];
		for await (const e of paginate(send, { method: 'GET', path: '/x', repeatable: true }, { style: 'cursor', idField: 'id', cursorParam: 'starting_after', itemsPath: 'data', maxPageSize: 2 })) out.push(e);
		expect(calls).toBe(2);
		// The repeated page is recognised before its entries are output a second time.
		expect(out).toEqual([{ id: 'a' }, { id: 'b' }]);
	});
});
