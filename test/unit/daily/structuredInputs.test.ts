import nock from 'nock';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { Daily } from '../../../nodes/Daily/Daily.node';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { DAILY_URL, runDaily } from '../../helpers/daily';
import { requestErrors } from '../../simulators/daily/spec';
import { decodeJwt } from '../../helpers/jwt';
import { type Json, resolve, schemas } from '../../helpers/dailySpec';

/**
 * Rows instead of JSON (issue #15) for Daily's room permissions, SIP dial-in and streaming endpoints, a token's
 * permissions and the rooms of Create Many. The oracle: the same content given as JSON, as saved workflows hold it,
 * makes the same request, and that request passes the contract the simulator enforces (test/fixtures/daily-openapi.json
 * plus its docs overlay).
 */

const roomProps = resolve(schemas['room-properties']).properties as Json;

/** What the contract the simulator enforces (spec + overlay) says is wrong with this body, at any depth. */
const contractErrors = (method: string, path: string, body: unknown) => requestErrors(method, path, new URLSearchParams(), body).errors;

/** The body of the one call a run makes. */
async function bodyOf(method: 'POST', path: string, parameters: IDataObject, reply: nock.Body = { name: 'r', url: 'https://x.daily.co/r' }): Promise<Json> {
	let seen: Json = {};
	nock(DAILY_URL).intercept(`/v1${path}`, method, (b) => ((seen = b), true)).reply(200, reply);
	const { output } = await runDaily(parameters);
	expect(output[0].json.error).toBeUndefined();
	return seen;
}

beforeEach(() => resetRateLimits());
afterEach(() => nock.cleanAll());

const description = new Daily().description;
const collectionOf = (resource: string, operation: string) =>
	description.properties.find((p) => p.name === 'properties' && p.displayOptions?.show?.resource?.includes(resource) && p.displayOptions?.show?.operation?.includes(operation))!;

