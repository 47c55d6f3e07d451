import { randomUUID } from 'crypto';
import type { LoadedSpec } from './spec';
import { isoMicros, isoSeconds, notFound, type Listable } from './util';

/**
 * The simulator's in-memory team: rooms, sessions and participants, recordings, chat, Q&A, polls, quizzes,
 * roles, libraries and webhooks, with the JSON forms the spec documents for each.
 */

/** The 39 webhook events `GET /events` lists (reference/providers.md §2.3). */
export const DS_EVENTS = [
	'session_started',
	'session_ended',
	'session_summary_ready',
	'session_transcript_ready',
	'room_locked',
	'room_unlocked',
	'room_deleted',
	'role_deleted',
	'participant_joined',
	'participant_left',
	'participant_waiting_joined',
	'participant_waiting_left',
	'participant_invited',
	'participant_hand_raised',
	'participant_hand_lowered',
	'participant_avatar_uploaded',
	'participant_avatar_deleted',
	'phone_participant_muted',
	'phone_participant_unmuted',
	'phone_participant_asked_to_unmute',
	'recording_started',
	'recording_stopped',
	'recording_ready',
	'recording_deleted',
	'question_asked',
	'question_answered',
	'question_updated',
	'question_dismissed',
	'question_reopened',
	'question_deleted',
	'answer_updated',
	'answer_deleted',
	'file_added_to_library',
	'file_renamed',
	'file_deleted_from_library',
	'file_processing_failed',
	'folder_added_to_library',
	'folder_renamed',
	'folder_deleted_from_library',
] as const;
export type DsEventType = (typeof DS_EVENTS)[number];

/* ------------------------------------------------------------------ records */

interface Stamped extends Listable {
	created: number;
}

export interface DsRoom extends Stamped {
	friendly_url: string;
	privacy: 'public' | 'private';
	description: string | null;
	external_id: string | null;
	/** Every other room setting, as the API echoes it. */
	settings: Record<string, unknown>;
	roleIds: string[];
	defaultRoleId: string | null;
	privateGroupChatRoleIds: string[];
	tags: string[];
	webhookIds: string[];
	library_id: string | null;
	expires_at: string | null;
	updated: number;
	deleted: boolean;
	/** Live features started through the API (recording, transcription, restreaming, phone bridge). */
	live: { recordingId?: string; transcribing?: boolean; restreaming?: boolean; phone?: boolean };
}

export interface DsSession extends Stamped {
	room_id: string;
	description: string | null;
	start: number;
	end: number | null;
	/**
	 * GET /sessions/{session}/summary (spec getSessionSummary: `{job_id, status: IN_PROGRESS|READY, summary}`, summary
	 * '' while IN_PROGRESS). `pending` and `readyAt`: a summary seeded to be written, READY with `pending` at `readyAt`.
	 */
	summary?: { job_id: string; status: 'IN_PROGRESS' | 'READY'; summary: string; pending?: string; readyAt?: number };
	/** The session's transcript lines (GET /sessions/{session}/transcripts), when seeded; otherwise the spec's example. */
	transcript?: DsTranscriptLine[];
}

/** One row of GET /sessions/{session}/transcripts (spec getSessionTranscripts' example). */
export interface DsTranscriptLine extends Listable {
	participant_id: string | null;
	participant_name: string;
	transcript: string;
	start_time: string;
	end_time: string;
}

export interface DsParticipant extends Stamped {
	session_id: string;
	room_id: string;
	external_id: string | null;
	name: string;
	role: string;
	join: number;
	leave: number | null;
	device: 'desktop' | 'mobile' | 'tablet' | 'smarttv';
	browser_id: string;
	hand_raised: boolean;
	/** Phone participants joined through /phone-participants/joined. */
	call_id?: string;
	muted?: boolean;
}

export type RecordingStatus = 'AWAITING_START' | 'IN_PROGRESS' | 'PENDING_CONVERSION' | 'READY';

