import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/**
 * Constant-time equality of two strings of any length: both are hashed first, so neither the
 * content nor the length of the expected value leaks through timing.
 */
export function safeEqual(actual: string, expected: string): boolean {
	const a = createHash('sha256').update(actual, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b);
}

export function hmacSha256(key: Buffer | string, data: Buffer | string): Buffer {
	return createHmac('sha256', key).update(data).digest();
}

/** A random secret for a webhook: `bytes` random bytes as base64 or hex. */
export function generateSecret(bytes = 32, encoding: 'base64' | 'hex' = 'base64'): string {
	return randomBytes(bytes).toString(encoding);
}

/** Whether a unix-seconds timestamp lies within `windowSeconds` of now (either side, for clock skew). */
export function withinWindow(timestampSeconds: number, windowSeconds: number, nowMs = Date.now()): boolean {
	if (!Number.isFinite(timestampSeconds)) return false;
	return Math.abs(nowMs / 1000 - timestampSeconds) <= windowSeconds;
}

/**
 * A unix time given in seconds or in milliseconds, as seconds. Sources disagree on the unit of one header (read as
 * seconds by some handlers, reported as 13-digit milliseconds by another), so it
 * is judged by magnitude: 1e11 seconds is the year 5138, 1e11 milliseconds is 1973. NaN for anything else.
 */
export function timestampSeconds(value: unknown): number {
	const text = typeof value === 'number' ? String(value) : value;
	if (typeof text !== 'string' || !/^\d+(\.\d+)?$/.test(text)) return NaN;
	const n = Number(text);
	return n >= 1e11 ? n / 1000 : n;
}

/** One trigger's memory: short hashes of the deliveries that started a run, with when, oldest first. */
interface Memory {
	seen: Map<string, number>;
	/** When a delivery last reached this trigger, and how long it remembers (the span it was last asked for). */
	lastAt: number;
	keepMs: number;
}

/** Per trigger (workflow and node), least recently reached first. */
const remembered = new Map<string, Memory>();

/**
 * True the first time a delivery is seen within `keepMs`; false for a duplicate, which the trigger answers 200
 * without a run (providers deliver twice by design; a 401 would count as a failed delivery there). A delivery is a
 * duplicate when any of its keys (its bytes, a provider's event id) matches one that started a run.
 *
 * Bounded by time, not by a count: a delivery is remembered for exactly `keepMs` (a busy domain's deliveries are
 * all remembered, however many), then dropped. Each call drops its own trigger's expired entries, oldest first,
 * and up to two whole triggers that nothing has reached for longer than they remember (a deactivated workflow):
 * every entry is dropped once, so a delivery costs a constant number of map operations on average, whatever the
 * memory holds.
 *
 * The memory is this process's alone and nothing is written to static data: ignored deliveries write nothing, and no
 * delivery can write over what activation stored. What that gives up: a duplicate that reaches another n8n process
 * (a second webhook processor in queue mode, or after a restart) runs again. Call it only for a delivery about to
 * start a run.
 */
export function firstDelivery(scope: string, keys: Array<string | Buffer>, keepMs: number, nowMs = Date.now()): boolean {
	const memory = remembered.get(scope) ?? { seen: new Map<string, number>(), lastAt: nowMs, keepMs };
	// Re-inserted: the map stays in order of the last delivery, least recent first.
	remembered.delete(scope);
	remembered.set(scope, Object.assign(memory, { lastAt: nowMs, keepMs }));
	// Oldest first (insertion order), so expiry stops at the first entry still kept.
	for (const [digest, at] of memory.seen) {
		if (at > nowMs - keepMs) break;
		memory.seen.delete(digest);
	}
	// Triggers no delivery has reached for longer than they remember: forgotten whole, two at most per call (a call
	// adds at most one), so they go faster than they come. One that still remembers holds those behind it back, so a
	// trigger is forgotten at the latest when the longest memory of the triggers reached before it ends.
	let dropped = 0;
	for (const [other, { lastAt, keepMs: span }] of remembered) {
		if (dropped === 2 || lastAt > nowMs - span) break;
		remembered.delete(other);
		dropped++;
	}
	const digests = keys.map((key) => createHash('sha256').update(key).digest('base64url').slice(0, 22));
	if (digests.some((digest) => memory.seen.has(digest))) return false;
	for (const digest of digests) memory.seen.set(digest, nowMs);
	return true;
}

/** How many delivery keys the process remembers for a trigger, and for how many triggers (tests: the bound). */
export function rememberedSize(scope?: string): number {
	return scope === undefined ? remembered.size : (remembered.get(scope)?.seen.size ?? 0);
}

/** The trigger a delivery is for: its workflow and node. */
export function deliveryScope(ctx: IWebhookFunctions): string {
	return `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
}

/** One header's value as text (first of several); undefined when absent. */
export function headerValue(headers: IDataObject, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return typeof value === 'string' ? value : undefined;
}

/** The exact bytes of the request body, as n8n's raw-body reader kept them. */
export function rawBody(ctx: IWebhookFunctions): Buffer {
	const request = ctx.getRequestObject() as unknown as { rawBody?: Buffer | string; body?: unknown };
	if (Buffer.isBuffer(request.rawBody)) return request.rawBody;
	if (typeof request.rawBody === 'string') return Buffer.from(request.rawBody, 'utf8');
	// Without a raw body (never seen in n8n), fall back to the body as text, or re-serialised when it was parsed.
	if (typeof request.body === 'string') return Buffer.from(request.body, 'utf8');
	return Buffer.from(request.body === undefined ? '' : JSON.stringify(request.body), 'utf8');
}

/** The body as a JSON object, or undefined when it is not one. */
export function jsonBody(raw: Buffer): IDataObject | undefined {
	try {
		const parsed = JSON.parse(raw.toString('utf8')) as unknown;
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

/** Far above any provider event (a few KB): a bigger body is refused before it is parsed or verified. */
const MAX_EVENT_BYTES = 1024 * 1024;

/**
 * The checks every trigger makes before anything else: providers deliver JSON, and small. A 400 answer
 * for anything else; undefined when the delivery may go on to be verified. `anyContentType` skips the content-type
 * check, for a trigger that verifies a signature over the raw bytes and then parses them as JSON whatever the
 * header says (a correctly signed delivery is genuine, whatever its content type).
 */
export function refuseMalformed(ctx: IWebhookFunctions, raw: Buffer, { anyContentType = false } = {}): IWebhookResponseData | undefined {
	const type = headerValue(ctx.getHeaderData() as IDataObject, 'content-type') ?? '';
	if (!anyContentType && !/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type)) return respond(ctx, 400, 'content type must be application/json');
	if (raw.length > MAX_EVENT_BYTES) return respond(ctx, 400, `body larger than ${MAX_EVENT_BYTES} bytes`);
	return undefined;
}

/**
 * Answers a delivery without starting a run: 401 for anything unauthenticated, 400 for a malformed body,
 * 200 for genuine deliveries this trigger ignores (filtered events, provider pings). The reason is
 * sent back, never a secret.
 */
export function respond(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	const res = ctx.getResponseObject();
	res.status(status).json(status >= 400 ? { error: message } : { status: message });
	return { noWebhookResponse: true };
}

/** Starts one run with one item. */
export function startRun(ctx: IWebhookFunctions, json: IDataObject): IWebhookResponseData {
	return { workflowData: [ctx.helpers.returnJsonArray([json])] };
}
