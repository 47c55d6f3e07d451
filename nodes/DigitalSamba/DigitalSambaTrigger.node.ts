import type {
	IDataObject,
	IHookFunctions,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { RequestSpec } from '../shared/model/descriptor';
import { type RequestingFunctions, send } from '../shared/http/send';
import { paginate } from '../shared/http/paginate';
import { type ProviderTransport, type RetryPolicy, withRetryPolicy } from '../shared/model/provider';
import {
	deliveryScope,
	firstDelivery,
	generateSecret,
	headerValue,
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
import { digitalSambaNormalizedParts, NORMALIZED } from './events';
import { DIGITAL_SAMBA_INCLUSIONS } from './includes';
import { ENDPOINT_MAX } from './resources/webhook';
import { digitalSambaTransport, dsOffset } from './transport';

interface Hook {
	id: string;
	endpoint: string;
	events?: string[];
	authorization_header?: string | null;
}

/**
 * The default replay window: 0, no timestamp check, for a trigger that never set Replay Window (300 s before issue
 * 22). The bearer secret is the authentication; the body's timestamp is not signed (Digital Samba has no signature:
 * reference/providers.md §2.3), so a copied delivery carries the secret and any timestamp its copier likes, and the
 * check protects nothing, while it refused genuine deliveries that arrive late (a backlog, a retry after an n8n
 * outage, a host clock that is off) or carry no timestamp.
 */
export const DS_REPLAY_WINDOW_S = 0;

/** How long a delivery that started a run is remembered, so that the same one again runs no second time: 24 hours. */
export const DS_DUPLICATE_MEMORY_S = 24 * 3600;

/**
 * The event a delivery carries, whatever its bytes: its JSON with keys sorted at every level. A delivery sent again
 * re-serialised (other key order or spacing) is the same event; Digital Samba's events carry no id (providers.md §2.3).
 */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.keys(value as object).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson((value as IDataObject)[key])}`);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

interface StaticData {
	webhookId?: string;
	secret?: string;
}


/** A call to Digital Samba's API through `transport` (the trigger's, with its retry policy). */
async function call(ctx: RequestingFunctions, transport: ProviderTransport, spec: RequestSpec) {
	const credentials = (await (ctx as IHookFunctions).getCredentials('digitalSambaApi')) as IDataObject;
	// A body with the webhook secret: kept out of any error, should Digital Samba echo the body.
	const secret = (spec.body as IDataObject | undefined)?.authorization_header;
	return await send(ctx, transport, credentials, typeof secret === 'string' ? { ...spec, secrets: [secret] } : spec);
}

function chosenEvents(ctx: IHookFunctions | IWebhookFunctions): string[] {
	const source = ctx.getNodeParameter('eventSource', 'documented') as string;
	// A vocabulary word (Recording Ready) stands for the events it names.
	return providerEvents(ctx.getNodeParameter(source === 'live' ? 'liveEvents' : 'events', []) as string[], NORMALIZED);
}

/** Every webhook of the team: GET /webhooks, through its offset pages as Webhook → Get Many reads them. */
async function listHooks(ctx: IHookFunctions, transport: ProviderTransport): Promise<Hook[]> {
	const hooks: Hook[] = [];
	const pages = paginate(async (spec) => await call(ctx, transport, spec), { method: 'GET', path: '/webhooks', repeatable: true }, dsOffset);
	for await (const hook of pages) hooks.push(hook as unknown as Hook);
	return hooks;
}

/**
 * The secret from an Authorization header. Digital Samba puts "Bearer " before the stored value itself (its docs
 * and its own receiver); a value stored with a prefix (as this trigger's first release registered it) arrives as
 * "Bearer Bearer <secret>", and the skill's example compares the header verbatim: any number of prefixes is removed.
 */
function bearerValue(header: string): string {
	return header.replace(/^(\s*Bearer\s+)+/i, '').trim();
}

/** The Events dropdown under Load From Account: the events GET /events lists for the team, through `transport`. */
function teamEvents(transport: ProviderTransport) {
	return async function getEvents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const { body } = await call(this, transport, { method: 'GET', path: '/events', repeatable: true });
		return (Array.isArray(body) ? (body as string[]) : []).map((name) => ({ name, value: name }));
	};
}

/** The webhook's lifecycle (n8n's checkExists, create and delete), its calls sent through `transport`. */
function lifecycle(transport: ProviderTransport) {
	return {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as StaticData;
				if (!data.webhookId || !data.secret) return false;
				const { statusCode, body } = await call(this, transport, { method: 'GET', path: `/webhooks/${encodeURIComponent(data.webhookId)}`, acceptStatus: [404], repeatable: true });
				if (statusCode === 404 || (body as Hook).endpoint !== this.getNodeWebhookUrl('default')) {
					delete data.webhookId;
					delete data.secret;
					return false;
				}
				return true;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as StaticData;
				const endpoint = this.getNodeWebhookUrl('default') as string;
				const events = chosenEvents(this);
				if (!events.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event in Events');
				if (endpoint.length > ENDPOINT_MAX) {
					throw new NodeOperationError(this.getNode(), `This workflow's webhook URL is ${endpoint.length} characters long; Digital Samba accepts at most ${ENDPOINT_MAX}`, {
						description: 'n8n builds the URL from its public address (the WEBHOOK_URL setting): a shorter one fits',
					});
				}
				const { name } = this.getNodeParameter('options', {}) as { name?: string };
				const secret = generateSecret(32, 'hex');
				const body = {
					endpoint,
					events,
					name: (name || `n8n: ${this.getWorkflow().name ?? 'workflow'}`).slice(0, 100).padEnd(3, '.'),
					// Bare: Digital Samba adds "Bearer " when it delivers.
					authorization_header: secret,
				};
				// A webhook for this node's own URL (static data lost) is adopted, not duplicated.
				const existing = (await listHooks(this, transport)).find((hook) => hook.endpoint === endpoint);
				// A create retried after a lost answer may make a second webhook for this URL: removed below.
				const { body: hook, ambiguous } = existing
					? await call(this, transport, { method: 'PATCH', path: `/webhooks/${encodeURIComponent(existing.id)}`, body, repeatable: true })
					: await call(this, transport, { method: 'POST', path: '/webhooks', body, repeatable: true });
				const webhookId = (hook as Hook).id ?? existing?.id;
				Object.assign(data, { webhookId, secret });
				// A create retried after a lost answer may have made one before this one: keep only this one.
				if (!existing && ambiguous) {
					for (const extra of (await listHooks(this, transport)).filter((h) => h.endpoint === endpoint && h.id !== webhookId)) {
						await call(this, transport, { method: 'DELETE', path: `/webhooks/${encodeURIComponent(extra.id)}`, acceptStatus: [404], repeatable: true });
					}
				}
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node') as StaticData;
				const endpoint = this.getNodeWebhookUrl('default') as string;
				// Also any webhook for this node's URL the static data does not know (an activation whose answer was
				// lost): the URL is this node's alone, so no one else's webhook is touched.
				const ids = new Set([data.webhookId, ...(await listHooks(this, transport)).filter((h) => h.endpoint === endpoint).map((h) => h.id)]);
				for (const id of ids) {
					// 404: already gone; any other failure is reported, never swallowed.
					if (id) await call(this, transport, { method: 'DELETE', path: `/webhooks/${encodeURIComponent(id)}`, acceptStatus: [404], repeatable: true });
				}
				delete data.webhookId;
				delete data.secret;
				return true;
			},
		},
	};
}

