import { createHmac } from 'crypto';
import type { SimRequest, SimResponse } from '../http';
import { invalid, ok, unixNow, type DailyState, type Recording } from './context';

/**
 * Where Daily keeps recording files, as this simulator serves them: the access link (GET /recordings/:id/access-link)
 * is a signed, time-limited link to `<origin>/storage/<bucket>/<s3key>`, the form of the spec's example
 * (`https://daily-meeting-recordings.s3.us-west-2.amazonaws.com/api-demo/hello/1548790973821?AWSAccessKeyId=…&Expires=…
 * &Signature=…&response-content-disposition=attachment%3B%20filename%3D%22api-demo%2Fhello%2F1548790973821.webm%22`):
 * no Authorization header, the file's name only in `response-content-disposition`, which the storage echoes as the
 * Content-Disposition header, as S3 does.
 */

/** Daily's own bucket, as the spec's examples name it (the access link's host, DELETE's `s3_bucket`). */
export const DAILY_BUCKET = 'daily-meeting-recordings';
const ACCESS_KEY_ID = 'AKIASIMULATEDDAILY00';

const signature = (state: DailyState, bucket: string, key: string, expires: number, disposition: string) =>
	createHmac('sha256', state.storageSecret).update(`GET\n${bucket}/${key}\n${expires}\n${disposition}`).digest('base64');

const bucketOf = (state: DailyState, recording: Recording) => state.recordingFiles.get(recording.id)?.bucket?.bucket_name ?? DAILY_BUCKET;

/**
 * The access link's answer, `{download_link, expires}`:
 * - a raw-tracks recording has none: "Access links or share tokens cannot be used to download or access rtp-tracks
 *   recordings; tracks must be downloaded individually" (help.daily.co/en/articles/4471340, rtp-tracks being raw-tracks'
 *   older name). How Daily refuses is undocumented: a 400 here. So is its answer for a recording not finished.
 * - a recording in the customer's bucket (the spec's `recordings_bucket`) without `allow_api_access` ("Controls whether
 *   the recording will be accessible using Daily's API"): "if certain error conditions occur (for instance, domain
 *   properties prevent access to recordings), this field could be an error string rather than a URL"
 *   (docs.daily.co/reference/rest-api/recordings/get-recording-link). The string itself is undocumented.
 * - otherwise a link to the file, `.mp4` ("a direct link to a .mp4 file stored on Amazon S3", the same page);
 *   `attachment`, or `inline` for a customer's bucket with `allow_streaming_from_bucket` (the spec).
 */
export function accessLink(state: DailyState, recording: Recording, validForSecs: number): SimResponse {
	const file = state.recordingFiles.get(recording.id) ?? { type: 'cloud' };
	if (file.type === 'raw-tracks') return invalid(`recording ${recording.id} is a raw-tracks recording: its tracks have no access link`);
	if (recording.status !== 'finished') return invalid(`recording ${recording.id} is ${recording.status}`);
	if (file.bucket && file.bucket.allow_api_access !== true) {
		return ok({ download_link: `Access to recordings is not allowed by this domain's recordings_bucket (allow_api_access)`, expires: 0 });
	}
	const bucket = bucketOf(state, recording);
	const expires = unixNow() + validForSecs;
	const disposition = `${file.bucket?.allow_streaming_from_bucket ? 'inline' : 'attachment'}; filename="${recording.s3key}.mp4"`;
	const path = recording.s3key.split('/').map(encodeURIComponent).join('/');
	const query = [
		`AWSAccessKeyId=${ACCESS_KEY_ID}`,
		`Expires=${expires}`,
		`Signature=${encodeURIComponent(signature(state, bucket, recording.s3key, expires, disposition))}`,
		`response-content-disposition=${encodeURIComponent(disposition)}`,
	].join('&');
	return ok({ download_link: `${state.origin}/storage/${bucket}/${path}?${query}`, expires });
}

const s3Error = (status: number, code: string, message: string): SimResponse => ({
	status,
	body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
	headers: { 'content-type': 'application/xml' },
});

const files = new WeakMap<DailyState, Buffer>();

/** The bytes of a recording's file: `recordingBytes` bytes when set (one buffer, shared), else a short text naming it. */
export function recordingFileBytes(state: DailyState, recordingId: string): Buffer {
	if (!state.recordingBytes) return Buffer.from(`simulated Daily recording ${recordingId}\n`);
	let file = files.get(state);
	if (!file) files.set(state, (file = Buffer.alloc(state.recordingBytes, 0x61)));
	return file;
}

/**
 * GET /storage/<bucket>/<s3key>: the file behind an access link, when its signature holds and it has not expired
 * (403 AccessDenied or SignatureDoesNotMatch otherwise, as S3 answers, in XML), while the recording exists (404
 * NoSuchKey after a delete). No Authorization header is needed or read.
 */
export function serveStorage(state: DailyState, req: SimRequest): SimResponse {
	if (req.method !== 'GET') return s3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
	if (req.path.startsWith('/storage/text/')) {
		const text = state.textFiles.get(req.path.slice('/storage/text/'.length));
		return text ? { status: 200, body: text.body, headers: { 'content-type': text.type } } : s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
	}
	const [bucket = '', ...rest] = req.path.replace(/^\/storage\//, '').split('/');
	const key = rest.map((segment) => decodeURIComponent(segment)).join('/');
	const expires = Number(req.query.get('Expires'));
	const disposition = req.query.get('response-content-disposition') ?? '';
	if (req.query.get('Signature') !== signature(state, bucket, key, expires, disposition)) {
		return s3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
	}
	if (!(expires >= unixNow())) return s3Error(403, 'AccessDenied', 'Request has expired');
	const recording = state.recordings.find((r) => r.s3key === key && bucketOf(state, r) === bucket);
	if (!recording) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
	const body = recordingFileBytes(state, recording.id);
	return { status: 200, body, headers: { 'content-type': 'video/mp4', 'content-length': String(body.length), 'content-disposition': disposition } };
}
