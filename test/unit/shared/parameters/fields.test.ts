import { collection, fieldProperty, params } from '../../../../nodes/shared/parameters/fields';
import { fieldLabel } from '../../../../nodes/shared/parameters/validate';

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
