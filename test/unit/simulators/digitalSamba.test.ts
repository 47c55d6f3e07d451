import { createHmac, randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'http';
import type { AddressInfo } from 'net';
import { load } from 'js-yaml';
import { findSpecFile, startDigitalSambaSimulator, type DigitalSambaSimulator } from '../../simulators/digitalSamba';

/**
 * The Digital Samba simulator against its contract (reference/digitalsamba-openapi.yaml) and reference/providers.md §2.
 * Only loopback: the simulator, and a local receiver for webhook deliveries.
 */

const KEY = 'ds_test_developer_key_0123456789';
const TEAM = '0d6b1f52-2a7c-4b3e-9a41-5b2f0c9e7d11';
const BEARER = `Bearer ${KEY}`;
const BASIC = `Basic ${Buffer.from(`${TEAM}:${KEY}`).toString('base64')}`;

interface Reply {
	status: number;
	headers: Headers;
	text: string;
	json: any;
}

async function call(
	sim: DigitalSambaSimulator,
	method: string,
	path: string,
	options: { body?: unknown; auth?: string | null; form?: FormData; headers?: Record<string, string> } = {},
): Promise<Reply> {
	const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
	if (options.auth !== null) headers.authorization = options.auth ?? BEARER;
	let body: FormData | string | undefined;
	if (options.form) body = options.form;
	else if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['content-type'] = 'application/json';
	}
	const url = /^https?:/.test(path) ? path : `${sim.url}${path === '/' ? '' : path}`;
	const response = await fetch(url, { method, headers, body });
	const text = await response.text();
	let json: any;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

const csvForm = (csv: string) => {
	const form = new FormData();
	form.append('file', new Blob([csv], { type: 'text/csv' }), 'import.csv');
	return form;
};

/* -------------------------------------------------------------- the spec */

interface SpecOp {
	method: string;
	path: string;
	success?: number;
	example?: unknown;
}

/** Read independently of the simulator's own loader. */
function specOperations(): SpecOp[] {
	const doc = load(readFileSync(findSpecFile(), 'utf8')) as { paths: Record<string, Record<string, any>> };
	const ops: SpecOp[] = [];
	for (const [full, item] of Object.entries(doc.paths)) {
		for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
			const op = item[method];
			if (!op) continue;
			const success = Object.keys(op.responses ?? {}).map(Number).find((c) => c >= 200 && c < 300);
			const schema = success ? (Object.values(op.responses[success].content ?? {})[0] as any)?.schema : undefined;
			ops.push({
				method: method.toUpperCase(),
				path: full.replace(/^\/api\/v1/, '') || '/',
				success,
				example: schema?.example ?? schema?.oneOf?.[0]?.example,
			});
		}
	}
	return ops;
}

/* -------------------------------------------------------- main simulator */

let sim: DigitalSambaSimulator;

beforeAll(async () => {
	sim = await startDigitalSambaSimulator({ developerKey: KEY, teamId: TEAM, rateLimitPerMinute: 1_000_000 });
});
afterAll(async () => {
	await sim.close();
});

let roleCounter = 0;

/** Fresh resources for one operation: a room with an ended session, its content, and team resources. */
async function fixture(target: DigitalSambaSimulator) {
	const room = target.seedRoom({ privacy: 'public', description: 'Coverage room', tags: ['coverage'] });
	const { session, participants } = target.startSession(room.id, { participants: 3 });
	const participant = participants[0];
	await call(target, 'POST', `/rooms/${room.id}/chat`, { body: { message: 'Hello' } });
	await call(target, 'POST', `/rooms/${room.id}/questions`, { body: { participant: { id: participant.id }, question: 'How tall is it?' } });
	const question = target.state.questions[target.state.questions.length - 1];
	await call(target, 'POST', `/rooms/${room.id}/questions/${question.id}/answers`, { body: { participant: { id: participants[1].id }, answer: '46 metres.' } });
	const poll = (await call(target, 'POST', `/rooms/${room.id}/polls`, { body: { question: 'When is the holiday?', options: [{ text: 'Next week' }, { text: 'Next month' }] } })).json;
	target.votePoll(poll.id, poll.options[0].id, participant.id);
	const quiz = (
		await call(target, 'POST', `/rooms/${room.id}/quizzes`, {
			body: { title: 'My quiz', time_limit_minutes: 30, questions: [{ text: 'Capital of Italy?', choices: [{ text: 'Rome', correct: true }, { text: 'Milan' }] }] },
		})
	).json;
	target.endSession(session.id);
	const recording = target.seedRecording(room.id, { bookmarks: [{ bookmark: 'Start', time: 1000 }] });
	const role = (
		await call(target, 'POST', '/roles', { body: { name: `coverage_${++roleCounter}`, display_name: 'Coverage role', permissions: { general_chat: true } } })
	).json;
	const library = (await call(target, 'POST', '/libraries', { body: { name: 'Coverage library', external_id: 'LIB-1' } })).json;
	const folder = (await call(target, 'POST', `/libraries/${library.id}/folders`, { body: { name: 'Photos' } })).json;
	const upload = (await call(target, 'POST', `/libraries/${library.id}/files`, { body: { name: 'photo.png', folder_id: folder.id } })).json;
	const form = new FormData();
	form.append('file', new Blob([Buffer.from('PNG bytes')], { type: 'image/png' }), 'photo.png');
	await call(target, 'POST', upload.external_storage_url, { form, auth: `Bearer ${upload.token}` });
	const webhook = (await call(target, 'POST', '/webhooks', { body: { endpoint: 'http://127.0.0.1:9/hook', events: ['session_started'] } })).json;
	return {
		room: room.id,
		session: session.id,
		participant: participant.id,
		question: question.id,
		answer: question.answers[0].id,
		poll: poll.id,
		quiz: quiz.id,
		recording: recording.id,
		role: role.id,
		library: library.id,
		libraryFolder: folder.id,
		libraryFile: upload.file_id,
		webhook: webhook.id,
		callId: randomUUID(),
	};
}

