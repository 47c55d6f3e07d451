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
import { deliveryScope, firstDelivery, jsonObject, rawBody, refuseMalformed, respond, safeEqual, startRun } from '../shared/webhook';

/** MiroTalk cannot sign, so a copied delivery is refused by its bytes: the same body twice within this window. */
const REPLAY_WINDOW_MS = 10 * 60_000;

const EVENTS: Array<[string, string, string]> = [
	['join', 'Join', 'A participant joined a room'],
	['exit', 'Exit', 'A participant left a room (SFU)'],
	['disconnect', 'Disconnect', "A participant's connection dropped"],
];

/** MiroTalk's `Logger.getDateTime(false)` text, e.g. "8/21/2026, 18:31:37:123", read in the server's zone. */
export function miroTalkTime(text: unknown, zone: string): string | null {
	if (typeof text !== 'string') return null;
	for (const format of ['M/d/yyyy, H:mm:ss:SSS', 'M/d/yyyy, H:mm:ss']) {
		const parsed = DateTime.fromFormat(text.trim(), format, { zone });
		if (parsed.isValid) return parsed.toUTC().toISO();
	}
	const fallback = Date.parse(text);
	return Number.isNaN(fallback) ? null : new Date(fallback).toISOString();
}

/** A copy without any `peer_token` (a participant's join token), however deep. */
function withoutPeerTokens(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutPeerTokens);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value as IDataObject)
				.filter(([key]) => key !== 'peer_token')
				.map(([key, inner]) => [key, withoutPeerTokens(inner)]),
		);
	}
	return value;
}

export class MiroTalkTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MiroTalk Trigger',
		name: 'miroTalkTrigger',
		icon: { light: 'file:../../icons/miroTalk.svg', dark: 'file:../../icons/miroTalk.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow when a self-hosted MiroTalk SFU or P2P server reports a participant joining or leaving',
		defaults: {
			name: 'MiroTalk Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
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
					'MiroTalk has no API to register webhooks. Copy this node\'s Production URL (it holds a random segment unique to this node) and, if you set a Secret Token, append ?token=YOUR_TOKEN. On SFU set WEBHOOK_ENABLED=true and WEBHOOK_URL to it; on P2P set config.webhook.enabled and config.webhook.url.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				default: ['join', 'exit', 'disconnect'],
				options: EVENTS.map(([value, name, description]) => ({ name, value, description })),
				description: 'The events that start the workflow',
			},
			{
				displayName: 'Secret Token',
				name: 'token',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'If set, deliveries must carry ?token= with this value (MiroTalk cannot sign its requests); use a long random value, e.g. from openssl rand -hex 24',
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
						description: "Whether to keep the participant's peer_token in the output (removed by default: it is a credential)",
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
				const events = this.getNodeParameter('events', []) as string[];
				if (!events.length) {
					throw new NodeOperationError(this.getNode(), `Choose at least one event in Events (${EVENTS.map(([value]) => value).join(', ')})`);
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
		const token = this.getNodeParameter('token', '') as string;
		const given = (this.getQueryData() as IDataObject).token;
		if (token && (typeof given !== 'string' || !safeEqual(given, token))) return respond(this, 401, 'invalid token');

		const raw = rawBody(this);
		const malformed = refuseMalformed(this, raw);
		if (malformed) return malformed;
		const body = jsonObject(raw);
		const eventType = body?.event;
		if (!body || typeof eventType !== 'string' || typeof body.data !== 'object') {
			return respond(this, 400, 'body is not a MiroTalk event');
		}
		const events = this.getNodeParameter('events', []) as string[];
		if (!events.includes(eventType)) return respond(this, 200, 'ignored');

		if (!firstDelivery(this.getWorkflowStaticData('node'), deliveryScope(this), raw, REPLAY_WINDOW_MS)) return respond(this, 401, 'replayed delivery');

		const { keepPeerToken = false, timeZone = 'UTC' } = this.getNodeParameter('options', {}) as { keepPeerToken?: boolean; timeZone?: string };
		const event = (keepPeerToken ? body : withoutPeerTokens(body)) as IDataObject;
		const data = (event.data ?? {}) as IDataObject;
		return startRun(this, {
			...event,
			eventType,
			room: (data.room_id ?? null) as string | null,
			occurredAt: miroTalkTime(data.timestamp, timeZone),
		});
	}
}
