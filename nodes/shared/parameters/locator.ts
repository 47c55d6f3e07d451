import type { INodeProperties } from 'n8n-workflow';

/** How an identifier is picked: from a searchable list, typed, or pasted as the provider's own URL of it. */
export interface LocatorSpec {
	/** The node's listSearch method; absent where the API lists nothing to pick from. */
	list?: string;
	/** The typed mode: an ID, or a name (where the provider knows the thing by name). */
	typed: 'id' | 'name';
	/** The provider's URL of the thing, as a regex whose first group is the identifier. */
	url?: { regex: string; placeholder: string };
	/**
	 * The other parameters the list reads (the room a session list is narrowed to), as n8n's `loadOptionsDependsOn`
	 * names them (`roomId.value` for a locator): the editor reloads the list when one of them changes.
	 */
	dependsOn?: string[];
}

/** A resource locator value as n8n saves it. */
interface LocatorValue {
	__rl: true;
	mode: string;
	value: unknown;
}

export function isLocatorValue(value: unknown): value is LocatorValue {
	return typeof value === 'object' && value !== null && (value as LocatorValue).__rl === true;
}

/**
 * The identifier in a parameter value: a locator value's own (the URL mode's first group), or the value itself,
 * as a workflow saved before the field was a locator holds the plain text. n8n extracts top-level locators itself;
 * this covers the same value inside a collection, where n8n hands the object over.
 */
export function locatorValue(value: unknown, spec: LocatorSpec): unknown {
	if (!isLocatorValue(value)) return value;
	if (value.mode === 'url' && spec.url && typeof value.value === 'string') {
		return new RegExp(spec.url.regex).exec(value.value)?.[1] ?? value.value;
	}
	return value.value;
}

/** The n8n property of a locator field (n8n's resourceLocator, as Airtable's base or Slack's channel). */
export function locatorProperty(
	base: Pick<INodeProperties, 'displayName' | 'name' | 'description' | 'required'>,
	spec: LocatorSpec,
	pattern?: { regex: RegExp; message: string },
	placeholder?: string,
): INodeProperties {
	const thing = base.displayName.replace(/ (ID|Name)$/, '').toLowerCase();
	const validation = pattern ? [{ type: 'regex' as const, properties: { regex: pattern.regex.source, errorMessage: `The ${thing} ${pattern.message}` } }] : undefined;
	const property: INodeProperties = {
		...base,
		type: 'resourceLocator',
		default: { mode: spec.list ? 'list' : spec.typed, value: '' },
		...(spec.list && spec.dependsOn?.length ? { typeOptions: { loadOptionsDependsOn: spec.dependsOn } } : {}),
		modes: [
			...(spec.list ? [{ displayName: 'From List', name: 'list', type: 'list' as const, placeholder: `Select a ${thing}...`, typeOptions: { searchListMethod: spec.list, searchable: true } }] : []),
			{
				displayName: spec.typed === 'name' ? 'By Name' : 'By ID',
				name: spec.typed,
				type: 'string' as const,
				placeholder: placeholder ?? (spec.typed === 'name' ? 'e.g. weekly-standup' : 'e.g. 7b2a6c1e-…'),
				...(validation ? { validation } : {}),
			},
			...(spec.url
				? [{
					displayName: 'By URL',
					name: 'url',
					type: 'string' as const,
					placeholder: spec.url.placeholder,
					validation: [{ type: 'regex' as const, properties: { regex: spec.url.regex, errorMessage: `Not a valid ${thing} URL` } }],
					extractValue: { type: 'regex' as const, regex: spec.url.regex },
				}]
				: []),
		],
	};
	return property;
}
