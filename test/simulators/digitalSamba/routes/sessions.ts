import { exportAs, list, noContent, ok, type Ctx, type RouteTable } from '../context';
import { genericRoute } from '../generic';
import type { DsParticipant, DsRecording, DsSession } from '../model';
import { notFound as notFoundError, queryDate, queryFlag, signJwt, unprocessable, Validator } from '../util';
import { sessionStats, participantStats } from './rooms';

/** Sessions, participants and recordings. */

function sessionFilter(ctx: Ctx, sessions: DsSession[]): DsSession[] {
	const from = queryDate(ctx.query, 'date_start');
	const to = queryDate(ctx.query, 'date_end', true);
	const live = queryFlag(ctx.query, 'live');
	const roomId = ctx.query.get('room_id');
	return sessions.filter(
		(s) =>
			(from === undefined || s.start >= from) &&
			(to === undefined || s.start <= to) &&
			(live === undefined || (s.end === null) === live) &&
			(!roomId || s.room_id === roomId),
	);
}

function participantFilter(ctx: Ctx, participants: DsParticipant[]): DsParticipant[] {
	const from = queryDate(ctx.query, 'date_start');
	const to = queryDate(ctx.query, 'date_end', true);
	const live = queryFlag(ctx.query, 'live');
	const roomId = ctx.query.get('room_id');
	const sessionId = ctx.query.get('session_id');
	return participants.filter(
		(p) =>
			(from === undefined || p.join >= from) &&
			(to === undefined || p.join <= to) &&
			(live === undefined || (p.leave === null) === live) &&
			(!roomId || p.room_id === roomId) &&
			(!sessionId || p.session_id === sessionId),
	);
}

function deleteSessionContent(ctx: Ctx, session: DsSession, what: 'chat' | 'questions' | 'polls' | 'quizzes' | 'recordings' | 'summaries' | 'transcripts'): void {
	const s = ctx.model.state;
	if (what === 'chat') s.chat = s.chat.filter((m) => m.session_id !== session.id);
	if (what === 'questions') s.questions = s.questions.filter((q) => q.session_id !== session.id);
	if (what === 'polls') for (const p of s.polls) p.votes = p.votes.filter((v) => v.session_id !== session.id);
	if (what === 'quizzes') for (const q of s.quizzes) q.results = q.results.filter((r) => (r as { session_id?: string }).session_id !== session.id);
	if (what === 'recordings') s.recordings = s.recordings.filter((r) => r.session_id !== session.id);
	if (what === 'summaries') delete session.summary;
	if (what === 'transcripts') session.transcript = [];
}

const recordingsList = (ctx: Ctx, archived: boolean) => {
	const roomId = ctx.query.get('room_id');
	const sessionId = ctx.query.get('session_id');
	const status = ctx.query.get('status');
	const v = new Validator();
	v.in('status', status ?? undefined, ['IN_PROGRESS', 'PENDING_CONVERSION', 'READY']);
	v.check();
	const all = ctx.model.state.recordings.filter(
		(r: DsRecording) =>
			r.archived === archived && (!roomId || r.room_id === roomId) && (!sessionId || r.session_id === sessionId) && (!status || r.status === status),
	);
	return list(ctx, all, (r) => ctx.model.recordingJson(r));
};

