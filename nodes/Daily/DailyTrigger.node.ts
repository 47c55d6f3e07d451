import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { send } from '../shared/http/send';
import { type ProviderTransport, type RetryPolicy, withRetryPolicy } from '../shared/model/provider';
import {
	deliveryScope,
	firstDelivery,
	generateSecret,
	headerValue,
	hmacSha256,
	jsonBody,
	rawBody,
	refuseMalformed,
	respond,
	safeEqual,
	timestampSeconds,
	withinWindow,
} from '../shared/triggers/webhook';
import { normalizedEvent, providerEvents } from '../shared/triggers/normalized';
import { startRunWith } from '../shared/triggers/include';
import { DAILY_INCLUSIONS } from './includes';
import { dailyNormalizedParts, NORMALIZED } from './events';
import { dailyTransport } from './transport';

interface DailyWebhook {
	uuid: string;
	url: string;
	hmac?: string;
	state?: string;
	eventTypes?: string[];
	retryType?: string;
}

interface StaticData {
	webhookId?: string;
	hmac?: string;
}

/**
 * The default replay window, in seconds, for a trigger that never set Replay Window. Daily signs X-Webhook-Timestamp
 * with the body, so the window bounds how long a captured delivery could be replayed; an hour leaves room for what
 * delays a genuine one: Daily's exponential retries (up to 5 tries, backoff capped at 15 min: reference/providers.md
 * §1.3), a backlog, a host clock that is off. It was 300 s before issue 22.
 */
export const DAILY_REPLAY_WINDOW_S = 3600;

/**
 * How this trigger's webhooks retry (Daily's `retryType`, POST /webhooks and POST /webhooks/{id}: the spec's
 * post_webhook and update_webhook schemas, enum circuit-breaker | exponential, default circuit-breaker). With
 * circuit-breaker three failed answers mark the webhook FAILED and deliveries stop until it is updated; exponential
 * retries each message (up to 5 tries, backoff capped at 15 min) and never trips the breaker (providers.md §1.3).
 */
export const DAILY_RETRY_TYPE = 'exponential';


/** A call to Daily's API through `transport` (the trigger's, with its retry policy). */
async function call(ctx: IHookFunctions, transport: ProviderTransport, method: 'GET' | 'POST' | 'DELETE', path: string, body?: IDataObject, acceptStatus?: number[]) {
	const credentials = (await ctx.getCredentials('dailyApi')) as IDataObject;
	// A body with the signing secret: kept out of any error, should Daily echo the body.
	const secrets = typeof body?.hmac === 'string' ? [body.hmac] : undefined;
	// Every call may be sent again: a create retried after a lost answer meets its own webhook (found by this
	// node's URL) and adopts it; updates and deletes are idempotent.
	return await send(ctx, transport, credentials, { method, path, body, acceptStatus, secrets, repeatable: true });
}

/** Daily's events for the Events chosen: a vocabulary word (Recording Ready) stands for the events it names. */
function chosenEvents(ctx: IHookFunctions | IWebhookFunctions): string[] {
	return providerEvents(ctx.getNodeParameter('events') as string[], NORMALIZED);
}

/** Daily's test request, sent to the URL before a webhook is created or updated: exactly `{"test":"test"}`. */
function isPing(body: IDataObject | undefined): boolean {
	return !!body && body.test === 'test' && Object.keys(body).length === 1;
}

function sameEvents(a: string[] | undefined, b: string[]): boolean {
	return !!a && a.length === b.length && b.every((e) => a.includes(e));
}

/** Daily's webhook signature: base64(HMAC-SHA256(base64-decoded secret, timestamp + "." + raw body)). */
export function dailySignature(secret: string, timestamp: string, body: Buffer): string {
	return hmacSha256(Buffer.from(secret, 'base64'), Buffer.concat([Buffer.from(`${timestamp}.`), body])).toString('base64');
}

/**
 * "Listen for test event" registers the node's test URL (/webhook-test/…). Daily allows one webhook per domain, so
 * while this node's production webhook is registered a test listen would have to delete or re-point it, and nothing
 * restores it when the test ends: refuse instead, and say what to do. Both URLs end in the node's webhook id and path.
 */
