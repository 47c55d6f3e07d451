import { readFileSync, writeFileSync } from 'fs';
import { createServer, request, type Server } from 'http';
import { dirname, join } from 'path';
import { startDailySimulator, type DailySimulator } from '../simulators/daily';
import { BUNDLE, bundleType, createRuntime, freePort, manualWorkflow, nodeOutput, singleType, startServer, type N8nRuntime, type N8nServer } from './n8n';
import { closeTriggerTest, DAILY_TRIGGER_WEBHOOK_ID, triggerWorkflow, waitForExecutions } from './workflows';

/**
 * The bundle and n8n-nodes-daily installed together: both register the credential type `dailyApi` (node types carry
 * the package name and never clash; credential type names do not). What n8n does with it, the same on 1.123.81 and
 * 2.40.7, so that the README can say it and a change in n8n shows here: both packages load, with all their node
 * types and tools; one stored `dailyApi` credential serves the nodes of both; at run time one class serves the type
 * name for every node, the one n8n loaded last (the bundle: n8n reads its nodes folder in name order and keeps the
 * last class per credential name), while /types/credentials.json lists `dailyApi` twice, once per package; n8n logs
 * nothing about it.
 *
 * To tell the two credential classes apart (they are the same code), each installed copy is marked after
 * installation: its `authenticate` also sends `X-Probe-Package: <its package>`. A recording proxy in front of the
 * Daily simulator reads the mark, so the requests show which class n8n authenticated them with.
 */
const SINGLE = 'n8n-nodes-daily';
const KEY = 'e2e_clash_daily_key_2c9e';
const CREDENTIAL = { id: 'clashDailyCred01', name: 'Daily (one credential for both packages)' };

let n8n: N8nRuntime;
let daily: DailySimulator;
let proxy: Server;
/** The stored credential's Base URL: the proxy. */
let baseUrl: string;
let server: N8nServer | undefined;
/** Requests through the proxy: method, path, and the package whose credential class authenticated them. */
const seen: Array<{ method: string; path: string; probe: string | undefined }> = [];

/** A recording proxy in front of `target` (the simulator's origin). */
async function startProxy(target: URL): Promise<{ server: Server; url: string }> {
	const proxyServer = createServer((req, res) => {
		seen.push({ method: req.method ?? '', path: (req.url ?? '').split('?')[0], probe: req.headers['x-probe-package'] as string | undefined });
		const upstream = request(new URL(req.url ?? '/', target), { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		});
		upstream.on('error', () => res.writeHead(502).end());
		req.pipe(upstream);
	});
	const port = await freePort();
	await new Promise<void>((resolveListen) => proxyServer.listen(port, '127.0.0.1', () => resolveListen()));
	return { server: proxyServer, url: `http://127.0.0.1:${port}` };
}

/** Marks the installed copy of a package's DailyApi credential class (see above). */
function markCredential(pkg: string): void {
	const file = join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', pkg, 'dist', 'credentials', 'DailyApi.credentials.js');
	const code = readFileSync(file, 'utf8');
	const header = "Authorization: '=Bearer {{$credentials.apiKey}}',";
	if (code.split(header).length !== 2) throw new Error(`${file}: the Authorization header was not found once`);
	writeFileSync(file, code.replace(header, `${header} 'X-Probe-Package': '${pkg}',`));
}

/**
 * n8n's log lines that could speak of the clash (a credential type, either package, a duplicate or override). The
 * folder n8n itself is cached in (~/.cache/n8n-nodes-video-conferencing/, in the stack traces n8n 2.x logs when it
 * cannot reach api.n8n.io) is left out first.
 */
const clashLines = (text: string) =>
	text
		.split(dirname(dirname(dirname(dirname(dirname(n8n.bin))))))
		.join('<n8n cache>')
		.split('\n')
		.filter((line) => /dailyApi|credential type|already (loaded|registered)|duplicate|overrid|conflict|n8n-nodes-daily|n8n-nodes-video-conferencing/i.test(line));

beforeAll(async () => {
	daily = await startDailySimulator({ apiKey: KEY });
	const started = await startProxy(new URL(daily.url));
	proxy = started.server;
	n8n = createRuntime({}, [BUNDLE, SINGLE]);
	markCredential(BUNDLE);
	markCredential(SINGLE);
	baseUrl = `${started.url}${new URL(daily.url).pathname}`;
	await n8n.importCredentials([{ ...CREDENTIAL, type: 'dailyApi', data: { apiKey: KEY, baseUrl } }]);
}, 25 * 60_000);

afterAll(async () => {
	await server?.stop();
	await new Promise((r) => proxy?.close(r));
	await closeTriggerTest('', daily, undefined, n8n);
});

