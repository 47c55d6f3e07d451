import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import type { RequestSpec } from '../shared/model/descriptor';
import type { ProviderTransport } from '../shared/model/provider';
import { pathSegment } from '../shared/parameters/fields';
import { chosenId, listCall, listSearch, loadOptions, rowLabel } from '../shared/describe/lists';

/** A list of the node's, for a picker or a dropdown. */
const list = (resource: string, operation?: string, params?: Parameters<typeof listCall>[3]) =>
	listCall(async () => (await import('./resources')).dailyResources, resource, operation, params);

/** "2026-12-01 10:00 UTC" from unix seconds, for a row's label. */
const when = (seconds: unknown) => (typeof seconds === 'number' ? new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '');

/** The node's pickers (listSearch methods), each over the API's list of that thing, through the node's transport. */
export const dailyListSearch = (transport: ProviderTransport) => ({
	searchRooms: listSearch(transport, { ...list('room'), row: (room: IDataObject) => ({ name: String(room.name), value: String(room.name), url: room.url as string | undefined }) }),
	searchRecordings: listSearch(transport, { ...list('recording'), row: (r: IDataObject) => ({ name: rowLabel(r.room_name, when(r.start_ts), r.status) || String(r.id), value: String(r.id) }) }),
	// The list names the room by id only (the spec's transcript object has roomId, no name).
	searchTranscripts: listSearch(transport, { ...list('transcript'), row: (t: IDataObject) => ({ name: rowLabel(String(t.transcriptId), t.status), value: String(t.transcriptId) }) }),
	searchMeetings: listSearch(transport, { ...list('meeting'), row: (m: IDataObject) => ({ name: rowLabel(m.room, when(m.start_time), m.ongoing === true ? 'ongoing' : '') || String(m.id), value: String(m.id) }) }),
	searchPhoneNumbers: listSearch(transport, { ...list('phoneNumber'), row: (n: IDataObject) => ({ name: rowLabel(n.number, n.name) || String(n.id), value: String(n.id) }) }),
	searchDialinConfigs: listSearch(transport, { ...list('dialinConfig'), row: (d: IDataObject) => { const c = (d.config ?? {}) as IDataObject; return { name: rowLabel(c.name_prefix, c.phone_number, d.type) || String(d.id), value: String(d.id) }; } }),
	searchSipTrunks: listSearch(transport, { ...list('sipTrunk'), row: (t: IDataObject) => ({ name: rowLabel(t.trunk_name, t.sip_uri) || String(t.id), value: String(t.id) }) }),
	searchSipClients: listSearch(transport, { ...list('sipClient'), row: (c: IDataObject) => ({ name: rowLabel(c.username, c.sip_uri) || String(c.username), value: String(c.username) }) }),
	searchWebhooks: listSearch(transport, { ...list('webhook'), row: (w: IDataObject) => ({ name: rowLabel(w.url, w.state) || String(w.uuid), value: String(w.uuid) }) }),
	searchBatchJobs: listSearch(transport, { ...list('batchProcessor'), row: (j: IDataObject) => ({ name: rowLabel(j.preset, j.status, String(j.id)) || String(j.id), value: String(j.id) }) }),
});

/** Streaming endpoints predefined in a configuration (a room's or the domain's `config.streaming_endpoints`), by name. */
const endpointsIn = (transport: ProviderTransport, request: (ctx: ILoadOptionsFunctions) => RequestSpec) =>
	loadOptions(transport, { call: (ctx) => ({ request: request(ctx) }), itemsPath: 'config.streaming_endpoints', option: (e: IDataObject) => ({ name: String(e.name), value: String(e.name) }) });

/** The node's dropdowns loaded from the account (loadOptions methods), through the node's transport. */
export const dailyLoadOptions = (transport: ProviderTransport) => {
	const roomEndpoints = endpointsIn(transport, (ctx) => ({ method: 'GET', path: `/rooms/${pathSegment(chosenId(ctx, 'roomName', 'room'))}`, repeatable: true }));
	const domainEndpoints = endpointsIn(transport, () => ({ method: 'GET', path: '/', repeatable: true }));
	return {
		// Endpoints may be predefined on the room or on the domain: both are offered, each name once.
		async getStreamingEndpoints(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
			const [room, domain] = await Promise.all([roomEndpoints.call(this), domainEndpoints.call(this)]);
			const byName = new Map([...domain, ...room].map((o) => [o.value, o]));
			return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
		},
		// Who is in the chosen room now (GET /rooms/{room}/presence), by name, valued by their session ID.
		getParticipants: loadOptions(transport, {
			...list('room', 'getPresence', (ctx) => ({ roomName: chosenId(ctx, 'roomName', 'room') })),
			itemsPath: 'data',
			option: (p: IDataObject) => ({ name: `${String(p.userName ?? 'Guest')} (${String(p.id)})`, value: String(p.id) }),
		}),
	};
};
