import { readFileSync } from 'fs';
import type { IDataObject } from 'n8n-workflow';
import { recordingFileName } from '../../../nodes/Daily/resources/recording';
import { callSimulator, DAILY_KEY, runDaily, type DailyRunOptions } from '../../helpers/daily';
import { failure } from '../../helpers/failure';
import { DAILY_SPEC_FILE } from '../../simulators/daily/spec';
import { startDailySimulator, type DailySimulator } from '../../simulators/daily';

/**
 * Daily Recording → Download against the simulator, which enforces Daily's spec and serves each recording's file behind
 * its access link as Daily describes it (test/simulators/daily/storage.ts): a signed link, no API key, the file named
 * in the link's response-content-disposition. Raw-tracks recordings and recordings Daily keeps from its API have no
 * one file: the item fails, saying where the files are.
 */
describe('Daily Recording → Download', () => {
	let sim: DailySimulator;
	beforeEach(async () => {
		sim = await startDailySimulator({ apiKey: DAILY_KEY });
	});
	afterEach(async () => {
		expect(sim.contractViolations).toEqual([]);
		await sim.close();
	});
	const download = (recordingId: string, extra: IDataObject = {}, options: DailyRunOptions = {}) =>
		runDaily({ resource: 'recording', operation: 'download', recordingId, binaryPropertyName: 'data', ...extra }, { baseUrl: sim.url, ...options });
	const apiCalls = () => sim.requests.map((r) => `${r.method} ${r.path}`);

	it('streams a finished cloud recording from its access link into the chosen binary field, named as Daily names it', async () => {
		const recording = sim.seedRecording('standup');
		const { output, ctx } = await download(recording.id, { binaryPropertyName: 'video' });
		expect(apiCalls()).toEqual([`GET /v1/recordings/${recording.id}`, `GET /v1/recordings/${recording.id}/access-link`]);
		// The file came from the link, once, without the API key (the storage needs none and the simulator would not
		// take one as a signature).
		expect(sim.downloads).toEqual([expect.objectContaining({ method: 'GET', path: `/storage/daily-meeting-recordings/${recording.s3key}`, status: 200, withAuthorization: false })]);
		// Streamed into n8n's binary helper, never read into a buffer first (a recording may be gigabytes).
		expect(ctx.binaryInputs).toEqual(['stream']);
		const bytes = sim.recordingFile(recording.id);
		const fileName = `${recording.s3key.split('/').pop()}.mp4`;
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual({
			recordingId: recording.id, room_name: 'standup', start_ts: recording.start_ts, duration: recording.duration, mtgSessionId: recording.mtgSessionId,
			s3key: recording.s3key, fileName, fileSize: bytes.length,
		});
		expect(output[0].binary?.video).toMatchObject({ fileName, mimeType: 'video/mp4' });
		expect(Buffer.from(output[0].binary!.video.data, 'base64')).toEqual(bytes);
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	it('downloads an audio-only cloud recording the same way', async () => {
		const recording = sim.seedRecording('podcast', { type: 'cloud-audio-only' });
		const { output } = await download(recording.id);
		expect(Buffer.from(output[0].binary!.data.data, 'base64')).toEqual(sim.recordingFile(recording.id));
	});

	it('downloads a recording kept in the customer\'s own bucket when the bucket allows API access', async () => {
		const bucket = { bucket_name: 'acme-recordings', bucket_region: 'eu-west-1', assume_role_arn: 'arn:aws:iam::555555555555:role/DailyS3AccessRole', allow_api_access: true };
		const recording = sim.seedRecording('standup', { bucket });
		const { output } = await download(recording.id);
		expect(sim.downloads.map((d) => d.path)).toEqual([`/storage/acme-recordings/${recording.s3key}`]);
		expect(output[0].json.fileSize).toBe(sim.recordingFile(recording.id).length);
	});

	it('fails a raw-tracks recording before asking for a link, naming its tracks and where to get them', async () => {
		const recording = sim.seedRecording('interview', { type: 'raw-tracks' });
		const error = await failure(download(recording.id));
		expect(error.message).toBe(`Recording ${recording.id} is a raw-tracks recording: 2 track files, not one file to download`);
		expect(error.description).toContain('Daily gives raw-tracks recordings no download link');
		expect(error.description).toContain('Recording → Get lists them');
		for (const track of recording.tracks) expect(error.description).toContain(`${track.type} ${track.s3key} (${track.size} bytes)`);
		expect(apiCalls()).toEqual([`GET /v1/recordings/${recording.id}`]);
		expect(sim.downloads).toEqual([]);
	});

	it('with Continue On Fail, a raw-tracks item carries the explanation and the other items download', async () => {
		const raw = sim.seedRecording('interview', { type: 'raw-tracks' });
		const cloud = sim.seedRecording('standup');
		const { output } = await runDaily(
			[raw.id, cloud.id].map((recordingId) => ({ resource: 'recording', operation: 'download', recordingId, binaryPropertyName: 'data' })),
			{ baseUrl: sim.url, continueOnFail: true },
		);
		expect(output.map((item) => item.json.error ?? item.json.recordingId)).toEqual([`Recording ${raw.id} is a raw-tracks recording: 2 track files, not one file to download`, cloud.id]);
		expect(output[0].json.description).toContain(raw.tracks[0].s3key);
		expect(output[0].binary).toBeUndefined();
		expect(output[1].binary?.data).toBeDefined();
	});

	it('fails a recording in the customer\'s bucket without API access, with Daily\'s answer and the file\'s key', async () => {
		const recording = sim.seedRecording('standup', { bucket: { bucket_name: 'acme-recordings', bucket_region: 'eu-west-1', allow_api_access: false } });
		const error = await failure(download(recording.id));
		expect(error.message).toBe(`Daily gave no download link for recording ${recording.id}`);
		expect(error.description).toMatch(/^Daily answered "Access to recordings is not allowed[^"]*" instead of a link\. /);
		expect(error.description).toContain(`recordings_bucket) with allow_api_access off. Fetch it from that bucket (key ${recording.s3key})`);
		expect(sim.downloads).toEqual([]);
	});

	it('takes the bucket from the room\'s recordings_bucket as the recording is made (stop after start)', async () => {
		const call = (method: string, path: string, body?: unknown) => callSimulator(sim.url, DAILY_KEY, method, path, body);
		expect((await call('POST', '/rooms', { name: 'private-bucket', properties: { recordings_bucket: { bucket_name: 'acme-recordings', bucket_region: 'eu-west-1' } } })).status).toBe(200);
		expect((await call('POST', '/rooms/private-bucket/recordings/start', {})).status).toBe(200);
		expect((await call('POST', '/rooms/private-bucket/recordings/stop', {})).status).toBe(200);
		const error = await failure(download(sim.state.recordings[0].id));
		expect(error.message).toMatch(/^Daily gave no download link/);
	});

	it('fails a recording still in progress without asking for a link', async () => {
		const recording = sim.seedRecording('standup', { status: 'in-progress' });
		const error = await failure(download(recording.id));
		expect(error.message).toBe(`Recording ${recording.id} is in-progress; only finished recordings can be downloaded`);
		expect(apiCalls()).toEqual([`GET /v1/recordings/${recording.id}`]);
	});

	it('fails a recording Daily does not have with Daily\'s 404, asking for no link', async () => {
		const error = await failure(download('0cb313e1-211f-4be0-833d-8c7305b19902'));
		expect(error.message).toBe('Daily API error 404 (not-found): recording 0cb313e1-211f-4be0-833d-8c7305b19902 not found');
		expect(apiCalls()).toEqual(['GET /v1/recordings/0cb313e1-211f-4be0-833d-8c7305b19902']);
		expect(sim.downloads).toEqual([]);
	});
});

describe('the file name of a Daily recording', () => {
	const spec = JSON.parse(readFileSync(DAILY_SPEC_FILE, 'utf8'));
	const example = spec.paths['/recordings/{recording_id}/access-link'].get.responses['200'].content['application/json'].examples.Result.value as { download_link: string };

	it('is the last segment of the filename in the link\'s response-content-disposition, as the spec\'s example link names it', () => {
		expect(recordingFileName(example.download_link, 'api-demo/hello/1548790973821', 'rec-1')).toBe('1548790973821.webm');
	});

	it('else the link\'s last path segment when it has an extension, else the s3key\'s last segment (or the ID) with .mp4', () => {
		expect(recordingFileName('https://files.example.com/a/b/rec%201.mp4?sig=x', 'd/r/1', 'rec-1')).toBe('rec 1.mp4');
		expect(recordingFileName('https://files.example.com/d/r/1548790973821?sig=x', 'd/r/1548790973821', 'rec-1')).toBe('1548790973821.mp4');
		expect(recordingFileName('https://files.example.com/x', undefined, 'rec-1')).toBe('rec-1.mp4');
	});

	it('never carries a folder from a filename, even an encoded one', () => {
		const link = `https://files.example.com/x?response-content-disposition=${encodeURIComponent('attachment; filename="..%2F..%2Fetc%2Fpasswd.mp4"')}`;
		expect(recordingFileName(link, 'd/r/1', 'rec-1')).toBe('passwd.mp4');
		const dots = `https://files.example.com/x?response-content-disposition=${encodeURIComponent('attachment; filename=".."')}`;
		expect(recordingFileName(dots, 'd/r/1', 'rec-1')).toBe('1.mp4');
	});
});
