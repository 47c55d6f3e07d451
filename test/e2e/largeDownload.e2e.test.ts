import { executeMeasured } from '../../bench/lib/n8nRun';
import { SMOKE_SIZES } from '../../bench/lib/sizes';
import { includeScenario } from '../../bench/scenarios/include';
import { recordFigure } from '../helpers/figures';
import { startDailySimulator, type DailySimulator } from '../simulators/daily';
import { startDigitalSambaSimulator, type DigitalSambaSimulator } from '../simulators/digitalSamba';
import { createRuntime, manualWorkflow, nodeType, type N8nRuntime } from './n8n';
import { actionNode } from './workflows';

/**
 * A 200 MB file in n8n 1.x with binary data in the filesystem, as a self-hosted user would run it: Digital Samba
 * Recording → Download streams it from the download link into n8n's binary data, and Library → Upload File streams it
 * from there to the storage server. Either way the n8n process's peak resident memory (VmHWM) grows by less than half
 * the file's size against a 1 KB control run (a buffered download grows by about twice the file). Each is run twice
 * and the lower peak counted: V8 frees the stream's chunks lazily, and a process's peak varies by tens of MB from run
 * to run (14 and 52 MB measured for 100 MB here). On n8n 2.x the same code paths run in the unit tests that check
 * n8n's helpers are handed streams. Daily's Recording → Download takes the same path through its access link, and
 * is held to a quarter of the file.
 */
const BIG = 200 * 1024 * 1024;
const KEY = 'e2e_large_ds_key_7e3b';
const DAILY_KEY = 'e2e_large_daily_key_52c1';

let n8n: N8nRuntime;
const sims: Array<DigitalSambaSimulator | DailySimulator> = [];

/**
 * A simulator serving recordings of `bytes`, a READY recording and a library in it, and two workflows: one that
 * downloads the recording (`<id>Dl`), one that downloads it and uploads it to the library (`<id>Up`).
 */