function refuseWhileProductionRegistered(ctx: IHookFunctions, hooks: DailyWebhook[], testUrl: string): void {
	const ownPath = `/${ctx.getNode().webhookId}/webhook`;
	const production = hooks.find((hook) => hook.url !== testUrl && typeof hook.url === 'string' && hook.url.endsWith(ownPath));
	if (!production) return;
	throw new NodeOperationError(ctx.getNode(), `This workflow's production webhook is registered with Daily (${production.url})`, {
		description:
			'Daily allows one webhook per domain, so listening for a test event would remove the production one. Deactivate the workflow to test here, or send the test event to the production URL and open it in the Executions list.',
	});
}

/** The webhook's lifecycle (n8n's checkExists, create and delete), its calls sent through `transport`. */
function lifecycle(transport: ProviderTransport) {
	return {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as StaticData;
				const url = this.getNodeWebhookUrl('default') as string;
				const events = chosenEvents(this);
				if (!data.webhookId || !data.hmac) return false;
				const { statusCode, body } = await call(this, transport, 'GET', `/webhooks/${encodeURIComponent(data.webhookId)}`, undefined, [404]);
				// Daily's spec answers an array of webhooks here, its docs prose one object: both are read.
				const hook = (Array.isArray(body) ? body[0] : body) as DailyWebhook | undefined;
				if (statusCode === 404 || !hook || hook.url !== url) {
					delete data.webhookId;
					delete data.hmac;
					return false;
				}
				// A changed event list, a webhook Daily put in FAILED state, or one registered with the circuit breaker
				// (before issue 22) is updated in place; the update makes Daily re-send its test request and re-activate
				// the webhook. update_webhook takes url, basicAuth, retryType, eventTypes and hmac (Daily's spec).
				if (hook.state === 'FAILED' || !sameEvents(hook.eventTypes, events) || hook.retryType !== DAILY_RETRY_TYPE) {
					await call(this, transport, 'POST', `/webhooks/${encodeURIComponent(data.webhookId)}`, { url, eventTypes: events, retryType: DAILY_RETRY_TYPE });
				}
				return true;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as StaticData;
				const url = this.getNodeWebhookUrl('default') as string;
				const events = chosenEvents(this);
				const { replaceExisting = false } = this.getNodeParameter('options', {}) as { replaceExisting?: boolean };
				if (!events.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event in Events');

				const listed = async () => {
					const { body } = await call(this, transport, 'GET', '/webhooks');
					return (Array.isArray(body) ? body : []) as DailyWebhook[];
				};
				const hmac = generateSecret(32);
				const adopt = async (hook: DailyWebhook) => {
					await call(this, transport, 'POST', `/webhooks/${encodeURIComponent(hook.uuid)}`, { url, eventTypes: events, hmac, retryType: DAILY_RETRY_TYPE });
					Object.assign(data, { webhookId: hook.uuid, hmac });
					return true;
				};
				const existing = await listed();
				if (this.getMode() === 'manual') refuseWhileProductionRegistered(this, existing, url);
				// This node's own URL (unique per node): a webhook it made before its static data was lost.
				const mine = existing.find((hook) => hook.url === url);
				if (mine) return await adopt(mine);
				if (replaceExisting) {
					for (const other of existing) await call(this, transport, 'DELETE', `/webhooks/${encodeURIComponent(other.uuid)}`, undefined, [404]);
				}
				// Daily sends a test request to the URL before it answers; webhook() answers it while we wait.
				const spec = { url, eventTypes: events, hmac, retryType: DAILY_RETRY_TYPE };
				const created = await call(this, transport, 'POST', '/webhooks', spec, [400]);
				if (created.statusCode !== 400) {
					Object.assign(data, { webhookId: (created.body as DailyWebhook).uuid, hmac });
					return true;
				}
				// A create retried after its answer was lost meets its own webhook: adopt it, never make a second.
				const now = await listed();
				const made = now.find((hook) => hook.url === url);
				if (made) return await adopt(made);
				const other = now.find((hook) => hook.url !== url);
				if (other) {
					throw new NodeOperationError(
						this.getNode(),
						`Daily allows one webhook per domain, and this domain already has one for ${other.url} (uuid ${other.uuid})`,
						{
							description:
								'Delete that webhook (Daily node → Webhook → Delete), or turn on "Replace Existing Webhook" in this trigger\'s options to replace it on activation.',
						},
					);
				}
				const info = String((created.body as IDataObject | undefined)?.info ?? 'the webhook was refused');
				throw new NodeOperationError(this.getNode(), `Daily refused the webhook: ${info}`);
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as StaticData;
				const url = this.getNodeWebhookUrl('default') as string;
				const { body } = await call(this, transport, 'GET', '/webhooks');
				// Also a webhook for this node's URL the static data does not know (an activation whose answer was
				// lost): the URL is this node's alone, so no one else's webhook is touched.
				const ids = new Set([data.webhookId, ...((Array.isArray(body) ? body : []) as DailyWebhook[]).filter((h) => h.url === url).map((h) => h.uuid)]);
				for (const id of ids) {
					// 404: already gone (deleted by hand); anything else is an error and is reported.
					if (id) await call(this, transport, 'DELETE', `/webhooks/${encodeURIComponent(id)}`, undefined, [404]);
				}
				delete data.webhookId;
				delete data.hmac;
				return true;
			},
		},
	};
}

