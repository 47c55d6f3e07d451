import { bookedRoomName, bookingWindow, type Booking } from '../../../../nodes/shared/parameters/booking';

describe('bookedRoomName', () => {
	it('is the same on every run, and within the limit and alphabet asked for', () => {
		expect(bookedRoomName('Deal #42', 'CRM')).toBe(bookedRoomName('Deal #42', 'CRM'));
		for (const max of [32, 64, 128]) {
			const name = bookedRoomName('a very long booking identifier from a calendar system, with spaces', 'namespace', max);
			expect(name.length).toBeLessThanOrEqual(max);
			expect(name).toMatch(/^mtg-[a-z0-9-]*[0-9a-f]{16}$/);
		}
	});

	it('gives IDs that read alike, and one ID in two namespaces, rooms of their own', () => {
		expect(bookedRoomName('A 1')).not.toBe(bookedRoomName('a-1'));
		expect(bookedRoomName('1', 'crm')).not.toBe(bookedRoomName('1', 'forms'));
		// The namespace is not glued to the ID before hashing: ("a-b", "c") is not ("a", "b-c").
		expect(bookedRoomName('c', 'a-b')).not.toBe(bookedRoomName('b-c', 'a'));
		expect(bookedRoomName('!!!')).toMatch(/^mtg-[0-9a-f]{16}$/);
	});
});

describe('bookingWindow', () => {
	const booking = (extra: Partial<Booking>): Booking => ({ externalId: 'x', start: '2030-05-01T10:00:00.000Z', people: [], ...extra });
	const fail = (message: string) => new Error(message);

	it('links work from 15 minutes before the start to 60 after the end by default, or as the options say', () => {
		const start = Date.parse('2030-05-01T10:00:00Z') / 1000;
		expect(bookingWindow(booking({ durationMinutes: 30 }), fail)).toMatchObject({ linksFrom: start - 900, linksUntil: start + 1800 + 3600 });
		expect(bookingWindow(booking({ end: '2030-05-01T11:00:00.000Z', bookingOptions: { joinEarlyMinutes: 0, linkGraceMinutes: 5 } }), fail)).toMatchObject({ linksFrom: start, linksUntil: start + 3600 + 300 });
	});

	it('refuses an End that is not after the Start, naming both', () => {
		expect(() => bookingWindow(booking({ end: '2030-05-01T10:00:00.000Z' }), fail)).toThrow('End: must be after Start (Start 2030-05-01T10:00:00.000Z, End 2030-05-01T10:00:00.000Z)');
	});
});