export const sessionRoutes: RouteTable = {
	/* sessions */
	'GET /sessions': (ctx) => list(ctx, sessionFilter(ctx, ctx.model.state.sessions), (s) => ctx.model.sessionJson(s)),
	'GET /rooms/{room}/sessions': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		return list(ctx, sessionFilter(ctx, ctx.model.state.sessions.filter((s) => s.room_id === room.id)), (s) => ctx.model.sessionJson(s));
	},
	'GET /sessions/{session}': (ctx) => ok(sessionStats(ctx, ctx.model.session(ctx.params.session))),
	'POST /sessions/{session}/end': (ctx) => {
		ctx.model.endSession(ctx.model.session(ctx.params.session));
		return ok();
	},
	'DELETE /sessions/{session}/resources': (ctx) => {
		const session = ctx.model.session(ctx.params.session);
		if (session.end === null) throw unprocessable('Cannot delete resources of a live session.');
		for (const what of ['chat', 'questions', 'polls', 'quizzes', 'recordings', 'summaries', 'transcripts'] as const) deleteSessionContent(ctx, session, what);
		const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true';
		if (truthy(ctx.body.delete_history)) {
			const s = ctx.model.state;
			s.sessions = s.sessions.filter((x) => x !== session);
			s.participants = s.participants.filter((p) => p.session_id !== session.id);
		}
		return noContent();
	},
	'DELETE /sessions/{session}/chat': (ctx) => (deleteSessionContent(ctx, ctx.model.session(ctx.params.session), 'chat'), noContent()),
	'DELETE /sessions/{session}/questions': (ctx) => (deleteSessionContent(ctx, ctx.model.session(ctx.params.session), 'questions'), noContent()),
	'DELETE /sessions/{session}/polls': (ctx) => (deleteSessionContent(ctx, ctx.model.session(ctx.params.session), 'polls'), noContent()),
	'DELETE /sessions/{session}/quizzes': (ctx) => (deleteSessionContent(ctx, ctx.model.session(ctx.params.session), 'quizzes'), noContent()),
	'DELETE /sessions/{session}/recordings': (ctx) => (deleteSessionContent(ctx, ctx.model.session(ctx.params.session), 'recordings'), noContent()),
	'DELETE /sessions/{session}/transcripts': (ctx) => (deleteSessionContent(ctx, ctx.model.session(ctx.params.session), 'transcripts'), noContent()),
	'DELETE /sessions/{session}/summaries': (ctx) => (deleteSessionContent(ctx, ctx.model.session(ctx.params.session), 'summaries'), noContent()),
	// Spec getSessionSummary: `{job_id, status, summary}`, IN_PROGRESS with summary '' while it is written, then READY.
	'GET /sessions/{session}/summary': (ctx) => {
		const session = ctx.model.session(ctx.params.session);
		session.summary ??= { job_id: ctx.model.stamp().id, status: 'IN_PROGRESS', summary: '' };
		const { job_id, status, summary } = session.summary;
		return ok({ job_id, status, summary });
	},
	// Spec getSessionTranscripts: paginated `{total_count, data: [{participant_id, participant_name, transcript,
	// start_time, end_time}]}`. A session whose transcript a test seeded answers its lines; any other the spec's example.
	'GET /sessions/{session}/transcripts': (ctx) => {
		const session = ctx.model.session(ctx.params.session);
		if (!session.transcript) return genericRoute(ctx.op)(ctx);
		return list(ctx, session.transcript, ({ participant_id, participant_name, transcript, start_time, end_time }) => ({ participant_id, participant_name, transcript, start_time, end_time }));
	},
	// Spec exportSessionTranscripts: `?format=txt|json`, answered text/plain (its example 'Text file - Transcripts'; the
	// file's lines are not documented: "Name: text" here). Seeded lines are exported; any other session the example.
	'GET /sessions/{session}/transcripts/export': (ctx) => {
		const session = ctx.model.session(ctx.params.session);
		if (!session.transcript) return genericRoute(ctx.op)(ctx);
		const v = new Validator();
		v.in('format', ctx.query.get('format') ?? 'txt', ['txt', 'json']);
		v.check();
		const rows = [...session.transcript].sort((a, b) => a.seq - b.seq).map(({ participant_id, participant_name, transcript, start_time, end_time }) => ({ participant_id, participant_name, transcript, start_time, end_time }));
		return exportAs(ctx, `transcripts-${session.id}`, rows, (row) => `${String(row.participant_name)}: ${String(row.transcript)}`);
	},

	/* participants */
	'GET /participants': (ctx) => list(ctx, participantFilter(ctx, ctx.model.state.participants), (p) => ctx.model.participantJson(p)),
	'GET /participants/{participant}': (ctx) => ok(participantStats(ctx, ctx.params.participant)),
	'GET /rooms/{room}/participants': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		return list(ctx, participantFilter(ctx, ctx.model.state.participants.filter((p) => p.room_id === room.id)), (p) => ctx.model.participantJson(p));
	},
	'GET /sessions/{session}/participants': (ctx) => {
		const session = ctx.model.session(ctx.params.session);
		return list(ctx, participantFilter(ctx, ctx.model.participantsOf(session)), (p) => ctx.model.participantJson(p));
	},
	'POST /rooms/{room}/participants/{participant}/raise-hand': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const participant = ctx.model.participant(ctx.params.participant);
		if (participant.room_id !== room.id) throw notFoundError();
		participant.hand_raised = true;
		return ok();
	},
	'POST /rooms/{room}/participants/{participant}/lower-hand': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		const participant = ctx.model.participant(ctx.params.participant);
		if (participant.room_id !== room.id) throw notFoundError();
		participant.hand_raised = false;
		return ok();
	},

	/* recordings */
	'GET /recordings': (ctx) => recordingsList(ctx, false),
	'GET /recordings/archived': (ctx) => recordingsList(ctx, true),
	'GET /recordings/{recording}': (ctx) => ok(ctx.model.recordingJson(ctx.model.recording(ctx.params.recording))),
	'DELETE /recordings/{recording}': (ctx) => {
		const recording = ctx.model.recording(ctx.params.recording);
		if (recording.status === 'IN_PROGRESS') throw unprocessable('Cannot delete a recording in progress.');
		ctx.model.state.recordings = ctx.model.state.recordings.filter((r) => r !== recording);
		return noContent();
	},
	'GET /recordings/{recording}/download': (ctx) => {
		const recording = ctx.model.recording(ctx.params.recording);
		const v = new Validator();
		const minutesParam = ctx.query.get('valid_for_minutes');
		if (minutesParam !== null) v.integer('valid_for_minutes', minutesParam, 1, 10080);
		v.check();
		if (recording.status !== 'READY') throw unprocessable('The recording is not ready yet.');
		const minutes = minutesParam === null ? 60 : Number(minutesParam);
		const expires = Math.floor(ctx.model.now() / 1000) + minutes * 60;
		const h = signJwt({ recording: recording.id, expires }, ctx.env.storageSecret).split('.')[2].slice(0, 22);
		return ok({
			link: `${ctx.env.origin}/storage/recordings/${recording.id}.mp4?h=${h}&expires=${expires}`,
			valid_until: new Date(expires * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
		});
	},
	'GET /recordings/{recording}/bookmarks': (ctx) => ok(ctx.model.recording(ctx.params.recording).bookmarks),
	'POST /recordings/{recording}/archive': (ctx) => {
		const recording = ctx.model.recording(ctx.params.recording);
		recording.archived = true;
		recording.updated = ctx.model.now();
		return ok();
	},
	'POST /recordings/{recording}/unarchive': (ctx) => {
		const recording = ctx.model.recording(ctx.params.recording);
		recording.archived = false;
		recording.updated = ctx.model.now();
		return ok();
	},
	'POST /rooms/{room}/recordings/start': (ctx) => {
		ctx.model.startRecording(ctx.model.room(ctx.params.room));
		return ok();
	},
	'POST /rooms/{room}/recordings/stop': (ctx) => {
		ctx.model.stopRecording(ctx.model.room(ctx.params.room));
		return ok();
	},
	'DELETE /rooms/{room}/recordings': (ctx) => {
		const room = ctx.model.room(ctx.params.room);
		ctx.model.state.recordings = ctx.model.state.recordings.filter((r) => r.room_id !== room.id || r.status === 'IN_PROGRESS');
		return noContent();
	},
};
