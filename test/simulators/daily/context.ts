import { randomUUID } from 'crypto';
import type { SimRequest, SimResponse } from '../http';
import type { DailyOperation } from './spec';

/** Daily's error body: `{error, info}` (reference/providers.md §1.1). */
export const error = (status: number, type: string, info?: string): SimResponse => ({
	status,
	body: info === undefined ? { error: type } : { error: type, info },
});
export const ok = (body: unknown): SimResponse => ({ status: 200, body });
export const invalid = (info: string) => error(400, 'invalid-request-error', info);
export const notFound = (what: string) => error(404, 'not-found', `${what} not found`);

export interface Room {
	id: string;
	name: string;
	api_created: boolean;
	privacy: 'public' | 'private';
	url: string;
	created_at: string;
	config: Record<string, unknown>;
}

export interface Webhook {
	uuid: string;
	url: string;
	hmac: string;
	/** Absent unless set: the spec types it a (non-nullable) string. */
	basicAuth?: string;
	retryType: 'circuit-breaker' | 'exponential';
	eventTypes: string[];
	state: 'ACTIVE' | 'FAILED';
	failedCount: number;
	lastMomentPushed?: string;
	domainId: string;
	createdAt: string;
	updatedAt: string;
}

export interface Recording {
	id: string;
	room_name: string;
	start_ts: number;
	status: string;
	max_participants: number;
	/** "Not returned for recordings that are in-progress" (the spec). */
	duration?: number;
	share_token: string;
	s3key: string;
	mtgSessionId: string;
	tracks: Array<{ size: number; type: string; s3key: string }>;
}

/** The recording types of the spec (start's `type`, the ready-to-download event's `type`). */
export type RecordingType = 'cloud' | 'cloud-audio-only' | 'raw-tracks';

/** The spec's `recordings_bucket` (a room or domain property): the customer's own S3 bucket. */
export interface RecordingsBucket {
	bucket_name: string;
	bucket_region: string;
	assume_role_arn?: string;
	allow_api_access?: boolean;
	allow_streaming_from_bucket?: boolean;
}

/**
 * Where a recording's file is, which Daily keeps to itself (no field of the recording says it): its type, and the
 * customer's bucket when the room or domain named one (recordings_bucket) as it was recorded.
 */
export interface RecordingFile {
	type: RecordingType;
	bucket?: RecordingsBucket;
}

export interface Transcript {
	transcriptId: string;
	domainId: string;
	roomId: string;
	mtgSessionId: string;
	status: string;
	isVttAvailable: boolean;
	duration: number;
	created_at: string;
	updated_at: string;
}

export interface Meeting {
	id: string;
	room: string;
	start_time: number;
	duration: number;
	ongoing: boolean;
	max_participants: number;
	/**
	 * The spec's meeting_participants-get-res fields. `duration` null: still in a running meeting (the spec's example
	 * shows only ended ones; the node also reads an absent duration as still connected).
	 */
	participants: Array<{ user_id: string | null; participant_id: string; user_name: string | null; join_time: number; duration: number | null }>;
}

/** What an active room-level job (recording, live stream, transcription, dial-out) looks like here. */
export interface RoomJob {
	kind: 'recording' | 'live-streaming' | 'transcription' | 'dialOut';
	room: string;
	instanceId: string;
	type?: string;
	sessionId?: string;
}

