import jwt from 'jsonwebtoken';
import type { IDataObject } from 'n8n-workflow';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { bookedRoomName } from '../../../nodes/shared/parameters/booking';
import { DS_KEY, DS_TEAM, FAST_RETRIES, runDigitalSamba } from '../../helpers/digitalSamba';
import { startDigitalSambaSimulator, type DigitalSambaSimulator } from '../../simulators/digitalSamba';
import { requestSchema, SPEC } from './spec';

/**
 * Digital Samba Scheduled Meeting → Create or Get and Cancel, against the simulator (which enforces the OpenAPI spec
 * and, as the spec says of friendly_url, "Must be unique", refuses a second room with one friendly URL). Tokens are
 * verified with jsonwebtoken (HS256 with the developer key, as the spec's "Iframe integration" text says) and their
 * claims checked against the names of the spec's "Payload structure".
 */

const SECURITY_TEXT = String(SPEC.components.securitySchemes.default.description);
/** The claim names the spec's "Payload structure" lists: td, rd, ud, u, role, avatar, iat, exp, nbf. */
const PAYLOAD_CLAIMS = [...SECURITY_TEXT.slice(SECURITY_TEXT.indexOf('Payload structure')).matchAll(/<code>(\w+)<\/code>/g)].map((m) => m[1]);
/** friendly_url as POST /rooms describes it: "Must be unique. Must be at least 3 characters. Must not be greater than 32 characters." */
const FRIENDLY_URL_RULE = String(requestSchema('/api/v1/rooms', 'post').properties!.friendly_url.description);
const FRIENDLY_URL_MAX = Number(/greater than (\d+) characters/.exec(FRIENDLY_URL_RULE)![1]);
const FRIENDLY_URL_MIN = Number(/at least (\d+) characters/.exec(FRIENDLY_URL_RULE)![1]);