/** A valid request body for each operation that takes one (key: `METHOD path`). */
function validBody(key: string, ids: Record<string, string>): { body?: unknown; form?: FormData } {
	const participant = { participant: { id: ids.participant } };
	const bodies: Record<string, unknown> = {
		'PATCH /': { language: 'en', toolbar_position: 'bottom' },
		'POST /rooms': { privacy: 'private', description: 'A private room' },
		'PATCH /rooms/{room}': { description: 'Updated description' },
		'DELETE /rooms': { tags: ['no-such-tag'] },
		'DELETE /rooms/{room}': { delete_resources: false },
		'DELETE /rooms/{room}/resources': { delete_history: false },
		'POST /rooms/{room}/token': { u: 'John Smith', ud: 'EXT-1', role: 'moderator', exp: 60 },
		'POST /rooms/{room}/chat': { message: 'Hello again' },
		'POST /rooms/{room}/questions': { ...participant, question: 'Another question?' },
		'PATCH /rooms/{room}/questions/{question}': { ...participant, question: 'Edited question?' },
		'POST /rooms/{room}/questions/{question}/answers': { ...participant, answer: 'An answer.' },
		'PATCH /rooms/{room}/questions/{question}/answers/{answer}': { ...participant, answer: 'An edited answer.' },
		'POST /rooms/{room}/polls': { question: 'Where shall we go?', type: 'single', options: [{ text: 'Beach' }, { text: 'Mountains' }] },
		'PATCH /rooms/{room}/polls/{poll}': { question: 'Where shall we go now?', options: [{ text: 'Lake' }] },
		'POST /rooms/{room}/quizzes': { title: 'Quiz', questions: [{ text: 'Q1', choices: [{ text: 'A', correct: true }, { text: 'B' }] }] },
		'PATCH /rooms/{room}/quizzes/{quiz}': { title: 'Quiz 2', questions: [{ text: 'Q2', choices: [{ text: 'C', correct: true }] }] },
		'POST /rooms/{room}/restreamers/start': { type: 'youtube', stream_key: 'abc-123' },
		'POST /rooms/{room}/phone-participants/joined': [{ call_id: ids.callId, name: 'Caller', external_id: 'CALL-1', muted: true }],
		'POST /rooms/{room}/phone-participants/left': [ids.callId],
		'DELETE /sessions/{session}/resources': { delete_history: false },
		'POST /roles': { name: `coverage_new_${++roleCounter}`, display_name: 'New role', permissions: { general_chat: true, raise_hand: true } },
		'PATCH /roles/{role}': { permissions: { general_chat: false } },
		'POST /libraries': { name: 'Another library' },
		'PATCH /libraries/{library}': { name: 'Renamed library' },
		'POST /libraries/{library}/folders': { name: 'Documents' },
		'PATCH /libraries/{library}/folders/{libraryFolder}': { name: 'Pictures' },
		'POST /libraries/{library}/files': { name: 'slides.pdf', file_size: 1024 },
		'PATCH /libraries/{library}/files/{libraryFile}': { name: 'renamed.png' },
		'POST /libraries/{library}/webapps': { url: 'https://www.youtube.com/embed/abc', name: 'Video' },
		'POST /libraries/{library}/whiteboards': { private: false },
		'POST /webhooks': { endpoint: 'http://127.0.0.1:9/other', events: ['participant_joined', 'participant_left'], name: 'Joins' },
		'PATCH /webhooks/{webhook}': { name: 'Renamed hook' },
	};
	if (key === 'POST /rooms/{room}/polls/import') return { form: csvForm('question,type,option1,option2\nWhich day suits you?,single,Monday,Tuesday\n') };
	if (key === 'POST /rooms/{room}/quizzes/import') {
		return {
			form: csvForm(
				'quiz_title,timing_mode,time_limit_seconds,question,correct,type,option1,option2,option3\nCapitals,quiz,300,Capital of Italy?,Rome,single,Rome,Milan,Turin\n',
			),
		};
	}
	if (key in bodies) return { body: bodies[key] };
	if (/\/questions\/\{question\}/.test(key) && !key.startsWith('GET')) return { body: participant };
	return {};
}

/** Keys the spec's examples show that the simulator leaves out on purpose. */
const EXAMPLE_KEYS_NOT_MODELLED: Record<string, string[]> = {
	// The folder examples repeat the library's fields (external_id, description); folders have name and parent_id.
	'GET /libraries/{library}/folders': ['external_id', 'description'],
	'POST /libraries/{library}/folders': ['external_id', 'description'],
	'GET /libraries/{library}/folders/{libraryFolder}': ['external_id', 'description'],
	'PATCH /libraries/{library}/folders/{libraryFolder}': ['external_id', 'description'],
};

const missingKeys = (documented: unknown, actual: unknown, skip: string[] = []) =>
	documented && typeof documented === 'object' && !Array.isArray(documented) && actual && typeof actual === 'object'
		? Object.keys(documented).filter((k) => !(k in (actual as object)) && !skip.includes(k))
		: [];

describe('every operation of the OpenAPI', () => {
	const ops = specOperations();

	it('the spec has the 142 operations the simulator is built on', () => {
		expect(ops).toHaveLength(142);
		expect(new Set(ops.map((o) => `${o.method} ${o.path}`)).size).toBe(142);
		expect(sim.statefulOperations.length + sim.generatedOperations.length).toBe(142);
		expect(sim.generatedOperations.length).toBeGreaterThan(0);
	});

	it.each(ops.map((o) => [`${o.method} ${o.path}`, o] as const))('%s answers its documented success status and shape', async (key, op) => {
		const ids = await fixture(sim);
		const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
			if (!(name in ids)) throw new Error(`no fixture for {${name}}`);
			return (ids as Record<string, string>)[name];
		});
		const { body, form } = validBody(key, ids);
		const reply = await call(sim, op.method, path, { body: op.method === 'GET' ? undefined : body, form });
		// The error body, if any, shows in the failure message.
		expect({ key, status: reply.status, error: reply.status >= 300 ? (reply.json ?? reply.text) : undefined }).toEqual({ key, status: op.success ?? 200, error: undefined });
		expect(reply.status).not.toBe(404);
		expect(reply.status).not.toBe(405);
		if (reply.status === 204 || reply.status === 202) expect(reply.text).toBe('');

		const documented = op.example;
		if (reply.status === 200 && documented !== undefined && typeof documented === 'object') {
			const skip = EXAMPLE_KEYS_NOT_MODELLED[key];
			if (Array.isArray(documented)) {
				expect(Array.isArray(reply.json)).toBe(true);
				if (documented.length && reply.json.length) expect(missingKeys(documented[0], reply.json[0], skip)).toEqual([]);
			} else if (documented && 'data' in documented && 'total_count' in documented) {
				expect(Array.isArray(reply.json.data)).toBe(true);
				expect(typeof reply.json.total_count).toBe(typeof (documented as { total_count: unknown }).total_count);
				expect(Number(reply.json.total_count)).toBeGreaterThanOrEqual(reply.json.data.length);
				const sample = (documented as { data: unknown[] }).data[0];
				if (sample && reply.json.data.length) expect(missingKeys(sample, reply.json.data[0], skip)).toEqual([]);
			} else {
				expect(reply.json).toBeDefined();
				expect(missingKeys(documented, reply.json, skip)).toEqual([]);
			}
		}
	});
});

