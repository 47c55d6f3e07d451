import { randomUUID } from 'crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { DAILY_EVENT_TYPES } from '../../nodes/Daily/events';
import { DIGITAL_SAMBA_EVENTS } from '../../nodes/DigitalSamba/events';
import { MiroTalkTrigger } from '../../nodes/MiroTalk/MiroTalkTrigger.node';
import type { DailySimulator } from '../simulators/daily';
import type { DigitalSambaSimulator } from '../simulators/digitalSamba';
import { miroTalkWebhookBody, postMiroTalkWebhook } from '../simulators/mirotalkWebhooks';

/**
 * The sandbox's events page (`npm start` names it; default http://127.0.0.1:4000): fires any event a trigger of the
 * three packages can receive at the triggers that are listening, through the simulators' own delivery functions, so
 * each delivery is built and signed as the provider builds and signs it:
 * - Daily: `daily.deliver()`, to the webhook the Daily Trigger registered in the simulator (one per domain, as Daily
 *   allows), signed with its HMAC secret;
 * - Digital Samba: `ds.deliver()`, to every webhook registered in the simulator for the event, with its bearer secret;
 * - MiroTalk: MiroTalk has no webhook API (the URL is set in the server's configuration), so the page finds the
 *   MiroTalk Triggers of active workflows in n8n (`miroTalkTriggers`) and posts to each as the SFU server posts
 *   (`postMiroTalkWebhook`), with the ?token= of the trigger's credential.
 *
 * `GET /` the page; `GET /events` the catalogue (providers, event types, default payloads) as JSON;
 * `POST /events/<provider>/<event>` fires one, the body (optional) is the event's payload: Daily's `payload`, Digital
 * Samba's `data`, MiroTalk's `data`. The answer: `{provider, event, payload, delivered, webhooks: [{url, status}],
 * ok, message}`; 200 when at least one webhook got it, 409 when no trigger listens for it ("activate the workflow
 * first"), 400 for a bad request.
 */
export type Provider = 'daily' | 'digital-samba' | 'mirotalk';

/** A MiroTalk Trigger of an active workflow, as found in n8n. */
export interface MiroTalkTarget {
	workflow: string;
	node: string;
	/** The production webhook URL, without the token. */
	url: string;
	events: string[];
	/** The token deliveries must carry (?token=); undefined when the node checks none (version 1 without a token). */
	token?: string;
}

/** What the sandbox seeded for the default payloads to refer to. */
export interface SandboxSeeds {
	dailyRoom: string;
	dailyRecordingId: string;
	dailyTranscriptId: string;
	dsRoomId: string;
	dsRoomName: string;
	dsRecordingId: string;
	miroTalkRoom: string;
}

export interface EventsPageOptions {
	port?: number;
	daily: DailySimulator;
	ds: DigitalSambaSimulator;
	/** The MiroTalk Triggers of active workflows (read from n8n when asked). */
	miroTalkTriggers(): Promise<MiroTalkTarget[]>;
	seeds: SandboxSeeds;
}

export interface FireResult {
	provider: Provider;
	event: string;
	payload: Record<string, unknown>;
	/** How many webhooks the event was sent to. */
	delivered: number;
	webhooks: Array<{ url: string; status: number }>;
	/** At least one webhook got it and every one answered 2xx. */
	ok: boolean;
	message: string;
}

export interface EventsPage {
	url: string;
	port: number;
	fire(provider: Provider, event: string, payload?: Record<string, unknown>): Promise<FireResult & { httpStatus: number }>;
	close(): Promise<void>;
}

interface ProviderInfo {
	id: Provider;
	name: string;
	/** What the payload box holds for this provider. */
	payloadIs: string;
	events: Array<[string, string]>;
}

/** MiroTalk's events, read from the MiroTalk Trigger's Events parameter. */
function miroTalkEvents(): Array<[string, string]> {
	const property = new MiroTalkTrigger().description.properties.find((p) => p.name === 'events');
	return ((property?.options ?? []) as Array<{ name: string; value: string }>).map((o) => [o.value, o.name]);
}

