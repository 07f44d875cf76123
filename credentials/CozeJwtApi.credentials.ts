import { createSign, randomBytes } from 'crypto';
import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, IHttpRequestHelper, Icon, INodeProperties } from 'n8n-workflow';

import { CREDENTIAL_PROBLEM, bearerTokenAuthenticate, cozeApiBaseUrl, regionProperties, workspaceListTest } from './region';

const JWT_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const MAX_TOKEN_LIFETIME_SECONDS = 86399;

function base64Url(input: Buffer | string): string {
	return Buffer.from(input).toString('base64url');
}

/** Builds the RS256 JWT that a Coze OAuth service app exchanges for an access token. */
function signCozeJwt(credentials: ICredentialDataDecryptedObject, nowSeconds: number): string {
	const header = { alg: 'RS256', typ: 'JWT', kid: String(credentials.publicKeyId ?? '').trim() };
	const claims: IDataObject = {
		iss: String(credentials.appId ?? '').trim(),
		aud: new URL(cozeApiBaseUrl(credentials)).host,
		iat: nowSeconds,
		exp: nowSeconds + 3600,
		jti: randomBytes(16).toString('hex'),
	};
	const sessionName = String(credentials.sessionName ?? '').trim();
	if (sessionName) claims.session_name = sessionName;
	const signingInput = `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(claims))}`;
	// Keys pasted into a single-line field often arrive with literal "\n" sequences.
	const privateKey = String(credentials.privateKey ?? '')
		.replace(/\\n/g, '\n')
		.trim();
	let signature: Buffer;
	try {
		signature = createSign('RSA-SHA256').update(signingInput).sign(privateKey);
	} catch {
		// The crypto error can quote key material: never pass it on.
		throw new Error(
			CREDENTIAL_PROBLEM +
				'could not sign the Coze JWT: the private key is not a valid RSA key in PEM format (PKCS#1 or PKCS#8). Paste the whole private_key.pem downloaded when you created the public key.',
		);
	}
	return `${signingInput}.${base64Url(signature)}`;
}

/**
 * Coze OAuth "service application" (JWT): server-to-server, no user interaction. n8n signs a JWT with the app's
 * private key, exchanges it for a short-lived access token, stores it (encrypted) with its expiry, and signs a new
 * one when the token is about to expire or Coze rejects it.
 */
export class CozeJwtApi implements ICredentialType {
	name = 'cozeJwtApi';

	displayName = 'Coze OAuth JWT (Service App) API';

	icon: Icon = { light: 'file:../icons/coze.svg', dark: 'file:../icons/coze.dark.svg' };

	documentationUrl = 'https://www.coze.com/open/docs/developer_guides/oauth_jwt';

	properties: INodeProperties[] = [
		...regionProperties,
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			description: 'The client ID of the OAuth service application (JWT type)',
		},
		{
			displayName: 'Public Key ID',
			name: 'publicKeyId',
			type: 'string',
			default: '',
			required: true,
			description: 'The fingerprint (kid) of the public key registered for the app',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			required: true,
			placeholder: '-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----',
			description: 'The RSA private key (PEM) downloaded when the public key was created',
		},
		{
			displayName: 'Session Name',
			name: 'sessionName',
			type: 'string',
			default: '',
			description: 'Optional session name that isolates data per end user under one app (sent as the session_name claim)',
		},
		{
			displayName: 'Access Lifetime (Seconds)',
			name: 'durationSeconds',
			type: 'number',
			typeOptions: { minValue: 60, maxValue: MAX_TOKEN_LIFETIME_SECONDS },
			default: 3600,
			description: 'How long each access token lives; Coze allows at most 86399 seconds (24 hours)',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Expires At',
			name: 'expiresAt',
			type: 'hidden',
			default: 0,
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const now = Math.floor(Date.now() / 1000);
		const jwt = signCozeJwt(credentials, now);
		const lifetime = Math.min(MAX_TOKEN_LIFETIME_SECONDS, Math.max(60, Number(credentials.durationSeconds) || 3600));
		let response: IDataObject;
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${cozeApiBaseUrl(credentials)}/api/permission/oauth2/token`,
				headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' },
				body: { grant_type: JWT_GRANT_TYPE, duration_seconds: lifetime },
				json: true,
				// The signed JWT must not follow a redirect to another address (n8n would send it along).
				disableFollowRedirect: true,
			})) as IDataObject;
		} catch (error) {
			const answer = (error as { response?: { status?: number; data?: IDataObject; headers?: IDataObject } }).response;
			const data = answer?.data ?? {};
			const status = Number(answer?.status);
			const reason =
				status >= 300 && status < 400
					? `the token endpoint answered HTTP ${status} (a redirect to ${String(answer?.headers?.location ?? 'nowhere').split('?')[0]}); not followed, so the JWT was not sent there`
					: (data.error_message ?? data.error_code ?? (error as Error).message);
			throw new Error(
				`${CREDENTIAL_PROBLEM}Coze refused the JWT for app ${String(credentials.appId)}: ${String(reason)}. Check App ID, Public Key ID, private key and Region.`,
			);
		}
		if (typeof response?.access_token !== 'string' || response.access_token === '') {
			const reason = response?.error_message ?? response?.msg ?? 'no access_token in the response';
			throw new Error(`${CREDENTIAL_PROBLEM}Coze did not issue an access token for app ${String(credentials.appId)}: ${String(reason)}`);
		}
		// Coze's expires_in is an absolute Unix time in seconds, not a duration.
		const expiresIn = Number(response.expires_in);
		const expiresAt = expiresIn > 1e9 ? expiresIn : now + (expiresIn || lifetime);
		return { accessToken: response.access_token, expiresAt };
	}

	authenticate = bearerTokenAuthenticate;

	test = workspaceListTest;
}
