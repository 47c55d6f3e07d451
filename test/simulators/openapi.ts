/**
 * OpenAPI helpers the simulators share: the operations of a spec document (method, path, success status, example,
 * request schema, parameters) and a JSON-schema check of a value against a request or response schema.
 * Digital Samba's simulator indexes its YAML with `indexOperations`; Daily's also resolves `$ref`s and checks
 * every request (body, query, path) with `schemaErrors` / `parameterErrors`.
 */

export interface JsonSchema {
	type?: string;
	description?: string;
	example?: unknown;
	nullable?: boolean;
	enum?: unknown[];
	format?: string;
	required?: string[];
	properties?: Record<string, JsonSchema>;
	additionalProperties?: boolean | JsonSchema;
	items?: JsonSchema;
	oneOf?: JsonSchema[];
	anyOf?: JsonSchema[];
	allOf?: JsonSchema[];
	minimum?: number;
	maximum?: number;
	minLength?: number;
	maxLength?: number;
	minItems?: number;
	maxItems?: number;
	default?: unknown;
	$ref?: string;
}

export interface SpecParameter {
	name: string;
	in: 'query' | 'path' | 'header' | 'cookie';
	required?: boolean;
	schema?: JsonSchema;
	description?: string;
}

export interface SpecOperation {
	/** `GET /rooms/{room}`: method and path relative to the server's base path ('/' for the root). */
	key: string;
	method: string;
	path: string;
	operationId: string;
	/** The documented 2xx status; 200 when the spec documents only an error. */
	successStatus: number;
	documentedSuccess: boolean;
	/** Content type of the documented success response, if any. */
	contentType?: string;
	/** The example of the success response's schema (first `oneOf` branch when there are several). */
	example?: unknown;
	/** The success response's media `example` or first `examples` value. */
	mediaExample?: unknown;
	/** The success response's schema. */
	responseSchema?: JsonSchema;
	/** Request body: content type and schema, if the spec has one. */
	bodyContentType?: string;
	bodySchema?: JsonSchema;
	/** The request body's media `example` or `examples` values. */
	requestExamples: unknown[];
	queryParams: string[];
	parameters: SpecParameter[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export const isObject = (value: unknown): value is Record<string, any> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function exampleOf(schema: JsonSchema | undefined): unknown {
	if (!schema) return undefined;
	if (schema.example !== undefined) return schema.example;
	if (schema.oneOf?.length) return exampleOf(schema.oneOf[0]);
	return undefined;
}

function mediaExamples(media: any): unknown[] {
	if (!media) return [];
	if (media.example !== undefined) return [media.example];
	return Object.values(media.examples ?? {}).map((e: any) => e?.value);
}

/**
 * Replaces every local `$ref` (`#/components/...`) by a copy of what it names. A schema that refers to itself is
 * cut at the second visit (left as `{}`, which accepts anything).
 */
export function resolveRefs<T>(document: T): T {
	const root = document as any;
	const lookup = (ref: string) => ref.replace(/^#\//, '').split('/').reduce((node: any, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], root);
	const walk = (node: any, trail: string[]): any => {
		if (Array.isArray(node)) return node.map((n) => walk(n, trail));
		if (!isObject(node)) return node;
		if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
			if (trail.includes(node.$ref)) return {};
			const { $ref, ...rest } = node;
			return { ...walk(lookup($ref), [...trail, $ref]), ...walk(rest, trail) };
		}
		return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, trail)]));
	};
	return walk(root, []);
}

/** Every operation of an OpenAPI document; `basePath` is cut from the front of each path. */
export function indexOperations(document: { paths?: Record<string, Record<string, any>> }, basePath?: RegExp): SpecOperation[] {
	const operations: SpecOperation[] = [];
	for (const [fullPath, item] of Object.entries(document.paths ?? {})) {
		const path = (basePath ? fullPath.replace(basePath, '') : fullPath) || '/';
		for (const method of METHODS) {
			const op = item[method];
			if (!op) continue;
			const responses = (op.responses ?? {}) as Record<string, any>;
			const success = Object.keys(responses)
				.map(Number)
				.filter((code) => code >= 200 && code < 300)
				.sort((a, b) => a - b)[0];
			const response = success !== undefined ? responses[String(success)] : undefined;
			const [contentType, media] = response?.content ? (Object.entries(response.content)[0] as [string, any]) : [undefined, undefined];
			const [bodyContentType, bodyMedia] = op.requestBody?.content
				? (Object.entries(op.requestBody.content)[0] as [string, any])
				: [undefined, undefined];
			const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])] as SpecParameter[];
			operations.push({
				key: `${method.toUpperCase()} ${path}`,
				method: method.toUpperCase(),
				path,
				operationId: String(op.operationId ?? `${method} ${path}`),
				successStatus: success ?? 200,
				documentedSuccess: success !== undefined,
				contentType,
				example: exampleOf(media?.schema),
				mediaExample: mediaExamples(media)[0],
				responseSchema: media?.schema,
				bodyContentType,
				bodySchema: bodyMedia?.schema,
				requestExamples: mediaExamples(bodyMedia),
				queryParams: parameters.filter((p) => p.in === 'query').map((p) => p.name),
				parameters,
			});
		}
	}
	return operations;
}

