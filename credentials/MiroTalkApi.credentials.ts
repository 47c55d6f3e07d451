import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export class MiroTalkApi implements ICredentialType {
	name = 'miroTalkApi';

	displayName = 'MiroTalk API';

	documentationUrl = 'https://docs.mirotalk.com/mirotalk-sfu/api/';

	icon: Icon = { light: 'file:../icons/miroTalk.svg', dark: 'file:../icons/miroTalk.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'serverUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://sfu.example.com',
			description: 'The address of your MiroTalk server; a trailing slash or a pasted /api/v1 is fine',
		},
		{
			displayName: 'Public URL',
			name: 'publicUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://meet.example.com',
			description:
				'The address participants open, when n8n reaches the server by another one (an internal name, a container, a port): the links the server returns (meeting, join, broadcast, viewer) get this scheme and host instead of the Server URL\'s. MiroTalk builds them from the address it was called by. Empty: links as the server gives them.',
		},
		{
			displayName: 'API Key Secret',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The server\'s API_KEY_SECRET (api.keySecret in the SFU config.js, API_KEY_SECRET in the .env of P2P, C2C and BRO), sent as it is in the authorization header. Needed by the MiroTalk node; a credential used only by the MiroTalk Trigger may leave it empty.',
		},
		{
			displayName: 'Webhook Token',
			name: 'webhookToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Used by the MiroTalk Trigger: the secret its deliveries must carry as ?token= at the end of the webhook URL set in the server (MiroTalk cannot sign them). Use a long random value, e.g. from openssl rand -hex 24.',
		},
		{
			displayName: 'Product',
			name: 'product',
			type: 'options',
			options: [
				{ name: 'MiroTalk BRO (Broadcast)', value: 'bro' },
				{ name: 'MiroTalk C2C (Cam to Cam)', value: 'c2c' },
				{ name: 'MiroTalk P2P (Peer to Peer)', value: 'p2p' },
				{ name: 'MiroTalk SFU (Selective Forwarding Unit)', value: 'sfu' },
			],
			default: 'sfu',
			description:
				'Which MiroTalk product the server runs; choose the same one in the node. Testing the credential calls POST /api/v1/meeting (BRO: POST /api/v1/join), or without a key GET /api/v1/activeRooms (BRO: GET /api/v1/config). If the administrator switched that endpoint off, the server cannot check the key and the test passes anyway; it fails on a refused key, an HTML page, a 500 or a route the product lacks, but an error answer of another shape (a proxy\'s 502, say) can pass: the first real call then says what is wrong.',
		},
	];

	// MiroTalk compares the raw header with its secret: no "Bearer" prefix.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				authorization: '={{$credentials.apiKey}}',
			},
		},
	};

	// With a key: POST /meeting (SFU, P2P, C2C; it only hands out a URL) or BRO's POST /join proves it. Without one (a
	// credential only for the SFU or P2P trigger) GET /activeRooms, which needs no key, shows a MiroTalk server is there
	// (BRO: GET /config). Every key-checking route of SFU and P2P has a switch, tested before the key: a 403 "disabled"
	// is a pass (the server is there and is MiroTalk, the key unproven), so HTTP errors are read by the rules below.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.serverUrl.trim().replace(/\\/+$/, "").replace(/\\/api\\/v1$/i, "").replace(/\\/+$/, "") + "/api/v1"}}',
			url: '={{$credentials.apiKey || $credentials.product === "c2c" ? ($credentials.product === "bro" ? "/join" : "/meeting") : $credentials.product === "bro" ? "/config" : "/activeRooms"}}',
			method: '={{$credentials.apiKey || $credentials.product === "c2c" ? "POST" : "GET"}}' as 'POST',
			body: { room: 'n8n-credential-test' },
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 'Unauthorized!',
					message: 'The server refused the API Key Secret (403 Unauthorized!): it must equal API_KEY_SECRET (api.keySecret) on the MiroTalk server.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'data',
					value: '404 not found',
					message: 'The server has no such endpoint (200 "404 not found"): check that the credential\'s Product matches the MiroTalk product the server runs.',
				},
			},
			{
				// The first character of a text answer: an HTML page (a 404 page, a proxy's error page) is no API answer.
				type: 'responseSuccessBody',
				properties: {
					key: '0',
					value: '<',
					message: 'The server answered with an HTML page, not the MiroTalk API: check the Server URL, and that the Product matches the server (SFU and P2P answer routes they lack with their 404 page).',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 500,
					message: 'The MiroTalk server answered 500 Internal server error.',
				},
			},
		],
	};
}