export const PROVIDERS: ProviderInfo[] = [
	{ id: 'daily', name: 'Daily', payloadIs: "the event's payload (Daily wraps it in {version, type, id, payload, event_ts} and signs it)", events: DAILY_EVENT_TYPES },
	{ id: 'digital-samba', name: 'Digital Samba', payloadIs: "the event's data (Digital Samba wraps it in {eventType, sessionId, roomId, timestamp, data})", events: DIGITAL_SAMBA_EVENTS },
	{ id: 'mirotalk', name: 'MiroTalk', payloadIs: "the event's data (MiroTalk SFU posts {event, data})", events: miroTalkEvents() },
];

const ALIASES: Record<string, Provider> = { daily: 'daily', 'digital-samba': 'digital-samba', digitalsamba: 'digital-samba', ds: 'digital-samba', mirotalk: 'mirotalk' };

/** The provider a name means (`daily`, `digital-samba` or `ds`, `mirotalk`), case-insensitive. */
export function providerOf(name: string): Provider | undefined {
	return ALIASES[name.toLowerCase().replace(/[\s_]/g, '-')];
}

const unixNow = () => Math.floor(Date.now() / 1000);

/** Daily's payload for an event, shaped as docs.daily.co's page for that event, about the sandbox's seeded room and recording. */
function dailyPayload(event: string, seeds: SandboxSeeds): Record<string, unknown> {
	const room = seeds.dailyRoom;
	const now = unixNow();
	const sessionId = randomUUID();
	const participant = { room, user_id: randomUUID(), user_name: 'Ann', session_id: sessionId, joined_at: now - 60, will_eject_at: null, owner: false, permissions: { hasPresence: true, canSend: true, canAdmin: false } };
	const [family, what] = event.split('.');
	switch (event) {
		case 'meeting.started':
			return { start_ts: now, meeting_id: randomUUID(), room };
		case 'meeting.ended':
			return { start_ts: now - 1800, end_ts: now, meeting_id: randomUUID(), room };
		case 'participant.joined':
			return participant;
		case 'participant.left':
			return { ...participant, duration: 60 };
		case 'waiting-participant.joined':
		case 'waiting-participant.left':
			return { room, id: randomUUID(), user_name: 'Bo', joined_at: now };
		case 'recording.started':
			return { action: 'recording-started', start_ts: now, instance_id: randomUUID(), layout: { preset: 'default' }, started_by: randomUUID() };
		case 'recording.ready-to-download':
			return { type: 'cloud', recording_id: seeds.dailyRecordingId, room_name: room, start_ts: now - 600, status: 'finished', max_participants: 2, duration: 540, s3_key: `sandbox/${room}/${seeds.dailyRecordingId}` };
		case 'recording.error':
			return { action: 'clourd-recording-err', error_msg: 'Recording failed (sandbox event)', instance_id: randomUUID(), room_name: room, timestamp: now };
		case 'transcript.started':
			return { id: seeds.dailyTranscriptId, room_name: room, mtg_session_id: sessionId, status: 't_in_progress' };
		case 'transcript.ready-to-download':
			return { id: seeds.dailyTranscriptId, room_name: room, mtg_session_id: sessionId, status: 't_finished', duration: 540 };
		case 'transcript.error':
			return { id: seeds.dailyTranscriptId, room_name: room, mtg_session_id: sessionId, status: 't_error', error: 'Transcription failed (sandbox event)' };
		case 'batch-processor.job-finished':
			return { id: randomUUID(), status: 'finished', preset: 'transcript', input: { sourceType: 'recordingId', recordingId: seeds.dailyRecordingId }, output: {} };
		case 'batch-processor.error':
			return { id: randomUUID(), status: 'error', preset: 'transcript', input: { sourceType: 'recordingId', recordingId: seeds.dailyRecordingId }, error: 'Job failed (sandbox event)' };
		default:
			break;
	}
	// Streaming events name no room (as the trigger's Room Name option says); telephony events name the room and session.
	if (family === 'streaming') return { instance_id: randomUUID(), layout: { preset: 'default' }, ...(what === 'error' ? { error_msg: 'Streaming failed (sandbox event)' } : {}) };
	return { room, session_id: sessionId, timestamp: now, ...(what === 'error' || what === 'warning' ? { error_msg: `${event} (sandbox event)` } : {}) };
}

