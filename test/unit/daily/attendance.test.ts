import type { IDataObject } from 'n8n-workflow';
import { DAILY_KEY, runDaily } from '../../helpers/daily';
import { startDailySimulator, type DailySimulator } from '../../simulators/daily';

/**
 * Daily Meeting → Get Attendance against the simulator, which answers GET /meetings/{meeting} and its participants
 * in the spec's shapes (meetings_meeting-get-res, meeting_participants-get-res: user_id, participant_id, user_name,
 * join_time, duration) and pages them as Daily does (404 after the last). Expected values worked out by hand below.
 */
const T0 = 1672786000;

describe('Daily Meeting → Get Attendance', () => {
	let sim: DailySimulator;
	beforeEach(async () => {
		sim = await startDailySimulator({ apiKey: DAILY_KEY });
	});
	afterEach(async () => await sim.close());
	const run = (parameters: IDataObject) => runDaily({ resource: 'meeting', operation: 'getAttendance', ...parameters }, { baseUrl: sim.url });

	/**
	 * Lindsey (user ID set by her token) in two tabs, 0–600 s and 300–900 s: present 0–900, 15 minutes, 2 joins.
	 * Moishe (no user ID) drops and comes back, 100–300 s and 500–900 s: 200 + 400 s, 10 minutes, 2 joins.
	 * A guest with neither ID nor name, 50–110 s: a person of their own, 1 minute.
	 */
	const ended = () =>
		sim.seedMeetingWith({
			room: 'standup', start_time: T0, duration: 900, ongoing: false,
			participants: [
				{ user_id: 'u-lindsey', participant_id: 'c-1', user_name: 'Lindsey', join_time: T0, duration: 600 },
				{ user_id: null, participant_id: 'c-2', user_name: 'Moishe', join_time: T0 + 100, duration: 200 },
				{ user_id: 'u-lindsey', participant_id: 'c-3', user_name: 'Lindsey', join_time: T0 + 300, duration: 600 },
				{ user_id: null, participant_id: 'c-4', user_name: null, join_time: T0 + 50, duration: 60 },
				{ user_id: null, participant_id: 'c-5', user_name: 'Moishe', join_time: T0 + 500, duration: 400 },
			],
		});
	const at = (seconds: number) => new Date(seconds * 1000).toISOString();

	it('one item per person: overlapping tabs counted once, reconnections summed, the guest apart', async () => {
		const meeting = ended();
		const { output } = await run({ meetingId: meeting.id });
		expect(output.map((item) => item.json)).toEqual([
			{ name: 'Lindsey', userId: 'u-lindsey', attended: true, firstJoin: at(T0), lastLeave: at(T0 + 900), minutesPresent: 15, joins: 2, ongoing: false, connectionIds: ['c-1', 'c-3'] },
			{ attended: true, firstJoin: at(T0 + 50), lastLeave: at(T0 + 110), minutesPresent: 1, joins: 1, ongoing: false, connectionIds: ['c-4'] },
			{ name: 'Moishe', attended: true, firstJoin: at(T0 + 100), lastLeave: at(T0 + 900), minutesPresent: 10, joins: 2, ongoing: false, connectionIds: ['c-2', 'c-5'] },
		]);
	});

	it('Expected Attendees: matches by user ID or name, and adds an item for each one who never joined', async () => {
		const meeting = ended();
		const { output } = await run({ meetingId: meeting.id, expectedAttendees: 'u-lindsey, Ana' });
		expect(output.map((item) => [item.json.name, item.json.attended, item.json.expected])).toEqual([
			['Lindsey', true, true],
			[undefined, true, false],
			['Moishe', true, false],
			['Ana', false, true],
		]);
	});

	it('One Summary Item: the meeting\'s start, end and duration, three attendees, at most three at once (100–110 s)', async () => {
		const meeting = ended();
		const { output } = await run({ meetingId: meeting.id, output: 'summary' });
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ meetingId: meeting.id, room: 'standup', start: at(T0), end: at(T0 + 900), durationMinutes: 15, attendeeCount: 3, peakConcurrency: 3, ongoing: false });
		expect(output[0].json.people).toHaveLength(3);
	});

	it('a meeting still running: an open connection ends now and the person is ongoing', async () => {
		const now = Math.floor(Date.now() / 1000);
		const meeting = sim.seedMeetingWith({
			room: 'standup', start_time: now - 120, duration: 120, ongoing: true,
			participants: [{ user_id: 'u-ana', participant_id: 'c-9', user_name: 'Ana', join_time: now - 120, duration: null }],
		});
		const { output } = await run({ meetingId: meeting.id });
		expect(output[0].json).toMatchObject({ name: 'Ana', ongoing: true, joins: 1 });
		expect(output[0].json.minutesPresent).toBeGreaterThanOrEqual(2);
		expect(output[0].json.minutesPresent).toBeLessThan(2.2);
		const summary = await run({ meetingId: meeting.id, output: 'summary' });
		expect(summary.output[0].json).toMatchObject({ ongoing: true, attendeeCount: 1 });
	});

	it('reads every page of a large meeting (Daily answers 404 after the last participant)', async () => {
		const meeting = sim.seedMeeting('all-hands', 250);
		const { output } = await run({ meetingId: meeting.id });
		expect(output).toHaveLength(250);
		expect(sim.requests.filter((r) => r.path.endsWith('/participants')).map((r) => r.query.includes('joined_after'))).toEqual([false, true, true, true]);
	});
});
