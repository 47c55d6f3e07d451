import { startDigitalSambaSimulator, type DigitalSambaSimulator } from '../simulators/digitalSamba';
import { createRuntime, manualWorkflow, nodeOutput, nodeType, type N8nRuntime } from './n8n';
import { dsLifecycleNodes, expectDsLifecycle } from './workflows';

/** The Digital Samba node inside a real n8n 1.123, against the Digital Samba simulator on loopback. */
const KEY = 'e2e_ds_developer_key_9b2f41';
const TEAM = '3c8e7a10-5b2d-4f6e-9a1c-0d2e4f6a8b9c';
const CREDENTIAL = { id: 'dsSimCredential1', name: 'Digital Samba Simulator' };

let n8n: N8nRuntime;
let ds: DigitalSambaSimulator;

const node = (name: string, parameters: object, x: number, extra: object = {}) => ({
	id: `${name.replace(/\W/g, '')}-id`, name, type: nodeType('digitalSamba'), typeVersion: 1,
	position: [x, 0], parameters, credentials: { digitalSambaApi: CREDENTIAL }, ...extra,
});

beforeAll(async () => {
	ds = await startDigitalSambaSimulator({ developerKey: KEY, teamId: TEAM });
	for (let i = 0; i < 130; i++) ds.seedRoom({ friendly_url: `seed-room-${i}` });
	n8n = createRuntime();
	// A team ID makes the credential use HTTP Basic: this checks its auth expression in n8n itself.
	await n8n.importCredentials([{ ...CREDENTIAL, type: 'digitalSambaApi', data: { developerKey: KEY, teamId: TEAM, baseUrl: ds.url } }]);
}, 25 * 60_000);

afterAll(async () => {
	await ds?.close();
	n8n?.cleanup();
});

it('creates a room and a token, lists every room across pages, and deletes the room', async () => {
	await n8n.importWorkflow(manualWorkflow('DsE2eLifecycle01', 'Digital Samba e2e: room lifecycle', dsLifecycleNodes(CREDENTIAL)));
	const { result, run } = await n8n.execute('DsE2eLifecycle01');
	expect(result.code).toBe(0);
	expectDsLifecycle((name) => nodeOutput(run, name), ds);
	const listCalls = ds.requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/rooms');
	expect(listCalls).toHaveLength(2);
	expect(`${result.stdout}${result.stderr}`).not.toContain(KEY);
}, 240_000);

