import type { IDataObject } from 'n8n-workflow';
import { listSearch } from '../shared/describe/lists';
import { normaliseMeetings } from './meetings';
import { miroTalkTransport } from './transport';

/**
 * The rooms with a meeting now, from `GET /api/v1/meetings` (SFU; off unless the server allows it, and then typing
 * the room is the way): the only list a MiroTalk server has of its rooms.
 */
export const miroTalkListSearch = {
	searchMeetings: listSearch(miroTalkTransport('sfu', 'meetings'), {
		call: () => ({ request: { method: 'GET', path: '/meetings', repeatable: true } }),
		itemsPath: 'meetings',
		expand: (meeting: IDataObject) => normaliseMeetings({ meetings: [meeting] }),
		row: (m: IDataObject) => ({ name: `${String(m.roomId)} · ${String(m.peerCount)} in the meeting`, value: String(m.roomId) }),
	}),
};
