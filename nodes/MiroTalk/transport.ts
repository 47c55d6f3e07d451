import type { IDataObject } from 'n8n-workflow';
import type { ProviderTransport } from '../shared/model/provider';

/** The four MiroTalk products that share the `/api/v1` family (reference/providers.md §3). */
export type Product = 'sfu' | 'p2p' | 'c2c' | 'bro';

export const PRODUCTS: Product[] = ['sfu', 'p2p', 'c2c', 'bro'];

export const PRODUCT_LABEL: Record<Product, string> = {
	sfu: 'MiroTalk SFU',
	p2p: 'MiroTalk P2P',
	c2c: 'MiroTalk C2C',
	bro: 'MiroTalk BRO',
};

/**
 * The server switch that gates an endpoint: a key of `config.api.allowed` on SFU
 * (env `API_ALLOW_<KEY>`), an entry of the `API_DISABLED` deny-list on P2P.
 */
export type EndpointSwitch = 'stats' | 'meetings' | 'meeting' | 'meetingEnd' | 'join' | 'token' | 'activeRooms';

/** SFU switches that are off unless the env var is exactly 'true'. */
const SFU_DEFAULT_OFF: EndpointSwitch[] = ['meetings', 'meetingEnd', 'token'];
/** P2P's default `API_DISABLED`. */
const P2P_DEFAULT_DISABLED: EndpointSwitch[] = ['token', 'meetings'];

const DISABLED = /endpoint has been disabled/i;
/** An HTML page where the API answers JSON: SFU and P2P send their 404 page, with HTTP 200, for a route they lack. */
const HTML = /^\s*</;
const UNAUTHORIZED = /^unauthorized/i;

/** `API_ALLOW_MEETING_END` for `meetingEnd`. */
export function sfuSetting(key: EndpointSwitch): string {
	return `API_ALLOW_${key.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

/** The sentence that tells the administrator which server setting turns the endpoint on. */
export function enableHint(product: Product, key: EndpointSwitch | undefined): string {
	// Not an API switch: the home page's list of active rooms, off by default (SFU config.ui.rooms.showActive,
	// P2P hostCfg.showActiveRooms).
	if (key === 'activeRooms' && (product === 'sfu' || product === 'p2p')) {
		return `Set SHOW_ACTIVE_ROOMS=true in the ${PRODUCT_LABEL[product]} server's environment (off by default) and restart the server.`;
	}
	if (product === 'sfu') {
		if (!key) return 'Turn the endpoint on in the api.allowed section of the MiroTalk SFU server configuration.';
		const offByDefault = SFU_DEFAULT_OFF.includes(key);
		return (
			`Set ${sfuSetting(key)}=true in the MiroTalk SFU server's environment (api.allowed.${key} in its config; ` +
			`${offByDefault ? 'off by default' : 'on by default, so it was switched off'}) and restart the server.`
		);
	}
	if (product === 'p2p') {
		if (!key) return 'Remove the endpoint from API_DISABLED in the MiroTalk P2P server\'s environment.';
		const rest = P2P_DEFAULT_DISABLED.filter((k) => k !== key);
		return (
			`Remove "${key}" from API_DISABLED in the MiroTalk P2P server's environment ` +
			`(a JSON array, ${JSON.stringify(P2P_DEFAULT_DISABLED)} by default; e.g. API_DISABLED=${JSON.stringify(rest)}) and restart the server.`
		);
	}
	return 'This MiroTalk server has no switch for it; ask its administrator.';
}

/** Server URL as typed, without trailing slashes or a pasted `/api/v1`. */
function serverRoot(serverUrl: unknown): string {
	return String(serverUrl ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/api\/v1$/i, '')
		.replace(/\/+$/, '');
}

/** Whether the credential's Server URL is an http(s) URL the node can call. */
export function isHttpUrl(value: unknown): boolean {
	const root = serverRoot(value);
	if (!/^https?:\/\/[^\s/?#]+/i.test(root)) return false;
	try {
		new URL(root);
		return true;
	} catch {
		return false;
	}
}

/**
 * MiroTalk's transport for one product and the endpoint switch of the operation being run,
 * so that a disabled-endpoint answer can name the server setting that enables it.
 * Errors are `{error}` (stats and end add `success:false`); C2C and BRO answer unknown routes
 * with HTTP 200 `{"data":"404 not found"}`. Self-hosted servers document no rate limit.
 */
export function miroTalkTransport(product: Product, endpoint?: EndpointSwitch): ProviderTransport {
	const label = PRODUCT_LABEL[product];
	return {
		displayName: label,
		credentialType: 'miroTalkApi',
		baseUrl: (credentials: IDataObject) => `${serverRoot(credentials.serverUrl)}/api/v1`,
		describeError(statusCode, body) {
			const { error, message, data } = (body ?? {}) as { error?: unknown; message?: unknown; data?: unknown };
			const text = typeof error === 'string' ? error : typeof message === 'string' ? message : undefined;
			if (typeof message === 'string' && HTML.test(message)) {
				return {
					message:
						`The server answered with an HTML page, not the API's JSON: the credential's Server URL probably does not point at a ${label} server ` +
						`(or points at a proxy or web page in front of it), or the server runs another MiroTalk product than the credential's Product (${label}). ` +
						'SFU and P2P answer an API route they do not have with their 404 page.',
					type: 'html-answer',
				};
			}
			if (text && DISABLED.test(text)) {
				return { message: `${text} ${enableHint(product, endpoint)}`, type: 'endpoint-disabled' };
			}
			if (statusCode === 403 && (!text || UNAUTHORIZED.test(text))) {
				return {
					message: `${text ?? 'Forbidden'} The API key secret was refused: the credential's API Key Secret must equal API_KEY_SECRET (api.keySecret) on the ${label} server.`,
					type: 'unauthorized',
				};
			}
			if (data === '404 not found') {
				return {
					message: `404 not found: this ${label} server has no such endpoint; check that the credential's Product matches the server.`,
					type: 'not-found',
				};
			}
			if (text) return { message: text };
			return { message: statusCode === 404 ? `Not found: the server has no such endpoint; check the Server URL and Product of the ${label} credential.` : `HTTP ${statusCode}` };
		},
		// Self-hosted servers document no limit: no client-side pacing, and items in flight at once like n8n's
		// HTTP Request node, bounded so that a run of thousands of items does not open thousands of sockets.
		concurrency: 200,
		// C2C and BRO answer an unknown route 200 {"data":"404 not found"}, SFU and P2P 200 with their HTML 404 page:
		// both failures, never an item.
		failureIn2xx: (body) =>
			(body && typeof body === 'object' && (body as { data?: unknown }).data === '404 not found') || (typeof body === 'string' && HTML.test(body))
				? 404
				: undefined,
		secrets: (credentials: IDataObject) => [String(credentials.apiKey ?? '')],
	};
}
