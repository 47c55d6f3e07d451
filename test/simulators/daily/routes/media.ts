import { randomBytes } from 'crypto';
import { cursorPage, findRoom, invalid, isoNow, newId, notFound, ok, type Ctx, type DailyState, type Recording, type RecordingsBucket, type RecordingType, type Room, type RoomJob, type RouteTable } from '../context';
import { accessLink } from '../storage';

/**
 * Room-level jobs (recording, live streaming, transcription): start makes an instance (400 if one with that
 * instanceId runs), update needs a running one, stop ends it (400 when none runs, as
 * https://docs.daily.co/reference/rest-api/rooms/recordings/stop says). A stopped recording becomes a finished
 * recording, a stopped transcription a finished transcript.
 */
function job(kind: RoomJob['kind']) {
	const running = (state: DailyState, room: Room, instanceId?: string) =>
		state.jobs.find((j) => j.kind === kind && j.room === room.name && (instanceId === undefined || j.instanceId === instanceId));
	const withRoom = (handler: (ctx: Ctx, room: Room) => ReturnType<typeof ok>) => (ctx: Ctx) => {
		const room = findRoom(ctx.state, ctx.params.room_name);
		return room ? handler(ctx, room) : notFound(`room ${ctx.params.room_name}`);
	};
	const answer = kind === 'recording' ? { status: 'sent' } : { sent: 'true' };
	return {
		start: withRoom(({ state, body }, room) => {
			const instanceId = body.instanceId ?? newId();
			if (running(state, room, instanceId)) return invalid(`a ${kind} with instanceId ${instanceId} is already running in ${room.name}`);
			state.jobs.push({ kind, room: room.name, instanceId, type: body.type ?? (kind === 'recording' ? 'cloud' : undefined) });
			return ok(answer);
		}),
		update: withRoom(({ state, body }, room) => (running(state, room, body.instanceId) ? ok(answer) : invalid(`no ${kind} is running in ${room.name}`))),
		stop: withRoom(({ state, body }, room) => {
			const active = running(state, room, body.instanceId);
			if (!active) return invalid(`no ${kind} is running in ${room.name}`);
			// "If a raw-tracks recording is being used, a type must be declared of value raw-tracks."
			if (kind === 'recording' && active.type === 'raw-tracks' && body.type !== 'raw-tracks') {
				return invalid('type must be raw-tracks to stop a raw-tracks recording');
			}
			state.jobs.splice(state.jobs.indexOf(active), 1);
			if (kind === 'recording') seedRecording(state, room.name, { type: (active.type ?? 'cloud') as RecordingType });
			if (kind === 'transcription') seedTranscript(state, room);
			return ok(answer);
		}),
	};
}

export interface RecordingSeed {
	/** cloud (default), cloud-audio-only, or raw-tracks (a file per track, listed in `tracks`). */
	type?: RecordingType;
	/** finished (default), in-progress (no duration, as the spec says) or canceled. */
	status?: 'finished' | 'in-progress' | 'canceled';
	/** The customer's bucket it was stored in; default the room's recordings_bucket, else the domain's, else Daily's own. */
	bucket?: RecordingsBucket;
	/** Its access link answers 404 for this long after seeding: a recording announced before its link works. */
	linkReadyAfterMs?: number;
}

export interface TranscriptSeed {
	/** What was said, in order: [speaker, words]. */
	cues?: Array<[string, string]>;
	/** Its access link answers 404 for this long after seeding. */
	linkReadyAfterMs?: number;
}

/**
 * A transcript's WebVTT file. Daily's transcription is Deepgram's; Deepgram's caption writer (@deepgram/captions,
 * webvtt()) marks each cue's speaker with a voice tag, `<v Speaker 0>`, as here. The cues are 5 s apart.
 */
export function transcriptVtt(cues: Array<[string, string]>): string {
	const at = (s: number) => `00:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.000`;
	return ['WEBVTT', '', ...cues.flatMap(([speaker, words], i) => [`${at(i * 5)} --> ${at(i * 5 + 5)}`, `<v ${speaker}>${words}`, ''])].join('\n');
}