const node = (name: string, type: string, parameters: object, x: number) => ({
	id: `${name.replace(/\W/g, '')}-id`, name, type, typeVersion: 1, position: [x, 0], parameters, credentials: { dailyApi: CREDENTIAL },
});

it('runs both packages\' Daily nodes in one workflow with one stored credential, both authenticated by the bundle\'s class (n8n execute)', async () => {
	await n8n.importWorkflow(
		manualWorkflow('ClashDaily000001', 'Clash: bundle and single Daily nodes', [
			node('Bundle Create Room', bundleType('daily'), { resource: 'room', operation: 'create', roomName: 'clash-room', privacy: 'private' }, 200),
			node('Single Get Room', singleType('daily'), { resource: 'room', operation: 'get', roomName: 'clash-room' }, 400),
		]),
	);
	seen.length = 0;
	const { result, run } = await n8n.execute('ClashDaily000001');
	expect(result.code).toBe(0);
	expect(nodeOutput(run, 'Bundle Create Room')[0]).toMatchObject({ name: 'clash-room' });
	expect(nodeOutput(run, 'Single Get Room')[0]).toMatchObject({ name: 'clash-room' });
	// One class serves the type name: the package n8n loads last (it reads its nodes folder in name order, and
	// n8n-nodes-video-conferencing sorts after n8n-nodes-daily; the bundle was extracted first here).
	expect(seen).toEqual([
		{ method: 'POST', path: '/v1/rooms', probe: BUNDLE },
		{ method: 'GET', path: '/v1/rooms/clash-room', probe: BUNDLE },
	]);
	// Nothing in n8n's output says so.
	expect(clashLines(`${result.stdout}\n${result.stderr}`)).toEqual([]);
}, 240_000);

it('in n8n start: both node types and tools are served, the credential type twice; the single package\'s trigger and the credential test run with the bundle\'s class; no warning', async () => {
	await n8n.importWorkflow(triggerWorkflow('ClashDailyTrig01', { ...node('Trigger', singleType('dailyTrigger'), { events: ['participant.joined'], roomName: '', options: {} }, 0), webhookId: DAILY_TRIGGER_WEBHOOK_ID }));
	server = await startServer(n8n, await freePort());
	const nodes = (await server.getJson<Array<{ name: string }>>('/types/nodes.json')).map((t) => t.name);
	for (const type of ['daily', 'dailyTool', 'dailyTrigger']) expect(nodes).toEqual(expect.arrayContaining([bundleType(type), singleType(type)]));
	// /types/credentials.json lists `dailyApi` once per package, each with its own icon and nodes.
	const credentials = (await server.getJson<Array<{ name: string; supportedNodes?: string[]; iconUrl?: { light: string } }>>('/types/credentials.json')).filter((c) => c.name === 'dailyApi');
	expect(credentials.map((c) => ({ icon: c.iconUrl?.light, nodes: c.supportedNodes })).sort((a, b) => String(a.icon).localeCompare(String(b.icon)))).toEqual([
		{ icon: `icons/${SINGLE}/dist/icons/daily.svg`, nodes: [singleType('daily'), singleType('dailyTrigger')] },
		{ icon: `icons/${BUNDLE}/dist/icons/daily.svg`, nodes: [bundleType('daily'), bundleType('dailyTrigger')] },
	]);

	seen.length = 0;
	await server.activate('ClashDailyTrig01');
	expect(daily.webhooks).toHaveLength(1);
	expect(seen.map((r) => r.probe)).toEqual(seen.map(() => BUNDLE));
	expect(seen.length).toBeGreaterThan(0);
	expect(await daily.deliver('participant.joined', { room: 'standup', session_id: 's-clash', user_name: 'Clash' })).toBe(200);
	const executions = await waitForExecutions(server, 'ClashDailyTrig01', 1, 30_000);
	expect(executions.map((e) => e.status)).toEqual(['success']);

	// The credential test the editor runs on save, by type name.
	seen.length = 0;
	const tested = await server.rest('POST', '/credentials/test', { credentials: { id: CREDENTIAL.id, name: CREDENTIAL.name, type: 'dailyApi', data: { apiKey: KEY, baseUrl } } });
	expect(tested.body?.data).toMatchObject({ status: 'OK' });
	expect(seen).toEqual([{ method: 'GET', path: '/v1/', probe: BUNDLE }]);

	await server.deactivate('ClashDailyTrig01');
	expect(daily.webhooks).toHaveLength(0);
	expect(clashLines(server.logs())).toEqual([]);
}, 300_000);
