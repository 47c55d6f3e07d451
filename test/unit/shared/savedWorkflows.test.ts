import { join } from 'path';
import pinned from '../../fixtures/pinned-defaults.json';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { allDefaults } = require('../../../scripts/dump-defaults.js') as { allDefaults(load: (file: string) => Record<string, new () => unknown>): typeof pinned };

/**
 * n8n leaves a parameter at its default out of a saved workflow, so a default that changes (a resource or an
 * operation reordered, an option's default moved) silently changes saved workflows. Every default of the code
 * before the pickers is pinned here; the only changes allowed are named below.
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
	// An identifier that became a picker: empty before, an empty locator now. Its value was required, so no saved
	// workflow omits it; a saved plain text still reads (locators.test.ts, pickers.e2e.test.ts).
	if (before === '' && JSON.stringify(now) === JSON.stringify({ mode: 'list', value: '' })) return true;
	if (before === '' && JSON.stringify(now) === JSON.stringify({ mode: 'name', value: '' })) return true;
	// Digital Samba's room Roles became a dropdown of the team's roles: a list, with comma-separated text still read.
	return before === '' && Array.isArray(now) && now.length === 0;
}

describe.each(Object.keys(pinned) as Array<keyof typeof pinned>)('%s: defaults of saved workflows', (node) => {
	it('keeps every parameter and every default, bar the changes named here', () => {
		// A parameter split by node version (MiroTalk Token → Create's Expires In) is read in version 1, as saved.
		const now = (key: string) => (key in current[node] ? key : `${key},@version=1`);
		const changed = Object.entries(pinned[node])
			.filter(([key, before]) => !(now(key) in current[node]) || (JSON.stringify(current[node][now(key) as never]) !== JSON.stringify(before) && !allowed(before, current[node][now(key) as never], key)))
			.map(([key, before]) => `${key}: ${JSON.stringify(before)} → ${now(key) in current[node] ? JSON.stringify(current[node][now(key) as never]) : 'removed'}`);
		expect(changed).toEqual([]);
	});
});
