import { startDailySimulator, type DailySimulator } from '../simulators/daily';
import { startDigitalSambaSimulator, type DigitalSambaSimulator } from '../simulators/digitalSamba';
import { startMiroTalkSimulator, type MiroTalkSimulator } from '../simulators/mirotalk';
import { createRuntime, manualWorkflow, type N8nRuntime, type RunData } from './n8n';
import { actionNode } from './workflows';

/**
 * n8n's "On Error" settings, as n8n's engine applies them (WorkflowExecute.handleNodeErrorOutput sends an item to
 * the error output when it carries `item.error`, and then shows its json as `{error: message}` with the error, its
 * description included, attached): per action node, one item that succeeds and one the provider refuses. With
 * Continue (using error output) the failed item reaches the second output and only it; with Continue (regular
 * output) both items stay on the first, the failed one as `{error, description}`.
 */
const KEYS = { daily: 'e2e_errout_daily_key_8d1f', ds: 'e2e_errout_ds_key_6b2e', sfu: 'e2e_errout_sfu_key_3c9a' };
const CREDENTIALS = {
	daily: { id: 'errOutDailyCred1', name: 'Daily (error output)' },
	ds: { id: 'errOutDsCred0001', name: 'Digital Samba (error output)' },
	sfu: { id: 'errOutSfuCred001', name: 'MiroTalk SFU (error output)' },
};

let n8n: N8nRuntime;
let daily: DailySimulator;
let ds: DigitalSambaSimulator;
let sfu: MiroTalkSimulator;

/** Start → two items, one per value of `field` → the node under test → Succeeded (output 0), Failed (output 1). */
function workflow(id: string, field: string, values: string[], node: Record<string, unknown>, onError: string) {
	const base = manualWorkflow(id, `Error output e2e: ${id}`, [
		{
			id: `${id}-values`, name: 'Values', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [200, 0],
			parameters: { assignments: { assignments: [{ id: 'v1', name: 'values', value: `={{ ${JSON.stringify(values)} }}`, type: 'array' }] }, options: {} },
		},
		{ id: `${id}-split`, name: 'One Item Each', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [400, 0], parameters: { fieldToSplitOut: 'values', options: { destinationFieldName: field } } },
		{ ...node, name: 'Under Test', onError },
	]);
	const noOp = (name: string, y: number) => ({ id: `${id}-${name}`, name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [800, y], parameters: {} });
	return {
		...base,
		nodes: [...base.nodes, noOp('Succeeded', -100), noOp('Failed', 100)],
		connections: {
			...base.connections,
			'Under Test': { main: [[{ node: 'Succeeded', type: 'main', index: 0 }], [{ node: 'Failed', type: 'main', index: 0 }]] },
		},
	};
}

/** The items of a node's output `index` in a run (json, or whole items with `whole`). */
function outputOf(run: RunData | undefined, node: string, index: number, whole = false): any[] {
	return run?.data.resultData.runData[node]?.[0]?.data?.main[index]?.map((i) => (whole ? i : i.json)) ?? [];
}

beforeAll(async () => {
	daily = await startDailySimulator({ apiKey: KEYS.daily });
	daily.seedRooms(1, 'exists');
	ds = await startDigitalSambaSimulator({ developerKey: KEYS.ds, teamId: '' });
	ds.seedRoom({ privacy: 'public', friendly_url: 'exists-room' });
	sfu = await startMiroTalkSimulator({ product: 'sfu', apiKey: KEYS.sfu, allowed: { meetingEnd: true } });
	sfu.addPeer('standup', { name: 'Ann' });
	n8n = createRuntime();
	await n8n.importCredentials([
		{ ...CREDENTIALS.daily, type: 'dailyApi', data: { apiKey: KEYS.daily, baseUrl: daily.url } },
		{ ...CREDENTIALS.ds, type: 'digitalSambaApi', data: { developerKey: KEYS.ds, teamId: '', baseUrl: ds.url } },
		{ ...CREDENTIALS.sfu, type: 'miroTalkApi', data: { serverUrl: sfu.url, apiKey: KEYS.sfu, product: 'sfu' } },
	]);
}, 25 * 60_000);

afterAll(async () => {
	await Promise.all([daily?.close(), ds?.close(), sfu?.close()]);
	n8n?.cleanup();
});

const cases = [
	{
		name: 'Daily', id: 'ErrOutDaily00001', field: 'room', values: ['exists-0', 'missing-room'],
		node: () => actionNode('daily', CREDENTIALS.daily)('Under Test', { resource: 'room', operation: 'get', roomName: '={{ $json.room }}' }, 600),
		ok: { name: 'exists-0' }, message: 'Daily API error 404 (not-found): room missing-room not found',
	},
	{
		name: 'Digital Samba', id: 'ErrOutDs00000001', field: 'room', values: ['exists-room', 'missing-room'],
		node: () => actionNode('digitalSamba', CREDENTIALS.ds)('Under Test', { resource: 'room', operation: 'get', roomId: '={{ $json.room }}' }, 600),
		ok: { friendly_url: 'exists-room' }, message: 'Digital Samba API error 404',
	},
	{
		name: 'MiroTalk', id: 'ErrOutMiroTalk01', field: 'room', values: ['standup', 'missing-room'],
		node: () => actionNode('miroTalk', CREDENTIALS.sfu)('Under Test', { product: 'sfu', resource: 'meeting', operation: 'end', room: '={{ $json.room }}' }, 600),
		ok: { success: true, room: 'standup' }, message: 'Room not found',
	},
];

it.each(cases)('$name: Continue (using error output) sends the failed item, with its message and description, to the error output', async ({ id, field, values, node, ok, message }) => {
	await n8n.importWorkflow(workflow(id, field, values, node(), 'continueErrorOutput'));
	const { result, run } = await n8n.execute(id);
	expect(result.code).toBe(0);
	const succeeded = outputOf(run, 'Under Test', 0);
	const failed = outputOf(run, 'Under Test', 1);
	expect(succeeded).toEqual([expect.objectContaining(ok)]);
	expect(failed).toHaveLength(1);
	expect(failed[0].error).toContain(message);
	// The error n8n keeps with the item: the node's message and description.
	const [item] = outputOf(run, 'Under Test', 1, true) as Array<{ error?: { message?: string; description?: string } }>;
	expect(item.error?.message).toContain(message);
	expect(item.error?.description).toMatch(/answered 404/);
	expect(outputOf(run, 'Failed', 0)).toHaveLength(1);
	expect(outputOf(run, 'Succeeded', 0)).toHaveLength(1);
	expect(JSON.stringify(run)).not.toMatch(new RegExp(Object.values(KEYS).join('|')));
}, 240_000);

it('Continue (regular output) keeps both items on the one output, the failed one as {error, description}', async () => {
	const [daily] = cases;
	await n8n.importWorkflow(workflow('ErrOutDailyReg01', daily.field, daily.values, daily.node(), 'continueRegularOutput'));
	const { result, run } = await n8n.execute('ErrOutDailyReg01');
	expect(result.code).toBe(0);
	const items = outputOf(run, 'Under Test', 0);
	expect(items).toEqual([expect.objectContaining(daily.ok), { error: daily.message, description: expect.stringContaining('GET /rooms/missing-room answered 404') }]);
	expect(outputOf(run, 'Under Test', 1)).toEqual([]);
}, 240_000);
