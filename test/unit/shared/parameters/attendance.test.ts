import { attendees, peakConcurrency, type Connection } from '../../../../nodes/shared/parameters/attendance';

/** The kernel's attendance arithmetic on connections worked out by hand (seconds). */
const c = (connectionId: string, joinedAt: number, leftAt: number | undefined, who: Partial<Connection> = {}): Connection => ({ connectionId, joinedAt, leftAt, ...who });

describe('attendees', () => {
	it('merges a person\'s connections by user ID before name, and keeps nameless connections apart', () => {
		const people = attendees([c('a', 0, 60, { userId: 'u1', name: 'Ana' }), c('b', 30, 120, { userId: 'u1', name: 'Ana B.' }), c('c', 0, 60), c('d', 0, 60)], 1000);
		expect(people.map((p) => [p.userId, p.name, p.joins, p.minutesPresent])).toEqual([['u1', 'Ana B.', 2, 2], [undefined, undefined, 1, 1], [undefined, undefined, 1, 1]]);
	});

	it('a name matches regardless of case and surrounding spaces, for people and for Expected Attendees', () => {
		const people = attendees([c('a', 0, 60, { name: 'Ana' }), c('b', 100, 160, { name: ' ana ' })], 1000, ['ANA']);
		expect(people).toHaveLength(1);
		expect(people[0]).toMatchObject({ joins: 2, minutesPresent: 2, expected: true });
	});

	it('an open connection ends at `now`, and nobody joined gives only the absent expected people', () => {
		expect(attendees([c('a', 100, undefined, { name: 'Ana' })], 400)[0]).toMatchObject({ ongoing: true, minutesPresent: 5, lastLeave: new Date(400_000).toISOString() });
		expect(attendees([], 0, ['Bo'])).toEqual([{ name: 'Bo', attended: false, expected: true, minutesPresent: 0, joins: 0, ongoing: false, connectionIds: [] }]);
	});
});

describe('peakConcurrency', () => {
	it('counts people, not tabs, and a hand-over at the same second as one', () => {
		expect(peakConcurrency([c('a', 0, 100, { name: 'Ana' }), c('b', 50, 150, { name: 'Ana' })], 0)).toBe(1);
		expect(peakConcurrency([c('a', 0, 100, { name: 'Ana' }), c('b', 100, 200, { name: 'Bo' })], 0)).toBe(1);
		expect(peakConcurrency([c('a', 0, 100, { name: 'Ana' }), c('b', 99, 200, { name: 'Bo' }), c('c', 99, 101, { name: 'Cy' })], 0)).toBe(3);
		// A connection of no length is nobody present.
		expect(peakConcurrency([c('a', 0, 100, { name: 'Ana' }), c('c', 50, 50, { name: 'Cy' })], 0)).toBe(1);
		expect(peakConcurrency([], 0)).toBe(0);
	});
});