/** Digital Samba's data for an event, about the sandbox's seeded room and recording (docs: participantId, name, role). */
function digitalSambaData(event: string, seeds: SandboxSeeds): Record<string, unknown> {
	const room = { room_id: seeds.dsRoomId, friendly_url: seeds.dsRoomName };
	if (event.startsWith('recording_')) return { ...room, recording_id: seeds.dsRecordingId, name: `${seeds.dsRoomName} recording`, status: event === 'recording_started' ? 'IN_PROGRESS' : 'READY' };
	if (event.startsWith('participant_') || event.startsWith('phone_participant_')) return { participantId: randomUUID(), name: 'Ann', role: 'moderator' };
	if (event.startsWith('question_') || event.startsWith('answer_')) return { ...room, question_id: randomUUID(), question: 'When is the break?', participant_name: 'Ann' };
	if (event.startsWith('file_')) return { file_id: randomUUID(), name: 'slides.pdf' };
	if (event.startsWith('folder_')) return { folder_id: randomUUID(), name: 'Lesson 1' };
	if (event === 'role_deleted') return { role_id: randomUUID(), name: 'guest' };
	return room;
}

/** A payload the page sends when none is given. */
export function defaultPayload(provider: Provider, event: string, seeds: SandboxSeeds): Record<string, unknown> {
	if (provider === 'daily') return dailyPayload(event, seeds);
	if (provider === 'digital-samba') return digitalSambaData(event, seeds);
	return miroTalkWebhookBody('sfu', event as 'join' | 'exit' | 'disconnect', seeds.miroTalkRoom, { name: 'Ann' }).data;
}

const is2xx = (status: number) => status >= 200 && status < 300;
const ACTIVATE = 'activate the workflow first';

async function fireDaily(daily: DailySimulator, event: string, payload: Record<string, unknown>) {
	const hook = daily.webhooks[0];
	if (!hook) return { webhooks: [], why: `No Daily webhook is registered in the simulator: ${ACTIVATE} (a workflow with a Daily Trigger on ${event}, credential "Daily (local simulator)")` };
	if (!hook.eventTypes.includes(event)) {
		return { webhooks: [], why: `The Daily webhook (${hook.url}) does not subscribe to ${event} (it has ${hook.eventTypes.join(', ')}): add the event to the Daily Trigger, or activate a workflow whose trigger listens for it` };
	}
	if (hook.state !== 'ACTIVE') return { webhooks: [], why: `The Daily webhook (${hook.url}) is ${hook.state} after failed deliveries: deactivate and activate its workflow again` };
	const status = await daily.deliver(event, payload);
	return { webhooks: status === undefined ? [] : [{ url: hook.url, status }], why: 'the Daily webhook stopped before the delivery' };
}

async function fireDigitalSamba(ds: DigitalSambaSimulator, seeds: SandboxSeeds, event: string, data: Record<string, unknown>) {
	if (!ds.state.webhooks.some((w) => w.events.includes(event))) {
		const why = ds.state.webhooks.length
			? `No Digital Samba webhook subscribes to ${event} (registered: ${ds.state.webhooks.map((w) => `${w.endpoint} for ${w.events.join(', ')}`).join('; ')}): add the event to the Digital Samba Trigger, or activate a workflow whose trigger listens for it`
			: `No Digital Samba webhook is registered in the simulator: ${ACTIVATE} (a workflow with a Digital Samba Trigger on ${event}, credential "Digital Samba (local simulator)")`;
		return { webhooks: [], why };
	}
	const before = ds.state.deliveries.length;
	const session = event.startsWith('session_') || event.startsWith('participant_') ? randomUUID() : undefined;
	await ds.deliver(event, data, { roomId: seeds.dsRoomId, ...(session ? { sessionId: session } : {}) });
	const webhooks = ds.state.deliveries.slice(before).filter((d) => d.eventType === event).map((d) => ({ url: d.endpoint, status: d.status }));
	return { webhooks, why: `the Digital Samba webhooks for ${event} are limited to other rooms than ${seeds.dsRoomName}` };
}

