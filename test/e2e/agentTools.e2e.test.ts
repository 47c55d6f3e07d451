import { startChatModelSimulator, text, toolResults, type ChatCompletionRequest, type ChatModelSimulator, type ChatReply, type Conversation } from '../simulators/chatModel';
import { startDailySimulator, type DailySimulator } from '../simulators/daily';
import { startDigitalSambaSimulator, type DigitalSambaSimulator } from '../simulators/digitalSamba';
import { startMiroTalkSimulator, type MiroTalkSimulator } from '../simulators/mirotalk';
import { createRuntime, n8nMajor, nodeOutput, nodeType, type CliResult, type N8nRuntime, type RunData } from './n8n';

/**
 * n8n's AI Agent calling this package's nodes as tools, in a real n8n, against a scripted chat model
 * (test/simulators/chatModel.ts) and the provider simulators. One workflow, one `n8n execute`: a chain of agents,
 * one conversation each, sharing one OpenAI Chat Model sub-node whose credential's Base URL is the scripted model.
 * It shows that the schema n8n builds from `$fromAI()` reaches the model, the model's arguments reach our node's
 * parameters and the provider, our node's output comes back to the model as the tool result, and what becomes of
 * our validation error (bad input from the model):
 * - with the tool's On Error set to Continue, both majors hand the model our item `{error, description}`;
 * - with the default On Error (Stop Workflow), n8n 2.x hands the model `[{"error": <our message>}]` and the agent
 *   goes on; n8n 1.x fails the whole run with our error, and the model never hears of it.
 *
 * The same workflow JSON runs on both majors: AI Agent 3 (tools run by the engine as nodes of their own; the
 * default on 1.123, 2.40 defaults to 3.1) and OpenAI Chat Model 1.2 (Chat Completions; 1.3 defaults to the
 * Responses API), with the `openAiApi` credential's `url`, and our Tool nodes at their current version 1.1.
 */
const KEYS = { daily: 'e2e_agent_daily_key_4e7a', ds: 'e2e_agent_ds_key_9c1d', sfu: 'e2e_agent_sfu_key_2b8f', openAi: 'sk-e2e-agent-openai-key-7f3e' };
const CREDENTIALS = {
	daily: { id: 'agentDailyCred01', name: 'Daily (agent)' },
	ds: { id: 'agentDsCred00001', name: 'Digital Samba (agent)' },
	sfu: { id: 'agentSfuCred0001', name: 'MiroTalk SFU (agent)' },
	openAi: { id: 'agentOpenAiCred1', name: 'Scripted model (agent)' },
};
const WORKFLOW_ID = 'AgentToolsE2e001';

/** The `$fromAI` keys of a tool: their type and the description the model is given. */
type Keys = Record<string, { type: 'string' | 'number' | 'boolean'; description: string }>;

/** A Tool node's type, credential and keys, its parameters set from those keys with `$fromAI()` where `ai(key)` is. */
function tool(type: string, credentials: object, keys: Keys, parameters: (ai: (key: string) => string) => object) {
	const ai = (key: string) => `={{ $fromAI('${key}', '${keys[key].description}', '${keys[key].type}') }}`;
	return { type, credentials, keys, parameters: parameters(ai) };
}

