import { readFileSync } from 'fs';
import { load } from 'js-yaml';
import { join } from 'path';

/** Digital Samba's OpenAPI contract, the oracle of these tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const SPEC: any = load(readFileSync(join(__dirname, '../../fixtures/digitalsamba-openapi.yaml'), 'utf8'));

export interface SpecSchema {
	type?: string;
	description?: string;
	properties?: Record<string, SpecSchema>;
	items?: SpecSchema;
	required?: string[];
	enum?: unknown[];
	nullable?: boolean;
	example?: unknown;
}

/** The JSON request body schema of an operation, e.g. ('/api/v1/roles', 'post'). */
export function requestSchema(path: string, method: string): SpecSchema {
	return SPEC.paths[path][method].requestBody.content['application/json'].schema;
}

/** The example of an operation's 200 answer. */
export function answerExample(path: string, method: string): any {
	return SPEC.paths[path][method].responses['200'].content['application/json'].schema.example;
}

/** "Must be one of a, b, c or d." in a property's description, as the list of values. */
export function mustBeOneOf(description = ''): string[] {
	const match = /Must be one of ([^.]+?)\.(?:\s|$)/.exec(description);
	if (!match) throw new Error(`no "Must be one of" in: ${description}`);
	return match[1].split(/,\s*|\s+or\s+/).map((s) => s.trim()).filter(Boolean);
}

/** The number of "Maximum length N characters" or "Must not be greater than N characters". */
export function maxChars(description = ''): number {
	const match = /(?:Maximum length|Must not be greater than) (\d+) characters/.exec(description);
	if (!match) throw new Error(`no maximum length in: ${description}`);
	return Number(match[1]);
}

/**
 * What in a body the spec's schema does not allow: a missing required field, a wrong type, a value outside an enum,
 * or a field the schema does not list. The spec writes lists of objects as `type: object` with the item's properties
 * and "Must be an array of …" in the description: those are checked as arrays of such objects.
 */
export function specErrors(schema: SpecSchema, value: unknown, at = 'body'): string[] {
	if (value === null) return schema.nullable ? [] : [`${at}: null is not allowed`];
	const listOfObjects = schema.type === 'object' && /Must be an array of/i.test(schema.description ?? '') && Object.keys(schema.properties ?? {}).length > 0;
	if (schema.type === 'array' || listOfObjects) {
		if (!Array.isArray(value)) return [`${at}: must be an array`];
		const item = listOfObjects ? { ...schema, type: 'object', description: '' } : schema.items;
		return item ? value.flatMap((v, i) => specErrors(item, v, `${at}[${i}]`)) : [];
	}
	switch (schema.type) {
		case 'object': {
			if (!value || typeof value !== 'object' || Array.isArray(value)) return [`${at}: must be an object`];
			const object = value as Record<string, unknown>;
			const properties = schema.properties ?? {};
			const errors = (schema.required ?? []).filter((k) => object[k] === undefined).map((k) => `${at}.${k}: is required`);
			for (const [key, inner] of Object.entries(object)) {
				if (properties[key]) errors.push(...specErrors(properties[key], inner, `${at}.${key}`));
				else if (Object.keys(properties).length) errors.push(`${at}.${key}: not in the spec`);
			}
			return errors;
		}
		case 'string':
			if (typeof value !== 'string') return [`${at}: must be a string`];
			break;
		case 'boolean':
			if (typeof value !== 'boolean') return [`${at}: must be a boolean`];
			break;
		case 'integer':
			if (!Number.isInteger(value)) return [`${at}: must be an integer`];
			break;
		case 'number':
			if (typeof value !== 'number') return [`${at}: must be a number`];
			break;
		default:
			break;
	}
	if (schema.enum && !schema.enum.includes(value)) return [`${at}: must be one of ${schema.enum.join(', ')}`];
	return [];
}

/**
 * The operations whose `{room}` the spec describes as the room's UUID alone ("The UUID of the room.", the
 * participants list "Optional parameter. The UUID of the room."), not "The UUID of the room or room friendly URL.":
 * `METHOD /path` without the /api/v1 prefix.
 */
export function uuidOnlyRoomOperations(): string[] {
	const found: string[] = [];
	for (const [path, item] of Object.entries(SPEC.paths as Record<string, Record<string, any>>)) {
		for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
			const op = item[method];
			if (!op) continue;
			const room = [...(item.parameters ?? []), ...(op.parameters ?? [])].find((p: { in: string; name: string }) => p.in === 'path' && p.name === 'room');
			if (room && /The UUID of the room\.$/.test(room.description) && !/friendly/i.test(room.description)) found.push(`${method.toUpperCase()} ${path.replace(/^\/api\/v1/, '')}`);
		}
	}
	return found;
}