export interface DsRecording extends Stamped {
	room_id: string;
	session_id: string | null;
	name: string;
	status: RecordingStatus;
	archived: boolean;
	duration: number;
	participant_id: string | null;
	participant_name: string | null;
	participant_external_id: string | null;
	bookmarks: Array<{ id: string; bookmark: string; time: number; session_id: string | null; participant_id: string | null; created_at: string }>;
	updated: number;
	/** A recording announced before its file is converted: it becomes READY at this time (ms). */
	readyAt?: number;
}

export interface DsAuthor {
	participant_id: string | null;
	external_participant_id: string | null;
	participant_name: string | null;
}

export interface DsChatMessage extends Stamped, DsAuthor {
	room_id: string;
	session_id: string | null;
	message: string;
	breakout_id: string | null;
}

export interface DsAnswer extends DsAuthor {
	id: string;
	answer: string;
	private: boolean;
	created: number;
}

export interface DsQuestion extends Stamped, DsAuthor {
	room_id: string;
	session_id: string | null;
	question: string;
	anonymous: boolean;
	breakout_id: string | null;
	status: 'open' | 'dismissed';
	voters: string[];
	answers: DsAnswer[];
	liveAnswer: { participant_id: string | null; state: 'started' | 'stopped' | 'cancelled' } | null;
}

export interface DsPoll extends Stamped {
	room_id: string;
	question: string;
	type: 'single' | 'multiple' | 'free';
	anonymous: boolean;
	multiple: boolean;
	status: string;
	options: Array<{ id: string; text: string }>;
	votes: Array<{ session_id: string | null; option_id: string; participant_id: string; participant_name: string; at: number }>;
}

export interface DsQuiz extends Stamped {
	room_id: string;
	title: string;
	timing_mode: 'quiz' | 'question' | null;
	time_limit_seconds: number | null;
	time_limit_minutes: number | null;
	passing_score: number | null;
	status: string;
	questions: Array<{ id: string; text: string; multiple: boolean; choices: Array<{ id: string; text: string; correct: boolean }> }>;
	/** Results of past runs, as GET …/results answers them (seed them with `sim.state.quizzes[i].results.push(…)`). */
	results: unknown[];
}

export interface DsRole extends Stamped {
	name: string;
	display_name: string;
	description: string | null;
	default: boolean;
	builtin: boolean;
	permissions: Record<string, unknown>;
	updated: number;
}

export interface DsLibrary extends Stamped {
	name: string | null;
	external_id: string | null;
	updated: number;
}

export interface DsFolder extends Stamped {
	library_id: string;
	parent_id: string | null;
	name: string;
}

export interface DsFile extends Stamped {
	library_id: string;
	folder_id: string | null;
	name: string;
	type: string;
	size: number;
	status: 'pending' | 'completed';
	storage_file_name: string;
	/** webapps */
	url?: string;
	/** whiteboards */
	private?: boolean;
	/** The bytes uploaded to the storage URL. */
	content?: Buffer;
	contentType?: string;
}

export interface DsWebhook extends Stamped {
	endpoint: string;
	name: string | null;
	authorization_header: string | null;
	events: string[];
	updated: number;
}

export interface DsDelivery {
	webhookId: string;
	endpoint: string;
	eventType: string;
	payload: Record<string, unknown>;
	headers: Record<string, string>;
	/** HTTP status of the receiver's answer; 0 when the connection failed or the endpoint was refused. */
	status: number;
	error?: string;
}

export interface DsState {
	team: { id: string; owner_id: string; domain: string };
	/** Team-wide default room settings (GET/PATCH /), roles and default role kept as ids. */
	settings: Record<string, unknown>;
	defaultRoleIds: string[];
	defaultRoleId: string | null;
	rooms: DsRoom[];
	sessions: DsSession[];
	participants: DsParticipant[];
	recordings: DsRecording[];
	chat: DsChatMessage[];
	questions: DsQuestion[];
	polls: DsPoll[];
	quizzes: DsQuiz[];
	roles: DsRole[];
	libraries: DsLibrary[];
	folders: DsFolder[];
	files: DsFile[];
	webhooks: DsWebhook[];
	deliveries: DsDelivery[];
}

