import { listen, type SimRequest, type SimResponse, type SimServer } from './http';

/**
 * A scripted OpenAI-compatible chat model: `POST /v1/chat/completions`, as n8n's OpenAI Chat Model sub-node calls it
 * through LangChain's ChatOpenAI (with Use Responses API off, the sub-node's only mode before version 1.3; n8n
 * calls no other endpoint while a workflow runs). It answers what a script says, never thinks, and records every
 * request, so that a test can read the `tools` n8n offered and the tool results it sent back.
 *
 * A conversation is found by its user message; its turn is the number of assistant messages n8n sends back with
 * it (0 on the first call; 1 after one tool call, whose result follows as a `tool` message). With `stream: true` the
 * same answer is sent as server-sent events.
 */
export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export interface ChatTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: { type: string; properties?: Record<string, { type?: string; description?: string }>; required?: string[] } };
}

export interface ChatCompletionRequest {
	model: string;
	messages: ChatMessage[];
	tools?: ChatTool[];
	stream?: boolean;
	[key: string]: unknown;
}

/** What the model answers: a call of the offered tool whose name matches `tool`, or a final message. */
export type ChatReply = { tool: RegExp; arguments: Record<string, unknown> } | { content: string };

export interface Conversation {
	/** The conversation's user message: the text itself, or a pattern it matches. */
	prompt: string | RegExp;
	/** One reply a turn; a function sees the request (to quote a tool result, say). */
	turns: Array<ChatReply | ((request: ChatCompletionRequest) => ChatReply)>;
}

export interface ChatModelSimulator extends SimServer {
	/** The base URL an `openAiApi` credential takes: `http://127.0.0.1:<port>/v1`. */
	url: string;
	/** Every chat completion request n8n sent, in order, with the reply it got. */
	calls: Array<{ request: ChatCompletionRequest; authorization?: string; reply: ChatReply | { error: string } }>;
	/** The calls of one conversation. */
	callsOf(prompt: Conversation['prompt']): ChatModelSimulator['calls'];
}

/** The text of a message, whether n8n sent a string or content parts. */
export function text(message: ChatMessage | undefined): string {
	const content = message?.content;
	if (typeof content === 'string') return content;
	return (content ?? []).map((part) => part.text ?? '').join('');
}

/** The tool messages (tool results) of a request, oldest first. */
export const toolResults = (request: ChatCompletionRequest) => request.messages.filter((m) => m.role === 'tool');

const userPrompt = (request: ChatCompletionRequest) => text(request.messages.find((m) => m.role === 'user'));
const matches = (prompt: Conversation['prompt'], request: ChatCompletionRequest) => {
	const said = userPrompt(request);
	return typeof prompt === 'string' ? said === prompt : prompt.test(said);
};

const error = (status: number, message: string, type = 'invalid_request_error'): SimResponse => ({ status, body: { error: { message, type, param: null, code: null } } });

let ids = 0;

/** The completion object of a reply, as OpenAI's API answers (non-streaming). */
function completion(request: ChatCompletionRequest, message: ChatMessage, finish: string) {
	return {
		id: `chatcmpl-sim-${++ids}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: request.model,
		choices: [{ index: 0, message: { ...message, refusal: null }, logprobs: null, finish_reason: finish }],
		usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
	};
}

/** The same answer as server-sent chunks: the role, the content or tool call, the finish reason, usage, [DONE]. */
function stream(request: ChatCompletionRequest, message: ChatMessage, finish: string): SimResponse {
	const base = { id: `chatcmpl-sim-${++ids}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: request.model };
	const chunk = (delta: object, finishReason: string | null = null) => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });
	const delta = message.tool_calls
		? { tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })) }
		: { content: message.content };
	const chunks: object[] = [chunk({ role: 'assistant', content: message.tool_calls ? null : '' }), chunk(delta), chunk({}, finish)];
	if ((request.stream_options as { include_usage?: boolean } | undefined)?.include_usage) chunks.push({ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } });
	const body = `${chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('')}data: [DONE]\n\n`;
	return { status: 200, body, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' } };
}

/** Starts the scripted model on a free loopback port; a request with another API key gets OpenAI's 401. */
export async function startChatModelSimulator(options: { apiKey: string; conversations: Conversation[]; port?: number }): Promise<ChatModelSimulator> {
	const calls: ChatModelSimulator['calls'] = [];
	const answer = (req: SimRequest): SimResponse => {
		if (req.method !== 'POST' || req.path !== '/v1/chat/completions') return error(404, `Unknown request URL: ${req.method} ${req.path}`);
		const request = req.body as ChatCompletionRequest;
		const authorization = req.headers.authorization;
		const record = (reply: ChatReply | { error: string }) => calls.push({ request, authorization, reply });
		if (authorization !== `Bearer ${options.apiKey}`) {
			record({ error: 'invalid api key' });
			return error(401, 'Incorrect API key provided.', 'invalid_api_key');
		}
		const prompt = userPrompt(request);
		const conversation = options.conversations.find((c) => matches(c.prompt, request));
		const turn = request.messages.filter((m) => m.role === 'assistant').length;
		const step = conversation?.turns[turn];
		if (!step) {
			record({ error: `no scripted turn ${turn} for "${prompt}"` });
			return error(400, `The scripted model has no turn ${turn} for the prompt "${prompt}"`);
		}
		const reply = typeof step === 'function' ? step(request) : step;
		let message: ChatMessage;
		if ('content' in reply) {
			message = { role: 'assistant', content: reply.content };
		} else {
			const tool = request.tools?.find((t) => reply.tool.test(t.function.name));
			if (!tool) {
				const offered = `The scripted model was offered no tool matching ${reply.tool}: ${(request.tools ?? []).map((t) => t.function.name).join(', ')}`;
				record({ error: offered });
				return error(400, offered);
			}
			const call = { id: `call_sim_${++ids}`, type: 'function' as const, function: { name: tool.function.name, arguments: JSON.stringify(reply.arguments) } };
			message = { role: 'assistant', content: null, tool_calls: [call] };
		}
		record(reply);
		const finish = message.tool_calls ? 'tool_calls' : 'stop';
		return request.stream ? stream(request, message, finish) : { status: 200, body: completion(request, message, finish) };
	};
	const server = await listen(async (req) => answer(req), options.port);
	return {
		...server,
		url: `${server.url}/v1`,
		calls,
		callsOf: (prompt) => calls.filter((c) => matches(prompt, c.request)),
	};
}
