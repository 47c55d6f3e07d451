import { manualWorkflow } from '../../test/e2e/n8n';

/** Workflow pieces shared by the scenarios: an item generator and the two contenders. */
export const PACKAGE = 'n8n-nodes-video-conferencing';

/** A Code node that outputs `count` items `{ i }`. */
export function items(count: number) {
	return {
		name: 'Items',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [200, 0],
		parameters: { jsCode: `return Array.from({ length: ${count} }, (_, i) => ({ json: { i } }));` },
	};
}

/** n8n's HTTP Request node (v4.2), with headers; `extra` adds node settings such as retryOnFail or onError. */
export function httpRequest(name: string, parameters: Record<string, unknown>, headers: Record<string, string>, extra: object = {}) {
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [400, 0],
		parameters: {
			sendHeaders: true,
			headerParameters: { parameters: Object.entries(headers).map(([n, value]) => ({ name: n, value })) },
			...parameters,
		},
		...extra,
	};
}

/** One of this package's action nodes. */
export function ours(name: string, nodeType: string, credentialType: string, credential: { id: string; name: string }, parameters: object, extra: object = {}) {
	return {
		name,
		type: `${PACKAGE}.${nodeType}`,
		typeVersion: 1,
		position: [400, 0],
		parameters,
		credentials: { [credentialType]: credential },
		...extra,
	};
}

export { manualWorkflow };