describe('Room properties as rows', () => {
	const rows = {
		permissionsUi: { permissions: { hasPresence: false, canSend: ['audio', 'video'], canAdmin: ['participants'] } },
		sipUi: { sip: { display_name: 'Front desk', video: true, num_endpoints: 2, audioCodecs: ['OPUS', 'PCMU'] } },
		streamingEndpointsUi: {
			endpoint: [
				{ name: 'rtmp_youtube', type: 'rtmp', rtmpUrl: 'rtmps://a.rtmp.youtube.com/live2/key-1' },
				{ name: 'hls_s3', type: 'hls', hlsConfig: '{"storage": {"bucket_name": "b", "bucket_region": "us-west-2", "assume_role_arn": "arn:aws:iam::9:role/R"}}' },
			],
		},
	};
	const json = {
		permissions: JSON.stringify({ hasPresence: false, canSend: ['audio', 'video'], canAdmin: ['participants'] }),
		sip: JSON.stringify({ display_name: 'Front desk', video: true, num_endpoints: 2, sip_mode: 'dial-in', codecs: { audio: ['OPUS', 'PCMU'] } }),
		streaming_endpoints: JSON.stringify([
			{ name: 'rtmp_youtube', type: 'rtmp', rtmp_config: { url: 'rtmps://a.rtmp.youtube.com/live2/key-1' } },
			{ name: 'hls_s3', type: 'hls', hls_config: { storage: { bucket_name: 'b', bucket_region: 'us-west-2', assume_role_arn: 'arn:aws:iam::9:role/R' } } },
		]),
	};

	it('are offered beside their JSON fields in Room → Create and Update', () => {
		for (const operation of ['create', 'update']) {
			const names = (collectionOf('room', operation).options as INodeProperties[]).map((o) => o.name);
			expect(names).toEqual(expect.arrayContaining(['permissions', 'permissionsUi', 'sip', 'sipUi', 'streaming_endpoints', 'streamingEndpointsUi']));
		}
	});

	it('send what the same JSON sends, with only keys the spec declares', async () => {
		const fromRows = await bodyOf('POST', '/rooms/standup', { resource: 'room', operation: 'update', roomName: 'standup', properties: rows });
		const fromJson = await bodyOf('POST', '/rooms/standup', { resource: 'room', operation: 'update', roomName: 'standup', properties: json });
		expect(fromRows).toEqual(fromJson);
		expect(fromRows.properties.sip.sip_mode).toBe('dial-in');
		expect(contractErrors('POST', '/rooms/standup', fromRows)).toEqual([]);
		for (const required of roomProps.sip.required as string[]) expect(fromRows.properties.sip).toHaveProperty(required);
	});

	it('refuse rows and JSON for the same property at once, and HLS config that is not JSON, before any request', async () => {
		const both = await runDaily({ resource: 'room', operation: 'update', roomName: 'standup', properties: { sip: json.sip, sipUi: rows.sipUi } }).catch((e) => e);
		expect(String(both.message)).toMatch(/SIP Dial-In or its JSON field \(sip\), not both/);
		const bad = await runDaily({ resource: 'room', operation: 'update', roomName: 'standup', properties: { streamingEndpointsUi: { endpoint: [{ name: 'hls_s3', type: 'hls', hlsConfig: '{storage' }] } } }).catch((e) => e);
		expect(String(bad.message)).toMatch(/HLS Config \(JSON\) of endpoint 'hls_s3': must be valid JSON/);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it.each([
		['SIP without a display name (the spec requires it)', { sipUi: { sip: { video: true } } }, /Display Name: is required for SIP dial-in/],
		['SIP digits-only with two endpoints (the spec: incompatible)', { sipUi: { sip: { display_name: 'Desk', num_endpoints: 2, force_digit_only_username: true } } }, /Digits-Only Username: cannot be used with more than one endpoint/],
		['an endpoint without a name', { streamingEndpointsUi: { endpoint: [{ type: 'rtmp', rtmpUrl: 'rtmp://a/b' }] } }, /Name of endpoint 1: is required/],
		['an RTMP endpoint with an https URL', { streamingEndpointsUi: { endpoint: [{ name: 'yt', type: 'rtmp', rtmpUrl: 'https://a/b' }] } }, /RTMP URL of endpoint 'yt': must be an rtmp:\/\/ or rtmps:\/\/ URL/],
		['an HLS endpoint without its config', { streamingEndpointsUi: { endpoint: [{ name: 'hls', type: 'hls' }] } }, /HLS Config \(JSON\) of endpoint 'hls': is required/],
	])('refuse %s before any request', async (_name, properties, message) => {
		const error = await runDaily({ resource: 'room', operation: 'update', roomName: 'standup', properties }).catch((e) => e);
		expect(String(error.message)).toMatch(message);
	});

	it('send nothing for a group added in the editor but never filled in (n8n stores {})', async () => {
		const body = await bodyOf('POST', '/rooms/standup', { resource: 'room', operation: 'update', roomName: 'standup', properties: { sipUi: {}, streamingEndpointsUi: {}, enable_chat: true } });
		expect(body).toEqual({ properties: { enable_chat: true } });
	});
});

describe('owner_only_broadcast of saved workflows (gone from the spec)', () => {
	it('becomes the spec\'s permissions for non-owners, canSend false, rather than being dropped (which let everyone send)', async () => {
		expect(roomProps.owner_only_broadcast).toBeUndefined();
		expect(resolve(schemas.permissions).properties.canSend).toBeDefined();
		const body = await bodyOf('POST', '/rooms/standup', { resource: 'room', operation: 'update', roomName: 'standup', properties: { owner_only_broadcast: true } });
		expect(body).toEqual({ properties: { permissions: { canSend: false } } });
		expect(contractErrors('POST', '/rooms/standup', body)).toEqual([]);
	});

	it('is refused together with permissions of its own', async () => {
		const error = await runDaily({ resource: 'room', operation: 'update', roomName: 'standup', properties: { owner_only_broadcast: true, permissions: '{"hasPresence": true}' } }).catch((e) => e);
		expect(String(error.message)).toMatch(/no longer a Daily room property: remove it and set Permissions/);
	});
});

describe('Token permissions as rows', () => {
	it('Create sends and Create Self-Signed signs what the same JSON gives', async () => {
		const permissionsUi = { permissions: { hasPresence: true, canSend: ['audio'], canAdmin: ['streaming', 'transcription'] } };
		const permissions = JSON.stringify({ hasPresence: true, canSend: ['audio'], canAdmin: ['streaming', 'transcription'] });
		const fromRows = await bodyOf('POST', '/meeting-tokens', { resource: 'meetingToken', operation: 'create', properties: { permissionsUi } }, { token: 't' });
		const fromJson = await bodyOf('POST', '/meeting-tokens', { resource: 'meetingToken', operation: 'create', properties: { permissions } }, { token: 't' });
		expect(fromRows).toEqual(fromJson);
		expect(contractErrors('POST', '/meeting-tokens', fromRows)).toEqual([]);

		const signed = async (properties: IDataObject) =>
			decodeJwt(String((await runDaily({ resource: 'meetingToken', operation: 'createSelfSigned', roomName: 'standup', domainId: 'd-1', properties })).output[0].json.token)).p;
		expect(await signed({ permissionsUi })).toEqual(await signed({ permissions }));
	});
});

describe('Create Many rooms as rows', () => {
	it('sends what the same JSON sends, to the spec\'s POST /batch/rooms body', async () => {
		const reply = { data: [{ name: 'a-1' }, { name: 'a-2' }] };
		const roomsUi = { room: [{ name: 'a-1', privacy: 'private', properties: '{"enable_chat": true}' }, { name: 'a-2', privacy: 'public' }] };
		const fromRows = await bodyOf('POST', '/batch/rooms', { resource: 'room', operation: 'createMany', roomsInputMode: 'fields', roomsUi }, reply);
		const fromJson = await bodyOf('POST', '/batch/rooms', { resource: 'room', operation: 'createMany', rooms: JSON.stringify([{ name: 'a-1', privacy: 'private', properties: { enable_chat: true } }, { name: 'a-2', privacy: 'public' }]) }, reply);
		expect(fromRows).toEqual(fromJson);
		expect(contractErrors('POST', '/batch/rooms', fromRows)).toEqual([]);
	});

	it('keeps JSON the default mode, so a saved workflow without the mode runs as before', () => {
		const mode = description.properties.find((p) => p.name === 'roomsInputMode')!;
		expect(mode.default).toBe('json');
	});
});