describe('routes generated from the spec', () => {
	it('lists the operations without a stateful handler (transcripts, phone, restreamers, transcription)', () => {
		expect(sim.generatedOperations).toEqual(
			expect.arrayContaining(['GET /rooms/{room}/transcripts', 'POST /rooms/{room}/phone-participants/joined', 'POST /rooms/{room}/restreamers/start']),
		);
		expect(sim.statefulOperations).toEqual(expect.arrayContaining(['POST /rooms', 'POST /libraries/{library}/files', 'GET /events']));
	});

	it('404 for unknown resources in the path, 422 for bodies that break the request schema', async () => {
		const room = sim.seedRoom();
		expect((await call(sim, 'GET', `/rooms/${randomUUID()}/transcripts`)).json).toEqual({ message: 'Not Found', error: 'not-found' });
		const restream = await call(sim, 'POST', `/rooms/${room.id}/restreamers/start`, { body: { type: 'myspace' } });
		expect(restream.status).toBe(422);
		expect(restream.json.errors).toEqual({ stream_key: ['The stream key field is required.'], type: ['The selected type is invalid.'] });
		const joined = await call(sim, 'POST', `/rooms/${room.id}/phone-participants/joined`, { body: [{ name: 'Caller' }] });
		expect(joined.json.errors).toEqual({ '0.call_id': ['The 0.call id field is required.'] });
		expect((await call(sim, 'POST', `/rooms/${room.id}/phone-participants/joined`, { body: { call_id: 'x' } })).status).toBe(422);
	});

	it('answers the documented example: pages of lists, text exports, empty action answers', async () => {
		const room = sim.seedRoom();
		const page = await call(sim, 'GET', `/rooms/${room.id}/transcripts?limit=2`);
		expect(page.json.total_count).toBe(3);
		expect(page.json.data).toHaveLength(2);
		const exported = await call(sim, 'GET', `/rooms/${room.id}/transcripts/export`);
		expect([exported.headers.get('content-type'), exported.text]).toEqual(['text/plain; charset=UTF-8', 'Text file - Transcripts']);
		const connect = await call(sim, 'POST', `/rooms/${room.id}/phone/connect`);
		expect([connect.status, connect.text]).toEqual([200, '']);
	});
});

/* ------------------------------------------------------------------ auth */

describe('auth', () => {
	const unauthenticated = { message: 'Unauthenticated.', error: 'unauthenticated' };

	it('refuses a missing or wrong key with 401 {message, error}', async () => {
		for (const auth of [null, 'Bearer wrong-key', `Basic ${Buffer.from(`${TEAM}:wrong`).toString('base64')}`, `Basic ${Buffer.from(`other-team:${KEY}`).toString('base64')}`]) {
			const reply = await call(sim, 'GET', '/rooms', { auth });
			expect(reply.status).toBe(401);
			expect(reply.json).toEqual(unauthenticated);
		}
	});

	it('refuses the outdated "Bearer base64(teamId:key)" form', async () => {
		const reply = await call(sim, 'GET', '/rooms', { auth: `Bearer ${Buffer.from(`${TEAM}:${KEY}`).toString('base64')}` });
		expect(reply.status).toBe(401);
	});

	it('accepts Bearer <developer key> and Basic team-id:key, on every route including generated ones', async () => {
		const room = sim.seedRoom();
		for (const auth of [BEARER, BASIC]) {
			expect((await call(sim, 'GET', '/rooms', { auth })).status).toBe(200);
			expect((await call(sim, 'GET', `/rooms/${room.id}/transcripts`, { auth })).status).toBe(200);
			expect((await call(sim, 'GET', `/rooms/${room.id}/transcripts`, { auth: null })).status).toBe(401);
		}
	});

	it('records every request without its authorization header', async () => {
		const before = sim.requests.length;
		await call(sim, 'POST', '/libraries', { body: { name: 'Recorded' }, headers: { 'x-trace': 'abc' } });
		const recorded = sim.requests[before];
		expect(recorded).toMatchObject({ method: 'POST', path: '/api/v1/libraries', query: '', body: { name: 'Recorded' } });
		expect(recorded.headers['x-trace']).toBe('abc');
		expect(recorded.headers.authorization).toBeUndefined();
	});
});

/* ------------------------------------------------------------ pagination */

describe('pagination', () => {
	let pager: DigitalSambaSimulator;
	let ids: string[] = [];
	beforeAll(async () => {
		pager = await startDigitalSambaSimulator({ developerKey: KEY, teamId: TEAM });
		ids = Array.from({ length: 7 }, (_, i) => pager.seedRoom({ friendly_url: `page-room-${i}` }).id);
	});
	afterAll(async () => {
		await pager.close();
	});

	it('answers {data, total_count}, newest first, 100 by default', async () => {
		const reply = await call(pager, 'GET', '/rooms');
		expect(reply.json.data.map((r: { id: string }) => r.id)).toEqual([...ids].reverse());
		expect(reply.json.total_count).toBe('7'); // a string, as the spec's example has it
	});

	it('pages with limit and offset', async () => {
		const first = await call(pager, 'GET', '/rooms?limit=3');
		const second = await call(pager, 'GET', '/rooms?limit=3&offset=3');
		const third = await call(pager, 'GET', '/rooms?limit=3&offset=6');
		const seen = [first, second, third].flatMap((r) => r.json.data.map((x: { id: string }) => x.id));
		expect(seen).toEqual([...ids].reverse());
		expect(third.json.data).toHaveLength(1);
		expect(first.json.total_count).toBe('7');
	});

	it('pages with after=<id> (and a room friendly_url) and order=asc', async () => {
		const asc = await call(pager, 'GET', '/rooms?order=asc&limit=2');
		expect(asc.json.data.map((r: { id: string }) => r.id)).toEqual(ids.slice(0, 2));
		const next = await call(pager, 'GET', `/rooms?order=asc&limit=2&after=${ids[1]}`);
		expect(next.json.data.map((r: { id: string }) => r.id)).toEqual(ids.slice(2, 4));
		const byUrl = await call(pager, 'GET', '/rooms?order=asc&limit=2&after=page-room-3');
		expect(byUrl.json.data.map((r: { id: string }) => r.id)).toEqual(ids.slice(4, 6));
		const desc = await call(pager, 'GET', `/rooms?after=${ids[2]}`);
		expect(desc.json.data.map((r: { id: string }) => r.id)).toEqual([ids[1], ids[0]]);
	});

	it('rejects limit over 100, a zero limit, a bad order and an unknown cursor with 422', async () => {
		for (const [query, field] of [
			['limit=101', 'limit'],
			['limit=0', 'limit'],
			['offset=-1', 'offset'],
			['order=sideways', 'order'],
			[`after=${randomUUID()}`, 'after'],
		]) {
			const reply = await call(pager, 'GET', `/rooms?${query}`);
			expect(reply.status).toBe(422);
			expect(Object.keys(reply.json.errors)).toEqual([field]);
			expect(typeof reply.json.message).toBe('string');
		}
	});

	it('filters rooms by tag (comma list or tag[])', async () => {
		pager.seedRoom({ tags: ['red'] });
		pager.seedRoom({ tags: ['blue', 'green'] });
		expect((await call(pager, 'GET', '/rooms?tag=red')).json.data).toHaveLength(1);
		expect((await call(pager, 'GET', '/rooms?tag=red,green')).json.data).toHaveLength(2);
		expect((await call(pager, 'GET', '/rooms?tag[]=green&tag[]=blue')).json.data).toHaveLength(1);
	});

	it('returns bare arrays where the spec does', async () => {
		expect((await call(pager, 'GET', '/events')).json).toHaveLength(39);
		expect(Array.isArray((await call(pager, 'GET', '/permissions')).json)).toBe(true);
		expect(Array.isArray((await call(pager, 'GET', '/statistics/totals')).json)).toBe(true);
	});
});

