import type { Harness } from './index';
import type { Simulator } from '../simulator';

export type CozeCredentialKind = 'accessToken' | 'oAuth2' | 'jwt';

export const CREDENTIAL_TYPE: Record<CozeCredentialKind, string> = { accessToken: 'cozeApi', oAuth2: 'cozeOAuth2Api', jwt: 'cozeJwtApi' };

/**
 * Stores a working credential of `kind` for the simulator (Region: Custom, Base URL = the simulator) and returns the
 * node's `credentials` entry. OAuth2 switches the simulator's token endpoint to lenient: n8n refreshes form-encoded,
 * which the documented (strict) endpoint refuses, and whether real Coze does is unknown (README, "OAuth2").
 */
export function addCozeCredential(harness: Harness, sim: Simulator, kind: CozeCredentialKind): Record<string, string> {
	const type = CREDENTIAL_TYPE[kind];
	if (kind === 'accessToken') return { [type]: harness.addCredential(type, { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] }) };
	if (kind === 'jwt') {
		return {
			[type]: harness.addCredential(type, {
				region: 'custom',
				baseUrl: sim.url,
				appId: sim.jwtKeys.appId,
				publicKeyId: sim.jwtKeys.publicKeyId,
				privateKey: sim.jwtKeys.privateKeyPem,
			}),
		};
	}
	sim.oauthMode = 'lenient';
	const issued = sim.issueAccessToken({ kind: 'oauth' });
	return {
		[type]: harness.addCredential(type, {
			region: 'custom',
			baseUrl: sim.url,
			grantType: 'pkce',
			clientId: sim.oauthClient.clientId,
			oauthTokenData: { access_token: issued.accessToken, refresh_token: issued.refreshToken, token_type: 'Bearer', expires_in: issued.expiresIn },
		}),
	};
}
