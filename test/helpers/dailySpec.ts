import spec from '../fixtures/daily-openapi.json';

/** Daily's OpenAPI spec (test/fixtures/daily-openapi.json), the oracle of the Daily unit tests. */
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A spec node with its $refs resolved, at any depth. */
export function resolve(node: unknown): any { // eslint-disable-line @typescript-eslint/no-explicit-any
	if (Array.isArray(node)) return node.map(resolve);
	if (node && typeof node === 'object') {
		const ref = (node as Json).$ref as string | undefined;
		if (ref) return resolve(ref.split('/').slice(1).reduce((at: Json, key) => at[key], spec as Json));
		return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v)]));
	}
	return node;
}

export const schemas = (spec as Json).components.schemas as Json;
export const paths = (spec as Json).paths as Json;