export class DailyTrigger implements INodeType {
	/**
	 * n8n makes the trigger with `new DailyTrigger()`: its calls are retried as the kernel's defaultRetryPolicy says. A
	 * trigger made with a policy of its own (a test's, with waits of milliseconds) sends every call with it.
	 */
	constructor(private readonly retryPolicy?: RetryPolicy) {}

	description: INodeTypeDescription = {
		displayName: 'Daily Trigger',
		name: 'dailyTrigger',
		icon: { light: 'file:../../icons/daily.svg', dark: 'file:../../icons/daily.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Daily sends a webhook event (meetings, participants, recordings, transcripts …)',
		defaults: {
			name: 'Daily Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'dailyApi',
				required: true,
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'Daily allows one webhook per domain. Activating this workflow registers this node\'s URL with Daily; deactivating removes it.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [],
				// Written out so that n8n's lint and reviewers read them; equal to events.ts (trigger.test.ts checks).
				options: [
					{ name: 'Batch Processor Error', value: 'batch-processor.error' },
					{ name: 'Batch Processor Job Finished', value: 'batch-processor.job-finished' },
					{ name: 'Call Transfer Answered', value: 'calltransfer.answered' },
					{ name: 'Call Transfer Completed', value: 'calltransfer.completed' },
					{ name: 'Call Transfer Initiated', value: 'calltransfer.initiated' },
					{ name: 'Call Transfer Triggered', value: 'calltransfer.triggered' },
					{ name: 'Dial-In Connected', value: 'dialin.connected' },
					{ name: 'Dial-In Error', value: 'dialin.error' },
					{ name: 'Dial-In Ready', value: 'dialin.ready' },
					{ name: 'Dial-In Stopped', value: 'dialin.stopped' },
					{ name: 'Dial-In Warning', value: 'dialin.warning' },
					{ name: 'Dial-Out Answered', value: 'dialout.answered' },
					{ name: 'Dial-Out Connected', value: 'dialout.connected' },
					{ name: 'Dial-Out Error', value: 'dialout.error' },
					{ name: 'Dial-Out Stopped', value: 'dialout.stopped' },
					{ name: 'Dial-Out Warning', value: 'dialout.warning' },
					{ name: 'Meeting Ended', value: 'meeting.ended' },
					{ name: 'Meeting Started', value: 'meeting.started' },
					{ name: 'Normalized: Live Stream Ended', value: 'livestream.ended', description: 'The events whose normalized.event is livestream.ended, the name it has for every provider' },
					{ name: 'Normalized: Live Stream Started', value: 'livestream.started', description: 'The events whose normalized.event is livestream.started, the name it has for every provider' },
					{ name: 'Normalized: Recording Failed', value: 'recording.failed', description: 'The events whose normalized.event is recording.failed, the name it has for every provider' },
					{ name: 'Normalized: Recording Ready', value: 'recording.ready', description: 'The events whose normalized.event is recording.ready, the name it has for every provider' },
					{ name: 'Normalized: Transcript Ready', value: 'transcript.ready', description: 'The events whose normalized.event is transcript.ready, the name it has for every provider' },
					{ name: 'Normalized: Transcription Failed', value: 'transcription.failed', description: 'The events whose normalized.event is transcription.failed, the name it has for every provider' },
					{ name: 'Normalized: Transcription Started', value: 'transcription.started', description: 'The events whose normalized.event is transcription.started, the name it has for every provider' },
					{ name: 'Participant Joined', value: 'participant.joined' },
					{ name: 'Participant Left', value: 'participant.left' },
					{ name: 'Recording Error', value: 'recording.error' },
					{ name: 'Recording Ready to Download', value: 'recording.ready-to-download' },
					{ name: 'Recording Started', value: 'recording.started' },
					{ name: 'Streaming Ended', value: 'streaming.ended' },
					{ name: 'Streaming Error', value: 'streaming.error' },
					{ name: 'Streaming Started', value: 'streaming.started' },
					{ name: 'Streaming Updated', value: 'streaming.updated' },
					{ name: 'Transcript Error', value: 'transcript.error' },
					{ name: 'Transcript Ready to Download', value: 'transcript.ready-to-download' },
					{ name: 'Transcript Started', value: 'transcript.started' },
					{ name: 'Waiting Participant Joined', value: 'waiting-participant.joined' },
					{ name: 'Waiting Participant Left', value: 'waiting-participant.left' },
				],
				description: 'The events that start the workflow',
			},
			{
				displayName: 'Room Name',
				name: 'roomName',
				type: 'string',
				default: '',
				description:
					'Only events of this room; leave empty for every room of the domain. Events that name no room (Recording Started, the Streaming events, the Batch Processor events) still pass, with room null, unless Drop Events Without a Room is on.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Drop Events Without a Room',
						name: 'dropRoomless',
						type: 'boolean',
						default: false,
						description:
							'Whether events that name no room (Recording Started, the Streaming events, the Batch Processor events) are dropped when a Room Name is set; by default they pass with room null',
					},
					// Written out for n8n's lint; equal to includeOptions(DAILY_INCLUSIONS) (trigger.include.test.ts checks).
					{
						displayName: 'Include',
						name: 'include',
						type: 'multiOptions',
						default: [],
						options: [
							{ name: 'Attendance (Meeting Ended)', value: 'attendance', description: 'Meeting → Get Attendance\'s summary: start, end, attendee count, peak concurrency, and each person' },
							{ name: 'Job Outputs (Batch Processor Job Finished)', value: 'jobOutputs', description: 'The job\'s transcript as text and segments, and its summary, from its output links' },
							{ name: 'Recording (Recording Ready to Download)', value: 'recording', description: 'A fresh download link and when it expires; the file itself with Include Files' },
							{ name: 'Transcript (Transcript Ready to Download)', value: 'transcript', description: 'The transcript as "Speaker: text" lines and as timed segments; the WebVTT file with Include Files' },
						],
						description:
							'What to fetch and put on the item for the events that announce it. The provider is answered first; the run starts once everything is fetched (asked again for up to 10 minutes while the provider says it is not ready). What cannot be fetched is named in artefactError, and the run starts with the event.',
					},
					{
						displayName: 'Include Files',
						name: 'includeFiles',
						type: 'boolean',
						default: false,
						description: 'Whether the recording\'s or transcript\'s file is attached as binary data (field "data"), streamed to n8n\'s binary storage',
					},
					{
						displayName: 'Include Files in Test Mode',
						name: 'includeFilesInTest',
						type: 'boolean',
						default: false,
						description: 'Whether "Listen for test event" downloads the files too; by default a test run fetches everything else and names the file it left out',
					},
					{
						displayName: 'Replace Existing Webhook',
						name: 'replaceExisting',
						type: 'boolean',
						default: false,
						description:
							'Whether to delete the domain\'s webhook for another URL when activating (Daily allows only one); otherwise activation fails and says which one exists',
					},
					{
						displayName: 'Replay Window (Seconds)',
						name: 'replayWindow',
						type: 'number',
						typeOptions: { minValue: 10 },
						default: DAILY_REPLAY_WINDOW_S,
						description:
							'Deliveries whose signed timestamp is further from now than this (either way) are refused with 401. Default 3600 (one hour): Daily signs the timestamp, so the window bounds how long a copied delivery could be replayed, while a genuine one delayed by Daily\'s retries, a backlog or a clock that is off still runs. Duplicates are recognised for the whole window and answered without a second run.',
					},
				],
			},
		],
	};

	webhookMethods = lifecycle(withRetryPolicy(dailyTransport, this.retryPolicy));

	webhook = deliveries(withRetryPolicy(dailyTransport, this.retryPolicy));
}