/* --------------------------------------------------- rooms, 204/202/422 */

describe('rooms, deletions and live rooms', () => {
	it('creates a room with privacy only, and finds it by id and by friendly_url', async () => {
		const created = await call(sim, 'POST', '/rooms', { body: { privacy: 'public', friendly_url: 'Team-Sync' } });
		expect(created.status).toBe(200);
		expect(created.json).toMatchObject({ friendly_url: 'Team-Sync', privacy: 'public', room_url: 'https://sim.digitalsamba.com/Team-Sync' });
		expect((await call(sim, 'GET', `/rooms/${created.json.id}`)).json.id).toBe(created.json.id);
		expect((await call(sim, 'GET', '/rooms/team-sync')).json.id).toBe(created.json.id);
		expect((await call(sim, 'GET', `/rooms/${randomUUID()}`)).json).toEqual({ message: 'Not Found', error: 'not-found' });
	});

	it('validates rooms the Laravel way: privacy required, friendly_url 3–32 characters and unique', async () => {
		const missing = await call(sim, 'POST', '/rooms', { body: {} });
		expect(missing.status).toBe(422);
		expect(missing.json).toEqual({ message: 'The privacy field is required.', errors: { privacy: ['The privacy field is required.'] } });
		expect((await call(sim, 'POST', '/rooms', { body: { privacy: 'secret' } })).json.errors.privacy).toEqual(['The selected privacy is invalid.']);
		expect((await call(sim, 'POST', '/rooms', { body: { privacy: 'public', friendly_url: 'ab' } })).json.errors.friendly_url).toEqual([
			'The friendly url field must be at least 3 characters.',
		]);
		expect((await call(sim, 'POST', '/rooms', { body: { privacy: 'public', friendly_url: 'x'.repeat(33) } })).json.errors.friendly_url).toEqual([
			'The friendly url field must not be greater than 32 characters.',
		]);
		sim.seedRoom({ friendly_url: 'taken-url' });
		const taken = await call(sim, 'POST', '/rooms', { body: { privacy: 'public', friendly_url: 'TAKEN-url' } });
		expect(taken.json.errors.friendly_url).toEqual(['The friendly url has already been taken.']);
		const two = await call(sim, 'POST', '/rooms', { body: { friendly_url: 'ab', max_participants: 1 } });
		expect(two.json.message).toBe('The privacy field is required. (and 2 more errors)');
	});

	it('DELETE answers 204 with no body; DELETE /rooms by tag answers 202', async () => {
		const room = sim.seedRoom();
		const deleted = await call(sim, 'DELETE', `/rooms/${room.id}`);
		expect([deleted.status, deleted.text]).toEqual([204, '']);
		expect((await call(sim, 'GET', `/rooms/${room.id}`)).status).toBe(404);

		const a = sim.seedRoom({ tags: ['cleanup'] });
		const b = sim.seedRoom({ tags: ['cleanup', 'other'] });
		const keep = sim.seedRoom({ tags: ['other'] });
		const byTag = await call(sim, 'DELETE', '/rooms', { body: { tags: ['cleanup'] } });
		expect([byTag.status, byTag.text]).toEqual([202, '']);
		expect((await call(sim, 'GET', `/rooms/${a.id}`)).status).toBe(404);
		expect((await call(sim, 'GET', `/rooms/${b.id}`)).status).toBe(404);
		expect((await call(sim, 'GET', `/rooms/${keep.id}`)).status).toBe(200);
		expect((await call(sim, 'DELETE', '/rooms', { body: {} })).json.errors.tags).toEqual(['The tags field is required.']);
	});

	it('refuses to delete a live room or its resources with 422', async () => {
		const room = sim.seedRoom();
		const { session } = sim.startSession(room.id, { participants: 2 });
		for (const path of [`/rooms/${room.id}`, `/rooms/${room.id}/resources`]) {
			const reply = await call(sim, 'DELETE', path);
			expect(reply.status).toBe(422);
			expect(reply.json).toEqual({ message: 'Cannot delete resources of a live room.' });
		}
		expect((await call(sim, 'DELETE', `/sessions/${session.id}/resources`)).json).toEqual({ message: 'Cannot delete resources of a live session.' });
		const ended = await call(sim, 'POST', `/sessions/${session.id}/end`);
		expect([ended.status, ended.text]).toEqual([200, '']);
		expect((await call(sim, 'DELETE', `/rooms/${room.id}/resources`)).status).toBe(204);
		expect((await call(sim, 'DELETE', `/rooms/${room.id}`)).status).toBe(204);
	});

	it('shows live sessions and participants through the sessions, participants and live routes', async () => {
		const room = sim.seedRoom({ external_id: 'EXT-LIVE' });
		const { session, participants } = sim.startSession(room.id, { participants: [{ name: 'Ada Lovelace', role: 'moderator' }, { name: 'Alan Turing' }] });
		const live = (await call(sim, 'GET', '/rooms/live')).json.data.find((r: { id: string }) => r.id === room.id);
		expect(live).toMatchObject({ id: room.id, external_id: 'EXT-LIVE', live_participants: 2 });
		const withPeople = (await call(sim, 'GET', `/rooms/${room.id}/live/participants`)).json;
		expect(withPeople.live_participants.map((p: { name: string }) => p.name)).toEqual(['Ada Lovelace', 'Alan Turing']);
		const sessions = (await call(sim, 'GET', `/sessions?live=true&room_id=${room.id}`)).json.data;
		expect(sessions).toEqual([expect.objectContaining({ id: session.id, live: true, participants_live: 2, participants_total: 2 })]);
		expect((await call(sim, 'GET', `/sessions/${session.id}/participants`)).json.data).toHaveLength(2);
		expect((await call(sim, 'POST', `/rooms/${room.id}/participants/${participants[1].id}/raise-hand`)).status).toBe(200);
		expect(sim.state.participants.find((p) => p.id === participants[1].id)?.hand_raised).toBe(true);
		expect((await call(sim, 'GET', '/sessions?live=maybe')).status).toBe(422);
		sim.endSession(session.id);
		expect((await call(sim, 'GET', `/rooms/${room.id}/live`)).json.live_participants).toBe(0);
		expect((await call(sim, 'GET', `/sessions?live=false&room_id=${room.id}`)).json.data[0]).toMatchObject({ id: session.id, live: false });
	});

	it('answers 405 for a known path with another method, and 404 for an unknown path', async () => {
		const wrongMethod = await call(sim, 'PUT', '/rooms');
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.headers.get('allow')).toContain('GET');
		expect((await call(sim, 'GET', '/live/count')).json).toEqual({ message: 'Not Found', error: 'not-found' });
	});
});