/** Our Tool nodes as the cases use them. */
const TOOLS = {
	createDailyRoom: tool('dailyTool', { dailyApi: CREDENTIALS.daily }, {
		roomName: { type: 'string', description: 'The name of the new room: letters, digits, - and _ only' },
		maxParticipants: { type: 'number', description: 'How many people may be in the room at once' },
	}, (ai) => ({ resource: 'room', operation: 'create', privacy: 'private', roomName: ai('roomName'), properties: { max_participants: ai('maxParticipants') } })),
	// A resource locator (By Name) set by the model.
	getDailyRoom: tool('dailyTool', { dailyApi: CREDENTIALS.daily }, {
		roomName: { type: 'string', description: 'The name of the room' },
	}, (ai) => ({ resource: 'room', operation: 'get', roomName: { __rl: true, mode: 'name', value: ai('roomName') } })),
	// The "book a meeting" action: External ID, title, start and people (JSON) from the model.
	bookDailyMeeting: tool('dailyTool', { dailyApi: CREDENTIALS.daily }, {
		externalId: { type: 'string', description: 'Your ID of the booking, e.g. the deal number' },
		title: { type: 'string', description: 'What the meeting is called' },
		start: { type: 'string', description: 'When it starts, ISO 8601' },
		people: { type: 'string', description: 'A JSON array of the people, each {name, email, role: host or guest}' },
	}, (ai) => ({
		resource: 'scheduledMeeting', operation: 'createOrGet', externalId: ai('externalId'), title: ai('title'), start: ai('start'),
		durationMinutes: 30, peopleInputMode: 'json', people: ai('people'),
	})),
	createDigitalSambaRoom: tool('digitalSambaTool', { digitalSambaApi: CREDENTIALS.ds }, {
		friendlyUrl: { type: 'string', description: 'The readable part of the room link, 3 to 32 characters' },
		topic: { type: 'string', description: 'What the room is for, 3 to 500 characters' },
	}, (ai) => ({ resource: 'room', operation: 'create', privacy: 'public', settings: { friendly_url: ai('friendlyUrl'), description: ai('topic') } })),
	createMiroTalkJoinLink: tool('miroTalkTool', { miroTalkApi: CREDENTIALS.sfu }, {
		room: { type: 'string', description: 'The room to join' },
		participantName: { type: 'string', description: 'The name shown for the participant' },
		audioOn: { type: 'boolean', description: 'Whether the microphone is on when joining' },
		duration: { type: 'string', description: 'How long the meeting may last, as HH:MM:SS' },
	}, (ai) => ({
		product: 'sfu', resource: 'joinLink', operation: 'create', room: ai('room'),
		options: { name: ai('participantName'), audio: ai('audioOn'), duration: ai('duration') },
	})),
};
type ToolKey = keyof typeof TOOLS;

/** The node names n8n derives the tool names from (nodeNameToToolName: a run of other characters becomes one `_`). */
const NODE_NAMES: Record<ToolKey, string> = {
	createDailyRoom: 'Create Daily Room',
	getDailyRoom: 'Get Daily Room',
	bookDailyMeeting: 'Book Daily Meeting',
	createDigitalSambaRoom: 'Create Digital Samba Room',
	createMiroTalkJoinLink: 'Create MiroTalk Join Link',
};
const CONTINUE = ' Continuing On Error';
const toolName = (nodeName: string) => nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');

const call = (tool: string, args: Record<string, unknown>): ChatReply => ({ tool: new RegExp(`^${toolName(tool)}$`), arguments: args });
/** The last tool result of a request, as n8n sent it. */
const lastResult = (request: ChatCompletionRequest) => text(toolResults(request).at(-1));
/** The scripted final answer: the tool result, quoted. */
const quote = (request: ChatCompletionRequest): ChatReply => ({ content: `The tool answered: ${lastResult(request)}` });

interface Case {
	agent: string;
	prompt: string;
	/** The tool nodes connected to this case's agent. */
	tools: string[];
	turns: Conversation['turns'];
}

const BOOKING = { externalId: 'deal-42', title: 'Demo with Ana', start: '2030-05-01T10:00:00Z', people: '[{"name": "Ana", "email": "ana@example.com", "role": "guest"}]' };

const BAD = {
	daily: { roomName: 'team sync', maxParticipants: 5 },
	// Two bad fields at once: too long a friendly URL and too short a topic.
	ds: { friendlyUrl: 'a-friendly-url-much-longer-than-32-characters', topic: 'ab' },
	miroTalk: { room: 'retro', participantName: 'Bo', audioOn: false, duration: 'half an hour' },
};

