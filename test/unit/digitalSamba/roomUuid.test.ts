import nock from 'nock';
import type { IDataObject, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { digitalSambaResources } from '../../../nodes/DigitalSamba/resources';
import { takesRoomUuid } from '../../../nodes/DigitalSamba/roomUuid';
import { DS_URL, offlineWithFastRetries } from '../../helpers/digitalSamba';
import { startDigitalSambaSimulator } from '../../simulators/digitalSamba';
import { uuidOnlyRoomOperations } from './spec';

/**
 * Issue 22: the contract declares `{room}` of 25 operations as "The UUID of the room." (the others: "The UUID of the
 * room or room friendly URL."). The room field takes a friendly URL or a link everywhere; on those 25 the node sends
 * the room's UUID, read from GET /rooms/{friendly_url} once per execution for each room.
 */

const ROOM = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const FRIENDLY = 'weekly-standup';
const LINK = `https://acme.digitalsamba.com/${FRIENDLY}?token=abc`;
const API = `${DS_URL}/api/v1`;

/** The 25, from the spec. */
const UUID_ONLY = uuidOnlyRoomOperations();

const csv = [{ json: {}, binary: { data: { data: Buffer.from('question,type\nWhy?,single\n').toString('base64'), fileName: 'import.csv', mimeType: 'text/csv' } } }];

/** Each operation of the node on those paths, with the parameters besides the room it needs. */
const CASES: Array<{ op: string; params?: IDataObject; items?: INodeExecutionData[] }> = [
	{ op: 'session.getManyForRoom', params: { returnAll: false, limit: 5 } },
	{ op: 'participant.getManyForRoom', params: { returnAll: false, limit: 5 } },
	{ op: 'participant.raiseHand', params: { participantId: 'p-1' } },
	{ op: 'participant.lowerHand', params: { participantId: 'p-1' } },
	{ op: 'phone.connect' },
	{ op: 'phone.disconnect' },
	{ op: 'phone.participantsJoined', params: { calls: '[{"call_id": "c-1", "name": "Desk phone"}]' } },
	{ op: 'phone.participantsLeft', params: { callIds: 'c-1' } },
	{ op: 'phone.raiseHand', params: { callId: 'c-1' } },
	{ op: 'phone.lowerHand', params: { callId: 'c-1' } },
	{ op: 'phone.mute', params: { callId: 'c-1' } },
	{ op: 'phone.unmute', params: { callId: 'c-1' } },
	{ op: 'poll.get', params: { pollId: 'pl-1' } },
	{ op: 'poll.update', params: { pollId: 'pl-1', pollOptions: '[{"text": "Yes"}, {"text": "No"}]', updateFields: { type: 'single' } } },
	{ op: 'poll.delete', params: { pollId: 'pl-1' } },
	{ op: 'poll.import', params: { binaryPropertyName: 'data' }, items: csv },
	{ op: 'poll.getTemplate' },
	{ op: 'quiz.get', params: { quizId: 'qz-1' } },
	{ op: 'quiz.update', params: { quizId: 'qz-1', questions: [{ id: 'q-1', choices: [{ id: 'c-1', correct: true }] }] } },
	{ op: 'quiz.delete', params: { quizId: 'qz-1' } },
	{ op: 'quiz.import', params: { binaryPropertyName: 'data' }, items: csv },
	{ op: 'quiz.getTemplate' },
	{ op: 'quiz.export', params: { format: 'csv' } },
	{ op: 'statistics.getRoom' },
	{ op: 'statistics.getRoomCurrent' },
];

const runDigitalSamba = offlineWithFastRetries();

const sent = (r: IHttpRequestOptions) => `${r.method ?? 'GET'} ${new URL(r.url).pathname.replace(/^\/api\/v1/, '')}`;

/** The spec operation (`METHOD /path` template) a call was sent to, with the room's UUID where `{room}` is. */
function specOperationOf(call: string): string | undefined {
	return UUID_ONLY.find((key) => {
		const [method, path] = key.split(' ');
		const pattern = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace('{room}', ROOM).replace(/\{\w+\}/g, '[^/]+');
		return call.startsWith(`${method} `) && new RegExp(`^${pattern}$`).test(call.slice(method.length + 1));
	});
}

/** Answers the room lookup with the room (the spec's GET /rooms/{room} answer carries `id`), and any other call as the operation expects. */
function api(lookups: { count: number }) {
	nock(API)
		.persist()
		.get(`/rooms/${FRIENDLY}`)
		.reply(() => {
			lookups.count++;
			return [200, { id: ROOM, friendly_url: FRIENDLY, privacy: 'public' }];
		});
	for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) {
		nock(API)
			.persist()
			.intercept((uri) => !uri.endsWith(`/rooms/${FRIENDLY}`), method)
			.query(true)
			.reply((uri) => (/\/(template|export)/.test(uri) ? [200, 'a,b\n', { 'content-type': 'text/csv' }] : [200, /\/(sessions|participants)(\?|$)/.test(uri) && method === 'GET' ? { data: [], total_count: 0 } : {}]));
	}
}

