import type { IDataObject } from 'n8n-workflow';
import type { Pagination } from '../shared/model/descriptor';
import type { ProviderTransport } from '../shared/model/provider';
import { trimBaseUrl } from '../shared/model/provider';

const DIGITAL_SAMBA_BASE_URL = 'https://api.digitalsamba.com/api/v1';

/** Digital Samba's API (reference/providers.md §2): `{message, error}` errors, 1000 requests a minute. */
export const digitalSambaTransport: ProviderTransport = {
	displayName: 'Digital Samba',
	credentialType: 'digitalSambaApi',
	baseUrl: (credentials: IDataObject) => trimBaseUrl(credentials.baseUrl, DIGITAL_SAMBA_BASE_URL),
	describeError(statusCode, body) {
		const { message, error, errors } = (body ?? {}) as { message?: unknown; error?: unknown; errors?: unknown };
		const type = typeof error === 'string' ? error : undefined;
		let text = typeof message === 'string' && message !== '' ? message : (type ?? `HTTP ${statusCode}`);
		// Laravel-style validation errors: { errors: { field: [messages] } }.
		if (errors && typeof errors === 'object') {
			const details = Object.entries(errors as Record<string, unknown>)
				.map(([field, list]) => `${field}: ${Array.isArray(list) ? list.join(' ') : String(list)}`)
				.join('; ');
			if (details) text = `${text} (${details})`;
		}
		if (statusCode === 401 && text === `HTTP ${statusCode}`) text = 'The developer key was refused; check the Digital Samba credential';
		return { message: text, type };
	},
	rateClasses: {
		// 1000 per minute, as documented: a window counted from the answers never overruns the server's minute.
		default: { windows: [{ limit: 1000, ms: 60_000 }] },
	},
	// With a Team ID the key travels as Basic base64(teamId:key): the pair is a secret of its own.
	secrets: (credentials: IDataObject) => {
		const key = String(credentials.developerKey ?? '');
		return credentials.teamId ? [key, `${String(credentials.teamId)}:${key}`] : [key];
	},
};

/** Digital Samba lists: `limit` (max 100) and `offset`, answered as `{data, total_count}` or a bare array. */
export const dsOffset: Pagination = { style: 'offset', itemsPath: 'data', maxPageSize: 100 };