const CASES: Record<string, Case> = {
	daily: {
		agent: 'Daily Agent', prompt: 'Create a Daily room called agent-room for 5 people, then look it up.',
		tools: [NODE_NAMES.createDailyRoom, NODE_NAMES.getDailyRoom],
		turns: [call(NODE_NAMES.createDailyRoom, { roomName: 'agent-room', maxParticipants: 5 }), call(NODE_NAMES.getDailyRoom, { roomName: 'agent-room' }), quote],
	},
	// The model books the same meeting twice (as an agent retrying would): one room, a link each time.
	dailyBook: {
		agent: 'Daily Booking Agent', prompt: 'Book a demo with Ana for deal 42 on 1 May 2030 at 10:00 UTC.',
		tools: [NODE_NAMES.bookDailyMeeting],
		turns: [call(NODE_NAMES.bookDailyMeeting, BOOKING), call(NODE_NAMES.bookDailyMeeting, BOOKING), quote],
	},
	ds: {
		agent: 'Digital Samba Agent', prompt: 'Create a Digital Samba room agent-class for the weekly class.',
		tools: [NODE_NAMES.createDigitalSambaRoom],
		turns: [call(NODE_NAMES.createDigitalSambaRoom, { friendlyUrl: 'agent-class', topic: 'The weekly class' }), quote],
	},
	miroTalk: {
		agent: 'MiroTalk Agent', prompt: 'Give Ann a MiroTalk link to the standup room, microphone on, for 30 minutes.',
		tools: [NODE_NAMES.createMiroTalkJoinLink],
		turns: [call(NODE_NAMES.createMiroTalkJoinLink, { room: 'standup', participantName: 'Ann', audioOn: true, duration: '00:30:00' }), quote],
	},
	// Bad input, the tools' On Error set to Continue (Regular Output).
	dailyContinue: {
		agent: 'Daily Agent, Bad Input, Continue', prompt: 'Create a Daily room called team sync (the tool continues on error).',
		tools: [NODE_NAMES.createDailyRoom + CONTINUE],
		turns: [call(NODE_NAMES.createDailyRoom + CONTINUE, BAD.daily), quote],
	},
	dsContinue: {
		agent: 'Digital Samba Agent, Bad Input, Continue', prompt: 'Create a Digital Samba room with a long link (the tool continues on error).',
		tools: [NODE_NAMES.createDigitalSambaRoom + CONTINUE],
		turns: [call(NODE_NAMES.createDigitalSambaRoom + CONTINUE, BAD.ds), quote],
	},
	miroTalkContinue: {
		agent: 'MiroTalk Agent, Bad Input, Continue', prompt: 'Give Bo a MiroTalk link for half an hour (the tool continues on error).',
		tools: [NODE_NAMES.createMiroTalkJoinLink + CONTINUE],
		turns: [call(NODE_NAMES.createMiroTalkJoinLink + CONTINUE, BAD.miroTalk), quote],
	},
	// Bad input, the tools' On Error left at its default; last, since n8n 1.x ends the run at the first.
	dailyDefault: {
		agent: 'Daily Agent, Bad Input', prompt: 'Create a Daily room called team sync.',
		tools: [NODE_NAMES.createDailyRoom],
		turns: [call(NODE_NAMES.createDailyRoom, BAD.daily), quote],
	},
	dsDefault: {
		agent: 'Digital Samba Agent, Bad Input', prompt: 'Create a Digital Samba room with a long link.',
		tools: [NODE_NAMES.createDigitalSambaRoom],
		turns: [call(NODE_NAMES.createDigitalSambaRoom, BAD.ds), quote],
	},
	miroTalkDefault: {
		agent: 'MiroTalk Agent, Bad Input', prompt: 'Give Bo a MiroTalk link for half an hour.',
		tools: [NODE_NAMES.createMiroTalkJoinLink],
		turns: [call(NODE_NAMES.createMiroTalkJoinLink, BAD.miroTalk), quote],
	},
};

/** What our nodes say of each bad input: the field or fields, and what each allows. */
const ISSUES = {
	daily: ["Room Name (roomName): may contain only letters, digits, '_' and '-', at most 128 characters"],
	ds: ['Settings → Description (settings.description): must be at least 3 characters', 'Settings → Friendly URL (settings.friendly_url): must be at most 32 characters'],
	miroTalk: ['Options → Duration (options.duration): must be unlimited or HH:MM:SS with two-digit hours (00:30:00 to 99:59:59)'],
};
/** Our error's message (every field, `; ` between) and description (a line a field). */
const ourError = (lines: string[]) => ({ error: `Invalid parameter ${lines.join('; ')}`, description: lines.join('\n') });
const ERRORS = { daily: ourError(ISSUES.daily), ds: ourError(ISSUES.ds), miroTalk: ourError(ISSUES.miroTalk) };