/* -------------------------------------------------------------------- model */

const ROOM_IDENTITY_KEYS = [
	'id',
	'description',
	'topic',
	'friendly_url',
	'privacy',
	'external_id',
	'room_url',
	'default_role',
	'roles',
	'files',
	'webhooks',
	'tags',
	'breakouts',
	'library_id',
	'created_at',
	'updated_at',
	'private_group_chat_roles',
	'expires_at',
];
/** Default-settings keys that belong to the team, not to rooms. */
const TEAM_ONLY_KEYS = ['id', 'owner_id', 'domain', 'favicon', 'custom_cname', 'max_sessions', 'subscription_start', 'subscription_end'];

const FIRST_NAMES = ['Ada', 'Grace', 'Linus', 'Margaret', 'Alan', 'Barbara', 'Dennis', 'Frances', 'Ken', 'Radia'];
const LAST_NAMES = ['Lovelace', 'Hopper', 'Torvalds', 'Hamilton', 'Turing', 'Liskov', 'Ritchie', 'Allen', 'Thompson', 'Perlman'];

export interface ParticipantSeed {
	name?: string;
	external_id?: string | null;
	role?: string;
	device?: DsParticipant['device'];
	join?: number;
}

export class DsModel {
	readonly state: DsState;
	private sequence = 0;
	private readonly roomTemplate: Record<string, unknown>;
	private readonly settingsTemplate: Record<string, unknown>;
	/** What `GET /permissions` lists: the spec's example, plus any a test adds (as Digital Samba may add some later). */
	readonly permissions: string[];
	/** What `GET /events` lists: the 39 documented events, plus any a test adds. */
	readonly events: string[] = [...DS_EVENTS];

	constructor(
		readonly spec: LoadedSpec,
		teamId: string,
		domain: string,
		readonly now: () => number,
	) {
		const example = (key: string) => (spec.byKey.get(key)?.example ?? {}) as Record<string, any>;
		const listItem = (example('GET /rooms').data ?? [])[0] ?? {};
		this.roomTemplate = Object.fromEntries(
			Object.entries({ ...listItem, ...example('GET /rooms/{room}') }).filter(([key]) => !ROOM_IDENTITY_KEYS.includes(key)),
		);
		Object.assign(this.roomTemplate, { custom_logo: null, private_group_chat_name: null, html_title: null });
		this.settingsTemplate = { ...example('GET /'), library_id: null, custom_logo: null, application_logo: null, favicon: null, html_title: null };
		this.permissions = (spec.byKey.get('GET /permissions')?.example as string[] | undefined) ?? [];
		this.state = {
			team: { id: teamId, owner_id: randomUUID(), domain },
			settings: {},
			defaultRoleIds: [],
			defaultRoleId: null,
			rooms: [],
			sessions: [],
			participants: [],
			recordings: [],
			chat: [],
			questions: [],
			polls: [],
			quizzes: [],
			roles: [],
			libraries: [],
			folders: [],
			files: [],
			webhooks: [],
			deliveries: [],
		};
		const { roles, default_role: _defaultRole, ...settings } = this.settingsTemplate as Record<string, any>;
		void roles;
		void _defaultRole;
		this.state.settings = { ...settings, id: teamId, owner_id: this.state.team.owner_id, domain };
		this.seedBuiltinRoles(example('POST /roles').permissions ?? {});
	}

	/** Next ordering number; lists sort by it (creation order). */
	seq(): number {
		return ++this.sequence;
	}

	stamp(): { id: string; seq: number; created: number } {
		return { id: randomUUID(), seq: this.seq(), created: this.now() };
	}

	/* ------------------------------------------------------------- roles */