/** A small file served at `/storage/text/<token>` (storage.ts), and its link. */
export function textFileLink(state: DailyState, body: string, type: string): string {
	const token = randomBytes(12).toString('hex');
	state.textFiles.set(token, { body, type });
	return `${state.origin}/storage/text/${token}`;
}

/** A 404 while an artefact's link does not work yet (linkReadyAt). */
function notReady(state: DailyState, id: string, what: string) {
	const at = state.linkReadyAt.get(id);
	return at !== undefined && Date.now() < at ? notFound(what) : undefined;
}

/**
 * A recording as GET /recordings/:id answers it. The s3key is `<domain>/<room>/<start in ms>`, as the spec's examples
 * (`mydomain/test-recording-room/11245260397`); a raw-tracks recording lists a file per track, `<s3key>-audio` and
 * `<s3key>-video` (the spec's track example `.../11245260397-audio`).
 */
export function seedRecording(state: DailyState, roomName: string, seed: RecordingSeed = {}): Recording {
	const id = newId();
	// Keys stay unique: two recordings of a room seeded within one millisecond get consecutive stamps.
	let startMs = Date.now() - 600_000;
	while (state.recordings.some((r) => r.s3key === `${state.domain}/${roomName}/${startMs}`)) startMs++;
	const s3key = `${state.domain}/${roomName}/${startMs}`;
	const type = seed.type ?? 'cloud';
	const status = seed.status ?? 'finished';
	const recording: Recording = {
		id, room_name: roomName, start_ts: Math.floor(startMs / 1000), status, max_participants: 2,
		...(status === 'in-progress' ? {} : { duration: 540 }),
		share_token: randomBytes(6).toString('base64url'), s3key, mtgSessionId: newId(),
		tracks: type === 'raw-tracks' ? [{ size: 15620, type: 'audio', s3key: `${s3key}-audio` }, { size: 482113, type: 'video', s3key: `${s3key}-video` }] : [],
	};
	const bucket = seed.bucket ?? (findRoom(state, roomName)?.config.recordings_bucket as RecordingsBucket | undefined) ?? (state.domainConfig.recordings_bucket as RecordingsBucket | undefined);
	state.recordings.unshift(recording);
	state.recordingFiles.set(id, { type, ...(bucket ? { bucket } : {}) });
	if (seed.linkReadyAfterMs) state.linkReadyAt.set(id, Date.now() + seed.linkReadyAfterMs);
	return recording;
}

const EXCHANGE: Array<[string, string]> = [
	['Speaker 0', 'Good morning, shall we start with the release?'],
	['Speaker 1', 'Yes. The build passed last night and the notes are ready.'],
	['Speaker 0', 'Then we ship on Thursday.'],
];

export function seedTranscript(state: DailyState, room: Room, seed: TranscriptSeed = {}) {
	const now = isoNow();
	const cues = seed.cues ?? EXCHANGE;
	const transcript = {
		transcriptId: newId(), domainId: state.domainId, roomId: room.id, mtgSessionId: newId(), status: 't_finished',
		isVttAvailable: true, duration: cues.length * 5, created_at: now, updated_at: now,
	};
	state.transcripts.unshift(transcript);
	const vtt = transcriptVtt(cues);
	state.transcriptFiles.set(transcript.transcriptId, vtt);
	if (seed.linkReadyAfterMs) state.linkReadyAt.set(transcript.transcriptId, Date.now() + seed.linkReadyAfterMs);
	return { ...transcript, vtt };
}

const recording = job('recording');
const liveStreaming = job('live-streaming');
const transcription = job('transcription');

