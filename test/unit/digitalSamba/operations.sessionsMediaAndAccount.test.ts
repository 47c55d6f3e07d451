import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { DigitalSamba } from '../../../nodes/DigitalSamba/DigitalSamba.node';
import { digitalSambaResources } from '../../../nodes/DigitalSamba/resources';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { DS_KEY, DS_URL, runDigitalSamba } from '../../helpers/digitalSamba';

/**
 * Every operation of the part-2 Digital Samba resources against the contract
 * (reference/digitalsamba-openapi.yaml): method, path, query and body, and how the answer becomes items.
 */
interface Case {
	resource: string;
	operation: string;
	params?: IDataObject;
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
	path: string;
	query?: Record<string, string>;
	body?: unknown;
	reply?: unknown;
	status?: number;
	headers?: Record<string, string>;
	expectOutput: (items: IDataObject[], output: INodeExecutionData[]) => void;
}

const PART2_RESOURCES = ['transcript', 'summary', 'recording', 'session', 'participant', 'phone', 'restreamer', 'role', 'library', 'live', 'statistics', 'webhook'];

// A room's ID: 25 paths take the UUID only (a friendly URL is looked up first: roomUuid.test.ts).
const R = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const S = 's-1';
// The whole list in one page, total_count as the string some of the spec's examples send: the list ends there.
const page = (...data: IDataObject[]) => ({ total_count: String(data.length), data });
const line = { participant_id: 'p-1', participant_name: 'Ann', transcript: 'Hello', start_time: '00:00:01', end_time: '00:00:02' };
const rec = { id: 'rec-1', name: 'Standup', status: 'READY', room_id: R };
const sess = { id: S, room_id: R, live: false, participants_total: 3 };
const part = { id: 'p-1', name: 'Ann', session_id: S, room_id: R, live: true };
const roleBody = { id: 'role-1', name: 'guest_speaker', display_name: 'Guest Speaker', permissions: { general_chat: true } };
const lib = { id: 'lib-1', name: 'Decks', external_id: 'crm-7' };
const folder = { id: 'f-1', name: 'Q1' };
const file = { id: 'file-1', name: 'deck.pdf', type: 'document', size: 1024 };
const hook = { id: 'wh-1', endpoint: 'https://example.com/h', name: 'CRM', events: ['session_ended'] };

const ok = (extra: IDataObject) => (items: IDataObject[]) => expect(items).toEqual([{ success: true, ...extra }]);
const gone = (extra: IDataObject) => (items: IDataObject[]) => expect(items).toEqual([{ deleted: true, ...extra }]);
const same = (body: unknown) => (items: IDataObject[]) => expect(items).toEqual(Array.isArray(body) ? body : [body]);
const ids = (...expected: string[]) => (items: IDataObject[]) => expect(items.map((i) => i.id)).toEqual(expected);