	private seedBuiltinRoles(moderatorPermissions: Record<string, unknown>): void {
		const all = (value: boolean) => Object.fromEntries(this.permissions.map((p) => [p, p === 'manage_roles' ? [] : value]));
		const moderator = { ...all(true), ...moderatorPermissions, manage_roles: ['moderator', 'speaker', 'attendee'] };
		const speaker = { ...all(false), broadcast: true, screenshare: true, general_chat: true, raise_hand: true, ask_question_qa: true, access_qa: true, room_reactions: true, chat_reactions: true, edit_whiteboard: true, see_notes: true, collaborate_in_notes: true, manage_roles: [] };
		const attendee = { ...all(false), general_chat: true, raise_hand: true, ask_question_qa: true, access_qa: true, room_reactions: true, chat_reactions: true, see_notes: true, manage_roles: [] };
		const make = (name: string, display_name: string, description: string, permissions: Record<string, unknown>, isDefault: boolean): DsRole => ({
			...this.stamp(),
			name,
			display_name,
			description,
			default: isDefault,
			builtin: true,
			permissions,
			updated: this.now(),
		});
		const roles = [
			make('moderator', 'Moderators', 'The Digital Samba Embedded Moderator preset has every permission.', moderator, true),
			make('speaker', 'Speakers', 'The Digital Samba Embedded Speaker preset can broadcast, screenshare and present.', speaker, false),
			make('attendee', 'Attendees', 'The Digital Samba Embedded Attendee preset is the role with the lowest rank.', attendee, false),
		];
		this.state.roles.push(...roles);
		this.state.defaultRoleIds = roles.map((r) => r.id);
		this.state.defaultRoleId = roles[0].id;
	}

	/** A role by id or name. */
	findRole(idOrName: unknown): DsRole | undefined {
		if (typeof idOrName !== 'string') return undefined;
		return this.state.roles.find((r) => r.id === idOrName) ?? this.state.roles.find((r) => r.name === idOrName);
	}

	roleRef(role: DsRole) {
		return { id: role.id, name: role.name, display_name: role.display_name };
	}

	roleJson(role: DsRole, withPermissions: boolean) {
		const base = {
			id: role.id,
			name: role.name,
			display_name: role.display_name,
			description: role.description,
			default: role.default,
			created_at: isoSeconds(role.created),
			updated_at: isoSeconds(role.updated),
		};
		return withPermissions ? { ...base, permissions: role.permissions } : base;
	}

	/* ------------------------------------------------------------- rooms */

	/** A live room by id or friendly_url (what every `{room}` path parameter accepts). */
	findRoom(idOrUrl: unknown): DsRoom | undefined {
		if (typeof idOrUrl !== 'string') return undefined;
		const rooms = this.state.rooms.filter((r) => !r.deleted);
		return rooms.find((r) => r.id === idOrUrl) ?? rooms.find((r) => r.friendly_url.toLowerCase() === idOrUrl.toLowerCase());
	}

	room(idOrUrl: unknown): DsRoom {
		const room = this.findRoom(idOrUrl);
		if (!room) throw notFound();
		return room;
	}

	anyRoom(id: string): DsRoom | undefined {
		return this.state.rooms.find((r) => r.id === id);
	}

	/** Settings a new room starts from: the spec's room example overlaid with the team's default settings. */
	roomDefaults(): Record<string, unknown> {
		const team = Object.fromEntries(
			Object.entries(this.state.settings).filter(([key]) => !TEAM_ONLY_KEYS.includes(key) && key in this.roomTemplate),
		);
		return { ...this.roomTemplate, ...team, breakouts: [] };
	}

	liveSession(room: DsRoom): DsSession | undefined {
		return this.state.sessions.find((s) => s.room_id === room.id && s.end === null);
	}

	isLive(room: DsRoom): boolean {
		return this.liveSession(room) !== undefined;
	}

	roomUrl(room: DsRoom): string {
		return `https://${this.state.team.domain}.digitalsamba.com/${room.friendly_url}`;
	}

