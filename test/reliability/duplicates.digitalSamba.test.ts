import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';
import { DigitalSamba } from '../../nodes/DigitalSamba/DigitalSamba.node';
import { runDigitalSamba } from '../helpers/digitalSamba';
import { describeDuplicates, type DuplicateCase } from '../helpers/duplicates';
import { type DigitalSambaSimulator, startDigitalSambaSimulator } from '../simulators/digitalSamba';

/**
 * The duplicates scenario (test/helpers/duplicates.ts) for every Digital Samba operation that creates, starts or
 * sends something: each runs a batch of items, each with a call of its own (its own room, library or question, or
 * a text of its own), against the simulator with FAULTS switched on after setup; no call may be done twice.
 * Operations of several calls (room create with a friendly URL, library upload, CSV imports) count every call.
 */

const DEVELOPER_KEY = 'dup-ds';
const TEAM_ID = '12345678-1234-4234-8234-123456789012';

type Case = DuplicateCase<DigitalSambaSimulator>;

/** What setup made for one item. */
interface Made {
	room?: string;
	library?: string;
	question?: string;
}

const asMade = (value: unknown) => value as Made;
const range = (items: number) => Array.from({ length: items }, (_, i) => i);

/* Seeders, before the faults are switched on: the simulator's own seedRoom and startSession, and its API routes. */

const seedRoom = (sim: DigitalSambaSimulator, i: number) => sim.seedRoom({ privacy: 'public', friendly_url: `dup-room-${i}` }).id;

