import type { DailySimulator } from '../simulators/daily';
import type { DigitalSambaSimulator } from '../simulators/digitalSamba';
import type { MiroTalkSimulator } from '../simulators/mirotalk';
import { registerSecrets } from './capture';
import { nodeType, type N8nRuntime, type N8nServer } from './n8n';

/**
 * Workflows and trigger deliveries shared by the single-process e2e tests and the queue-mode test
 * (test/e2e/queue.e2e.test.ts), with the results both must show: one definition, the same expectations.
 */
type Credential = { id: string; name: string };
/** A node's output items in a run, as plain JSON. */
export type Output = (node: string) => any[];

/** A builder of action nodes of one type with one credential. */
export function actionNode(type: 'daily' | 'digitalSamba' | 'miroTalk', credential: Credential) {
	const credentialType = `${type}Api`;
	return (name: string, parameters: object, x: number, extra: object = {}) => ({
		id: `${name.replace(/\W/g, '')}-id`,
		name,
		type: nodeType(type),
		typeVersion: 1,
		position: [x, 0],
		parameters,
		credentials: { [credentialType]: credential },
		...extra,
	});
}

// --- Action workflows: the nodes after the start node, and the outputs they must give ---

export function dailyLifecycleNodes(credential: Credential) {
	const node = actionNode('daily', credential);
	return [
		node('Create Room', { resource: 'room', operation: 'create', roomName: 'e2e-room', privacy: 'private', properties: { exp: 'in 1 hour', enable_chat: true } }, 200),
		node('Create Token', { resource: 'meetingToken', operation: 'create', properties: { room_name: '={{ $json.name }}', is_owner: true, user_name: 'E2E' } }, 400),
		node('List Rooms', { resource: 'room', operation: 'getAll', returnAll: true }, 600),
		node('Delete Room', { resource: 'room', operation: 'delete', roomName: "={{ $('Create Room').first().json.name }}" }, 800, { executeOnce: true }),
	];
}

/** Against a Daily simulator seeded with 150 rooms. */
export function expectDailyLifecycle(output: Output, daily: DailySimulator): void {
	const [room] = output('Create Room');
	expect(room).toMatchObject({ name: 'e2e-room', privacy: 'private', config: { enable_chat: true } });
	expect(room.config.exp).toBeGreaterThan(Date.now() / 1000);
	const [token] = output('Create Token');
	expect(typeof token.token).toBe('string');
	expect(output('List Rooms')).toHaveLength(151);
	expect(output('Delete Room')).toEqual([{ deleted: true, name: 'e2e-room' }]);
	expect(daily.rooms.find((r) => r.name === 'e2e-room')).toBeUndefined();
}

export function dailyMissingRoomNodes(credential: Credential) {
	return [actionNode('daily', credential)('Get Room', { resource: 'room', operation: 'get', roomName: 'does-not-exist' }, 200)];
}
export const DAILY_MISSING_ROOM_ERROR = 'Daily API error 404 (not-found): room does-not-exist not found';

export function dsLifecycleNodes(credential: Credential) {
	const node = actionNode('digitalSamba', credential);
	return [
		node('Create Room', { resource: 'room', operation: 'create', privacy: 'private', settings: { friendly_url: 'e2e-ds-room', description: 'Made by the e2e suite' } }, 200),
		node('Create Token', { resource: 'roomToken', operation: 'create', roomId: '={{ $json.id }}', additionalFields: { u: 'E2E User' } }, 400),
		node('List Rooms', { resource: 'room', operation: 'getAll', returnAll: true }, 600),
		node('Delete Room', { resource: 'room', operation: 'delete', roomId: "={{ $('Create Room').first().json.id }}" }, 800, { executeOnce: true }),
	];
}

/** Against a Digital Samba simulator seeded with 130 rooms. */
export function expectDsLifecycle(output: Output, ds: DigitalSambaSimulator): void {
	const [room] = output('Create Room');
	expect(room).toMatchObject({ friendly_url: 'e2e-ds-room', privacy: 'private' });
	const [token] = output('Create Token');
	expect(typeof token.token).toBe('string');
	expect(token.link).toContain('token=');
	expect(output('List Rooms')).toHaveLength(131);
	expect(output('Delete Room')).toEqual([{ deleted: true, id: room.id }]);
	// The simulator keeps deleted rooms flagged, as history.
	expect(ds.state.rooms.find((r) => r.id === room.id && !(r as { deleted?: boolean }).deleted)).toBeUndefined();
}

