import type { IAuthenticateGeneric, ICredentialDataDecryptedObject, ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

/**
 * Starts every error our credentials throw while obtaining a token (JWT signing, a refused grant): the nodes' request
 * path reads it as a credential problem (no retries, no "could not reach Coze").
 */
export const CREDENTIAL_PROBLEM = 'Coze credential problem: ';

/**
 * Region selection shared by every Coze credential. Tokens are bound to one region: a coze.cn token used against
 * api.coze.com (or the reverse) is rejected with code 4100/4101, the most common support problem.
 */
export const regionProperties: INodeProperties[] = [
	{
		displayName: 'Region',
		name: 'region',
		type: 'options',
		options: [
			{
				name: 'Coze.cn (China)',
				value: 'cn',
				description: 'Accounts created on www.coze.cn; API at https://api.coze.cn',
			},
			{
				name: 'Coze.com (Global)',
				value: 'com',
				description: 'Accounts created on www.coze.com; API at https://api.coze.com',
			},
			{
				name: 'Custom (Self-Hosted Coze Studio)',
				value: 'custom',
				description: 'A self-hosted Coze Studio or any Coze-compatible API',
			},
		],
		default: 'cn',
		description: 'Where your Coze account lives. Tokens only work in the region that issued them.',
	},
	{
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: '',
		placeholder: 'https://coze.example.com',
		required: true,
		description: 'API base URL of your Coze Studio deployment, without a trailing path',
		displayOptions: {
			show: {
				region: ['custom'],
			},
		},
	},
	{
		displayName: 'Server',
		name: 'server',
		type: 'options',
		options: [
			{
				name: 'Coze-Compatible API',
				value: 'compatible',
				description: 'A server or proxy offering the full Coze OpenAPI, as coze.cn and coze.com do',
			},
			{
				name: 'Coze Studio (Open Source)',
				value: 'studio',
				description:
					'Self-hosted coze-dev/coze-studio: chat, conversations, knowledge bases, files and workflow runs; other operations say they are not available before sending anything',
			},
		],
		default: 'compatible',
		description: 'Which API the Base URL serves. Coze Studio offers only part of the Coze OpenAPI.',
		displayOptions: {
			show: {
				region: ['custom'],
			},
		},
	},
];

/** API base URL of a credential, as an n8n expression over `$credentials` (for `authenticate` and `test`). */
export const credentialsBaseUrlExpression =
	"={{ $credentials.region === 'custom' ? String($credentials.baseUrl).trim().replace(/\\/+$/, '') : ($credentials.region === 'com' ? 'https://api.coze.com' : 'https://api.coze.cn') }}";

/** The same, over `$self`, for hidden credential fields (OAuth URLs) that n8n always fills from the type default. */
export function selfBaseUrlExpression(path: string, host: 'api' | 'www'): string {
	const official = host === 'api' ? 'api' : 'www';
	const custom =
		host === 'api'
			? "String($self.baseUrl).trim().replace(/\\/+$/, '')"
			: "String($self.baseUrl).trim().replace(/\\/+$/, '').replace('://api.', '://www.')";
	return `={{ ($self.region === 'custom' ? ${custom} : ($self.region === 'com' ? 'https://${official}.coze.com' : 'https://${official}.coze.cn')) + '${path}' }}`;
}

/**
 * Credential test rules: Coze answers HTTP 200 with code 4100/4101 for a bad token, so check the body. n8n's type
 * wants one kind of rule per list, but its CredentialsTester checks each rule's own type (responseCode on a failed
 * answer, responseSuccessBody on a successful one), so one list holds both.
 */
const credentialTestRules = [
	{
		type: 'responseSuccessBody' as const,
		properties: {
			key: 'code',
			value: 4100,
			message:
				'Coze rejected the token (code 4100). Check that the token is valid and not expired, and that the Region matches where it was created (coze.cn vs coze.com).',
		},
	},
	{
		type: 'responseSuccessBody' as const,
		properties: {
			key: 'code',
			value: 4101,
			message:
				'The token has no permission for this request (code 4101). Check the token scopes and that the Region matches where it was created (coze.cn vs coze.com).',
		},
	},
	{
		// Coze Studio: backend/types/errno/user.go ErrUserAuthenticationFailed, answered with HTTP 200.
		type: 'responseSuccessBody' as const,
		properties: {
			key: 'code',
			value: 700012006,
			message:
				'Coze Studio rejected the token (code 700012006). Check that it is an API key (personal access token) created in this Coze Studio and not deleted.',
		},
	},
	{
		// n8n applies responseCode rules to failed answers: Coze Studio answers 404 for an API path it does not have.
		type: 'responseCode' as const,
		properties: {
			value: 404,
			message:
				"Nothing at this Base URL serves the test's API path (HTTP 404). Use the server's root URL without a path; for a self-hosted Coze Studio also set Server to Coze Studio.",
		},
	},
	{
		// Every Coze and Coze Studio answer carries `code`; a web page (Studio serves its UI for unknown paths) does not.
		type: 'responseSuccessBody' as const,
		properties: {
			key: 'code',
			value: undefined,
			message:
				"The Base URL answered, but not with Coze's API (no JSON envelope). Use the server's root URL without a path, e.g. http://coze-studio.example.com:8888.",
		},
	},
];

/** API base URL of decrypted credentials (any of the three Coze credential types). */
export function cozeApiBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.region === 'custom')
		return String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '');
	return credentials.region === 'com' ? 'https://api.coze.com' : 'https://api.coze.cn';
}

/** `Authorization: Bearer <accessToken>` through n8n's generic authenticate (PAT, service token, JWT-issued token). */
export const bearerTokenAuthenticate: IAuthenticateGeneric = {
	type: 'generic',
	properties: {
		headers: {
			Authorization: '=Bearer {{$credentials.accessToken}}',
		},
	},
};

/**
 * Credential test shared by the token-based credentials: list one workspace (GET /v1/workspaces). Coze Studio has no
 * workspace list; it is asked for one knowledge base (GET /v1/datasets), which Studio's API-key check guards
 * (backend/api/middleware/openapi_auth.go) and which answers a JSON envelope with `code` for a valid key.
 */
export const workspaceListTest: ICredentialTestRequest = {
	request: {
		baseURL: credentialsBaseUrlExpression,
		url: "={{ $credentials.region === 'custom' && $credentials.server === 'studio' ? '/v1/datasets' : '/v1/workspaces' }}",
		qs: { page_num: 1, page_size: 1 },
		// A redirect fails the test instead of carrying the token to wherever it points.
		disableFollowRedirect: true,
	},
	rules: credentialTestRules as ICredentialTestRequest['rules'],
};
