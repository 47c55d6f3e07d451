import { readFileSync } from 'fs';
import { fixturePath } from '../../helpers/repoRoot';
import { applyResets, indexOperations, isObject, matchTemplate, parameterErrors, resolveRefs, schemaErrors, type ResetEntry, type SchemaError, type SpecOperation } from '../openapi';

/**
 * Daily's contract as the simulator enforces it: test/fixtures/daily-openapi.json (Daily's OpenAPI 1.1.1, 60
 * operations) with test/fixtures/daily-openapi-overlay.json applied on top (what docs.daily.co documents beyond
 * that file, one entry per operation with its source page): 75 operations.
 */

// From the package root, so the compiled copies (sandbox, bench: .build/test/simulators) find them too.
export const DAILY_SPEC_FILE = fixturePath('daily-openapi.json');
export const DAILY_OVERLAY_FILE = fixturePath('daily-openapi-overlay.json');

export interface OverlayEntry {
	method: string;
	path: string;
	source: string;
	why: string;
	note?: string;
	'x-behaviour'?: string;
	operation: Record<string, any>;
}

export interface DailyOperation extends SpecOperation {
	/** Where the operation (or what the overlay changed in it) is documented. */
	origin: 'spec' | 'overlay' | 'spec+overlay';
	/** The overlay entry's docs URL, if the overlay touched this operation. */
	source?: string;
}

export interface DailySpec {
	operations: DailyOperation[];
	byKey: Map<string, DailyOperation>;
	overlay: OverlayEntry[];
	/** The documented resets the contract accepts (the overlay's `resets`). */
	resets: ResetEntry[];
	/** The operation a request names, with its path params; undefined when the spec has no such path+method. */
	match(method: string, path: string): { op: DailyOperation; params: Record<string, string> } | undefined;
	/** Whether any operation has this path (for 405 vs 404). */
	hasPath(path: string): boolean;
}

/** Applies overlay entries to an OpenAPI document (a copy): new operations added, existing ones amended. */
export function applyOverlay(document: any, overlay: { entries: OverlayEntry[]; schemas?: Record<string, unknown>; resets?: ResetEntry[] }): any {
	const doc = structuredClone(document);
	applyResets(doc, overlay.resets);
	doc['x-overlay-schemas'] = overlay.schemas ?? {};
	for (const entry of overlay.entries) {
		const method = entry.method.toLowerCase();
		const item = (doc.paths[entry.path] ??= {});
		const existing = item[method];
		const patch = structuredClone(entry.operation);
		if (!existing) {
			item[method] = { ...patch, 'x-overlay-source': entry.source, 'x-origin': 'overlay' };
			continue;
		}
		if (patch.parameters) {
			const byName = new Map<string, any>((existing.parameters ?? []).map((p: any) => [`${p.in} ${p.name}`, p]));
			for (const p of patch.parameters) byName.set(`${p.in} ${p.name}`, p);
			existing.parameters = [...byName.values()];
		}
		if (patch.requestBody) existing.requestBody = patch.requestBody;
		if (patch.responses) existing.responses = { ...existing.responses, ...patch.responses };
		existing['x-overlay-source'] = entry.source;
		existing['x-origin'] = 'spec+overlay';
	}
	return doc;
}

let cached: DailySpec | undefined;

export function loadDailySpec(): DailySpec {
	if (cached) return cached;
	const spec = JSON.parse(readFileSync(DAILY_SPEC_FILE, 'utf8'));
	const overlay = JSON.parse(readFileSync(DAILY_OVERLAY_FILE, 'utf8'));
	const document = resolveRefs(applyOverlay(spec, overlay));
	const operations: DailyOperation[] = indexOperations(document).map((op) => {
		const raw = document.paths[op.path][op.method.toLowerCase()];
		return { ...op, origin: raw['x-origin'] ?? 'spec', source: raw['x-overlay-source'] };
	});
	const byKey = new Map(operations.map((op) => [op.key, op]));
	// Literal segments win over `{param}` ones (`/rooms/x/presence` before `/rooms/{room_name}`): most literal first.
	const ordered = [...operations].sort((a, b) => (b.path.match(/\/[^{/][^/]*/g)?.length ?? 0) - (a.path.match(/\/[^{/][^/]*/g)?.length ?? 0));
	cached = {
		operations,
		byKey,
		overlay: overlay.entries,
		resets: overlay.resets ?? [],
		match(method, path) {
			for (const op of ordered) {
				if (op.method !== method) continue;
				const params = matchTemplate(op.path, path);
				if (params) return { op, params };
			}
			return undefined;
		},
		hasPath: (path) => operations.some((op) => matchTemplate(op.path, path) !== undefined),
	};
	return cached;
}

/** True when a value is a plain object (re-exported for the routes). */
export { isObject };

/**
 * What is wrong with a request by the contract: an unknown operation, undeclared or mistyped query keys, a body
 * where the operation takes none, a body that does not fit the request schema. `[]` when the request is fine.
 * The simulator answers these 400 (404 for an unknown operation); unit tests assert the node's requests give none.
 */
export function requestErrors(method: string, path: string, query: URLSearchParams, body: unknown): { op?: DailyOperation; params: Record<string, string>; errors: SchemaError[] } {
	const contract = loadDailySpec();
	const found = contract.match(method, path);
	if (!found) return { params: {}, errors: [{ field: 'path', message: `${method} ${path} is not an operation of Daily's contract` }] };
	const { op, params } = found;
	const hasBody = body !== undefined && body !== '' && !(isObject(body) && Object.keys(body).length === 0);
	const errors = parameterErrors(op, query, params);
	if (!op.bodySchema && hasBody) errors.push({ field: 'body', message: `is not allowed: ${op.operationId} takes no request body` });
	if (op.bodySchema) errors.push(...schemaErrors(op.bodySchema, hasBody ? body : {}));
	return { op, params, errors };
}