const miroTalkNode = (credential: Credential) => {
	const node = actionNode('miroTalk', credential);
	return (name: string, product: string, parameters: object, x: number, extra: object = {}) => node(name, { product, ...parameters }, x, extra);
};

export function miroTalkSfuNodes(credential: Credential) {
	const node = miroTalkNode(credential);
	return [
		node('Create Meeting', 'sfu', { resource: 'meeting', operation: 'create' }, 200),
		node('Join Link', 'sfu', {
			resource: 'joinLink', operation: 'create', room: '={{ $json.room }}',
			options: { name: 'Ann Lee', avatar: 'https://example.com/ann.png', audio: true, chat: true, duration: '00:30:00' },
			token: { username: 'ann', password: 'pw', presenter: true, expire: '2h' },
		}, 400),
		node('Create Token', 'sfu', { resource: 'token', operation: 'create', username: 'bob', password: 'pw2', presenter: false, expire: '30m' }, 600),
		node('Get Stats', 'sfu', { resource: 'stats', operation: 'get' }, 800),
		node('Get Meetings', 'sfu', { resource: 'meeting', operation: 'getAll', returnAll: true }, 1000),
		node('End Meeting', 'sfu', { resource: 'meeting', operation: 'end', room: 'standup', options: { redirect: 'https://example.com/bye' } }, 1200, { executeOnce: true }),
	];
}

/** Peers the SFU simulator must hold before the SFU workflow runs. */
export function seedSfuPeers(sfu: MiroTalkSimulator): void {
	sfu.addPeer('standup', { name: 'Ann', presenter: true });
	sfu.addPeer('standup', { name: 'Bob', video: false });
	sfu.addPeer('retro', { name: 'Cy' });
}

export function expectMiroTalkSfu(output: Output, sfu: MiroTalkSimulator): void {
	const [meeting] = output('Create Meeting');
	const host = new URL(sfu.url).host;
	expect(meeting.meeting).toBe(`https://${host}/join/${meeting.room}`);
	const [join] = output('Join Link');
	const q = new URL(join.join).searchParams;
	expect(Object.fromEntries(q)).toMatchObject({ room: meeting.room, name: 'Ann Lee', avatar: 'https://example.com/ann.png', audio: 'true', chat: 'true', video: 'false', duration: '00:30:00' });
	expect(sfu.readToken(q.get('token')!)).toMatchObject({ username: 'ann', password: 'pw', presenter: 'true' });
	const [token] = output('Create Token');
	const claims = sfu.readToken(token.token);
	expect(claims).toMatchObject({ username: 'bob', presenter: 'false' });
	expect(claims.exp - claims.iat).toBe(1800);
	expect(output('Get Stats')).toEqual([{ totalRooms: 2, totalUsers: 3, timestamp: expect.any(String) }]);
	const meetings = output('Get Meetings');
	expect(meetings.map((m) => [m.roomId, m.peerCount])).toEqual([['standup', 2], ['retro', 1]]);
	expect(meetings[0].peers[0]).toEqual({ name: 'Ann', presenter: true, video: true, audio: true, screen: false, hand: false, os: 'Linux', browser: 'Firefox' });
	expect(output('End Meeting')).toEqual([{ success: true, message: 'Meeting ended', room: 'standup' }]);
	expect(sfu.ended).toEqual([{ room: 'standup', redirect: 'https://example.com/bye' }]);
}

// --- Trigger workflows and deliveries ---

/** A workflow of one trigger node named "Trigger" followed by a No Op named "Received". */
export function triggerWorkflow(id: string, trigger: object) {
	return {
		id,
		name: `e2e ${id}`,
		active: false,
		nodes: [
			{ position: [0, 0], ...trigger, name: 'Trigger' },
			{ id: `${id}-noop`, name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0], parameters: {} },
		],
		connections: { Trigger: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
	};
}

