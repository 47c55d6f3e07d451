import type { IDataObject } from 'n8n-workflow';

/*
 * The active meetings as SFU and P2P answer them, read into one shape: for Meeting → Get Many and for the meetings
 * picker, which loads this module alone (the resource files load on a node's first run).
 */

export const isObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A participant in SFU's short form. P2P keeps raw peer info (`peer_name`, `peer_video_status`,
 * `peer_info.os_name` ...); SFU already answers `{name, presenter, video, audio, screen, hand, os, browser}`.
 */
function normalisePeer(peer: IDataObject, id?: string): IDataObject {
	const info = isObject(peer.peer_info) ? peer.peer_info : {};
	const pick = (...keys: string[]) => keys.map((k) => peer[k] ?? info[k]).find((v) => v !== undefined);
	const out: IDataObject = {
		...(id !== undefined ? { id } : {}),
		name: pick('name', 'peer_name'),
		presenter: pick('presenter', 'peer_presenter'),
		video: pick('video', 'peer_video_status', 'peer_video'),
		audio: pick('audio', 'peer_audio_status', 'peer_audio'),
		screen: pick('screen', 'peer_screen_status', 'peer_screen'),
		hand: pick('hand', 'peer_hand_status', 'peer_hand'),
		os: pick('os', 'os_name'),
		browser: pick('browser', 'browser_name'),
	};
	for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
	return out;
}

/** SFU's array of peers, or P2P's room map keyed by socket id (which also holds the room's `lock` and `password`: skipped). */
function peerList(peers: unknown): IDataObject[] {
	if (Array.isArray(peers)) return peers.filter(isObject).map((p) => normalisePeer(p));
	if (isObject(peers)) {
		return Object.entries(peers)
			.filter((entry): entry is [string, IDataObject] => isObject(entry[1]))
			.map(([id, p]) => normalisePeer(p, id));
	}
	return [];
}

/**
 * One item per active meeting, `{roomId, peerCount, peers}`, from SFU's
 * `{meetings:[{roomId, peers:[...]}]}` or P2P's object keyed by room id of peer maps.
 */
export function normaliseMeetings(body: unknown): IDataObject[] {
	const root = (body ?? {}) as IDataObject;
	const meetings = root.meetings !== undefined ? root.meetings : root;
	const entries: Array<[string, unknown]> = Array.isArray(meetings)
		? (meetings as IDataObject[]).map((m) => [String(m.roomId ?? m.room ?? m.id ?? ''), m.peers])
		: meetings && typeof meetings === 'object'
			? Object.entries(meetings as IDataObject)
			: [];
	return entries.map(([roomId, peers]) => {
		const list = peerList(peers);
		return { roomId, peerCount: list.length, peers: list };
	});
}
