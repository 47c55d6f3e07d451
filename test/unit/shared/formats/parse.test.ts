import {
	booleanFromText,
	booleanValue,
	jsonFromText,
	jsonObject,
	jsonValue,
	lineItems,
	listFromText,
	listItems,
	numberFromText,
	stringList,
} from '../../../../nodes/shared/formats/parse';

/** The first issue's message of a failed parse (undefined when the value passed). */
const message = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) => result.error?.issues[0].message;

describe('lists', () => {
	it.each([
		['a, b,,c ', ['a', 'b', 'c']],
		['one', ['one']],
		[' , ,', []],
		['', []],
		[[' a ', '', 'b'], ['a', 'b']],
		[['x', 7], ['x', '7']],
		[['a,b'], ['a,b']],
	])('listItems(%p) → %p', (input, items) => {
		expect(listItems(input)).toEqual(items);
	});

	it('lineItems reads one item per line, \\n or \\r\\n, blank lines dropped, commas kept', () => {
		expect(lineItems(' Monday \r\n\r\nTuesday, or later\n  \n')).toEqual(['Monday', 'Tuesday, or later']);
	});

	it('listFromText splits text only; arrays and other values stay as they are', () => {
		expect(listFromText('video, audio')).toEqual(['video', 'audio']);
		expect(listFromText('')).toEqual([]);
		const list = [' video ', ''];
		expect(listFromText(list)).toBe(list);
		expect(listFromText(true)).toBe(true);
		expect(listFromText(undefined)).toBeUndefined();
	});

	it('stringList takes text or an array of texts and numbers, and refuses anything else', () => {
		expect(stringList.parse('a, b')).toEqual(['a', 'b']);
		expect(stringList.parse([' 1', 2, ''])).toEqual(['1', '2']);
		expect(stringList.safeParse(true).success).toBe(false);
		expect(stringList.safeParse([true]).success).toBe(false);
	});
});

describe('booleans', () => {
	it.each([
		['true', true],
		['false', false],
		[true, true],
		['TRUE', 'TRUE'],
		[' true', ' true'],
		['yes', 'yes'],
		[1, 1],
	])('booleanFromText(%p) → %p', (input, output) => {
		expect(booleanFromText(input)).toBe(output);
	});

	it('booleanValue takes a boolean or its text, and says what it wants otherwise', () => {
		expect(booleanValue.parse('false')).toBe(false);
		expect(booleanValue.parse(true)).toBe(true);
		expect(message(booleanValue.safeParse('yes'))).toBe('must be true or false');
		expect(message(booleanValue.safeParse(1))).toBe('must be true or false');
	});
});

describe('numbers', () => {
	it.each([
		['42', 42],
		[' 1.5 ', 1.5],
		[7, 7],
		['', ''],
		['  ', '  '],
		[false, false],
	])('numberFromText(%p) → %p', (input, output) => {
		expect(numberFromText(input)).toBe(output);
	});

	it('gives NaN for text that is not a number, for the schema to refuse', () => {
		expect(numberFromText('soon')).toBeNaN();
	});
});

describe('JSON', () => {
	it('jsonFromText parses text and leaves values as they are', () => {
		expect(jsonFromText('{"a": [1, true]}')).toEqual({ a: [1, true] });
		expect(jsonFromText(' "text" ')).toBe('text');
		const value = { a: 1 };
		expect(jsonFromText(value)).toBe(value);
		expect(jsonFromText(undefined)).toBeUndefined();
		expect(() => jsonFromText('{oops')).toThrow(SyntaxError);
	});

	it('jsonValue reads text or a value, and refuses text that is not JSON', () => {
		expect(jsonValue.parse('[1, 2]')).toEqual([1, 2]);
		expect(jsonValue.parse(5)).toBe(5);
		expect(message(jsonValue.safeParse('{oops'))).toBe('must be valid JSON');
	});

	it('jsonObject wants an object, as text or as a value', () => {
		expect(jsonObject.parse('{"key": "value"}')).toEqual({ key: 'value' });
		expect(jsonObject.parse({ key: 1 })).toEqual({ key: 1 });
		expect(message(jsonObject.safeParse('[1]'))).toBe('must be a JSON object, e.g. {"key": "value"}');
		expect(message(jsonObject.safeParse('"text"'))).toBe('must be a JSON object, e.g. {"key": "value"}');
		expect(message(jsonObject.safeParse('{'))).toBe('must be valid JSON');
	});
});

describe('composed at a site', () => {
	it('"true", "false" or a list (booleans first)', () => {
		const allOrSome = (v: unknown) => listFromText(booleanFromText(v));
		expect(allOrSome('true')).toBe(true);
		expect(allOrSome('false')).toBe(false);
		expect(allOrSome('video, audio')).toEqual(['video', 'audio']);
		expect(allOrSome(['video'])).toEqual(['video']);
	});

	it('"true", "false" or a number', () => {
		const millisOrFlag = (v: unknown) => numberFromText(booleanFromText(v));
		expect(millisOrFlag('false')).toBe(false);
		expect(millisOrFlag('300')).toBe(300);
	});
});
