import { defaultRetryPolicy, retryPolicyOf } from '../../../../nodes/shared/http/send';
import { type ProviderTransport, trimBaseUrl, withRetryPolicy } from '../../../../nodes/shared/model/provider';

const transport: ProviderTransport = {
	displayName: 'Example',
	credentialType: 'exampleApi',
	baseUrl: () => 'https://api.example.com',
	describeError: () => ({ message: 'failed' }),
	secrets: () => [],
};

it('trims the trailing slashes and spaces of a typed base URL, and falls back when it is empty', () => {
	expect(trimBaseUrl(' https://api.example.com/v1/// ', 'https://fallback')).toBe('https://api.example.com/v1');
	expect(trimBaseUrl('', 'https://fallback/')).toBe('https://fallback');
	expect(trimBaseUrl(undefined, 'https://fallback')).toBe('https://fallback');
});

it('gives a transport a node\'s own retry policy, and leaves it as it is without one', () => {
	const fast = { ...defaultRetryPolicy, baseDelayMs: 1, maxDelayMs: 2 };
	expect(withRetryPolicy(transport, undefined)).toBe(transport);
	expect(retryPolicyOf(withRetryPolicy(transport, fast))).toBe(fast);
	expect(retryPolicyOf(transport)).toBe(defaultRetryPolicy);
	// The transport shared by every node is not changed.
	expect(transport.retryPolicy).toBeUndefined();
});
