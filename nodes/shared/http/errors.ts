import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { RequestSpec } from '../model/descriptor';
import type { ProviderTransport } from '../model/provider';

const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ECONNREFUSED',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** Network failures where the request never reached the provider: safe to send again whatever it does. */
export const UNSENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN']);

/** The network error code of a failed call (n8n wraps axios errors, so look through causes). */
export function networkErrorCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; httpCode?: unknown; message?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		// n8n's NodeApiError keeps a transport error's code as its httpCode.
		for (const code of [current.code, current.httpCode]) {
			if (typeof code === 'string' && RETRYABLE_NETWORK_CODES.has(code)) return code;
		}
		if (typeof current.message === 'string' && /socket hang up/i.test(current.message)) {
			return 'ECONNRESET';
		}
		current = current.cause as typeof current;
	}
	return undefined;
}

/** The forms a secret can take on its way into a message: as is, base64 and base64url, percent-encoded in a URL. */
function encodings(secret: string): string[] {
	const bytes = Buffer.from(secret);
	const base64 = bytes.toString('base64');
	return [...new Set([secret, base64, base64.replace(/=+$/, ''), bytes.toString('base64url'), encodeURIComponent(secret)])];
}

/** Replaces every secret, in each of its encodings, in a text. */
export function redact(text: string, secrets: string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (!secret || secret.length < 4) continue;
		for (const form of encodings(secret)) out = out.split(form).join('[redacted]');
	}
	return out;
}

/** Parses an error body that came as bytes or text; leaves objects as they are. */
function asObject(body: unknown): unknown {
	let value = body;
	if (Buffer.isBuffer(value)) value = value.toString('utf8');
	if (value instanceof ArrayBuffer) value = Buffer.from(value).toString('utf8');
	if (typeof value === 'string') {
		try {
			return JSON.parse(value);
		} catch {
			return value === '' ? {} : { message: value.slice(0, 500) };
		}
	}
	return value ?? {};
}

function describeCall(spec: RequestSpec): string {
	return `${spec.method} ${spec.path}`;
}

/** A provider's error answer as a NodeApiError carrying the provider's own message. */
export function apiError(
	node: INode,
	transport: ProviderTransport,
	spec: RequestSpec,
	statusCode: number,
	body: unknown,
	secrets: string[],
	attempts: number,
	note = '',
): NodeApiError {
	const parsed = asObject(body);
	const { message, type } = transport.describeError(statusCode, parsed);
	const safeBody = JSON.parse(redact(JSON.stringify(parsed), secrets)) as JsonObject;
	const retried = attempts > 1 ? ` (gave up after ${attempts} tries)` : '';
	return new NodeApiError(node, safeBody, {
		message: redact(`${transport.displayName} API error ${statusCode}${type ? ` (${type})` : ''}: ${message}`, secrets),
		description: redact(`${describeCall(spec)} answered ${statusCode}${retried}.${note}`, secrets),
		httpCode: String(statusCode),
	});
}

/** A call that got no answer at all, without the request (which carries the auth header). */
export function networkError(
	node: INode,
	transport: ProviderTransport,
	spec: RequestSpec,
	error: unknown,
	secrets: string[],
	attempts: number,
	note = '',
): NodeApiError {
	const code = networkErrorCode(error) ?? 'request failed';
	const reason = error instanceof Error ? error.message : String(error);
	return new NodeApiError(node, { networkError: code } as JsonObject, {
		message: redact(`${transport.displayName} API unreachable (${code}): ${reason}`, secrets),
		description: redact(
			`${describeCall(spec)} got no answer${attempts > 1 ? ` after ${attempts} tries` : ''}.${note}`,
			secrets,
		),
	});
}

/** The description of an error no check of the node foresaw: a bug to report, not bad input. */
export const UNEXPECTED_ERROR = 'An unexpected error inside the node, not caused by your input: please report it with the workflow that caused it.';

/**
 * An item's failure as the n8n error the editor shows: the node's own NodeApiError or NodeOperationError, tagged
 * with the item; anything else (a bug, a helper's plain Error) wrapped in a NodeOperationError with its message redacted.
 */
export function itemError(node: INode, error: unknown, itemIndex: number, secrets: string[]): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	const message = redact(error instanceof Error ? error.message : String(error), secrets);
	return new NodeOperationError(node, message, { itemIndex, description: UNEXPECTED_ERROR });
}