/** A call to the simulator's API, as the node would make it (a POST with `body`, else a GET); the answer's JSON. */
async function api(sim: DigitalSambaSimulator, path: string, body?: object): Promise<any> {
	const response = await fetch(`${sim.url}${path}`, {
		method: body ? 'POST' : 'GET', headers: { authorization: `Bearer ${DEVELOPER_KEY}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`setup: ${path} answered ${response.status} ${await response.text()}`);
	return await response.json();
}

const seedLibrary = async (sim: DigitalSambaSimulator, name: string): Promise<string> => (await api(sim, '/libraries', { name })).id;

/** A question asked in a room by a participant known by name and external ID, then dismissed or answered live. */
async function seedQuestion(sim: DigitalSambaSimulator, room: string, i: number, options: { dismissed?: boolean; liveAnswer?: boolean }): Promise<string> {
	const asker = { name: `Asker ${i}`, external_id: `asker-${i}` };
	await api(sim, `/rooms/${room}/questions`, { question: `Question ${i}?`, participant: asker });
	// Digital Samba answers a new question with {}: its ID is read from the room's list, where it is the only one.
	const { data: [{ id }] } = await api(sim, `/rooms/${room}/questions`);
	if (options.dismissed) await api(sim, `/rooms/${room}/questions/${id}/dismiss`, { participant: asker });
	if (options.liveAnswer) await api(sim, `/rooms/${room}/questions/${id}/live-answers/start`, { participant: asker });
	return id;
}

/** One room per item. */
const roomPerItem = (sim: DigitalSambaSimulator, items: number): Made[] => range(items).map((i) => ({ room: seedRoom(sim, i) }));

/** One room per item, each with one question. */
const questionPerItem = (options: { dismissed?: boolean; liveAnswer?: boolean } = {}) => async (sim: DigitalSambaSimulator, items: number): Promise<Made[]> =>
	await Promise.all(range(items).map(async (i) => {
		const room = seedRoom(sim, i);
		return { room, question: await seedQuestion(sim, room, i, options) };
	}));

/** One library the items share (their bodies differ). */
const oneLibrary = async (sim: DigitalSambaSimulator, items: number): Promise<Made[]> => {
	const library = await seedLibrary(sim, 'dup-library');
	return range(items).map(() => ({ library }));
};

/** A moderator acting on behalf of the items' questions. */
const moderator = (i: number) => ({ participantName: `Moderator ${i}`, participantExternalId: `mod-${i}` });

const questionAction = (operation: string) => (i: number, m: unknown) => ({
	resource: 'question', operation, roomId: asMade(m).room, questionId: asMade(m).question, ...moderator(i),
});

/** What each item's room holds: at most one, and one where the item succeeded. */
function onePerItem(output: INodeExecutionData[], m: unknown[], held: (room: string) => unknown[]): void {
	for (const [i, item] of output.entries()) {
		const found = held(asMade(m[i]).room!);
		expect(found.length).toBeLessThanOrEqual(1);
		if (!item.json.error) expect(found).toHaveLength(1);
	}
}

const csv = (fileName: string, text: string): IBinaryData => ({ data: Buffer.from(text).toString('base64'), fileName, mimeType: 'text/csv' });

const cases: Case[] = [
	// chat
	{
		op: 'chat.send', setup: roomPerItem,
		params: (i, m) => ({ resource: 'chat', operation: 'send', roomId: asMade(m).room, message: `message ${i}` }),
	},

	// library
	{
		op: 'library.create',
		params: (i) => ({ resource: 'library', operation: 'create', additionalFields: { name: `library ${i}` } }),
	},
	{
		op: 'library.createFolder', setup: oneLibrary,
		params: (i, m) => ({ resource: 'library', operation: 'createFolder', libraryId: asMade(m).library, additionalFields: { name: `folder ${i}` } }),
	},
	{
		// Two calls: the file entry (sent once) and the upload of the bytes to the storage URL it hands out.
		op: 'library.uploadFile', setup: oneLibrary,
		file: (i) => ({ data: Buffer.from(`%PDF-1.4 deck number ${i}`).toString('base64'), fileName: `deck-${i}.pdf`, mimeType: 'application/pdf' }),
		params: (_i, m) => ({ resource: 'library', operation: 'uploadFile', libraryId: asMade(m).library, binaryPropertyName: 'data' }),
		after: (sim, output) => {
			// One file entry at most per item; an item that succeeded has its bytes there.
			for (const [i, item] of output.entries()) {
				const files = sim.state.files.filter((f) => f.name === `deck-${i}.pdf`);
				expect(files.length).toBeLessThanOrEqual(1);
				if (!item.json.error) expect(files.map((f) => [f.status, f.content?.toString()])).toEqual([['completed', `%PDF-1.4 deck number ${i}`]]);
			}
		},
	},
	{
		op: 'library.createWebapp', setup: oneLibrary,
		params: (i, m) => ({ resource: 'library', operation: 'createWebapp', libraryId: asMade(m).library, url: `https://example.com/app-${i}`, additionalFields: { name: `app ${i}` } }),
	},
	{
		// The body names nothing of the item (Digital Samba names whiteboards itself): one library per item.
		op: 'library.createWhiteboard',
		setup: async (sim, items) => await Promise.all(range(items).map(async (i) => ({ library: await seedLibrary(sim, `dup-library-${i}`) }))),
		params: (_i, m) => ({ resource: 'library', operation: 'createWhiteboard', libraryId: asMade(m).library }),
	},

	// phone
	{
		op: 'phone.connect', setup: roomPerItem,
		params: (_i, m) => ({ resource: 'phone', operation: 'connect', roomId: asMade(m).room }),
	},
	{
		op: 'phone.participantsJoined', setup: roomPerItem,
		params: (i, m) => ({ resource: 'phone', operation: 'participantsJoined', roomId: asMade(m).room, calls: JSON.stringify([{ call_id: `call-${i}`, name: `Caller ${i}`, muted: true }]) }),
	},

	// polls
	{
		op: 'poll.create', setup: roomPerItem,
		params: (i, m) => ({ resource: 'poll', operation: 'create', roomId: asMade(m).room, question: `Where shall we go, ${i}?`, type: 'single', pollOptions: 'Rome\nParis' }),
	},
	{
		// A multipart body: the simulator keys it by its path, hence one room per item.
		op: 'poll.import', setup: roomPerItem,
		file: (i) => csv(`polls-${i}.csv`, `question,type,anonymous,option1,option2\nWhere shall we meet on day ${i}?,single,0,Rome,Paris\n`),
		params: (_i, m) => ({ resource: 'poll', operation: 'import', roomId: asMade(m).room, binaryPropertyName: 'data' }),
		after: (sim, output, m) => onePerItem(output, m, (room) => sim.state.polls.filter((p) => p.room_id === room)),
	},

	// Q&A
	{
		op: 'question.create', setup: roomPerItem,
		params: (i, m) => ({ resource: 'question', operation: 'create', roomId: asMade(m).room, question: `Why ${i}?`, participantName: 'Ann', participantExternalId: `ext-${i}` }),
	},
	{
		op: 'question.createAnswer', setup: questionPerItem(),
		params: (i, m) => ({ resource: 'question', operation: 'createAnswer', roomId: asMade(m).room, questionId: asMade(m).question, answer: `Because ${i}.`, ...moderator(i) }),
	},
	{ op: 'question.dismiss', setup: questionPerItem(), params: questionAction('dismiss') },
	{ op: 'question.reopen', setup: questionPerItem({ dismissed: true }), params: questionAction('reopen') },
	{ op: 'question.vote', setup: questionPerItem(), params: questionAction('vote') },
	{ op: 'question.startLiveAnswer', setup: questionPerItem(), params: questionAction('startLiveAnswer') },
	{ op: 'question.stopLiveAnswer', setup: questionPerItem({ liveAnswer: true }), params: questionAction('stopLiveAnswer') },
	{ op: 'question.cancelLiveAnswer', setup: questionPerItem({ liveAnswer: true }), params: questionAction('cancelLiveAnswer') },

	// quizzes
	{
		op: 'quiz.create', setup: roomPerItem,
		params: (i, m) => ({
			resource: 'quiz', operation: 'create', roomId: asMade(m).room, title: `Capitals ${i}`,
			questions: JSON.stringify([{ text: `Capital of Italy, ${i}?`, multiple: false, choices: [{ text: 'Rome', correct: true }, { text: 'Milan' }] }]),
			additionalFields: { time_limit_minutes: 10 },
		}),
	},
	{
		op: 'quiz.import', setup: roomPerItem,
		file: (i) => csv(`quizzes-${i}.csv`, [
			'quiz_title,timing_mode,time_limit_seconds,passing_score,question,correct,type,option1,option2,option3',
			`Capitals ${i},quiz,300,50,What is the capital of Italy?,Rome,single,Rome,Milan,Turin`,
			`Capitals ${i},quiz,300,50,Which cities are in Italy?,Rome|Milan,multiple,Rome,Milan,Paris`,
		].join('\n')),
		params: (_i, m) => ({ resource: 'quiz', operation: 'import', roomId: asMade(m).room, binaryPropertyName: 'data' }),
		after: (sim, output, m) => onePerItem(output, m, (room) => sim.state.quizzes.filter((q) => q.room_id === room)),
	},

	// live features of a room with a live session
	{
		op: 'recording.start',
		setup: (sim, items) => roomPerItem(sim, items).map((m) => (sim.startSession(m.room!, { participants: 1 }), m)),
		params: (_i, m) => ({ resource: 'recording', operation: 'start', roomId: asMade(m).room }),
		after: (sim, output, m) => onePerItem(output, m, (room) => sim.state.recordings.filter((r) => r.room_id === room)),
	},
	{
		op: 'restreamer.start',
		setup: (sim, items) => roomPerItem(sim, items).map((m) => (sim.startSession(m.room!, { participants: 1 }), m)),
		params: (i, m) => ({ resource: 'restreamer', operation: 'start', roomId: asMade(m).room, target: 'youtube', streamKey: `stream-key-${i}` }),
	},
	{
		op: 'transcript.startTranscription',
		setup: (sim, items) => roomPerItem(sim, items).map((m) => (sim.startSession(m.room!, { participants: 1 }), m)),
		params: (_i, m) => ({ resource: 'transcript', operation: 'startTranscription', roomId: asMade(m).room }),
	},

	// team
	{
		op: 'role.create',
		params: (i) => ({ resource: 'role', operation: 'create', roleName: `dup_role_${i}`, roleDisplayName: `Duplicate role ${i}`, permissions: '{"general_chat": true, "raise_hand": true}' }),
	},
	{
		op: 'room.create', variant: 'without a friendly URL',
		params: (i) => ({ resource: 'room', operation: 'create', privacy: 'public', settings: { description: `room number ${i}` } }),
	},
	{
		// Recognisable: a create retried after a lost answer finds its own room, so every item ends with its one room.
		op: 'room.create', variant: 'with a friendly URL', allSucceed: true,
		params: (i) => ({ resource: 'room', operation: 'create', privacy: 'public', settings: { friendly_url: `dup-new-${i}`, description: `room number ${i}` } }),
		after: (sim, output) => {
			for (const [i, item] of output.entries()) {
				const rooms = sim.state.rooms.filter((r) => !r.deleted && r.friendly_url === `dup-new-${i}`);
				expect(rooms).toHaveLength(1);
				expect(item.json).toMatchObject({ id: rooms[0].id, friendly_url: `dup-new-${i}` });
			}
			expect(sim.state.rooms).toHaveLength(output.length);
		},
	},
	{
		op: 'webhook.create',
		params: (i) => ({ resource: 'webhook', operation: 'create', endpoint: `https://example.com/hook-${i}`, events: ['session_started'] }),
	},
];

describeDuplicates({
	provider: 'Digital Samba',
	node: new DigitalSamba(),
	cases,
	start: async () => await startDigitalSambaSimulator({ developerKey: DEVELOPER_KEY, teamId: TEAM_ID }),
	run: async (sim, parameters, items, retryPolicy) => (await runDigitalSamba(parameters, { developerKey: DEVELOPER_KEY, baseUrl: sim.url, continueOnFail: true, items, retryPolicy })).output,
});
