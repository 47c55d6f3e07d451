import { z, type ZodType, type ZodTypeDef } from 'zod';
import { collection, type CollectionSpec, type FieldSpec, type Reset, withResets } from '../shared/parameters/fields';
import { TIME_HINT, timeValue } from '../shared/formats/time';

/*
 * Every room setting of POST /rooms in the OpenAPI contract, typed from its rules. PATCH /rooms/{room}
 * and PATCH / (team defaults) accept subsets of them; the name lists below say which.
 */

type Options = Array<[string, string]>;

/*
 * A setting the user adds starts unset and is sent only once chosen: the room or team keeps its own value until then.
 * (A toggle would start at false and a number at its minimum, silently changing a default the user never touched.)
 */
const flag = (name: string, displayName: string, description: string): FieldSpec => ({
	displayName, name, type: 'optionalBoolean', default: '', description,
});

const choice = (name: string, displayName: string, options: Options, description: string): FieldSpec => ({
	displayName, name, type: 'options', default: '', options, description,
});

/** Text with the minimum and maximum length the API enforces. */
const text = (name: string, displayName: string, description: string, min?: number, max?: number): FieldSpec => ({
	displayName, name, type: 'string', default: '', description,
	...(max !== undefined ? { maxLength: max } : {}),
	...(min !== undefined ? { pattern: { regex: new RegExp(`^[\\s\\S]{${min},}$`), message: `must be at least ${min} characters` } } : {}),
});

const count = (name: string, displayName: string, description: string, min: number, max?: number): FieldSpec => ({
	displayName, name, type: 'number', default: '', integer: true, min, ...(max !== undefined ? { max } : {}), description,
});

const list = (name: string, displayName: string, description: string): FieldSpec => ({
	displayName, name, type: 'stringList', default: '', description,
});

const LAYOUT_MODES: Options = [['auto', 'Auto'], ['tiled', 'Tiled']];

/** Every interface language the API returns in a room's `languages` (the spec's room example lists 18). */
const ALL_LANGUAGES: Options = [
	['ar-SA', 'Arabic'], ['bg-BG', 'Bulgarian'], ['ca-ES', 'Catalan'], ['zh-CN', 'Chinese (Simplified)'],
	['zh-TW', 'Chinese (Traditional)'], ['da-DK', 'Danish'], ['nl-NL', 'Dutch'], ['en', 'English'], ['fi-FI', 'Finnish'],
	['fr-FR', 'French'], ['de-DE', 'German'], ['it-IT', 'Italian'], ['nb-NO', 'Norwegian (Bokmål)'], ['pt-PT', 'Portuguese'],
	['ro-RO', 'Romanian'], ['es-ES', 'Spanish'], ['sv-SE', 'Swedish'], ['tr-TR', 'Turkish'],
];
const languages = (...codes: string[]): Options => ALL_LANGUAGES.filter(([code]) => codes.includes(code));

/** A room's default language: "Must be one of" the 10 codes of POST /rooms and PATCH /rooms/{room}. */
const UI_LANGUAGES = languages('ar-SA', 'en', 'es-ES', 'de-DE', 'it-IT', 'nl-NL', 'pt-PT', 'ro-RO', 'zh-CN', 'zh-TW');
/** The team's default language (PATCH /) allows two more: ca-ES and nb-NO. */
const TEAM_UI_LANGUAGES = languages('ar-SA', 'ca-ES', 'en', 'es-ES', 'de-DE', 'it-IT', 'nb-NO', 'nl-NL', 'pt-PT', 'ro-RO', 'zh-CN', 'zh-TW');

const CAPTION_LANGUAGES: Options = [
	['bg', 'Bulgarian'], ['ca', 'Catalan'], ['da', 'Danish'], ['nl', 'Dutch'], ['en', 'English'], ['fi', 'Finnish'],
	['fr', 'French'], ['de', 'German'], ['it', 'Italian'], ['pt', 'Portuguese'], ['ro', 'Romanian'], ['es', 'Spanish'],
	['sv', 'Swedish'], ['tr', 'Turkish'],
];

/**
 * expires_at wants "YYYY-MM-DD hh:mm:ss" (UTC) in the future; any time input is turned into that form. A date typed
 * without a zone, in that form too, is read in the workflow's time zone like every other time field.
 */
