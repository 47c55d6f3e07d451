import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { digitalSambaResources } from '../../../nodes/DigitalSamba/resources';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { DS_KEY, DS_TEAM, DS_URL, runDigitalSamba } from '../../helpers/digitalSamba';
import { loadSpec } from '../../simulators/digitalSamba/spec';

/**
 * Every operation of the Default Room Settings, Room, Room Token, Chat, Q&A, Poll and Quiz resources
 * against the OpenAPI contract (reference/digitalsamba-openapi.yaml): method, path, query, body, output.
 */
interface Case {
	resource: string;
	operation: string;
	params?: IDataObject;
	items?: INodeExecutionData[];
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
	path: string;
	query?: IDataObject;
	body?: unknown;
	reply?: unknown;
	replyHeaders?: Record<string, string>;
	status?: number;
	expectOutput: (items: INodeExecutionData[]) => void;
}

const ROOM = 'a853d608-e6cf-48eb-a3c9-7d089bbc09b0';
const SESSION = '16719c1b-cc82-4dfe-9f6f-40d9093fa695';
const Q = '3d8a123d-1a65-4b8b-a1d7-cde0578bf928';
const A = '856e86e5-5d97-4a48-978a-6b8afe65f749';
const POLL = 'cbe49091-3b4d-4c1b-9ea6-bdf6594e799d';
const QUIZ = 'd84a4ad8-b051-4af5-b885-08663e9e401a';
const P = '5b9ca00e-656e-43cc-ba2c-7dcaae63daa9';

const room = { id: ROOM, friendly_url: 'MyPublicRoom', privacy: 'public', max_participants: 100 };
const json = (items: INodeExecutionData[]) => items.map((i) => i.json);
const csv = (name: string) => [{ json: {}, binary: { data: { data: Buffer.from('question,type\nWhy?,single\n').toString('base64'), fileName: name, mimeType: 'text/csv' } } }];
const file = (fileName: string, text: string) => (items: INodeExecutionData[]) => {
	expect(items[0].json).toMatchObject({ fileName, fileSize: Buffer.byteLength(text) });
	expect(Buffer.from(items[0].binary!.data.data, 'base64').toString()).toBe(text);
};
const byId = { participantId: P };
const byName = { participantName: 'John Doe', participantExternalId: 'ABC123' };

