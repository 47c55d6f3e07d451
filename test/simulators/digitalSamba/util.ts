import { createHmac, randomBytes } from 'crypto';
import type { SimResponse } from '../http';
import { isObject, type JsonSchema } from '../openapi';

export { isObject };

/* ------------------------------------------------------------------ errors */

/** A response to send as it is, thrown from deep inside a handler. */
export class DsHttpError extends Error {
	constructor(readonly response: SimResponse) {
		super(`HTTP ${response.status}`);
	}
}

export const NOT_FOUND = { message: 'Not Found', error: 'not-found' } as const;
export const notFound = () => new DsHttpError({ status: 404, body: { ...NOT_FOUND } });
export const unprocessable = (message: string) => new DsHttpError({ status: 422, body: { message } });

/** Laravel's validation answer: 422 `{message, errors: {field: [messages]}}`. */
export function validationResponse(errors: Record<string, string[]>): SimResponse {
	const messages = Object.values(errors).flat();
	const more = messages.length - 1;
	const message = more > 0 ? `${messages[0]} (and ${more} more error${more > 1 ? 's' : ''})` : messages[0];
	return { status: 422, body: { message, errors } };
}

/* -------------------------------------------------------------- validation */

const label = (field: string) => field.replace(/_/g, ' ');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
const isUrl = (value: string) => {
	try {
		const url = new URL(value);
		return /^(https?|rtmps?):$/.test(url.protocol);
	} catch {
		return false;
	}
};

/** Collects Laravel-worded validation errors; `check()` throws the 422 if any. */
export class Validator {
	readonly errors: Record<string, string[]> = {};

	add(field: string, message: string): this {
		(this.errors[field] ??= []).push(message);
		return this;
	}

	has(field: string): boolean {
		return field in this.errors;
	}

	required(field: string, value: unknown): boolean {
		const missing = value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
		if (missing) this.add(field, `The ${label(field)} field is required.`);
		return !missing;
	}

	string(field: string, value: unknown, min?: number, max?: number): boolean {
		if (value === undefined || value === null) return true;
		if (typeof value !== 'string') {
			this.add(field, `The ${label(field)} field must be a string.`);
			return false;
		}
		if (min !== undefined && value.length < min) this.add(field, `The ${label(field)} field must be at least ${min} characters.`);
		if (max !== undefined && value.length > max) this.add(field, `The ${label(field)} field must not be greater than ${max} characters.`);
		return !this.has(field);
	}

	integer(field: string, value: unknown, min?: number, max?: number): boolean {
		if (value === undefined || value === null) return true;
		const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isInteger(number)) {
			this.add(field, `The ${label(field)} field must be an integer.`);
			return false;
		}
		if (min !== undefined && number < min) this.add(field, `The ${label(field)} field must be at least ${min}.`);
		if (max !== undefined && number > max) this.add(field, `The ${label(field)} field must not be greater than ${max}.`);
		return !this.has(field);
	}

	number(field: string, value: unknown, min?: number, max?: number): boolean {
		if (value === undefined || value === null) return true;
		if (typeof value !== 'number' || Number.isNaN(value)) {
			this.add(field, `The ${label(field)} field must be a number.`);
			return false;
		}
		if (min !== undefined && value < min) this.add(field, `The ${label(field)} field must be at least ${min}.`);
		if (max !== undefined && value > max) this.add(field, `The ${label(field)} field must not be greater than ${max}.`);
		return !this.has(field);
	}

	boolean(field: string, value: unknown): boolean {
		if (value === undefined || value === null) return true;
		if (typeof value === 'boolean' || value === 0 || value === 1 || value === '0' || value === '1') return true;
		this.add(field, `The ${label(field)} field must be true or false.`);
		return false;
	}

	array(field: string, value: unknown): value is unknown[] {
		if (value === undefined || value === null) return false;
		if (Array.isArray(value)) return true;
		this.add(field, `The ${label(field)} field must be an array.`);
		return false;
	}

	in(field: string, value: unknown, allowed: readonly unknown[]): boolean {
		if (value === undefined || value === null) return true;
		if (allowed.includes(value)) return true;
		this.add(field, `The selected ${label(field)} is invalid.`);
		return false;
	}

	url(field: string, value: unknown): boolean {
		if (typeof value !== 'string' || isUrl(value)) return true;
		this.add(field, `The ${label(field)} field must be a valid URL.`);
		return false;
	}

	uuid(field: string, value: unknown): boolean {
		if (value === undefined || value === null || isUuid(value)) return true;
		this.add(field, `The ${label(field)} field must be a valid UUID.`);
		return false;
	}

	check(): void {
		if (Object.keys(this.errors).length) throw new DsHttpError(validationResponse(this.errors));
	}
}

