import type { INodeProperties } from 'n8n-workflow';
import type { OperationDescriptor, PrepareContext } from '../shared/model/descriptor';
import { fieldLabel } from '../shared/parameters/validate';

/**
 * Names the team's API lists (webhook events, role permissions), which the node's dropdowns load from the account.
 * What is sent is checked against the same list, so that a name Digital Samba adds later is accepted without a
 * package update: the list compiled into the node (reference/providers.md) is only the fallback when the team's list
 * cannot be read.
 */
export interface AccountList {
	/** The call that lists the names: `GET /events`, `GET /permissions` (both answer a bare array of names). */
	path: string;
	/** The names documented when the package was built. */
	builtIn: readonly string[];
}

/**
 * The names the team's API lists, read at most once per execution however many items ask (the executor's memo);
 * undefined when the call fails or answers something other than a list of names.
 */
async function teamNames(ctx: PrepareContext, path: string): Promise<string[] | undefined> {
	return await ctx.once(`account-list:${path}`, async () =>
		await ctx.send({ method: 'GET', path, repeatable: true }).then(
			({ body }) => (Array.isArray(body) && body.length > 0 && body.every((n) => typeof n === 'string') ? (body as string[]) : undefined),
			() => undefined,
		),
	);
}

/** A name to check and where it is in the parameters (for the error), e.g. ['updateFields', 'events', 0]. */
export interface Named {
	name: string;
	path: Array<string | number>;
}

/**
 * Refuses, before the operation's own call, the names the team's list does not have, naming the field and the
 * names allowed. A name the built-in list has is taken without a call; any other is looked up in the team's list
 * (read once per execution and credential), or, when that read fails, refused against the built-in list.
 */
export async function checkListed(ctx: PrepareContext, list: AccountList, names: Named[], properties: INodeProperties[], what: (unknown: string[], allowed: string) => string): Promise<void> {
	const builtIn = new Set(list.builtIn);
	if (names.every((n) => builtIn.has(n.name))) return;
	const team = await teamNames(ctx, list.path);
	const known = team ? new Set(team) : builtIn;
	const refused = names.filter((n) => !known.has(n.name));
	if (!refused.length) return;
	const allowed = `${[...known].map((n) => `'${n}'`).join(', ')}${team ? ` (the names GET ${list.path} lists)` : ` (the documented names; GET ${list.path} could not be read)`}`;
	// One line per field (the first refused entry's position names it), as the executor's own validation reports.
	const fields = new Map<string, Named[]>();
	for (const n of refused) {
		const key = n.path.filter((segment) => typeof segment === 'string').join('.');
		fields.set(key, [...(fields.get(key) ?? []), n]);
	}
	const lines = [...fields.values()].map((group) => `${fieldLabel(properties, group[0].path)}: ${what(group.map((n) => n.name), allowed)}`);
	throw ctx.error(`Invalid parameter ${lines.join('; ')}`, lines.join('\n'));
}

/**
 * An operation whose names are checked against the team's list before its call: the check is its `prepare` step,
 * after validation; its request, output and Retry On Fail notice stay as declared.
 */
export function checkedAgainstTeam<P>(op: OperationDescriptor<P>, check: (ctx: PrepareContext, p: P) => Promise<void>): OperationDescriptor<P> {
	return {
		...op,
		prepare: async (ctx, p) => {
			await check(ctx, p);
			return p;
		},
	};
}
