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
			displayName: 'API Key Secret',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The server\'s API_KEY_SECRET (api.keySecret in the SFU config.js, API_KEY_SECRET in the .env of P2P, C2C and BRO), sent as it is in the authorization header',
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
			description: 'Which MiroTalk product the server runs; choose the same one in the node',
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

	// POST /meeting exists on SFU, P2P and C2C and only hands out a URL; BRO has only POST /join.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.serverUrl.trim().replace(/\\/+$/, "").replace(/\\/api\\/v1$/i, "").replace(/\\/+$/, "") + "/api/v1"}}',
			url: '={{$credentials.product === "bro" ? "/join" : "/meeting"}}',
			method: 'POST',
			body: { room: 'n8n-credential-test' },
		},
	};
}
