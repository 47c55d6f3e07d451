import { existsSync, readFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { load } from 'js-yaml';

/**
 * The Digital Samba OpenAPI contract (reference/digitalsamba-openapi.yaml, 142 operations) as the simulator uses it:
 * every operation's method and path, its documented success status and example, and its request schema.
 */

export const SPEC_RELATIVE_PATH = join('shared', 'reference', 'digitalsamba-openapi.yaml');
export const SPEC_ENV_VARIABLE = 'DS_OPENAPI_PATH';

export interface JsonSchema {
	type?: string;
	description?: string;
	example?: unknown;
	nullable?: boolean;
	enum?: unknown[];
	format?: string;
	required?: string[];
	properties?: Record<string, JsonSchema>;
	items?: JsonSchema;
	oneOf?: JsonSchema[];
}

export interface SpecOperation {
	/** `GET /rooms/{room}`: method and path relative to /api/v1 ('/' for the root). */
	key: string;
	method: string;
	path: string;
	operationId: string;
	/** The documented 2xx status; 200 when the spec documents only an error (8 operations). */
	successStatus: number;
	documentedSuccess: boolean;
	/** Content type of the documented success response, if any. */
	contentType?: string;
	/** The documented success example (first `oneOf` branch when there are several). */
	example?: unknown;
	/** Request body: content type and schema, if the spec has one. */
	bodyContentType?: string;
	bodySchema?: JsonSchema;
	queryParams: string[];
}

export interface LoadedSpec {
	file: string;
	operations: SpecOperation[];
	byKey: Map<string, SpecOperation>;
}

/**
 * Finds the OpenAPI file: `$DS_OPENAPI_PATH` if set, otherwise the first folder above `start` (the package's
 * test/simulators/digitalSamba folder, or its compiled copy) that holds `shared/reference/digitalsamba-openapi.yaml`.
 */
export function findSpecFile(start: string = __dirname): string {
	const fromEnv = process.env[SPEC_ENV_VARIABLE];
	if (fromEnv) {
		const file = resolve(fromEnv);
		if (!existsSync(file)) throw new Error(`Digital Samba simulator: ${SPEC_ENV_VARIABLE}=${fromEnv} does not exist`);
		return file;
	}
	let dir = resolve(start);
	for (let depth = 0; depth < 64; depth++) {
		// The copy kept with the tests (so a clone runs anywhere), else the shared reference beside the repo.
		for (const candidate of [join(dir, 'test', 'fixtures', 'digitalsamba-openapi.yaml'), join(dir, SPEC_RELATIVE_PATH)]) {
			if (existsSync(candidate)) return candidate;
		}
		const parent = dirname(dir);
		if (parent === dir) break;
		dir = parent;
	}
	throw new Error(
		`Digital Samba simulator: cannot find ${SPEC_RELATIVE_PATH} in ${resolve(start)} or any folder above it. ` +
			`Put the shared/ folder next to the repository or set ${SPEC_ENV_VARIABLE} to the OpenAPI file.`,
	);
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const cache = new Map<string, LoadedSpec>();

function exampleOf(schema: JsonSchema | undefined): unknown {
	if (!schema) return undefined;
	if (schema.example !== undefined) return schema.example;
	if (schema.oneOf?.length) return exampleOf(schema.oneOf[0]);
	return undefined;
}

/** Loads (once per file) and indexes the spec. */
export function loadSpec(file: string = findSpecFile()): LoadedSpec {
	const cached = cache.get(file);
	if (cached) return cached;
	const document = load(readFileSync(file, 'utf8')) as { paths?: Record<string, Record<string, any>> };
	if (!document?.paths) throw new Error(`Digital Samba simulator: ${file} has no paths`);
	const operations: SpecOperation[] = [];
	for (const [fullPath, item] of Object.entries(document.paths)) {
		const path = fullPath.replace(/^\/api\/v1/, '') || '/';
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
			const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])] as Array<{ name: string; in: string }>;
			operations.push({
				key: `${method.toUpperCase()} ${path}`,
				method: method.toUpperCase(),
				path,
				operationId: String(op.operationId ?? `${method} ${path}`),
				successStatus: success ?? 200,
				documentedSuccess: success !== undefined,
				contentType,
				example: exampleOf(media?.schema),
				bodyContentType,
				bodySchema: bodyMedia?.schema,
				queryParams: parameters.filter((p) => p.in === 'query').map((p) => p.name),
			});
		}
	}
	const loaded: LoadedSpec = { file, operations, byKey: new Map(operations.map((op) => [op.key, op])) };
	cache.set(file, loaded);
	return loaded;
}
