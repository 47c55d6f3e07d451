import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { firstText, normalizedEvent, objectOf, providerEvents, type NormalizedEventName, type NormalizedParts } from '../shared/triggers/normalized';
import { jsonBody, rawBody, refuseMalformed, respond, safeEqual, startRun } from '../shared/triggers/webhook';

/** MiroTalk's webhook events, as the Events parameter lists them. */
const EVENTS = ['join', 'exit', 'disconnect'];

/**
 * MiroTalk's events in the packages' common vocabulary (the trigger's `normalized.event`). `exit` (the peer leaves the
 * room) and `disconnect` (its socket drops) both end the peer's presence: SFU sends one or the other for a departure
 * (exitRoom clears the socket's room, and disconnect then finds none), P2P only disconnect.
 */
export const NORMALIZED: Readonly<Record<string, NormalizedEventName>> = {
	join: 'participant.joined',
	exit: 'participant.left',
	disconnect: 'participant.left',
};

/**
 * Room, session and participant of a MiroTalk delivery's `data`, as the servers build it (test/simulators/
 * mirotalkWebhooks.ts; reference/providers.md §3.2, §3.3):
 * - room: SFU's `room_id` and P2P's disconnect `room_id`, P2P's join `channel`. A MiroTalk room is known by its name
 *   alone, so it is both the id and the name.
 * - session: SFU's `session_id`; P2P sends none.
 * - participant: SFU's `peer_info` (join) or `peer` (exit, disconnect), with `peer_uuid`, `peer_id` and `peer_name`;
 *   P2P's join carries `peer_uuid` and `peer_name` at the top of `data` (its `peer_info` is the device); P2P's
 *   disconnect names no peer (its `peer` is the room again), so every field is null. No event carries a user id.
 */
export function miroTalkNormalizedParts(data: IDataObject): NormalizedParts {
	const room = firstText(data.room_id, data.channel);
	const peer = { ...objectOf(data.peer_info), ...objectOf(data.peer) };
	return {
		room: { id: room, name: room },
		sessionId: firstText(data.session_id),
		participant: {
			id: firstText(peer.peer_uuid, data.peer_uuid, peer.peer_id, data.peer_id),
			userId: null,
			name: firstText(peer.peer_name, data.peer_name),
		},
	};
}

/**
 * MiroTalk's `Logger.getDateTime(false)` text, read in the server's zone: `toLocaleString('en-US', {timeZone,
 * hour12: false})` plus `:<ms>`, e.g. "8/21/2026, 18:31:37:123". With hour12 false, ICU's h24 cycle prints the
 * hour after midnight as 24 of the same day ("8/21/2026, 24:05:07:009" is 00:05 on the 21st), read as 00.
 */
export function miroTalkTime(text: unknown, zone: string): string | null {
	if (typeof text !== 'string') return null;
	const normalised = text.trim().replace(/, 24:/, ', 00:');
	for (const format of ['M/d/yyyy, H:mm:ss:SSS', 'M/d/yyyy, H:mm:ss']) {
		const parsed = DateTime.fromFormat(normalised, format, { zone });
		if (parsed.isValid) return parsed.toUTC().toISO();
	}
	const fallback = Date.parse(text);
	return Number.isNaN(fallback) ? null : new Date(fallback).toISOString();
}

/** Keys of a delivery that are credentials: a participant's join token, and P2P's room password (`channel_password`). */
function withoutSecrets(value: unknown, keepPeerToken: boolean): unknown {
	if (Array.isArray(value)) return value.map((inner) => withoutSecrets(inner, keepPeerToken));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value as IDataObject)
				.filter(([key]) => key !== 'channel_password' && (keepPeerToken || key !== 'peer_token'))
				.map(([key, inner]) => [key, withoutSecrets(inner, keepPeerToken)]),
		);
	}
	return value;
}

/**
 * The secret a delivery must carry as ?token=: from the MiroTalk credential (version 1.1), or from the node's own
 * parameter in workflows saved by version 1 (where an empty value meant no check).
 */
async function expectedToken(ctx: IHookFunctions | IWebhookFunctions): Promise<string> {
	if (ctx.getNode().typeVersion < 1.1) return ctx.getNodeParameter('token', '') as string;
	const credentials = await ctx.getCredentials('miroTalkApi');
	return String(credentials.webhookToken ?? '');
}

