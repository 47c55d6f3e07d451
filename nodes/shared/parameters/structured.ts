import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z, type ZodTypeAny } from 'zod';
import { type CollectionSpec, type FieldSpec, fieldProperty } from './fields';

/*
 * Structured input for a JSON parameter whose shape is known: rows of fields (n8n's fixedCollection with multiple
 * values) or the JSON as before, chosen by an Input Mode parameter, as n8n's HTTP Request node does with Specify
 * Body (`keypair` / `json`). The JSON parameter keeps its name, and the mode defaults to JSON where that parameter
 * existed before: n8n leaves a parameter at its default out of a saved workflow, so a saved workflow holding JSON
 * keeps running unchanged. The rows are turned into the value the JSON would hold and validated by the JSON field's
 * own schema, so both forms send the same request and fail with the same messages.
 *
 * Use, for a parameter of the operation:
 *   const permissions: StructuredInput = { json: PERMISSIONS_JSON, mode: 'permissionsInputMode', modeDefault: 'json',
 *     rows: { name: 'permissionsUi', displayName: 'Permissions', item: 'permission', itemDisplayName: 'Permission',
 *       fields: [...] }, toValue: (rows) => Object.fromEntries(rows.map((r) => [r.name, r.granted])) };
 *   ...withStructured(params([roleId, PERMISSIONS_JSON]), permissions)
 * and for a JSON field inside a collection, `collectionWithRows(collection(...), [{ json, rows, toValue }])`.
 */

/** One list of rows: a fixedCollection whose single option holds the fields of a row; fields may be lists of rows themselves. */
export interface RowGroup {
	/** The parameter (or, nested, the field) that holds the rows. */
	name: string;
	displayName: string;
	description?: string;
	/** The option name n8n stores the rows under: `{ [item]: [row, ...] }`. */
	item: string;
	itemDisplayName: string;
	fields: Array<FieldSpec | RowGroup>;
	/** Whether the user can reorder the rows (where order matters: questions, choices). */
	sortable?: boolean;
	/** One set of fields rather than a list of rows (an object such as a room's SIP settings). */
	single?: boolean;
	placeholder?: string;
}

export interface StructuredInput {
	/** The JSON parameter as declared in the operation's fields; it stays, shown in JSON mode. */
	json: FieldSpec;
	/** Name of the Input Mode parameter. */
	mode: string;
	/** 'json' where the JSON parameter existed before (saved workflows); 'fields' only for a new parameter. */
	modeDefault: 'json' | 'fields';
	rows: RowGroup;
	/**
	 * The rows as read (empty values dropped, nested groups as arrays) to the value the JSON parameter would hold;
	 * `invalid` reports what is wrong in them (a message naming the field) as a validation issue.
	 */
	toValue: (rows: IDataObject[], invalid: Invalid) => unknown;
}

/** Reports a problem found in rows; the value it gives stands in for the one that could not be made. */
export type Invalid = (message: string) => undefined;

const reporter = (ctx: z.RefinementCtx, rows: string): Invalid => (message) => {
	ctx.addIssue({ code: z.ZodIssueCode.custom, path: [rows], message });
	return undefined;
};

const isGroup = (field: FieldSpec | RowGroup): field is RowGroup => 'item' in field && 'fields' in field;

const sortedFrom5 = (properties: INodeProperties[]) =>
	properties.length < 5 ? properties : [...properties].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** The fixedCollection property of a row group. */
export function rowsProperty(group: RowGroup): INodeProperties {
	return {
		displayName: group.displayName,
		name: group.name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: !group.single, ...(group.sortable ? { sortable: true } : {}) },
		placeholder: group.placeholder ?? `Add ${group.itemDisplayName}`,
		default: {},
		...(group.description ? { description: group.description } : {}),
		options: [
			{
				name: group.item,
				displayName: group.itemDisplayName,
				// Sorted by label from 5 fields on, as n8n's lint requires (as optionList does for dropdowns).
				values: sortedFrom5(group.fields.map((field) => (isGroup(field) ? rowsProperty(field) : fieldProperty(field)))),
			},
		],
	};
}

