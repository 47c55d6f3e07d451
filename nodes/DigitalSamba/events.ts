import type { IDataObject } from 'n8n-workflow';
import { firstText, objectOf, type NormalizedEventName, type NormalizedParts } from '../shared/triggers/normalized';

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

/**
 * Digital Samba's events in the packages' common vocabulary (the trigger's `normalized.event`); events not listed
 * keep Digital Samba's name (recording_deleted, room_locked, the Q&A and library events …).
 */
export const NORMALIZED: Readonly<Record<string, NormalizedEventName>> = {
	session_started: 'meeting.started',
	session_ended: 'meeting.ended',
	participant_joined: 'participant.joined',
	participant_left: 'participant.left',
	recording_started: 'recording.started',
	recording_stopped: 'recording.stopped',
	recording_ready: 'recording.ready',
	session_transcript_ready: 'transcript.ready',
	session_summary_ready: 'summary.ready',
};

/**
 * Room, session and participant of a Digital Samba delivery (the whole body). Its docs page (reference/providers.md
 * §2.3) sends `{eventType, sessionId, roomId, timestamp, data:{participantId, name, role}}`; the skill's example
 * handler reads `{event, timestamp, data:{room_id, …}}`, and the REST API names the same things in snake case
 * (`session_id`, `participant_id`, `external_participant_id`): every form is read, the docs' first. No documented
 * payload names the room's name: `room_name`, `roomName` or `friendly_url` are read should one come, else null.
 * The participant is given on the events about one person: participant_* and phone_participant_*.
 */
export function digitalSambaNormalizedParts(eventType: string, event: IDataObject): NormalizedParts {
	const data = objectOf(event.data);
	const about = eventType.startsWith('participant_') || eventType.startsWith('phone_participant_');
	return {
		room: {
			id: firstText(event.roomId, data.room_id, data.roomId),
			name: firstText(data.room_name, data.roomName, data.friendly_url),
		},
		sessionId: firstText(event.sessionId, event.session_id, data.session_id, data.sessionId),
		...(about
			? {
				participant: {
					id: firstText(data.participantId, data.participant_id),
					userId: firstText(data.externalParticipantId, data.external_participant_id, data.external_id),
					name: firstText(data.name, data.participant_name),
				},
			}
			: {}),
	};
}