	roomJson(room: DsRoom) {
		const roles = room.roleIds.map((id) => this.findRole(id)).filter((r): r is DsRole => r !== undefined);
		const defaultRole = room.defaultRoleId ? this.findRole(room.defaultRoleId) : undefined;
		return {
			id: room.id,
			description: room.description,
			topic: room.description,
			friendly_url: room.friendly_url,
			privacy: room.privacy,
			...room.settings,
			room_url: this.roomUrl(room),
			external_id: room.external_id,
			default_role: defaultRole ? this.roleRef(defaultRole) : null,
			roles: roles.map((r) => ({ ...this.roleRef(r), allow_private_group_chat: room.privateGroupChatRoleIds.includes(r.id) })),
			tags: room.tags,
			webhooks: room.webhookIds,
			library_id: room.library_id,
			files: this.state.files
				.filter((f) => f.library_id === room.library_id && f.status === 'completed')
				.map((f) => ({ id: f.id, name: f.name, url: f.url ?? null, thumbnail_url: null })),
			expires_at: room.expires_at,
			created_at: isoSeconds(room.created),
			updated_at: isoSeconds(room.updated),
		};
	}

	settingsJson() {
		const roles = this.state.defaultRoleIds.map((id) => this.findRole(id)).filter((r): r is DsRole => r !== undefined);
		const defaultRole = this.state.defaultRoleId ? this.findRole(this.state.defaultRoleId) : undefined;
		return {
			...this.state.settings,
			roles: roles.map((r) => ({ ...this.roleRef(r), allow_private_group_chat: false })),
			default_role: defaultRole ? this.roleRef(defaultRole) : null,
		};
	}

	/* ---------------------------------------------- sessions, participants */

	session(id: unknown): DsSession {
		const session = this.state.sessions.find((s) => s.id === id);
		if (!session) throw notFound();
		return session;
	}

	participant(id: unknown): DsParticipant {
		const participant = this.state.participants.find((p) => p.id === id);
		if (!participant) throw notFound();
		return participant;
	}

	participantsOf(session: DsSession): DsParticipant[] {
		return this.state.participants.filter((p) => p.session_id === session.id);
	}

	startSession(room: DsRoom, options: { participants?: number | ParticipantSeed[]; description?: string; start?: number } = {}) {
		if (this.isLive(room)) throw new Error(`room ${room.friendly_url} already has a live session`);
		const start = options.start ?? this.now();
		const session: DsSession = { ...this.stamp(), room_id: room.id, description: options.description ?? room.description, start, end: null };
		this.state.sessions.push(session);
		const seeds = typeof options.participants === 'number' ? Array.from({ length: options.participants }, () => ({})) : (options.participants ?? []);
		const participants = seeds.map((seed) => this.addParticipant(session, { join: start, ...seed }));
		return { session, participants };
	}

	addParticipant(session: DsSession, seed: ParticipantSeed = {}): DsParticipant {
		if (session.end !== null) throw new Error(`session ${session.id} has ended`);
		const n = this.state.participants.length;
		const room = this.anyRoom(session.room_id);
		const defaultRole = room?.defaultRoleId ? this.findRole(room.defaultRoleId)?.name : undefined;
		const participant: DsParticipant = {
			...this.stamp(),
			session_id: session.id,
			room_id: session.room_id,
			external_id: seed.external_id === undefined ? `EXT-${n + 1}` : seed.external_id,
			name: seed.name ?? `${FIRST_NAMES[n % FIRST_NAMES.length]} ${LAST_NAMES[Math.floor(n / FIRST_NAMES.length) % LAST_NAMES.length]}`,
			role: seed.role ?? defaultRole ?? 'attendee',
			join: seed.join ?? this.now(),
			leave: null,
			device: seed.device ?? 'desktop',
			browser_id: randomUUID(),
			hand_raised: false,
		};
		this.state.participants.push(participant);
		return participant;
	}

