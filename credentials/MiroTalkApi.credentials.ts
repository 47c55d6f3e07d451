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

	// With a key: POST /meeting (SFU, P2P, C2C; it only hands out a URL) or BRO's POST /join proves it. Without one
	// (a credential only for the trigger, whose token the server cannot check) the server's home page is fetched.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.serverUrl.trim().replace(/\\/+$/, "").replace(/\\/api\\/v1$/i, "").replace(/\\/+$/, "") + ($credentials.apiKey ? "/api/v1" : "")}}',
			url: '={{!$credentials.apiKey ? "/" : $credentials.product === "bro" ? "/join" : "/meeting"}}',
			method: '={{$credentials.apiKey ? "POST" : "GET"}}' as 'POST',
			body: { room: 'n8n-credential-test' },
		},
	};
}