const cases: Case[] = [
	// Default room settings
	{
		resource: 'defaultRoomSettings', operation: 'get', method: 'GET', path: '/',
		reply: { id: 'team-1', domain: 'acme', chat_enabled: true },
		expectOutput: (items) => expect(json(items)).toEqual([{ id: 'team-1', domain: 'acme', chat_enabled: true }]),
	},
	{
		resource: 'defaultRoomSettings', operation: 'update',
		params: { settings: { chat_enabled: false, domain: 'acme-team', favicon: 'https://acme.example/f.ico', toolbar_color: '#112233', languages: ['en', 'de-DE'] } },
		method: 'PATCH', path: '/',
		body: { chat_enabled: false, domain: 'acme-team', favicon: 'https://acme.example/f.ico', toolbar_color: '#112233', languages: ['en', 'de-DE'] },
		reply: { domain: 'acme-team', chat_enabled: false },
		expectOutput: (items) => expect(json(items)).toEqual([{ domain: 'acme-team', chat_enabled: false }]),
	},
	// Rooms
	{
		resource: 'room', operation: 'getAll', params: { returnAll: false, limit: 2, options: { tag: 'sales, demo', order: 'asc' } },
		method: 'GET', path: '/rooms', query: { limit: '2', offset: '0', order: 'asc', tag: 'sales,demo' },
		reply: { total_count: '5', data: [room, { ...room, id: 'r-2' }] },
		expectOutput: (items) => expect(json(items).map((r) => r.id)).toEqual([ROOM, 'r-2']),
	},
	{
		resource: 'room', operation: 'get', params: { roomId: 'MyPublicRoom' },
		method: 'GET', path: '/rooms/MyPublicRoom', reply: room,
		expectOutput: (items) => expect(json(items)).toEqual([room]),
	},
	{
		resource: 'room', operation: 'create',
		params: {
			privacy: 'private',
			settings: {
				friendly_url: 'weekly-sync', description: 'Weekly sync', max_participants: 20, chat_enabled: true, tags: 'sales, demo',
				roles: 'moderator,attendee', toolbar_position: 'left', hd_video_quality: '720_2.5', expires_at: '2099-09-05 12:30:00',
			},
		},
		method: 'POST', path: '/rooms',
		body: {
			privacy: 'private', friendly_url: 'weekly-sync', description: 'Weekly sync', max_participants: 20, chat_enabled: true, tags: ['sales', 'demo'],
			roles: ['moderator', 'attendee'], toolbar_position: 'left', hd_video_quality: '720_2.5', expires_at: '2099-09-05 12:30:00',
		},
		reply: { ...room, privacy: 'private', friendly_url: 'weekly-sync' },
		expectOutput: (items) => expect(items[0].json).toMatchObject({ id: ROOM, friendly_url: 'weekly-sync' }),
	},
	{
		resource: 'room', operation: 'update', params: { roomId: ROOM, settings: { is_locked: true, session_length: 90 } },
		method: 'PATCH', path: `/rooms/${ROOM}`, body: { is_locked: true, session_length: 90 },
		reply: { ...room, is_locked: true },
		expectOutput: (items) => expect(items[0].json.is_locked).toBe(true),
	},
	{
		resource: 'room', operation: 'delete', params: { roomId: ROOM },
		method: 'DELETE', path: `/rooms/${ROOM}`, status: 204, reply: '',
		expectOutput: (items) => expect(json(items)).toEqual([{ deleted: true, id: ROOM }]),
	},
	{
		resource: 'room', operation: 'deleteByTags', params: { tags: 'old, archive', options: { delete_resources: true, delete_library: false } },
		method: 'DELETE', path: '/rooms', body: { tags: ['old', 'archive'], delete_resources: true, delete_library: false }, status: 202, reply: {},
		expectOutput: (items) => expect(json(items)).toEqual([{ success: true, queued: true, tags: ['old', 'archive'] }]),
	},
	{
		resource: 'room', operation: 'deleteResources', params: { roomId: ROOM, options: { delete_history: true } },
		method: 'DELETE', path: `/rooms/${ROOM}/resources`, body: { delete_history: true }, status: 204, reply: '',
		expectOutput: (items) => expect(json(items)).toEqual([{ deleted: true, roomId: ROOM }]),
	},
	// Room tokens
	{
		resource: 'roomToken', operation: 'create',
		params: { roomId: 'MyPublicRoom', additionalFields: { u: 'John', ud: 'EXT1', role: 'moderator', initials: 'JD', breakoutId: 'b-1', avatar: 'https://img.example/a.png', nbf: 1763723976, exp: 4102444800 } },
		method: 'POST', path: '/rooms/MyPublicRoom/token',
		body: { u: 'John', ud: 'EXT1', role: 'moderator', initials: 'JD', breakoutId: 'b-1', avatar: 'https://img.example/a.png', nbf: 1763723976, exp: 4102444800 },
		reply: { token: 'eyJ.x.y', link: 'https://acme.digitalsamba.com/MyPublicRoom?token=eyJ.x.y' },
		expectOutput: (items) => expect(json(items)).toEqual([{ token: 'eyJ.x.y', link: 'https://acme.digitalsamba.com/MyPublicRoom?token=eyJ.x.y' }]),
	},
	// Chat
	{
		resource: 'chat', operation: 'getAll', params: { roomId: ROOM, returnAll: false, limit: 1, options: { session_id: SESSION } },
		method: 'GET', path: `/rooms/${ROOM}/chat`, query: { limit: '1', offset: '0', session_id: SESSION },
		reply: { total_count: 3, data: [{ id: 'm-1', message: 'Morning', participant_name: 'John Smith' }] },
		expectOutput: (items) => expect(json(items)).toEqual([{ id: 'm-1', message: 'Morning', participant_name: 'John Smith' }]),
	},
	{
		resource: 'chat', operation: 'send', params: { roomId: ROOM, message: 'Hello!' },
		method: 'POST', path: `/rooms/${ROOM}/chat`, body: { message: 'Hello!' }, reply: '',
		expectOutput: (items) => expect(json(items)).toEqual([{ success: true, roomId: ROOM, message: 'Hello!' }]),
	},
	{
		resource: 'chat', operation: 'export', params: { roomId: ROOM, format: 'txt', options: { session_id: SESSION, locale: 'de' } },
		method: 'GET', path: `/rooms/${ROOM}/chat/export`, query: { format: 'txt', session_id: SESSION, locale: 'de' },
		reply: 'John: Morning\n', replyHeaders: { 'content-type': 'text/plain' },
		expectOutput: file(`chat-${ROOM}.txt`, 'John: Morning\n'),
	},
	{
		resource: 'chat', operation: 'deleteAll', params: { roomId: ROOM },
		method: 'DELETE', path: `/rooms/${ROOM}/chat`, status: 204, reply: '',
		expectOutput: (items) => expect(json(items)).toEqual([{ deleted: true, roomId: ROOM }]),
	},
	{
		resource: 'chat', operation: 'deleteBySession', params: { sessionId: SESSION },
		method: 'DELETE', path: `/sessions/${SESSION}/chat`, status: 204, reply: '',
		expectOutput: (items) => expect(json(items)).toEqual([{ deleted: true, sessionId: SESSION }]),
	},
	// Q&A
	{
		resource: 'question', operation: 'getAll', params: { roomId: ROOM, returnAll: true, options: { order: 'asc' } },
		method: 'GET', path: `/rooms/${ROOM}/questions`, query: { limit: '100', offset: '0', order: 'asc' },
		reply: { total_count: 1, data: [{ id: Q, question: 'How tall?', answers: [] }] },
		expectOutput: (items) => expect(json(items)).toEqual([{ id: Q, question: 'How tall?', answers: [] }]),
	},
	{
		resource: 'question', operation: 'export', params: { roomId: ROOM, format: 'json' },
		method: 'GET', path: `/rooms/${ROOM}/questions/export`, query: { format: 'json' },
		reply: '[{"question":"How tall?"}]', replyHeaders: { 'content-type': 'application/json' },
		expectOutput: file(`questions-${ROOM}.json`, '[{"question":"How tall?"}]'),
	},
	{
		resource: 'question', operation: 'create', params: { roomId: ROOM, question: 'My question?', ...byName, additionalFields: { anonymous: true, breakout_id: 'b-1' } },
		method: 'POST', path: `/rooms/${ROOM}/questions`,
		body: { participant: { name: 'John Doe', external_id: 'ABC123' }, question: 'My question?', anonymous: true, breakout_id: 'b-1' },
		reply: {},
		expectOutput: (items) => expect(json(items)).toEqual([{ success: true, roomId: ROOM, question: 'My question?' }]),
	},
	{
		resource: 'question', operation: 'update', params: { roomId: ROOM, questionId: Q, question: 'Better question?', ...byId },
		method: 'PATCH', path: `/rooms/${ROOM}/questions/${Q}`, body: { participant: { id: P }, question: 'Better question?' },
		reply: { id: Q, question: 'Better question?' },
		expectOutput: (items) => expect(json(items)).toEqual([{ id: Q, question: 'Better question?' }]),
	},
	{
		resource: 'question', operation: 'delete', params: { roomId: ROOM, questionId: Q, ...byId },
		method: 'DELETE', path: `/rooms/${ROOM}/questions/${Q}`, body: { participant: { id: P } }, status: 204, reply: '',
		expectOutput: (items) => expect(json(items)).toEqual([{ deleted: true, id: Q }]),
	},
	{
		resource: 'question', operation: 'createAnswer', params: { roomId: ROOM, questionId: Q, answer: '46 metres', ...byId, additionalFields: { private: true } },
		method: 'POST', path: `/rooms/${ROOM}/questions/${Q}/answers`, body: { participant: { id: P }, answer: '46 metres', private: true },
		reply: { id: A, answer: '46 metres' },
		expectOutput: (items) => expect(json(items)).toEqual([{ id: A, answer: '46 metres' }]),
	},
	{
		resource: 'question', operation: 'updateAnswer', params: { roomId: ROOM, questionId: Q, answerId: A, answer: '93 metres', ...byName },
		method: 'PATCH', path: `/rooms/${ROOM}/questions/${Q}/answers/${A}`, body: { participant: { name: 'John Doe', external_id: 'ABC123' }, answer: '93 metres' },
		reply: '',
		expectOutput: (items) => expect(json(items)).toEqual([{ success: true, questionId: Q, answerId: A }]),
	},
	{
		resource: 'question', operation: 'deleteAnswer', params: { roomId: ROOM, questionId: Q, answerId: A, ...byId },
		method: 'DELETE', path: `/rooms/${ROOM}/questions/${Q}/answers/${A}`, body: { participant: { id: P } }, status: 204, reply: '',
		expectOutput: (items) => expect(json(items)).toEqual([{ deleted: true, id: A, questionId: Q }]),
	},
	...(['dismiss', 'reopen', 'vote'] as const).map((action): Case => ({
		resource: 'question', operation: action, params: { roomId: ROOM, questionId: Q, ...byId },
		method: 'POST', path: `/rooms/${ROOM}/questions/${Q}/${action}`, body: { participant: { id: P } }, reply: {},
		expectOutput: (items) => expect(json(items)).toEqual([{ success: true, questionId: Q }]),
	})),
	{
		resource: 'question', operation: 'unvote', params: { roomId: ROOM, questionId: Q, ...byId },
		method: 'DELETE', path: `/rooms/${ROOM}/questions/${Q}/vote`, body: { participant: { id: P } }, status: 204, reply: '',
		expectOutput: (items) => expect(json(items)).toEqual([{ deleted: true, questionId: Q }]),
	},
	...(['start', 'stop', 'cancel'] as const).map((step): Case => ({
		resource: 'question', operation: `${step}LiveAnswer`, params: { roomId: ROOM, questionId: Q, ...byName },
		method: 'POST', path: `/rooms/${ROOM}/questions/${Q}/live-answers/${step}`, body: { participant: { name: 'John Doe', external_id: 'ABC123' } }, reply: '',
		expectOutput: (items) => expect(json(items)).toEqual([{ success: true, questionId: Q }]),
	})),
	{
		resource: 'question', operation: 'deleteAll', params: { roomId: ROOM },
		method: 'DELETE', path: `/rooms/${ROOM}/questions`, status: 204, reply: '',
		expectOutput: (items) => expect(json(items)).toEqual([{ deleted: true, roomId: ROOM }]),
	},
	{
		resource: 'question', operation: 'deleteBySession', params: { sessionId: SESSION },
		method: 'DELETE', path: `/sessions/${SESSION}/questions`, status: 204, reply: '',
		expectOutput: (items) => expect(json(items)).toEqual([{ deleted: true, sessionId: SESSION }]),
	},
	// Polls
	{
		resource: 'poll', operation: 'getAll', params: { roomId: ROOM, returnAll: false, limit: 5 },
		method: 'GET', path: `/rooms/${ROOM}/polls`, query: { limit: '5', offset: '0' },
		reply: { total_count: 1, data: [{ id: POLL, question: 'When will I go on holiday?', status: 'started' }] },
		expectOutput: (items) => expect(json(items)).toEqual([{ id: POLL, question: 'When will I go on holiday?', status: 'started' }]),
	},
	{
		resource: 'poll', operation: 'create',
		params: { roomId: ROOM, question: 'When will I go on holiday?', type: 'single', pollOptions: 'Next week\nNext month\n\nNext year', additionalFields: { anonymous: false } },
		method: 'POST', path: `/rooms/${ROOM}/polls`,
		body: { question: 'When will I go on holiday?', type: 'single', anonymous: false, options: [{ text: 'Next week' }, { text: 'Next month' }, { text: 'Next year' }] },
		reply: { id: POLL, status: 'started', options: [{ id: 'o-1', text: 'Next week' }] },
		expectOutput: (items) => expect(items[0].json).toMatchObject({ id: POLL, status: 'started' }),
	},
	{
		resource: 'poll', operation: 'get', params: { roomId: ROOM, pollId: POLL },
		method: 'GET', path: `/rooms/${ROOM}/polls/${POLL}`, reply: { id: POLL, options: [] },
		expectOutput: (items) => expect(json(items)).toEqual([{ id: POLL, options: [] }]),
	},
	{
		resource: 'poll', operation: 'update',
		params: { roomId: ROOM, pollId: POLL, pollOptions: `[{"id": "${SESSION}", "text": "Next week"}, {"text": "Never"}]`, updateFields: { type: 'multiple', question: 'Where to go?' } },
		method: 'PATCH', path: `/rooms/${ROOM}/polls/${POLL}`,
		body: { type: 'multiple', question: 'Where to go?', options: [{ id: SESSION, text: 'Next week' }, { text: 'Never' }] },
		reply: { id: POLL, type: 'multiple' },
		expectOutput: (items) => expect(json(items)).toEqual([{ id: POLL, type: 'multiple' }]),
	},
	{
		resource: 'poll', operation: 'delete', params: { roomId: ROOM, pollId: POLL },
		method: 'DELETE', path: `/rooms/${ROOM}/polls/${POLL}`, status: 204, reply: '',
		expectOutput: (items) => expect(json(items)).toEqual([{ deleted: true, id: POLL }]),
	},
	{
		resource: 'poll', operation: 'getResults', params: { roomId: ROOM, pollId: POLL, options: { session_id: SESSION } },
		method: 'GET', path: `/rooms/${ROOM}/polls/${POLL}/results`, query: { session_id: SESSION },
		reply: [{ id: 'run-1', session_id: SESSION, votes: 3 }, { id: 'run-2', session_id: SESSION, votes: 1 }],
		expectOutput: (items) => expect(json(items).map((r) => r.votes)).toEqual([3, 1]),
	},
	{
		resource: 'poll', operation: 'export', params: { roomId: ROOM, format: 'txt', options: { session_id: SESSION } },
		method: 'GET', path: `/rooms/${ROOM}/polls/export`, query: { format: 'txt', session_id: SESSION },
		reply: 'Polls\n', replyHeaders: { 'content-type': 'text/plain' },
		expectOutput: file(`polls-${ROOM}.txt`, 'Polls\n'),
	},
	{
		resource: 'poll', operation: 'import', params: { roomId: ROOM, binaryPropertyName: 'data' }, items: csv('polls.csv'),
		method: 'POST', path: `/rooms/${ROOM}/polls/import`, reply: {},
		expectOutput: (items) => expect(json(items)).toEqual([{ success: true, roomId: ROOM, fileName: 'polls.csv' }]),
	},
	{
		resource: 'poll', operation: 'getTemplate', params: { roomId: ROOM },
		method: 'GET', path: `/rooms/${ROOM}/polls/template`, reply: 'question,type,option1\n', replyHeaders: { 'content-type': 'text/csv' },
		expectOutput: file('polls-template.csv', 'question,type,option1\n'),
	},
	{
		resource: 'poll', operation: 'deleteAll', params: { roomId: ROOM },
		method: 'DELETE', path: `/rooms/${ROOM}/polls`, status: 204, reply: '',
		expectOutput: (items) => expect(json(items)).toEqual([{ deleted: true, roomId: ROOM }]),
	},
	{
		resource: 'poll', operation: 'deleteBySession', params: { sessionId: SESSION },
		method: 'DELETE', path: `/sessions/${SESSION}/polls`, status: 204, reply: '',
		expectOutput: (items) => expect(json(items)).toEqual([{ deleted: true, sessionId: SESSION }]),
	},
	// Quizzes
	{
		resource: 'quiz', operation: 'getAll', params: { roomId: ROOM, returnAll: false, limit: 3, options: { after: QUIZ } },
		method: 'GET', path: `/rooms/${ROOM}/quizzes`, query: { limit: '3', offset: '0', after: QUIZ },
		reply: { total_count: 1, data: [{ id: QUIZ, title: 'My quiz', status: 'created' }] },
		expectOutput: (items) => expect(json(items)).toEqual([{ id: QUIZ, title: 'My quiz', status: 'created' }]),
	},
	{
		resource: 'quiz', operation: 'create',
		params: {
			roomId: ROOM, title: 'My quiz',
			questions: '[{"text": "Capital of Italy?", "multiple": false, "choices": [{"text": "Rome", "correct": true}, {"text": "Milan"}]}]',
			additionalFields: { time_limit_minutes: 60, timing_mode: 'question', passing_score: 80 },
		},
		method: 'POST', path: `/rooms/${ROOM}/quizzes`,
		body: {
			title: 'My quiz', time_limit_minutes: 60, timing_mode: 'question', passing_score: 80,
			questions: [{ text: 'Capital of Italy?', multiple: false, choices: [{ text: 'Rome', correct: true }, { text: 'Milan' }] }],
		},
		reply: { id: QUIZ, title: 'My quiz', status: 'created' },
		expectOutput: (items) => expect(items[0].json).toMatchObject({ id: QUIZ }),
	},
	{
		resource: 'quiz', operation: 'get', params: { roomId: ROOM, quizId: QUIZ },
		method: 'GET', path: `/rooms/${ROOM}/quizzes/${QUIZ}`, reply: { id: QUIZ, questions: [] },
		expectOutput: (items) => expect(json(items)).toEqual([{ id: QUIZ, questions: [] }]),
	},
	{
		resource: 'quiz', operation: 'update',
		params: { roomId: ROOM, quizId: QUIZ, questions: [{ id: 'q-1', text: 'Q1', choices: [{ id: 'c-1', text: 'A', correct: true }] }], updateFields: { title: 'Renamed' } },
		method: 'PATCH', path: `/rooms/${ROOM}/quizzes/${QUIZ}`,
		body: { title: 'Renamed', questions: [{ id: 'q-1', text: 'Q1', choices: [{ id: 'c-1', text: 'A', correct: true }] }] },
		reply: { id: QUIZ, title: 'Renamed' },
		expectOutput: (items) => expect(json(items)).toEqual([{ id: QUIZ, title: 'Renamed' }]),
	},
	{
		resource: 'quiz', operation: 'delete', params: { roomId: ROOM, quizId: QUIZ },
		method: 'DELETE', path: `/rooms/${ROOM}/quizzes/${QUIZ}`, status: 204, reply: '',
		expectOutput: (items) => expect(json(items)).toEqual([{ deleted: true, id: QUIZ }]),
	},
	{
		resource: 'quiz', operation: 'getResults', params: { roomId: ROOM, quizId: QUIZ },
		method: 'GET', path: `/rooms/${ROOM}/quizzes/${QUIZ}/results`,
		reply: [{ id: 'run-1', title: 'My quiz', status: 'launched' }],
		expectOutput: (items) => expect(json(items)).toEqual([{ id: 'run-1', title: 'My quiz', status: 'launched' }]),
	},
	{
		resource: 'quiz', operation: 'export', params: { roomId: ROOM, format: 'csv', options: { locale: 'it' } },
		method: 'GET', path: `/rooms/${ROOM}/quizzes/export`, query: { format: 'csv', locale: 'it' },
		reply: 'title,score\n', replyHeaders: { 'content-type': 'text/csv' },
		expectOutput: file(`quizzes-${ROOM}.csv`, 'title,score\n'),
	},
	{
		resource: 'quiz', operation: 'import', params: { roomId: ROOM, binaryPropertyName: 'data' }, items: csv('quizzes.csv'),
		method: 'POST', path: `/rooms/${ROOM}/quizzes/import`, reply: { imported: 2 },
		expectOutput: (items) => expect(json(items)).toEqual([{ imported: 2 }]),
	},
	{
		resource: 'quiz', operation: 'getTemplate', params: { roomId: ROOM },
		method: 'GET', path: `/rooms/${ROOM}/quizzes/template`, reply: 'quiz_title,timing_mode\n', replyHeaders: { 'content-type': 'text/csv' },
		expectOutput: file('quizzes-template.csv', 'quiz_title,timing_mode\n'),
	},
	{
		resource: 'quiz', operation: 'deleteAll', params: { roomId: ROOM },
		method: 'DELETE', path: `/rooms/${ROOM}/quizzes`, status: 204, reply: '',
		expectOutput: (items) => expect(json(items)).toEqual([{ deleted: true, roomId: ROOM }]),
	},
	{
		resource: 'quiz', operation: 'deleteBySession', params: { sessionId: SESSION },
		method: 'DELETE', path: `/sessions/${SESSION}/quizzes`, status: 204, reply: '',
		expectOutput: (items) => expect(json(items)).toEqual([{ deleted: true, sessionId: SESSION }]),
	},
];

