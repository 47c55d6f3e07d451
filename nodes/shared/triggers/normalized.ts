import type { IDataObject } from 'n8n-workflow';

/**
 * The events every trigger names alike in its output's `normalized` key (issue 28, "one event language"). A provider
 * maps its own event to one of these only where it clearly means that; any other event keeps the provider's name.
 */
export const NORMALIZED_EVENTS = [
	'meeting.started',
	'meeting.ended',
	'participant.joined',
	'participant.left',
	'recording.started',
	'recording.stopped',
	'recording.ready',
	'recording.failed',
	'transcript.ready',
	'summary.ready',
	'transcription.started',
	'transcription.stopped',
	'transcription.failed',
	'livestream.started',
	'livestream.ended',
] as const;

export type NormalizedEventName = (typeof NORMALIZED_EVENTS)[number];

/** Each word's label in a trigger's Events list, where it stands for the provider's events it names. */
export const NORMALIZED_LABELS: Readonly<Record<NormalizedEventName, string>> = {
	'meeting.started': 'Normalized: Meeting Started',
	'meeting.ended': 'Normalized: Meeting Ended',
	'participant.joined': 'Normalized: Participant Joined',
	'participant.left': 'Normalized: Participant Left',
	'recording.started': 'Normalized: Recording Started',
	'recording.stopped': 'Normalized: Recording Stopped',
	'recording.ready': 'Normalized: Recording Ready',
	'recording.failed': 'Normalized: Recording Failed',
	'transcript.ready': 'Normalized: Transcript Ready',
	'summary.ready': 'Normalized: Summary Ready',
	'transcription.started': 'Normalized: Transcription Started',
	'transcription.stopped': 'Normalized: Transcription Stopped',
	'transcription.failed': 'Normalized: Transcription Failed',
	'livestream.started': 'Normalized: Live Stream Started',
	'livestream.ended': 'Normalized: Live Stream Ended',
};

/** The person an event is about; each field null where the payload does not carry it. */
export interface NormalizedParticipant {
	id: string | null;
	userId: string | null;
	name: string | null;
}

/** The same fields for every provider's event: what a workflow can read whichever trigger started it. */
export interface NormalizedEvent {
	/** A NORMALIZED_EVENTS name, or the provider's own name for an event the vocabulary has no word for. */
	event: NormalizedEventName | string;
	/** The provider's key, as its package names it. */
	provider: string;
	/** The room; each field null where the payload does not name it. */
	room: { id: string | null; name: string | null };
	/** The meeting session the event belongs to; null where the event carries none. */
	sessionId: string | null;
	/** Only on events about one person. */
	participant?: NormalizedParticipant;
	/** The same value as the trigger's own `occurredAt`. */
	occurredAt: string | null;
}

/** What a provider reads from its payload for the normalized key. */
export interface NormalizedParts {
	room: { id: string | null; name: string | null };
	sessionId: string | null;
	participant?: NormalizedParticipant;
}

/** The first of `values` that is a non-empty string or a finite number, as text; null when none is. */
export function firstText(...values: unknown[]): string | null {
	for (const value of values) {
		if (typeof value === 'string' && value !== '') return value;
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	}
	return null;
}

/** `value` when it is an object (not an array), else an empty one. */
export function objectOf(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

/**
 * The `normalized` key: the provider's event looked up in its own table (`table`, provider event → vocabulary name;
 * events it does not list keep their name), with the parts the provider read from its payload.
 */
export function normalizedEvent(
	provider: string,
	table: Readonly<Record<string, NormalizedEventName>>,
	eventType: string,
	parts: NormalizedParts,
	occurredAt: string | null,
): NormalizedEvent {
	const event = Object.prototype.hasOwnProperty.call(table, eventType) ? table[eventType] : eventType;
	return {
		event,
		provider,
		room: parts.room,
		sessionId: parts.sessionId,
		...(parts.participant ? { participant: parts.participant } : {}),
		occurredAt,
	};
}

/**
 * The provider's events a trigger subscribes to for the Events chosen, which may name a provider's event or a
 * vocabulary word (every provider event that `table` maps to it): provider names, each once, in the order chosen.
 */
export function providerEvents(chosen: string[], table: Readonly<Record<string, NormalizedEventName>>): string[] {
	const out = new Set<string>();
	for (const name of chosen) {
		const mapped = Object.keys(table).filter((providerEvent) => table[providerEvent] === name);
		// A vocabulary word that is also the provider's own name for an event (meeting.started) is that event.
		if (mapped.length && !Object.prototype.hasOwnProperty.call(table, name)) mapped.forEach((event) => out.add(event));
		else out.add(name);
	}
	return [...out];
}

/** The vocabulary words a provider's table maps some event to, but which are not the name of one of its events. */
export function normalizedOnly(table: Readonly<Record<string, NormalizedEventName>>): NormalizedEventName[] {
	return [...new Set(Object.values(table))].filter((word) => !Object.prototype.hasOwnProperty.call(table, word)).sort();
}