/**
 * Validates a JSON body against the spec's request schema, top level only: required fields (unless overridden),
 * types, `enum`, and the rules the spec writes into descriptions ("Must be in [...]", "Must be at least 3
 * characters", "Must not be greater than 100", "Must be a valid URL/UUID", "Must contain only letters, numbers,
 * dashes and underscores").
 */
export function validateAgainstSchema(v: Validator, schema: JsonSchema | undefined, body: unknown, required?: string[]): void {
	if (!schema) return;
	if (schema.type === 'array') {
		if (!Array.isArray(body)) {
			v.add('body', 'The body must be an array.');
			return;
		}
		const itemRequired = schema.items?.required ?? [];
		body.forEach((item, i) => {
			if (schema.items?.type === 'object' && !isObject(item)) v.add(String(i), `The ${i} field must be an array.`);
			else if (schema.items?.type === 'string' && typeof item !== 'string') v.add(String(i), `The ${i} field must be a string.`);
			else for (const field of itemRequired) v.required(`${i}.${field}`, (item as Record<string, unknown>)[field]);
		});
		return;
	}
	if (schema.type !== 'object' || !schema.properties) return;
	const data = isObject(body) ? body : {};
	for (const field of required ?? schema.required ?? []) v.required(field, data[field]);
	for (const [field, property] of Object.entries(schema.properties)) {
		const value = data[field];
		if (value === undefined || value === null || v.has(field)) continue;
		const text = property.description ?? '';
		const minChars = /at least (\d+) characters?/i.exec(text);
		const maxChars = /not be greater than (\d+) characters?/i.exec(text);
		const minNumber = /at least (-?\d+)\.(?!\d)/i.exec(text);
		const maxNumber = /not be greater than (\d+)\.(?!\d)/i.exec(text);
		const inList = /Must be in \[([^\]]*)\]/i.exec(text);
		const allowed = property.enum ?? (inList ? inList[1].split(',').map((s) => s.trim().replace(/^'|'$/g, '')) : undefined);
		// "You can also use … a string date time": the declared integer type is not the whole truth.
		const type = /string date ?time/i.test(text) ? 'mixed' : property.type;
		switch (type) {
			case 'string':
				if (v.string(field, value, minChars ? Number(minChars[1]) : undefined, maxChars ? Number(maxChars[1]) : undefined)) {
					if (/valid URL/i.test(text)) v.url(field, value);
					if (/valid UUID/i.test(text)) v.uuid(field, value);
					if (/only letters, numbers, dashes and underscores/i.test(text) && !/^[A-Za-z0-9_-]+$/.test(value as string)) {
						v.add(field, `The ${label(field)} field must only contain letters, numbers, dashes, and underscores.`);
					}
				}
				break;
			case 'integer':
				v.integer(field, value, minNumber ? Number(minNumber[1]) : undefined, maxNumber ? Number(maxNumber[1]) : undefined);
				break;
			case 'number':
				v.number(field, value, minNumber ? Number(minNumber[1]) : undefined, maxNumber ? Number(maxNumber[1]) : undefined);
				break;
			case 'boolean':
				v.boolean(field, value);
				break;
			case 'array':
				v.array(field, value);
				break;
			default:
				break;
		}
		if (allowed && !v.has(field)) v.in(field, value, allowed);
	}
}

/* -------------------------------------------------------------- pagination */

export interface Listable {
	id: string;
	seq: number;
}

export interface PageOptions {
	/** Other values `after` may name an entry by (a room's friendly_url). */
	aliases?: (item: any) => Array<string | undefined>;
	/** Whether total_count is a string, as some of the spec's examples have it. */
	countAsString?: boolean;
}

/** Digital Samba's pagination: `limit` (1–100, default 100), `offset`, `order` (default desc), `after=<id>`. */
export function paginate<T extends Listable>(all: T[], query: URLSearchParams, options: PageOptions = {}): { items: T[]; total: number } {
	const v = new Validator();
	const limit = query.get('limit');
	const offset = query.get('offset');
	const order = query.get('order') ?? 'desc';
	if (limit !== null) v.integer('limit', limit, 1, 100);
	if (offset !== null) v.integer('offset', offset, 0);
	v.in('order', order, ['asc', 'desc']);
	v.check();
	const sorted = [...all].sort((a, b) => (order === 'asc' ? a.seq - b.seq : b.seq - a.seq));
	let start = 0;
	const after = query.get('after');
	if (after) {
		const index = sorted.findIndex((item) => item.id === after || (options.aliases?.(item) ?? []).includes(after));
		if (index < 0) new Validator().add('after', 'The selected after is invalid.').check();
		start = index + 1;
	}
	start += offset === null ? 0 : Number(offset);
	return { items: sorted.slice(start, start + (limit === null ? 100 : Number(limit))), total: all.length };
}

