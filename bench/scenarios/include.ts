import { existsSync, rmSync, statSync } from 'fs';
import { createRequire } from 'module';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { freePort, importInto, startServer, type N8nServer } from '../../test/e2e/n8n';
import { startDailySimulator, type DailySimulator, type Recording } from '../../test/simulators/daily';
import { childPid, peakGrowthMb } from '../lib/memory';
import { activateRetried, siblingRuntime } from '../lib/n8nRun';
import { median, ratio, sleep } from '../lib/stats';
import type { Sizes } from '../lib/sizes';
import type { N8nRuntime } from '../../test/e2e/n8n';
import type { Row, Scenario } from '../lib/types';
import { PACKAGE } from '../lib/workflows';

/**
 * Scenario 6 (issue 28): a signed recording.ready-to-download delivery to an active Daily Trigger with Include →
 * Recording and Include Files (the trigger answers Daily 200, then fetches GET /recordings/{id}, its access link and
 * the file, streamed into n8n's binary data, then starts the run) against the same delivery with Include off, in one
 * `n8n start` with N8N_DEFAULT_BINARY_DATA_MODE=filesystem, in a user folder of its own (scenario 4's n8n started in
 * the shared one; bench/lib/n8nRun.ts siblingRuntime). Two Daily simulators (Daily allows one webhook a domain):
 * one serving recordings of `includeFileBytes` (200 MB; smoke 4 MB), one for the plain trigger.
 * - answer time: from sending the delivery (`daily.deliver`) until the simulator has n8n's HTTP answer;
 * - memory: the n8n process's peak resident memory while the delivery is answered, the file fetched and the run
 *   saved, above its resident size just before (VmHWM reset through /proc/<pid>/clear_refs; bench/lib/memory.ts),
 *   against the file's size; the same figure for plain deliveries is the control beside it.
 * Each included run's execution must hold the file, in n8n's filesystem binary data, at the byte count served: a run
 * without it is not a measurement and fails the scenario. Plain and included deliveries alternate in order from one
 * repetition to the next, and each waits until n8n has saved the run before the next is sent.
 */
const KEY = 'bench_daily_include_key_4f1a';
const CREDENTIALS = {
	plain: { id: 'benchDailyIncl01', name: 'Bench Daily (Include off)' },
	included: { id: 'benchDailyIncl02', name: 'Bench Daily (Include Recording)' },
};
const IDS = { plain: 'BenchInclPlain01', included: 'BenchInclFile001' };
const EVENT = 'recording.ready-to-download';
const MB = 2 ** 20;

type Who = keyof typeof IDS;