/* ---------------------------------------------------------------- tokens */

describe('room tokens', () => {
	it('signs an HS256 JWT with the developer key and claims td, rd, u, ud, role', async () => {
		const room = sim.seedRoom({ friendly_url: 'token-room' });
		const before = Math.floor(Date.now() / 1000);
		const reply = await call(sim, 'POST', `/rooms/${room.id}/token`, { body: { u: 'John', ud: 'EXT123', role: 'moderator', initials: 'JD', exp: 30 } });
		expect(reply.status).toBe(200);
		const { token, link } = reply.json;
		const [head, payload, signature] = token.split('.');
		expect(JSON.parse(Buffer.from(head, 'base64url').toString())).toEqual({ typ: 'JWT', alg: 'HS256' });
		expect(createHmac('sha256', KEY).update(`${head}.${payload}`).digest('base64url')).toBe(signature);
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
		expect(claims).toMatchObject({ td: TEAM, rd: room.id, u: 'John', ud: 'EXT123', role: 'moderator', initials: 'JD' });
		expect(claims.exp - claims.iat).toBe(30 * 60);
		expect(claims.iat).toBeGreaterThanOrEqual(before);
		expect(link).toBe(`https://sim.digitalsamba.com/token-room?token=${token}`);
	});

	it('refuses an unknown role and an expiry in the past', async () => {
		const room = sim.seedRoom();
		expect((await call(sim, 'POST', `/rooms/${room.id}/token`, { body: { role: 'emperor' } })).json.errors.role).toEqual(['The selected role is invalid.']);
		expect((await call(sim, 'POST', `/rooms/${room.id}/token`, { body: { exp: 1_000_000_000 } })).json.errors.exp).toBeDefined();
		expect((await call(sim, 'POST', `/rooms/${room.id}/token`, { body: { exp: '2999-01-01 10:00:00' } })).status).toBe(200);
	});
});

/* ------------------------------------------------- chat, Q&A, polls, quizzes */

describe('room content', () => {
	it('chat: post, list by session, export and delete', async () => {
		const room = sim.seedRoom();
		const { session } = sim.startSession(room.id, { participants: 1 });
		const posted = await call(sim, 'POST', `/rooms/${room.id}/chat`, { body: { message: 'Morning!' } });
		expect(posted.json).toMatchObject({ message: 'Morning!' });
		expect((await call(sim, 'POST', `/rooms/${room.id}/chat`, { body: {} })).json.errors.message).toEqual(['The message field is required.']);
		const listed = await call(sim, 'GET', `/rooms/${room.id}/chat?session_id=${session.id}`);
		expect(listed.json).toMatchObject({ total_count: 1, data: [{ id: posted.json.id, message: 'Morning!' }] });
		const exported = await call(sim, 'GET', `/rooms/${room.id}/chat/export?format=txt`);
		expect(exported.headers.get('content-type')).toContain('text/plain');
		expect(exported.text).toContain('Morning!');
		expect((await call(sim, 'GET', `/rooms/${room.id}/chat/export?format=json`)).json).toHaveLength(1);
		expect((await call(sim, 'DELETE', `/rooms/${room.id}/chat`)).status).toBe(204);
		expect((await call(sim, 'GET', `/rooms/${room.id}/chat`)).json.total_count).toBe(0);
	});

	it('Q&A: questions need a participant; answers, dismiss and votes change state', async () => {
		const room = sim.seedRoom();
		const { participants } = sim.startSession(room.id, { participants: 2 });
		const missing = await call(sim, 'POST', `/rooms/${room.id}/questions`, { body: { question: 'Hm?' } });
		expect(Object.keys(missing.json.errors)).toEqual(['participant']);
		const byName = await call(sim, 'POST', `/rooms/${room.id}/questions`, { body: { participant: { name: 'Guest' }, question: 'Hm?' } });
		expect(byName.json.errors['participant.external_id']).toEqual(['The participant.external id field is required.']);
		const unknown = await call(sim, 'POST', `/rooms/${room.id}/questions`, { body: { participant: { id: randomUUID() }, question: 'Hm?' } });
		expect(unknown.json.errors['participant.id']).toEqual(['The selected participant.id is invalid.']);
		expect((await call(sim, 'POST', `/rooms/${room.id}/questions`, { body: { participant: { id: participants[0].id }, question: 'How tall?' } })).json).toEqual({});
		const q = (await call(sim, 'GET', `/rooms/${room.id}/questions`)).json.data[0];
		expect(q).toMatchObject({ question: 'How tall?', participant_id: participants[0].id, answers: [] });
		await call(sim, 'POST', `/rooms/${room.id}/questions/${q.id}/answers`, { body: { participant: { name: 'Host', external_id: 'H1' }, answer: 'Very.' } });
		await call(sim, 'POST', `/rooms/${room.id}/questions/${q.id}/vote`, { body: { participant: { id: participants[1].id } } });
		await call(sim, 'POST', `/rooms/${room.id}/questions/${q.id}/dismiss`, { body: { participant: { id: participants[1].id } } });
		const stored = sim.state.questions.find((x) => x.id === q.id)!;
		expect([stored.status, stored.voters, stored.answers.map((a) => a.answer)]).toEqual(['dismissed', [participants[1].id], ['Very.']]);
		expect((await call(sim, 'GET', `/rooms/${room.id}/questions/export?format=txt`)).text).toContain('A: Very. (Host)');
	});

	it('polls: question of at least 5 characters, options with text (label is rejected), results from votes', async () => {
		const room = sim.seedRoom();
		const short = await call(sim, 'POST', `/rooms/${room.id}/polls`, { body: { question: 'Why', options: [{ text: 'A' }] } });
		expect(short.json.errors.question).toEqual(['The question field must be at least 5 characters.']);
		const label = await call(sim, 'POST', `/rooms/${room.id}/polls`, { body: { question: 'Which one?', options: [{ label: 'A' }] } });
		expect(label.status).toBe(422);
		expect(label.json.errors['options.0.text']).toEqual(['The options.0.text field is required.']);
		const created = await call(sim, 'POST', `/rooms/${room.id}/polls`, { body: { question: 'Which one?', type: 'multiple', options: [{ text: 'A' }, { text: 'B' }] } });
		expect(created.json).toMatchObject({ question: 'Which one?', status: 'started', multiple: true, options: [{ text: 'A' }, { text: 'B' }] });
		const { participants } = sim.startSession(room.id, { participants: 2 });
		sim.votePoll(created.json.id, created.json.options[0].id, participants[0].id);
		sim.votePoll(created.json.id, [created.json.options[0].id, created.json.options[1].id], participants[1].id);
		const results = (await call(sim, 'GET', `/rooms/${room.id}/polls/${created.json.id}/results`)).json;
		expect(results).toHaveLength(1);
		expect(results[0]).toMatchObject({ votes: 2, options: [{ text: 'A', voted: 2 }, { text: 'B', voted: 1 }] });
	});

	it('quizzes: validated on create, imported from CSV by the documented rules', async () => {
		const room = sim.seedRoom();
		const bad = await call(sim, 'POST', `/rooms/${room.id}/quizzes`, { body: { title: 'Q', questions: [{ text: 'No choices' }] } });
		expect(bad.json.errors['questions.0.choices']).toEqual(['The questions.0.choices field is required.']);
		const csv = [
			'quiz_title,timing_mode,time_limit_seconds,question,correct,type,option1,option2,option3',
			'Geo,quiz,120,Capital of Italy?,Rome,single,Rome,Milan,Turin',
			'Geo,quiz,120,Italian cities?,Rome|Milan,multiple,Rome,Milan,Paris',
		].join('\n');
		expect((await call(sim, 'POST', `/rooms/${room.id}/quizzes/import`, { form: csvForm(csv) })).status).toBe(200);
		const quizzes = (await call(sim, 'GET', `/rooms/${room.id}/quizzes`)).json.data;
		expect(quizzes).toEqual([expect.objectContaining({ title: 'Geo', status: 'created' })]);
		const quiz = (await call(sim, 'GET', `/rooms/${room.id}/quizzes/${quizzes[0].id}`)).json;
		expect(quiz.questions[1].choices.filter((c: { correct: boolean }) => c.correct).map((c: { text: string }) => c.text)).toEqual(['Rome', 'Milan']);
		const wrong = await call(sim, 'POST', `/rooms/${room.id}/quizzes/import`, { form: csvForm(csv.replace('Rome,single', 'rome,single')) });
		expect(wrong.status).toBe(422);
		expect((await call(sim, 'POST', `/rooms/${room.id}/quizzes/import`, { body: {} })).json.errors.file).toEqual(['The file field is required.']);
	});
});