export class DigitalSambaTrigger implements INodeType {
	/**
	 * n8n makes the trigger with `new DigitalSambaTrigger()`: its calls are retried as the kernel's defaultRetryPolicy
	 * says. A trigger made with a policy of its own (a test's, with waits of milliseconds) sends every call with it.
	 */
	constructor(private readonly retryPolicy?: RetryPolicy) {}

	description: INodeTypeDescription = {
		displayName: 'Digital Samba Trigger',
		name: 'digitalSambaTrigger',
		icon: { light: 'file:../../icons/digitalSamba.svg', dark: 'file:../../icons/digitalSamba.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow when Digital Samba sends a webhook event (sessions, participants, recordings, Q&A, library …)',
		defaults: {
			name: 'Digital Samba Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'digitalSambaApi',
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
				displayName: 'Event List',
				name: 'eventSource',
				type: 'options',
				default: 'documented',
				options: [
					{ name: 'Documented Events', value: 'documented', description: 'The 39 events Digital Samba documents' },
					{ name: 'Load From Account', value: 'live', description: 'The list GET /events returns for your team now' },
				],
				description: 'Where the list of events to choose from comes from',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [],
				// Written out so that n8n's lint and reviewers read them; equal to events.ts (trigger.test.ts checks).
				options: [
					{ name: 'Answer Deleted', value: 'answer_deleted' },
					{ name: 'Answer Updated', value: 'answer_updated' },
					{ name: 'File Added to Library', value: 'file_added_to_library' },
					{ name: 'File Deleted From Library', value: 'file_deleted_from_library' },
					{ name: 'File Processing Failed', value: 'file_processing_failed' },
					{ name: 'File Renamed', value: 'file_renamed' },
					{ name: 'Folder Added to Library', value: 'folder_added_to_library' },
					{ name: 'Folder Deleted From Library', value: 'folder_deleted_from_library' },
					{ name: 'Folder Renamed', value: 'folder_renamed' },
					{ name: 'Normalized: Meeting Ended', value: 'meeting.ended', description: 'The events whose normalized.event is meeting.ended, the name it has for every provider' },
					{ name: 'Normalized: Meeting Started', value: 'meeting.started', description: 'The events whose normalized.event is meeting.started, the name it has for every provider' },
					{ name: 'Normalized: Participant Joined', value: 'participant.joined', description: 'The events whose normalized.event is participant.joined, the name it has for every provider' },
					{ name: 'Normalized: Participant Left', value: 'participant.left', description: 'The events whose normalized.event is participant.left, the name it has for every provider' },
					{ name: 'Normalized: Recording Ready', value: 'recording.ready', description: 'The events whose normalized.event is recording.ready, the name it has for every provider' },
					{ name: 'Normalized: Recording Started', value: 'recording.started', description: 'The events whose normalized.event is recording.started, the name it has for every provider' },
					{ name: 'Normalized: Recording Stopped', value: 'recording.stopped', description: 'The events whose normalized.event is recording.stopped, the name it has for every provider' },
					{ name: 'Normalized: Summary Ready', value: 'summary.ready', description: 'The events whose normalized.event is summary.ready, the name it has for every provider' },
					{ name: 'Normalized: Transcript Ready', value: 'transcript.ready', description: 'The events whose normalized.event is transcript.ready, the name it has for every provider' },
					{ name: 'Participant Avatar Deleted', value: 'participant_avatar_deleted' },
					{ name: 'Participant Avatar Uploaded', value: 'participant_avatar_uploaded' },
					{ name: 'Participant Hand Lowered', value: 'participant_hand_lowered' },
					{ name: 'Participant Hand Raised', value: 'participant_hand_raised' },
					{ name: 'Participant Invited', value: 'participant_invited' },
					{ name: 'Participant Joined', value: 'participant_joined' },
					{ name: 'Participant Left', value: 'participant_left' },
					{ name: 'Participant Waiting Joined', value: 'participant_waiting_joined' },
					{ name: 'Participant Waiting Left', value: 'participant_waiting_left' },
					{ name: 'Phone Participant Asked to Unmute', value: 'phone_participant_asked_to_unmute' },
					{ name: 'Phone Participant Muted', value: 'phone_participant_muted' },
					{ name: 'Phone Participant Unmuted', value: 'phone_participant_unmuted' },
					{ name: 'Question Answered', value: 'question_answered' },
					{ name: 'Question Asked', value: 'question_asked' },
					{ name: 'Question Deleted', value: 'question_deleted' },
					{ name: 'Question Dismissed', value: 'question_dismissed' },
					{ name: 'Question Reopened', value: 'question_reopened' },
					{ name: 'Question Updated', value: 'question_updated' },
					{ name: 'Recording Deleted', value: 'recording_deleted' },
					{ name: 'Recording Ready', value: 'recording_ready' },
					{ name: 'Recording Started', value: 'recording_started' },
					{ name: 'Recording Stopped', value: 'recording_stopped' },
					{ name: 'Role Deleted', value: 'role_deleted' },
					{ name: 'Room Deleted', value: 'room_deleted' },
					{ name: 'Room Locked', value: 'room_locked' },
					{ name: 'Room Unlocked', value: 'room_unlocked' },
					{ name: 'Session Ended', value: 'session_ended' },
					{ name: 'Session Started', value: 'session_started' },
					{ name: 'Session Summary Ready', value: 'session_summary_ready' },
					{ name: 'Session Transcript Ready', value: 'session_transcript_ready' },
				],
				displayOptions: { show: { eventSource: ['documented'] } },
				description: 'The events that start the workflow',
			},
			{
				displayName: 'Event Names or IDs',
				name: 'liveEvents',
				type: 'multiOptions',
				required: true,
				default: [],
				typeOptions: { loadOptionsMethod: 'getEvents' },
				displayOptions: { show: { eventSource: ['live'] } },
				description:
					'The events that start the workflow. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					// Written out for n8n's lint; equal to includeOptions(DIGITAL_SAMBA_INCLUSIONS) (trigger.include.test.ts checks).
					{
						displayName: 'Include',
						name: 'include',
						type: 'multiOptions',
						default: [],
						options: [
							{ name: 'Attendance (Session Ended)', value: 'attendance', description: 'Session → Get Attendance\'s summary: start, end, attendee count, peak concurrency, and each person' },
							{ name: 'Recording (Recording Ready)', value: 'recording', description: 'A fresh download link and when it expires; the file itself with Include Files' },
							{ name: 'Summary (Session Summary Ready)', value: 'summary', description: 'The session\'s AI summary text, as Summary → Get gives it' },
							{ name: 'Transcript (Session Transcript Ready)', value: 'transcript', description: 'The transcript as "Speaker: text" lines and as timed segments; the text export with Include Files' },
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
						displayName: 'Replay Window (Seconds)',
						name: 'replayWindow',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: DS_REPLAY_WINDOW_S,
						description:
							'Off (0) by default: the bearer secret authenticates a delivery, and Digital Samba does not sign its timestamp, so a copied delivery would carry the secret and pass this check anyway, while genuine deliveries that arrive late (a backlog, a retry after an n8n outage, a clock that is off) or carry no timestamp would be refused. Set a number of seconds to refuse, with 401, deliveries whose timestamp is missing or further from now than that. Duplicates (the same bytes or the same event) are recognised for 24 hours either way and answered without a second run.',
					},
					{
						displayName: 'Webhook Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'Name of the webhook in Digital Samba (3–100 characters); defaults to "n8n: " and the workflow name',
					},
				],
			},
		],
	};

