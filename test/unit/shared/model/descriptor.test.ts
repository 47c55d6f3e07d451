import { z } from 'zod';
import { operationProperties } from '../../../../nodes/shared/describe/properties';
import { declaredRequest, type OperationDescriptor, propertyOf } from '../../../../nodes/shared/model/descriptor';

/**
 * The operation model. Its kinds are checked by the compiler: `npm run lint` runs tsc over the tests, and each
 * `@ts-expect-error` below fails it if the descriptor it marks compiles.
 */
const base = { resource: 'thing', operation: 'do', name: 'Do', action: 'Do a thing', description: 'Do it', properties: [], schema: z.object({}), repeatable: true };
const request = () => ({ method: 'GET' as const, path: '/things' });

it('an operation is a call, a list, a file (answered or behind a link) or code of its own; one that does nothing, or two things, does not compile', () => {
	const kinds: OperationDescriptor[] = [
		{ ...base, request },
		{ ...base, request, paginate: { style: 'offset', maxPageSize: 100 } },
		{ ...base, request, binaryOutput: { fileName: () => 'thing.csv' } },
		{ ...base, fileLink: async () => ({ url: 'https://files.example.com/x.mp4', fileName: 'x.mp4' }) },
		{ ...base, run: async () => ({ done: true }) },
	];
	// @ts-expect-error: no request and no code of its own
	const nothing: OperationDescriptor = { ...base };
	// @ts-expect-error: a request and code of its own
	const both: OperationDescriptor = { ...base, request, run: async () => ({}) };
	// @ts-expect-error: a list's entries are its output; it declares no output of its own
	const listWithOutput: OperationDescriptor = { ...base, request, paginate: { style: 'offset', maxPageSize: 100 }, output: () => ({}) };
	// What each kind asks of the user besides its own fields: a list n8n's Return All and Limit, a file the field to put it in.
	expect(kinds.map((op) => operationProperties(op).map((p) => p.name))).toEqual([[], ['returnAll', 'limit'], ['binaryPropertyName'], ['binaryPropertyName'], []]);
	// Marked above for the compiler; never run.
	void [nothing, both, listWithOutput];
});

it('sends a declared request as repeatable as its operation', () => {
	expect(declaredRequest({ repeatable: false }, request())).toEqual({ method: 'GET', path: '/things', repeatable: false });
	// @ts-expect-error: a declared request cannot say it; the operation does
	expect(declaredRequest({ repeatable: true }, { ...request(), repeatable: false }).repeatable).toBe(true);
});

it('reads a property of an answer of unknown shape', () => {
	expect(propertyOf({ data: [1] }, 'data')).toEqual([1]);
	expect(propertyOf(null, 'data')).toBeUndefined();
	expect(propertyOf(undefined, 'data')).toBeUndefined();
});
