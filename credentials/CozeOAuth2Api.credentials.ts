import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { regionProperties, selfBaseUrlExpression } from './region';

/**
 * Coze OAuth app ("Web application" or "Mobile/PKCE" type). The authorize page lives on the www host and the token
 * endpoint on the API host; both are derived from the region because n8n always fills hidden fields from these defaults.
 */
export class CozeOAuth2Api implements ICredentialType {
	name = 'cozeOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Coze OAuth2 API';

	icon: Icon = { light: 'file:../icons/coze.svg', dark: 'file:../icons/coze.dark.svg' };

	documentationUrl = 'https://www.coze.com/open/docs/developer_guides/oauth_code';

	properties: INodeProperties[] = [
		{
			displayName:
				"Unverified against real Coze: n8n's OAuth2 client sends token requests form-encoded, while Coze documents JSON. If Connect or a token refresh fails with invalid_request, use a Coze API (personal access token) or Coze OAuth JWT credential instead.",
			name: 'formBodyNotice',
			type: 'notice',
			default: '',
		},
		...regionProperties,
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{
					name: 'PKCE (Recommended)',
					value: 'pkce',
					description: 'For Coze OAuth apps of the PKCE type; no client secret is sent',
				},
				{
					name: 'Authorization Code',
					value: 'authorizationCode',
					description: 'For Coze OAuth apps of the Web application type (client ID and secret)',
				},
			],
			default: 'pkce',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: selfBaseUrlExpression('/api/permission/oauth2/authorize', 'www'),
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: selfBaseUrlExpression('/api/permission/oauth2/token', 'api'),
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: {
				show: {
					grantType: ['authorizationCode'],
				},
			},
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];
}
