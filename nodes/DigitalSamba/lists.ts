import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';
import { chosen, currentId, type ListSource, listOfOperation, listSearch, loadOptions } from '../shared/locator';
import { findOperation } from '../shared/properties';
import { digitalSambaResources } from './resources';
import { digitalSambaTransport } from './transport';

/** A list operation a picker lists with: the same call and paging as the user's own list. */
const list = (resource: string, operation = 'getAll') => {
	const op = findOperation(digitalSambaResources, resource, operation);
	if (!op) throw new Error(`Digital Samba has no ${resource} ${operation}`);
	return op;
};

const label = (...parts: unknown[]) => parts.filter((p) => typeof p === 'string' && p !== '').join(' · ');
const day = (time: unknown) => (typeof time === 'string' ? time.slice(0, 16).replace('T', ' ') : '');

const inRoom = (ctx: ILoadOptionsFunctions) => ({ roomId: chosen(ctx, 'roomId', 'room') });
const inLibrary = (ctx: ILoadOptionsFunctions) => ({ libraryId: chosen(ctx, 'libraryId', 'library') });

/** Sessions or participants of the chosen room, or of the whole team when no room is chosen. */
function roomOrTeam(resource: string, row: ListSource['row']): ListSource {
	const team = listOfOperation(list(resource), row);
	const room = listOfOperation(list(resource, 'getManyForRoom'), row, inRoom);
	return { ...team, request: (ctx) => (currentId(ctx, 'roomId') ? room.request(ctx) : team.request(ctx)) };
}

/** The answers of the chosen question, which the room's questions list carries. */
const answers: ListSource = {
	...listOfOperation(list('question'), (a: IDataObject) => ({ name: label(a.answer, a.participant_name) || String(a.id), value: String(a.id) }), inRoom),
	expand: (question, ctx) => (question.id === chosen(ctx, 'questionId', 'question') && Array.isArray(question.answers) ? (question.answers as IDataObject[]) : []),
};

/** The node's pickers (listSearch methods), each over the API's list of that thing. */
export const digitalSambaListSearch = {
	searchRooms: listSearch(digitalSambaTransport, listOfOperation(list('room'), (r: IDataObject) => ({ name: label(r.friendly_url, r.description) || String(r.id), value: String(r.id), url: r.room_url as string | undefined }))),
	searchSessions: listSearch(digitalSambaTransport, roomOrTeam('session', (s: IDataObject) => ({ name: label(s.friendly_url, day(s.start_time), s.live === true ? 'live' : '') || String(s.id), value: String(s.id) }))),
	searchParticipants: listSearch(digitalSambaTransport, roomOrTeam('participant', (p: IDataObject) => ({ name: label(p.name, p.friendly_url, day(p.join_time)) || String(p.id), value: String(p.id) }))),
	searchRecordings: listSearch(digitalSambaTransport, listOfOperation(list('recording'), (r: IDataObject) => ({ name: label(r.name, r.friendly_url, day(r.created_at), r.status) || String(r.id), value: String(r.id) }))),
	searchPolls: listSearch(digitalSambaTransport, listOfOperation(list('poll'), (p: IDataObject) => ({ name: label(p.question, p.status) || String(p.id), value: String(p.id) }), inRoom)),
	searchQuizzes: listSearch(digitalSambaTransport, listOfOperation(list('quiz'), (q: IDataObject) => ({ name: label(q.title, q.status) || String(q.id), value: String(q.id) }), inRoom)),
	searchQuestions: listSearch(digitalSambaTransport, listOfOperation(list('question'), (q: IDataObject) => ({ name: label(q.question, q.participant_name) || String(q.id), value: String(q.id) }), inRoom)),
	searchAnswers: listSearch(digitalSambaTransport, answers),
	searchLibraries: listSearch(digitalSambaTransport, listOfOperation(list('library'), (l: IDataObject) => ({ name: label(l.name, l.external_id) || String(l.id), value: String(l.id) }))),
	searchFolders: listSearch(digitalSambaTransport, listOfOperation(list('library', 'getManyFolders'), (f: IDataObject) => ({ name: label(f.name, f.description, f.external_id) || String(f.id), value: String(f.id) }), inLibrary)),
	searchFiles: listSearch(digitalSambaTransport, listOfOperation(list('library', 'getManyFiles'), (f: IDataObject) => ({ name: label(f.name, f.type) || String(f.id), value: String(f.id) }), inLibrary)),
	searchWebhooks: listSearch(digitalSambaTransport, listOfOperation(list('webhook'), (w: IDataObject) => ({ name: label(w.name, w.endpoint) || String(w.id), value: String(w.id) }))),
	searchRoles: listSearch(digitalSambaTransport, listOfOperation(list('role'), (r: IDataObject) => ({ name: label(r.display_name, r.name) || String(r.id), value: String(r.id) }))),
};

/** The node's dropdowns loaded from the account (loadOptions methods). */
export const digitalSambaLoadOptions = {
	// The value is the role's name, which every field that takes a role accepts (as it accepts the ID).
	getRoles: loadOptions(digitalSambaTransport, { ...listOfOperation(list('role'), () => ({ name: '', value: '' })), option: (r: IDataObject) => ({ name: String(r.display_name ?? r.name), value: String(r.name), description: typeof r.description === 'string' ? r.description.slice(0, 200) : undefined }) }),
};
