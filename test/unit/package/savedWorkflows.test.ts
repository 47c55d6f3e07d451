import { join } from 'path';
import pinned from '../../fixtures/pinned-defaults.json';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { allDefaults } = require('../../../scripts/dump-defaults.js') as { allDefaults(load: (file: string) => Record<string, new () => unknown>): typeof pinned };

/**
 * n8n leaves a parameter at its default out of a saved workflow, so a default that changes (a resource or an
 * operation reordered, an option's default moved) silently changes saved workflows. Every default of the code
 * before the pickers is pinned here; the only changes allowed are named below.
 *
 * Re-pinned on purpose, and named in CHANGELOG under "Changed defaults for saved triggers" (issue 22): a trigger saved
 * without Replay Window now runs with the new value. DailyTrigger `options > replayWindow` 300 → 3600 (a delivery
 * delayed by Daily's retries, a backlog or a clock that is off still runs; the signed timestamp still bounds a
 * replay); DigitalSambaTrigger `options > replayWindow` 300 → 0 (off: the timestamp is unsigned, so the check
 * protected nothing and refused late genuine deliveries). Nothing else in the fixture moved.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const current = allDefaults((file) => require(join(__dirname, '../../../nodes', file)));

/** What may differ, and why. */
function allowed(before: unknown, now: unknown, key = ''): boolean {
	// Digital Samba room and team settings (a collection's fields): a setting the user adds starts unset ('', sent as
	// nothing) instead of false or the minimum, which silently changed the room's or team's own value (issue #17).
	// n8n stores a collection's fields whenever they are set, equal to the default or not (NodeHelpers.getNodeParameters,
	// parentType 'collection'), so saved workflows keep sending what they hold; only a newly added field starts differently.
	if (/^settings @ resource=(room|defaultRoomSettings),operation=(create|update) > /.test(key) && now === '' && (before === false || typeof before === 'number')) return true;
	// Fields of a collection, for the same reason (stored whenever added): MiroTalk's join-link token Expires In
	// empty (the server's default applies, issue #17), Daily's Include Logs at Daily's default, true.
	if (key === 'token @ product=sfu|p2p,resource=joinLink,operation=create > expire' && before === '1h' && now === '') return true;
	if (key === 'filters @ resource=logs,operation=get > includeLogs' && before === false && now === true) return true;
	// Daily Batch Processor → Submit's two required dropdowns: '' was no option, which n8n's lint and package scanner
	// refuse (node-param-default-wrong-for-options); a node saved without a choice was refused before sending, so no
	// saved workflow ran with ''. Named in CHANGELOG under "Changed defaults".
	if (key === 'preset @ resource=batchProcessor,operation=submit' && before === '' && now === 'transcript') return true;
	if (key === 'sourceType @ resource=batchProcessor,operation=submit' && before === '' && now === 'recordingId') return true;
	// An identifier that became a picker: empty before, an empty locator now. Its value was required, so no saved
	// workflow omits it; a saved plain text still reads (locators.test.ts, pickers.e2e.test.ts).
	if (before === '' && JSON.stringify(now) === JSON.stringify({ mode: 'list', value: '' })) return true;
	if (before === '' && JSON.stringify(now) === JSON.stringify({ mode: 'name', value: '' })) return true;
	// Digital Samba's room Roles became a dropdown of the team's roles: a list, with comma-separated text still read.
	return before === '' && Array.isArray(now) && now.length === 0;
}

type Defaults = Record<string, unknown>;

/** The pinned defaults that are gone or differ now, bar the allowed changes, as `key: before → now`. */
function unexplained(before: Defaults, now: Defaults): string[] {
	// A parameter split by node version (MiroTalk Token → Create's Expires In) is read in version 1, as saved.
	const at = (key: string) => (key in now ? key : `${key},@version=1`);
	return Object.entries(before)
		.filter(([key, value]) => !(at(key) in now) || (JSON.stringify(now[at(key)]) !== JSON.stringify(value) && !allowed(value, now[at(key)], key)))
		.map(([key, value]) => `${key}: ${JSON.stringify(value)} → ${at(key) in now ? JSON.stringify(now[at(key)]) : 'removed'}`);
}

describe.each(Object.keys(pinned) as Array<keyof typeof pinned>)('%s: defaults of saved workflows', (node) => {
	it('keeps every parameter and every default, bar the changes named here', () => {
		expect(unexplained(pinned[node] as Defaults, current[node] as Defaults)).toEqual([]);
	});
});

describe('the pinned defaults still catch a change', () => {
	it.each([
		['DailyTrigger', 'options > replayWindow', 300],
		['DailyTrigger', 'options > replayWindow', 600],
		['DigitalSambaTrigger', 'options > replayWindow', 300],
		['DigitalSambaTrigger', 'options > replayWindow', 60],
		['DailyTrigger', 'options > dropRoomless', true],
		['DigitalSambaTrigger', 'eventSource', 'live'],
	] as const)('%s %s moved to %j is reported', (node, key, moved) => {
		const now = { ...(current[node] as Defaults), [key]: moved };
		expect(unexplained(pinned[node] as Defaults, now)).toEqual([`${key}: ${JSON.stringify(pinned[node][key as never])} → ${JSON.stringify(moved)}`]);
	});

	it('a default that moves anywhere is reported: every pinned entry, changed one at a time', () => {
		for (const node of Object.keys(pinned) as Array<keyof typeof pinned>) {
			const now = { ...(current[node] as Defaults) };
			for (const key of Object.keys(pinned[node])) {
				const at = key in now ? key : `${key},@version=1`;
				const kept = now[at];
				// A value no allowed change produces: a number, an object or a string nobody would pick.
				now[at] = typeof kept === 'number' ? kept + 7 : typeof kept === 'string' ? 'moved-default' : { moved: true };
				expect([node, key, unexplained(pinned[node] as Defaults, now)]).toEqual([node, key, [expect.stringContaining(`${key}: `)]]);
				now[at] = kept;
			}
		}
	});

	it('a parameter that disappears is reported', () => {
		const now = { ...(current.DailyTrigger as Defaults) };
		delete now['options > replayWindow'];
		expect(unexplained(pinned.DailyTrigger as Defaults, now)).toEqual(['options > replayWindow: 3600 → removed']);
	});
});
