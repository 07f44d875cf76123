import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** Credentials block shared by every Coze node: one credential type per authentication method. */
export const cozeCredentials: INodeCredentialDescription[] = [
	{ name: 'cozeApi', required: true, displayOptions: { show: { authentication: ['accessToken'] } } },
	{ name: 'cozeOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
	{ name: 'cozeJwtApi', required: true, displayOptions: { show: { authentication: ['jwt'] } } },
];

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Access Token', value: 'accessToken', description: 'Personal or service access token' },
		{ name: 'OAuth2', value: 'oAuth2', description: 'Coze OAuth app, signed in as a Coze user' },
		{ name: 'OAuth JWT (Service App)', value: 'jwt', description: 'Server-to-server OAuth app signing JWTs' },
	],
	default: 'accessToken',
};
