import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { z, type ZodType, type ZodTypeAny, type ZodTypeDef } from 'zod';
import { type LocatorSpec, locatorProperty, locatorValue } from './locator';
import { booleanValue, jsonValue, numberFromText, stringList } from '../formats/parse';
import { isoTimeValue, unixSecondsValue } from '../formats/time';

/** A dropdown option as declared: the value n8n stores, its label, and an optional tooltip. */
export type OptionPair = [value: string, label: string, description?: string];

/**
 * The options of a dropdown, sorted by label from 5 options on, as n8n's lint requires (with its comparison);
 * shorter lists keep their declared order (Public, Private). Only the display order changes: n8n stores the
 * value, and a field's default comes from the declared order.
 */
export function optionList(pairs: OptionPair[]): INodePropertyOptions[] {
	const options = pairs.map(([value, name, description]) => (description ? { name, value, description } : { name, value }));
	return options.length < 5 ? options : options.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The "Not Set" option of an optional dropdown: its value is the field's default, '', which the executor drops before
 * validation, so nothing is sent. It comes last in a short list and in label order in a long one (see optionList).
 */
export const NOT_SET: INodePropertyOptions = {
	name: 'Not Set',
	value: '',
	description: "Sends nothing: the provider's default applies, or on an update the current value stays",
};

function withNotSet(options: INodePropertyOptions[]): INodePropertyOptions[] {
	if (options.some((o) => o.value === '')) return options;
	const all = [...options, NOT_SET];
	return all.length < 5 ? all : all.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The kinds of parameter a field can be, and what each sends (the value an operation's code gets and puts on the wire,
 * under the field's `name`; an empty optional field sends nothing). Read with fieldSchema, below.
 */
export type FieldType =
	/** Text as typed; `pattern`, `maxLength`, `url` refuse other text. */
	| 'string'
	/** A JSON number; text of a number from an expression is read as one. */
	| 'number'
	/** true or false. */
	| 'boolean'
	/** true, false or nothing (n8n's "Not Set"); "true" / "false" text is read too. */
	| 'optionalBoolean'
	/** One of `options`' values, as text. */
	| 'options'
	/** An array of `options`' values. */
	| 'multiOptions'
	/** The JSON value the text holds, parsed (an object, an array, …); an object from an expression as it is. */
	| 'json'
	/** Unix seconds (a whole number), from a date (without a zone, in the workflow's time zone), seconds, or a duration from now. */
	| 'unixTime'
	/** An ISO 8601 time in UTC, from the same inputs as unixTime. */
	| 'isoTime'
	/** An array of non-empty texts, from comma-separated text or an array of texts and numbers. */
	| 'stringList'
	/** A hex color text such as #000000. */
	| 'color';

/**
 * One parameter, declared once: the kernel derives both the n8n property (what the editor shows)
 * and the zod schema (what is accepted) from it, so the two never drift apart. `N` keeps the name as a literal type,
 * so that the operation's code is checked against it, and `T` the kind, which gives the value's type (FieldValue).
 */
export interface FieldSpec<N extends string = string, T extends FieldType = FieldType> {
	name: N;
	displayName: string;
	description: string;
	type: T;
	required?: boolean;
	/** options / multiOptions: [value, label] pairs, with an optional description (the option's tooltip). */
	options?: OptionPair[];
	min?: number;
	max?: number;
	integer?: boolean;
	/** unixTime: refuse a time that is not in the future. */
	future?: boolean;
	/** string: a pattern and the sentence that explains it. */
	pattern?: { regex: RegExp; message: string };
	maxLength?: number;
	/** string: must be an http(s) URL. */
	url?: boolean;
	placeholder?: string;
	default?: string | number | boolean | string[];
	/** Replaces the derived zod type when a field needs something special. */
	zod?: ZodTypeAny;
	/** string: picked from a list, typed, or pasted as a URL (n8n's resource locator). */
	locator?: LocatorSpec;
	/**
	 * options / multiOptions: the node's loadOptions method that lists the values from the account. With `options`
	 * too, those (the spec's values) validate what is sent, and the dropdown shows the account's.
	 */
	loadOptions?: string;
	/** Passed to the n8n property as it is (password fields, rows of a text area). */
	typeOptions?: INodeProperties['typeOptions'];
}

/** The path segment of an identifier the user gave. */
export const pathSegment = encodeURIComponent;

/** Copies the defined entries of an object (drops undefined, keeps false and 0). */
export function defined<T extends object>(object: T | undefined): Partial<T> {
	const out: Partial<T> = {};
	for (const [k, v] of Object.entries(object ?? {}) as Array<[keyof T, T[keyof T]]>) if (v !== undefined) out[k] = v;
	return out;
}

/** The Simplify shape of an answer's entry: these fields, where present. */
export function pick(...keys: string[]): (entry: IDataObject) => IDataObject {
	return (entry) => Object.fromEntries(keys.filter((k) => entry?.[k] !== undefined).map((k) => [k, entry[k]]));
}

/** A required identifier; with `list`, picked from the node's list of that name (n8n's resource locator) or typed. */
export function idField<N extends string>(name: N, displayName: string, description: string, list?: string): RequiredField<N, 'string'> {
	return { displayName, name, type: 'string', default: '', required: true, description, ...(list ? { locator: { list, typed: 'id' as const } } : {}) };
}

function defaultFor(spec: FieldSpec): INodeProperties['default'] {
	if (spec.default !== undefined) return spec.default;
	switch (spec.type) {
		case 'number':
			return 0;
		case 'boolean':
			return false;
		case 'optionalBoolean':
			return '';
		case 'options':
			return spec.required ? (spec.options?.[0]?.[0] ?? '') : '';
		case 'multiOptions':
			return [];
		case 'json':
			return '{}';
		default:
			return '';
	}
}

const N8N_TYPE: Record<FieldSpec['type'], INodeProperties['type']> = {
	string: 'string',
	number: 'number',
	boolean: 'boolean',
	optionalBoolean: 'options',
	options: 'options',
	multiOptions: 'multiOptions',
	json: 'json',
	unixTime: 'string',
	isoTime: 'string',
	stringList: 'string',
	color: 'color',
};

/** The n8n property for a field. */
export function fieldProperty(spec: FieldSpec): INodeProperties {
	if (spec.locator) {
		const base = { displayName: spec.displayName, name: spec.name, description: spec.description, ...(spec.required ? { required: true } : {}) };
		return locatorProperty(base, spec.locator, spec.pattern, spec.placeholder);
	}
	const property: INodeProperties = {
		displayName: spec.displayName,
		name: spec.name,
		type: N8N_TYPE[spec.type],
		default: defaultFor(spec),
		description: spec.description,
	};
	if (spec.required) property.required = true;
	if (spec.placeholder) property.placeholder = spec.placeholder;
	else if (spec.type === 'unixTime' || spec.type === 'isoTime') property.placeholder = 'e.g. in 2 hours, or 2026-12-01T10:00:00Z';
	else if (spec.type === 'stringList') property.placeholder = 'e.g. first, second';
	if (spec.options) property.options = optionList(spec.options);
	// Yes / No, and Not Set (sent as nothing) until the user picks one.
	if (spec.type === 'optionalBoolean') property.options = [{ name: 'Yes', value: true }, { name: 'No', value: false }];
	// An optional dropdown starts at '' (sent as nothing): that is a choice of its own, so the dropdown offers it by name.
	if (property.type === 'options' && property.options && property.default === '' && !spec.required && !spec.loadOptions) {
		property.options = withNotSet(property.options as INodePropertyOptions[]);
	}
	const typeOptions: INodeProperties['typeOptions'] = { ...spec.typeOptions };
	if (spec.loadOptions) {
		typeOptions.loadOptionsMethod = spec.loadOptions;
		// The values come from the account; a list typed here would be an outdated copy.
		delete property.options;
	}
	if (spec.min !== undefined) typeOptions.minValue = spec.min;
	if (spec.max !== undefined) typeOptions.maxValue = spec.max;
	if (spec.type === 'number' && spec.integer) typeOptions.numberPrecision = 0;
	if (Object.keys(typeOptions).length) property.typeOptions = typeOptions;
	return property;
}

function allowed(options: OptionPair[]): string {
	return options.map(([value]) => `'${value}'`).join(', ');
}

/** The zod type for a field (required or optional as declared). */
function fieldSchema(spec: FieldSpec): ZodTypeAny {
	let schema: ZodTypeAny;
	if (spec.zod) {
		schema = spec.zod;
	} else if (spec.loadOptions && !spec.options) {
		// Listed from the account: the account, not a copy here, decides what exists. With `options` as well (the
		// values the spec documents), the dropdown shows the account's and the value is checked against the spec's.
		const value = z.string({ invalid_type_error: 'must be text' }).regex(/\S/, 'must not be blank');
		// A list also as comma-separated text, as such fields were typed before they were dropdowns.
		schema = spec.type === 'multiOptions' ? stringList : value;
	} else {
		switch (spec.type) {
			case 'number': {
				let n = z.number({ invalid_type_error: 'must be a number' });
				if (spec.integer) n = n.int('must be a whole number');
				if (spec.min !== undefined) n = n.min(spec.min, `must be at least ${spec.min}`);
				if (spec.max !== undefined) n = n.max(spec.max, `must be at most ${spec.max}`);
				// Expressions may yield numbers as text.
				schema = z.preprocess(numberFromText, n);
				break;
			}
			case 'boolean':
				schema = z.boolean({ invalid_type_error: 'must be true or false' });
				break;
			case 'optionalBoolean':
				// Expressions may yield "true" / "false" as text.
				schema = booleanValue;
				break;
			case 'options': {
				const values = (spec.options ?? []).map(([v]) => v) as [string, ...string[]];
				schema = z.enum(values, {
					errorMap: () => ({ message: `must be one of ${allowed(spec.options ?? [])}` }),
				});
				break;
			}
			case 'multiOptions': {
				const values = (spec.options ?? []).map(([v]) => v) as [string, ...string[]];
				schema = z.array(
					z.enum(values, {
						errorMap: () => ({ message: `each value must be one of ${allowed(spec.options ?? [])}` }),
					}),
				);
				break;
			}
			case 'json':
				schema = jsonValue;
				break;
			case 'unixTime':
				schema = unixSecondsValue({ future: spec.future });
				break;
			case 'isoTime':
				schema = isoTimeValue();
				break;
			case 'stringList':
				schema = stringList;
				break;
			case 'color':
				schema = z.string().regex(/^#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/, 'must be a hex color such as #000000');
				break;
			default: {
				let s = z.string({ invalid_type_error: 'must be text' });
				if (spec.maxLength !== undefined) s = s.max(spec.maxLength, `must be at most ${spec.maxLength} characters`);
				if (spec.pattern) s = s.regex(spec.pattern.regex, spec.pattern.message);
				if (spec.url) s = s.url('must be an http(s) URL').regex(/^https?:\/\//i, 'must be an http(s) URL');
				// Providers trim text and treat blank as missing: a required field must hold more than spaces.
				if (spec.required) s = s.regex(/\S/, 'must not be blank');
				// A locator's value carried over from another operation's field of the same name (typed on one operation,
				// picked on another) reads as its text.
				schema = z.preprocess((v) => (typeof v === 'number' ? String(v) : locatorValue(v, spec.locator ?? { typed: 'id' })), s);
			}
		}
	}
	if (spec.locator && spec.zod) {
		const locator = spec.locator;
		schema = z.preprocess((v) => locatorValue(v, locator), schema);
	}
	return spec.required ? schema : schema.optional();
}

/** A field declared on its own (outside an operation's list), its name, kind and own schema kept as literal types. */
export const field = <const S extends FieldSpec>(spec: S): S => spec;

/** A field that must be given: its value is never undefined. */
export type RequiredField<N extends string = string, T extends FieldType = FieldType> = FieldSpec<N, T> & { required: true };

/** What validation makes of a field of each kind (the output of its schema in fieldSchema). */
export interface FieldValues {
	string: string;
	number: number;
	boolean: boolean;
	optionalBoolean: boolean;
	options: string;
	multiOptions: string[];
	json: unknown;
	unixTime: number;
	isoTime: string;
	stringList: string[];
	color: string;
}

/**
 * The value a field gives the operation's code: what its own `zod` makes of the input where it has one, else what
 * its kind does; undefined when the field is optional (a field left empty is dropped before validation).
 */
export type FieldValue<F extends FieldSpec> =
	| (F extends { zod: infer Z extends ZodTypeAny } ? z.output<Z> : FieldValues[F['type']])
	| (F extends { required: true } ? never : undefined);

/** A collection parameter (or anything that stands for one): its name, n8n property and schema, which gives its value `V`. */
export interface CollectionSpec<N extends string = string, V = IDataObject> {
	name: N;
	property: INodeProperties;
	schema: ZodType<V | undefined, ZodTypeDef, unknown>;
}

/**
 * The value of a collection of `F`: each field by name, optional. Fields whose names are not literals (a list typed
 * FieldSpec[]) give an object of n8n values.
 */
export type CollectionValue<F extends FieldSpec> = string extends F['name'] ? IDataObject : { [S in F as S['name']]?: Exclude<FieldValue<S>, undefined> };

/**
 * The parameters an operation's code receives, by name: what the schema makes of each field (FieldValue) and
 * collection. The names are checked at compile time (a misspelt `p.roomNmae` does not compile where the operation's
 * fields have literal names). Return All, Limit and Simplify are added by the kernel.
 */
// A field whose name is not a literal (one taken from a list typed FieldSpec[]) would let any name through: such
// parameters have no names at all, so that reading one fails to compile with this message.
export type ParamsOf<F extends FieldSpec, C extends CollectionSpec<string, unknown> = never, E extends string = never> = string extends
	| F['name']
	| C['name']
	| E
	? { 'a field has no literal name: declare it with field() or FieldSpec<name>': never }
	: { [S in F as S['name']]: FieldValue<S> } & { [S in C as S['name']]: z.output<S['schema']> } & { [K in E]: unknown } & {
			returnAll?: boolean;
			limit?: number;
			simplify?: boolean;
		};

/** An n8n collection of optional fields, and the strict zod object that validates it. */
export function collection<N extends string, const F extends FieldSpec = never>(
	name: N,
	displayName: string,
	specs: F[],
	placeholder = 'Add Field',
): CollectionSpec<N, CollectionValue<F>> {
	const property: INodeProperties = {
		displayName,
		name,
		type: 'collection',
		placeholder,
		default: {},
		// n8n flags a required field inside a collection as an issue even where the collection is hidden,
		// which blocks the whole workflow: fields of a collection are optional by nature.
		options: [...specs]
			.sort((a, b) => a.displayName.localeCompare(b.displayName))
			.map((spec) => fieldProperty({ ...spec, required: false })),
	};
	const shape = Object.fromEntries(specs.map((s) => [s.name, fieldSchema({ ...s, required: false })]));
	// The object's values are the fields' schemas' outputs: CollectionValue by construction.
	return { name, property, schema: z.object(shape).strict().optional() as unknown as ZodType<CollectionValue<F> | undefined, ZodTypeDef, unknown> };
}

/** Properties and schema of an operation from its fields and collections; the schema's type names the parameters. */
export function params<const F extends FieldSpec = never, C extends CollectionSpec<string, unknown> = never, E extends string = never>(
	fields: F[],
	collections: C[] = [],
	extra: Array<INodeProperties & { name: E }> = [],
): { properties: INodeProperties[]; schema: ZodType<ParamsOf<F, C, E>, ZodTypeDef, unknown> } {
	const properties = [...fields.map(fieldProperty), ...collections.map((c) => c.property), ...extra];
	const shape: Record<string, ZodTypeAny> = Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f)]));
	for (const c of collections) shape[c.property.name] = c.schema;
	return { properties, schema: z.object(shape) as unknown as ZodType<ParamsOf<F, C, E>, ZodTypeDef, unknown> };
}

/** A documented way to set a property back to the provider's default: the value that does it, and where it is written. */
export interface Reset {
	/** The property's key as the provider names it. */
	property: string;
	/** The property's label in the Reset to Default list. */
	label: string;
	/** What the provider documents for "back to default": JSON `null`, or an empty string where the spec's enum has one. */
	value: null | '';
	/** The page or spec text that documents it. */
	source: string;
}

export const RESET_FIELD = 'resetToDefault';

/**
 * Adds "Reset to Default" to a collection: the properties chosen there are sent with the value their provider
 * documents for a reset. It is the only way an empty value is sent: the executor drops an empty field before
 * validation, so a field left empty is never sent by accident. A property both set and reset is refused.
 */
export function withResets<N extends string>(c: CollectionSpec<N>, resets: Reset[]): CollectionSpec<N> {
	const names = resets.map((r) => r.property) as [string, ...string[]];
	const reset: INodeProperties = {
		displayName: 'Reset to Default',
		name: RESET_FIELD,
		type: 'multiOptions',
		default: [],
		options: optionList(resets.map((r): OptionPair => [r.property, r.label])).sort((a, b) => a.name.localeCompare(b.name)),
		description: 'Properties to set back to the provider\'s default. Only the properties with a documented reset are listed.',
	};
	const options = [...(c.property.options as INodeProperties[]), reset].sort((a, b) => a.displayName.localeCompare(b.displayName));
	const chosen = z.array(z.enum(names)).optional();
	const schema = z.unknown().transform((value, ctx) => {
		if (!value || typeof value !== 'object' || Array.isArray(value)) return parsedInto(c.schema, value, ctx);
		const { [RESET_FIELD]: picked, ...rest } = value as Record<string, unknown>;
		const resetNames = chosen.safeParse(picked);
		if (!resetNames.success) {
			for (const issue of resetNames.error.issues) ctx.addIssue({ ...issue, path: [RESET_FIELD, ...issue.path] });
			return z.NEVER;
		}
		const set = parsedInto(c.schema, rest, ctx);
		if (set === z.NEVER) return z.NEVER;
		const both = (resetNames.data ?? []).filter((name) => set?.[name] !== undefined);
		for (const name of both) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [name], message: 'is both set and chosen in Reset to Default: keep one' });
		if (both.length) return z.NEVER;
		const values = Object.fromEntries(resets.filter((r) => resetNames.data?.includes(r.property)).map((r) => [r.property, r.value]));
		return set === undefined && !Object.keys(values).length ? undefined : { ...set, ...values };
	});
	return { ...c, property: { ...c.property, options }, schema };
}

/** Parses `value` with `schema` inside another transform: its issues become the transform's, NEVER on failure. */
function parsedInto<T>(schema: ZodType<T, ZodTypeDef, unknown>, value: unknown, ctx: z.RefinementCtx): T {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	for (const issue of result.error.issues) ctx.addIssue(issue);
	return z.NEVER;
}