/* ------------------------------------------------------------ recordings */

describe('recordings', () => {
	it('starts and stops in a live room, downloads, archives and unarchives', async () => {
		const room = sim.seedRoom();
		const { session } = sim.startSession(room.id, { participants: 1 });
		expect((await call(sim, 'POST', `/rooms/${room.id}/recordings/start`)).status).toBe(200);
		const running = (await call(sim, 'GET', `/recordings?room_id=${room.id}`)).json.data;
		expect(running).toEqual([expect.objectContaining({ status: 'IN_PROGRESS', session_id: session.id })]);
		expect((await call(sim, 'GET', `/recordings/${running[0].id}/download`)).status).toBe(422);
		const stopped = await call(sim, 'POST', `/rooms/${room.id}/recordings/stop`);
		expect([stopped.status, stopped.text]).toEqual([200, '']);
		const id = running[0].id;
		expect((await call(sim, 'GET', `/recordings?room_id=${room.id}&status=READY`)).json.data).toHaveLength(1);
		const download = await call(sim, 'GET', `/recordings/${id}/download?valid_for_minutes=5`);
		expect(download.json).toEqual({ link: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/storage\/recordings\//), valid_until: expect.any(String) });
		const file = await fetch(download.json.link);
		expect([file.status, file.headers.get('content-type')]).toEqual([200, 'video/mp4']);
		await file.arrayBuffer();
		expect((await call(sim, 'POST', `/recordings/${id}/archive`)).status).toBe(200);
		expect((await call(sim, 'GET', `/recordings?room_id=${room.id}`)).json.data).toHaveLength(0);
		expect((await call(sim, 'GET', `/recordings/archived?room_id=${room.id}`)).json.data.map((r: { id: string }) => r.id)).toEqual([id]);
		await call(sim, 'POST', `/recordings/${id}/unarchive`);
		expect((await call(sim, 'GET', `/recordings?room_id=${room.id}`)).json.data).toHaveLength(1);
		expect((await call(sim, 'DELETE', `/recordings/${id}`)).status).toBe(204);
	});
});

/* ------------------------------------------------------------- libraries */

describe('library uploads', () => {
	it('POST files returns an upload URL and token the simulator serves; the file completes', async () => {
		const library = (await call(sim, 'POST', '/libraries', { body: { name: 'Docs' } })).json;
		const start = await call(sim, 'POST', `/libraries/${library.id}/files`, { body: { name: 'notes.pdf' } });
		expect(start.json).toEqual({
			file_id: expect.any(String),
			file_name: expect.stringMatching(/\.pdf$/),
			external_storage_url: `${sim.origin}/storage/upload`,
			token: expect.any(String),
			expiration_timestamp: expect.any(Number),
		});
		expect((await call(sim, 'GET', `/libraries/${library.id}/files/${start.json.file_id}`)).json.status).toBe('pending');
		const form = new FormData();
		form.append('file', new Blob([Buffer.from('%PDF-1.4 hello')], { type: 'application/pdf' }), 'notes.pdf');
		expect((await call(sim, 'POST', start.json.external_storage_url, { form, auth: BEARER })).status).toBe(401);
		const uploaded = await call(sim, 'POST', start.json.external_storage_url, { form, auth: `Bearer ${start.json.token}` });
		expect(uploaded.status).toBe(200);
		const stored = (await call(sim, 'GET', `/libraries/${library.id}/files/${start.json.file_id}`)).json;
		expect(stored).toMatchObject({ name: 'notes.pdf', type: 'pdf', size: 14, status: 'completed' });
		const links = (await call(sim, 'GET', `/libraries/${library.id}/files/${start.json.file_id}/links`)).json;
		const content = await fetch(links.pages[0].url);
		expect(Buffer.from(await content.arrayBuffer()).toString()).toBe('%PDF-1.4 hello');
		expect((await call(sim, 'GET', `/libraries/${library.id}/files`)).json).toEqual([expect.objectContaining({ id: start.json.file_id })]);
		expect((await call(sim, 'POST', `/libraries/${library.id}/files`, { body: {} })).json.errors.name).toEqual(['The name field is required.']);
	});
});

/* -------------------------------------------------------------- webhooks */

describe('webhooks', () => {
	let receiver: Server;
	let receiverUrl = '';
	const received: Array<{ headers: IncomingHttpHeaders; body: any }> = [];
	beforeAll(async () => {
		receiver = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString()) });
				res.writeHead(req.url === '/fail' ? 500 : 200).end();
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		receiver.closeAllConnections();
		await new Promise<void>((resolve) => receiver.close(() => resolve()));
	});

	it('validates registrations: endpoint and events required, events among the 39 names', async () => {
		const empty = await call(sim, 'POST', '/webhooks', { body: {} });
		expect(Object.keys(empty.json.errors).sort()).toEqual(['endpoint', 'events']);
		const bad = await call(sim, 'POST', '/webhooks', { body: { endpoint: `${receiverUrl}/hook`, events: ['participant.joined'] } });
		expect(bad.json.errors['events.0']).toEqual(['The selected events.0 is invalid.']);
		expect((await call(sim, 'POST', '/webhooks', { body: { endpoint: 'not a url', events: ['room_deleted'] } })).json.errors.endpoint).toEqual([
			'The endpoint field must be a valid URL.',
		]);
	});

	// Digital Samba sends the stored value after "Bearer " (docs: "a standard Authorization Bearer http header";
	// reference/providers.md §2.3): a value stored bare arrives as "Bearer <value>".
	it('delivers the docs payload with "Bearer " and the stored authorization_header to subscribed webhooks only', async () => {
		for (const w of [...sim.state.webhooks]) await call(sim, 'DELETE', `/webhooks/${w.id}`);
		const hook = await call(sim, 'POST', '/webhooks', {
			body: { endpoint: `${receiverUrl}/hook`, events: ['participant_joined'], name: 'Joins', authorization_header: 's3cret' },
		});
		expect(hook.json).toMatchObject({ endpoint: `${receiverUrl}/hook`, authorization_header: 's3cret', events: ['participant_joined'] });
		await call(sim, 'POST', '/webhooks', { body: { endpoint: `${receiverUrl}/fail`, events: ['participant_joined', 'session_ended'] } });
		received.length = 0;
		const room = sim.seedRoom();
		const { session, participants } = sim.startSession(room.id, { participants: 1 });
		const results = await sim.deliver(
			'participant_joined',
			{ participantId: participants[0].id, name: participants[0].name, role: 'moderator' },
			{ roomId: room.id, sessionId: session.id, timestamp: 1675790387 },
		);
		expect(results).toEqual([200, 500]); // in registration order; the second receiver fails
		expect(sim.state.deliveries.slice(-2).map((d) => [d.endpoint, d.status, d.headers.authorization])).toEqual([
			[`${receiverUrl}/hook`, 200, 'Bearer s3cret'],
			[`${receiverUrl}/fail`, 500, undefined],
		]);
		const ok = received.find((r) => r.headers.authorization === 'Bearer s3cret');
		expect(ok?.body).toEqual({
			eventType: 'participant_joined',
			sessionId: session.id,
			roomId: room.id,
			timestamp: 1675790387,
			data: { participantId: participants[0].id, name: participants[0].name, role: 'moderator' },
		});
		expect(received.find((r) => r.headers.authorization === undefined)).toBeDefined(); // the hook without authorization_header

		received.length = 0;
		expect(await sim.deliver('recording_ready', {})).toEqual([]);
		const limited = sim.seedRoom({ webhooks: [hook.json.id] });
		expect(await sim.deliver('participant_joined', {}, { roomId: limited.id })).toEqual([200]);
		expect(sim.state.deliveries[sim.state.deliveries.length - 1].webhookId).toBe(hook.json.id);
		await expect(sim.deliver('participant.joined', {})).rejects.toThrow(/unknown event/);
	});

	it('refuses to deliver to non-loopback endpoints', async () => {
		for (const w of [...sim.state.webhooks]) await call(sim, 'DELETE', `/webhooks/${w.id}`);
		await call(sim, 'POST', '/webhooks', { body: { endpoint: 'https://example.com/hook', events: ['room_deleted'] } });
		expect(await sim.deliver('room_deleted', {})).toEqual([0]);
		expect(sim.state.deliveries[sim.state.deliveries.length - 1].error).toMatch(/non-loopback/);
	});
});