it('books a meeting, books it again (one room, adopted by its external ID), and cancels it', async () => {
	const booking = {
		resource: 'scheduledMeeting', operation: 'createOrGet', externalId: 'e2e-booking-1', title: 'E2E booking', start: '2030-05-01T10:00:00Z',
		peopleUi: { person: [{ name: 'Hana Host', email: 'hana@example.com', role: 'moderator' }, { name: 'Gus Guest' }] },
	};
	await n8n.importWorkflow(
		manualWorkflow('DsE2eBooking0001', 'Digital Samba e2e: scheduled meeting', [
			node('Book', booking, 200),
			node('Book Again', booking, 400),
			node('Cancel', { resource: 'scheduledMeeting', operation: 'cancel', externalId: 'e2e-booking-1' }, 600),
		]),
	);
	const { result, run } = await n8n.execute('DsE2eBooking0001');
	expect(result.code).toBe(0);
	const [first] = nodeOutput(run, 'Book');
	const [second] = nodeOutput(run, 'Book Again');
	expect(second.room).toMatchObject({ name: first.room.name, id: first.room.id, created: false });
	expect(first.room.created).toBe(true);
	expect(ds.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/rooms' && (r.body as { friendly_url?: string }).friendly_url === first.room.name)).toHaveLength(2);
	expect(first.people.map((p: { role: string; link: string }) => [p.role, new URL(p.link).pathname])).toEqual([['moderator', `/${first.room.name}`], ['attendee', `/${first.room.name}`]]);
	expect(nodeOutput(run, 'Cancel')).toEqual([expect.objectContaining({ cancelled: true, alreadyCancelled: false, id: first.room.id })]);
	expect(`${result.stdout}${result.stderr}`).not.toContain(KEY);
}, 240_000);

it('Session → Get Attendance: one item per person with the role, and a summary (two tabs and a reconnection)', async () => {
	ds.seedRoom({ friendly_url: 'e2e-class' });
	const t0 = Date.UTC(2024, 2, 3, 8, 0, 0);
	const { session, participants } = ds.startSession('e2e-class', {
		start: t0,
		participants: [
			{ name: 'Ana', external_id: 'u-ana', role: 'moderator', join: t0 },
			{ name: 'Ana', external_id: 'u-ana', role: 'moderator', join: t0 + 300_000 },
			{ name: 'Bo', external_id: null, role: 'attendee', join: t0 + 100_000 },
			{ name: 'Bo', external_id: null, role: 'attendee', join: t0 + 500_000 },
		],
	});
	[600, 900, 300, 900].forEach((leave, i) => (participants[i].leave = t0 + leave * 1000));
	session.end = t0 + 900_000;
	await n8n.importWorkflow(
		manualWorkflow('DsE2eAttendance1', 'Digital Samba e2e: attendance', [
			node('Attendance', { resource: 'session', operation: 'getAttendance', sessionId: { __rl: true, mode: 'id', value: session.id } }, 200),
			node('Summary', { resource: 'session', operation: 'getAttendance', sessionId: { __rl: true, mode: 'id', value: session.id }, output: 'summary' }, 400, { executeOnce: true }),
		]),
	);
	const { result, run } = await n8n.execute('DsE2eAttendance1');
	expect(result.code).toBe(0);
	expect(nodeOutput(run, 'Attendance').map((p) => [p.name, p.role, p.minutesPresent, p.joins])).toEqual([['Ana', 'moderator', 15, 2], ['Bo', 'attendee', 10, 2]]);
	expect(nodeOutput(run, 'Summary')).toEqual([expect.objectContaining({ sessionId: session.id, room: 'e2e-class', attendeeCount: 2, peakConcurrency: 2, durationMinutes: 15 })]);
}, 240_000);

it('surfaces a Digital Samba error as an n8n execution error, without the key', async () => {
	await n8n.importWorkflow(manualWorkflow('DsE2eMissing0001', 'Digital Samba e2e: missing room', [node('Get Room', { resource: 'room', operation: 'get', roomId: 'no-such-room' }, 200)]));
	const { result } = await n8n.execute('DsE2eMissing0001');
	const output = `${result.stdout}${result.stderr}`;
	expect(result.code).not.toBe(0);
	expect(output).toContain('Digital Samba API error 404 (not-found): Not Found');
	expect(output).not.toContain(KEY);
}, 240_000);

it('reads rows (fixedCollection) and unset settings as n8n stores them: the same requests as JSON would send', async () => {
	const roomName = 'Rows Room';
	await n8n.importWorkflow(
		manualWorkflow('DsE2eRows0000001', 'Digital Samba e2e: rows and unset settings', [
			node('Create Role', {
				resource: 'role', operation: 'create', roleName: 'rows_guest', roleDisplayName: 'Rows Guest', permissionsInputMode: 'fields',
				permissionsUi: { permission: [{ name: 'general_chat', granted: true }, { name: 'screenshare', granted: false }] },
			}, 200),
			// A yes/no setting chosen (No) and two added but left unset, as the editor stores them ('').
			node('Create Room', { resource: 'room', operation: 'create', privacy: 'public', settings: { description: roomName, chat_enabled: false, topbar_enabled: '', max_participants: '' } }, 400),
			node('Create Quiz', {
				resource: 'quiz', operation: 'create', roomId: '={{ $json.id }}', title: 'Capitals', questionsInputMode: 'fields',
				questionsUi: { question: [{ text: 'Capital of Italy?', multiple: false, choices: { choice: [{ text: 'Rome', correct: true }, { text: 'Milan' }] } }] },
			}, 600),
			// Partial by ID: the question keeps its text; only a choice's flag changes.
			node('Update Quiz', {
				resource: 'quiz', operation: 'update', roomId: "={{ $('Create Room').item.json.id }}", quizId: '={{ $json.id }}', questionsInputMode: 'fields',
				questionsUi: { question: [{ id: '={{ $json.questions[0].id }}', choices: { choice: [{ id: '={{ $json.questions[0].choices[0].id }}', correct: false }, { id: '={{ $json.questions[0].choices[1].id }}', correct: true }] } }] },
			}, 800),
		]),
	);
	const { result, run } = await n8n.execute('DsE2eRows0000001');
	expect(result.code).toBe(0);
	// This workflow's own calls: the last of each (the suite's other workflows ran before).
	const body = (method: string, path: RegExp) => ds.requests.filter((r) => r.method === method && path.test(r.path)).pop()?.body as Record<string, any>;
	expect(body('POST', /^\/api\/v1\/roles$/)).toEqual({ name: 'rows_guest', display_name: 'Rows Guest', permissions: { general_chat: true, screenshare: false } });
	expect(body('POST', /^\/api\/v1\/rooms$/)).toEqual({ privacy: 'public', description: roomName, chat_enabled: false });
	expect(body('POST', /\/quizzes$/).questions).toEqual([{ text: 'Capital of Italy?', multiple: false, choices: [{ text: 'Rome', correct: true }, { text: 'Milan', correct: false }] }]);
	const updated = nodeOutput(run, 'Update Quiz')[0] as Record<string, any>;
	expect(updated.questions[0].text).toBe('Capital of Italy?');
	expect(updated.questions[0].choices.map((c: Record<string, unknown>) => [c.text, c.correct])).toEqual([['Rome', false], ['Milan', true]]);
}, 240_000);
