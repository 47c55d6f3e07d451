import { randomUUID } from 'crypto';
import type { INodeExecutionData } from 'n8n-workflow';
import { Daily } from '../../nodes/Daily/Daily.node';
import { dailyTransport } from '../../nodes/Daily/transport';
import { runDaily } from '../helpers/daily';
import { describeDuplicates, type DuplicateCase } from '../helpers/duplicates';
import { type DailySimulator, startDailySimulator } from '../simulators/daily';
import { listen, type SimServer } from '../simulators/http';

/**
 * Every Daily operation that creates, starts or sends something (each one the kernel sends once, plus room creates,
 * which find what they made) under faults that strike after Daily did the work: no call done twice. Each item makes
 * a call of its own (its own room, session, number or name), so that two items never send the same call.
 */

const API_KEY = 'dup-daily';

// Pacing is not what this file tests (bench/ and rateWindows.test.ts do): Daily's 1/s for starts and 10 per 30 s for
// batch rooms would make 40 items take minutes. The calls keep their rate class; its windows are lifted here.
const savedClasses = structuredClone(dailyTransport.rateClasses);
beforeAll(() => {
	for (const name of ['start', 'batch']) dailyTransport.rateClasses![name] = { windows: [{ limit: 100, ms: 1000 }] };
});
afterAll(() => Object.assign(dailyTransport.rateClasses!, savedClasses));

// Daily pings a webhook's URL, and a SIP trunk's notification URL, before it keeps them: a receiver that says 200.
let receiver: SimServer;
let receiverUrl = '';
beforeAll(async () => {
	receiver = await listen(async () => ({ status: 200, body: {} }));
	receiverUrl = receiver.url;
});
afterAll(async () => await receiver.close());

/** One room per item, `dup-<i>`. */
const rooms = (sim: DailySimulator, items: number) => {
	sim.seedRooms(items, 'dup');
	return Array.from({ length: items }, (_, i) => `dup-${i}`);
};
/** One room and one dial-out session in it per item. */
const calls = (sim: DailySimulator, items: number) =>
	rooms(sim, items).map((room) => {
		const sessionId = randomUUID();
		sim.state.jobs.push({ kind: 'dialOut', room, instanceId: sessionId, sessionId });
		return { room, sessionId };
	});
const number = (i: number) => `+1415555${String(1000 + i)}`;
const named = (room: unknown) => ({ __rl: true, mode: 'name', value: room });
type Call = { room: string; sessionId: string };

/** Rooms are recognisable, so they are sent again: every item gets its one room, the one it returns. */
function oneRoomEach(sim: DailySimulator, output: INodeExecutionData[]): void {
	expect(sim.rooms.map((r) => r.name).sort()).toEqual(output.map((item) => String(item.json.name)).sort());
	expect(new Set(sim.rooms.map((r) => r.name)).size).toBe(output.length);
}

const cases: Array<DuplicateCase<DailySimulator>> = [
	{ op: 'room.create', variant: 'unnamed: the node names it', allSucceed: true, params: () => ({ resource: 'room', operation: 'create', privacy: 'public' }), after: oneRoomEach },
	{ op: 'room.create', variant: 'named', allSucceed: true, params: (i) => ({ resource: 'room', operation: 'create', roomName: `dup-${i}` }), after: oneRoomEach },
	{ op: 'room.createMany', params: (i) => ({ resource: 'room', operation: 'createMany', rooms: JSON.stringify([{ name: `many-${i}-a` }, { name: `many-${i}-b`, privacy: 'private' }]) }) },
	{ op: 'room.sendAppMessage', setup: rooms, params: (i, room) => ({ resource: 'room', operation: 'sendAppMessage', roomName: named(room), data: JSON.stringify({ n: i }), recipient: '*' }) },
	{ op: 'recording.start', setup: rooms, params: (_i, room) => ({ resource: 'recording', operation: 'start', roomName: named(room), options: { type: 'cloud' } }) },
	{ op: 'liveStream.start', setup: rooms, params: (i, room) => ({ resource: 'liveStream', operation: 'start', roomName: named(room), options: { rtmpUrl: `rtmps://live.example.com/app/key-${i}` } }) },
	{ op: 'transcription.start', setup: rooms, params: (_i, room) => ({ resource: 'transcription', operation: 'start', roomName: named(room) }) },
	{ op: 'dialOut.start', setup: rooms, params: (i, room) => ({ resource: 'dialOut', operation: 'start', roomName: named(room), target: { phoneNumber: number(i) } }) },
	{ op: 'dialOut.sendDtmf', setup: calls, params: (_i, c) => ({ resource: 'dialOut', operation: 'sendDtmf', roomName: named((c as Call).room), sessionId: (c as Call).sessionId, tones: '12#' }) },
	{ op: 'dialOut.transfer', setup: calls, params: (i, c) => ({ resource: 'dialOut', operation: 'transfer', roomName: named((c as Call).room), sessionId: (c as Call).sessionId, toEndPoint: number(i) }) },
	{ op: 'dialOut.sipRefer', setup: calls, params: (i, c) => ({ resource: 'dialOut', operation: 'sipRefer', roomName: named((c as Call).room), sessionId: (c as Call).sessionId, toEndPoint: `sip:desk-${i}@example.com` }) },
	{ op: 'phoneNumber.buy', params: (i) => ({ resource: 'phoneNumber', operation: 'buy', confirmPurchase: true, additionalFields: { number: number(i) } }) },
	{
		op: 'dialinConfig.create',
		params: (i) => ({ resource: 'dialinConfig', operation: 'create', type: 'pin_dialin', phone_number: number(i), additionalFields: { name_prefix: `line-${i}` } }),
	},
	{
		op: 'dialinConfig.pinlessCallUpdate',
		params: (i) => ({ resource: 'dialinConfig', operation: 'pinlessCallUpdate', callId: randomUUID(), callDomain: randomUUID(), sipUri: `sip:room-${i}@example.sip.daily.co` }),
	},
	{
		op: 'sipTrunk.create',
		params: (i) => ({ resource: 'sipTrunk', operation: 'create', trunk_name: `trunk-${i}`, webhook_url: `${receiverUrl}/trunk`, additionalFields: { is_open: true } }),
	},
	{ op: 'sipClient.create', params: (i) => ({ resource: 'sipClient', operation: 'create', username: `client-${i}.0` }) },
	{
		op: 'batchProcessor.submit',
		setup: (sim, items) => rooms(sim, items).map((room) => sim.seedRecording(room).id),
		params: (_i, recording) => ({ resource: 'batchProcessor', operation: 'submit', preset: 'transcript', sourceType: 'recordingId', source: String(recording), outParams: '{"s3Config": {"s3KeyTemplate": "dup"}}' }),
	},
	{
		op: 'webhook.create',
		// A domain allowed as many webhooks as items (Daily's default is one).
		setup: (sim, items) => {
			sim.state.domainConfig.max_webhook_count = items;
			return [];
		},
		params: (i) => ({ resource: 'webhook', operation: 'create', url: `${receiverUrl}/hook-${i}`, eventTypes: ['meeting.started'] }),
	},
];

describeDuplicates({
	provider: 'Daily',
	node: new Daily(),
	cases,
	start: async () => await startDailySimulator({ apiKey: API_KEY }),
	run: async (sim, parameters, items, retryPolicy) => (await runDaily(parameters, { apiKey: API_KEY, baseUrl: sim.url, continueOnFail: true, items, retryPolicy })).output,
});
