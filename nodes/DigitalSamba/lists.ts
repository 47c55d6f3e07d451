import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';
import { chosenId, currentId, listCall, type ListSource, listSearch, loadOptions, rowLabel } from '../shared/describe/lists';
import type { ProviderTransport } from '../shared/model/provider';

/** A list of the node's, for a picker or a dropdown. */
const list = (resource: string, operation?: string, params?: Parameters<typeof listCall>[3]) =>
	listCall(async () => (await import('./resources')).digitalSambaResources, resource, operation, params);

/** "see_roles_in_participants_panel" → "See Roles in Participants Panel"; "qa" → "Q&A". */
const permissionLabel = (name: string) =>
	name.split('_').map((word, i) => (word === 'qa' ? 'Q&A' : i > 0 && ['in', 'of'].includes(word) ? word : word[0].toUpperCase() + word.slice(1))).join(' ');

const day = (time: unknown) => (typeof time === 'string' ? time.slice(0, 16).replace('T', ' ') : '');

const inRoom = (ctx: ILoadOptionsFunctions) => ({ roomId: chosenId(ctx, 'roomId', 'room') });
const inLibrary = (ctx: ILoadOptionsFunctions) => ({ libraryId: chosenId(ctx, 'libraryId', 'library') });

/** Sessions or participants of the chosen room, or of the whole team when no room is chosen. */
function roomOrTeam(resource: string, row: ListSource['row']): ListSource {
	const team = list(resource);
	const room = list(resource, 'getManyForRoom', inRoom);
	return { row, call: (ctx) => (currentId(ctx, 'roomId') ? room.call(ctx) : team.call(ctx)) };
}

/** The answers of the chosen question, which the room's questions list carries. */
const answers: ListSource = {
	...list('question', undefined, inRoom),
	row: (a: IDataObject) => ({ name: rowLabel(a.answer, a.participant_name) || String(a.id), value: String(a.id) }),
	expand: (question, ctx) => (question.id === chosenId(ctx, 'questionId', 'question') && Array.isArray(question.answers) ? (question.answers as IDataObject[]) : []),
};

/** The node's pickers (listSearch methods), each over the API's list of that thing, through the node's transport. */
export const digitalSambaListSearch = (transport: ProviderTransport) => ({
	searchRooms: listSearch(transport, { ...list('room'), row: (r: IDataObject) => ({ name: rowLabel(r.friendly_url, r.description) || String(r.id), value: String(r.id), url: r.room_url as string | undefined }) }),
	searchSessions: listSearch(transport, roomOrTeam('session', (s: IDataObject) => ({ name: rowLabel(s.friendly_url, day(s.start_time), s.live === true ? 'live' : '') || String(s.id), value: String(s.id) }))),
	searchParticipants: listSearch(transport, roomOrTeam('participant', (p: IDataObject) => ({ name: rowLabel(p.name, p.friendly_url, day(p.join_time)) || String(p.id), value: String(p.id) }))),
	searchRecordings: listSearch(transport, { ...list('recording'), row: (r: IDataObject) => ({ name: rowLabel(r.name, r.friendly_url, day(r.created_at), r.status) || String(r.id), value: String(r.id) }) }),
	searchPolls: listSearch(transport, { ...list('poll', undefined, inRoom), row: (p: IDataObject) => ({ name: rowLabel(p.question, p.status) || String(p.id), value: String(p.id) }) }),
	searchQuizzes: listSearch(transport, { ...list('quiz', undefined, inRoom), row: (q: IDataObject) => ({ name: rowLabel(q.title, q.status) || String(q.id), value: String(q.id) }) }),
	searchQuestions: listSearch(transport, { ...list('question', undefined, inRoom), row: (q: IDataObject) => ({ name: rowLabel(q.question, q.participant_name) || String(q.id), value: String(q.id) }) }),
	searchAnswers: listSearch(transport, answers),
	searchLibraries: listSearch(transport, { ...list('library'), row: (l: IDataObject) => ({ name: rowLabel(l.name, l.external_id) || String(l.id), value: String(l.id) }) }),
	searchFolders: listSearch(transport, { ...list('library', 'getManyFolders', inLibrary), row: (f: IDataObject) => ({ name: rowLabel(f.name, f.description, f.external_id) || String(f.id), value: String(f.id) }) }),
	searchFiles: listSearch(transport, { ...list('library', 'getManyFiles', inLibrary), row: (f: IDataObject) => ({ name: rowLabel(f.name, f.type) || String(f.id), value: String(f.id) }) }),
	searchWebhooks: listSearch(transport, { ...list('webhook'), row: (w: IDataObject) => ({ name: rowLabel(w.name, w.endpoint) || String(w.id), value: String(w.id) }) }),
	searchRoles: listSearch(transport, { ...list('role'), row: (r: IDataObject) => ({ name: rowLabel(r.display_name, r.name) || String(r.id), value: String(r.id) }) }),
});

/** The node's dropdowns loaded from the account (loadOptions methods), through the node's transport. */
export const digitalSambaLoadOptions = (transport: ProviderTransport) => ({
	// The value is the role's name, which every field that takes a role accepts (as it accepts the ID).
	// GET /events and GET /permissions answer bare arrays of names.
	getWebhookEvents: loadOptions(transport, { ...list('event'), option: (name) => ({ name: String(name), value: String(name) }) }),
	getPermissions: loadOptions(transport, { ...list('role', 'getPermissions'), option: (name) => ({ name: permissionLabel(String(name)), value: String(name) }) }),
	getRoles: loadOptions(transport, { ...list('role'), option: (r: IDataObject) => ({ name: String(r.display_name ?? r.name), value: String(r.name), description: typeof r.description === 'string' ? r.description.slice(0, 200) : undefined }) }),
});
