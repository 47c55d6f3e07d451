import { createHmac } from 'crypto';
import nock from 'nock';
import { NodeApiError, NodeOperationError, type IDataObject, type INodeProperties } from 'n8n-workflow';
import { DigitalSamba } from '../../../nodes/DigitalSamba/DigitalSamba.node';
import { digitalSambaResources } from '../../../nodes/DigitalSamba/resources';
import { ROOM_SETTING_FIELDS } from '../../../nodes/DigitalSamba/roomSettings';
import { RESET_FIELD } from '../../../nodes/shared/parameters/fields';
import { findOperation } from '../../../nodes/shared/describe/properties';
import { decodeJwt } from '../../helpers/jwt';
import { resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { loadSpec } from '../../simulators/digitalSamba/spec';
import { DS_KEY, DS_TEAM, DS_URL, runDigitalSamba } from '../../helpers/digitalSamba';
import { failure } from '../../helpers/failure';

const API = `${DS_URL}/api/v1`;
const ROOM = 'a853d608-e6cf-48eb-a3c9-7d089bbc09b0';
const MINE = ['defaultRoomSettings', 'room', 'roomToken', 'chat', 'question', 'poll', 'quiz'];

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	resetRateLimits();
});
afterAll(() => nock.enableNetConnect());

const text = (error: Error) => `${error.message}\n${(error as NodeOperationError).description ?? ''}`;

describe('room settings follow the contract', () => {
	const spec = loadSpec();
	const bodyKeys = (key: string) => Object.keys(spec.byKey.get(key)?.bodySchema?.properties ?? {}).sort();
	const collectionKeys = (resource: string, operation: string) =>
		((findOperation(digitalSambaResources, resource, operation)!.properties.find((p) => p.name === 'settings')!.options ?? []) as INodeProperties[])
			.map((o) => o.name)
			// Reset to Default is no setting of its own: it sends settings back to their defaults (resets.test.ts).
			.filter((name) => name !== RESET_FIELD)
			.sort();

	it('declares every setting of POST /rooms (110+), each typed and described', () => {
		expect(ROOM_SETTING_FIELDS.map((f) => f.name).sort()).toEqual(bodyKeys('POST /rooms'));
		expect(ROOM_SETTING_FIELDS.length).toBeGreaterThan(110);
		for (const field of ROOM_SETTING_FIELDS) {
			expect(field.description).toMatch(/^[A-Z]/);
			// Markup only in n8n's own sentence for dropdowns loaded from the account.
			expect(field.description.replace(/<a href="https:\/\/docs\.n8n\.io\/code\/expressions\/">expression<\/a>/, '')).not.toMatch(/[<>]/);
			if (field.type === 'boolean') expect(field.description).toMatch(/^Whether /);
		}
	});

	it('offers each operation exactly the settings its request schema has', () => {
		expect(['privacy', ...collectionKeys('room', 'create')].sort()).toEqual(bodyKeys('POST /rooms'));
		expect(collectionKeys('room', 'update')).toEqual(bodyKeys('PATCH /rooms/{room}'));
		expect(collectionKeys('defaultRoomSettings', 'update')).toEqual(bodyKeys('PATCH /'));
	});

	it('uses the enums the contract states for option settings', () => {
		const options = (name: string) => ROOM_SETTING_FIELDS.find((f) => f.name === name)!.options!.map(([v]) => v).sort();
		expect(options('toolbar_position')).toEqual(['bottom', 'left', 'right']);
		expect(options('hd_video_quality')).toEqual(['1080_2.5', '1080_5.5', '720_1.5', '720_2.5']);
		expect(options('restream_type')).toEqual(['cloudflare', 'custom', 'vimeo', 'youtube']);
		expect(options('language')).toEqual(['ar-SA', 'de-DE', 'en', 'es-ES', 'it-IT', 'nl-NL', 'pt-PT', 'ro-RO', 'zh-CN', 'zh-TW']);
		expect(options('captions_language')).toHaveLength(14);
	});
});

