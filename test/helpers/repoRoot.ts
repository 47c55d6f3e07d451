import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

/**
 * The package root: the nearest folder up from here whose package.json is this package's. It holds wherever this
 * file runs from: ts-jest's sources (test/helpers), the sandbox's and the bench's compiled copies (.build/test/helpers).
 */
function findRoot(from: string): string {
	for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
		const file = join(dir, 'package.json');
		if (existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).name === 'n8n-nodes-video-conferencing') return dir;
	}
	throw new Error(`package root not found above ${from}`);
}

export const ROOT = findRoot(__dirname);

/** A file kept with the tests (test/fixtures: the providers' specs and overlays), from the package root. */
export function fixturePath(name: string): string {
	return join(ROOT, 'test', 'fixtures', name);
}
