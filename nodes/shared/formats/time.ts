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
 * The zone a date typed without one is read in: the workflow's time zone (`this.getTimezone()`), set only for the
 * duration of one synchronous schema parse (withTimeZone). Never luxon's process-global default, which n8n changes
 * from whichever workflow last built an expression.
 */
let zoneOfParse = 'UTC';

/** Runs a synchronous parse with zone-less dates read in `zone`; nothing async can interleave with it. */
export function withTimeZone<T>(zone: string, parse: () => T): T {
	const previous = zoneOfParse;
	zoneOfParse = zone;
	try {
		return parse();
	} finally {
		zoneOfParse = previous;
	}
}

/** A valid DateTime or undefined: an invalid Date or DateTime (e.g. DateTime.fromISO of a missing value) is no time. */
const valid = (time: DateTime): DateTime | undefined => (time.isValid ? time : undefined);

/**
 * A point in time from what a user types: unix seconds (or milliseconds), an ISO or SQL date, a JS Date, a luxon
 * DateTime, or a relative duration from now. A date or time without a zone is read in `zone` (default: the zone
 * of the parse, the workflow's). Eight digits are a compact date (20261201), never unix seconds. Undefined when
 * unreadable.
 */
export function toDateTime(input: unknown, now: DateTime = DateTime.utc(), zone: string = zoneOfParse): DateTime | undefined {
	if (input instanceof Date) return valid(DateTime.fromJSDate(input));
	if (DateTime.isDateTime(input)) return valid(input);
	if (typeof input === 'number' && Number.isFinite(input)) {
		return input > 1e12 ? DateTime.fromMillis(input) : DateTime.fromSeconds(input);
	}
	if (typeof input !== 'string' || input.trim() === '') return undefined;
	const text = input.trim();
	if (/^\d{8}$/.test(text)) return valid(DateTime.fromFormat(text, 'yyyyMMdd', { zone }));
	if (/^\d+(\.\d+)?$/.test(text)) return toDateTime(Number(text), now, zone);
	const relative = parseRelative(text);
	if (relative) return now.plus(relative);
	// setZone keeps an offset the text gives; `zone` applies where it gives none.
	for (const parsed of [DateTime.fromISO(text, { zone, setZone: true }), DateTime.fromSQL(text, { zone, setZone: true }), DateTime.fromRFC2822(text, { zone, setZone: true })]) {
		if (parsed.isValid) return parsed;
	}
	return undefined;
}

export const TIME_HINT =
	'a date (ISO 8601 such as 2026-12-01T10:00:00Z; without a zone, in the workflow\'s time zone), unix seconds, or a duration from now such as "in 2 hours", "+30m" or "PT1H"';

/**
 * A zod field that reads any time input (toDateTime) and yields it as a DateTime; unreadable, it fails with
 * `unreadable`. The time fields below, and providers' own, turn it into the form their API takes.
 */
export function timeValue(unreadable = `must be ${TIME_HINT}`) {
	return z.unknown().transform((value, ctx) => {
		const time = toDateTime(value);
		if (!time) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: unreadable });
			return z.NEVER;
		}
		return time;
	});
}

/** A zod field that reads any time input and yields unix seconds; `future` refuses past times. */
export function unixSecondsValue(options: { future?: boolean } = {}) {
	return timeValue().transform((time, ctx) => {
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

/** Same input as unixSecondsValue, yielding an ISO 8601 string in UTC. */
export function isoTimeValue() {
	return timeValue().transform((time) => time.toUTC().toISO() as string);
}
