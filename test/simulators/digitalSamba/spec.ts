import { existsSync, readFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { load } from 'js-yaml';
import { fixturePath, ROOT } from '../../helpers/repoRoot';
import { applyResets, indexOperations, type ResetEntry, type SpecOperation } from '../openapi';

/**
 * The Digital Samba OpenAPI contract (reference/digitalsamba-openapi.yaml, 142 operations) as the simulator uses it:
 * every operation's method and path, its documented success status and example, and its request schema.
 */

export const SPEC_RELATIVE_PATH = join('shared', 'reference', 'digitalsamba-openapi.yaml');
export const SPEC_ENV_VARIABLE = 'DS_OPENAPI_PATH';

export type { JsonSchema, SpecOperation } from '../openapi';

export interface LoadedSpec {
	file: string;
	/** The documented resets the contract accepts (test/fixtures/digitalsamba-openapi-overlay.json `resets`). */
	resets: ResetEntry[];
	operations: SpecOperation[];
	byKey: Map<string, SpecOperation>;
}

/**
 * Finds the OpenAPI file: `$DS_OPENAPI_PATH` if set, otherwise the first folder from `start` (the package root) up
 * that holds `test/fixtures/digitalsamba-openapi.yaml` or `shared/reference/digitalsamba-openapi.yaml`.
 */
export function findSpecFile(start: string = ROOT): string {
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

const cache = new Map<string, LoadedSpec>();

/** Loads (once per file) and indexes the spec. */
export function loadSpec(file: string = findSpecFile()): LoadedSpec {
	const cached = cache.get(file);
	if (cached) return cached;
	const document = load(readFileSync(file, 'utf8')) as { paths?: Record<string, Record<string, any>> };
	if (!document?.paths) throw new Error(`Digital Samba simulator: ${file} has no paths`);
	const resets = (JSON.parse(readFileSync(fixturePath('digitalsamba-openapi-overlay.json'), 'utf8')) as { resets?: ResetEntry[] }).resets ?? [];
	applyResets(document, resets);
	const operations = indexOperations(document, /^\/api\/v1/);
	const loaded: LoadedSpec = { file, resets, operations, byKey: new Map(operations.map((op) => [op.key, op])) };
	cache.set(file, loaded);
	return loaded;
}