async function setUp(id: string, credentialId: string, bytes: number) {
	const ds = await startDigitalSambaSimulator({ developerKey: KEY, teamId: '', recordingBytes: bytes });
	sims.push(ds);
	const room = ds.seedRoom({ privacy: 'public', friendly_url: `large-${id.toLowerCase()}` });
	const recording = ds.seedRecording(room.id, { status: 'READY' });
	const library = (await (await fetch(`${ds.url}/libraries`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Recordings' }) })).json()) as { id: string };
	const credential = { id: credentialId, name: `Digital Samba (${bytes} bytes)` };
	await n8n.importCredentials([{ ...credential, type: 'digitalSambaApi', data: { developerKey: KEY, teamId: '', baseUrl: ds.url } }]);
	const node = actionNode('digitalSamba', credential);
	const download = node('Download', { resource: 'recording', operation: 'download', recordingId: recording.id, binaryPropertyName: 'data' }, 200);
	await n8n.importWorkflow(manualWorkflow(`${id}Dl`, `Large download: ${bytes} bytes`, [download]));
	await n8n.importWorkflow(manualWorkflow(`${id}Up`, `Large upload: ${bytes} bytes`, [download, node('Upload', { resource: 'library', operation: 'uploadFile', libraryId: library.id, binaryPropertyName: 'data' }, 400)]));
	return { ds, library: library.id };
}

let big: Awaited<ReturnType<typeof setUp>>;

/** A Daily simulator serving recordings of `bytes`, a finished cloud recording in it, and a workflow (`<id>Dl`) that downloads it. */
async function setUpDaily(id: string, credentialId: string, bytes: number) {
	const daily = await startDailySimulator({ apiKey: DAILY_KEY, recordingBytes: bytes });
	sims.push(daily);
	const recording = daily.seedRecording(`large-${id.toLowerCase()}`);
	const credential = { id: credentialId, name: `Daily (${bytes} bytes)` };
	await n8n.importCredentials([{ ...credential, type: 'dailyApi', data: { apiKey: DAILY_KEY, baseUrl: daily.url } }]);
	const download = actionNode('daily', credential)('Download', { resource: 'recording', operation: 'download', recordingId: recording.id, binaryPropertyName: 'data' }, 200);
	await n8n.importWorkflow(manualWorkflow(`${id}Dl`, `Large Daily download: ${bytes} bytes`, [download]));
	return { daily, recording };
}

let bigDaily: Awaited<ReturnType<typeof setUpDaily>>;

beforeAll(async () => {
	n8n = createRuntime({ N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem', N8N_LOG_LEVEL: 'info' });
	await setUp('LargeSmall000', 'largeDsCredSmall', 1024);
	big = await setUp('LargeBig00000', 'largeDsCredBig01', BIG);
	await setUpDaily('LargeDlySmall', 'largeDlyCredSml1', 1024);
	bigDaily = await setUpDaily('LargeDlyBig00', 'largeDlyCredBig1', BIG);
}, 25 * 60_000);

afterAll(async () => {
	await Promise.all(sims.map((s) => s.close()));
	n8n?.cleanup();
});

/** The run with the lower peak of two. */
async function measured(workflowId: string) {
	const [a, b] = [await executeMeasured(n8n, workflowId), await executeMeasured(n8n, workflowId)];
	return a.peakRssMb <= b.peakRssMb ? a : b;
}

it('downloads a 200 MB recording with the n8n process growing by less than half the file against a 1 KB control', async () => {
	const small = await measured('LargeSmall000Dl');
	const big = await measured('LargeBig00000Dl');
	expect(small.code).toBe(0);
	expect(big.code).toBe(0);
	const item = (run: typeof big.run) => run?.data.resultData.runData.Download?.[0]?.data?.main[0]?.[0] as { json: { fileSize?: number }; binary?: { data?: { id?: string } } } | undefined;
	expect(item(big.run)?.json.fileSize).toBe(BIG);
	// Stored by n8n's filesystem binary data mode, not inline.
	expect(item(big.run)?.binary?.data?.id).toMatch(/^filesystem/);
	const growthMb = big.peakRssMb - small.peakRssMb;
	recordFigure({
		scenario: '7. Large download (Digital Samba recording, n8n 1.x, filesystem binary data)',
		measured: `200 MB file: peak RSS ${big.peakRssMb.toFixed(0)} MB against ${small.peakRssMb.toFixed(0)} MB for 1 KB (+${growthMb.toFixed(0)} MB; lower of two runs each)`,
		goal: 'growth < 100 MB (half the file)',
		met: growthMb < 100,
	});
	expect(growthMb).toBeLessThan(100);
}, 600_000);

it('uploads a 200 MB file n8n stores on disk with the n8n process growing by less than half the file against a 1 KB control', async () => {
	const small = await measured('LargeSmall000Up');
	const large = await measured('LargeBig00000Up');
	expect(small.code).toBe(0);
	expect(large.code).toBe(0);
	const uploaded = large.run?.data.resultData.runData.Upload?.[0]?.data?.main[0]?.[0] as { json: { size?: number; uploaded?: boolean } } | undefined;
	expect(uploaded?.json).toMatchObject({ size: BIG, uploaded: true });
	// The storage server received every byte, in the multipart field Digital Samba names.
	const stored = big.ds.model.state.files.filter((f) => f.library_id === big.library && f.status === 'completed');
	expect(stored.map((f) => f.content?.length)).toEqual([BIG, BIG]);
	const growthMb = large.peakRssMb - small.peakRssMb;
	recordFigure({
		scenario: '8. Large upload (Digital Samba library file from a 200 MB recording, n8n 1.x, filesystem binary data)',
		measured: `200 MB file downloaded and uploaded: peak RSS ${large.peakRssMb.toFixed(0)} MB against ${small.peakRssMb.toFixed(0)} MB for 1 KB (+${growthMb.toFixed(0)} MB; lower of two runs each)`,
		goal: 'growth < 100 MB (half the file)',
		met: growthMb < 100,
	});
	expect(growthMb).toBeLessThan(100);
}, 900_000);

/**
 * The lower peak of each of two workflows, run in turn `pairs` times (control, file, control, file, …): a drift in the
 * process's baseline while the suite runs (n8n's database grows with each execution) falls on both alike.
 */
async function measuredInTurn(controlId: string, fileId: string, pairs: number) {
	const runs: Array<[Awaited<ReturnType<typeof executeMeasured>>, Awaited<ReturnType<typeof executeMeasured>>]> = [];
	for (let i = 0; i < pairs; i++) runs.push([await executeMeasured(n8n, controlId), await executeMeasured(n8n, fileId)]);
	const lowest = (which: 0 | 1) => runs.map((pair) => pair[which]).reduce((a, b) => (a.peakRssMb <= b.peakRssMb ? a : b));
	return { small: lowest(0), large: lowest(1) };
}

it('downloads a 200 MB Daily recording through its access link with the n8n process growing by less than a quarter of the file against a 1 KB control', async () => {
	const { small, large } = await measuredInTurn('LargeDlySmallDl', 'LargeDlyBig00Dl', 3);
	expect(small.code).toBe(0);
	expect(large.code).toBe(0);
	const item = large.run?.data.resultData.runData.Download?.[0]?.data?.main[0]?.[0] as { json: { recordingId?: string; fileSize?: number }; binary?: { data?: { id?: string; mimeType?: string } } } | undefined;
	expect(item?.json).toMatchObject({ recordingId: bigDaily.recording.id, fileSize: BIG });
	// Stored by n8n's filesystem binary data mode, not inline.
	expect(item?.binary?.data?.id).toMatch(/^filesystem/);
	expect(item?.binary?.data?.mimeType).toBe('video/mp4');
	// Fetched from the storage, once a run, without the API key.
	expect(bigDaily.daily.downloads.map((d) => [d.status, d.withAuthorization])).toEqual([[200, false], [200, false], [200, false]]);
	const growthMb = large.peakRssMb - small.peakRssMb;
	recordFigure({
		scenario: '9. Large download (Daily recording, n8n 1.x, filesystem binary data)',
		measured: `200 MB file: peak RSS ${large.peakRssMb.toFixed(0)} MB against ${small.peakRssMb.toFixed(0)} MB for 1 KB (+${growthMb.toFixed(0)} MB; lowest of three runs each, in turn)`,
		goal: 'growth < 50 MB (a quarter of the file)',
		met: growthMb < 50,
	});
	expect(growthMb).toBeLessThan(50);
}, 600_000);

/**
 * Daily Trigger → Include → Recording with Include Files and a 200 MB recording (issue 28), as `npm run bench`'s
 * scenario 6 measures it (here 2 deliveries of each kind after a warm-up, in an `n8n start` of its own): every run holds
 * the whole file in n8n's filesystem binary data (the scenario fails otherwise), the n8n process grows by less than a
 * quarter of the file while the file is fetched and the run saved, and Daily is answered about as fast as without the
 * file. The bench's goal for the answer is 1.2× a plain delivery; on a shared machine one answer takes 10–130 ms, so
 * this test holds it to 3×: an answer that waited for 200 MB would take seconds.
 */
it('a Daily Trigger including a 200 MB recording answers Daily first, and n8n grows by less than a quarter of the file', async () => {
	const scenario = await includeScenario({ ...SMOKE_SIZES, includeFileBytes: BIG, includeDeliveries: 2 }, nodeType('dailyTrigger'));
	try {
		const [answer, memory] = await scenario.run({ runtime: n8n, reps: 1, log: () => undefined });
		for (const row of [answer, memory]) recordFigure({ scenario: '10. Trigger Include (Daily recording, 200 MB, n8n 1.x, filesystem binary data)', measured: `${row.measure}: ${row.ours} against ${row.theirs}: ${row.ratio?.toFixed(2)}×`, goal: row.goal ?? '', met: row.met ?? false });
		expect(memory.ratio).toBeLessThan(0.25);
		expect(answer.ratio).toBeLessThan(3);
	} finally {
		await scenario.close();
	}
}, 900_000);