/** Matches a concrete path against a `{param}` template; the decoded params, or undefined. */
export function matchTemplate(template: string, path: string): Record<string, string> | undefined {
	const keys: string[] = [];
	const pattern = new RegExp(
		`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, key) => {
			keys.push(key);
			return '([^/]+)';
		})}/?$`,
	);
	const m = pattern.exec(path);
	if (!m) return undefined;
	try {
		return Object.fromEntries(keys.map((k, i) => [k, decodeURIComponent(m[i + 1])]));
	} catch {
		return undefined;
	}
}

/** One thing wrong with a value: the dotted field it is in, and what is wrong. */
export interface SchemaError {
	field: string;
	message: string;
}

export interface SchemaCheckOptions {
	/** Check `required` (requests: yes; answers: the spec's response schemas rarely mark anything required). */
	required?: boolean;
}

const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

function matchesType(type: string, value: unknown): boolean | undefined {
	switch (type) {
		case 'string':
			return typeof value === 'string';
		case 'integer':
			return typeof value === 'number' && Number.isInteger(value);
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'boolean':
			return typeof value === 'boolean';
		case 'array':
			return Array.isArray(value);
		case 'object':
			return isObject(value);
		default:
			return undefined; // a type word the spec uses that JSON schema does not know: no check
	}
}

/**
 * Checks a value against a (ref-resolved) schema, deeply: type, `nullable`, `enum`, `minimum`/`maximum`,
 * `minLength`/`maxLength`, `required`, `additionalProperties: false` (an undeclared key), items, and
 * `oneOf`/`anyOf` (one branch must fit) and `allOf` (all must). Returns every error found.
 */
export function schemaErrors(schema: JsonSchema | undefined, value: unknown, field = '', options: SchemaCheckOptions = {}): SchemaError[] {
	if (!schema || !isObject(schema)) return [];
	const at = (name: string) => (field ? `${field}.${name}` : name);
	const label = field || 'body';
	if (value === null) return schema.nullable || schema.type === undefined ? [] : [{ field: label, message: `must not be null (expected ${schema.type})` }];
	const branches = schema.oneOf ?? schema.anyOf;
	if (branches?.length) {
		const results = branches.map((b) => schemaErrors(b, value, field, options));
		if (!results.some((r) => r.length === 0)) {
			const closest = results.reduce((a, b) => (b.length < a.length ? b : a));
			return closest.length === 1 ? closest : [{ field: label, message: `matches none of the ${branches.length} allowed forms (${closest.map((e) => `${e.field} ${e.message}`).join('; ')})` }];
		}
	}
	const errors: SchemaError[] = [];
	for (const part of schema.allOf ?? []) errors.push(...schemaErrors(part, value, field, options));
	if (schema.type) {
		const ok = matchesType(schema.type, value);
		if (ok === false) return [...errors, { field: label, message: `must be ${schema.type === 'integer' || schema.type === 'array' || schema.type === 'object' ? 'an' : 'a'} ${schema.type}, not ${typeOf(value)}` }];
	}
	if (schema.enum && !schema.enum.includes(value)) {
		errors.push({ field: label, message: `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}` });
	}
	if (typeof value === 'number') {
		if (schema.minimum !== undefined && value < schema.minimum) errors.push({ field: label, message: `must be at least ${schema.minimum}` });
		if (schema.maximum !== undefined && value > schema.maximum) errors.push({ field: label, message: `must be at most ${schema.maximum}` });
	}
	if (typeof value === 'string') {
		if (schema.minLength !== undefined && value.length < schema.minLength) errors.push({ field: label, message: `must be at least ${schema.minLength} characters` });
		if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push({ field: label, message: `must be at most ${schema.maxLength} characters` });
	}
	if (Array.isArray(value)) {
		if (schema.minItems !== undefined && value.length < schema.minItems) errors.push({ field: label, message: `must have at least ${schema.minItems} items` });
		if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push({ field: label, message: `must have at most ${schema.maxItems} items` });
	}
	if (Array.isArray(value) && schema.items) {
		value.forEach((item, i) => errors.push(...schemaErrors(schema.items, item, `${label}[${i}]`, options)));
	}
	if (isObject(value)) {
		const properties = schema.properties ?? {};
		if (options.required !== false) {
			for (const name of schema.required ?? []) if (value[name] === undefined) errors.push({ field: at(name), message: 'is required' });
		}
		for (const [name, item] of Object.entries(value)) {
			if (item === undefined) continue;
			if (name in properties) errors.push(...schemaErrors(properties[name], item, at(name), options));
			else if (schema.additionalProperties === false) errors.push({ field: at(name), message: `is not allowed (allowed: ${Object.keys(properties).join(', ') || 'none'})` });
			else if (isObject(schema.additionalProperties)) errors.push(...schemaErrors(schema.additionalProperties, item, at(name), options));
		}
	}
	return errors;
}

