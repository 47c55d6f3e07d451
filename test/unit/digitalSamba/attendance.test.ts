import type { IDataObject } from 'n8n-workflow';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { DS_KEY, DS_TEAM, FAST_RETRIES, runDigitalSamba } from '../../helpers/digitalSamba';
import { startDigitalSambaSimulator, type DigitalSambaSimulator } from '../../simulators/digitalSamba';

/**
 * Digital Samba Session → Get Attendance against the simulator, which answers GET /sessions/{session} and its
 * participants as the spec's examples show (join_time / leave_time as '2024-03-03 08:01:01', no zone; leave_time null
 * while in the session; total_count as a string) and pages them by offset. Expected values worked out by hand.
 */
const T0 = Date.UTC(2024, 2, 3, 8, 0, 0);
const s = (seconds: number) => T0 + seconds * 1000;
const at = (seconds: number) => new Date(s(seconds)).toISOString();

describe('Digital Samba Session → Get Attendance', () => {
	let sim: DigitalSambaSimulator;
	beforeEach(async () => {
		sim = await startDigitalSambaSimulator({ developerKey: DS_KEY, teamId: DS_TEAM });
		sim.seedRoom({ friendly_url: 'class' });
	});
	afterEach(async () => {
		await sim.close();
		resetRateLimits();
	});
	const run = (parameters: IDataObject) => runDigitalSamba({ resource: 'session', operation: 'getAttendance', ...parameters }, { baseUrl: sim.url, retryPolicy: FAST_RETRIES });

	/**
	 * Lindsey (external ID u-lindsey, moderator) in two tabs, 0–600 s and 300–900 s: 15 minutes, 2 joins.
	 * Moishe (no external ID) leaves and comes back, 100–300 s and 500–900 s: 10 minutes, 2 joins.
	 */
	function ended() {
		const { session, participants } = sim.startSession('class', {
			start: T0,
			participants: [
				{ name: 'Lindsey', external_id: 'u-lindsey', role: 'moderator', join: s(0) },
				{ name: 'Moishe', external_id: null, role: 'attendee', join: s(100) },
				{ name: 'Lindsey', external_id: 'u-lindsey', role: 'moderator', join: s(300) },
				{ name: 'Moishe', external_id: null, role: 'attendee', join: s(500) },
			],
		});
		[600, 300, 900, 900].forEach((leave, i) => (participants[i].leave = s(leave)));
		session.end = s(900);
		return session;
	}

	it('one item per person, with the role, overlapping tabs counted once and reconnections summed', async () => {
		const session = ended();
		const { output } = await run({ sessionId: session.id });
		expect(output.map((item) => item.json)).toEqual([
			expect.objectContaining({ name: 'Lindsey', userId: 'u-lindsey', role: 'moderator', attended: true, firstJoin: at(0), lastLeave: at(900), minutesPresent: 15, joins: 2, ongoing: false }),
			expect.objectContaining({ name: 'Moishe', role: 'attendee', attended: true, firstJoin: at(100), lastLeave: at(900), minutesPresent: 10, joins: 2, ongoing: false }),
		]);
		expect(output[1].json).not.toHaveProperty('userId');
	});

	it('Expected Attendees and One Summary Item: two attended, at most two at once, one expected person absent', async () => {
		const session = ended();
		const { output } = await run({ sessionId: session.id, expectedAttendees: 'u-lindsey, Ana', output: 'summary' });
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ sessionId: session.id, room: 'class', start: at(0), end: at(900), durationMinutes: 15, attendeeCount: 2, peakConcurrency: 2, ongoing: false });
		expect((output[0].json.people as IDataObject[]).map((p) => [p.name, p.attended, p.expected])).toEqual([['Lindsey', true, true], ['Moishe', true, false], ['Ana', false, true]]);
	});

	it('a session still live: a leave_time still null ends now, and the person is ongoing', async () => {
		const started = Date.now() - 180_000;
		const { session } = sim.startSession('class', { start: started, participants: [{ name: 'Ana', external_id: 'u-ana', join: started }] });
		const { output } = await run({ sessionId: session.id });
		expect(output[0].json).toMatchObject({ name: 'Ana', ongoing: true, joins: 1 });
		expect(output[0].json.minutesPresent).toBeGreaterThanOrEqual(3);
		expect(output[0].json.minutesPresent).toBeLessThan(3.2);
	});

	it('reads every page of a large session (offset pages of 100)', async () => {
		const { session } = sim.startSession('class', { participants: 230 });
		const { output } = await run({ sessionId: session.id });
		// The simulator names 230 participants apart, each with an external ID of their own: 230 people.
		expect(output).toHaveLength(230);
		expect(sim.requests.filter((r) => r.path.endsWith('/participants'))).toHaveLength(3);
	});
});