const MINE = ['defaultRoomSettings', 'room', 'roomToken', 'chat', 'question', 'poll', 'quiz'];

/** Operations that make no request, tested in behaviour.roomsAndTokens.test.ts. */
const NOT_IN_TABLE = new Set(['roomToken.createSigned']);

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	resetRateLimits();
});
afterAll(() => nock.enableNetConnect());

describe('Digital Samba rooms, settings, tokens, chat, Q&A, polls and quizzes: request shape of every operation', () => {
	it('covers every operation of its resources', () => {
		const offered = digitalSambaResources
			.filter((r) => MINE.includes(r.value))
			.flatMap((r) => r.operations.map((op) => `${r.value}.${op.operation}`));
		expect(new Set(offered.map((name) => name.split('.')[0]))).toEqual(new Set(MINE));
		const tested = new Set([...cases.map((c) => `${c.resource}.${c.operation}`), ...NOT_IN_TABLE]);
		expect(offered.filter((name) => !tested.has(name))).toEqual([]);
		expect([...tested].filter((name) => !offered.includes(name))).toEqual([]);
	});

	it('covers every operation of the contract under these resources\' paths', () => {
		const names: Record<string, string> = { [ROOM]: '{room}', MyPublicRoom: '{room}', [SESSION]: '{session}', [Q]: '{question}', [A]: '{answer}', [POLL]: '{poll}', [QUIZ]: '{quiz}' };
		const template = (path: string) => path.split('/').map((s) => names[s] ?? s).join('/');
		const tested = new Set(cases.map((c) => `${c.method} ${template(c.path)}`));
		const ours = /^\/$|^\/rooms(\/\{room\})?$|^\/rooms\/\{room\}\/(chat|questions|polls|quizzes|token|resources)(\/|$)|^\/sessions\/\{session\}\/(chat|questions|polls|quizzes)$/;
		const contract = loadSpec().operations.map((op) => op.key).filter((key) => ours.test(key.split(' ')[1]));
		expect(contract.filter((key) => !tested.has(key))).toEqual([]);
		expect([...tested].filter((key) => !contract.includes(key))).toEqual([]);
		expect(contract).toHaveLength(tested.size);
	});

	it.each(cases.map((c) => [`${c.resource} ${c.operation}`, c] as const))('%s', async (_name, c) => {
		let seenBody: unknown;
		let seenAuth: string | undefined;
		const scope = nock(DS_URL)
			.intercept(`/api/v1${c.path === '/' ? '/' : c.path}`, c.method, (body) => {
				seenBody = body;
				return true;
			})
			.query((c.query ?? {}) as Record<string, string>)
			.reply(function (this: { req: { headers: Record<string, string> } }) {
				seenAuth = this.req.headers.authorization;
				return [c.status ?? 200, c.reply ?? {}, c.replyHeaders];
			});
		const { output } = await runDigitalSamba({ resource: c.resource, operation: c.operation, ...c.params }, { items: c.items });
		expect(scope.isDone()).toBe(true);
		expect(seenAuth).toBe(`Bearer ${DS_KEY}`);
		if (c.body !== undefined) expect(seenBody).toEqual(c.body);
		else if (!c.items) expect(seenBody === undefined || seenBody === '').toBe(true);
		c.expectOutput(output);
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});
});

describe('Digital Samba: authentication', () => {
	it('uses HTTP Basic team-id:developer-key when the credential has a team ID', async () => {
		let seenAuth: string | undefined;
		nock(DS_URL)
			.get(`/api/v1/rooms/${ROOM}`)
			.reply(function (this: { req: { headers: Record<string, string> } }) {
				seenAuth = this.req.headers.authorization;
				return [200, room];
			});
		await runDigitalSamba({ resource: 'room', operation: 'get', roomId: ROOM }, { teamId: DS_TEAM });
		expect(seenAuth).toBe(`Basic ${Buffer.from(`${DS_TEAM}:${DS_KEY}`).toString('base64')}`);
	});
});
