import { DateTime } from 'luxon';
import { isoTimeValue, parseRelative, timeValue, toDateTime, unixSecondsValue } from '../../../../nodes/shared/formats/time';

const now = DateTime.fromISO('2026-11-23T12:00:00Z', { zone: 'utc' });

describe('time inputs', () => {
	it.each([
		['in 2 hours', '2026-11-23T14:00:00.000Z'],
		['+30m', '2026-11-23T12:30:00.000Z'],
		['2h', '2026-11-23T14:00:00.000Z'],
		['in 1 day', '2026-11-24T12:00:00.000Z'],
		['PT90M', '2026-11-23T13:30:00.000Z'],
		['2026-12-01T10:00:00Z', '2026-12-01T10:00:00.000Z'],
		['2026-12-01T10:00:00+02:00', '2026-12-01T08:00:00.000Z'],
		['2026-12-01 10:00:00', undefined],
		['1796112000', '2026-12-01T08:00:00.000Z'],
		[1796112000, '2026-12-01T08:00:00.000Z'],
		[1796112000000, '2026-12-01T08:00:00.000Z'],
	])('reads %p', (input, iso) => {
		const result = toDateTime(input, now);
		expect(result?.isValid).toBe(true);
		if (iso) expect(result!.toUTC().toISO()).toBe(iso);
	});

	it.each(['soon', '', 'in two hours', '2026-13-45'])('refuses %p', (input) => {
		expect(toDateTime(input, now)).toBeUndefined();
	});

	it('reads ISO durations and unit words only', () => {
		expect(parseRelative('PT1H')?.as('seconds')).toBe(3600);
		expect(parseRelative('3 weeks')?.as('days')).toBe(21);
		expect(parseRelative('3 fortnights')).toBeUndefined();
	});

	it('unixSeconds refuses the past when asked and explains the accepted forms', () => {
		const schema = unixSecondsValue({ future: true });
		expect(schema.safeParse('2020-01-01T00:00:00Z').success).toBe(false);
		const bad = schema.safeParse('whenever');
		expect(bad.success).toBe(false);
		expect(bad.error!.issues[0].message).toMatch(/ISO 8601.*unix seconds.*in 2 hours/);
		const ok = schema.safeParse('in 1 hour');
		expect(ok.success && ok.data - Math.floor(Date.now() / 1000)).toBeGreaterThanOrEqual(3599);
	});

	it('timeValue reads any time input as a DateTime, and names what it wants otherwise', () => {
		expect(timeValue().parse('2026-12-01T10:00:00+02:00').toUTC().toISO()).toBe('2026-12-01T08:00:00.000Z');
		expect(timeValue().parse(1796112000).toSeconds()).toBe(1796112000);
		expect(timeValue().safeParse('whenever').error!.issues[0].message).toMatch(/^must be a date \(ISO 8601.*in 2 hours/);
		expect(timeValue('must be a date such as 2026-01-31').safeParse('').error!.issues).toEqual([
			expect.objectContaining({ message: 'must be a date such as 2026-01-31' }),
		]);
	});

	it('the time fields built on it report one issue for an unreadable time', () => {
		for (const schema of [unixSecondsValue(), unixSecondsValue({ future: true }), isoTimeValue(), timeValue().transform((t) => t.toMillis())]) {
			const bad = schema.safeParse('soon');
			expect(bad.error!.issues.map((i) => i.message)).toEqual([expect.stringMatching(/^must be a date/)]);
		}
		expect(isoTimeValue().parse('2026-12-01T10:00:00+02:00')).toBe('2026-12-01T08:00:00.000Z');
	});
});