	endSession(session: DsSession): void {
		if (session.end !== null) return;
		const end = Math.max(this.now(), session.start);
		session.end = end;
		for (const p of this.participantsOf(session)) {
			if (p.leave === null) p.leave = Math.max(end, p.join);
			p.hand_raised = false;
		}
		const room = this.anyRoom(session.room_id);
		if (room?.live.recordingId) this.stopRecording(room);
		if (room) room.live = {};
	}

	minutes(from: number, to: number | null): number {
		return Math.max(0, Math.round(((to ?? this.now()) - from) / 60000));
	}

	sessionJson(session: DsSession) {
		const room = this.anyRoom(session.room_id);
		const participants = this.participantsOf(session);
		return {
			id: session.id,
			start_time: isoMicros(session.start),
			end_time: session.end === null ? null : isoMicros(session.end),
			room_id: session.room_id,
			room_external_id: room?.external_id ?? null,
			description: session.description,
			friendly_url: room?.friendly_url ?? null,
			room_is_deleted: room?.deleted ?? true,
			participants_live: participants.filter((p) => p.leave === null).length,
			participants_total: participants.length,
			participants_max: this.maxConcurrent(participants),
			live: session.end === null,
		};
	}

	maxConcurrent(participants: DsParticipant[]): number {
		const events = participants.flatMap((p) => [
			{ at: p.join, delta: 1 },
			...(p.leave === null ? [] : [{ at: p.leave, delta: -1 }]),
		]);
		events.sort((a, b) => a.at - b.at || a.delta - b.delta);
		let current = 0;
		let max = 0;
		for (const e of events) {
			current += e.delta;
			max = Math.max(max, current);
		}
		return max;
	}

	participantJson(p: DsParticipant) {
		const room = this.anyRoom(p.room_id);
		const sqlTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
		return {
			id: p.id,
			external_id: p.external_id,
			session_id: p.session_id,
			room_id: p.room_id,
			room_external_id: room?.external_id ?? null,
			room_is_deleted: room?.deleted ?? true,
			name: p.name,
			role: p.role,
			friendly_url: room?.friendly_url ?? null,
			join_time: sqlTime(p.join),
			leave_time: p.leave === null ? null : sqlTime(p.leave),
			live: p.leave === null,
		};
	}

	/** Activity counters shared by the statistics answers. */
	activity(filter: { room?: DsRoom; session?: DsSession; participant?: DsParticipant; from?: number; to?: number }) {
		const inRange = (ms: number) => (filter.from === undefined || ms >= filter.from) && (filter.to === undefined || ms <= filter.to);
		const sessions = this.state.sessions.filter(
			(s) => (!filter.room || s.room_id === filter.room.id) && (!filter.session || s.id === filter.session.id) && inRange(s.start),
		);
		const sessionIds = new Set(sessions.map((s) => s.id));
		const participants = this.state.participants.filter((p) => sessionIds.has(p.session_id) && (!filter.participant || p.id === filter.participant.id));
		const byAuthor = <T extends DsAuthor & { session_id: string | null }>(items: T[]) =>
			items.filter((i) => i.session_id !== null && sessionIds.has(i.session_id) && (!filter.participant || i.participant_id === filter.participant.id));
		const minutesBy = (device?: string) =>
			participants.filter((p) => !device || p.device === device).reduce((sum, p) => sum + this.minutes(p.join, p.leave), 0);
		const questions = byAuthor(this.state.questions);
		const answers = this.state.questions
			.filter((q) => q.session_id !== null && sessionIds.has(q.session_id))
			.flatMap((q) => q.answers)
			.filter((a) => !filter.participant || a.participant_id === filter.participant.id);
		const recordings = this.state.recordings.filter((r) => r.session_id !== null && sessionIds.has(r.session_id));
		return {
			sessions,
			participants,
			participation_minutes: minutesBy(),
			desktop_participation_minutes: minutesBy('desktop'),
			mobile_participation_minutes: minutesBy('mobile'),
			tablet_participation_minutes: minutesBy('tablet'),
			smarttv_participation_minutes: minutesBy('smarttv'),
			live_participants: participants.filter((p) => p.leave === null).length,
			active_participants: participants.length,
			desktop_participants: participants.filter((p) => p.device === 'desktop').length,
			mobile_participants: participants.filter((p) => p.device === 'mobile').length,
			tablet_participants: participants.filter((p) => p.device === 'tablet').length,
			smarttv_participants: participants.filter((p) => p.device === 'smarttv').length,
			max_concurrent_participants: this.maxConcurrent(participants),
			recorded_minutes: recordings.reduce((sum, r) => sum + Math.round(r.duration / 60), 0),
			public_chat_posts: byAuthor(this.state.chat).length,
			questions: questions.length,
			answers: answers.length,
			polls: new Set(
				this.state.polls.flatMap((p) => p.votes.filter((v) => v.session_id !== null && sessionIds.has(v.session_id)).map(() => p.id)),
			).size,
			summaries: sessions.filter((s) => s.summary?.status === 'READY').length,
		};
	}

