import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import type { HttpResult, RequestSpec } from '../../../nodes/shared/descriptor';
import { paginate } from '../../../nodes/shared/paginate';
import { resetRateLimits } from '../../../nodes/shared/rateLimit';
import { DAILY_URL, runDaily } from '../../helpers/daily';

const entries = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ id: `e-${from + i}` }));

async function collect(send: (spec: RequestSpec) => Promise<HttpResult>, style: 'offset' | 'cursor', wanted?: number) {
	const pagination = style === 'offset'
		? { style, itemsPath: 'data', maxPageSize: 100 } as const
		: { style, idField: 'id', cursorParam: 'starting_after', itemsPath: 'data', maxPageSize: 100 } as const;
	const out: IDataObject[] = [];
	for await (const entry of paginate(send, { method: 'GET', path: '/list' }, pagination, wanted)) out.push(entry);
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
