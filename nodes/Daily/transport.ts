import type { IDataObject } from 'n8n-workflow';
import type { ProviderTransport } from '../shared/provider';
import { trimBaseUrl } from '../shared/provider';

export const DAILY_BASE_URL = 'https://api.daily.co/v1';

/** Daily's limits (reference/providers.md §1.1): 20/s generally, ~2/s and ~1/s for some calls. */
export const dailyTransport: ProviderTransport = {
	displayName: 'Daily',
	credentialType: 'dailyApi',
	baseUrl: (credentials: IDataObject) => trimBaseUrl(credentials.baseUrl, DAILY_BASE_URL),
	describeError(statusCode, body) {
		// Daily answers { error: <type>, info?: <text> }; a 401 may carry no info.
		const { error, info } = (body ?? {}) as { error?: unknown; info?: unknown };
		const type = typeof error === 'string' ? error : undefined;
		const message =
			typeof info === 'string' && info !== ''
				? info
				: statusCode === 401
					? 'The API key was refused; check the Daily credential'
					: (type ?? `HTTP ${statusCode}`);
		return { message, type };
	},
	rateClasses: {
		default: { capacity: 20, perSecond: 20 },
		// DELETE /rooms/:name and GET /recordings: 50 per 30 s.
		slow: { capacity: 2, perSecond: 50 / 30 },
		// Starting a recording, live stream or call: 5 per 5 s.
		start: { capacity: 1, perSecond: 1 },
		// POST/DELETE /batch/rooms: about 10 per 30 s.
		batch: { capacity: 1, perSecond: 10 / 30 },
	},
	secrets: (credentials: IDataObject) => [String(credentials.apiKey ?? '')],
};
