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

/** How many accepted deliveries a trigger remembers at most; the oldest are forgotten first. */
const MAX_REMEMBERED = 5000;

/**
 * This process's own copy of what each trigger accepted. n8n 1.x saves the static data a webhook call changes;
 * n8n 2.x (2.40) does not when the delivery starts a run (starting it resets the data's changed flag before the
 * save), so a replay to the same process must be caught here too.
 */
const accepted = new Map<string, Map<string, number>>();

/**
 * True the first time a delivery (its key) is seen within the window; false for a replay. What was accepted is kept
 * in the node's static data, which n8n saves after each delivery, so every process that receives webhooks (a
 * restarted main, each webhook processor in queue mode) knows it; and in this process, for n8n versions that do not
 * save it. `scope` names the trigger (workflow and node); `key` identifies the delivery (a raw body will do), and is
 * stored only as a short hash.
 */
export function firstDelivery(
	staticData: IDataObject,
	scope: string,
	key: string | Buffer,
	windowMs: number,
	nowMs = Date.now(),
	max = MAX_REMEMBERED,
): boolean {
	const digest = createHash('sha256').update(key).digest('base64url').slice(0, 22);
	const fresh = ([, at]: [string, number]) => at > nowMs - windowMs;
	const stored = Object.entries((staticData.deliveries ?? {}) as Record<string, number>).filter(fresh);
	const local = accepted.get(scope) ?? new Map<string, number>();
	accepted.set(scope, local);
	for (const entry of local) if (!fresh(entry)) local.delete(entry[0]);
	if (local.has(digest) || stored.some(([seen]) => seen === digest)) return false;
	// Assigned anew (not changed in place), so that n8n notices the change and saves it.
	staticData.deliveries = Object.fromEntries([...stored.slice(-(max - 1)), [digest, nowMs]]);
	// The process's own copy needs no such care: kept in place, oldest (first inserted) dropped first.
	local.set(digest, nowMs);
	for (const oldest of local.keys()) {
		if (local.size <= max) break;
		local.delete(oldest);
	}
	return true;
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
	// Without a raw body (never seen in n8n), fall back to the parsed body re-serialised.
	return Buffer.from(request.body === undefined ? '' : JSON.stringify(request.body), 'utf8');
}

/** The body as a JSON object, or undefined when it is not one. */
export function jsonObject(raw: Buffer): IDataObject | undefined {
	try {
		const parsed = JSON.parse(raw.toString('utf8')) as unknown;
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

/** Far above any provider event (a few KB): a bigger body is refused before it is parsed or verified. */
export const MAX_EVENT_BYTES = 1024 * 1024;

/**
 * The checks every trigger makes before anything else: providers deliver JSON, and small. A 400 answer
 * for anything else; undefined when the delivery may go on to be verified.
 */
export function refuseMalformed(ctx: IWebhookFunctions, raw: Buffer): IWebhookResponseData | undefined {
	const type = headerValue(ctx.getHeaderData() as IDataObject, 'content-type') ?? '';
	if (!/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type)) return respond(ctx, 400, 'content type must be application/json');
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