/** A query-string or path value read as the parameter's schema type says (`"3"` → 3, `"true"` → true). */
export function coerceParameter(schema: JsonSchema | undefined, raw: string): unknown {
	switch (schema?.type) {
		case 'integer':
		case 'number':
			return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
		case 'boolean':
			return raw === 'true' ? true : raw === 'false' ? false : raw;
		default:
			return raw;
	}
}

/**
 * Checks a request's query string and path params against an operation's parameters: an undeclared query key,
 * a missing required one, and each value against its schema (after coercion from text).
 */
export function parameterErrors(op: SpecOperation, query: URLSearchParams, pathParams: Record<string, string> = {}): SchemaError[] {
	const errors: SchemaError[] = [];
	const declared = new Map(op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
	for (const name of new Set(query.keys())) {
		const param = declared.get(name);
		if (!param) {
			errors.push({ field: name, message: `is not a query parameter of ${op.operationId} (allowed: ${[...declared.keys()].join(', ') || 'none'})` });
			continue;
		}
		for (const raw of query.getAll(name)) errors.push(...schemaErrors(param.schema, coerceParameter(param.schema, raw), name));
	}
	for (const param of declared.values()) {
		if (param.required && !query.has(param.name)) errors.push({ field: param.name, message: 'is required' });
	}
	for (const param of op.parameters.filter((p) => p.in === 'path')) {
		const raw = pathParams[param.name];
		if (raw !== undefined) errors.push(...schemaErrors(param.schema, coerceParameter(param.schema, raw), param.name));
	}
	return errors;
}

/** A body built from the `example` of each property of a schema, where the spec gives one (deeply). */
export function exampleFromSchema(schema: JsonSchema | undefined): unknown {
	if (!schema) return undefined;
	if (schema.example !== undefined) return schema.example;
	if (schema.type === 'object' || schema.properties) {
		const entries = Object.entries(schema.properties ?? {})
			.map(([name, property]) => [name, exampleFromSchema(property)] as const)
			.filter(([, v]) => v !== undefined);
		return entries.length ? Object.fromEntries(entries) : undefined;
	}
	if (schema.type === 'array') {
		const item = exampleFromSchema(schema.items);
		// Some of Daily's item examples are the whole array (`items: {type: string, example: ["OPUS"]}`).
		return item === undefined ? undefined : Array.isArray(item) ? item : [item];
	}
	return undefined;
}

/**
 * A documented way to set a property back to the provider's default, as a provider's overlay records it: in a
 * component `schema` (Daily), or in the JSON request body of `method` `path` (Digital Samba's schemas are inline).
 */
export interface ResetEntry {
	schema?: string;
	method?: string;
	path?: string;
	/** The dotted property path in that schema (`properties.enable_raw_tracks_transcoded_audio`). */
	property: string;
	/** The value that resets: `null` (the property becomes nullable) or `""` (added to its enum where it has one). */
	value: null | '';
	source: string;
	why: string;
}

/** Makes a document (before refs are resolved) accept each reset value, and only those: a copy is not made here. */
export function applyResets(document: { components?: { schemas?: Record<string, any> }; paths?: Record<string, any> }, resets: ResetEntry[] = []): void {
	for (const reset of resets) {
		let at: any = reset.schema
			? document.components?.schemas?.[reset.schema]
			: document.paths?.[reset.path ?? '']?.[String(reset.method).toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
		for (const key of reset.property.split('.')) at = at?.properties?.[key];
		if (!at) throw new Error(`overlay reset: ${reset.schema ?? `${reset.method} ${reset.path}`} has no property ${reset.property}`);
		if (reset.value === null) at.nullable = true;
		else if (Array.isArray(at.enum) && !at.enum.includes('')) at.enum.push('');
	}
}