describe('node description of these resources', () => {
	const properties = new DigitalSamba().description.properties;

	it('gives each parameter name one type across these resources', () => {
		const types = new Map<string, Set<string>>();
		for (const p of properties) {
			const resource = p.displayOptions?.show?.resource?.[0] as string | undefined;
			if (!resource || !MINE.includes(resource) || p.name === 'operation') continue;
			types.set(p.name, (types.get(p.name) ?? new Set()).add(p.type));
		}
		expect([...types].filter(([, t]) => t.size > 1)).toEqual([]);
	});

	it('names every operation with an action in sentence case and a description', () => {
		for (const r of digitalSambaResources.filter((r) => MINE.includes(r.value))) {
			for (const op of r.operations) {
				// Sentence case: after the first word, only acronyms (CSV, Q&A) start with a capital.
				const [first, ...rest] = op.action.split(' ');
				expect(first).toMatch(/^[A-Z]/);
				expect(rest.filter((w) => /^[A-Z]/.test(w) && w !== w.toUpperCase())).toEqual([]);
				expect(op.description.length).toBeGreaterThan(20);
				if (op.operation === 'getAll') expect(op.name).toBe('Get Many');
			}
		}
		expect(digitalSambaResources.find((r) => r.value === 'question')!.name).toBe('Q&A');
	});
});