describe('Digital Samba Scheduled Meeting', () => {
	let sim: DigitalSambaSimulator;
	beforeEach(async () => {
		sim = await startDigitalSambaSimulator({ developerKey: DS_KEY, teamId: DS_TEAM, domain: 'acme' });
	});
	afterEach(async () => {
		await sim.close();
		resetRateLimits();
	});
	const run = (parameters: IDataObject | IDataObject[], teamId = DS_TEAM) => runDigitalSamba(parameters, { baseUrl: sim.url, teamId, retryPolicy: FAST_RETRIES });
	const rooms = () => sim.state.rooms.filter((r) => !r.deleted);
	const calls = (from = 0) => sim.requests.slice(from).map((r) => `${r.method} ${r.path.replace(/^\/api\/v1/, '') || '/'}`);

	const booking = (extra: IDataObject = {}): IDataObject => ({
		resource: 'scheduledMeeting', operation: 'createOrGet', externalId: 'deal-42', title: 'Demo',
		start: '2030-05-01T10:00:00Z', end: '2030-05-01T10:30:00Z',
		peopleInputMode: 'fields',
		peopleUi: { person: [{ name: 'Hana Host', email: 'hana@example.com', role: 'moderator' }, { name: 'Gus Guest', role: 'attendee', userId: 'crm-7' }] },
		...extra,
	});
	type Meeting = IDataObject & { room: IDataObject; people: IDataObject[] };
	const meetingOf = async (parameters: IDataObject) => (await run(parameters)).output[0].json as Meeting;

	it('makes one private room with the booking\'s friendly URL and external ID, and a working link per person with their role', async () => {
		const meeting = await meetingOf(booking());
		expect(rooms()).toHaveLength(1);
		const [room] = rooms();
		expect(room.friendly_url).toBe(bookedRoomName('deal-42', '', 32));
		expect(room.friendly_url.length).toBeGreaterThanOrEqual(FRIENDLY_URL_MIN);
		expect(room.friendly_url.length).toBeLessThanOrEqual(FRIENDLY_URL_MAX);
		expect(room).toMatchObject({ privacy: 'private', external_id: 'deal-42' });
		const roomUrl = sim.model.roomJson(room).room_url;
		expect(meeting.room).toEqual({ name: room.friendly_url, url: roomUrl, id: room.id, created: true });
		expect(meeting).toMatchObject({ externalId: 'deal-42', title: 'Demo', start: '2030-05-01T10:00:00.000Z', end: '2030-05-01T10:30:00.000Z' });
		expect(PAYLOAD_CLAIMS).toEqual(expect.arrayContaining(['td', 'rd', 'ud', 'u', 'role', 'iat', 'exp', 'nbf']));
		const [host, guest] = meeting.people;
		for (const person of [host, guest]) {
			const token = String(person.token);
			expect(person.link).toBe(`${roomUrl}?token=${token}`);
			const claims = jwt.verify(token, DS_KEY, { algorithms: ['HS256'], ignoreNotBefore: true }) as IDataObject;
			expect(Object.keys(claims).every((claim) => PAYLOAD_CLAIMS.includes(claim))).toBe(true);
			// td: the team's UUID, rd: the room's UUID (the spec's words).
			expect(claims).toMatchObject({ td: DS_TEAM, rd: room.id, u: person.name });
			// Links work from 15 minutes before the start until 60 minutes after the end (the defaults).
			expect(claims.nbf).toBe(Date.parse('2030-05-01T09:45:00Z') / 1000);
			expect(claims.exp).toBe(Date.parse('2030-05-01T11:30:00Z') / 1000);
		}
		expect(jwt.decode(String(host.token))).toMatchObject({ role: 'moderator', ud: 'hana@example.com' });
		expect(jwt.decode(String(guest.token))).toMatchObject({ role: 'attendee', ud: 'crm-7' });
		expect(() => jwt.verify(String(host.token), 'another-key', { algorithms: ['HS256'], ignoreNotBefore: true })).toThrow(/signature/);
		// Signed here: the only calls are the room and the team (for its domain); preset roles need no lookup.
		expect(calls()).toEqual(['GET /', 'POST /rooms']);
		expect(JSON.stringify(meeting)).not.toContain(DS_KEY);
	});

	it('a second run with the same External ID finds the room, sets on it what it asks differently, and gives fresh links', async () => {
		const first = await meetingOf(booking());
		const before = sim.requests.length;
		const second = await meetingOf(booking({ privacy: 'public', settings: { chat_enabled: false, max_participants: 20 } }));
		expect(rooms()).toHaveLength(1);
		expect(second.room).toMatchObject({ name: first.room.name, id: first.room.id, created: false, updated: ['privacy', 'chat_enabled', 'max_participants'] });
		expect(rooms()[0]).toMatchObject({ privacy: 'public', external_id: 'deal-42' });
		expect(rooms()[0].settings).toMatchObject({ chat_enabled: false, max_participants: 20 });
		// The update is the spec's PATCH /rooms/{room}, with only what differs.
		const patch = sim.requests.find((r) => r.method === 'PATCH')!;
		expect(patch.path).toBe(`/api/v1/rooms/${String(first.room.id)}`);
		expect(patch.body).toEqual({ privacy: 'public', chat_enabled: false, max_participants: 20 });
		expect(calls(before)).toEqual(['GET /', 'POST /rooms', `GET /rooms/${String(first.room.name)}`, `PATCH /rooms/${String(first.room.id)}`]);
		for (const person of second.people) expect(jwt.verify(String(person.token), DS_KEY, { algorithms: ['HS256'], ignoreNotBefore: true })).toMatchObject({ rd: first.room.id });
		// A third run asking the same: nothing differs, nothing is changed.
		const after = sim.requests.length;
		const third = await meetingOf(booking({ privacy: 'public', settings: { chat_enabled: false, max_participants: 20 } }));
		expect(third.room).toMatchObject({ created: false, updated: [] });
		expect(calls(after)).not.toContain(`PATCH /rooms/${String(first.room.id)}`);
	});

	it('ends with one room when five items of one run, and two runs at once, book the same External ID', async () => {
		const { output } = await run(Array.from({ length: 5 }, () => booking()));
		const parallel = await Promise.all([run(booking()), run(booking())]);
		expect(rooms()).toHaveLength(1);
		const all = [...output, ...parallel.flatMap((r) => r.output)].map((item) => item.json.room as IDataObject);
		expect(all.filter((room) => room.created)).toHaveLength(1);
		expect(new Set(all.map((room) => room.id))).toEqual(new Set([rooms()[0].id]));
		expect(sim.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/rooms').length).toBe(7);
	});

	it('gives another room to the same External ID in another namespace, its external ID naming the namespace', async () => {
		await run(booking());
		const other = await meetingOf(booking({ bookingOptions: { idNamespace: 'crm-b' } }));
		expect(rooms()).toHaveLength(2);
		expect(rooms().map((r) => r.external_id)).toEqual(['deal-42', 'crm-b/deal-42']);
		expect(other).toMatchObject({ idNamespace: 'crm-b', room: { name: bookedRoomName('deal-42', 'crm-b', 32), created: true } });
	});

	it.each([
		['another external ID', 'someone-else'],
		['no external ID', undefined],
	])('fails when a room with %s holds the friendly URL, and leaves that room alone', async (_case, externalId) => {
		const friendlyUrl = bookedRoomName('deal-42', '', 32);
		const foreign = sim.seedRoom({ privacy: 'public', friendly_url: friendlyUrl, ...(externalId ? { external_id: externalId } : {}) });
		const snapshot = structuredClone(sim.model.roomJson(foreign));
		await expect(run(booking({ privacy: 'private', settings: { chat_enabled: false } }))).rejects.toThrow(`Another room uses the friendly URL ${friendlyUrl}`);
		expect(rooms()).toHaveLength(1);
		expect(sim.model.roomJson(rooms()[0])).toEqual(snapshot);
		expect(calls()).toEqual(['GET /', 'POST /rooms', `GET /rooms/${friendlyUrl}`]);
	});

	it('Output One Item per Person: an item per person with the meeting, and iCalendar fields with their own link', async () => {
		const { output } = await run(booking({ output: 'people' }));
		expect(output.map((item) => item.json.name)).toEqual(['Hana Host', 'Gus Guest']);
		const calendar = output[0].json.calendar as IDataObject;
		expect(String(calendar.description)).toContain(String(output[0].json.link));
		expect(calendar.attendees).toEqual([{ name: 'Hana Host', email: 'hana@example.com', rsvp: false }]);
		expect((output[1].json.meeting as IDataObject).externalId).toBe('deal-42');
		expect(output[1].json).toMatchObject({ role: 'attendee', userId: 'crm-7' });
	});

	it('reads people as JSON too (the role defaulting to attendee), and a duration instead of an end', async () => {
		const meeting = await meetingOf(booking({ peopleInputMode: 'json', people: '[{"name": "Ana"}, {"name": "Mo", "role": "speaker"}]', end: '', durationMinutes: 45 }));
		expect(meeting.end).toBe('2030-05-01T10:45:00.000Z');
		expect(meeting.people).toMatchObject([{ name: 'Ana', role: 'attendee' }, { name: 'Mo', role: 'speaker' }]);
		expect(jwt.decode(String(meeting.people[0].token))).toMatchObject({ role: 'attendee', u: 'Ana' });
		expect(jwt.decode(String(meeting.people[0].token))).not.toHaveProperty('ud');
	});

	it('takes a custom role of the team, looked up once in GET /roles', async () => {
		const role = { name: 'interviewer', display_name: 'Interviewers', permissions: { broadcast: true } };
		await run({ resource: 'role', operation: 'create', roleName: role.name, roleDisplayName: role.display_name, permissionsInputMode: 'json', permissions: JSON.stringify(role.permissions) });
		const before = sim.requests.length;
		const people = '[{"name": "Ira", "role": "interviewer"}, {"name": "Cy", "role": "interviewer"}]';
		const { output } = await run([booking({ peopleInputMode: 'json', people }), booking({ peopleInputMode: 'json', people })]);
		expect(jwt.decode(String((output[0].json.people as IDataObject[])[0].token))).toMatchObject({ role: 'interviewer' });
		expect(calls(before).filter((c) => c.startsWith('GET /roles'))).toHaveLength(1);
	});

	it.each([
		['no External ID', { externalId: '' }, /External ID/],
		['an end before the start', { end: '2030-05-01T09:00:00Z' }, /End: must be after Start/],
		['a person without a name', { peopleUi: { person: [{ email: 'a@example.com' }] } }, /People.*name|name.*required/i],
		['an invalid email', { peopleUi: { person: [{ name: 'A', email: 'not-an-email' }] } }, /email/i],
		['a blank role', { peopleInputMode: 'json', people: '[{"name": "A", "role": " "}]' }, /role.*must not be blank/i],
		['a User ID over 36 characters', { peopleInputMode: 'json', people: `[{"name": "A", "userId": "${'x'.repeat(37)}"}]` }, /at most 36/],
	])('refuses %s before anything is sent', async (_case, extra, message) => {
		await expect(run(booking(extra))).rejects.toThrow(message);
		expect(sim.requests).toHaveLength(0);
	});

	it('refuses, before anything is sent, a booking without the Team ID the tokens need', async () => {
		await expect(run(booking(), '')).rejects.toThrow(/Set Team ID in the Digital Samba credential/);
		expect(sim.requests).toHaveLength(0);
	});

	it('refuses a role the team does not have before the room is made, naming the team\'s roles', async () => {
		await expect(run(booking({ peopleInputMode: 'json', people: '[{"name": "A", "role": "admin"}]' }))).rejects.toThrow(/People: role 'admin' is not a role of the team; the team has (?=.*'moderator')(?=.*'attendee')(?=.*'speaker')/);
		expect(calls()).toEqual(['GET /roles']);
		expect(rooms()).toHaveLength(0);
	});

	it('Cancel deletes the booked room and is safe to repeat', async () => {
		const meeting = await meetingOf(booking());
		const cancel = { resource: 'scheduledMeeting', operation: 'cancel', externalId: 'deal-42' };
		expect((await run(cancel)).output[0].json).toEqual({ externalId: 'deal-42', room: meeting.room.name, id: meeting.room.id, cancelled: true, alreadyCancelled: false });
		expect(rooms()).toHaveLength(0);
		expect((await run(cancel)).output[0].json).toEqual({ externalId: 'deal-42', room: meeting.room.name, cancelled: true, alreadyCancelled: true });
		// Booking again after a cancel makes a new room.
		expect((await meetingOf(booking())).room).toMatchObject({ created: true });
	});

	it('Cancel finds the booking by namespace and External ID, and leaves the other namespace\'s room', async () => {
		await run(booking());
		await run(booking({ bookingOptions: { idNamespace: 'crm-b' } }));
		await run({ resource: 'scheduledMeeting', operation: 'cancel', externalId: 'deal-42', bookingOptions: { idNamespace: 'crm-b' } });
		expect(rooms().map((r) => r.external_id)).toEqual(['deal-42']);
	});

	it('Cancel refuses a room whose external ID is not the booking\'s, and does not delete it', async () => {
		const friendlyUrl = bookedRoomName('deal-42', '', 32);
		sim.seedRoom({ privacy: 'public', friendly_url: friendlyUrl, external_id: 'someone-else' });
		await expect(run({ resource: 'scheduledMeeting', operation: 'cancel', externalId: 'deal-42' })).rejects.toThrow(/Another room uses the friendly URL .*not deleted/);
		expect(rooms()).toHaveLength(1);
		expect(calls()).toEqual([`GET /rooms/${friendlyUrl}`]);
	});
});
