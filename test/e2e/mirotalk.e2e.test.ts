import { startMiroTalkSimulator, type MiroTalkProduct, type MiroTalkSimulator } from '../simulators/mirotalk';
import { createRuntime, nodeOutput, nodeType, type CliResult, type N8nRuntime, manualWorkflow } from './n8n';
import { expectMiroTalkSfu, miroTalkSfuNodes, seedSfuPeers } from './workflows';

/** The MiroTalk node inside a real n8n 1.123, against one MiroTalk simulator per product on loopback. */
const KEYS: Record<MiroTalkProduct, string> = {
	sfu: 'e2e_sfu_secret_7c41d09a',
	p2p: 'e2e_p2p_secret_52be8f13',
	c2c: 'e2e_c2c_secret_0a9d6e77',
	bro: 'e2e_bro_secret_e3f18c25',
};
const WRONG_KEY = 'e2e_wrong_secret_9b2f44c0';
const credentialFor = (product: MiroTalkProduct) => ({ id: `miroTalkCred${product.toUpperCase()}1`, name: `MiroTalk ${product.toUpperCase()} Simulator` });
const WRONG_CREDENTIAL = { id: 'miroTalkCredWRONG', name: 'MiroTalk C2C wrong key' };

let n8n: N8nRuntime;
const sims = {} as Record<MiroTalkProduct, MiroTalkSimulator>;

function node(name: string, product: MiroTalkProduct, parameters: object, position: [number, number], extra: object = {}) {
	return {
		id: `${name.replace(/\W/g, '')}-id`,
		name,
		type: nodeType('miroTalk'),
		typeVersion: 1,
		position,
		parameters: { product, ...parameters },
		credentials: { miroTalkApi: credentialFor(product) },
		...extra,
	};
}

function expectNoSecrets(result: CliResult) {
	const text = `${result.stdout}${result.stderr}`;
	for (const key of [...Object.values(KEYS), WRONG_KEY]) expect(text).not.toContain(key);
}

beforeAll(async () => {
	sims.sfu = await startMiroTalkSimulator({ product: 'sfu', apiKey: KEYS.sfu, allowed: { meetings: true, meetingEnd: true, token: true } });
	sims.p2p = await startMiroTalkSimulator({ product: 'p2p', apiKey: KEYS.p2p, disabled: [] });
	sims.c2c = await startMiroTalkSimulator({ product: 'c2c', apiKey: KEYS.c2c });
	sims.bro = await startMiroTalkSimulator({ product: 'bro', apiKey: KEYS.bro });
	n8n = createRuntime();
	await n8n.importCredentials([
		// A pasted /api/v1 and a trailing slash are tolerated.
		{ ...credentialFor('sfu'), type: 'miroTalkApi', data: { serverUrl: `${sims.sfu.url}/api/v1/`, apiKey: KEYS.sfu, product: 'sfu' } },
		{ ...credentialFor('p2p'), type: 'miroTalkApi', data: { serverUrl: `${sims.p2p.url}/`, apiKey: KEYS.p2p, product: 'p2p' } },
		{ ...credentialFor('c2c'), type: 'miroTalkApi', data: { serverUrl: sims.c2c.url, apiKey: KEYS.c2c, product: 'c2c' } },
		{ ...credentialFor('bro'), type: 'miroTalkApi', data: { serverUrl: sims.bro.url, apiKey: KEYS.bro, product: 'bro' } },
		{ ...WRONG_CREDENTIAL, type: 'miroTalkApi', data: { serverUrl: sims.c2c.url, apiKey: WRONG_KEY, product: 'c2c' } },
	]);
}, 25 * 60_000);

afterAll(async () => {
	await Promise.all(Object.values(sims).map((s) => s?.close()));
	n8n?.cleanup();
});

it('SFU: creates a meeting, a join link with a token, a token, reads stats, lists meetings and ends one', async () => {
	const sfu = sims.sfu;
	seedSfuPeers(sfu);
	await n8n.importWorkflow(manualWorkflow('MiroTalkE2eSfu01', 'MiroTalk e2e: SFU', miroTalkSfuNodes(credentialFor('sfu'))));
	const { result, run } = await n8n.execute('MiroTalkE2eSfu01');
	expect(result.code).toBe(0);
	expectMiroTalkSfu((name) => nodeOutput(run, name), sfu);

	// Every call carried the raw secret, at /api/v1 once despite the pasted suffix.
	expect(sfu.requests.every((r) => r.headers.authorization === KEYS.sfu && r.path.startsWith('/api/v1/') && !r.path.includes('/api/v1/api'))).toBe(true);
	expectNoSecrets(result);
}, 240_000);

