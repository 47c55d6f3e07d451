import { appendFileSync, existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { runDir } from '../helpers/figures';

/**
 * Everything the e2e run sees of n8n (CLI output with node outputs and errors, server logs, REST answers) and every
 * secret it used, kept in the run folder so that test/e2e/secrets.e2e.test.ts can search the whole run at the end.
 */
const TEXT_PREFIX = 'captured-';
const SECRETS_FILE = 'secrets.jsonl';

/** Keeps a piece of n8n output for the secrets scan; a no-op outside a full jest run. */
export function capture(label: string, text: string): void {
	const dir = runDir();
	if (dir && text) appendFileSync(join(dir, `${TEXT_PREFIX}${process.pid}.log`), `--- ${label}\n${text}\n`);
}

/** Registers secrets the run used (API keys, webhook secrets, tokens, and any encoded form a header carries them in). */
export function registerSecrets(...secrets: Array<string | null | undefined>): void {
	const dir = runDir();
	if (!dir) return;
	const lines = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8).map((s) => JSON.stringify(s));
	if (lines.length) appendFileSync(join(dir, SECRETS_FILE), `${lines.join('\n')}\n`);
}

export function capturedTexts(): Array<{ file: string; text: string }> {
	const dir = runDir();
	if (!dir || !existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => f.startsWith(TEXT_PREFIX))
		.map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
}

export function registeredSecrets(): string[] {
	const dir = runDir();
	const file = dir && join(dir, SECRETS_FILE);
	if (!file || !existsSync(file)) return [];
	const secrets = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as string);
	return [...new Set(secrets)];
}