export class MiroTalkTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MiroTalk Trigger',
		name: 'miroTalkTrigger',
		icon: { light: 'file:../../icons/miroTalk.svg', dark: 'file:../../icons/miroTalk.dark.svg' },
		group: ['trigger'],
		// 1.1: the secret token lives in the MiroTalk credential, no longer in the workflow.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow when a self-hosted MiroTalk SFU or P2P server reports a participant joining or leaving',
		defaults: {
			name: 'MiroTalk Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'miroTalkApi',
				required: true,
				displayOptions: { show: { '@version': [1.1] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'mirotalk',
			},
		],
		properties: [
			{
				displayName:
					'MiroTalk has no API to register webhooks. Copy this node\'s Production URL and append ?token= and the Webhook Token of the chosen credential. On SFU set WEBHOOK_ENABLED=true and WEBHOOK_URL to it; on P2P set webhook.enabled and webhook.url in app/src/config.js. MiroTalk neither signs nor retries: the token is the only guard.',
				name: 'notice',
				type: 'notice',
				default: '',
				displayOptions: { show: { '@version': [1.1] } },
			},
			{
				displayName:
					'MiroTalk has no API to register webhooks. Copy this node\'s Production URL (it holds a random segment unique to this node) and, if you set a Secret Token, append ?token=YOUR_TOKEN. On SFU set WEBHOOK_ENABLED=true and WEBHOOK_URL to it; on P2P set config.webhook.enabled and config.webhook.url.',
				name: 'notice',
				type: 'notice',
				default: '',
				displayOptions: { show: { '@version': [1] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				default: ['join', 'exit', 'disconnect'],
				options: [
					{ name: 'Disconnect', value: 'disconnect', description: "A participant's connection dropped" },
					{ name: 'Exit', value: 'exit', description: 'A participant left a room (SFU only)' },
					{ name: 'Join', value: 'join', description: 'A participant joined a room' },
					{ name: 'Normalized: Participant Joined', value: 'participant.joined', description: 'The events whose normalized.event is participant.joined, the name it has for every provider' },
					{ name: 'Normalized: Participant Left', value: 'participant.left', description: 'The events whose normalized.event is participant.left, the name it has for every provider' },
				],
				description: 'The events that start the workflow',
			},
			{
				displayName: 'Secret Token',
				name: 'token',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'If set, deliveries must carry ?token= with this value (MiroTalk cannot sign its requests); use a long random value, e.g. from openssl rand -hex 24. Kept in the workflow: version 1.1 of this node keeps it in the credential instead.',
				displayOptions: { show: { '@version': [1] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Keep Peer Token',
						name: 'keepPeerToken',
						type: 'boolean',
						default: false,
						description:
							"Whether to keep the participant's peer_token in the output (removed by default: it is a credential). P2P's room password (channel_password) is always removed.",
					},
					{
						displayName: 'Server Time Zone',
						name: 'timeZone',
						type: 'string',
						default: 'UTC',
						description: 'The IANA time zone of the MiroTalk server, used to read its local timestamps, e.g. Europe/Rome',
					},
				],
			},
		],
	};

	/**
	 * MiroTalk has no API for webhooks: its URL is set in the server's configuration. Activation still checks the
	 * node's settings and records the URL it serves, so a bad configuration fails at activation, not at delivery.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				return data.url === this.getNodeWebhookUrl('default');
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const events = providerEvents(this.getNodeParameter('events', []) as string[], NORMALIZED);
				if (!events.length) {
					throw new NodeOperationError(this.getNode(), `Choose at least one event in Events (${EVENTS.join(', ')})`);
				}
				if (this.getNode().typeVersion >= 1.1 && !(await expectedToken(this))) {
					throw new NodeOperationError(this.getNode(), 'The MiroTalk credential has no Webhook Token', {
						description: 'MiroTalk cannot sign its deliveries: set a long random Webhook Token in the credential (e.g. from openssl rand -hex 24) and append ?token=<it> to the URL in the server\'s configuration.',
					});
				}
				this.getWorkflowStaticData('node').url = this.getNodeWebhookUrl('default');
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				delete this.getWorkflowStaticData('node').url;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const token = await expectedToken(this);
		const given = (this.getQueryData() as IDataObject).token;
		const unguarded = !token && this.getNode().typeVersion < 1.1;
		if (!unguarded && (!token || typeof given !== 'string' || !safeEqual(given, token))) return respond(this, 401, 'invalid token');

		const raw = rawBody(this);
		const malformed = refuseMalformed(this, raw);
		if (malformed) return malformed;
		const body = jsonBody(raw);
		const eventType = body?.event;
		if (!body || typeof eventType !== 'string' || typeof body.data !== 'object') {
			return respond(this, 400, 'body is not a MiroTalk event');
		}
		const events = providerEvents(this.getNodeParameter('events', []) as string[], NORMALIZED);
		if (!events.includes(eventType)) return respond(this, 200, 'ignored');
		// No replay check by body: MiroTalk neither signs nor retries, and two genuine P2P disconnects in one
		// millisecond have equal bodies (no peer identity in them). The token is the guard.

		const { keepPeerToken = false, timeZone = 'UTC' } = this.getNodeParameter('options', {}) as { keepPeerToken?: boolean; timeZone?: string };
		const event = withoutSecrets(body, keepPeerToken) as IDataObject;
		const data = (event.data ?? {}) as IDataObject;
		const occurredAt = miroTalkTime(data.timestamp, timeZone);
		return startRun(this, {
			...event,
			eventType,
			// SFU events and P2P's disconnect name the room in room_id; P2P's join is the client's join config (channel).
			room: (data.room_id ?? data.channel ?? null) as string | null,
			occurredAt,
			// The same fields for every provider's trigger (issue 28): every MiroTalk event is about one participant.
			normalized: normalizedEvent('miroTalk', NORMALIZED, eventType, miroTalkNormalizedParts(data), occurredAt) as unknown as IDataObject,
		});
	}
}
