import { readdirSync } from 'fs';
import { join } from 'path';
import { startDailySimulator, type DailySimulator } from '../simulators/daily';
import { startDigitalSambaSimulator, type DigitalSambaSimulator } from '../simulators/digitalSamba';
import { startMiroTalkSimulator, type MiroTalkSimulator } from '../simulators/mirotalk';
import { BUNDLE, createRuntime, freePort, manualWorkflow, nodeOutput, startServer, type N8nRuntime, type N8nServer } from './n8n';
import {
	DAILY_TRIGGER_WEBHOOK_ID,
	closeTriggerTest,
	dailyLifecycleNodes,
	dailyTriggerNode,
	dsLifecycleNodes,
	expectDailyLifecycle,
	expectDsLifecycle,
	expectMiroTalkSfu,
	miroTalkSfuNodes,
	seedSfuPeers,
	triggerWorkflow,
	waitForExecutions,
} from './workflows';

/**
 * The bundle's smoke run, once per major: the rest of the suite runs on the three single-service packages; this file
 * installs the bundle (n8n-nodes-video-conferencing) alone and runs the suite's own workflows on its node types, one
 * per provider, and one Daily Trigger delivery.
 */
process.env.VC_E2E_PACKAGES = 'bundle'; // every node type this file's workflows name is the bundle's (nodeType())

const DAILY_KEY = 'e2e_bundle_daily_key_3a7c';
const DS_KEY = 'e2e_bundle_ds_key_8d2e';
const DS_TEAM = '0b6f2a4c-1d3e-4f5a-8b7c-9d0e1f2a3b4c';
const SFU_KEY = 'e2e_bundle_sfu_key_6f1b';
const CREDENTIALS = {
	daily: { id: 'bundleDailyCred1', name: 'Daily (bundle)' },
	ds: { id: 'bundleDsCred0001', name: 'Digital Samba (bundle)' },
	sfu: { id: 'bundleSfuCred001', name: 'MiroTalk SFU (bundle)' },
};

let n8n: N8nRuntime;
let daily: DailySimulator;
let ds: DigitalSambaSimulator;
let sfu: MiroTalkSimulator;

beforeAll(async () => {
	daily = await startDailySimulator({ apiKey: DAILY_KEY });
	daily.seedRooms(150);
	ds = await startDigitalSambaSimulator({ developerKey: DS_KEY, teamId: DS_TEAM });
	for (let i = 0; i < 130; i++) ds.seedRoom({ friendly_url: `seed-room-${i}` });
	sfu = await startMiroTalkSimulator({ product: 'sfu', apiKey: SFU_KEY, allowed: { meetings: true, meetingEnd: true, token: true } });
	n8n = createRuntime({}, [BUNDLE]);
	await n8n.importCredentials([
		{ ...CREDENTIALS.daily, type: 'dailyApi', data: { apiKey: DAILY_KEY, baseUrl: daily.url } },
		{ ...CREDENTIALS.ds, type: 'digitalSambaApi', data: { developerKey: DS_KEY, teamId: DS_TEAM, baseUrl: ds.url } },
		{ ...CREDENTIALS.sfu, type: 'miroTalkApi', data: { serverUrl: sfu.url, apiKey: SFU_KEY, product: 'sfu' } },
	]);
}, 25 * 60_000);

afterAll(async () => {
	await sfu?.close();
	await closeTriggerTest('', daily, ds, n8n);
});

it('installs the bundle alone, and its workflows name its node types', () => {
	expect(readdirSync(join(n8n.userFolder, '.n8n', 'nodes', 'node_modules'))).toEqual([BUNDLE]);
	const types = [...dailyLifecycleNodes(CREDENTIALS.daily), ...dsLifecycleNodes(CREDENTIALS.ds), ...miroTalkSfuNodes(CREDENTIALS.sfu), dailyTriggerNode(CREDENTIALS.daily)].map((n) => n.type);
	expect([...new Set(types)].sort()).toEqual([`${BUNDLE}.daily`, `${BUNDLE}.dailyTrigger`, `${BUNDLE}.digitalSamba`, `${BUNDLE}.miroTalk`]);
});

it('Daily: creates a room and a token, lists every room, deletes the room', async () => {
	await n8n.importWorkflow(manualWorkflow('BundleDaily00001', 'Bundle: Daily', dailyLifecycleNodes(CREDENTIALS.daily)));
	const { result, run } = await n8n.execute('BundleDaily00001');
	expect(result.code).toBe(0);
	expectDailyLifecycle((name) => nodeOutput(run, name), daily);
}, 240_000);

it('Digital Samba: creates a room and a token, lists every room, deletes the room', async () => {
	await n8n.importWorkflow(manualWorkflow('BundleDigSamba01', 'Bundle: Digital Samba', dsLifecycleNodes(CREDENTIALS.ds)));
	const { result, run } = await n8n.execute('BundleDigSamba01');
	expect(result.code).toBe(0);
	expectDsLifecycle((name) => nodeOutput(run, name), ds);
}, 240_000);

it('MiroTalk SFU: meeting, join link, token, stats, meetings, end', async () => {
	seedSfuPeers(sfu);
	await n8n.importWorkflow(manualWorkflow('BundleMiroTalk01', 'Bundle: MiroTalk', miroTalkSfuNodes(CREDENTIALS.sfu)));
	const { result, run } = await n8n.execute('BundleMiroTalk01');
	expect(result.code).toBe(0);
	expectMiroTalkSfu((name) => nodeOutput(run, name), sfu);
}, 240_000);

it('Daily Trigger: registers on activation, runs once for a signed delivery, removes its webhook on deactivation', async () => {
	await n8n.importWorkflow(triggerWorkflow('BundleDailyTrig1', dailyTriggerNode(CREDENTIALS.daily)));
	let server: N8nServer | undefined;
	try {
		server = await startServer(n8n, await freePort());
		await server.activate('BundleDailyTrig1');
		expect(daily.webhooks.map((h) => h.url)).toEqual([`${server.url}/webhook/${DAILY_TRIGGER_WEBHOOK_ID}/webhook`]);
		expect(await daily.deliver('participant.joined', { room: 'standup', session_id: 's-bundle', user_name: 'Bundle' })).toBe(200);
		const executions = await waitForExecutions(server, 'BundleDailyTrig1', 1, 30_000);
		expect(executions.map((e) => e.status)).toEqual(['success']);
		await server.deactivate('BundleDailyTrig1');
		expect(daily.webhooks).toHaveLength(0);
	} finally {
		await server?.stop();
	}
}, 300_000);