function triggerWorkflow(who: Who, webhookId: string, options: object, triggerType: string) {
	const id = IDS[who];
	return {
		id,
		name: `Bench 6: ${id}`,
		active: false,
		nodes: [
			{
				id: `${id}-trigger`,
				name: 'Trigger',
				type: triggerType,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { events: [EVENT], roomName: '', options },
				credentials: { dailyApi: CREDENTIALS[who] },
			},
			{ id: `${id}-noop`, name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0], parameters: {} },
		],
		connections: { Trigger: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Daily's recording.ready-to-download payload (docs.daily.co/reference/rest-api/webhooks/events/recording-ready-to-download). */
const payload = (recording: Recording) => ({
	type: 'cloud',
	recording_id: recording.id,
	room_name: recording.room_name,
	start_ts: recording.start_ts,
	status: 'finished',
	max_participants: 2,
	duration: 540,
	s3_key: recording.s3key,
});

interface Item {
	json: { recording?: { fileSize?: number }; artefactError?: { message?: string } };
	binary?: { data?: { id?: string; fileSize?: string } };
}

/** `triggerType`: the Daily Trigger's node type in the n8n it runs in (the bundle's in the bench). */
export async function includeScenario(sizes: Sizes, triggerType = `${PACKAGE}.dailyTrigger`): Promise<Scenario> {
	const bytes = sizes.includeFileBytes;
	const sims: Record<Who, DailySimulator> = {
		plain: await startDailySimulator({ apiKey: KEY }),
		included: await startDailySimulator({ apiKey: KEY, recordingBytes: bytes }),
	};
	const recordings: Record<Who, Recording> = { plain: sims.plain.seedRecording('bench-include'), included: sims.included.seedRecording('bench-include') };
	let server: N8nServer | undefined;

	/** The newest execution of a workflow, or undefined. */
	async function newest(workflowId: string): Promise<{ id: string; status: string } | undefined> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const { body } = await server!.rest('GET', `/executions?filter=${filter}&limit=1`);
		return body?.data?.results?.[0];
	}

	/** Waits until n8n has finished and saved a run of the workflow newer than `after`; its id and status. */
	async function finished(workflowId: string, after: string | undefined) {
		const deadline = Date.now() + 600_000;
		while (Date.now() < deadline) {
			const last = await newest(workflowId);
			if (last && last.id !== after && !['new', 'running', 'waiting'].includes(last.status)) return last;
			await sleep(100);
		}
		throw new Error(`no finished run of ${workflowId} within 10 minutes`);
	}

	/** The item the Trigger node output in an execution (n8n keeps run data flatted). */
	async function triggerItem(runtime: N8nRuntime, executionId: string): Promise<Item | undefined> {
		const { status, body } = await server!.rest('GET', `/executions/${executionId}`);
		if (status !== 200) throw new Error(`reading execution ${executionId} failed: ${status}`);
		const raw = body.data.data;
		const data = typeof raw === 'string' ? (createRequire(runtime.bin)('flatted') as { parse(t: string): any }).parse(raw) : raw;
		return data?.resultData?.runData?.Trigger?.[0]?.data?.main?.[0]?.[0];
	}

	/**
	 * Checks that the run holds the file: the byte count on the item, the binary in n8n's filesystem storage and that
	 * file's size on disk. Then removes the file (n8n keeps the executions; 200 MB a run would pile up on disk).
	 */
	function checkFile(runtime: N8nRuntime, item: Item | undefined, executionId: string) {
		const problem = (what: string) => new Error(`execution ${executionId} of the included run does not hold the ${bytes}-byte file: ${what}`);
		if (!item) throw problem('the Trigger output no item');
		if (item.json.artefactError) throw problem(`artefactError ${JSON.stringify(item.json.artefactError)}`);
		if (item.json.recording?.fileSize !== bytes) throw problem(`recording.fileSize ${item.json.recording?.fileSize}`);
		const id = item.binary?.data?.id;
		if (!id?.startsWith('filesystem')) throw problem(`binary data id ${id ?? 'missing'} (not filesystem mode)`);
		// A webhook run's file is written under executions/temp/ and moved to the execution's folder once it has an id
		// (n8n's restoreBinaryDataId); the item saved may still name temp/.
		const fileId = id.slice(id.indexOf(':') + 1);
		const path = [fileId, fileId.replace('/temp/', `/${executionId}/`)].map((f) => join(runtime.userFolder, '.n8n', 'binaryData', f)).find((p) => existsSync(p));
		if (!path) throw problem(`no file for ${id}`);
		const onDisk = statSync(path).size;
		if (onDisk !== bytes) throw problem(`${onDisk} bytes on disk`);
		rmSync(path, { force: true });
	}


	const credentials = (['plain', 'included'] as const).map((who) => ({ ...CREDENTIALS[who], type: 'dailyApi', data: { apiKey: KEY, baseUrl: sims[who].url } }));
	const workflows = [
		triggerWorkflow('plain', '8d2f4b6a-1c3e-4a5b-9d7f-0e2a4c6b8d01', {}, triggerType),
		triggerWorkflow('included', '8d2f4b6a-1c3e-4a5b-9d7f-0e2a4c6b8d02', { include: ['recording'], includeFiles: true }, triggerType),
	];
	let own: N8nRuntime | undefined;

	return {
		name: '6. Trigger Include (recording file)',
		// Imported into a user folder of this scenario's own (siblingRuntime), not the shared one.
		credentials: [],
		workflows: [],
		async run({ runtime: shared, reps, log }) {
			const runtime = (own = siblingRuntime(shared));
			await runtime.importCredentials(credentials);
			await importInto(runtime.bin, runtime.env, 'workflow', workflows);
			server = await startServer(runtime, await freePort(), { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem', N8N_LOG_LEVEL: 'warn' });
			const pid = childPid([runtime.bin, 'start'], runtime.userFolder);
			if (!pid) throw new Error('the n8n start process was not found');
			for (const who of ['plain', 'included'] as const) {
				await activateRetried(server!, IDS[who]);
				if (!sims[who].webhooks[0]) throw new Error(`the ${who} Daily Trigger did not register its webhook`);
			}
			const answers = { plain: [] as number[], included: [] as number[] };
			const growth = { plain: [] as number[], included: [] as number[] };
			let sampled = false;

			/** One delivery: its answer time, and n8n's memory growth until its run is saved (the file checked when included). */
			async function deliver(who: Who, measured: boolean) {
				const before = (await newest(IDS[who]))?.id;
				const { result, growthMb, sampled: bySampling } = await peakGrowthMb(pid!, async () => {
					const started = performance.now();
					const status = await sims[who].deliver(EVENT, payload(recordings[who]));
					const answerMs = performance.now() - started;
					if (status !== 200) throw new Error(`the ${who} delivery was answered ${status}`);
					const run = await finished(IDS[who], before);
					return { answerMs, run, savedMs: performance.now() - started };
				});
				if (result.run.status !== 'success') throw new Error(`the ${who} run ended ${result.run.status}`);
				if (who === 'included') checkFile(runtime, await triggerItem(runtime, result.run.id), result.run.id);
				if (!measured) return;
				sampled ||= bySampling;
				answers[who].push(result.answerMs);
				growth[who].push(growthMb);
				log(`  6 ${who}: answered in ${result.answerMs.toFixed(1)} ms, run saved after ${(result.savedMs / 1000).toFixed(2)} s, peak RSS +${growthMb.toFixed(0)} MB until then`);
			}

			// Warm-up, not counted: the first delivery of each loads code and warms n8n's paths.
			for (const who of ['plain', 'included'] as const) await deliver(who, false);
			for (let rep = 0; rep < reps; rep++) {
				for (let i = 0; i < sizes.includeDeliveries; i++) {
					for (const who of (rep + i) % 2 ? (['included', 'plain'] as const) : (['plain', 'included'] as const)) await deliver(who, true);
				}
			}
			await server.stop();
			server = undefined;

			const count = answers.included.length;
			const fileMb = bytes / MB;
			const answerRatio = ratio(median(answers.included), median(answers.plain));
			const growthRatio = median(growth.included) / fileMb;
			const range = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
			const scenario = `6. recording.ready-to-download to an active Daily Trigger, Include → Recording + Include Files (${fileMb.toFixed(0)} MB file, filesystem binary data) vs Include off`;
			const rows: Row[] = [
				{
					scenario,
					measure: `answer to Daily (delivery sent → HTTP answer), median of ${count}`,
					ours: `${median(answers.included).toFixed(1)} ms (file fetched after the answer; every run checked to hold it)`,
					theirs: `${median(answers.plain).toFixed(1)} ms (Include off)`,
					ratio: answerRatio,
					goal: '≤ 1.20×',
					met: answerRatio <= 1.2,
				},
				{
					scenario,
					measure: `n8n's peak RSS growth until the run is saved ÷ file size, median of ${count}${sampled ? ' (VmRSS sampled every 20 ms)' : ''}`,
					ours: `+${median(growth.included).toFixed(0)} MB of a ${fileMb.toFixed(0)} MB file (${range(growth.included)} MB)`,
					theirs: `+${median(growth.plain).toFixed(0)} MB (Include off, ${range(growth.plain)} MB)`,
					ratio: growthRatio,
					goal: '< 0.25× (the file)',
					met: growthRatio < 0.25,
				},
			];
			return rows;
		},
		close: async () => {
			await server?.stop();
			// startServer leaves its n8n running when it throws after the spawn (a failed owner setup): ended by its pid.
			const leaked = own && childPid([own.bin, 'start'], own.userFolder);
			if (leaked) process.kill(leaked, 'SIGKILL');
			await Promise.all(Object.values(sims).map((s) => s.close()));
			own?.cleanup();
		},
	};
}