/* ------------------------------------------------------------ rate limit */

describe('rate limit', () => {
	it('answers 429 with retry-after once the per-minute budget is spent, until the window turns', async () => {
		let clock = Date.parse('2026-01-01T00:00:00Z');
		const limited = await startDigitalSambaSimulator({ developerKey: KEY, teamId: TEAM, rateLimitPerMinute: 3, now: () => clock });
		try {
			const first = await call(limited, 'GET', '/rooms');
			expect(first.headers.get('x-ratelimit-limit')).toBe('3');
			expect(first.headers.get('x-ratelimit-remaining')).toBe('2');
			await call(limited, 'GET', '/rooms');
			await call(limited, 'GET', '/rooms');
			clock += 20_000;
			const refused = await call(limited, 'GET', '/rooms');
			expect(refused.status).toBe(429);
			expect(refused.headers.get('retry-after')).toBe('40');
			expect(refused.json).toEqual({ message: 'Too Many Attempts. You may try again in 40 seconds.', error: 'rate-limit' });
			clock += 40_000;
			expect((await call(limited, 'GET', '/rooms')).status).toBe(200);
		} finally {
			await limited.close();
		}
	});
});

/* ---------------------------------------------------------------- faults */

describe('fault injection', () => {
	async function statuses(faults: Parameters<typeof startDigitalSambaSimulator>[0]['faults'], count: number): Promise<Array<number | string>> {
		const faulty = await startDigitalSambaSimulator({ developerKey: KEY, teamId: TEAM, faults });
		try {
			const out: Array<number | string> = [];
			for (let i = 0; i < count; i++) {
				try {
					const reply = await call(faulty, 'GET', '/rooms');
					out.push(reply.status === 429 ? `429/${reply.headers.get('retry-after')}` : reply.status);
				} catch {
					out.push('reset');
				}
			}
			return out;
		} finally {
			await faulty.close();
		}
	}

	it('repeats the same faults for the same seed, and others for another seed', async () => {
		const faults = { errorRate: 0.2, rateLimitRate: 0.2, resetRate: 0.1, seed: 42 };
		const a = await statuses(faults, 40);
		const b = await statuses(faults, 40);
		const c = await statuses({ ...faults, seed: 7 }, 40);
		expect(a).toEqual(b);
		expect(a).not.toEqual(c);
		expect(a).toContain(200);
		expect(a).toContain('429/1');
		expect(a).toContain('reset');
		expect(a.some((s) => s === 500 || s === 502 || s === 503)).toBe(true);
	});

	it('slows answers down by slowMs', async () => {
		const started = Date.now();
		expect(await statuses({ slowRate: 1, slowMs: 150, seed: 1 }, 2)).toEqual([200, 200]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(300);
	});

	it('can be switched on and off at run time', async () => {
		const faulty = await startDigitalSambaSimulator({ developerKey: KEY, teamId: TEAM });
		try {
			faulty.setFaults({ errorRate: 1, seed: 3 });
			expect((await call(faulty, 'GET', '/rooms')).status).toBeGreaterThanOrEqual(500);
			faulty.setFaults(undefined);
			expect((await call(faulty, 'GET', '/rooms')).status).toBe(200);
		} finally {
			await faulty.close();
		}
	});
});

/* ------------------------------------------------------------- spec file */

describe('finding the spec', () => {
	const saved = process.env.DS_OPENAPI_PATH;
	afterEach(() => {
		if (saved === undefined) delete process.env.DS_OPENAPI_PATH;
		else process.env.DS_OPENAPI_PATH = saved;
	});

	it('finds the copy kept with the tests, honours DS_OPENAPI_PATH, and fails clearly otherwise', () => {
		delete process.env.DS_OPENAPI_PATH;
		const found = findSpecFile();
		expect(found).toMatch(/test[\\/]fixtures[\\/]digitalsamba-openapi\.yaml$/);
		// Where the shared reference is beside the repository, the kept copy must not have drifted from it.
		const shared = require('path').resolve(__dirname, '../../../../shared/reference/digitalsamba-openapi.yaml');
		if (require('fs').existsSync(shared)) expect(require('fs').readFileSync(found, 'utf8')).toBe(require('fs').readFileSync(shared, 'utf8'));
		process.env.DS_OPENAPI_PATH = found;
		expect(findSpecFile('/')).toBe(found);
		process.env.DS_OPENAPI_PATH = '/nonexistent/spec.yaml';
		expect(() => findSpecFile()).toThrow(/DS_OPENAPI_PATH=\/nonexistent\/spec\.yaml does not exist/);
		delete process.env.DS_OPENAPI_PATH;
		expect(() => findSpecFile('/')).toThrow(/cannot find .*digitalsamba-openapi\.yaml.*DS_OPENAPI_PATH/);
	});
});

/* ------------------------------------------------- rooms by UUID only (issue 22) */

/** `{room}` of each operation as the spec describes it, read independently of the simulator's loader. */
function roomDescriptions(): Array<{ key: string; method: string; path: string; description: string }> {
	const doc = load(readFileSync(findSpecFile(), 'utf8')) as { paths: Record<string, Record<string, any>> };
	const found = [];
	for (const [full, item] of Object.entries(doc.paths)) {
		for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
			const op = item[method];
			const room = op && [...(item.parameters ?? []), ...(op.parameters ?? [])].find((p: any) => p.in === 'path' && p.name === 'room');
			if (!room) continue;
			const path = full.replace(/^\/api\/v1/, '');
			found.push({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, description: String(room.description) });
		}
	}
	return found;
}