/** Everything the simulator holds; lists are newest first where Daily pages newest first. */
export interface DailyState {
	domain: string;
	domainId: string;
	apiKey: string;
	domainConfig: Record<string, unknown>;
	rooms: Room[];
	tokens: Map<string, Record<string, unknown>>;
	recordings: Recording[];
	/** Per recording ID: its type and bucket (see RecordingFile). */
	recordingFiles: Map<string, RecordingFile>;
	/** The simulator's own address (`http://127.0.0.1:<port>`): access links point at its storage, /storage/<bucket>/<s3key>. */
	origin: string;
	/** Signs the access links (as S3 signs presigned URLs). */
	storageSecret: string;
	/** The size of every recording's file in bytes (large-download tests); default a short text naming the recording. */
	recordingBytes?: number;
	transcripts: Transcript[];
	meetings: Meeting[];
	jobs: RoomJob[];
	sessionData: Map<string, Record<string, unknown>>;
	webhooks: Webhook[];
	issuedSecrets: Set<string>;
	dialinConfigs: Array<{ id: string; type: string; config: Record<string, unknown> }>;
	phoneNumbers: Array<{ id: string; number: string; name: string; type: string; pagination_id: number; created_date: string; updated_date: string }>;
	/**
	 * Small files behind links this simulator hands out (a transcript's WebVTT, a batch job's outputs), served at
	 * `/storage/text/<token>`: the token (random) is the link's signature.
	 */
	textFiles: Map<string, { body: string; type: string }>;
	/**
	 * When a recording's or transcript's access link starts to work (ms since the epoch), for an artefact announced
	 * before its link works: until then its access link answers 404. How Daily answers then is undocumented.
	 */
	linkReadyAt: Map<string, number>;
	/** Each transcript's WebVTT file, by transcript ID. */
	transcriptFiles: Map<string, string>;
	batchJobs: Array<{ id: string; preset: string; status: string; input: Record<string, unknown>; output: Record<string, unknown>; created: number }>;
	sipTrunks: Array<Record<string, any> & { id: string; trunk_name: string }>;
	sipClients: Array<{ username: string; password: string; sip_uri: string; expires_at: string | null; created_at: string }>;
	apiLogs: Array<Record<string, unknown>>;
	/** Max SIP clients (2000 by default, docs guide); tests lower it. */
	sipClientLimit: number;
	nextPaginationId: number;
}

/** What a route handler gets. */
export interface Ctx {
	req: SimRequest;
	params: Record<string, string>;
	query: URLSearchParams;
	/** The JSON body; `{}` when none was sent. */
	body: any;
	op: DailyOperation;
	state: DailyState;
	/** POSTs to a URL (webhook ping, SIP trunk probe); the status, or 0 on failure. */
	post(url: string, body: string, headers?: Record<string, string>): Promise<number>;
}

export type RouteHandler = (ctx: Ctx) => SimResponse | Promise<SimResponse>;
/** Routes by spec key (`POST /rooms/{room_name}`). */
export type RouteTable = Record<string, RouteHandler>;

export const newId = () => randomUUID();
export const isoNow = () => new Date().toISOString();
export const unixNow = () => Math.floor(Date.now() / 1000);

export const PAGE_MAX = 100;

/**
 * Daily's cursor pages over a newest-first list (reference/providers.md §1.1): `limit` (max and default 100),
 * `starting_after=<id>` (older than), `ending_before=<id>` (newer than; `OLDEST` for the oldest page).
 * `{total_count, data}`, total_count counting the whole list.
 */
export function cursorPage<T>(all: T[], query: URLSearchParams, idOf: (item: T) => string, max = PAGE_MAX, fallback = max) {
	const limit = Math.min(Number(query.get('limit') ?? fallback) || fallback, max);
	const after = query.get('starting_after');
	const before = query.get('ending_before');
	let slice: T[];
	if (after) {
		const i = all.findIndex((e) => idOf(e) === after);
		slice = all.slice(i + 1, i + 1 + limit);
	} else if (before) {
		const i = before === 'OLDEST' ? all.length : all.findIndex((e) => idOf(e) === before);
		slice = all.slice(Math.max(0, i - limit), Math.max(0, i));
	} else slice = all.slice(0, limit);
	return { total_count: all.length, data: slice };
}

/**
 * A config with `properties` merged in. A property sent as null or "" is taken back to Daily's default (removed, as
 * GET shows only what is set): the contract lets through only the documented resets (the overlay's `resets`).
 */
export function mergedConfig(config: Record<string, unknown>, properties: Record<string, unknown> = {}): Record<string, unknown> {
	const merged = { ...config };
	for (const [key, value] of Object.entries(properties)) {
		if (value === null || value === '') delete merged[key];
		else merged[key] = value;
	}
	return merged;
}

export const findRoom = (state: DailyState, name: string) => state.rooms.find((r) => r.name === name);
