import { createDecipheriv, createHash } from 'crypto';
import { existsSync } from 'fs';
import { join } from 'path';
import type { MiroTalkTarget } from './events';

/**
 * The MiroTalk Triggers of the sandbox n8n's active workflows. MiroTalk has no API that registers a webhook (its URL
 * is set in the server's configuration), so nothing reaches the MiroTalk simulator when a workflow is activated: the
 * events page reads what n8n registered from its own SQLite database instead (n8n 1.x: `webhook_entity` holds the
 * production webhooks of the active workflows, `workflow_entity` their nodes), with the sqlite3 module of the n8n the
 * sandbox runs, read-only. The token a delivery must carry comes from the trigger's MiroTalk credential (version
 * 1.1; decrypted as n8n's Cipher does, with the sandbox's encryption key) or from the node's Secret Token (version 1).
 */
export interface N8nDatabase {
	/** The folder that holds node_modules/n8n (installN8n()). */
	n8nHome: string;
	/** N8N_USER_FOLDER: the database is <it>/.n8n/database.sqlite. */
	userFolder: string;
	encryptionKey: string;
	/** n8n's base URL, e.g. http://127.0.0.1:5678 */
	n8nUrl: string;
}

interface Sqlite3 {
	OPEN_READONLY: number;
	Database: new (file: string, mode: number, callback: (error: Error | null) => void) => {
		all(sql: string, params: unknown[], callback: (error: Error | null, rows: any[]) => void): void;
		close(callback?: (error: Error | null) => void): void;
	};
}

/** n8n's Cipher.decrypt: CryptoJS-compatible AES-256-CBC, "Salted__" + 8-byte salt, key and IV from MD5 (EVP_BytesToKey). */
export function decryptCredential(data: string, encryptionKey: string): Record<string, unknown> {
	const input = Buffer.from(data, 'base64');
	const salt = input.subarray(8, 16);
	const password = Buffer.concat([Buffer.from(encryptionKey, 'binary'), salt]);
	const hash1 = createHash('md5').update(password).digest();
	const hash2 = createHash('md5').update(Buffer.concat([hash1, password])).digest();
	const iv = createHash('md5').update(Buffer.concat([hash2, password])).digest();
	const decipher = createDecipheriv('aes-256-cbc', Buffer.concat([hash1, hash2]), iv);
	return JSON.parse(Buffer.concat([decipher.update(input.subarray(16)), decipher.final()]).toString('utf8')) as Record<string, unknown>;
}

const MIROTALK_EVENTS_DEFAULT = ['join', 'exit', 'disconnect'];

export async function activeMiroTalkTriggers(db: N8nDatabase): Promise<MiroTalkTarget[]> {
	const file = join(db.userFolder, '.n8n', 'database.sqlite');
	if (!existsSync(file)) return [];
	const sqlite3 = require(join(db.n8nHome, 'node_modules', 'sqlite3')) as Sqlite3;
	const database = await new Promise<InstanceType<Sqlite3['Database']>>((resolve, reject) => {
		const opened = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => (error ? reject(error) : resolve(opened)));
	});
	const all = (sql: string, params: unknown[] = []) =>
		new Promise<any[]>((resolve, reject) => database.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows))));
	try {
		const rows = await all(
			`SELECT h.webhookPath AS path, h.node AS node, w.name AS workflow, w.nodes AS nodes
			 FROM webhook_entity h JOIN workflow_entity w ON w.id = h.workflowId
			 WHERE h.method = 'POST' AND w.active = 1`,
		);
		const targets: MiroTalkTarget[] = [];
		for (const row of rows) {
			const nodes = (typeof row.nodes === 'string' ? JSON.parse(row.nodes) : row.nodes) as Array<Record<string, any>>;
			const node = nodes.find((n) => n.name === row.node);
			if (!node || typeof node.type !== 'string' || !node.type.endsWith('.miroTalkTrigger') || node.disabled) continue;
			const parameters = (node.parameters ?? {}) as Record<string, unknown>;
			let token: string | undefined;
			if ((node.typeVersion ?? 1) >= 1.1) {
				const id = node.credentials?.miroTalkApi?.id as string | undefined;
				const [credential] = id ? await all('SELECT data FROM credentials_entity WHERE id = ?', [id]) : [];
				token = credential ? String(decryptCredential(credential.data as string, db.encryptionKey).webhookToken ?? '') : '';
			} else if (parameters.token) {
				token = String(parameters.token);
			}
			targets.push({
				workflow: row.workflow as string,
				node: row.node as string,
				url: `${db.n8nUrl}/webhook/${row.path as string}`,
				events: Array.isArray(parameters.events) ? (parameters.events as string[]) : MIROTALK_EVENTS_DEFAULT,
				token,
			});
		}
		return targets;
	} finally {
		database.close();
	}
}