describe('the contract\'s UUID-only room paths', () => {
	it('are 25 operations, and the node marks exactly the operations that call them', () => {
		expect(UUID_ONLY).toHaveLength(25);
		const marked = digitalSambaResources.flatMap((r) => r.operations.filter((op) => takesRoomUuid(op)).map((op) => `${r.value}.${op.operation}`));
		expect(marked.sort()).toEqual(CASES.map((c) => c.op).sort());
	});

	it('every one of the 25 is reached by an operation of the table below', async () => {
		const lookups = { count: 0 };
		api(lookups);
		const reached = new Set<string>();
		for (const c of CASES) {
			const [resource, operation] = c.op.split('.');
			const { ctx } = await runDigitalSamba({ resource, operation, roomId: ROOM, ...c.params }, { items: c.items });
			for (const r of ctx.requests) reached.add(specOperationOf(sent(r)) ?? sent(r));
		}
		expect([...reached].sort()).toEqual([...UUID_ONLY].sort());
		// Given the UUID, nothing is looked up.
		expect(lookups.count).toBe(0);
	});
});

describe.each([
	['a friendly URL typed (By ID)', { __rl: true, mode: 'id', value: FRIENDLY }],
	['a room link (By URL)', { __rl: true, mode: 'url', value: LINK }],
	['a room link typed (By ID)', { __rl: true, mode: 'id', value: LINK }],
	['a friendly URL saved as plain text', FRIENDLY],
])('the room as %s', (_name, roomId) => {
	it.each(CASES.map((c) => [c.op, c] as const))('%s sends the room\'s UUID, after one lookup', async (_op, c) => {
		const lookups = { count: 0 };
		api(lookups);
		const [resource, operation] = c.op.split('.');
		const { ctx, output } = await runDigitalSamba({ resource, operation, roomId, ...c.params }, { items: c.items });
		const calls = ctx.requests.map(sent);
		expect(calls[0]).toBe(`GET /rooms/${FRIENDLY}`);
		expect(lookups.count).toBe(1);
		expect(calls.slice(1).length).toBeGreaterThan(0);
		for (const call of calls.slice(1)) expect([call, specOperationOf(call)]).toEqual([call, expect.any(String)]);
		expect(output.every((item) => !item.json.error)).toBe(true);
	});
});