async function fireMiroTalk(triggers: MiroTalkTarget[], event: string, data: Record<string, unknown>) {
	const listening = triggers.filter((t) => t.events.includes(event));
	if (!listening.length) {
		const why = triggers.length
			? `No active MiroTalk Trigger listens for ${event} (active: ${triggers.map((t) => `"${t.node}" in "${t.workflow}" for ${t.events.join(', ')}`).join('; ')}): add the event to the trigger, or activate a workflow whose trigger listens for it`
			: `No workflow with a MiroTalk Trigger is active in n8n: ${ACTIVATE} (MiroTalk has no webhook API: the page posts to the production URL of each active MiroTalk Trigger, as a server configured with it would)`;
		return { webhooks: [], why };
	}
	const webhooks = await Promise.all(
		listening.map(async (t) => ({
			url: t.url,
			status: await postMiroTalkWebhook(t.token === undefined ? t.url : `${t.url}?token=${encodeURIComponent(t.token)}`, { event, data }),
		})),
	);
	return { webhooks, why: '' };
}

function page(seeds: SandboxSeeds): string {
	const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
	const sections = PROVIDERS.map(
		(p) => `<section>
<h2>${esc(p.name)}</h2>
<label>Payload (optional JSON, ${esc(p.payloadIs)}; empty sends the event's default, ✎ loads it here to edit)<br>
<textarea id="payload-${p.id}" rows="5" spellcheck="false" placeholder="{}"></textarea></label>
<div class="events">${p.events
			.map(([value, label]) => `<span><button data-provider="${p.id}" data-event="${esc(value)}" title="${esc(value)}">${esc(label)}</button><a href="#" data-edit="${p.id}" data-event="${esc(value)}" title="load the default payload of ${esc(value)}">✎</a></span>`)
			.join('')}</div>
</section>`,
	).join('\n');
	return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sandbox events</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}