	/* -------------------------------------------------------- recordings */

	/**
	 * What time has finished: a recording announced before its conversion ended is READY at its `readyAt`, a summary
	 * being written is READY with its text at its `readyAt`. Called before each request is answered.
	 */
	advance(): void {
		const t = this.now();
		for (const r of this.state.recordings) {
			if (r.readyAt !== undefined && t >= r.readyAt) {
				r.status = 'READY';
				r.updated = r.readyAt;
				delete r.readyAt;
			}
		}
		for (const session of this.state.sessions) {
			const summary = session.summary;
			if (summary?.readyAt !== undefined && t >= summary.readyAt) {
				session.summary = { job_id: summary.job_id, status: 'READY', summary: summary.pending ?? '' };
			}
		}
	}

	recording(id: unknown): DsRecording {
		const recording = this.state.recordings.find((r) => r.id === id);
		if (!recording) throw notFound();
		return recording;
	}

	startRecording(room: DsRoom): DsRecording | undefined {
		const session = this.liveSession(room);
		if (!session || room.live.recordingId) return undefined;
		const starter = this.participantsOf(session).find((p) => p.leave === null);
		const recording: DsRecording = {
			...this.stamp(),
			room_id: room.id,
			session_id: session.id,
			name: `${room.friendly_url} ${isoSeconds(this.now())}`,
			status: 'IN_PROGRESS',
			archived: false,
			duration: 0,
			participant_id: starter?.id ?? null,
			participant_name: starter?.name ?? null,
			participant_external_id: starter?.external_id ?? null,
			bookmarks: [],
			updated: this.now(),
		};
		this.state.recordings.push(recording);
		room.live.recordingId = recording.id;
		return recording;
	}

	stopRecording(room: DsRoom): void {
		const recording = this.state.recordings.find((r) => r.id === room.live.recordingId);
		delete room.live.recordingId;
		if (!recording) return;
		recording.status = 'READY';
		recording.duration = Math.max(1, Math.round((this.now() - recording.created) / 1000));
		recording.updated = this.now();
	}

	recordingJson(r: DsRecording) {
		const room = this.anyRoom(r.room_id);
		return {
			id: r.id,
			name: r.name,
			duration: r.duration,
			status: r.status,
			room_id: r.room_id,
			external_room_id: room?.external_id ?? null,
			friendly_url: room?.friendly_url ?? null,
			room_is_deleted: room?.deleted ?? true,
			privacy: room?.privacy ?? null,
			session_id: r.session_id,
			participant_id: r.participant_id,
			participant_name: r.participant_name,
			participant_external_id: r.participant_external_id,
			created_at: isoSeconds(r.created),
			updated_at: isoSeconds(r.updated),
		};
	}

	/* ------------------------------------------------------ chat and Q&A */

	authorJson(a: DsAuthor) {
		return { participant_id: a.participant_id, external_participant_id: a.external_participant_id, participant_name: a.participant_name };
	}

