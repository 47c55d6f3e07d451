import type { INode } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import nock from 'nock';
import { Daily } from '../../../../nodes/Daily/Daily.node';
import { DigitalSamba } from '../../../../nodes/DigitalSamba/DigitalSamba.node';
import { MiroTalk } from '../../../../nodes/MiroTalk/MiroTalk.node';
import { runDaily } from '../../../helpers/daily';
import { DS_URL, runDigitalSamba } from '../../../helpers/digitalSamba';

/** The parameters n8n resolves for a node of this version, as the editor and the engine do (NodeHelpers). */
function resolved(description: Daily['description'], typeVersion: number, parameters: Record<string, unknown>) {
	const node = { name: 'n', type: 'x', typeVersion, position: [0, 0], parameters } as unknown as INode;
	return NodeHelpers.getNodeParameters(description.properties, parameters as never, true, false, node, description)!;
}

describe('Simplify', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it.each([['Daily', new Daily().description, 'room'], ['Digital Samba', new DigitalSamba().description, 'session']] as const)(
		'%s: n8n resolves it on for a node added now (1.1) and off for a workflow saved with version 1',
		(_name, description, resource) => {
			// The editor adds a node at its defaultVersion, or else at the last of its versions (resolveNodeVersion). With a
			// defaultVersion set, n8n does not add Custom API Call to Resource and Operation, so there is none.
			expect(description.defaultVersion).toBeUndefined();
			expect((description.version as number[]).at(-1)).toBe(1.1);
			expect(resolved(description, 1.1, { resource, operation: 'get' }).simplify).toBe(true);
			expect(resolved(description, 1, { resource, operation: 'get' }).simplify).toBe(false);
		},
	);

	it('gives a Daily room its few fields when on, the whole answer when off', async () => {
		const room = { id: 'r-1', name: 'standup', api_created: true, privacy: 'private', url: 'https://acme.daily.co/standup', created_at: '2026-12-01T10:00:00.000Z', config: { exp: 1767225600, enable_chat: true } };
		nock('https://api.daily.co').get('/v1/rooms/standup').times(2).reply(200, room);
		const on = await runDaily({ resource: 'room', operation: 'get', roomName: 'standup', simplify: true });
		expect(on.output[0].json).toEqual({ id: 'r-1', name: 'standup', url: 'https://acme.daily.co/standup', privacy: 'private', created_at: '2026-12-01T10:00:00.000Z' });
		const off = await runDaily({ resource: 'room', operation: 'get', roomName: 'standup', simplify: false });
		expect(off.output[0].json).toEqual(room);
	});

	it('simplifies every entry of a Get Many', async () => {
		const rooms = Array.from({ length: 3 }, (_, i) => ({ id: `id-${i}`, friendly_url: `room-${i}`, privacy: 'public', room_url: `https://acme.digitalsamba.com/room-${i}`, topbar_enabled: true, chat_enabled: false }));
		nock(DS_URL).get('/api/v1/rooms').query(true).reply(200, { total_count: 3, data: rooms });
		const { output } = await runDigitalSamba({ resource: 'room', operation: 'getAll', returnAll: true, simplify: true });
		expect(output.map((i) => i.json)).toEqual(rooms.map(({ id, friendly_url, privacy, room_url }) => ({ id, friendly_url, privacy, room_url })));
	});
});

describe('MiroTalk Token → Create Expires In by node version', () => {
	it('n8n resolves 1h for a workflow saved with version 1 (its default then, never stored) and empty for 1.1', () => {
		const description = new MiroTalk().description;
		expect((description.version as number[]).at(-1)).toBe(1.1);
		const parameters = { product: 'sfu', resource: 'token', operation: 'create', username: 'u', password: 'p' };
		expect(resolved(description, 1, parameters).expire).toBe('1h');
		expect(resolved(description, 1.1, parameters).expire).toBe('');
	});
});
