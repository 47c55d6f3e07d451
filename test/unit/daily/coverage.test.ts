import { dailyResources } from '../../../nodes/Daily/resources';
import { declaredRequest, type OperationDescriptor, type RequestSpec } from '../../../nodes/shared/model/descriptor';
import { parametersOf, PLACEHOLDER_ID } from '../../helpers/placeholders';
import { recordingContext } from '../../helpers/recordingContext';
import { loadDailySpec } from '../../simulators/daily/spec';
import { parameterErrors, schemaErrors } from '../../simulators/openapi';

/**
 * The Daily node against Daily's contract (test/fixtures/daily-openapi.json + test/fixtures/daily-openapi-overlay.json,
 * 75 operations). Every descriptor is run with every parameter filled (each collection with all its options), its
 * calls are recorded, and:
 * - every operation of the contract must be reached by some descriptor;
 * - every query key and body key a call sends must be declared by its operation (`additionalProperties: false`
 *   bodies, declared query parameters, no body where the operation takes none).
 * What is missing or wrong today is listed in KNOWN_GAPS (other branches fix it); the test fails on anything new
 * and on any entry that is no longer true, so the list can only shrink.
 */

/** Empty since the 21 missing operations and the wrong keys were fixed (2026-12-01); an entry is a gap the code admits. */
const KNOWN_GAPS: { missingOperations: string[]; wrongKeys: string[] } = {
	missingOperations: [],
	wrongKeys: [],
};

const ID = PLACEHOLDER_ID;

interface Call {
	op: OperationDescriptor;
	spec: RequestSpec;
}

async function recordCalls(): Promise<Call[]> {
	const calls: Call[] = [];
	for (const resource of dailyResources) {
		for (const op of resource.operations) {
			const record = (spec: RequestSpec) => {
				// The kernel adds the page size and cursor (or offset) to every paginated call.
				const qs = { ...(spec.qs ?? {}) };
				if (op.paginate) {
					qs.limit = 1;
					if (op.paginate.style === 'cursor') qs[op.paginate.cursorParam] = ID;
					else qs.offset = 1;
				}
				calls.push({ op, spec: { ...spec, qs } });
			};
			const ctx = recordingContext({ apiKey: 'k' }, { id: ID, status: 'finished', data: [], total_count: 0, download_link: 'https://x.example.com/f' }, record);
			const params = parametersOf(op);
			try {
				if (op.request) record(declaredRequest(op, op.request(params as never)));
				else if (op.run) await op.run(ctx, params as never);
				else if (op.fileLink) await op.fileLink(ctx, params as never);
			} catch {
				// A placeholder a descriptor cannot use; the calls made so far are recorded.
			}
		}
	}
	return calls;
}

const KEY_ERROR = /^(is not allowed|is not a query parameter)/;

async function audit() {
	const contract = loadDailySpec();
	const calls = await recordCalls();
	const reached = new Set<string>();
	const wrongKeys = new Set<string>();
	for (const { op: descriptor, spec } of calls) {
		const where = `${descriptor.resource}.${descriptor.operation}`;
		const [pathOnly, inlineQuery] = spec.path.split('?');
		const found = contract.match(spec.method, pathOnly);
		if (!found) {
			wrongKeys.add(`${where}: ${spec.method} ${pathOnly} is not an operation of the contract`);
			continue;
		}
		reached.add(found.op.key);
		const query = new URLSearchParams(inlineQuery ?? '');
		for (const [k, v] of Object.entries(spec.qs ?? {})) if (v !== undefined) query.set(k, String(v));
		const errors = parameterErrors(found.op, query, found.params).filter((e) => KEY_ERROR.test(e.message));
		const body = spec.body;
		const hasBody = body !== undefined && !(typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0);
		if (!found.op.bodySchema && hasBody) errors.push({ field: 'body', message: 'is not allowed (the operation takes no body)' });
		if (found.op.bodySchema && hasBody && typeof body !== 'function' && !Buffer.isBuffer(body)) {
			errors.push(...schemaErrors(found.op.bodySchema, body).filter((e) => KEY_ERROR.test(e.message)));
		}
		for (const e of errors) wrongKeys.add(`${where} → ${found.op.key}: ${e.field} ${e.message.replace(/ \(allowed:.*$/, '')}`);
	}
	return {
		operations: contract.operations.length,
		missingOperations: contract.operations.map((op) => op.key).filter((key) => !reached.has(key)).sort(),
		wrongKeys: [...wrongKeys].sort(),
	};
}

let result: Awaited<ReturnType<typeof audit>>;
beforeAll(async () => {
	result = await audit();
});

it('the contract has 75 operations (60 in the spec file, 15 from the overlay)', () => {
	expect(result.operations).toBe(75);
});

it('reaches every operation of the contract (but the known gaps)', () => {
	expect(result.missingOperations.filter((op) => !KNOWN_GAPS.missingOperations.includes(op))).toEqual([]);
});

it('sends no query or body key the contract does not declare (but the known gaps)', () => {
	expect(result.wrongKeys.filter((key) => !KNOWN_GAPS.wrongKeys.includes(key))).toEqual([]);
});

it('lists no known gap that is in fact covered (empty KNOWN_GAPS as the fixes land)', () => {
	expect(KNOWN_GAPS.missingOperations.filter((op) => !result.missingOperations.includes(op))).toEqual([]);
	expect(KNOWN_GAPS.wrongKeys.filter((key) => !result.wrongKeys.includes(key))).toEqual([]);
});