	chatJson(m: DsChatMessage) {
		return {
			id: m.id,
			message: m.message,
			...this.authorJson(m),
			...(m.breakout_id ? { breakout_id: m.breakout_id } : {}),
			created_at: isoMicros(m.created),
		};
	}

	questionJson(q: DsQuestion) {
		return {
			id: q.id,
			question: q.question,
			...this.authorJson(q),
			created_at: isoMicros(q.created),
			answers: q.answers.map((a) => ({ id: a.id, answer: a.answer, ...this.authorJson(a), created_at: isoMicros(a.created) })),
		};
	}

	/* ---------------------------------------------------- polls, quizzes */

	pollJson(p: DsPoll, withOptions: boolean) {
		return {
			id: p.id,
			question: p.question,
			type: p.type,
			status: p.status,
			multiple: p.multiple,
			anonymous: p.anonymous,
			...(withOptions ? { options: p.options } : {}),
			created_at: isoSeconds(p.created),
		};
	}

	/** One entry per session in which the poll collected votes. */
	pollResults(p: DsPoll, sessionId: string | null) {
		const sessions = [...new Set(p.votes.map((v) => v.session_id))].filter((s) => sessionId === null || s === sessionId);
		return sessions.map((session) => {
			const votes = p.votes.filter((v) => v.session_id === session);
			const times = votes.map((v) => v.at);
			return {
				id: `${p.id.slice(0, 24)}${(session ?? '000000000000').slice(-12)}`,
				session_id: session,
				question: p.question,
				status: 'ended',
				started: isoSeconds(Math.min(...times)),
				ended: isoSeconds(Math.max(...times)),
				votes: new Set(votes.map((v) => v.participant_id)).size,
				options: p.options.map((o) => {
					const voters = votes.filter((v) => v.option_id === o.id);
					return {
						id: o.id,
						text: o.text,
						voted: voters.length,
						...(voters.length && !p.anonymous ? { voters: voters.map((v) => ({ id: v.participant_id, name: v.participant_name })) } : {}),
					};
				}),
			};
		});
	}

	quizJson(q: DsQuiz, withQuestions: boolean) {
		return {
			id: q.id,
			title: q.title,
			time_limit_minutes: q.time_limit_minutes,
			...(q.timing_mode ? { timing_mode: q.timing_mode } : {}),
			...(q.time_limit_seconds !== null ? { time_limit_seconds: q.time_limit_seconds } : {}),
			...(q.passing_score !== null ? { passing_score: q.passing_score } : {}),
			status: q.status,
			...(withQuestions ? { questions: q.questions } : {}),
			created_at: isoSeconds(q.created),
		};
	}

	/* -------------------------------------------------------- libraries */

	library(id: unknown): DsLibrary {
		const library = this.state.libraries.find((l) => l.id === id);
		if (!library) throw notFound();
		return library;
	}

	libraryJson(l: DsLibrary) {
		return { id: l.id, external_id: l.external_id, name: l.name, created_at: isoSeconds(l.created) };
	}

	folderJson(f: DsFolder) {
		return { id: f.id, name: f.name, parent_id: f.parent_id, created_at: isoSeconds(f.created) };
	}

	fileJson(f: DsFile) {
		return {
			id: f.id,
			folder_id: f.folder_id,
			name: f.name,
			type: f.type,
			size: f.size,
			...(f.url ? { url: f.url } : {}),
			source: 'api',
			status: f.status,
			created_at: isoSeconds(f.created),
		};
	}

	/* --------------------------------------------------------- webhooks */

	webhookJson(w: DsWebhook, withEvents: boolean) {
		return {
			id: w.id,
			endpoint: w.endpoint,
			authorization_header: w.authorization_header,
			name: w.name,
			...(withEvents ? { events: w.events } : {}),
			created_at: isoSeconds(w.created),
			updated_at: isoSeconds(w.updated),
		};
	}
}