/** The rows of a group as n8n stores them, as a list of plain objects: empty values dropped, nested groups as lists. */
export function rowsValue(group: RowGroup, stored: unknown): IDataObject[] {
	const held = (stored as IDataObject | undefined)?.[group.item];
	// n8n stores a single set of fields as an object, multiple values as a list.
	const rows = group.single && held && typeof held === 'object' && !Array.isArray(held) ? [held] : held;
	if (!Array.isArray(rows)) return [];
	return (rows as unknown[]).map((entry) => {
		const row = (entry ?? {}) as IDataObject;
		const out: IDataObject = {};
		for (const field of group.fields) {
			const value = row[field.name];
			if (isGroup(field)) out[field.name] = rowsValue(field, value);
			else if (value !== undefined && value !== null && value !== '') out[field.name] = value;
		}
		return out;
	});
}

/** The Input Mode, JSON and rows parameters that stand where the JSON parameter stood. */
export function structuredProperties(input: StructuredInput): INodeProperties[] {
	const show = (mode: string) => ({ show: { [input.mode]: [mode] } });
	// Linted as written out in the committed description files (scripts/descriptions.js).
	const modeDefault = input.modeDefault;
	return [
		{
			displayName: 'Input Mode',
			name: input.mode,
			type: 'options',
			options: [
				{ name: 'Using Fields Below', value: 'fields', description: `Enter the ${input.rows.displayName.toLowerCase()} as rows of fields` },
				{ name: 'Using JSON', value: 'json', description: 'Enter them as JSON, e.g. from an expression' },
			],
			default: modeDefault,
			description: `How to give the ${input.rows.displayName.toLowerCase()}`,
		},
		{ ...fieldProperty(input.json), displayOptions: show('json') },
		{ ...rowsProperty(input.rows), displayOptions: show('fields') },
	];
}

/**
 * An operation's properties and schema (from `params`) with each JSON parameter of `inputs` given either way: the
 * rows, when chosen, become that parameter's value before the operation's schema reads it.
 */
export function withStructured<S extends ZodTypeAny>(
	base: { properties: INodeProperties[]; schema: S },
	...inputs: StructuredInput[]
): { properties: INodeProperties[]; schema: z.ZodEffects<S, z.output<S>, unknown> } {
	const properties = base.properties.flatMap((property) => {
		const input = inputs.find((i) => i.json.name === property.name);
		return input ? structuredProperties(input) : [property];
	});
	const fold = (raw: unknown, ctx: z.RefinementCtx) => {
		if (!raw || typeof raw !== 'object') return raw;
		const out: Record<string, unknown> = { ...(raw as IDataObject) };
		for (const input of inputs) {
			const mode = out[input.mode] ?? input.modeDefault;
			if (mode === 'fields') out[input.json.name] = input.toValue(rowsValue(input.rows, out[input.rows.name]), reporter(ctx, input.rows.name));
			delete out[input.mode];
			delete out[input.rows.name];
		}
		return out;
	};
	return { properties, schema: z.preprocess(fold, base.schema) };
}

/** A JSON field of a collection that may also be given as rows: the user adds whichever of the two they want. */
export interface RowsAlternative {
	/** The name of the JSON field in the collection. */
	json: string;
	rows: RowGroup;
	/** The rows as the JSON field's value; `invalid` reports what is wrong in them. */
	toValue: (rows: IDataObject[], invalid: Invalid) => unknown;
}

/**
 * A collection (from `collection`) whose JSON fields may each be added as rows instead (n8n's fixedCollection inside
 * the collection, no Input Mode needed: the user adds one or the other). The rows become the JSON field's value
 * before the collection's schema reads it; both at once are refused, naming the two.
 */
export function collectionWithRows<N extends string, V>(base: CollectionSpec<N, V>, alternatives: RowsAlternative[]): CollectionSpec<N, V> {
	const options = [...((base.property.options ?? []) as INodeProperties[]), ...alternatives.map((a) => rowsProperty(a.rows))];
	const property = { ...base.property, options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)) };
	const fold = (raw: unknown, ctx: z.RefinementCtx) => {
		if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
		const out: IDataObject = { ...(raw as IDataObject) };
		for (const a of alternatives) {
			if (out[a.rows.name] === undefined) continue;
			if (out[a.json] !== undefined && out[a.json] !== '') {
				ctx.addIssue({ code: z.ZodIssueCode.custom, path: [a.rows.name], message: `give either ${a.rows.displayName} or its JSON field (${a.json}), not both` });
			}
			const rows = rowsValue(a.rows, out[a.rows.name]);
			delete out[a.rows.name];
			// Added to the collection but never filled in (n8n stores {}): nothing to send.
			if (rows.length) out[a.json] = a.toValue(rows, reporter(ctx, a.rows.name)) as IDataObject;
		}
		return out;
	};
	return { name: base.name, property, schema: z.unknown().transform(fold).pipe(base.schema) };
}
