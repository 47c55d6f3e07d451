import { z } from 'zod';

/*
 * Parameter values typed as text: lists, true/false, numbers and JSON, each read one way everywhere (times are read
 * by time.ts). A value reaches a schema as the editor's text, or as whatever an expression gives (an array, a
 * boolean, an object), so each reader turns its text into the value and leaves any other value as it is, for the
 * schema to check.
 *
 * The plain readers (`…FromText`, value in, value out) are zod preprocessors, composable at a site with a twist of
 * its own: `(v) => listFromText(booleanFromText(v))` reads "true", "false" or a list. The schemas below are built
 * from them where many fields take the same value.
 */

/** Each item as text, trimmed; empty items dropped. The rule every list read here follows. */
const trimmedItems = (items: ReadonlyArray<string | number>): string[] => items.map((item) => String(item).trim()).filter((item) => item !== '');

/** Comma-separated text, or an array (from an expression), as its items: "a, b,,c" → ['a', 'b', 'c']; [' a', 1] → ['a', '1']. */
export function listItems(value: string | ReadonlyArray<string | number>): string[] {
	return trimmedItems(typeof value === 'string' ? value.split(',') : value);
}

/** Text of one item per line as its items, trimmed, blank lines dropped. */
export function lineItems(text: string): string[] {
	return trimmedItems(text.split(/\r?\n/));
}

/** Comma-separated text as its items (listItems); any other value, an array included, unchanged. */
export function listFromText(value: unknown): unknown {
	return typeof value === 'string' ? listItems(value) : value;
}

/** 'true' → true, 'false' → false (exactly these: expressions give booleans as text); any other value unchanged. */
export function booleanFromText(value: unknown): unknown {
	return value === 'true' ? true : value === 'false' ? false : value;
}

/** Text that is not blank → Number(text) (NaN when it is not a number, for the schema to refuse); any other value unchanged. */
export function numberFromText(value: unknown): unknown {
	return typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
}

/** Text → the JSON it holds (throws JSON.parse's SyntaxError when it holds none); any other value unchanged. */
export function jsonFromText(value: unknown): unknown {
	return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
}

/** A JSON parameter, typed as text or given as a value (from an expression); text that is not JSON: "must be valid JSON". */
export const jsonValue = z.unknown().transform((value, ctx) => {
	try {
		return jsonFromText(value);
	} catch {
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be valid JSON' });
		return z.NEVER;
	}
});

/** JSON text or a value that must be an object (not a list, not a scalar). */
export const jsonObject = jsonValue.pipe(z.record(z.unknown(), { errorMap: () => ({ message: 'must be a JSON object, e.g. {"key": "value"}' }) }));

/** A comma-separated text or an array of texts and numbers, as a list of non-empty strings (listItems). */
export const stringList = z.union([z.string(), z.array(z.union([z.string(), z.number()]))]).transform(listItems);

/** A boolean, or 'true' / 'false' as text; anything else: "must be true or false". */
export const booleanValue = z.preprocess(booleanFromText, z.boolean({ invalid_type_error: 'must be true or false' }));
