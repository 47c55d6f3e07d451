import { isLocatorValue, locatorProperty, locatorValue } from '../../../../nodes/shared/parameters/locator';

const spec = { list: 'searchRooms', typed: 'name' as const, url: { regex: 'https://[^/]+\\.example\\.com/([^/?#]+)', placeholder: 'e.g. https://acme.example.com/standup' } };

it('reads the identifier of each mode n8n saves, and a plain value saved before the picker', () => {
	expect(locatorValue({ __rl: true, mode: 'list', value: 'standup' }, spec)).toBe('standup');
	expect(locatorValue({ __rl: true, mode: 'name', value: 'standup' }, spec)).toBe('standup');
	expect(locatorValue({ __rl: true, mode: 'url', value: 'https://acme.example.com/standup?t=x' }, spec)).toBe('standup');
	// A URL that does not match is left as typed, for validation to name.
	expect(locatorValue({ __rl: true, mode: 'url', value: 'https://elsewhere.org/x' }, spec)).toBe('https://elsewhere.org/x');
	expect(locatorValue('standup', spec)).toBe('standup');
	expect(isLocatorValue({ mode: 'list', value: 'x' })).toBe(false);
});

it('offers the list first, then the typed mode and the URL, the list as default', () => {
	const property = locatorProperty({ displayName: 'Room Name', name: 'roomName', description: 'The room', required: true }, spec);
	expect(property.type).toBe('resourceLocator');
	expect(property.default).toEqual({ mode: 'list', value: '' });
	expect(property.modes?.map((m) => [m.name, m.displayName])).toEqual([['list', 'From List'], ['name', 'By Name'], ['url', 'By URL']]);
	expect(property.modes?.[0].typeOptions).toEqual({ searchListMethod: 'searchRooms', searchable: true });
	expect(property.modes?.[2].extractValue).toEqual({ type: 'regex', regex: spec.url.regex });
});
