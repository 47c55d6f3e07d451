import { readFileSync } from 'fs';

/**
 * `npm run sandbox:event -- <provider> <event> [json | @file.json]`: fires a provider event at the running sandbox's
 * active triggers through its events page (test/sandbox/events.ts), e.g.
 *   npm run sandbox:event -- daily recording.ready-to-download
 *   npm run sandbox:event -- digital-samba participant_joined '{"participantId":"p-1","name":"Ann","role":"moderator"}'
 *   npm run sandbox:event -- mirotalk join
 * Without arguments: the providers and their events. The page is http://127.0.0.1:$SANDBOX_EVENTS_PORT (default
 * 4000), or SANDBOX_EVENTS_URL. Exit code 0 when every webhook answered 2xx, 1 otherwise (none listening included).
 */
const BASE = (process.env.SANDBOX_EVENTS_URL ?? `http://127.0.0.1:${process.env.SANDBOX_EVENTS_PORT ?? 4000}`).replace(/\/$/, '');
const USAGE = 'Usage: npm run sandbox:event -- <daily|digital-samba|mirotalk> <event> [json | @file.json]';

async function call(method: string, path: string, body?: string): Promise<{ status: number; json: any }> {
	let response: Response;
	try {
		response = await fetch(`${BASE}${path}`, { method, headers: { 'content-type': 'application/json' }, body });
	} catch {
		throw new Error(`The sandbox's events page does not answer at ${BASE}: start the sandbox first (npm start), or set SANDBOX_EVENTS_PORT`);
	}
	const text = await response.text();
	try {
		return { status: response.status, json: JSON.parse(text) };
	} catch {
		return { status: response.status, json: { message: text } };
	}
}

async function main(): Promise<number> {
	const [provider, event, payload] = process.argv.slice(2);
	if (!provider || !event) {
		console.log(USAGE);
		const { json } = await call('GET', '/events');
		for (const p of json.providers as Array<{ provider: string; name: string; events: Array<{ type: string }> }>) {
			console.log(`\n${p.provider} (${p.name}): ${p.events.map((e) => e.type).join(', ')}`);
		}
		return provider ? 1 : 0;
	}
	const body = payload === undefined ? undefined : payload.startsWith('@') ? readFileSync(payload.slice(1), 'utf8') : payload;
	const { json } = await call('POST', `/events/${encodeURIComponent(provider)}/${encodeURIComponent(event)}`, body);
	console.log(json.message);
	return json.ok ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		console.error(error.message);
		process.exit(1);
	},
);