const expiresAt = timeValue().transform((time, ctx) => {
	if (time.toMillis() <= Date.now()) {
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be in the future (got ${time.toUTC().toISO()})` });
		return z.NEVER;
	}
	return time.toUTC().toFormat('yyyy-MM-dd HH:mm:ss');
});

export const ROOM_SETTING_FIELDS: FieldSpec[] = [
	text('description', 'Description', 'A description of the room, 3 to 500 characters', 3, 500),
	{
		...text('friendly_url', 'Friendly URL', 'The readable part of the room link, used instead of the room ID; unique, 3 to 32 characters', 3, 32),
		placeholder: 'e.g. weekly-standup',
	},
	choice('privacy', 'Privacy', [['private', 'Private'], ['public', 'Public']], 'Public rooms can be joined with the room link; private rooms need a link that carries a valid token'),
	text('external_id', 'External ID', 'Your own ID for the room, for integration on your side'),
	{ ...text('default_role', 'Default Role Name or ID', 'Role given to participants who join without a token, or with a token that names no role. Role names are accepted as IDs. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.'), type: 'options', loadOptions: 'getRoles' },
	{ ...list('roles', 'Role Names or IDs', 'Roles available in the room, in the order the Participants panel shows them. Role names are accepted as IDs. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.'), type: 'multiOptions', default: [], loadOptions: 'getRoles' },
	list('webhooks', 'Webhooks', 'Comma-separated webhook IDs that apply to this room; when not set, all team webhooks apply'),
	list('tags', 'Tags', 'Comma-separated tags for the room, e.g. to find or delete rooms by tag'),
	flag('is_locked', 'Locked', 'Whether joining needs to be accepted by a moderator; single-role rooms cannot be locked on join'),
	flag('is_audio_only', 'Audio Only', 'Whether the room is audio only: cameras, HD video and virtual backgrounds are disabled'),
	flag('topbar_enabled', 'Top Bar', 'Whether the room shows a top bar'),
	flag('pip_enabled', 'Picture in Picture', 'Whether participants can pop the video and audio tiles out into their own window (Chrome desktop, not when embedded)'),
	flag('auto_pip_enabled', 'Auto Picture in Picture', 'Whether Picture in Picture opens by itself when a participant switches away from the tab or app'),
	flag('toolbar_enabled', 'Toolbar', 'Whether the room shows a toolbar'),
	choice('toolbar_position', 'Toolbar Position', [['bottom', 'Bottom'], ['left', 'Left'], ['right', 'Right']], 'Where the toolbar sits on desktop devices'),
	choice('video_tile_layout_mode', 'Video Tile Layout', [['bottom', 'Bottom'], ['top', 'Top']], 'Where the name and status icons appear on video tiles: Top centers the name at the top, Bottom puts it bottom left'),
	{ displayName: 'Toolbar Color', name: 'toolbar_color', type: 'color', default: '', description: 'Background color of the toolbar, as a hex code such as #000000' },
	{ displayName: 'Primary Color', name: 'primary_color', type: 'color', default: '', description: 'Color of buttons and other interactive elements, as a hex code such as #3771E0' },
	{ displayName: 'Background Color', name: 'background_color', type: 'color', default: '', description: 'Background color of the room, as a hex code such as #000000' },
	choice('palette_mode', 'Palette Mode', [['dark', 'Dark'], ['light', 'Light']], 'Appearance of panels, dialogs and the join screen'),
	choice('language', 'Language', UI_LANGUAGES, 'Default language of the room interface'),
	{ displayName: 'Languages', name: 'languages', type: 'multiOptions', default: [], options: ALL_LANGUAGES, description: 'Languages participants can choose from' },
	flag('language_selection_enabled', 'Language Selection', 'Whether each participant can choose the interface language'),
	flag('room_reactions_enabled', 'Room Reactions', 'Whether participants can use emoji reactions'),
	flag('audio_on_join_enabled', 'Audio on Join', 'Whether microphones are on when participants join (off means they join muted)'),
	flag('video_on_join_enabled', 'Video on Join', 'Whether cameras are on when participants join'),
	flag('hd_video_on_join_enabled', 'HD Video on Join', 'Whether participants stream in HD from the start; needs more upload bandwidth'),
	choice('hd_video_quality', 'HD Video Quality', [['1080_2.5', '1080p at 2.5 Mbps'], ['1080_5.5', '1080p at 5.5 Mbps'], ['720_1.5', '720p at 1.5 Mbps'], ['720_2.5', '720p at 2.5 Mbps']], 'Resolution and bitrate of HD video'),
	choice('audio_quality', 'Audio Quality', [['128', '128 Kbps'], ['256', '256 Kbps'], ['32', '32 Kbps'], ['64', '64 Kbps']], 'Audio bitrate'),
	flag('audio_autogain_enabled', 'Audio Autogain', 'Whether microphone levels are adjusted automatically'),
	flag('audio_noise_suppression_enabled', 'Noise Suppression', 'Whether background noise is reduced'),
	flag('audio_echo_cancellation_enabled', 'Echo Cancellation', 'Whether echo and feedback are removed'),
	flag('mute_sound_enabled', 'Mute Room Sound', 'Whether participants can mute the room sound on their side'),
	flag('participants_list_enabled', 'Participants List', 'Whether participants can open the Participants panel'),
	flag('pin_enabled', 'Pin', 'Whether participants can pin a participant to enlarge and keep watching them'),
	flag('full_screen_enabled', 'Full Screen', 'Whether participants can expand a tile to full screen (not in Auto layout)'),
	flag('minimize_own_tile_enabled', 'Minimize Own Tile', 'Whether participants can minimize and restore their own tile in tiled layout'),
	flag('minimize_own_tile_on_join_enabled', 'Minimize Own Tile on Join', 'Whether participants join with their own tile minimized'),
	choice('broadcaster_tile_visibility', 'Broadcaster Tile Visibility', [['all', 'All'], ['cam', 'Camera On'], ['cam_mic', 'Camera or Microphone On']], 'When tiles showing a broadcaster\'s initials are visible, depending on camera and microphone state'),
	flag('end_session_enabled', 'End Session Button', 'Whether the toolbar has an End Session button'),
	flag('leave_session_enabled', 'Leave Session Button', 'Whether the toolbar has a Leave Session button'),
	flag('rejoin_session_enabled', 'Rejoin Link', 'Whether a Rejoin link is shown after leaving, instead of only "You have left the session"'),
	flag('connection_message_enabled', 'Connection Message', 'Whether a notification is shown when a participant\'s connection is weak'),
	flag('connection_quality_indicator_enabled', 'Connection Quality Indicator', 'Whether participants see their own connection quality indicator'),
	flag('video_fit_mode_enabled', 'Video Fit Mode', 'Whether videos are shown whole, without cropping; participants can change it for their own view'),
	flag('pin_panels_enabled', 'Pin Panels', 'Whether roles with the permission can pin panels for everyone'),
	flag('breakout_rooms_enabled', 'Breakout Rooms', 'Whether hosts can split participants into smaller rooms; incompatible with end-to-end encryption'),
	list('breakouts', 'Breakouts', 'Comma-separated breakout room IDs or names to prepare for the meeting'),
	flag('breakout_free_movement_enabled', 'Breakout Free Movement', 'Whether everyone can move between breakout rooms on their own'),
	flag('breakout_return_to_main_room_enabled', 'Breakout Return to Main Room', 'Whether participants can return to the main room from a breakout room'),
	flag('breakout_timer_enabled', 'Breakout Timer', 'Whether breakout rooms show a countdown timer'),
	count('breakout_timer_duration', 'Breakout Timer Duration', 'How long breakout rooms run: the countdown shown, and when they close if Breakout End on Timer is on', 1),
	flag('breakout_end_on_timer', 'Breakout End on Timer', 'Whether breakout rooms close when the timer runs out, returning everyone to the main room'),
	flag('chat_enabled', 'Chat', 'Whether participants can post and read in the public chat'),
	flag('private_chat_enabled', 'Private Chat', 'Whether participants can chat one to one'),
	flag('private_group_chat_enabled', 'Private Group Chat', 'Whether private group chats are available'),
	text('private_group_chat_name', 'Private Group Chat Name', 'Name shown for the private group chat, at least 3 characters', 3),
	flag('chat_persistence_enabled', 'Chat Persistence', 'Whether public chat messages of earlier sessions are kept and shown again when the room reopens'),
	flag('chat_reactions_enabled', 'Chat Reactions', 'Whether participants can react to chat messages with emojis'),
	flag('chat_reactions_extended_enabled', 'Extended Chat Reactions', 'Whether a larger set of emojis is available for chat reactions'),
	list('private_group_chat_roles', 'Private Group Chat Roles', 'Comma-separated role IDs or names that take part in the private group chat'),
	flag('e2ee_enabled', 'End-to-End Encryption', 'Whether names, chat, audio, video and shared screens are encrypted with keys only the participants hold'),
	flag('e2ee_badge_enabled', 'Encryption Badge', 'Whether the meeting shows an end-to-end encryption badge (the status stays in Settings otherwise)'),
	flag('layout_mode_switch_enabled', 'Layout Mode Switch', 'Whether participants see the layout mode switcher'),
	flag('simple_notifications_enabled', 'Simple Notifications', 'Whether participants get unobtrusive notices when others join and leave'),
	flag('join_screen_enabled', 'Join Screen', 'Whether participants can test speakers, camera and microphone before joining'),
	flag('screenshare_enabled', 'Screen Sharing', 'Whether participants can share their screen (not on mobile)'),
	flag('recordings_enabled', 'Recordings', 'Whether participants can record sessions'),
	choice('recordings_layout_mode', 'Recordings Layout', LAYOUT_MODES, 'Layout of recordings: Auto highlights the speaker or shared content, Tiled shows a grid'),
	flag('hide_tiles_in_recordings_enabled', 'Hide Tiles in Recordings', 'Whether recordings capture only audio and shared screens (blank when nothing is shared)'),
	flag('recording_logo_enabled', 'Recording Logo', 'Whether the logo is shown in recordings'),
	flag('participant_names_in_recordings_enabled', 'Participant Names in Recordings', 'Whether recordings show name badges on tiles'),
	flag('recording_autostart_enabled', 'Recording Autostart', 'Whether recording starts when the first participant joins'),
	flag('recording_bookmarks_enabled', 'Recording Bookmarks', 'Whether bookmarks can be added during a recording to mark important moments'),
	flag('recording_breakout_autostart_enabled', 'Breakout Recording Autostart', 'Whether breakout rooms start recording when their first participant joins'),
	flag('recording_consent_message_enabled', 'Recording Consent Message', 'Whether whoever starts a recording is reminded that everyone\'s consent may be legally required'),
	flag('captions_in_recordings_enabled', 'Captions in Recordings', 'Whether transcriptions appear as subtitles in recordings'),
	flag('restream_enabled', 'Restreaming', 'Whether participants can restream the meeting live to YouTube, Vimeo, Cloudflare or a custom server'),
	choice('restream_type', 'Restream Type', [['cloudflare', 'Cloudflare'], ['custom', 'Custom'], ['vimeo', 'Vimeo'], ['youtube', 'YouTube']], 'The restreaming platform'),
	{ displayName: 'Restream Key', name: 'restream_key', type: 'string', default: '', typeOptions: { password: true }, description: 'The stream key that authenticates the restream' },
	text('restream_url', 'Restream URL', 'Server URL of a custom restreamer, e.g. rtmps://your-rtmp-server.com/live'),
	choice('restream_layout_mode', 'Restream Layout', LAYOUT_MODES, 'Layout of the restream: Auto magnifies the speaker, Tiled shows a grid; both magnify shared content'),
	flag('hide_tiles_in_restream_enabled', 'Hide Tiles in Restream', 'Whether the restream leaves out video tiles, keeping audio, screens and shared content'),
	flag('restream_logo_enabled', 'Restream Logo', 'Whether the logo is shown in the restream'),
	flag('restream_autostart_enabled', 'Restream Autostart', 'Whether restreaming starts when the first participant joins'),
	flag('participant_names_in_restream_enabled', 'Participant Names in Restream', 'Whether the restream shows name badges on tiles'),
	flag('restream_consent_message_enabled', 'Restream Consent Message', 'Whether whoever starts a restream is reminded that everyone\'s consent may be legally required'),
	flag('logo_enabled', 'Logo', 'Whether the logo is shown in the room'),
	text('custom_logo', 'Custom Logo', 'A logo for the room and its recordings: an image URL or a base64-encoded file'),
	text('application_logo', 'Application Logo', 'A logo for the join page: an image URL or a base64-encoded file'),
	flag('virtual_backgrounds_enabled', 'Virtual Backgrounds', 'Whether desktop participants can use virtual backgrounds'),
	flag('virtual_backgrounds_v2_enabled', 'Virtual Backgrounds V2', 'Whether the new virtual background engine is used'),
	flag('raise_hand_enabled', 'Raise Hand', 'Whether participants can raise a hand to take turns speaking'),
	flag('invite_participants_enabled', 'Invite Participants', 'Whether users allowed to invite see an Invite People button in the Participants panel'),
	flag('invite_participants_advanced_enabled', 'Advanced Invite', 'Whether the Invite People panel (copyable links, in-app actions) is shown by default to users who can invite'),
	flag('whiteboard_enabled', 'Whiteboard', 'Whether the room has a whiteboard for participants with the edit whiteboard permission; not compatible with E2EE'),
	flag('qa_enabled', 'Q&A', 'Whether participants can post questions; answering and moderating need permissions'),
	choice('qa_default_filter', 'Q&A Default Filter', [['all', 'All'], ['answered', 'Answered'], ['open', 'Open']], 'The filter the Q&A panel opens with'),
	flag('upvote_qa_enabled', 'Upvote Q&A', 'Whether participants with the permission can upvote questions, so moderators see what interests most'),
	flag('shared_notes_enabled', 'Shared Notes', 'Whether participants get a shared notes panel to write and review notes together'),
	flag('polls_enabled', 'Polls', 'Whether participants with the manage polls permission can create and launch polls'),
	flag('consent_message_enabled', 'Consent Message', 'Whether participants are told that joining means consenting to the processing of their personal data'),
	choice('consent_message_type', 'Consent Message Type', [['custom', 'Custom'], ['generic', 'Generic']], 'Whether the consent message is the generic one or your own'),
	{ ...text('consent_message', 'Consent Message', 'Your own consent text; links are written as [link https://example.com]text[/link]'), typeOptions: { rows: 3 } },
	text('checkbox_message', 'Checkbox Message', 'Your own label for the "don\'t show this again" checkbox'),
	choice('layout_mode_on_join', 'Layout Mode on Join', LAYOUT_MODES, 'Layout participants start with: Auto highlights the speaker or shared content, Tiled shows a grid'),
	count('max_participants', 'Max Participants', 'Most participants in the room at once: at least 2, up to what your plan allows (2000 at most)', 2, 2000),
	count('max_broadcasters', 'Max Broadcasters', 'Most broadcasters at once, at least 1; limited by Max Participants', 1),
	count('session_length', 'Session Length (Minutes)', 'Minutes after which a session ends by itself, 1 to 1440; unlimited when not set', 1, 1440),
	text('html_title', 'HTML Title', 'Title on the browser tab when the room is not embedded, 3 to 255 characters', 3, 255),
	{ ...text('lobby_message', 'Lobby Message', 'Instructions participants read while waiting in the lobby, 3 to 1000 characters', 3, 1000), typeOptions: { rows: 3 } },
	flag('lobby_sound_enabled', 'Lobby Sound', 'Whether a sound plays when someone enters the lobby'),
	flag('content_library_enabled', 'Content Library', 'Whether participants with permission can present files, images and slides from the content library'),
	choice('default_content_library', 'Default Content Library', [['personal', 'Personal'], ['room', 'Room']], 'The library tab selected when the library opens'),
	text('library_id', 'Library ID', 'The ID (UUID) of a content library to connect to the room'),
	flag('transcription_enabled', 'Transcription', 'Whether speech is transcribed to text; incompatible with E2EE'),
	flag('transcription_auto_start_enabled', 'Transcription Autostart', 'Whether transcription starts when the first participant joins'),
	flag('transcription_store_enabled', 'Store Transcripts', 'Whether transcripts and summaries are stored'),
	flag('captions_enabled', 'Captions', 'Whether participants can turn captions on and off for themselves'),
	choice('captions_language', 'Captions Language', CAPTION_LANGUAGES, 'The spoken language that transcription expects by default'),
	flag('whip_enabled', 'WHIP', 'Whether live video from tools such as OBS, vMix or FFmpeg can be injected with WHIP (WebRTC-HTTP Ingestion Protocol)'),
	flag('telephony_enabled', 'Telephony', 'Whether phone (PSTN/SIP) participants can dial in'),
	text('telephony_phone_number', 'Telephony Phone Number', 'The PSTN/SIP number the communication server dials into the conference bridge with'),
	{
		displayName: 'Telephony PIN DTMF', name: 'telephony_pin_dtmf', type: 'string', default: '', typeOptions: { password: true },
		description: 'The PIN as DTMF digits; W pauses one second and w half a second, e.g. 123W1www2',
	},
	flag('watermark_enabled', 'Watermark', 'Whether a repeated text watermark covers the screen to discourage unauthorized recording'),
	text('watermark_text', 'Watermark Text', 'The watermark text, 3 to 150 characters', 3, 150),
	{
		displayName: 'Expires At', name: 'expires_at', type: 'isoTime', default: '', zod: expiresAt,
		description: `When the room is deleted automatically (sent as YYYY-MM-DD hh:mm:ss, UTC); ${TIME_HINT}, in the future`,
	},
];

/** Team-only settings of PATCH / (the team's room defaults). */
const TEAM_SETTING_FIELDS: FieldSpec[] = [
	{
		displayName: 'Domain', name: 'domain', type: 'string', default: '',
		description: 'The team subdomain (DOMAIN.digitalsamba.com): 3 to 32 letters, digits, dashes or underscores',
		pattern: {
			regex: /^(?!(?:docs|api|dev-api|staging-api|you|dashboard)$)[A-Za-z0-9_-]{3,32}$/,
			message: 'must be 3 to 32 letters, digits, dashes or underscores, and not docs, api, dev-api, staging-api, you or dashboard',
		},
	},
	text('favicon', 'Favicon', 'A favicon for rooms: an image URL or a base64-encoded file'),
];

/** In POST /rooms but not in PATCH /rooms/{room}. */
const CREATE_ONLY = ['tags', 'languages'];

/** Room-specific settings that the team defaults (PATCH /) do not have. */
const ROOM_ONLY = [
	'description', 'friendly_url', 'privacy', 'external_id', 'webhooks', 'tags', 'is_audio_only', 'broadcaster_tile_visibility',
	'breakout_rooms_enabled', 'breakouts', 'breakout_free_movement_enabled', 'breakout_return_to_main_room_enabled',
	'breakout_timer_enabled', 'breakout_timer_duration', 'breakout_end_on_timer', 'restream_enabled', 'restream_type',
	'restream_key', 'restream_url', 'restream_layout_mode', 'hide_tiles_in_restream_enabled', 'restream_logo_enabled',
	'restream_autostart_enabled', 'participant_names_in_restream_enabled', 'restream_consent_message_enabled',
	'max_participants', 'max_broadcasters', 'whip_enabled', 'telephony_enabled', 'telephony_phone_number',
	'telephony_pin_dtmf', 'expires_at',
];

const without = (names: string[]) => ROOM_SETTING_FIELDS.filter((f) => !names.includes(f.name));

/** A settings collection that must hold at least one setting: an update with none is a mistake, not a no-op. */
export function nonEmpty<N extends string, V>(c: CollectionSpec<N, V>): CollectionSpec<N, V> & { schema: ZodType<V, ZodTypeDef, unknown> } {
	return {
		...c,
		schema: c.schema.refine((s): s is V => s !== undefined && Object.keys(s as object).length > 0, 'add at least one setting to change'),
	};
}

/** Settings for a new room (Privacy is a parameter of its own). */
export const createRoomSettings = () =>
	collection('settings', 'Settings', without(['privacy']), 'Add Setting');

/**
 * The settings Digital Samba documents a way back to its default for (test/fixtures/digitalsamba-openapi-overlay.json
 * `resets` records the same, so the simulator accepts exactly these).
 */
export const ROOM_SETTING_RESETS: Reset[] = [
	// The spec: "Empty value means Unlimited." Sent as null, which Laravel (the spec's source) reads as it reads "".
	{ property: 'session_length', label: 'Session Length', value: null, source: 'digitalsamba-openapi.yaml PATCH /api/v1/rooms/{room} and PATCH /api/v1' },
];

/** Settings that PATCH /rooms/{room} accepts. */
export const updateRoomSettings = () =>
	withResets(collection('settings', 'Settings', without(CREATE_ONLY), 'Add Setting'), ROOM_SETTING_RESETS);

/**
 * Settings of a booked room (Scheduled Meeting → Create or Get): those PATCH /rooms/{room} also accepts, so a later
 * run with the same External ID can set each of them on the room again; tags and languages (POST /rooms only) are
 * not offered. Privacy is a parameter of its own; the friendly URL and external ID are the booking's.
 */
export const bookingRoomSettings = () =>
	collection('settings', 'Room Settings', without([...CREATE_ONLY, 'privacy', 'friendly_url', 'external_id']), 'Add Setting');

/** Where PATCH / differs from the room's rules: two more languages, a shorter watermark. */
const TEAM_RULES: Record<string, FieldSpec> = {
	language: choice('language', 'Language', TEAM_UI_LANGUAGES, 'Default language of the room interface'),
	watermark_text: text('watermark_text', 'Watermark Text', 'The watermark text, 3 to 50 characters: Latin letters, digits and basic punctuation', 3, 50),
};

/** Settings that PATCH / accepts: the room defaults plus the team's domain and favicon. */
export const defaultRoomSettingFields = () =>
	withResets(collection('settings', 'Settings', [...without(ROOM_ONLY).map((f) => TEAM_RULES[f.name] ?? f), ...TEAM_SETTING_FIELDS], 'Add Setting'), ROOM_SETTING_RESETS);
