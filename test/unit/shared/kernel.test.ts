import nock from 'nock';
import { z } from 'zod';
import type { HttpResult, RequestSpec } from '../../../nodes/shared/model/descriptor';
import { redact } from '../../../nodes/shared/http/errors';
import { collection, fieldProperty, params } from '../../../nodes/shared/parameters/fields';
import { backoffDelay, defaultRetryPolicy, parseRetryAfter } from '../../../nodes/shared/http/send';
import { paginate } from '../../../nodes/shared/http/paginate';
import { mapInOrder } from '../../../nodes/shared/run/pool';
import { buildProperties } from '../../../nodes/shared/describe/properties';
import { acquire, resetRateLimits } from '../../../nodes/shared/http/rateLimit';
import { fieldLabel } from '../../../nodes/shared/parameters/validate';
import { cuesToText, parseWebVtt } from '../../../nodes/shared/formats/webvtt';

afterAll(() => nock.restore());

describe('pool', () => {
	it('bounds concurrency and keeps results in input order', async () => {
		let running = 0;
		let peak = 0;
		const results = await mapInOrder([50, 10, 30, 5, 20, 1], 3, async (ms, i) => {
			running++;
			peak = Math.max(peak, running);
			await new Promise((r) => setTimeout(r, ms));
			running--;
			return i;
		});
		expect(results).toEqual([0, 1, 2, 3, 4, 5]);
		expect(peak).toBe(3);
	});

	it('starts nothing new after a failure and throws the lowest failed index', async () => {
		const started: number[] = [];
		await expect(
			mapInOrder([0, 1, 2, 3, 4, 5], 2, async (_v, i) => {
				started.push(i);
				if (i === 1) throw new Error('one');
				return i;
			}),
		).rejects.toThrow('one');
		expect(started.length).toBeLessThan(6);
	});
});

describe('paginate', () => {
	const pages = (total: number) => Array.from({ length: total }, (_, i) => ({ id: `x${i}` }));

	it('walks offset pages until a short page', async () => {
		const all = pages(230);
		const asked: unknown[] = [];
		const send = async (spec: RequestSpec): Promise<HttpResult> => {
			asked.push(spec.qs);
			const { limit, offset } = spec.qs as { limit: number; offset: number };
			return { statusCode: 200, headers: {}, body: { total_count: '230', data: all.slice(offset, offset + limit) }, attempts: 1 };
		};
		const out: unknown[] = [];
		for await (const e of paginate(send, { method: 'GET', path: '/rooms', qs: { order: 'asc' } }, { style: 'offset', itemsPath: 'data', maxPageSize: 100 })) out.push(e);
		expect(out).toEqual(all);
		expect(asked).toEqual([
			{ order: 'asc', limit: 100, offset: 0 },
			{ order: 'asc', limit: 100, offset: 100 },
			{ order: 'asc', limit: 100, offset: 200 },
		]);
	});

	it('reads bare-array pages and stops when a server ignores the cursor', async () => {
		let calls = 0;
		const send = async (): Promise<HttpResult> => {
			calls++;
			return { statusCode: 200, headers: {}, body: [{ id: 'a' }, { id: 'b' }], attempts: 1 };
		};
		const out: unknown[] = [];
		for await (const e of paginate(send, { method: 'GET', path: '/x' }, { style: 'cursor', idField: 'id', cursorParam: 'starting_after', itemsPath: 'data', maxPageSize: 2 })) out.push(e);
		expect(calls).toBe(2);
		// The repeated page is recognised before its entries are output a second time.
		expect(out).toEqual([{ id: 'a' }, { id: 'b' }]);
	});
});

