/** The claims of a JWT, without verifying it: what a token the nodes signed carries. */
export function decodeJwt(token: string): Record<string, unknown> {
	const [, body] = token.split('.');
	return JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8'));
}
