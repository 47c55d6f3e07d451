import { randomUUID } from 'crypto';

/**
 * The webhook deliveries of MiroTalk SFU and P2P, built as their servers build them. Neither signs, sets headers of
 * its own or retries: one `axios.post(webhook.url, {event, data}, {timeout: 5000})` per event.
 * - SFU (`miroslavpejic85/mirotalksfu` app/src/Server.js, v2.5.82 @94e1fc37): `handleJoinWebHook` posts
 *   `{event:'join', data:{timestamp, room_id, session_id, peer_info}}`; `socket.on('exitRoom')` posts `exit` and
 *   `socket.on('disconnect')` posts `disconnect`, both `{timestamp, room_id, session_id, peer: peer_info}`, the
 *   latter with `reason`.
 * - P2P (`miroslavpejic85/mirotalk` app/src/server.js, v1.8.81 @80c320bc): `socket.on('join')` posts the client's
 *   whole join config with `config.timestamp` added (`channel`, `channel_password`, `peer_token`, `peer_info` …, from
 *   `joinToChannel()` in public/js/client.js); `removePeerFrom` posts `disconnect` as `{timestamp, room_id: channel,
 *   peer: socket.channels[channel], reason}`, where `socket.channels[channel] = channel`: the room again, no peer.
 *   There is no `exit` on P2P.
 * - `timestamp` is `Logger.getDateTime(false)` (SFU Logger.js, P2P logs.js): `new Date().toLocaleString('en-US',
 *   {timeZone: TZ || 'UTC', hour12: false})` and `:` and the milliseconds padded to 3, so between 00:00 and 00:59
 *   ICU prints the hour as 24 ("8/21/2026, 24:05:07:009").
 */
export type MiroTalkWebhookProduct = 'sfu' | 'p2p';

/** MiroTalk's getDateTime(false) for an instant, in the server's zone. */
export function miroTalkDateTime(at: Date = new Date(), timeZone = 'UTC'): string {
	const currentTime = at.toLocaleString('en-US', { timeZone, hour12: false });
	return `${currentTime}:${String(at.getMilliseconds()).padStart(3, '0')}`;
}

export interface PeerSeed {
	name: string;
	/** The join token the client holds (sensitive: the trigger removes it). */
	token?: string;
	/** P2P: the room password the client joined with (sensitive: always removed). */
	roomPassword?: string;
}

/** SFU's peer_info, the fields the server code reads and the client's getPeerInfo() sends. */
function sfuPeerInfo(peer: PeerSeed) {
	return {
		join_data_time: '2026-08-21 18:31:37',
		peer_uuid: randomUUID(),
		peer_id: randomUUID().slice(0, 20),
		peer_name: peer.name,
		peer_avatar: false,
		peer_token: peer.token ?? false,
		peer_presenter: false,
		peer_audio: true,
		peer_video: true,
		peer_screen: false,
		peer_hand: false,
		os_name: 'Linux',
		browser_name: 'Firefox',
	};
}

/** The body a server posts for an event, as its code builds it. */
export function miroTalkWebhookBody(
	product: MiroTalkWebhookProduct,
	event: 'join' | 'exit' | 'disconnect',
	room: string,
	peer: PeerSeed,
	options: { at?: Date; timeZone?: string; sessionId?: string; reason?: string } = {},
): { event: string; data: Record<string, unknown> } {
	const timestamp = miroTalkDateTime(options.at, options.timeZone);
	if (product === 'sfu') {
		const base = { timestamp, room_id: room, session_id: options.sessionId ?? randomUUID() };
		if (event === 'join') return { event, data: { ...base, peer_info: sfuPeerInfo(peer) } };
		return { event, data: { ...base, peer: sfuPeerInfo(peer), ...(event === 'disconnect' ? { reason: options.reason ?? 'transport close' } : {}) } };
	}
	if (event === 'exit') throw new Error('MiroTalk P2P sends no exit event');
	if (event === 'disconnect') return { event, data: { timestamp, room_id: room, peer: room, reason: options.reason ?? 'transport close' } };
	return {
		event,
		data: {
			join_data_time: '2026-08-21-18:31:37',
			channel: room,
			channel_password: peer.roomPassword ?? false,
			peer_info: { isDesktopDevice: true, isMobileDevice: false, osName: 'Linux', browserName: 'Firefox', extras: {} },
			peer_uuid: randomUUID(),
			peer_name: peer.name,
			peer_avatar: false,
			peer_token: peer.token ?? false,
			peer_video: true,
			peer_audio: true,
			peer_video_status: true,
			peer_audio_status: true,
			peer_screen_status: false,
			peer_hand_status: false,
			peer_rec_status: false,
			peer_privacy_status: false,
			userAgent: 'Mozilla/5.0',
			timestamp,
		},
	};
}

/** POSTs a body to the configured webhook URL as axios does (JSON, no other headers); the HTTP status, 0 on failure. */
export async function postMiroTalkWebhook(url: string, body: unknown): Promise<number> {
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json, text/plain, */*' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(5000),
		});
		await response.arrayBuffer();
		return response.status;
	} catch {
		return 0;
	}
}
