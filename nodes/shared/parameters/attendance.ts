import type { IDataObject } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { field } from './fields';

/*
 * Get Attendance, as every provider's node offers it: the connections a provider lists for a meeting (one per join,
 * a person in two tabs twice) made into one item per person, or one summary item.
 */

/** One connection to a meeting as the provider lists it. Times in unix seconds; `leftAt` undefined: still connected. */
export interface Connection {
	/** The provider's ID of this connection (one per join). */
	connectionId: string;
	/** Your ID of the person, where a token or your system set it (a user ID, an external ID). */
	userId?: string;
	name?: string;
	role?: string;
	joinedAt: number;
	leftAt?: number;
}

/** One person's attendance: their connections merged. */
export interface Attendee {
	name?: string;
	userId?: string;
	role?: string;
	attended: boolean;
	expected?: boolean;
	firstJoin?: string;
	lastLeave?: string;
	minutesPresent: number;
	joins: number;
	ongoing: boolean;
	connectionIds: string[];
}

export const expectedAttendeesField = field({
	displayName: 'Expected Attendees',
	name: 'expectedAttendees',
	type: 'stringList',
	default: '',
	description:
		'Who should have come, comma-separated: user IDs, external IDs or names. Matched people are marked expected; each one who never joined gets an item with attended false. The providers report no email: an email matches only where it was used as the ID or the name.',
});

export const attendanceOutputField = field({
	displayName: 'Output',
	name: 'output',
	type: 'options',
	default: 'people',
	options: [
		['people', 'One Item per Person', 'Each person: first join, last leave, minutes present, joins, role'],
		['summary', 'One Summary Item', 'The meeting: start, end, duration, attendee count, peak concurrency, the people as a list'],
	],
	description: 'What the node returns',
});

/** Who a connection is: the same user ID is one person, else the same name, else the connection alone. */
function personKey(c: Connection): string {
	if (c.userId) return `id:${c.userId}`;
	if (c.name) return `name:${c.name.trim().toLowerCase()}`;
	return `connection:${c.connectionId}`;
}

/** Seconds covered by intervals, overlaps counted once (two tabs at once are one presence). */
function coveredSeconds(intervals: Array<[number, number]>): number {
	const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
	let total = 0;
	let [start, end] = sorted[0] ?? [0, 0];
	for (const [from, to] of sorted.slice(1)) {
		if (from > end) {
			total += end - start;
			[start, end] = [from, to];
		} else end = Math.max(end, to);
	}
	return total + (end - start);
}

const iso = (seconds: number) => DateTime.fromSeconds(seconds, { zone: 'utc' }).toISO() as string;

/**
 * The people of a meeting from its connections: first join, last leave, minutes present (overlapping connections
 * counted once, reconnections summed), number of joins, role where known. A connection still open ends `nowSeconds`
 * and makes the person `ongoing`. `expected` (IDs or names) marks matches and adds an absent item for each other.
 */
export function attendees(connections: Connection[], nowSeconds: number, expected: string[] = []): Attendee[] {
	const groups = new Map<string, Connection[]>();
	for (const c of [...connections].sort((a, b) => a.joinedAt - b.joinedAt)) groups.set(personKey(c), [...(groups.get(personKey(c)) ?? []), c]);
	const wanted = new Set(expected.map((e) => e.trim().toLowerCase()).filter(Boolean));
	const matched = new Set<string>();
	const people: Attendee[] = [...groups.values()].map((group) => {
		const intervals = group.map((c): [number, number] => [c.joinedAt, Math.max(c.joinedAt, c.leftAt ?? nowSeconds)]);
		const name = [...group].reverse().find((c) => c.name)?.name;
		const userId = group.find((c) => c.userId)?.userId;
		const role = [...group].reverse().find((c) => c.role)?.role;
		const keys = [userId, name].filter((k): k is string => !!k).map((k) => k.trim().toLowerCase());
		const hit = keys.find((k) => wanted.has(k));
		if (hit) matched.add(hit);
		return {
			...(name ? { name } : {}),
			...(userId ? { userId } : {}),
			...(role ? { role } : {}),
			attended: true,
			...(wanted.size ? { expected: !!hit } : {}),
			firstJoin: iso(group[0].joinedAt),
			lastLeave: iso(Math.max(...intervals.map(([, to]) => to))),
			minutesPresent: Math.round(coveredSeconds(intervals) / 6) / 10,
			joins: group.length,
			ongoing: group.some((c) => c.leftAt === undefined),
			connectionIds: group.map((c) => c.connectionId),
		};
	});
	const absent = expected.filter((e) => e.trim() && !matched.has(e.trim().toLowerCase()));
	return [...people, ...absent.map((who) => ({ name: who, attended: false, expected: true, minutesPresent: 0, joins: 0, ongoing: false, connectionIds: [] }))];
}

/** The most people present at once. */
export function peakConcurrency(connections: Connection[], nowSeconds: number): number {
	const edges: Array<[number, number]> = [];
	const byPerson = new Map<string, Array<[number, number]>>();
	for (const c of connections) byPerson.set(personKey(c), [...(byPerson.get(personKey(c)) ?? []), [c.joinedAt, Math.max(c.joinedAt, c.leftAt ?? nowSeconds)]]);
	// One person's overlapping connections are one presence: merge them before counting.
	for (const intervals of byPerson.values()) {
		const sorted = intervals.sort((a, b) => a[0] - b[0]);
		let [start, end] = sorted[0];
		for (const [from, to] of [...sorted.slice(1), [Infinity, Infinity] as [number, number]]) {
			if (from > end) {
				edges.push([start, 1], [end, -1]);
				[start, end] = [from, to];
			} else end = Math.max(end, to);
		}
	}
	// A leave and a join at the same second: the leave first, so a hand-over is not two at once.
	edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let now = 0;
	let peak = 0;
	for (const [, step] of edges) peak = Math.max(peak, (now += step));
	return peak;
}

/** The summary item: the meeting's start and end (or its people's), duration, attendee count, peak, the people. */
export function attendanceSummary(meeting: IDataObject, connections: Connection[], people: Attendee[], nowSeconds: number, span?: { start?: number; end?: number }): IDataObject {
	const present = people.filter((p) => p.attended);
	const start = span?.start ?? Math.min(...connections.map((c) => c.joinedAt));
	const end = span?.end ?? Math.max(...connections.map((c) => c.leftAt ?? nowSeconds));
	const known = connections.length > 0 || span?.start !== undefined;
	return {
		...meeting,
		start: known ? iso(start) : null,
		end: known ? iso(end) : null,
		durationMinutes: known ? Math.round((end - start) / 6) / 10 : 0,
		attendeeCount: present.length,
		peakConcurrency: peakConcurrency(connections, nowSeconds),
		ongoing: present.some((p) => p.ongoing),
		people: people as unknown as IDataObject[],
	};
}