export const DAILY_TRIGGER_WEBHOOK_ID = '6a0f3d1e-8c2b-4d5a-9e7f-1b2c3d4e5f60';
export const DS_TRIGGER_WEBHOOK_ID = '8c2f5a3b-0e4d-4f7c-9a1b-3d4e5f6a7b82';
export const MIROTALK_TRIGGER_WEBHOOK_ID = '7b1e4f2a-9d3c-4e6b-8f0a-2c3d4e5f6a71';

export const dailyTriggerNode = (credential: Credential) => ({
	id: 'daily-trigger-id',
	type: nodeType('dailyTrigger'),
	typeVersion: 1,
	webhookId: DAILY_TRIGGER_WEBHOOK_ID,
	parameters: { events: ['participant.joined', 'meeting.ended'], roomName: '', options: {} },
	credentials: { dailyApi: credential },
});

export const dsTriggerNode = (credential: Credential) => ({
	id: 'ds-trigger-id',
	type: nodeType('digitalSambaTrigger'),
	typeVersion: 1,
	webhookId: DS_TRIGGER_WEBHOOK_ID,
	parameters: { eventSource: 'documented', events: ['participant_joined', 'recording_ready'], options: {} },
	credentials: { digitalSambaApi: credential },
});

/** Version 1, as the first release saved it: the token a node parameter. */
export const miroTalkTriggerNode = (token: string) => ({
	id: 'mirotalk-trigger-id',
	type: nodeType('miroTalkTrigger'),
	typeVersion: 1,
	webhookId: MIROTALK_TRIGGER_WEBHOOK_ID,
	parameters: { events: ['join', 'exit'], token, options: {} },
});

/**
 * Version 1.1: the token in the MiroTalk credential. Its events chosen by the vocabulary's words, which stand for
 * join, exit and disconnect: the same runs as the version 1 node's.
 */
export const miroTalkTriggerNodeV11 = (credential: Credential) => ({
	id: 'mirotalk-trigger-id',
	type: nodeType('miroTalkTrigger'),
	typeVersion: 1.1,
	webhookId: MIROTALK_TRIGGER_WEBHOOK_ID,
	parameters: { events: ['participant.joined', 'participant.left'], options: {} },
	credentials: { miroTalkApi: credential },
});

/** What a run of deliveries got back, what it should have got, and how many executions it must start. */
export interface Deliveries {
	statuses: Array<number | undefined>;
	expected: Array<number | undefined>;
	executions: number;
}

/**
 * To the Daily Trigger's registered webhook: 4 genuine events with the timestamp in milliseconds and 1 in seconds
 * (the unit is disputed: both are sent), that one again byte for byte and under its id with a new timestamp (Daily
 * delivers duplicates: 200, no run); one more genuine, then that one replayed (200, no run), a wrong signature, a
 * timestamp signed a week ago, no headers, a changed body (401 each); and an event the trigger did not choose (not sent).
 */
export async function dailyDeliveries(daily: DailySimulator, hmac: string): Promise<Deliveries> {
	const statuses: Array<number | undefined> = [];
	for (let i = 0; i < 4; i++) statuses.push(await daily.deliver('participant.joined', { room: 'standup', session_id: `s-${i}`, user_name: `User ${i}` }));
	statuses.push(await daily.deliver('participant.joined', { room: 'standup', session_id: 's-4' }, { timestampUnit: 'seconds', id: 'ev-seconds' }));
	statuses.push(await daily.redeliver(), await daily.deliver('participant.joined', { room: 'standup', session_id: 's-4' }, { id: 'ev-seconds' }));
	const now = String(Math.floor(Date.now() / 1000));
	const body = JSON.stringify({ version: '1.0.0', type: 'meeting.ended', id: 'ev-once', payload: { room: 'standup' }, event_ts: Number(now) });
	const valid = { 'x-webhook-signature': daily.sign(hmac, now, body), 'x-webhook-timestamp': now };
	// Signed a week ago: outside the replay window (one hour by default since issue 22), refused.
	const stale = String(Number(now) - 7 * 24 * 3600);
	statuses.push(
		await daily.deliverRaw(body, valid), // genuine, once
		await daily.deliverRaw(body, valid), // the same delivery again
		await daily.deliverRaw(body, { ...valid, 'x-webhook-signature': daily.sign(Buffer.alloc(32, 7).toString('base64'), now, body) }),
		await daily.deliverRaw(body, { 'x-webhook-signature': daily.sign(hmac, stale, body), 'x-webhook-timestamp': stale }),
		await daily.deliverRaw(body, {}),
		await daily.deliverRaw(body.replace('standup', 'retro'), valid),
		await daily.deliver('recording.started', { room_name: 'standup' }),
	);
	return { statuses, expected: [200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401, 401, undefined], executions: 6 };
}