it('P2P: creates a meeting and a join link, reads stats with peers normalised, lists meetings from the room map', async () => {
	const p2p = sims.p2p;
	p2p.addPeer('daily', { name: 'Dee', os: 'Android', browser: 'Chrome' });
	p2p.lockRoom('daily', 'locked-room-password');
	await n8n.importWorkflow(
		manualWorkflow('MiroTalkE2eP2p01', 'MiroTalk e2e: P2P', [
			node('Create Meeting', 'p2p', { resource: 'meeting', operation: 'create' }, [200, 0]),
			node('Join Link', 'p2p', { resource: 'joinLink', operation: 'create', room: '={{ $json.room }}', options: { name: 'Dee', video: true } }, [400, 0]),
			node('Get Stats', 'p2p', { resource: 'stats', operation: 'get' }, [600, 0]),
			node('Get Meetings', 'p2p', { resource: 'meeting', operation: 'getAll', returnAll: true }, [800, 0]),
		]),
	);
	const { result, run } = await n8n.execute('MiroTalkE2eP2p01');
	expect(result.code).toBe(0);
	const [meeting] = nodeOutput(run, 'Create Meeting');
	expect(meeting.meeting).toMatch(new RegExp(`^https://${new URL(p2p.url).host}/join/[0-9a-f-]{36}$`));
	const [join] = nodeOutput(run, 'Join Link');
	expect(Object.fromEntries(new URL(join.join).searchParams)).toMatchObject({ room: meeting.room, name: 'Dee', video: 'true', audio: 'false' });
	expect(nodeOutput(run, 'Get Stats')).toEqual([{ totalRooms: 1, totalUsers: 1, timestamp: expect.any(String) }]);
	const meetings = nodeOutput(run, 'Get Meetings');
	expect(meetings).toEqual([{ roomId: 'daily', peerCount: 1, peers: [expect.objectContaining({ name: 'Dee', os: 'Android', browser: 'Chrome' })] }]);
	expect(JSON.stringify(run)).not.toContain('locked-room-password');
	expectNoSecrets(result);
}, 240_000);

it('SFU: books a meeting twice with one External ID: the same room, a join link per person with their name', async () => {
	const booking = {
		resource: 'scheduledMeeting', operation: 'createOrGet', externalId: 'e2e-booking-1', start: '2030-05-01T10:00:00Z',
		peopleUi: { person: [{ name: 'Hana Host', role: 'host' }, { name: 'Gus Guest' }] },
	};
	await n8n.importWorkflow(
		manualWorkflow('MiroTalkE2eBook1', 'MiroTalk e2e: scheduled meeting', [node('Book', 'sfu', booking, [200, 0]), node('Book Again', 'sfu', booking, [400, 0])]),
	);
	const { result, run } = await n8n.execute('MiroTalkE2eBook1');
	expect(result.code).toBe(0);
	const [first] = nodeOutput(run, 'Book');
	const [second] = nodeOutput(run, 'Book Again');
	expect(second.room.name).toBe(first.room.name);
	for (const booked of [first, second]) {
		const links = booked.people.map((p: { link: string }) => Object.fromEntries(new URL(p.link).searchParams));
		expect(links).toEqual([expect.objectContaining({ room: first.room.name, name: 'Hana Host' }), expect.objectContaining({ room: first.room.name, name: 'Gus Guest' })]);
	}
	expectNoSecrets(result);
}, 240_000);

it('C2C: creates a meeting and a join link for its room', async () => {
	await n8n.importWorkflow(
		manualWorkflow('MiroTalkE2eC2c01', 'MiroTalk e2e: C2C', [
			node('Create Meeting', 'c2c', { resource: 'meeting', operation: 'create' }, [200, 0]),
			node('Join Link', 'c2c', { resource: 'joinLink', operation: 'create', room: '={{ $json.room }}', name: 'Eve Ng' }, [400, 0]),
		]),
	);
	const { result, run } = await n8n.execute('MiroTalkE2eC2c01');
	expect(result.code).toBe(0);
	const host = new URL(sims.c2c.url).host;
	const [meeting] = nodeOutput(run, 'Create Meeting');
	expect(meeting.meeting).toBe(`https://${host}/?room=${meeting.room}`);
	expect(nodeOutput(run, 'Join Link')).toEqual([{ join: `https://${host}/join?room=${meeting.room}&name=Eve%20Ng`, room: meeting.room }]);
	expectNoSecrets(result);
}, 240_000);

