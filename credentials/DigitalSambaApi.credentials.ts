import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export class DigitalSambaApi implements ICredentialType {
	name = 'digitalSambaApi';

	displayName = 'Digital Samba API';

	documentationUrl = 'https://developer.digitalsamba.com/rest-api/';

	icon: Icon = { light: 'file:../icons/digitalSamba.svg', dark: 'file:../icons/digitalSamba.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Developer Key',
			name: 'developerKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The developer key from the Team section of your Digital Samba dashboard',
		},
		{
			displayName: 'Team ID',
			name: 'teamId',
			type: 'string',
			default: '',
			description:
				'Your team ID (a UUID, in the Team section of the dashboard). With it, requests use HTTP Basic authentication; it is also needed to sign room tokens locally.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.digitalsamba.com/api/v1',
			description: 'Change only to go through a proxy or to a local simulator',
		},
	];

	// Bearer <developer key>; or HTTP Basic team-id:developer-key when a team ID is set.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization:
					'={{ $credentials.teamId ? "Basic " + ($credentials.teamId + ":" + $credentials.developerKey).base64Encode() : "Bearer " + $credentials.developerKey }}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/',
			method: 'GET',
		},
	};
}
