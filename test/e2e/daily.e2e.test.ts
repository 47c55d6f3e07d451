import { startDailySimulator, type DailySimulator } from '../simulators/daily';
import { createRuntime, nodeOutput, nodeType, type N8nRuntime, manualWorkflow } from './n8n';
import { DAILY_MISSING_ROOM_ERROR, dailyLifecycleNodes, dailyMissingRoomNodes, expectDailyLifecycle } from './workflows';

/** The Daily node inside a real n8n 1.123, against the Daily simulator on loopback. */
const API_KEY = 'e2e_daily_key_5f3c9a1b7d';
const CREDENTIAL = { id: 'dailySimCred0001', name: 'Daily Simulator' };

let n8n: N8nRuntime;
let daily: DailySimulator;

function node(name: string, parameters: object, position: [number, number], extra: object = {}) {
	return {
		id: `${name.replace(/\W/g, '')}-id`,
		name,
		type: nodeType('daily'),
		typeVersion: 1,
		position,
		parameters,
		credentials: { dailyApi: CREDENTIAL },
		...extra,
	};
}

beforeAll(async () => {
	daily = await startDailySimulator({ apiKey: API_KEY });
	daily.seedRooms(150);
	n8n = createRuntime();
	await n8n.importCredentials([{ ...CREDENTIAL, type: 'dailyApi', data: { apiKey: API_KEY, baseUrl: daily.url } }]);
}, 25 * 60_000);

afterAll(async () => {
	await daily?.close();
	n8n?.cleanup();
});

it('creates a room and a token, lists every room across pages, and deletes the room', async () => {
	await n8n.importWorkflow(manualWorkflow('DailyE2eHappy001', 'Daily e2e: room lifecycle', dailyLifecycleNodes(CREDENTIAL)));
	const { result, run } = await n8n.execute('DailyE2eHappy001');
	expect(result.code).toBe(0);
	expectDailyLifecycle((name) => nodeOutput(run, name), daily);
	// 151 rooms newest first: a full page of 100, then the rest after the 100th room's id.
	const listCalls = daily.requests.filter((r) => r.method === 'GET' && r.path === '/v1/rooms');
	expect(listCalls.map((r) => new URLSearchParams(r.query).get('limit'))).toEqual(['100', '100']);
	expect(new URLSearchParams(listCalls[1].query).get('starting_after')).toBe(nodeOutput(run, 'List Rooms')[99].id);
	expect(`${result.stdout}${result.stderr}`).not.toContain(API_KEY);
}, 240_000);

it('Meeting → Get Attendance: one item per person and, as a summary, one item (two tabs and a reconnection)', async () => {
	const t0 = 1672786000;
	const meeting = daily.seedMeetingWith({
		room: 'standup', start_time: t0, duration: 900, ongoing: false,
		participants: [
			{ user_id: 'u-ana', participant_id: 'c-1', user_name: 'Ana', join_time: t0, duration: 600 },
			{ user_id: 'u-ana', participant_id: 'c-2', user_name: 'Ana', join_time: t0 + 300, duration: 600 },
			{ user_id: null, participant_id: 'c-3', user_name: 'Bo', join_time: t0 + 100, duration: 200 },
			{ user_id: null, participant_id: 'c-4', user_name: 'Bo', join_time: t0 + 500, duration: 400 },
		],
	});
	await n8n.importWorkflow(
		manualWorkflow('DailyE2eAttend01', 'Daily e2e: attendance', [
			node('Attendance', { resource: 'meeting', operation: 'getAttendance', meetingId: { __rl: true, mode: 'id', value: meeting.id }, expectedAttendees: 'u-ana, Cy' }, [200, 0]),
			node('Summary', { resource: 'meeting', operation: 'getAttendance', meetingId: { __rl: true, mode: 'id', value: meeting.id }, output: 'summary' }, [200, 200], { executeOnce: true }),
		]),
	);
	const { result, run } = await n8n.execute('DailyE2eAttend01');
	expect(result.code).toBe(0);
	expect(nodeOutput(run, 'Attendance').map((p) => [p.name, p.minutesPresent, p.joins, p.attended])).toEqual([['Ana', 15, 2, true], ['Bo', 10, 2, true], ['Cy', 0, 0, false]]);
	expect(nodeOutput(run, 'Summary')).toEqual([expect.objectContaining({ meetingId: meeting.id, attendeeCount: 2, peakConcurrency: 2, durationMinutes: 15 })]);
}, 240_000);

it('surfaces the provider error as an n8n execution error, without the API key', async () => {
	await n8n.importWorkflow(manualWorkflow('DailyE2eError001', 'Daily e2e: missing room', dailyMissingRoomNodes(CREDENTIAL)));
	const { result } = await n8n.execute('DailyE2eError001');
	const output = `${result.stdout}${result.stderr}`;
	expect(result.code).not.toBe(0);
	expect(output).toContain(DAILY_MISSING_ROOM_ERROR);
	expect(output).not.toContain(API_KEY);
}, 240_000);

it('refuses bad input inside n8n before any request reaches the provider', async () => {
	const before = daily.requests.length;
	await n8n.importWorkflow(
		manualWorkflow('DailyE2eInput001', 'Daily e2e: bad room name', [
			node('Create Room', { resource: 'room', operation: 'create', roomName: 'not a valid name!' }, [200, 0]),
		]),
	);
	const { result } = await n8n.execute('DailyE2eInput001');
	expect(result.code).not.toBe(0);
	expect(`${result.stdout}${result.stderr}`).toContain('Invalid parameter Room Name (roomName)');
	expect(daily.requests.length).toBe(before);
}, 240_000);
