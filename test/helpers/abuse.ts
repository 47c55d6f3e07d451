import { createHmac, randomBytes } from 'crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { DailyTrigger } from '../../nodes/Daily/DailyTrigger.node';
import { DigitalSambaTrigger } from '../../nodes/DigitalSamba/DigitalSambaTrigger.node';
import { MiroTalkTrigger } from '../../nodes/MiroTalk/MiroTalkTrigger.node';
import type { Delivery } from './trigger';

/**
 * Genuine and bad webhook deliveries for each trigger, for the abuse scenario: in process
 * (test/reliability/webhookAbuse.test.ts) and over HTTP to a running n8n (test/e2e/abuse.e2e.test.ts).
 * Each kit is built around the trigger's secret; the bad kinds cover what the issue lists.
 */
const URL = 'https://n8n.example.com/webhook/b1e6a7c2-3f4d-4e5a-9b8c-7d6e5f4a3b2c/webhook';

export interface Kit {
	name: string;
	trigger: { webhook(this: IWebhookFunctions): Promise<unknown> };
	env: { parameters: IDataObject; staticData: IDataObject; webhookUrl: string };
	/** A genuine delivery of a new event. */
	genuine(i: number): Delivery;
	/** A delivery made up by someone without the secret, from a genuine one they saw. */
	forged(genuine: Delivery): Delivery;
	/** The same event signed or authorised with a secret that is not the node's (same length). */
	wrongSecret(body: string): Delivery;
	/** The genuine delivery's credentials taken away, one header at a time. */
	withoutAuth(delivery: Delivery, which: number): Delivery;
	/** The bad kinds that apply: a copy of a MiroTalk delivery with its token is a genuine twin (MiroTalk neither signs nor retries). */
	kinds: readonly Kind[];
}

const now = () => String(Math.floor(Date.now() / 1000));
const sameLength = (secret: string) => randomBytes(secret.length).toString('base64').slice(0, secret.length);

export function dailyKit(hmac = randomBytes(32).toString('base64')): Kit {
	const sign = (key: string, ts: string, body: string) => createHmac('sha256', Buffer.from(key, 'base64')).update(`${ts}.${body}`).digest('base64');
	const signed = (key: string, body: string): Delivery => {
		const ts = now();
		return { body, headers: { 'x-webhook-signature': sign(key, ts, body), 'x-webhook-timestamp': ts } };
	};
	return {
		name: 'Daily Trigger',
		// A correctly signed delivery under another content type is genuine (issue 22: Daily's trigger parses the
		// signed bytes as JSON whatever the header says), so that kind is no bad delivery here.
		kinds: KINDS.filter((kind) => kind !== 'wrong content type'),
		trigger: new DailyTrigger(),
		env: { parameters: { events: ['participant.joined'], roomName: '', options: {} }, staticData: { hmac }, webhookUrl: URL },
		genuine: (i) => signed(hmac, JSON.stringify({ version: '1.0.0', type: 'participant.joined', id: `ev-${i}`, payload: { room: 'standup', session_id: `s-${i}` }, event_ts: Number(now()) })),
		// The body changed after signing: another room.
		forged: (d) => ({ ...d, body: String(d.body).replace('standup', 'retro') }),
		wrongSecret: (body) => signed(randomBytes(32).toString('base64'), body),
		withoutAuth: (d, which) => {
			const headers = { ...d.headers };
			delete headers[which % 2 ? 'x-webhook-signature' : 'x-webhook-timestamp'];
			return { ...d, headers };
		},
	};
}

export function digitalSambaKit(secret = randomBytes(32).toString('hex')): Kit {
	const delivery = (key: string, body: string): Delivery => ({ body, headers: { authorization: `Bearer ${key}` } });
	return {
		name: 'Digital Samba Trigger',
		kinds: KINDS,
		trigger: new DigitalSambaTrigger(),
		env: { parameters: { eventSource: 'documented', events: ['participant_joined'], options: {} }, staticData: { secret }, webhookUrl: URL },
		genuine: (i) => delivery(secret, JSON.stringify({ eventType: 'participant_joined', roomId: 'r-1', sessionId: `s-${i}`, timestamp: Number(now()), data: { participantId: `p-${i}` } })),
		// A guessed secret behind the doubled prefix a value registered with "Bearer " arrives with.
		forged: (d) => ({ ...d, headers: { authorization: `Bearer Bearer ${randomBytes(secret.length / 2).toString('hex')}` } }),
		wrongSecret: (body) => delivery(randomBytes(32).toString('hex'), body),
		withoutAuth: (d, which): Delivery => (which % 2 ? { ...d, headers: {} } : { ...d, headers: { authorization: 'Bearer ' } }),
	};
}

export function miroTalkKit(token = randomBytes(24).toString('hex')): Kit {
	const delivery = (key: string, body: string): Delivery => ({ body, query: { token: key } });
	return {
		name: 'MiroTalk Trigger',
		kinds: KINDS.filter((kind) => kind !== 'replayed'),
		trigger: new MiroTalkTrigger(),
		env: { parameters: { events: ['join'], token, options: {} }, staticData: {}, webhookUrl: URL },
		genuine: (i) => delivery(token, JSON.stringify({ event: 'join', data: { timestamp: '8/21/2026, 18:31:37:123', room_id: 'standup', session_id: `s-${i}`, peer_info: { peer_name: `P${i}` } } })),
		// A guessed token (MiroTalk cannot sign: the token is all there is).
		forged: (d) => ({ ...d, query: { token: randomBytes(8).toString('hex') } }),
		wrongSecret: (body) => delivery(sameLength(token), body),
		withoutAuth: (d, which) => (which % 2 ? { ...d, query: {} } : { ...d, query: { token: '' } }),
	};
}

/**
 * Whether a trigger answered a bad delivery as it must: a replayed (duplicate) delivery 200 with no run, since
 * providers deliver twice by design and count a 401 as a failed delivery; everything else 401 or 400.
 */
export function answeredAsItMust(kind: Kind, status: number | undefined): boolean {
	return kind === 'replayed' ? status === 200 : status === 401 || status === 400;
}

export const KINDS = ['forged', 'replayed', 'truncated', 'oversized', 'wrong content type', 'missing headers', 'wrong secret of equal length'] as const;
export type Kind = (typeof KINDS)[number];

/** A bad delivery of one kind, built from a fresh genuine one (or, for a replay, one already accepted). */
export function bad(kit: Kit, kind: Kind, i: number, accepted: Delivery[], random: () => number): Delivery {
	const fresh = kit.genuine(100_000 + i);
	const body = String(fresh.body);
	switch (kind) {
		case 'forged':
			return kit.forged(fresh);
		case 'replayed':
			return accepted[Math.floor(random() * accepted.length)];
		case 'truncated':
			return { ...fresh, body: body.slice(0, Math.max(1, Math.floor(random() * (body.length - 1)))) };
		case 'oversized':
			return { ...fresh, body: `${body.slice(0, -1)},"padding":"${'x'.repeat(1024 * 1024)}"}` };
		case 'wrong content type':
			return { ...fresh, headers: { ...fresh.headers, 'content-type': random() < 0.5 ? 'text/plain' : 'application/x-www-form-urlencoded' } };
		case 'missing headers':
			return kit.withoutAuth(fresh, i);
		case 'wrong secret of equal length':
			return kit.wrongSecret(body);
	}
}

