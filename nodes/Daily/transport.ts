import type { IDataObject } from 'n8n-workflow';
import type { ProviderTransport } from '../shared/model/provider';
import { trimBaseUrl } from '../shared/model/provider';

const DAILY_BASE_URL = 'https://api.daily.co/v1';

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
	// Windows as Daily documents them, so a burst of 20 goes at once and no window is overrun.
	rateClasses: {
		// Most calls: 20 per second, or 100 per 5 s.
		default: { windows: [{ limit: 20, ms: 1000 }, { limit: 100, ms: 5000 }] },
		// DELETE /rooms/:name and GET /recordings: about 2 per second, or 50 per 30 s.
		slow: { windows: [{ limit: 2, ms: 1000 }, { limit: 50, ms: 30_000 }] },
		// Starting a recording, live stream or call: about 1 per second, or 5 per 5 s.
		start: { windows: [{ limit: 1, ms: 1000 }, { limit: 5, ms: 5000 }] },
		// POST/DELETE /batch/rooms: about 10 per 30 s.
		batch: { windows: [{ limit: 10, ms: 30_000 }] },
	},
	// As many in flight as one second's window lets through, so that slow answers do not leave it unused.
	concurrency: 20,
	secrets: (credentials: IDataObject) => [String(credentials.apiKey ?? '')],
};
