import { createHmac } from 'crypto';

function base64url(input: string): string {
	return Buffer.from(input, 'utf8').toString('base64url');
}

/** An HS256 JSON Web Token, signed locally; the key never leaves this process. */
export function signHs256(payload: Record<string, unknown>, key: string): string {
	const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
	const body = base64url(JSON.stringify(payload));
	const signature = createHmac('sha256', key).update(`${header}.${body}`).digest('base64url');
	return `${header}.${body}.${signature}`;
}
