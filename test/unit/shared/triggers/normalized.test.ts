import { normalizedOnly, providerEvents, type NormalizedEventName } from '../../../../nodes/shared/triggers/normalized';

/** A provider table of made-up events, as a provider maps its own to the vocabulary. */
const TABLE: Record<string, NormalizedEventName> = {
	'meeting.started': 'meeting.started',
	'rec.done': 'recording.ready',
	'rec.uploaded': 'recording.ready',
	leave: 'participant.left',
	drop: 'participant.left',
};

describe('providerEvents', () => {
	it('keeps a provider event, expands a vocabulary word to every event it names, each once, in the order chosen', () => {
		expect(providerEvents(['leave', 'recording.ready', 'participant.left'], TABLE)).toEqual(['leave', 'rec.done', 'rec.uploaded', 'drop']);
	});

	it('a word that is also the provider\'s own event name is that event', () => {
		expect(providerEvents(['meeting.started'], TABLE)).toEqual(['meeting.started']);
	});
});

describe('normalizedOnly', () => {
	it('lists the words the table maps to that are not the provider\'s own names, sorted', () => {
		expect(normalizedOnly(TABLE)).toEqual(['participant.left', 'recording.ready']);
	});
});