export function listBody(items: unknown[], total: number, countAsString = false) {
	return { data: items, total_count: countAsString ? String(total) : total };
}

/* --------------------------------------------------------------------- JWT */

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** HS256 JWT with the header Digital Samba's own tokens carry (`{"typ":"JWT","alg":"HS256"}`). */
export function signJwt(payload: Record<string, unknown>, secret: string): string {
	const head = `${b64url({ typ: 'JWT', alg: 'HS256' })}.${b64url(payload)}`;
	return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/** Verifies an HS256 JWT; returns its claims, or undefined if the signature is wrong or it has expired. */
export function verifyJwt(token: string, secret: string, nowSeconds: number): Record<string, any> | undefined {
	const parts = token.split('.');
	if (parts.length !== 3) return undefined;
	const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest('base64url');
	if (expected !== parts[2]) return undefined;
	try {
		const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
		if (typeof claims.exp === 'number' && claims.exp < nowSeconds) return undefined;
		return claims;
	} catch {
		return undefined;
	}
}

/* -------------------------------------------------------------------- PRNG */

/** mulberry32: a small seeded PRNG, so fault injection repeats from run to run. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const randomString = (length: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') =>
	Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');

/* --------------------------------------------------------------- multipart */

export interface MultipartPart {
	name: string;
	filename?: string;
	contentType?: string;
	data: Buffer;
}

/** Parses a multipart/form-data body; undefined if the content type is not multipart. */
export function parseMultipart(contentType: string | undefined, body: Buffer | undefined): MultipartPart[] | undefined {
	const match = /^multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(contentType ?? '');
	if (!match || !body) return undefined;
	const delimiter = Buffer.from(`--${match[1]}`);
	const parts: MultipartPart[] = [];
	let position = body.indexOf(delimiter);
	for (let guard = 0; position >= 0 && guard < 1000; guard++) {
		const start = position + delimiter.length;
		if (body.subarray(start, start + 2).toString() === '--') break;
		const next = body.indexOf(delimiter, start);
		if (next < 0) break;
		const chunk = body.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next one
		const headerEnd = chunk.indexOf('\r\n\r\n');
		if (headerEnd >= 0) {
			const headers = chunk.subarray(0, headerEnd).toString('utf8');
			const name = /name="([^"]*)"/i.exec(headers)?.[1];
			if (name !== undefined) {
				parts.push({
					name,
					filename: /filename="([^"]*)"/i.exec(headers)?.[1],
					contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim(),
					data: chunk.subarray(headerEnd + 4),
				});
			}
		}
		position = next;
	}
	return parts;
}

/* --------------------------------------------------------------------- CSV */

/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF rows. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	const source = text.replace(/^\uFEFF/, '');
	for (let i = 0; i < source.length; i++) {
		const c = source[i];
		if (quoted) {
			if (c === '"' && source[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && source[i + 1] === '\n') i++;
			row.push(field);
			if (row.some((cell) => cell !== '')) rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	row.push(field);
	if (row.some((cell) => cell !== '')) rows.push(row);
	return rows;
}

export const csvLine = (cells: unknown[]) =>
	cells.map((cell) => {
		const text = cell === undefined || cell === null ? '' : String(cell);
		return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
	}).join(',');

/* -------------------------------------------------------------------- time */

/** `2024-02-13T16:45:05Z`, the form most of the spec's timestamps take. */
export const isoSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
/** `2024-03-21T05:09:31.000000Z`, the form sessions and chat use. */
export const isoMicros = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '.000000Z');
export const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Parses a query flag as Laravel's boolean rule does (1/0/true/false); 422 otherwise. */
export function queryFlag(query: URLSearchParams, field: string): boolean | undefined {
	const value = query.get(field);
	if (value === null || value === '') return undefined;
	if (['1', 'true'].includes(value)) return true;
	if (['0', 'false'].includes(value)) return false;
	new Validator().add(field, `The ${label(field)} field must be true or false.`).check();
	return undefined;
}

/** Parses a `Y-m-d` query date; 422 otherwise. Returns the day's start (or end) in ms. */
export function queryDate(query: URLSearchParams, field: string, endOfDay = false): number | undefined {
	const value = query.get(field);
	if (value === null || value === '') return undefined;
	const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
	if (Number.isNaN(ms)) new Validator().add(field, `The ${label(field)} field must match the format Y-m-d.`).check();
	return endOfDay ? ms + 86_400_000 - 1 : ms;
}