describe('validation before any request', () => {
	const poll = { resource: 'poll', operation: 'create', roomId: ROOM, question: 'Where shall we go?', type: 'single', pollOptions: 'Rome\nParis' };
	const quiz = { resource: 'quiz', operation: 'create', roomId: ROOM, title: 'Capitals' };
	const qa = { resource: 'question', operation: 'create', roomId: ROOM, question: 'Why?' };
	const cases: Array<[string, IDataObject, RegExp]> = [
		['a friendly URL under 3 characters', { resource: 'room', operation: 'create', privacy: 'public', settings: { friendly_url: 'ab' } }, /Settings → Friendly URL \(settings\.friendly_url\): must be at least 3 characters/],
		['a friendly URL over 32 characters', { resource: 'room', operation: 'update', roomId: ROOM, settings: { friendly_url: 'x'.repeat(33) } }, /Friendly URL \(settings\.friendly_url\): must be at most 32 characters/],
		['an unknown room setting', { resource: 'room', operation: 'create', privacy: 'public', settings: { chat: true } }, /Settings \(settings\): unknown field\(s\): chat/],
		['a setting that PATCH /rooms/{room} does not take', { resource: 'room', operation: 'update', roomId: ROOM, settings: { tags: 'a' } }, /unknown field\(s\): tags/],
		['a room-only setting among the team defaults', { resource: 'defaultRoomSettings', operation: 'update', settings: { friendly_url: 'abc' } }, /unknown field\(s\): friendly_url/],
		['an update without any setting', { resource: 'room', operation: 'update', roomId: ROOM }, /Settings \(settings\): add at least one setting to change/],
		['an unknown privacy', { resource: 'room', operation: 'create', privacy: 'secret' }, /Privacy \(privacy\): must be one of 'private', 'public'/],
		['max participants under 2', { resource: 'room', operation: 'create', privacy: 'public', settings: { max_participants: 1 } }, /Max Participants \(settings\.max_participants\): must be at least 2/],
		['a toolbar color that is not a hex code', { resource: 'room', operation: 'create', privacy: 'public', settings: { toolbar_color: 'black' } }, /Toolbar Color \(settings\.toolbar_color\): must be a hex color/],
		['an HD quality outside the enum', { resource: 'room', operation: 'create', privacy: 'public', settings: { hd_video_quality: '4k' } }, /HD Video Quality \(settings\.hd_video_quality\): must be one of/],
		['an expiry in the past', { resource: 'room', operation: 'create', privacy: 'public', settings: { expires_at: '2020-01-01T00:00:00Z' } }, /Expires At \(settings\.expires_at\): must be in the future/],
		['an expiry in the past in the API\'s own form', { resource: 'room', operation: 'update', roomId: ROOM, settings: { expires_at: '2020-01-01 00:00:00' } }, /Expires At \(settings\.expires_at\): must be in the future/],
		['a reserved team domain', { resource: 'defaultRoomSettings', operation: 'update', settings: { domain: 'api' } }, /Domain \(settings\.domain\): must be 3 to 32 letters/],
		['a room missing from Get', { resource: 'room', operation: 'get' }, /Room \(roomId\): is required/],
		['rooms to delete without tags', { resource: 'room', operation: 'deleteByTags', tags: ' , ' }, /Tags \(tags\): must name at least one tag/],
		['a chat message missing', { resource: 'chat', operation: 'send', roomId: ROOM }, /Message \(message\): is required/],
		['an export format outside the contract', { resource: 'question', operation: 'export', roomId: ROOM, format: 'csv' }, /Format \(format\): must be one of 'txt', 'json'/],
		['a poll question under 5 characters', { ...poll, question: 'Why?' }, /Question \(question\): must be at least 5 characters/],
		['a choice poll without options', { ...poll, pollOptions: '' }, /Options \(pollOptions\): is required: Digital Samba's API needs at least one option/],
		['a poll option over 512 characters', { ...poll, pollOptions: 'x'.repeat(513) }, /each option must be at most 512 characters/],
		['poll options given as label (the seeds\' name)', { ...poll, pollOptions: '[{"label": "Rome"}]' }, /unknown field\(s\): label/],
		['an unknown poll type', { ...poll, type: 'ranking' }, /Type \(type\): must be one of 'free', 'multiple', 'single'/],
		['a Q&A participant with neither ID nor name', qa, /Participant Name \(participantName\): is required when Participant ID is empty/],
		['a Q&A participant without external ID', { ...qa, participantName: 'Ann' }, /Participant External ID \(participantExternalId\): is required when Participant ID is empty/],
		['quiz questions that are not JSON', { ...quiz, questions: '[{' }, /Questions \(JSON\) \(questions\): must be valid JSON/],
		['a quiz question without choices', { ...quiz, questions: '[{"text": "Capital of Italy?"}]' }, /\(questions\[0\]\.choices\): is required/],
		['a quiz without questions', { ...quiz, questions: '[]' }, /must hold at least one question/],
		['a quiz time limit over a day', { ...quiz, questions: '[{"text":"Q","choices":[{"text":"A"}]}]', additionalFields: { time_limit_minutes: 1441 } }, /Time Limit \(Minutes\) \(additionalFields\.time_limit_minutes\): must be at most 1440/],
		['a token avatar that is not a URL', { resource: 'roomToken', operation: 'create', roomId: ROOM, additionalFields: { avatar: 'me.png' } }, /Avatar URL \(additionalFields\.avatar\): must be an http\(s\) URL/],
		['a token expiry in the past', { resource: 'roomToken', operation: 'create', roomId: ROOM, additionalFields: { exp: 1000 } }, /Expires At \(additionalFields\.exp\): must be in the future/],
	];

	it.each(cases)('refuses %s with a NodeOperationError naming the field', async (_name, params, message) => {
		// Net connect is disabled and nothing is intercepted: a request would fail differently.
		const error = await failure(runDigitalSamba(params, { teamId: DS_TEAM }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(text(error)).toMatch(message);
	});

	it('refuses a poll without options, a Free poll too (the spec requires options), before any request', async () => {
		const error = await failure(runDigitalSamba({ resource: 'poll', operation: 'create', roomId: ROOM, question: 'Any feedback?', type: 'free' }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(text(error)).toMatch(/Options \(pollOptions\): is required/);
	});

	it('refuses a period that ends before it starts, naming End Date', async () => {
		const error = await failure(runDigitalSamba({ resource: 'statistics', operation: 'getTeam', options: { date_start: '2026-02-01', date_end: '2026-01-31' } }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(text(error)).toMatch(/Options → End Date \(options.date_end\): must be on or after the Start Date \(2026-02-01\)/);
	});

	it('turns any time input into the YYYY-MM-DD hh:mm:ss form expires_at wants (UTC)', async () => {
		let body: IDataObject = {};
		nock(API).post('/rooms', (b) => ((body = b), true)).reply(200, { id: ROOM });
		await runDigitalSamba({ resource: 'room', operation: 'create', privacy: 'public', settings: { expires_at: '2099-12-01T10:00:00+02:00' } });
		expect(body).toEqual({ privacy: 'public', expires_at: '2099-12-01 08:00:00' });
	});

	it('sends no body on a plain room delete, and the chosen flags when set', async () => {
		const bodies: unknown[] = [];
		nock(API).delete(`/rooms/${ROOM}`, (b) => (bodies.push(b), true)).times(2).reply(204);
		await runDigitalSamba({ resource: 'room', operation: 'delete', roomId: ROOM });
		await runDigitalSamba({ resource: 'room', operation: 'delete', roomId: ROOM, options: { delete_resources: true, delete_history: true } });
		expect(bodies).toEqual(['', { delete_resources: true, delete_history: true }]);
	});

	it('reports a refused delete of a live room with the API\'s message', async () => {
		nock(API).delete(`/rooms/${ROOM}/resources`).reply(422, { message: 'Cannot delete resources of a live room.' });
		const error = await failure(runDigitalSamba({ resource: 'room', operation: 'deleteResources', roomId: ROOM }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('Cannot delete resources of a live room.');
	});
});

describe('binary export and import', () => {
	it('puts an export in the chosen binary field with the answer\'s content type', async () => {
		nock(API).get(`/rooms/${ROOM}/chat/export`).query({ format: 'json' }).reply(200, '[{"message":"Hi"}]', { 'content-type': 'application/json; charset=utf-8' });
		const { output, ctx } = await runDigitalSamba({ resource: 'chat', operation: 'export', roomId: ROOM, format: 'json', binaryPropertyName: 'chatFile' });
		expect(output[0].json).toEqual({ fileName: `chat-${ROOM}.json`, mimeType: 'application/json', fileSize: 18 });
		expect(Buffer.from(output[0].binary!.chatFile.data, 'base64').toString()).toBe('[{"message":"Hi"}]');
		// Streamed into n8n's binary data, never held whole.
		expect(ctx.binaryInputs).toEqual(['stream']);
	});

	it('reports the provider\'s message when an export is refused', async () => {
		nock(API).get(`/rooms/${ROOM}/chat/export`).query(true).reply(404, { message: 'Room has no chat messages' }, { 'content-type': 'application/json' });
		const error = await failure(runDigitalSamba({ resource: 'chat', operation: 'export', roomId: ROOM, format: 'txt', binaryPropertyName: 'data' }));
		expect(`${error.message} ${error.description}`).toContain('Room has no chat messages');
	});

	it('uploads the CSV of the input binary field as the multipart field "file"', async () => {
		let received = '';
		let contentType = '';
		nock(API)
			.post(`/rooms/${ROOM}/polls/import`, (body) => ((received = typeof body === 'string' ? body : Buffer.from(body).toString()), true))
			.reply(function () {
				contentType = String(this.req.headers['content-type']);
				return [200, ''];
			});
		const csv = 'question,type,option1,option2\nWhere?,single,Rome,Paris\n';
		const items = [{ json: {}, binary: { upload: { data: Buffer.from(csv).toString('base64'), fileName: 'my polls.csv', mimeType: 'text/csv' } } }];
		const { output } = await runDigitalSamba({ resource: 'poll', operation: 'import', roomId: ROOM, binaryPropertyName: 'upload' }, { items });
		const boundary = /^multipart\/form-data; boundary=(\S+)$/.exec(contentType)![1];
		expect(received).toBe(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="my polls.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`);
		expect(output[0].json).toEqual({ success: true, roomId: ROOM, fileName: 'my polls.csv' });
	});

	it('names the missing input binary field before any request', async () => {
		const error = await failure(runDigitalSamba({ resource: 'quiz', operation: 'import', roomId: ROOM, binaryPropertyName: 'csv' }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain("'csv'");
	});
});

describe('room token: signed with what the node can look up', () => {
	it('reads the team domain from the team when none is given, and accepts a friendly URL as the docs do', async () => {
		const scope = nock(DS_URL).get('/api/v1').reply(200, { id: DS_TEAM, domain: 'acme-team' });
		const { output, ctx } = await runDigitalSamba({ resource: 'roomToken', operation: 'createSigned', roomId: 'weekly-standup' }, { teamId: DS_TEAM });
		expect(scope.isDone()).toBe(true);
		expect(ctx.requests).toHaveLength(1);
		expect(String(output[0].json.link)).toMatch(/^https:\/\/acme-team\.digitalsamba\.com\/weekly-standup\?token=/);
		expect(decodeJwt(String(output[0].json.token))).toMatchObject({ td: DS_TEAM, rd: 'weekly-standup' });
	});

	it('takes the room from a pasted room URL', async () => {
		const { output, ctx } = await runDigitalSamba({ resource: 'roomToken', operation: 'createSigned', teamDomain: 'acme', roomId: { __rl: true, mode: 'url', value: `https://acme.digitalsamba.com/${ROOM}?token=old` } }, { teamId: DS_TEAM });
		expect(ctx.requests).toHaveLength(0);
		expect(decodeJwt(String(output[0].json.token)).rd).toBe(ROOM);
	});
});

describe('room token: signed locally', () => {
	const params = {
		resource: 'roomToken', operation: 'createSigned', roomId: ROOM, teamDomain: 'acme',
		additionalFields: { u: 'Ann', ud: 'EXT-1', role: 'moderator', avatar: 'https://img.example/ann.png', initials: 'AN', breakoutId: 'b-1', exp: 4102444800, nbf: 1767225600 },
	};

	it('signs an HS256 JWT with the developer key and the documented claims, without any request', async () => {
		const before = Math.floor(Date.now() / 1000);
		const { output, ctx } = await runDigitalSamba(params, { teamId: DS_TEAM });
		expect(ctx.requests).toHaveLength(0);
		const token = String(output[0].json.token);
		const [header, body, signature] = token.split('.');
		expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
		expect(signature).toBe(createHmac('sha256', DS_KEY).update(`${header}.${body}`).digest('base64url'));
		const claims = decodeJwt(token);
		expect(claims).toEqual({
			td: DS_TEAM, rd: ROOM, u: 'Ann', ud: 'EXT-1', role: 'moderator', avatar: 'https://img.example/ann.png',
			initials: 'AN', breakoutId: 'b-1', exp: 4102444800, nbf: 1767225600, iat: claims.iat,
		});
		expect(claims.iat).toBeGreaterThanOrEqual(before);
		expect(output[0].json.link).toBe(`https://acme.digitalsamba.com/${ROOM}?token=${token}`);
		expect(JSON.stringify(output)).not.toContain(DS_KEY);
	});

	it('links the friendly URL when given, and takes the subdomain from a pasted team URL', async () => {
		const { output } = await runDigitalSamba({ ...params, teamDomain: 'https://acme.digitalsamba.com/', friendlyUrl: 'weekly-sync' }, { teamId: DS_TEAM });
		expect(output[0].json.link).toBe(`https://acme.digitalsamba.com/weekly-sync?token=${output[0].json.token}`);
	});

	it('turns relative times into unix seconds', async () => {
		const { output } = await runDigitalSamba({ ...params, additionalFields: { exp: 'in 2 hours' } }, { teamId: DS_TEAM });
		const claims = decodeJwt(String(output[0].json.token));
		expect(Number(claims.exp) - Number(claims.iat)).toBeGreaterThanOrEqual(7199);
		expect(Number(claims.exp) - Number(claims.iat)).toBeLessThanOrEqual(7201);
	});

	it('asks for the Team ID in the credential when it is empty, naming this node', async () => {
		const error = await failure(runDigitalSamba(params));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error).not.toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/Set Team ID in the Digital Samba credential/);
		expect((error as NodeOperationError).node.name).toBe('Test Node');
	});
});
