import { signHs256 } from '../../../../nodes/shared/formats/jwt';

/** HS256 JSON Web Tokens (RFC 7519), checked against the example token jwt.io publishes for this header, payload and key. */
it('signs the jwt.io example to the token jwt.io shows', () => {
	const token = signHs256({ sub: '1234567890', name: 'John Doe', iat: 1516239022 }, 'your-256-bit-secret');
	expect(token).toBe(
		'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
	);
});

it('writes base64url without padding, so the token fits a URL', () => {
	const token = signHs256({ room: 'a?b/c', n: 1 }, 'k');
	expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
	expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'))).toEqual({ room: 'a?b/c', n: 1 });
});