export const mediaRoutes: RouteTable = {
	// RoomRecordingsStart, RoomRecordingsUpdate, RoomRecordingsStop (stop's body from the overlay)
	'POST /rooms/{room_name}/recordings/start': recording.start,
	'POST /rooms/{room_name}/recordings/update': recording.update,
	'POST /rooms/{room_name}/recordings/stop': recording.stop,
	// RoomLivestreamingStart, RoomLivestreamingUpdate, RoomLivestreamingStop
	'POST /rooms/{room_name}/live-streaming/start': liveStreaming.start,
	'POST /rooms/{room_name}/live-streaming/update': liveStreaming.update,
	'POST /rooms/{room_name}/live-streaming/stop': liveStreaming.stop,
	// RoomTranscriptionStart, RoomTranscriptionUpdate, RoomTranscriptionStop
	'POST /rooms/{room_name}/transcription/start': transcription.start,
	'POST /rooms/{room_name}/transcription/update': transcription.update,
	'POST /rooms/{room_name}/transcription/stop': transcription.stop,
	// ListRecordings (room_name filter)
	'GET /recordings': ({ state, query }) => {
		const room = query.get('room_name');
		return ok(cursorPage(room ? state.recordings.filter((r) => r.room_name === room) : state.recordings, query, (r) => r.id));
	},
	// GetRecordingInfo
	'GET /recordings/{recording_id}': ({ state, params }) => {
		const found = state.recordings.find((r) => r.id === params.recording_id);
		return found ? ok(found) : notFound(`recording ${params.recording_id}`);
	},
	// DeleteRecording
	'DELETE /recordings/{recording_id}': ({ state, params }) => {
		const index = state.recordings.findIndex((r) => r.id === params.recording_id);
		if (index < 0) return notFound(`recording ${params.recording_id}`);
		const [gone] = state.recordings.splice(index, 1);
		return ok({ deleted: true, id: gone.id, s3_bucket: 'daily-meeting-recordings', s3_region: 'us-west-2', s3_key: gone.s3key });
	},
	// GetRecordingLink (valid_for_secs from the overlay): a signed link to the file on this simulator (storage.ts).
	'GET /recordings/{recording_id}/access-link': ({ state, params, query }) => {
		const recording = state.recordings.find((r) => r.id === params.recording_id);
		if (!recording) return notFound(`recording ${params.recording_id}`);
		return notReady(state, recording.id, `recording ${recording.id}`) ?? accessLink(state, recording, Number(query.get('valid_for_secs') ?? 3600));
	},
	// ListTranscript (roomId, mtgSessionId filters)
	'GET /transcript': ({ state, query }) => {
		const roomId = query.get('roomId');
		const session = query.get('mtgSessionId');
		const all = state.transcripts.filter((t) => (!roomId || t.roomId === roomId) && (!session || t.mtgSessionId === session));
		return ok(cursorPage(all, query, (t) => t.transcriptId));
	},
	// GetTranscriptInfo
	'GET /transcript/{transcriptId}': ({ state, params }) => {
		const found = state.transcripts.find((t) => t.transcriptId === params.transcriptId);
		return found ? ok(found) : notFound(`transcript ${params.transcriptId}`);
	},
	// DeleteTranscript: answers the deleted transcript.
	'DELETE /transcript/{transcriptId}': ({ state, params }) => {
		const index = state.transcripts.findIndex((t) => t.transcriptId === params.transcriptId);
		if (index < 0) return notFound(`transcript ${params.transcriptId}`);
		const [gone] = state.transcripts.splice(index, 1);
		const { updated_at: _updated, ...rest } = gone;
		return ok(rest);
	},
	// GetTranscriptLink: `download_link`, as the spec's example and the docs page answer (overlay).
	// The link serves the transcript's WebVTT file from this simulator (a transcript made by stopping a transcription
	// says the default exchange).
	'GET /transcript/{transcriptId}/access-link': ({ state, params }) => {
		const id = params.transcriptId;
		if (!state.transcripts.some((t) => t.transcriptId === id)) return notFound(`transcript ${id}`);
		const vtt = state.transcriptFiles.get(id) ?? transcriptVtt(EXCHANGE);
		return notReady(state, id, `transcript ${id}`) ?? ok({ transcriptId: id, download_link: textFileLink(state, vtt, 'text/vtt') });
	},
};