it('BRO: returns the broadcast, viewer and viewer-home links', async () => {
	await n8n.importWorkflow(
		manualWorkflow('MiroTalkE2eBro01', 'MiroTalk e2e: BRO', [
			node('Join Link', 'bro', { resource: 'joinLink', operation: 'create', room: 'town-hall' }, [200, 0]),
		]),
	);
	const { result, run } = await n8n.execute('MiroTalkE2eBro01');
	expect(result.code).toBe(0);
	const host = new URL(sims.bro.url).host;
	expect(nodeOutput(run, 'Join Link')).toEqual([{
		room: 'town-hall',
		broadcast: expect.stringMatching(new RegExp(`^https://${host}/broadcast\\?id=town-hall&name=\\d+$`)),
		viewer: expect.stringMatching(new RegExp(`^https://${host}/viewer\\?id=town-hall&name=viewer-\\d+$`)),
		viewerHome: `https://${host}/home?id=town-hall`,
	}]);
	expectNoSecrets(result);
}, 240_000);

it('BRO config, P2P active rooms and a C2C link for "R&D #1" / "Ann Smith" that reads back as typed', async () => {
	sims.p2p.showActiveRooms = true;
	sims.p2p.addPeer('active-room');
	await n8n.importWorkflow(
		manualWorkflow('MiroTalkE2eNew01', 'MiroTalk e2e: new operations', [
			node('Bro Config', 'bro', { resource: 'config', operation: 'get' }, [200, 0]),
			node('Active Rooms', 'p2p', { resource: 'meeting', operation: 'getActiveRooms' }, [400, 0]),
			node('C2C Link', 'c2c', { resource: 'joinLink', operation: 'create', room: 'R&D #1', name: 'Ann Smith' }, [600, 0]),
		]),
	);
	const { result, run } = await n8n.execute('MiroTalkE2eNew01');
	expect(result.code).toBe(0);
	expect(nodeOutput(run, 'Bro Config')).toEqual([{ broadcastingMode: true, adminOnlyBroadcast: false }]);
	expect(nodeOutput(run, 'Active Rooms')).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'active-room', peers: 1 })]));
	const link = new URL(String(nodeOutput(run, 'C2C Link')[0].join));
	expect([link.searchParams.get('room'), link.searchParams.get('name')]).toEqual(['R&D #1', 'Ann Smith']);
	expectNoSecrets(result);
}, 240_000);

it('a switched-off endpoint fails the execution with the server setting that enables it', async () => {
	sims.sfu.allowed.meetings = false;
	sims.p2p.disabled = ['token', 'meetings'];
	try {
		await n8n.importWorkflow(
			manualWorkflow('MiroTalkE2eOff001', 'MiroTalk e2e: SFU meetings disabled', [
				node('Get Meetings', 'sfu', { resource: 'meeting', operation: 'getAll', returnAll: true }, [200, 0]),
			]),
		);
		const sfu = await n8n.execute('MiroTalkE2eOff001');
		expect(sfu.result.code).not.toBe(0);
		const sfuText = `${sfu.result.stdout}${sfu.result.stderr}`;
		expect(sfuText).toContain('MiroTalk SFU API error 403 (endpoint-disabled): This endpoint has been disabled');
		expect(sfuText).toContain('Set API_ALLOW_MEETINGS=true');
		expectNoSecrets(sfu.result);

		await n8n.importWorkflow(
			manualWorkflow('MiroTalkE2eOff002', 'MiroTalk e2e: P2P token disabled', [
				node('Create Token', 'p2p', { resource: 'token', operation: 'create', username: 'u', password: 'p' }, [200, 0]),
			]),
		);
		const p2p = await n8n.execute('MiroTalkE2eOff002');
		expect(p2p.result.code).not.toBe(0);
		const p2pText = `${p2p.result.stdout}${p2p.result.stderr}`;
		expect(p2pText).toContain('MiroTalk P2P API error 403 (endpoint-disabled)');
		expect(p2pText).toContain('Remove "token" from API_DISABLED');
		expectNoSecrets(p2p.result);
	} finally {
		sims.sfu.allowed.meetings = true;
		sims.p2p.disabled = [];
	}
}, 240_000);

it('a wrong key fails the execution saying the key was refused, without either key', async () => {
	await n8n.importWorkflow(
		manualWorkflow('MiroTalkE2eAuth01', 'MiroTalk e2e: wrong key', [
			{ ...node('Create Meeting', 'c2c', { resource: 'meeting', operation: 'create' }, [200, 0]), credentials: { miroTalkApi: WRONG_CREDENTIAL } },
		]),
	);
	const { result } = await n8n.execute('MiroTalkE2eAuth01');
	expect(result.code).not.toBe(0);
	expect(`${result.stdout}${result.stderr}`).toContain('MiroTalk C2C API error 403 (unauthorized): Unauthorized! The API key secret was refused');
	expectNoSecrets(result);
}, 240_000);