describe('retry timing', () => {
	it('reads Retry-After as seconds or an HTTP date', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter(['0'])).toBe(0);
		const now = Date.parse('2026-11-23T12:00:00Z');
		expect(parseRetryAfter('Mon, 23 Nov 2026 12:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});

	it('backs off exponentially with full jitter, capped', () => {
		const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(backoffDelay(0, policy, () => 1)).toBe(100);
		expect(backoffDelay(3, policy, () => 1)).toBe(800);
		expect(backoffDelay(6, policy, () => 1)).toBe(1000);
		expect(backoffDelay(6, policy, () => 0)).toBe(0);
		expect(backoffDelay(2, policy, () => 0.5)).toBe(200);
	});
});

describe('rate limiter', () => {
	beforeEach(() => resetRateLimits());

	it('keeps credentials apart and applies a named class on top of the default', async () => {
		const classes = { default: { windows: [{ limit: 100, ms: 1000 }] }, slow: { windows: [{ limit: 1, ms: 100 }] } };
		const start = Date.now();
		const releases = await Promise.all([acquire('a', classes, 'slow'), acquire('b', classes, 'slow')]);
		expect(Date.now() - start).toBeLessThan(50);
		releases.forEach((release) => release?.());
		(await acquire('a', classes, 'slow'))?.();
		(await acquire('a', classes, 'slow'))?.();
		expect(Date.now() - start).toBeGreaterThanOrEqual(180);
	});
});

describe('secrets', () => {
	it('redacts a secret and its base64 form', () => {
		const text = `key sk_live_123456 and ${Buffer.from('sk_live_123456').toString('base64')}`;
		expect(redact(text, ['sk_live_123456'])).toBe('key [redacted] and [redacted]');
	});
});

describe('fields', () => {
	const props = params(
		[{ displayName: 'Room Name', name: 'roomName', type: 'string', default: '', required: true, description: 'Room', pattern: { regex: /^[a-z]+$/, message: 'lowercase only' } }],
		[collection('properties', 'Room Properties', [{ displayName: 'Expires At', name: 'exp', type: 'unixTime', default: '', description: 'Expiry' }])],
	);

	it('derives n8n properties and a schema that agree', () => {
		expect(props.properties.map((p) => p.name)).toEqual(['roomName', 'properties']);
		expect(props.properties[0]).toMatchObject({ type: 'string', required: true });
		expect(props.schema.safeParse({ roomName: 'abc', properties: { exp: '2030-01-01T00:00:00Z' } })).toMatchObject({ success: true, data: { properties: { exp: 1893456000 } } });
		expect(props.schema.safeParse({ roomName: 'ABC' }).success).toBe(false);
		expect(props.schema.safeParse({ roomName: 'abc', properties: { nope: 1 } }).success).toBe(false);
	});

	it('labels nested fields with display names and the path', () => {
		expect(fieldLabel(props.properties, ['properties', 'exp'])).toBe('Room Properties → Expires At (properties.exp)');
		expect(fieldLabel(props.properties, ['roomName'])).toBe('Room Name (roomName)');
		expect(fieldLabel(props.properties, ['rooms', 2, 'name'])).toBe('rooms → name (rooms[2].name)');
	});

	it('numbers from expressions may arrive as text', () => {
		const schema = params([{ displayName: 'N', name: 'n', type: 'number', default: 0, required: true, description: 'n', integer: true, min: 1 }]).schema;
		expect(schema.parse({ n: '5' })).toEqual({ n: 5 });
		expect(schema.safeParse({ n: 'five' }).success).toBe(false);
		expect(schema.safeParse({ n: 1.5 }).success).toBe(false);
		expect(schema.safeParse({}).success).toBe(false);
	});

	it('gives options their allowed values in the error', () => {
		const spec = { displayName: 'P', name: 'p', type: 'options' as const, default: '', required: true, description: 'p', options: [['a', 'A'], ['b', 'B']] as Array<[string, string]> };
		const result = params([spec]).schema.safeParse({ p: 'c' });
		expect(result.success).toBe(false);
		expect(result.error!.issues[0].message).toBe("must be one of 'a', 'b'");
		expect(fieldProperty(spec).options).toEqual([{ name: 'A', value: 'a' }, { name: 'B', value: 'b' }]);
	});
});

describe('buildProperties', () => {
	it('adds Return All and Limit to list operations and shows each parameter only for its operation', () => {
		const schema = z.object({});
		const properties = buildProperties([
			{ value: 'thing', name: 'Thing', operations: [
				{ resource: 'thing', operation: 'getAll', name: 'Get Many', action: 'Get many things', description: 'List', properties: [], schema, paginate: { style: 'offset', maxPageSize: 100 } },
				{ resource: 'thing', operation: 'get', name: 'Get', action: 'Get a thing', description: 'One', properties: [{ displayName: 'ID', name: 'id', type: 'string', default: '' }], schema },
			] },
		]);
		const names = properties.map((p) => p.name);
		expect(names).toEqual(['resource', 'operation', 'returnAll', 'limit', 'id']);
		const limit = properties.find((p) => p.name === 'limit')!;
		expect(limit.displayOptions?.show).toEqual({ resource: ['thing'], operation: ['getAll'], returnAll: [false] });
		expect(limit.typeOptions).toEqual({ minValue: 1 });
		const operation = properties.find((p) => p.name === 'operation')!;
		expect((operation.options as Array<{ value: string }>).map((o) => o.value)).toEqual(['get', 'getAll']);
	});
});

describe('WebVTT', () => {
	it('reads voice tags and "Name:" prefixes, joining consecutive cues of a speaker', () => {
		const cues = parseWebVtt('WEBVTT\r\n\r\n00:00.000 --> 00:01.000\r\n<v.loud Ann>Hi <b>all</b>\r\n\r\n00:01.000 --> 00:02.000\r\nAnn: again\r\n\r\nNOTE a comment\r\n\r\n00:03.000 --> 00:04.000\r\nno speaker here\r\n');
		expect(cues).toEqual([
			{ start: '00:00.000', end: '00:01.000', speaker: 'Ann', text: 'Hi all' },
			{ start: '00:01.000', end: '00:02.000', speaker: 'Ann', text: 'again' },
			{ start: '00:03.000', end: '00:04.000', speaker: undefined, text: 'no speaker here' },
		]);
		expect(cuesToText(cues)).toBe('Ann: Hi all again\nno speaker here');
	});
});