	private readonly transport = withRetryPolicy(digitalSambaTransport, this.retryPolicy);

	methods = { loadOptions: { getEvents: teamEvents(this.transport) } };

	webhookMethods = lifecycle(this.transport);

	webhook = deliveries(this.transport);
}

/** The trigger's webhook(): checks a delivery and starts its run, fetching what Include asks with `transport`. */
function deliveries(transport: ProviderTransport) {
	return async function webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const raw = rawBody(this);
		const malformed = refuseMalformed(this, raw);
		if (malformed) return malformed;
		const headers = this.getHeaderData() as IDataObject;
		const { secret } = this.getWorkflowStaticData('node') as StaticData;
		const authorization = headerValue(headers, 'authorization');
		if (!secret || !authorization) return respond(this, 401, 'missing authorization');
		if (!safeEqual(bearerValue(authorization), secret)) return respond(this, 401, 'invalid authorization');

		const event = jsonBody(raw);
		const eventType = (event?.eventType ?? event?.event) as string | undefined;
		if (!event || typeof eventType !== 'string') return respond(this, 400, 'body is not a Digital Samba event');

		const { replayWindow = DS_REPLAY_WINDOW_S } = this.getNodeParameter('options', {}) as { replayWindow?: number };
		// The docs page sends unix seconds; the skill's example an ISO time: both are read.
		const timestamp = event.timestamp;
		const seconds = typeof timestamp === 'string' && !/^\d+(\.\d+)?$/.test(timestamp) ? Date.parse(timestamp) / 1000 : timestampSeconds(timestamp);
		// Only when asked for (off by default, see DS_REPLAY_WINDOW_S): the timestamp is not signed.
		if (replayWindow > 0 && !withinWindow(seconds, replayWindow)) return respond(this, 401, 'timestamp outside the replay window');
		if (!chosenEvents(this).includes(eventType)) return respond(this, 200, 'ignored');
		// Digital Samba's retries are undocumented: the same event again (the same bytes, or re-serialised) is a
		// duplicate for 24 hours (or twice the replay window, if longer), answered 200 with no run. One key covers
		// both: equal bytes are an equal event.
		const keepMs = Math.max(DS_DUPLICATE_MEMORY_S, 2 * replayWindow) * 1000;
		let key: string | Buffer;
		try {
			key = `event:${canonicalJson(event)}`;
		} catch {
			key = raw; // nested too deep to walk: its bytes, then
		}
		if (!firstDelivery(deliveryScope(this), [key], keepMs)) return respond(this, 200, 'duplicate');

		const data = (event.data ?? {}) as IDataObject;
		const occurredAt = Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : null;
		const json: IDataObject = {
			...event,
			eventType,
			room: (event.roomId ?? data.room_id ?? data.roomId ?? null) as string | null,
			occurredAt,
			// The same fields for every provider's trigger (issue 28); events.ts maps Digital Samba's events and payloads.
			normalized: normalizedEvent('digitalSamba', NORMALIZED, eventType, digitalSambaNormalizedParts(eventType, event), occurredAt) as unknown as IDataObject,
		};
		// With Include, Digital Samba is answered first and the run starts once the artefact is fetched (includes.ts).
		return await startRunWith(this, transport, DIGITAL_SAMBA_INCLUSIONS, eventType, json, event);
	};
}
