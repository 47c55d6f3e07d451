import { mkdirSync, writeFileSync } from 'fs';
import type { AddressInfo } from 'net';
import { join } from 'path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP server that keeps what n8n's Send Email node delivers: the sandbox's and the e2e suite's mail
 * catcher. No TLS and no login (the sandbox's SMTP credential leaves them off), loopback only.
 */
export interface MailCatcher {
	host: string;
	port: number;
	/** Every message delivered so far, parsed (mailparser), in the order they arrived. */
	messages: ParsedMail[];
	/** Resolves once `count` messages have arrived; rejects after `timeoutMs`. */
	waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
	close(): Promise<void>;
}

export async function startMailCatcher(options: { port?: number; folder?: string } = {}): Promise<MailCatcher> {
	const messages: ParsedMail[] = [];
	const waiters: Array<() => void> = [];
	if (options.folder) mkdirSync(options.folder, { recursive: true });
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		banner: 'n8n-nodes-video-conferencing mail catcher',
		onData(stream, _session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const raw = Buffer.concat(chunks);
				if (options.folder) writeFileSync(join(options.folder, `${Date.now()}-${messages.length + 1}.eml`), raw);
				simpleParser(raw)
					.then((mail) => {
						messages.push(mail);
						for (const wake of waiters.splice(0)) wake();
						callback();
					})
					.catch((error: Error) => callback(error));
			});
		},
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.server.address() as AddressInfo;
	return {
		host: '127.0.0.1',
		port,
		messages,
		async waitFor(count, timeoutMs = 30_000) {
			const deadline = Date.now() + timeoutMs;
			while (messages.length < count) {
				if (Date.now() > deadline) throw new Error(`mail catcher: ${messages.length} of ${count} messages after ${timeoutMs} ms`);
				await new Promise<void>((resolve) => {
					waiters.push(resolve);
					setTimeout(resolve, 200);
				});
			}
			return messages.slice(0, count);
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