/** Start → one agent a case, in order; the Scripted Model and the tools hang below them. */
function agentWorkflow() {
	const cases = Object.values(CASES);
	const agents = cases.map(({ agent, prompt }, i) => ({
		id: `agent-${i}`, name: agent, type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 3, position: [200 * (i + 1), 0],
		parameters: { promptType: 'define', text: prompt, options: {} },
	}));
	const tools = (Object.keys(TOOLS) as ToolKey[]).flatMap((key, i) =>
		[false, true].map((continues) => ({
			id: `tool-${key}${continues ? '-continue' : ''}`, name: NODE_NAMES[key] + (continues ? CONTINUE : ''),
			type: nodeType(TOOLS[key].type), typeVersion: 1.1, position: [200 * i, continues ? 400 : 200],
			parameters: TOOLS[key].parameters, credentials: TOOLS[key].credentials,
			...(continues ? { onError: 'continueRegularOutput' } : {}),
		})),
	);
	const model = {
		id: 'scripted-model', name: 'Scripted Model', type: '@n8n/n8n-nodes-langchain.lmChatOpenAi', typeVersion: 1.2, position: [0, 200],
		parameters: { model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' }, options: {} },
		credentials: { openAiApi: CREDENTIALS.openAi },
	};
	const to = (node: string, type: string) => ({ node, type, index: 0 });
	const connections: Record<string, Record<string, unknown[]>> = {
		Start: { main: [[to(cases[0].agent, 'main')]] },
		[model.name]: { ai_languageModel: [cases.map((c) => to(c.agent, 'ai_languageModel'))] },
	};
	cases.forEach((c, i) => {
		if (i + 1 < cases.length) connections[c.agent] = { main: [[to(cases[i + 1].agent, 'main')]] };
		for (const tool of c.tools) {
			connections[tool] ??= { ai_tool: [[]] };
			(connections[tool].ai_tool[0] as unknown[]).push(to(c.agent, 'ai_tool'));
		}
	});
	return {
		id: WORKFLOW_ID, name: 'Agent tools e2e', active: false, settings: { executionOrder: 'v1' }, connections,
		nodes: [{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }, ...agents, model, ...tools],
	};
}

let n8n: N8nRuntime;
let daily: DailySimulator;
let ds: DigitalSambaSimulator;
let sfu: MiroTalkSimulator;
let model: ChatModelSimulator;
let major: number;
let result: CliResult;
let run: RunData | undefined;
/** The simulators' requests before the run (none expected), to count what the run sent. */
let before: { daily: number; ds: number; sfu: number };

beforeAll(async () => {
	daily = await startDailySimulator({ apiKey: KEYS.daily });
	ds = await startDigitalSambaSimulator({ developerKey: KEYS.ds, teamId: '' });
	sfu = await startMiroTalkSimulator({ product: 'sfu', apiKey: KEYS.sfu });
	model = await startChatModelSimulator({ apiKey: KEYS.openAi, conversations: Object.values(CASES).map((c) => ({ prompt: c.prompt, turns: c.turns })) });
	n8n = createRuntime();
	major = n8nMajor(n8n.bin);
	await n8n.importCredentials([
		{ ...CREDENTIALS.daily, type: 'dailyApi', data: { apiKey: KEYS.daily, baseUrl: daily.url } },
		{ ...CREDENTIALS.ds, type: 'digitalSambaApi', data: { developerKey: KEYS.ds, teamId: '', baseUrl: ds.url } },
		{ ...CREDENTIALS.sfu, type: 'miroTalkApi', data: { serverUrl: sfu.url, apiKey: KEYS.sfu, product: 'sfu' } },
		{ ...CREDENTIALS.openAi, type: 'openAiApi', data: { apiKey: KEYS.openAi, url: model.url } },
	]);
	await n8n.importWorkflow(agentWorkflow());
	before = { daily: daily.requests.length, ds: ds.requests.length, sfu: sfu.requests.length };
	({ result, run } = await n8n.execute(WORKFLOW_ID));
}, 25 * 60_000);

afterAll(async () => {
	await Promise.all([daily?.close(), ds?.close(), sfu?.close(), model?.close()]);
	n8n?.cleanup();
});

/** What the model's booking sent Daily: the domain ID read, the room made, found again, and set again. */
const bookingRequests = () => daily.requests.filter((r) => r.path === '/v1/' || `${r.path} ${JSON.stringify(r.body ?? '')}`.includes('mtg-deal-42-'));

/** The model calls of one case, in order. */
const callsOf = (c: Case) => model.callsOf(c.prompt);
/** The tool n8n offered the model in a case's first call. */
const offered = (c: Case, nodeName: string) => callsOf(c)[0]?.request.tools?.find((t) => t.function.name === toolName(nodeName));
const agentAnswer = (c: Case) => nodeOutput(run, c.agent)[0]?.output as string | undefined;

it('offers the model each tool under its node name, with a JSON schema of exactly its $fromAI keys', () => {
	for (const key of Object.keys(TOOLS) as ToolKey[]) {
		const c = Object.values(CASES).find((x) => x.tools.includes(NODE_NAMES[key]))!;
		const tool = offered(c, NODE_NAMES[key]);
		expect(tool).toBeDefined();
		const { properties, required } = tool!.function.parameters!;
		expect(properties).toEqual(TOOLS[key].keys);
		expect(required?.sort()).toEqual(Object.keys(TOOLS[key].keys).sort());
	}
	// n8n's automatic description: the operation's action and the node's name.
	expect(offered(CASES.daily, NODE_NAMES.createDailyRoom)!.function.description).toBe('Create a room in Daily');
	expect(offered(CASES.daily, NODE_NAMES.getDailyRoom)!.function.description).toBe('Get a room in Daily');
	// The booking action tells the model it may book again with the same External ID.
	expect(offered(CASES.dailyBook, NODE_NAMES.bookDailyMeeting)!.function.description).toBe('Create or get a scheduled meeting by external ID without duplicates in Daily');
	expect(offered(CASES.ds, NODE_NAMES.createDigitalSambaRoom)!.function.description).toBe('Create a room in Digital Samba');
	expect(offered(CASES.miroTalk, NODE_NAMES.createMiroTalkJoinLink)!.function.description).toBe('Create a join link in MiroTalk');
	// Every call carried the credential's key, none asked for a stream (the CLI run is no streaming response).
	expect(model.calls.every((c) => c.authorization === `Bearer ${KEYS.openAi}` && !c.request.stream)).toBe(true);
});

it('Daily: the model creates a room and looks it up; the arguments reach Daily, the rooms come back as tool results', () => {
	const creates = daily.requests.filter((r) => r.method === 'POST' && r.path === '/v1/rooms' && !bookingRequests().includes(r));
	expect(creates.map((r) => r.body)).toEqual([{ name: 'agent-room', privacy: 'private', properties: { max_participants: 5 } }]);
	expect(daily.requests.filter((r) => r.method === 'GET' && r.path === '/v1/rooms/agent-room')).toHaveLength(1);
	expect(daily.rooms.map((r) => r.name)).toContain('agent-room');

	const calls = callsOf(CASES.daily);
	expect(calls).toHaveLength(3);
	const [created] = JSON.parse(lastResult(calls[1].request));
	expect(created).toMatchObject({ name: 'agent-room', url: 'https://sim.daily.co/agent-room', config: { max_participants: 5 } });
	const [lookedUp] = JSON.parse(lastResult(calls[2].request));
	expect(lookedUp).toMatchObject({ id: created.id, name: 'agent-room' });
	expect(toolResults(calls[2].request)).toHaveLength(2);
	expect(agentAnswer(CASES.daily)).toBe(`The tool answered: ${lastResult(calls[2].request)}`);
});

it('Daily: the model books a meeting twice with one External ID; one room, and each time a link for Ana comes back', () => {
	const rooms = daily.rooms.filter((r) => r.name.startsWith('mtg-deal-42-'));
	expect(rooms).toHaveLength(1);
	const calls = callsOf(CASES.dailyBook);
	expect(calls).toHaveLength(3);
	const [first] = JSON.parse(lastResult(calls[1].request));
	const [second] = JSON.parse(lastResult(calls[2].request));
	for (const booked of [first, second]) {
		expect(booked).toMatchObject({ externalId: 'deal-42', title: 'Demo with Ana', start: '2030-05-01T10:00:00.000Z', end: '2030-05-01T10:30:00.000Z', room: { name: rooms[0].name } });
		expect(booked.people).toMatchObject([{ name: 'Ana', email: 'ana@example.com', role: 'guest', link: expect.stringMatching(new RegExp(`^${rooms[0].url}\\?t=`)) }]);
	}
	expect([first.room.created, second.room.created]).toEqual([true, false]);
	expect(bookingRequests().filter((r) => r.method === 'POST' && r.path === '/v1/rooms')).toHaveLength(2);
});

it('Digital Samba: the model creates a room; its friendly URL and topic reach Digital Samba, the room comes back', () => {
	const creates = ds.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/rooms');
	expect(creates.map((r) => r.body)).toEqual([{ privacy: 'public', friendly_url: 'agent-class', description: 'The weekly class' }]);
	const calls = callsOf(CASES.ds);
	expect(calls).toHaveLength(2);
	const [room] = JSON.parse(lastResult(calls[1].request));
	expect(room).toMatchObject({ friendly_url: 'agent-class', description: 'The weekly class', privacy: 'public', room_url: expect.stringContaining('agent-class') });
	expect(agentAnswer(CASES.ds)).toBe(`The tool answered: ${lastResult(calls[1].request)}`);
});

it('MiroTalk: the model asks for a join link; room, name, microphone and duration reach MiroTalk, the link comes back', () => {
	const joins = sfu.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/join');
	expect(joins.map((r) => r.body)).toEqual([{ room: 'standup', name: 'Ann', audio: true, duration: '00:30:00' }]);
	const calls = callsOf(CASES.miroTalk);
	expect(calls).toHaveLength(2);
	const [link] = JSON.parse(lastResult(calls[1].request));
	expect(link.room).toBe('standup');
	expect(Object.fromEntries(new URL(link.join).searchParams)).toMatchObject({ room: 'standup', name: 'Ann', audio: 'true', duration: '00:30:00' });
	expect(agentAnswer(CASES.miroTalk)).toBe(`The tool answered: ${lastResult(calls[1].request)}`);
});

it('bad input from the model sends nothing to any provider', () => {
	// Only the good calls above reached the simulators.
	expect(daily.requests.length - before.daily).toBe(2 + bookingRequests().length);
	expect(ds.requests.length - before.ds).toBe(1);
	expect(sfu.requests.length - before.sfu).toBe(1);
});

it('bad input, tool On Error = Continue: on both majors the model reads our error and its description, naming the field', () => {
	const results = Object.fromEntries(
		(['dailyContinue', 'dsContinue', 'miroTalkContinue'] as const).map((name) => {
			const calls = callsOf(CASES[name]);
			expect(calls).toHaveLength(2);
			expect(agentAnswer(CASES[name])).toBe(`The tool answered: ${lastResult(calls[1].request)}`);
			return [name, JSON.parse(lastResult(calls[1].request)) as Array<{ error: string; description?: string }>];
		}),
	);
	expect(results).toEqual({ dailyContinue: [ERRORS.daily], dsContinue: [ERRORS.ds], miroTalkContinue: [ERRORS.miroTalk] });
});

it('bad input, tool On Error left at its default: n8n 2.x hands the model our error message; n8n 1.x fails the run with it', () => {
	const defaults = [CASES.dailyDefault, CASES.dsDefault, CASES.miroTalkDefault];
	if (major >= 2) {
		expect(result.code).toBe(0);
		const received = defaults.map((c) => {
			const calls = callsOf(c);
			expect(calls).toHaveLength(2);
			expect(agentAnswer(c)).toBe(`The tool answered: ${lastResult(calls[1].request)}`);
			return JSON.parse(lastResult(calls[1].request));
		});
		// The message only: n8n 2.x leaves the error's description out (which is why the message names every field).
		expect(received).toEqual([[{ error: ERRORS.daily.error }], [{ error: ERRORS.ds.error }], [{ error: ERRORS.miroTalk.error }]]);
	} else {
		// The tool node's error is the run's: the model is never called back, the agents after it never run.
		expect(result.code).not.toBe(0);
		expect(run?.data.resultData.error?.message).toBe(ERRORS.daily.error);
		expect((run?.data.resultData as { lastNodeExecuted?: string }).lastNodeExecuted).toBe(NODE_NAMES.createDailyRoom);
		expect(`${result.stdout}${result.stderr}`).toContain(ERRORS.daily.error);
		expect(callsOf(CASES.dailyDefault)).toHaveLength(1);
		expect(run?.data.resultData.runData[CASES.dailyDefault.agent]).toBeUndefined();
		for (const c of [CASES.dsDefault, CASES.miroTalkDefault]) {
			expect(callsOf(c)).toHaveLength(0);
			expect(run?.data.resultData.runData[c.agent]).toBeUndefined();
		}
	}
});

it('no API key appears in the run data', () => {
	expect(JSON.stringify(run)).not.toMatch(new RegExp(Object.values(KEYS).join('|')));
});
