import { startChatModelSimulator, toolResults, text, type ChatModelSimulator } from '../../simulators/chatModel';

/**
 * The scripted chat model the agent e2e test uses (test/e2e/agentTools.e2e.test.ts), in OpenAI's Chat Completions
 * form: a tool call, then a final answer, as JSON and as server-sent events. (Checked once by hand against
 * LangChain's ChatOpenAI of n8n 1.123, with `streaming` off and on: both read the tool call and the answer.)
 */
const KEY = 'sk-unit-chat-model-key';
let sim: ChatModelSimulator;

const TOOLS = [{ type: 'function', function: { name: 'Create_Daily_Room', parameters: { type: 'object', properties: { roomName: { type: 'string' } } } } }];
const PROMPT = 'Create a room called standup.';
const CALL = { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'Create_Daily_Room', arguments: '{"roomName":"standup"}' } }] };

beforeAll(async () => {
	sim = await startChatModelSimulator({
		apiKey: KEY,
		conversations: [{ prompt: PROMPT, turns: [{ tool: /daily/i, arguments: { roomName: 'standup' } }, (r) => ({ content: `Made: ${text(toolResults(r)[0])}` })] }],
	});
});
afterAll(async () => await sim.close());

/** One chat completion request: the status, the content type and the body (parsed when it is JSON). */
async function post(body: object, key = KEY): Promise<{ status: number; type: string | null; body: any }> {
	const response = await fetch(`${sim.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
	const type = response.headers.get('content-type');
	const raw = await response.text();
	return { status: response.status, type, body: type === 'application/json' ? JSON.parse(raw) : raw };
}

/** The data lines of an event stream, parsed; `[DONE]` kept as text. */
const events = (body: string) => body.split('\n\n').filter(Boolean).map((e) => e.replace(/^data: /, '')).map((d) => (d === '[DONE]' ? d : JSON.parse(d)));

it('answers the first turn with a call of the offered tool the script names, and records the request', async () => {
	const { status, body } = await post({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: PROMPT }], tools: TOOLS });
	expect(status).toBe(200);
	expect(body.object).toBe('chat.completion');
	expect(body.choices[0].finish_reason).toBe('tool_calls');
	expect(body.choices[0].message.tool_calls).toEqual([{ id: expect.any(String), type: 'function', function: { name: 'Create_Daily_Room', arguments: '{"roomName":"standup"}' } }]);
	expect(sim.callsOf(PROMPT).at(-1)).toMatchObject({ authorization: `Bearer ${KEY}`, request: { tools: TOOLS } });
});

it('answers the turn after a tool result with the scripted message, which may quote the result', async () => {
	const messages = [{ role: 'user', content: PROMPT }, CALL, { role: 'tool', content: '{"url":"https://x/standup"}', tool_call_id: 'call_1' }];
	const { body } = await post({ model: 'gpt-4o-mini', messages, tools: TOOLS });
	expect(body.choices[0]).toMatchObject({ finish_reason: 'stop', message: { role: 'assistant', content: 'Made: {"url":"https://x/standup"}' } });
});

it('streams the same answers as server-sent chunks when asked to', async () => {
	const { type, body } = await post({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: PROMPT }], tools: TOOLS, stream: true, stream_options: { include_usage: true } });
	expect(type).toBe('text/event-stream');
	const chunks = events(body);
	expect(chunks.at(-1)).toBe('[DONE]');
	expect(chunks[0].choices[0].delta.role).toBe('assistant');
	expect(chunks[1].choices[0].delta.tool_calls[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'Create_Daily_Room', arguments: '{"roomName":"standup"}' } });
	expect(chunks[2].choices[0].finish_reason).toBe('tool_calls');
	expect(chunks[3].usage).toBeDefined();
});

it('refuses a wrong key with OpenAI\'s 401, and a turn the script lacks or a tool not offered with a 400', async () => {
	expect((await post({ model: 'm', messages: [{ role: 'user', content: PROMPT }] }, 'sk-wrong')).status).toBe(401);
	const unscripted = await post({ model: 'm', messages: [{ role: 'user', content: 'Something else.' }] });
	expect(unscripted.status).toBe(400);
	expect(unscripted.body.error.message).toContain('no turn 0');
	const noTool = await post({ model: 'm', messages: [{ role: 'user', content: PROMPT }], tools: [] });
	expect(noTool.body.error.message).toContain('offered no tool matching /daily/i');
});
