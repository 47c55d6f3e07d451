import jwt from 'jsonwebtoken';
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { CLAIMS } from '../../../nodes/Daily/resources/meetingToken';
import { ROOM_NAME_PATTERN } from '../../../nodes/Daily/fields';
import { defaultRetryPolicy } from '../../../nodes/shared/http/send';
import { DAILY_KEY, DAILY_URL, runDaily } from '../../helpers/daily';
import { startDailySimulator, type DailySimulator } from '../../simulators/daily';

/**
 * Daily Scheduled Meeting → Create or Get and Cancel, against the simulator (which enforces Daily's spec and, as Daily
 * does, refuses a second room of one name). Tokens are checked with jsonwebtoken (HS256 with the API key, the
 * algorithm of Daily's self-signing guide) and their claims named by that guide's abbreviation table (CLAIMS).
 */
describe('Daily Scheduled Meeting', () => {
	let sim: DailySimulator;
	beforeEach(async () => {
		sim = await startDailySimulator({ apiKey: DAILY_KEY });
	});
	afterEach(async () => await sim.close());
	const run = (parameters: IDataObject | IDataObject[]) => runDaily(parameters, { baseUrl: sim.url });

	const booking = (extra: IDataObject = {}): IDataObject => ({
		resource: 'scheduledMeeting', operation: 'createOrGet', externalId: 'deal-42', title: 'Demo',
		start: '2030-05-01T10:00:00Z', end: '2030-05-01T10:30:00Z',
		peopleInputMode: 'fields',
		peopleUi: { person: [{ name: 'Hana Host', email: 'hana@example.com', role: 'host' }, { name: 'Gus Guest', role: 'guest' }] },
		...extra,
	});
	const roomsMade = () => sim.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/rooms'));

	it('makes one private room named within Daily\'s rule and a working link per person, the host as owner', async () => {
		const { output } = await run(booking());
		expect(output).toHaveLength(1);
		const meeting = output[0].json as IDataObject & { room: IDataObject; people: IDataObject[] };
		expect(sim.state.rooms).toHaveLength(1);
		const room = sim.state.rooms[0];
		expect(room.name).toMatch(ROOM_NAME_PATTERN.regex);
		expect(room.privacy).toBe('private');
		expect(meeting.room).toMatchObject({ name: room.name, url: room.url, created: true });
		expect(meeting).toMatchObject({ externalId: 'deal-42', title: 'Demo', start: '2030-05-01T10:00:00.000Z', end: '2030-05-01T10:30:00.000Z' });
		const [host, guest] = meeting.people;
		for (const person of [host, guest]) {
			const token = String(person.token);
			expect(person.link).toBe(`${room.url}?t=${token}`);
			const claims = jwt.verify(token, DAILY_KEY, { algorithms: ['HS256'], ignoreNotBefore: true }) as IDataObject;
			expect(claims).toMatchObject({ r: room.name, d: sim.state.domainId, [CLAIMS.user_name]: person.name });
			// Links work from 15 minutes before the start until 60 minutes after the end (the defaults).
			expect(claims[CLAIMS.nbf]).toBe(Date.parse('2030-05-01T09:45:00Z') / 1000);
			expect(claims[CLAIMS.exp]).toBe(Date.parse('2030-05-01T11:30:00Z') / 1000);
		}
		expect(jwt.decode(String(host.token))).toMatchObject({ [CLAIMS.is_owner]: true, [CLAIMS.user_id]: 'hana@example.com' });
		expect(jwt.decode(String(guest.token))).not.toHaveProperty(CLAIMS.is_owner);
		// Signed here: the only requests are the domain ID and the room.
		expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/', 'POST /v1/rooms']);
	});

	it('a second run with the same External ID finds the room, sets what it asks on it, and gives fresh links', async () => {
		const first = (await run(booking())).output[0].json as IDataObject & { room: IDataObject };
		const second = (await run(booking({ privacy: 'public', properties: { enable_chat: true } }))).output[0].json as IDataObject & { room: IDataObject };
		expect(sim.state.rooms).toHaveLength(1);
		expect(second.room).toMatchObject({ name: first.room.name, created: false, updated: ['privacy', 'enable_chat'] });
		expect(sim.state.rooms[0]).toMatchObject({ privacy: 'public' });
		expect(sim.state.rooms[0].config).toMatchObject({ enable_chat: true });
	});

	it('ends with one room when items of one run, and two runs at once, book the same External ID', async () => {
		const { output } = await run(Array.from({ length: 5 }, () => booking()));
		await Promise.all([run(booking()), run(booking())]);
		expect(sim.state.rooms).toHaveLength(1);
		expect(output.filter((item) => (item.json.room as IDataObject).created)).toHaveLength(1);
		expect(roomsMade().length).toBeGreaterThanOrEqual(7);
	});

	it('gives another room to the same External ID in another namespace', async () => {
		await run(booking());
		await run(booking({ bookingOptions: { idNamespace: 'crm-b' } }));
		expect(sim.state.rooms).toHaveLength(2);
	});

	it('Output One Item per Person: an item per person with the meeting, and iCalendar fields with their own link', async () => {
		const { output } = await run(booking({ output: 'people' }));
		expect(output.map((item) => item.json.name)).toEqual(['Hana Host', 'Gus Guest']);
		const calendar = output[0].json.calendar as IDataObject;
		expect(String(calendar.description)).toContain(String(output[0].json.link));
		expect(calendar.attendees).toEqual([{ name: 'Hana Host', email: 'hana@example.com', rsvp: false }]);
		expect((output[0].json.meeting as IDataObject).externalId).toBe('deal-42');
	});

	it('reads people as JSON too, and a duration instead of an end', async () => {
		const { output } = await run(booking({ peopleInputMode: 'json', people: '[{"name": "Ana"}]', end: '', durationMinutes: 45 }));
		const meeting = output[0].json as IDataObject & { people: IDataObject[] };
		expect(meeting.end).toBe('2030-05-01T10:45:00.000Z');
		expect(meeting.people).toMatchObject([{ name: 'Ana', role: 'guest' }]);
	});

	it.each([
		['no External ID', { externalId: '' }, /External ID/],
		['an end before the start', { end: '2030-05-01T09:00:00Z' }, /End: must be after Start/],
		['a person without a name', { peopleUi: { person: [{ email: 'a@example.com' }] } }, /People.*name|name.*required/i],
		['an invalid email', { peopleUi: { person: [{ name: 'A', email: 'not-an-email' }] } }, /email/i],
		['a role Daily has not', { peopleInputMode: 'json', people: '[{"name": "A", "role": "admin"}]' }, /host, guest/],
	])('refuses %s before anything is sent', async (_case, extra, message) => {
		await expect(run(booking(extra))).rejects.toThrow(message);
		expect(sim.requests).toHaveLength(0);
	});

	it('a failure while booking leaves nothing booked, and a run after it books the one room', async () => {
		// Daily's domain answers 500 however often it is asked: the item fails before any room is made.
		nock.disableNetConnect();
		nock.enableNetConnect('127.0.0.1');
		try {
			let domainCalls = 0;
			nock(DAILY_URL).get('/v1/').times(10).reply(() => {
				domainCalls++;
				return [500, { error: 'server-error' }];
			});
			const rooms = nock(DAILY_URL).post('/v1/rooms').reply(200, {});
			const retryPolicy = { ...defaultRetryPolicy, baseDelayMs: 5, maxDelayMs: 20 };
			await expect(runDaily(booking(), { retryPolicy })).rejects.toThrow(/500/);
			expect(domainCalls).toBeGreaterThan(0);
			expect(rooms.isDone()).toBe(false);
		} finally {
			nock.cleanAll();
			nock.enableNetConnect();
		}
		await run(booking());
		await run(booking());
		expect(sim.state.rooms).toHaveLength(1);
	});

	it('Cancel deletes the room and is safe to repeat', async () => {
		await run(booking());
		const cancel = { resource: 'scheduledMeeting', operation: 'cancel', externalId: 'deal-42' };
		expect((await run(cancel)).output[0].json).toMatchObject({ cancelled: true, alreadyCancelled: false });
		expect(sim.state.rooms).toHaveLength(0);
		expect((await run(cancel)).output[0].json).toMatchObject({ cancelled: true, alreadyCancelled: true });
	});
});