/**
 * To the Digital Samba Trigger's registered webhook, as Digital Samba sends (`Bearer ` and the stored value):
 * 4 genuine deliveries, the last again byte for byte (200, no run), then none and a wrong secret of equal length.
 */
export async function dsDeliveries(ds: DigitalSambaSimulator, endpoint: string): Promise<Deliveries> {
	const statuses: Array<number | undefined> = [];
	for (let i = 0; i < 4; i++) statuses.push(...(await ds.deliver('participant_joined', { participantId: `p-${i}`, name: `P${i}` })));
	statuses.push(...(await ds.redeliver()));
	const body = JSON.stringify({ eventType: 'participant_joined', roomId: 'r', sessionId: 's', timestamp: Math.floor(Date.now() / 1000), data: {} });
	const post = (headers: Record<string, string>) =>
		fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then((r) => r.status);
	statuses.push(...(await Promise.all([post({}), post({ authorization: `Bearer ${'0'.repeat(64)}` })])));
	return { statuses, expected: [200, 200, 200, 200, 200, 401, 401], executions: 4 };
}

export const miroTalkTriggerUrl = (base: string) => `${base}/webhook/${MIROTALK_TRIGGER_WEBHOOK_ID}/mirotalk`;

/** A MiroTalk "join" event as the server posts it. */
export const miroTalkJoin = (i: number) => ({
	event: 'join',
	data: { timestamp: '8/21/2026, 18:31:37:123', room_id: 'standup', session_id: `s-${i}`, peer_info: { peer_name: `P${i}`, peer_token: 'secret-peer-token' } },
});

export function postJson(url: string, body: unknown): Promise<number> {
	return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.status);
}

/** To the MiroTalk Trigger's URL: two joins with the token, an event not chosen, none and a wrong token of equal length. */
export async function miroTalkDeliveries(base: string, token: string): Promise<Deliveries> {
	const url = miroTalkTriggerUrl(base);
	const statuses = [
		await postJson(`${url}?token=${token}`, miroTalkJoin(1)),
		await postJson(`${url}?token=${token}`, miroTalkJoin(2)),
		await postJson(`${url}?token=${token}`, { event: 'disconnect', data: { room_id: 'standup' } }), // not chosen
		await postJson(url, miroTalkJoin(3)),
		await postJson(`${url}?token=${'x'.repeat(token.length)}`, miroTalkJoin(4)),
	];
	return { statuses, expected: [200, 200, 200, 401, 401], executions: 2 };
}

/** Waits until a workflow has `count` finished executions, then a little longer so that extra ones would show. */
export async function waitForExecutions(server: N8nServer, workflowId: string, count: number, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	let executions = await server.executions(workflowId);
	const running = () => executions.some((e) => ['new', 'running', 'waiting'].includes(e.status));
	while ((executions.length < count || running()) && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 500));
		executions = await server.executions(workflowId);
	}
	await new Promise((r) => setTimeout(r, 1500));
	return await server.executions(workflowId);
}

/** After a trigger test: registers every secret the triggers used for the secrets scan, then stops the simulators. */
export async function closeTriggerTest(miroTalkToken: string, daily?: DailySimulator, ds?: DigitalSambaSimulator, n8n?: N8nRuntime): Promise<void> {
	registerSecrets(
		miroTalkToken,
		...(daily?.issuedSecrets ?? []),
		...(ds?.state.webhooks ?? []).map((hook) => String(hook.authorization_header ?? '').replace(/^Bearer /, '')),
	);
	await daily?.close();
	await ds?.close();
	n8n?.cleanup();
}