describe('lookups', () => {
	it('one lookup per room for the whole execution, however many items name it and however', async () => {
		const lookups = { count: 0 };
		api(lookups);
		const items = [FRIENDLY, LINK, ` ${FRIENDLY} `, FRIENDLY, ROOM, LINK].map((roomId) => ({ resource: 'statistics', operation: 'getRoom', roomId }));
		const { ctx, output } = await runDigitalSamba(items);
		expect(lookups.count).toBe(1);
		const calls = ctx.requests.map(sent);
		expect(calls.filter((c) => c === `GET /rooms/${FRIENDLY}`)).toHaveLength(1);
		expect(calls.filter((c) => c === `GET /rooms/${ROOM}/statistics`)).toHaveLength(6);
		expect(output).toHaveLength(6);
	});

	it('a room given by its UUID is not looked up', async () => {
		const scope = nock(API).post(`/rooms/${ROOM}/phone/connect`).reply(200, '');
		const { ctx } = await runDigitalSamba({ resource: 'phone', operation: 'connect', roomId: { __rl: true, mode: 'list', value: ROOM } });
		expect(scope.isDone()).toBe(true);
		expect(ctx.requests.map(sent)).toEqual([`POST /rooms/${ROOM}/phone/connect`]);
	});

	it('paths that take a friendly URL get it as it is, without a lookup', async () => {
		const scope = nock(API).post(`/rooms/${FRIENDLY}/recordings/start`).reply(200, '');
		const { ctx } = await runDigitalSamba({ resource: 'recording', operation: 'start', roomId: FRIENDLY });
		expect(scope.isDone()).toBe(true);
		expect(ctx.requests.map(sent)).toEqual([`POST /rooms/${FRIENDLY}/recordings/start`]);
	});

	it('a friendly URL no room has: each of its items fails naming the Room field, after one lookup; other items run', async () => {
		let lookups = 0;
		nock(API).persist().get('/rooms/gone').reply(() => (lookups++, [404, { message: 'Not Found', error: 'not-found' }]));
		const connect = nock(API).post(`/rooms/${ROOM}/phone/connect`).reply(200, '');
		const { output } = await runDigitalSamba(
			[
				{ resource: 'phone', operation: 'connect', roomId: 'gone' },
				{ resource: 'phone', operation: 'connect', roomId: ROOM },
				{ resource: 'phone', operation: 'connect', roomId: 'https://acme.digitalsamba.com/gone' },
			],
			{ continueOnFail: true },
		);
		expect(lookups).toBe(1);
		expect(connect.isDone()).toBe(true);
		expect(output.map((i) => i.json.error ?? 'ok')).toEqual([
			"Invalid parameter Room (roomId): Digital Samba has no room 'gone'",
			'ok',
			"Invalid parameter Room (roomId): Digital Samba has no room 'gone'",
		]);
		expect(output.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('validation comes first: an item with a bad field is refused before its room is looked up', async () => {
		// No interceptor is set: a lookup would fail as a disallowed connection, not with the validation error.
		const error = await runDigitalSamba({ resource: 'participant', operation: 'raiseHand', roomId: FRIENDLY }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(/^Invalid parameter Participant.*\(participantId\): is required$/);
	});

	it('without Continue On Fail the node fails with that error, for the item that named the room', async () => {
		nock(API).get('/rooms/gone').reply(404, { message: 'Not Found', error: 'not-found' });
		const error = await runDigitalSamba({ resource: 'statistics', operation: 'getRoomCurrent', roomId: 'gone' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe("Invalid parameter Room (roomId): Digital Samba has no room 'gone'");
		expect((error as NodeOperationError).description).toMatch(/needs the room's ID \(UUID\); GET \/rooms\/gone, which reads it from the friendly URL, answered 404/);
	});
});

describe('against the simulator, which answers a friendly URL on these paths 404 as the real API', () => {
	beforeEach(() => nock.enableNetConnect('127.0.0.1'));
	afterEach(() => nock.disableNetConnect());

	it('sessions, participants, phone and statistics of a room given by its link or friendly URL', async () => {
		const sim = await startDigitalSambaSimulator({ developerKey: 'ds-uuid', teamId: '' });
		try {
			const room = sim.seedRoom({ friendly_url: FRIENDLY });
			const { session, participants } = sim.startSession(room.id, { participants: 2 });
			const run = async (parameters: IDataObject[]) => (await runDigitalSamba(parameters, { developerKey: 'ds-uuid', baseUrl: sim.url })).output.map((i) => i.json);
			const before = sim.requests.length;
			const out = await run([
				{ resource: 'session', operation: 'getManyForRoom', roomId: LINK, returnAll: true },
				{ resource: 'participant', operation: 'getManyForRoom', roomId: FRIENDLY, returnAll: true },
				{ resource: 'participant', operation: 'raiseHand', roomId: FRIENDLY, participantId: participants[0].id },
				{ resource: 'statistics', operation: 'getRoomCurrent', roomId: LINK },
			]);
			expect(out.filter((j) => j.id === session.id)).toHaveLength(1);
			expect(out.filter((j) => participants.some((p) => p.id === j.id))).toHaveLength(2);
			expect(out).toContainEqual({ success: true, roomId: room.id, participantId: participants[0].id });
			const calls = sim.requests.slice(before).map((r) => `${r.method} ${r.path}`);
			expect(calls.filter((c) => c === `GET /api/v1/rooms/${FRIENDLY}`)).toHaveLength(1);
			expect(calls.filter((c) => c.includes(`/rooms/${FRIENDLY}/`))).toEqual([]);
		} finally {
			await sim.close();
		}
	});
});