textarea{width:100%;font-family:monospace}
.events{display:flex;flex-wrap:wrap;gap:.4em;margin:.6em 0 1.5em}
.events span{white-space:nowrap}.events a{text-decoration:none;margin-left:.15em}
pre{background:#f4f4f4;padding:1em;white-space:pre-wrap}.ok{border-left:4px solid #2a2}.fail{border-left:4px solid #c22}
</style></head><body>
<h1>Fire provider events at the sandbox's triggers</h1>
<p>Each button sends the event through its simulator to the triggers listening for it: to the webhooks Daily and
Digital Samba Triggers registered in their simulators (signed as the providers sign them), and to the active MiroTalk
Triggers in n8n (with their credential's token). Activate the workflow first: a trigger that is not active receives
nothing. Default payloads refer to what the sandbox seeded: Daily room <code>${esc(seeds.dailyRoom)}</code> and its
recording <code>${esc(seeds.dailyRecordingId)}</code>, Digital Samba room <code>${esc(seeds.dsRoomName)}</code> and its
recording, MiroTalk room <code>${esc(seeds.miroTalkRoom)}</code>. From a terminal:
<code>npm run sandbox:event -- daily recording.ready-to-download</code>.</p>
<pre id="result">No event fired yet.</pre>
${sections}
<script>
const result = document.getElementById('result');
document.addEventListener('click', async (e) => {
	const button = e.target.closest('button[data-event]');
	const edit = e.target.closest('a[data-edit]');
	if (edit) {
		e.preventDefault();
		const r = await fetch('/events/' + edit.dataset.edit + '/' + encodeURIComponent(edit.dataset.event));
		document.getElementById('payload-' + edit.dataset.edit).value = JSON.stringify((await r.json()).payload, null, 2);
		return;
	}
	if (!button) return;
	result.className = '';
	result.textContent = 'Sending ' + button.dataset.event + ' …';
	const body = document.getElementById('payload-' + button.dataset.provider).value.trim();
	try {
		const r = await fetch('/events/' + button.dataset.provider + '/' + encodeURIComponent(button.dataset.event), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
		const answer = await r.json();
		result.className = answer.ok ? 'ok' : 'fail';
		result.textContent = answer.message + (answer.payload ? '\\n\\n' + (answer.delivered ? 'Payload sent:' : 'Payload:') + '\\n' + JSON.stringify(answer.payload, null, 2) : '');
	} catch (error) {
		result.className = 'fail';
		result.textContent = String(error);
	}
});
</script>
</body></html>`;
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
	res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
	res.end(typeof body === 'string' ? body : JSON.stringify(body, null, 2));
}

export async function startEventsPage(options: EventsPageOptions): Promise<EventsPage> {
	const { daily, ds, seeds } = options;

	async function fire(provider: Provider, event: string, given?: Record<string, unknown>): Promise<FireResult & { httpStatus: number }> {
		const info = PROVIDERS.find((p) => p.id === provider) as ProviderInfo;
		const payload = given ?? defaultPayload(provider, event, seeds);
		const outcome =
			provider === 'daily'
				? await fireDaily(daily, event, payload)
				: provider === 'digital-samba'
					? await fireDigitalSamba(ds, seeds, event, payload)
					: await fireMiroTalk(await options.miroTalkTriggers(), event, payload);
		const { webhooks } = outcome;
		const ok = webhooks.length > 0 && webhooks.every((w) => is2xx(w.status));
		const message = webhooks.length
			? `${info.name} ${event}: sent to ${webhooks.length} webhook${webhooks.length === 1 ? '' : 's'}: ${webhooks
					.map((w) => `${w.url} answered ${w.status === 0 ? '0 (no connection)' : w.status}`)
					.join('; ')}`
			: `${info.name} ${event}: not sent. ${outcome.why}.`;
		return { provider, event, payload, delivered: webhooks.length, webhooks, ok, message, httpStatus: webhooks.length ? 200 : 409 };
	}

	const server = createServer((req, res) => {
		void (async () => {
			const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
			if (req.method === 'GET' && path === '/') return send(res, 200, page(seeds), 'text/html');
			if (req.method === 'GET' && path === '/events') {
				return send(res, 200, {
					providers: PROVIDERS.map((p) => ({ provider: p.id, name: p.name, payload: p.payloadIs, events: p.events.map(([type, label]) => ({ type, label })) })),
				});
			}
			const match = /^\/events\/([^/]+)\/([^/]+)$/.exec(path);
			if (!match || (req.method !== 'POST' && req.method !== 'GET')) {
				return send(res, 404, { ok: false, message: 'Not found: GET / (the page), GET /events (the catalogue), POST /events/<provider>/<event> (fire one)' });
			}
			const provider = providerOf(match[1]);
			if (!provider) return send(res, 400, { ok: false, message: `Unknown provider ${match[1]}: one of ${PROVIDERS.map((p) => p.id).join(', ')}` });
			const info = PROVIDERS.find((p) => p.id === provider) as ProviderInfo;
			const event = match[2];
			if (!info.events.some(([value]) => value === event)) {
				return send(res, 400, { ok: false, message: `${info.name} has no event ${event}; its events: ${info.events.map(([value]) => value).join(', ')}` });
			}
			if (req.method === 'GET') return send(res, 200, { provider, event, payload: defaultPayload(provider, event, seeds) });
			const text = (await readBody(req)).trim();
			let payload: Record<string, unknown> | undefined;
			if (text) {
				try {
					payload = JSON.parse(text) as Record<string, unknown>;
				} catch (error) {
					return send(res, 400, { ok: false, message: `The payload is not JSON: ${(error as Error).message}` });
				}
				if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return send(res, 400, { ok: false, message: 'The payload must be a JSON object' });
			}
			const { httpStatus, ...result } = await fire(provider, event, payload);
			return send(res, httpStatus, result);
		})().catch((error: Error) => send(res, 500, { ok: false, message: `The events page failed: ${error.message}` }));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		fire,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
