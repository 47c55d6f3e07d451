import { DateTime, Duration } from 'luxon';
import { z } from 'zod';

const UNITS: Record<string, 'seconds' | 'minutes' | 'hours' | 'days' | 'weeks'> = {
	s: 'seconds', sec: 'seconds', secs: 'seconds', second: 'seconds', seconds: 'seconds',
	m: 'minutes', min: 'minutes', mins: 'minutes', minute: 'minutes', minutes: 'minutes',
	h: 'hours', hr: 'hours', hrs: 'hours', hour: 'hours', hours: 'hours',
	d: 'days', day: 'days', days: 'days',
	w: 'weeks', week: 'weeks', weeks: 'weeks',
};

const RELATIVE = /^(?:in\s+|\+)?(\d+(?:\.\d+)?)\s*([a-z]+)(?:\s+from\s+now)?$/i;

/** "in 2 hours", "+30m", "2h", "PT2H" → a duration; undefined when the text is not one. */
export function parseRelative(text: string): Duration | undefined {
	const trimmed = text.trim();
	if (/^P/i.test(trimmed)) {
		const iso = Duration.fromISO(trimmed.toUpperCase());
		return iso.isValid ? iso : undefined;
	}
	const match = RELATIVE.exec(trimmed);
	const unit = match && UNITS[match[2].toLowerCase()];
	if (!match || !unit) return undefined;
	return Duration.fromObject({ [unit]: Number(match[1]) });
}

/**
 * A point in time from what a user types: unix seconds (or milliseconds), an ISO or SQL date,
 * a JS Date, a luxon DateTime, or a relative duration from now. Undefined when unreadable.
 */
export function toDateTime(input: unknown, now: DateTime = DateTime.utc()): DateTime | undefined {
	if (input instanceof Date) return DateTime.fromJSDate(input);
	if (DateTime.isDateTime(input)) return input;
	if (typeof input === 'number' && Number.isFinite(input)) {
		return input > 1e12 ? DateTime.fromMillis(input) : DateTime.fromSeconds(input);
	}
	if (typeof input !== 'string' || input.trim() === '') return undefined;
	const text = input.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return toDateTime(Number(text), now);
	const relative = parseRelative(text);
	if (relative) return now.plus(relative);
	for (const parsed of [DateTime.fromISO(text, { setZone: true }), DateTime.fromSQL(text), DateTime.fromRFC2822(text)]) {
		if (parsed.isValid) return parsed;
	}
	return undefined;
}

export const TIME_HINT =
	'a date (ISO 8601 such as 2026-12-01T10:00:00Z), unix seconds, or a duration from now such as "in 2 hours", "+30m" or "PT1H"';

/** A zod field that reads any time input and yields unix seconds; `future` refuses past times. */
export function unixSeconds(options: { future?: boolean } = {}) {
	return z.unknown().transform((value, ctx) => {
		const time = toDateTime(value);
		if (!time) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be ${TIME_HINT}` });
			return z.NEVER;
		}
		const seconds = Math.floor(time.toSeconds());
		if (options.future && seconds <= Math.floor(Date.now() / 1000)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				message: `must be in the future (got ${time.toUTC().toISO()})`,
			});
			return z.NEVER;
		}
		return seconds;
	});
}

/** Same input as unixSeconds, yielding an ISO 8601 string in UTC. */
export function isoTime() {
	return z.unknown().transform((value, ctx) => {
		const time = toDateTime(value);
		if (!time) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be ${TIME_HINT}` });
			return z.NEVER;
		}
		return time.toUTC().toISO() as string;
	});
}