const cases: Case[] = [
	// Transcript
	{
		resource: 'transcript', operation: 'getManyForRoom', params: { roomId: R, returnAll: false, limit: 2, options: { session_id: S, order: 'asc' } },
		method: 'GET', path: `/rooms/${R}/transcripts`, query: { session_id: S, order: 'asc', limit: '2', offset: '0' },
		reply: page(line, { ...line, transcript: 'Hi' }),
		expectOutput: (items) => expect(items.map((i) => i.transcript)).toEqual(['Hello', 'Hi']),
	},
	{
		resource: 'transcript', operation: 'getManyForSession', params: { sessionId: S, returnAll: false, limit: 5 },
		method: 'GET', path: `/sessions/${S}/transcripts`, query: { limit: '5', offset: '0' }, reply: page(line),
		expectOutput: same(line),
	},
	{
		resource: 'transcript', operation: 'exportForRoom', params: { roomId: R, format: 'txt', options: { lang: 'de' } },
		method: 'GET', path: `/rooms/${R}/transcripts/export`, query: { format: 'txt', lang: 'de' },
		reply: 'Ann: Hello', headers: { 'Content-Type': 'text/plain; charset=utf-8' },
		expectOutput: (items, output) => {
			expect(items).toEqual([{ fileName: `transcripts-${R}.txt`, mimeType: 'text/plain', fileSize: 10 }]);
			expect(Buffer.from(output[0].binary!.data.data, 'base64').toString()).toBe('Ann: Hello');
		},
	},
	{
		resource: 'transcript', operation: 'exportForSession', params: { sessionId: S, format: 'json', binaryPropertyName: 'transcript' },
		method: 'GET', path: `/sessions/${S}/transcripts/export`, query: { format: 'json' },
		reply: '[{"name":"Ann"}]', headers: { 'Content-Type': 'application/json' },
		expectOutput: (items, output) => {
			expect(items[0]).toMatchObject({ fileName: `transcripts-${S}.json`, mimeType: 'application/json' });
			expect(Object.keys(output[0].binary!)).toEqual(['transcript']);
		},
	},
	{ resource: 'transcript', operation: 'deleteForRoom', params: { roomId: R }, method: 'DELETE', path: `/rooms/${R}/transcripts`, status: 204, expectOutput: gone({ roomId: R }) },
	{ resource: 'transcript', operation: 'deleteForSession', params: { sessionId: S }, method: 'DELETE', path: `/sessions/${S}/transcripts`, status: 204, expectOutput: gone({ sessionId: S }) },
	{ resource: 'transcript', operation: 'startTranscription', params: { roomId: R }, method: 'POST', path: `/rooms/${R}/transcription/start`, body: '', expectOutput: ok({ roomId: R }) },
	{ resource: 'transcript', operation: 'stopTranscription', params: { roomId: R }, method: 'POST', path: `/rooms/${R}/transcription/stop`, body: '', expectOutput: ok({ roomId: R }) },

	// Summary
	{
		resource: 'summary', operation: 'get', params: { sessionId: S },
		method: 'GET', path: `/sessions/${S}/summary`, reply: { job_id: 'j-1', status: 'IN_PROGRESS', summary: '' },
		expectOutput: same({ job_id: 'j-1', status: 'IN_PROGRESS', summary: '' }),
	},
	{ resource: 'summary', operation: 'deleteForRoom', params: { roomId: R }, method: 'DELETE', path: `/rooms/${R}/summaries`, status: 204, expectOutput: gone({ roomId: R }) },
	{ resource: 'summary', operation: 'deleteForSession', params: { sessionId: S }, method: 'DELETE', path: `/sessions/${S}/summaries`, status: 204, expectOutput: gone({ sessionId: S }) },

	// Recording
	{
		resource: 'recording', operation: 'getAll', params: { returnAll: false, limit: 3, options: { room_id: R, session_id: S, status: 'READY', after: 'rec-0' } },
		method: 'GET', path: '/recordings', query: { room_id: R, session_id: S, status: 'READY', after: 'rec-0', limit: '3', offset: '0' },
		reply: page(rec, { ...rec, id: 'rec-2' }), expectOutput: ids('rec-1', 'rec-2'),
	},
	{
		resource: 'recording', operation: 'getManyArchived', params: { returnAll: false, limit: 1, options: { room_id: R } },
		method: 'GET', path: '/recordings/archived', query: { room_id: R, limit: '1', offset: '0' }, reply: page(rec), expectOutput: ids('rec-1'),
	},
	{ resource: 'recording', operation: 'get', params: { recordingId: 'rec-1' }, method: 'GET', path: '/recordings/rec-1', reply: rec, expectOutput: same(rec) },
	{
		resource: 'recording', operation: 'getDownloadLink', params: { recordingId: 'rec-1', options: { valid_for_minutes: 30 } },
		method: 'GET', path: '/recordings/rec-1/download', query: { valid_for_minutes: '30' },
		reply: { link: 'https://files.example.com/rec-1.mp4?sig=x', valid_until: '2026-12-01T10:30:00Z' },
		expectOutput: same({ link: 'https://files.example.com/rec-1.mp4?sig=x', valid_until: '2026-12-01T10:30:00Z' }),
	},
	{
		resource: 'recording', operation: 'getBookmarks', params: { recordingId: 'rec-1' }, method: 'GET', path: '/recordings/rec-1/bookmarks',
		reply: [{ id: 'b-1', bookmark: 'Decision', time: 95 }, { id: 'b-2', bookmark: 'Action', time: 310 }], expectOutput: ids('b-1', 'b-2'),
	},
	{ resource: 'recording', operation: 'archive', params: { recordingId: 'rec-1' }, method: 'POST', path: '/recordings/rec-1/archive', body: '', expectOutput: ok({ recordingId: 'rec-1' }) },
	{ resource: 'recording', operation: 'unarchive', params: { recordingId: 'rec-1' }, method: 'POST', path: '/recordings/rec-1/unarchive', body: '', expectOutput: ok({ recordingId: 'rec-1' }) },
	{ resource: 'recording', operation: 'start', params: { roomId: R }, method: 'POST', path: `/rooms/${R}/recordings/start`, body: '', expectOutput: ok({ roomId: R }) },
	{ resource: 'recording', operation: 'stop', params: { roomId: R }, method: 'POST', path: `/rooms/${R}/recordings/stop`, body: '', expectOutput: ok({ roomId: R }) },
	{ resource: 'recording', operation: 'delete', params: { recordingId: 'rec-1' }, method: 'DELETE', path: '/recordings/rec-1', status: 204, expectOutput: gone({ recordingId: 'rec-1' }) },
	{ resource: 'recording', operation: 'deleteForRoom', params: { roomId: R }, method: 'DELETE', path: `/rooms/${R}/recordings`, status: 204, expectOutput: gone({ roomId: R }) },
	{ resource: 'recording', operation: 'deleteForSession', params: { sessionId: S }, method: 'DELETE', path: `/sessions/${S}/recordings`, status: 204, expectOutput: gone({ sessionId: S }) },

	// Session
	{
		resource: 'session', operation: 'getAll',
		params: { returnAll: false, limit: 2, options: { date_start: '2026-01-01', date_end: '2026-01-31T18:00:00Z', live: false, room_id: R, order: 'desc' } },
		method: 'GET', path: '/sessions', query: { date_start: '2026-01-01', date_end: '2026-01-31', live: 'false', room_id: R, order: 'desc', limit: '2', offset: '0' },
		reply: page(sess), expectOutput: ids(S),
	},
	{
		resource: 'session', operation: 'getManyForRoom', params: { roomId: R, returnAll: false, limit: 10, options: { live: true } },
		method: 'GET', path: `/rooms/${R}/sessions`, query: { live: 'true', limit: '10', offset: '0' }, reply: page(sess), expectOutput: ids(S),
	},
	{
		resource: 'session', operation: 'get', params: { sessionId: S, options: { metrics: 'participation_minutes, broadcasted_minutes' } },
		method: 'GET', path: `/sessions/${S}`, query: { metrics: 'participation_minutes,broadcasted_minutes' },
		reply: { session_id: S, participation_minutes: 42 }, expectOutput: same({ session_id: S, participation_minutes: 42 }),
	},
	{
		resource: 'session', operation: 'getStatistics', params: { sessionId: S, options: { metrics: ['questions'] } },
		method: 'GET', path: `/sessions/${S}/statistics`, query: { metrics: 'questions' }, reply: { questions: 3 }, expectOutput: same({ questions: 3 }),
	},
	{ resource: 'session', operation: 'end', params: { sessionId: S }, method: 'POST', path: `/sessions/${S}/end`, body: '', expectOutput: ok({ sessionId: S }) },
	{
		resource: 'session', operation: 'deleteResources', params: { sessionId: S, options: { delete_history: true } },
		method: 'DELETE', path: `/sessions/${S}/resources`, body: { delete_history: true }, status: 204, expectOutput: gone({ sessionId: S }),
	},

	// Participant
	{
		resource: 'participant', operation: 'getAll', params: { returnAll: false, limit: 1, options: { room_id: R, session_id: S, live: true, date_start: '2026-03-01' } },
		method: 'GET', path: '/participants', query: { room_id: R, session_id: S, live: 'true', date_start: '2026-03-01', limit: '1', offset: '0' },
		reply: page(part), expectOutput: ids('p-1'),
	},
	{ resource: 'participant', operation: 'get', params: { participantId: 'p-1' }, method: 'GET', path: '/participants/p-1', reply: part, expectOutput: same(part) },
	{
		resource: 'participant', operation: 'getStatistics', params: { participantId: 'p-1' }, method: 'GET', path: '/participants/p-1/statistics',
		reply: { participation_minutes: 9, questions: 3 }, expectOutput: same({ participation_minutes: 9, questions: 3 }),
	},
	{
		resource: 'participant', operation: 'getManyForRoom', params: { roomId: R, returnAll: false, limit: 4, options: { session_id: S } },
		method: 'GET', path: `/rooms/${R}/participants`, query: { session_id: S, limit: '4', offset: '0' }, reply: page(part), expectOutput: ids('p-1'),
	},
	{
		resource: 'participant', operation: 'getManyForSession', params: { sessionId: S, returnAll: false, limit: 4 },
		method: 'GET', path: `/sessions/${S}/participants`, query: { limit: '4', offset: '0' }, reply: page(part), expectOutput: ids('p-1'),
	},
	{
		resource: 'participant', operation: 'raiseHand', params: { roomId: R, participantId: 'p-1' },
		method: 'POST', path: `/rooms/${R}/participants/p-1/raise-hand`, body: '', expectOutput: ok({ roomId: R, participantId: 'p-1' }),
	},
	{
		resource: 'participant', operation: 'lowerHand', params: { roomId: R, participantId: 'p-1' },
		method: 'POST', path: `/rooms/${R}/participants/p-1/lower-hand`, body: '', expectOutput: ok({ roomId: R, participantId: 'p-1' }),
	},

	// Phone
	{ resource: 'phone', operation: 'connect', params: { roomId: R }, method: 'POST', path: `/rooms/${R}/phone/connect`, body: '', expectOutput: ok({ roomId: R }) },
	{ resource: 'phone', operation: 'disconnect', params: { roomId: R }, method: 'POST', path: `/rooms/${R}/phone/disconnect`, body: '', expectOutput: ok({ roomId: R }) },
	{
		resource: 'phone', operation: 'participantsJoined',
		params: { roomId: R, calls: '[{"call_id":"c-1","caller_number":"+4930123456","muted":true},{"call_id":"c-2","name":"Bo","external_id":"crm-2"}]' },
		method: 'POST', path: `/rooms/${R}/phone-participants/joined`,
		body: [{ call_id: 'c-1', caller_number: '+4930123456', muted: true }, { call_id: 'c-2', name: 'Bo', external_id: 'crm-2' }],
		expectOutput: ok({ roomId: R, callIds: ['c-1', 'c-2'] }),
	},
	{
		resource: 'phone', operation: 'participantsLeft', params: { roomId: R, callIds: 'c-1, c-2' },
		method: 'POST', path: `/rooms/${R}/phone-participants/left`, body: ['c-1', 'c-2'], expectOutput: ok({ roomId: R, callIds: ['c-1', 'c-2'] }),
	},
	...(['raiseHand:raise-hand', 'lowerHand:lower-hand', 'mute:mute', 'unmute:unmute'].map((pair): Case => {
		const [operation, segment] = pair.split(':');
		return {
			resource: 'phone', operation, params: { roomId: R, callId: 'c-1' },
			method: 'POST', path: `/rooms/${R}/phone-participants/c-1/${segment}`, body: '', expectOutput: ok({ roomId: R, callId: 'c-1' }),
		};
	})),

	// Restreamer
	{
		resource: 'restreamer', operation: 'start', params: { roomId: R, target: 'youtube', streamKey: 'yt-key' },
		method: 'POST', path: `/rooms/${R}/restreamers/start`, body: { type: 'youtube', stream_key: 'yt-key' }, expectOutput: ok({ roomId: R, target: 'youtube' }),
	},
	{ resource: 'restreamer', operation: 'stop', params: { roomId: R }, method: 'POST', path: `/rooms/${R}/restreamers/stop`, body: '', expectOutput: ok({ roomId: R }) },

	// Role and permission
	{
		resource: 'role', operation: 'getAll', params: { returnAll: false, limit: 2, options: { order: 'asc' } },
		method: 'GET', path: '/roles', query: { order: 'asc', limit: '2', offset: '0' }, reply: { total_count: 1, data: [roleBody] }, expectOutput: ids('role-1'),
	},
	{ resource: 'role', operation: 'get', params: { roleId: 'moderator' }, method: 'GET', path: '/roles/moderator', reply: roleBody, expectOutput: same(roleBody) },
	{
		resource: 'role', operation: 'create',
		params: { roleName: 'guest_speaker', roleDisplayName: 'Guest Speaker', permissions: '{"general_chat": true, "room_reactions": false, "manage_roles": ["attendee"]}', additionalFields: { description: 'Invited speakers' } },
		method: 'POST', path: '/roles',
		body: { name: 'guest_speaker', display_name: 'Guest Speaker', permissions: { general_chat: true, room_reactions: false, manage_roles: ['attendee'] }, description: 'Invited speakers' },
		reply: roleBody, expectOutput: same(roleBody),
	},
	{
		resource: 'role', operation: 'update', params: { roleId: 'role-1', permissions: '["screenshare", "raise_hand"]', updateFields: { display_name: 'Speaker Plus' } },
		method: 'PATCH', path: '/roles/role-1', body: { display_name: 'Speaker Plus', permissions: { screenshare: true, raise_hand: true } },
		reply: roleBody, expectOutput: same(roleBody),
	},
	{ resource: 'role', operation: 'delete', params: { roleId: 'role-1' }, method: 'DELETE', path: '/roles/role-1', status: 204, expectOutput: gone({ roleId: 'role-1' }) },
	{
		resource: 'role', operation: 'getPermissions', method: 'GET', path: '/permissions', reply: ['general_chat', 'room_reactions'],
		expectOutput: same([{ name: 'general_chat' }, { name: 'room_reactions' }]),
	},

	// Library
	{
		resource: 'library', operation: 'getAll', params: { returnAll: false, limit: 2 },
		method: 'GET', path: '/libraries', query: { limit: '2', offset: '0' }, reply: page(lib), expectOutput: ids('lib-1'),
	},
	{ resource: 'library', operation: 'get', params: { libraryId: 'lib-1' }, method: 'GET', path: '/libraries/lib-1', reply: lib, expectOutput: same(lib) },
	{
		resource: 'library', operation: 'create', params: { additionalFields: { name: 'Decks', external_id: 'crm-7' } },
		method: 'POST', path: '/libraries', body: { name: 'Decks', external_id: 'crm-7' }, reply: lib, expectOutput: same(lib),
	},
	{
		resource: 'library', operation: 'update', params: { libraryId: 'lib-1', updateFields: { name: 'Slides' } },
		method: 'PATCH', path: '/libraries/lib-1', body: { name: 'Slides' }, reply: { ...lib, name: 'Slides' }, expectOutput: same({ ...lib, name: 'Slides' }),
	},
	{ resource: 'library', operation: 'delete', params: { libraryId: 'lib-1' }, method: 'DELETE', path: '/libraries/lib-1', status: 204, expectOutput: gone({ libraryId: 'lib-1' }) },
	{
		resource: 'library', operation: 'getHierarchy', params: { libraryId: 'lib-1' }, method: 'GET', path: '/libraries/lib-1/hierarchy',
		reply: { ...lib, folders: [folder] }, expectOutput: same({ ...lib, folders: [folder] }),
	},
	{
		resource: 'library', operation: 'getManyFolders', params: { libraryId: 'lib-1', returnAll: false, limit: 2, options: { after: 'f-0' } },
		method: 'GET', path: '/libraries/lib-1/folders', query: { after: 'f-0', limit: '2', offset: '0' }, reply: page(folder), expectOutput: ids('f-1'),
	},
	{ resource: 'library', operation: 'getFolder', params: { libraryId: 'lib-1', folderId: 'f-1' }, method: 'GET', path: '/libraries/lib-1/folders/f-1', reply: folder, expectOutput: same(folder) },
	{
		resource: 'library', operation: 'createFolder', params: { libraryId: 'lib-1', additionalFields: { name: 'Q1', parent_id: 'f-0' } },
		method: 'POST', path: '/libraries/lib-1/folders', body: { name: 'Q1', parent_id: 'f-0' }, reply: folder, expectOutput: same(folder),
	},
	{
		resource: 'library', operation: 'updateFolder', params: { libraryId: 'lib-1', folderId: 'f-1', updateFields: { name: 'Q2' } },
		method: 'PATCH', path: '/libraries/lib-1/folders/f-1', body: { name: 'Q2' }, reply: { ...folder, name: 'Q2' }, expectOutput: same({ ...folder, name: 'Q2' }),
	},
	{
		resource: 'library', operation: 'deleteFolder', params: { libraryId: 'lib-1', folderId: 'f-1' },
		method: 'DELETE', path: '/libraries/lib-1/folders/f-1', status: 204, expectOutput: gone({ libraryId: 'lib-1', folderId: 'f-1' }),
	},
	{
		// The spec answers a bare array here; the docs show {data, total_count}: both are read.
		// A bare array has no count: with Limit 2 the two entries fill it, so no page after it is asked for.
		resource: 'library', operation: 'getManyFiles', params: { libraryId: 'lib-1', returnAll: false, limit: 2 },
		method: 'GET', path: '/libraries/lib-1/files', query: { limit: '2', offset: '0' }, reply: [file, { ...file, id: 'file-2' }], expectOutput: ids('file-1', 'file-2'),
	},
	{ resource: 'library', operation: 'getFile', params: { libraryId: 'lib-1', fileId: 'file-1' }, method: 'GET', path: '/libraries/lib-1/files/file-1', reply: file, expectOutput: same(file) },
	{
		resource: 'library', operation: 'updateFile', params: { libraryId: 'lib-1', fileId: 'file-1', updateFields: { name: 'deck-v2.pdf', folder_id: 'f-1' } },
		method: 'PATCH', path: '/libraries/lib-1/files/file-1', body: { name: 'deck-v2.pdf', folder_id: 'f-1' }, reply: file, expectOutput: same(file),
	},
	{
		resource: 'library', operation: 'deleteFile', params: { libraryId: 'lib-1', fileId: 'file-1' },
		method: 'DELETE', path: '/libraries/lib-1/files/file-1', status: 204, expectOutput: gone({ libraryId: 'lib-1', fileId: 'file-1' }),
	},
	{
		resource: 'library', operation: 'getFileLinks', params: { libraryId: 'lib-1', fileId: 'file-1' }, method: 'GET', path: '/libraries/lib-1/files/file-1/links',
		reply: { pages: [{ url: 'https://cdn/1.png', thumbnail_url: 'https://cdn/1t.png' }] }, expectOutput: same({ pages: [{ url: 'https://cdn/1.png', thumbnail_url: 'https://cdn/1t.png' }] }),
	},
	{
		resource: 'library', operation: 'createWebapp', params: { libraryId: 'lib-1', url: 'https://miro.com/app/board/x', additionalFields: { name: 'Board', folder_id: 'f-1' } },
		method: 'POST', path: '/libraries/lib-1/webapps', body: { url: 'https://miro.com/app/board/x', name: 'Board', folder_id: 'f-1' },
		reply: { id: 'w-1', type: 'webapp' }, expectOutput: same({ id: 'w-1', type: 'webapp' }),
	},
	{
		resource: 'library', operation: 'createWhiteboard', params: { libraryId: 'lib-1', additionalFields: { private: true } },
		method: 'POST', path: '/libraries/lib-1/whiteboards', body: { private: true }, reply: { id: 'wb-1', name: 'Whiteboard 1' }, expectOutput: same({ id: 'wb-1', name: 'Whiteboard 1' }),
	},

	// Live
	{
		resource: 'live', operation: 'getRooms', params: { returnAll: false, limit: 2 }, method: 'GET', path: '/rooms/live', query: { limit: '2', offset: '0' },
		reply: { total_count: 1, data: [{ id: R, live_participants: 8 }] }, expectOutput: same({ id: R, live_participants: 8 }),
	},
	{
		resource: 'live', operation: 'getRoomsWithParticipants', params: { returnAll: true }, method: 'GET', path: '/rooms/live/participants', query: { limit: '100', offset: '0' },
		reply: { total_count: 1, data: [{ id: R, live_participants: [{ id: 'p-1', name: 'Ann' }] }] }, expectOutput: ids(R),
	},
	{ resource: 'live', operation: 'getRoom', params: { roomId: 'standup' }, method: 'GET', path: '/rooms/standup/live', reply: { id: R, live_participants: 2 }, expectOutput: same({ id: R, live_participants: 2 }) },
	{
		resource: 'live', operation: 'getRoomParticipants', params: { roomId: R }, method: 'GET', path: `/rooms/${R}/live/participants`,
		reply: { id: R, live_participants: [{ id: 'p-1' }] }, expectOutput: same({ id: R, live_participants: [{ id: 'p-1' }] }),
	},

	// Statistics
	{
		resource: 'statistics', operation: 'getTeam', params: { options: { date_start: '2026-01-01', date_end: '2026-01-31', metrics: 'sessions,rooms' } },
		method: 'GET', path: '/statistics', query: { date_start: '2026-01-01', date_end: '2026-01-31', metrics: 'sessions,rooms' },
		reply: { sessions: 12, rooms: 3 }, expectOutput: same({ sessions: 12, rooms: 3 }),
	},
	{
		resource: 'statistics', operation: 'getTeamCurrent', params: { options: { metrics: 'participation_minutes' } },
		method: 'GET', path: '/statistics/team/current', query: { metrics: 'participation_minutes' }, reply: { participation_minutes: 90 }, expectOutput: same({ participation_minutes: 90 }),
	},
	{ resource: 'statistics', operation: 'getCurrent', method: 'GET', path: '/statistics/current', reply: { live_sessions: 1 }, expectOutput: same({ live_sessions: 1 }) },
	{
		resource: 'statistics', operation: 'getTotals', method: 'GET', path: '/statistics/totals',
		reply: [{ tag: 'sales', rooms: 2 }, { tag: 'support', rooms: 1 }], expectOutput: same([{ tag: 'sales', rooms: 2 }, { tag: 'support', rooms: 1 }]),
	},
	{
		resource: 'statistics', operation: 'getStartedSessions', params: { returnAll: false, limit: 2, options: { date_start: '2026-02-01' } },
		method: 'GET', path: '/statistics/participants/started-sessions', query: { date_start: '2026-02-01', limit: '2', offset: '0' },
		reply: { total_count: 1, data: [{ browser_id: 'b-1', sessions_started: 12 }] }, expectOutput: same({ browser_id: 'b-1', sessions_started: 12 }),
	},
	{
		resource: 'statistics', operation: 'getRoom', params: { roomId: R, options: { date_end: '2026-01-31' } },
		method: 'GET', path: `/rooms/${R}/statistics`, query: { date_end: '2026-01-31' }, reply: { room_id: R, sessions: 4 }, expectOutput: same({ room_id: R, sessions: 4 }),
	},
	{
		resource: 'statistics', operation: 'getRoomCurrent', params: { roomId: R },
		method: 'GET', path: `/rooms/${R}/statistics/current`, reply: { room_id: R, sessions: 1 }, expectOutput: same({ room_id: R, sessions: 1 }),
	},

	// Webhook
	{
		resource: 'webhook', operation: 'getAll', params: { returnAll: false, limit: 2 }, method: 'GET', path: '/webhooks', query: { limit: '2', offset: '0' },
		reply: page(hook), expectOutput: ids('wh-1'),
	},
	{ resource: 'webhook', operation: 'get', params: { webhookId: 'wh-1' }, method: 'GET', path: '/webhooks/wh-1', reply: hook, expectOutput: same(hook) },
	{
		resource: 'webhook', operation: 'create',
		params: { endpoint: 'https://example.com/h', events: ['session_ended', 'recording_ready'], additionalFields: { name: 'CRM', authorization_header: 'Bearer s3cret' } },
		method: 'POST', path: '/webhooks', body: { endpoint: 'https://example.com/h', events: ['session_ended', 'recording_ready'], name: 'CRM', authorization_header: 'Bearer s3cret' },
		reply: hook, expectOutput: same(hook),
	},
	{
		resource: 'webhook', operation: 'update', params: { webhookId: 'wh-1', updateFields: { events: ['participant_joined'] } },
		method: 'PATCH', path: '/webhooks/wh-1', body: { events: ['participant_joined'] }, reply: hook, expectOutput: same(hook),
	},
	{ resource: 'webhook', operation: 'delete', params: { webhookId: 'wh-1' }, method: 'DELETE', path: '/webhooks/wh-1', status: 204, expectOutput: gone({ webhookId: 'wh-1' }) },
];