describe('a room\'s friendly URL where the spec takes the UUID only', () => {
	// The spec's words are the source: "The UUID of the room." on 25 operations, "The UUID of the room or room
	// friendly URL." on the others. On the 25 a friendly URL names no room: 404, as for any room that does not exist.
	const all = roomDescriptions();
	const uuidOnly = all.filter((o) => /The UUID of the room\.$/.test(o.description) && !/friendly/i.test(o.description));

	it('the spec has 25 such operations; every other {room} takes a friendly URL too', () => {
		expect(uuidOnly).toHaveLength(25);
		for (const o of all.filter((x) => !uuidOnly.includes(x))) expect([o.key, o.description]).toEqual([o.key, 'The UUID of the room or room friendly URL.']);
	});

	it.each(all.map((o) => [o.key, o] as const))('%s', async (key, o) => {
		const ids = await fixture(sim);
		const friendly = sim.state.rooms.find((r) => r.id === ids.room)!.friendly_url;
		expect(friendly).toMatch(/\S/);
		const path = o.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'room' ? friendly : (ids as Record<string, string>)[name]));
		const { body, form } = validBody(key, ids);
		const reply = await call(sim, o.method, path, { body: o.method === 'GET' ? undefined : body, form });
		if (uuidOnly.includes(o)) expect([reply.status, reply.json]).toEqual([404, { message: 'Not Found', error: 'not-found' }]);
		else expect(reply.status).toBeLessThan(300);
	});
});

describe('lists a team\'s API may grow: events and permissions a test adds', () => {
	it('GET /events lists an added event, webhooks take it and deliveries carry it; others stay 422', async () => {
		const own = await startDigitalSambaSimulator({ developerKey: KEY, teamId: TEAM });
		try {
			own.addEvent('session_recap_ready');
			expect((await call(own, 'GET', '/events')).json).toContain('session_recap_ready');
			const created = await call(own, 'POST', '/webhooks', { body: { endpoint: 'http://127.0.0.1:9/h', events: ['session_recap_ready'] } });
			expect([created.status, created.json.events]).toEqual([200, ['session_recap_ready']]);
			expect((await call(own, 'POST', '/webhooks', { body: { endpoint: 'http://127.0.0.1:9/h', events: ['session_exploded'] } })).status).toBe(422);
			await expect(own.deliver('session_recap_ready')).resolves.toEqual([0]);
		} finally {
			await own.close();
		}
	});

	it('GET /permissions lists an added permission, roles take it; override answers a route as told until cleared', async () => {
		const own = await startDigitalSambaSimulator({ developerKey: KEY, teamId: TEAM });
		try {
			own.addPermission('manage_whiteboard_templates');
			expect((await call(own, 'GET', '/permissions')).json).toContain('manage_whiteboard_templates');
			const role = await call(own, 'POST', '/roles', { body: { name: 'templater', display_name: 'Templater', permissions: { manage_whiteboard_templates: true } } });
			expect([role.status, role.json.permissions.manage_whiteboard_templates]).toEqual([200, true]);
			own.override('GET /permissions', { status: 503, body: { message: 'Service Unavailable', error: 'server-error' } });
			expect((await call(own, 'GET', '/permissions')).status).toBe(503);
			own.override('GET /permissions');
			expect((await call(own, 'GET', '/permissions')).status).toBe(200);
			expect(() => own.override('GET /nowhere', { status: 500 })).toThrow(/not in the spec/);
		} finally {
			await own.close();
		}
	});
});