/** The trigger's webhook(): verifies a delivery and starts its run, fetching what Include asks with `transport`. */
function deliveries(transport: ProviderTransport) {
	return async function webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const raw = rawBody(this);
		// Daily's test request while it registers or updates the webhook: 200 whatever its content type, before any
		// check that could refuse it (a failed ping fails the registration), and no run.
		if (raw.length <= 64 && isPing(jsonBody(raw))) return respond(this, 200, 'ok');
		// Signed over the raw bytes and parsed from them: a correctly signed delivery runs whatever its content type
		// (Daily documents none for its events).
		const malformed = refuseMalformed(this, raw, { anyContentType: true });
		if (malformed) return malformed;

		const headers = this.getHeaderData() as IDataObject;
		const signature = headerValue(headers, 'x-webhook-signature');
		const timestamp = headerValue(headers, 'x-webhook-timestamp');
		const { hmac } = this.getWorkflowStaticData('node') as StaticData;
		if (!signature || !timestamp || !hmac) return respond(this, 401, 'missing signature');
		const { replayWindow = DAILY_REPLAY_WINDOW_S, dropRoomless = false } = this.getNodeParameter('options', {}) as { replayWindow?: number; dropRoomless?: boolean };
		// Seconds or milliseconds (the unit is disputed): judged by magnitude; the signature covers the text as sent.
		if (!withinWindow(timestampSeconds(timestamp), replayWindow)) return respond(this, 401, 'timestamp outside the replay window');
		if (!safeEqual(signature, dailySignature(hmac, timestamp, raw))) return respond(this, 401, 'invalid signature');
		const event = jsonBody(raw);
		if (!event || typeof event.type !== 'string') return respond(this, 400, 'body is not a Daily event');

		const events = chosenEvents(this);
		const payload = (event.payload ?? {}) as IDataObject;
		const room = (payload.room ?? payload.room_name) as string | undefined;
		const roomFilter = this.getNodeParameter('roomName', '') as string;
		if (!events.includes(event.type)) return respond(this, 200, 'ignored');
		// Some events carry no room (recording.started, streaming.*, batch-processor.*): they pass unless asked not to.
		if (roomFilter && (room === undefined ? dropRoomless : room !== roomFilter)) return respond(this, 200, 'ignored');

		// Daily may deliver an event twice: the same signed bytes, or the same event id. 200, and no second run.
		// Remembered for twice the window: the same bytes pass the timestamp check only within the window either side
		// of their signed time, so two arrivals of them are at most two windows apart, and none runs twice.
		const keys = [`${timestamp}.${raw.toString('utf8')}`, ...(typeof event.id === 'string' ? [`id:${event.id}`] : [])];
		if (!firstDelivery(deliveryScope(this), keys, 2 * replayWindow * 1000)) return respond(this, 200, 'duplicate');

		const seconds = Number(event.event_ts);
		const occurredAt = Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : null;
		const json: IDataObject = {
			...event,
			eventType: event.type,
			room: room ?? null,
			occurredAt,
			// The same fields for every provider's trigger (issue 28); events.ts maps Daily's events and payloads.
			normalized: normalizedEvent('daily', NORMALIZED, event.type, dailyNormalizedParts(event.type, payload), occurredAt) as unknown as IDataObject,
		};
		// With Include, the provider is answered first and the run starts once the artefact is fetched (includes.ts).
		return await startRunWith(this, transport, DAILY_INCLUSIONS, event.type, json, event);
	};
}
