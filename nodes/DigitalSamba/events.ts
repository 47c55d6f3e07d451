/**
 * The 39 webhook event names `GET /events` lists (reference/providers.md §2.3), as [value, label]: the trigger's
 * documented events, and what Webhook → Create and Update accept when the team's own list cannot be read
 * (accountLists.ts).
 */
const NAMES = [
	'session_started', 'session_ended', 'session_summary_ready', 'session_transcript_ready',
	'room_locked', 'room_unlocked', 'room_deleted', 'role_deleted',
	'participant_joined', 'participant_left', 'participant_waiting_joined', 'participant_waiting_left',
	'participant_invited', 'participant_hand_raised', 'participant_hand_lowered',
	'participant_avatar_uploaded', 'participant_avatar_deleted',
	'phone_participant_muted', 'phone_participant_unmuted', 'phone_participant_asked_to_unmute',
	'recording_started', 'recording_stopped', 'recording_ready', 'recording_deleted',
	'question_asked', 'question_answered', 'question_updated', 'question_dismissed', 'question_reopened',
	'question_deleted', 'answer_updated', 'answer_deleted',
	'file_added_to_library', 'file_renamed', 'file_deleted_from_library', 'file_processing_failed',
	'folder_added_to_library', 'folder_renamed', 'folder_deleted_from_library',
] as const;

/** A name in Title Case, as n8n's lint wants option labels: session_summary_ready → Session Summary Ready. */
const label = (name: string) =>
	name
		.split('_')
		.map((word) => (word === 'to' ? word : word[0].toUpperCase() + word.slice(1)))
		.join(' ');

export const DIGITAL_SAMBA_EVENTS: Array<[string, string]> = NAMES.map((name) => [name, label(name)]);