/** Operations of several calls (or a file transfer), tested in behaviour.filesAndWaits.test.ts. */
const NOT_IN_TABLE = new Set(['recording.download', 'library.uploadFile', 'session.getAttendance' /* attendance.test.ts */]);

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	resetRateLimits();
});
afterAll(() => nock.enableNetConnect());

describe('Digital Samba sessions, recordings, library, webhooks, phone, streams, roles and statistics: request shape', () => {
	it('covers every operation of the part-2 resources, and the node offers each of them', () => {
		const mine = digitalSambaResources.filter((r) => PART2_RESOURCES.includes(r.value));
		expect(mine.map((r) => r.value).sort()).toEqual([...PART2_RESOURCES].sort());
		const offered = mine.flatMap((r) => r.operations.map((op) => `${r.value}.${op.operation}`));
		const tested = new Set([...cases.map((c) => `${c.resource}.${c.operation}`), ...NOT_IN_TABLE]);
		expect(offered.filter((name) => !tested.has(name))).toEqual([]);
		expect([...tested].filter((name) => !offered.includes(name))).toEqual([]);
	});

	it('names every operation and writes an action and a description for it', () => {
		for (const r of digitalSambaResources.filter((x) => PART2_RESOURCES.includes(x.value))) {
			for (const op of r.operations) {
				expect(op.action).toMatch(/^[A-Z][^A-Z]/);
				expect(op.description.length).toBeGreaterThan(20);
				if (op.paginate) expect(op.name).toMatch(/^Get (Many|Live|Started)/);
			}
		}
	});

	it('gives each parameter name one type across the whole node, so n8n keeps values apart cleanly', () => {
		const types = new Map<string, Set<string>>();
		for (const p of new DigitalSamba().description.properties) types.set(p.name, (types.get(p.name) ?? new Set()).add(p.type));
		const mixed = [...types].filter(([, t]) => t.size > 1).map(([name, t]) => `${name}: ${[...t].join('/')}`);
		expect(mixed).toEqual([]);
	});

	it.each(cases.map((c) => [`${c.resource} ${c.operation}`, c] as const))('%s', async (_name, c) => {
		let seenBody: unknown;
		let seenAuth: string | undefined;
		const scope = nock(DS_URL)
			.intercept(`/api/v1${c.path}`, c.method, (body) => {
				seenBody = body;
				return true;
			})
			.query(c.query ?? {})
			.reply(function (this: { req: { headers: Record<string, string> } }) {
				seenAuth = this.req.headers.authorization;
				return [c.status ?? 200, c.reply ?? '', c.headers ?? {}];
			});
		const { output } = await runDigitalSamba({ resource: c.resource, operation: c.operation, ...c.params });
		expect(scope.isDone()).toBe(true);
		expect(seenAuth).toBe(`Bearer ${DS_KEY}`);
		if (c.body !== undefined) expect(seenBody).toEqual(c.body);
		else expect(seenBody === undefined || seenBody === '').toBe(true);
		c.expectOutput(output.map((item) => item.json), output);
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});
});
