import { ClientOAuth2 } from '@n8n/client-oauth2';
import { createHash, randomBytes } from 'crypto';

import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';

/**
 * The simulator's OAuth token endpoint against two kinds of client:
 * - the documented contract (docs/oauth_code.md, oauth_pkce.md; coze-js src/auth.ts getWebOAuthToken /
 *   getPKCEOAuthToken / refreshOAuthToken): JSON, client_id in the body, `Authorization: Bearer <client_secret>`
 *   for web apps, code_verifier and no secret for PKCE;
 * - real n8n: `@n8n/client-oauth2` 1.23.1 (the version n8n 2.41.1 runs; n8n-core depends on it) driven the way
 *   packages/cli/src/controllers/oauth/oauth2-credential.controller.ts handleCallback drives it: every token request is
 *   `application/x-www-form-urlencoded`; header auth (the oAuth2Api default) sends `Authorization: Basic
 *   base64(client_id:client_secret)` and no client_id in the body; body auth (CozeOAuth2Api's hidden default) sends
 *   client_id + client_secret in the body; PKCE adds code_verifier (and client_id in the body when there is no secret);
 *   refresh (client-oauth2-token.ts refresh) follows the same header/body rule with grant_type=refresh_token.
 * Strict mode (default) refuses n8n's shapes: no source says Coze accepts form bodies or Basic auth.
 */
describe('simulator OAuth token endpoint', () => {
	let sim: Simulator;
	const redirectUri = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';
	beforeAll(async () => {
		sim = await startSimulator({ ssePacingMs: 1 });
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		sim.oauthMode = 'strict';
	});

	const tokenUrl = () => `${sim.url}/api/permission/oauth2/token`;
	async function authorize(extra: Record<string, string> = {}) {
		const params = new URLSearchParams({
			response_type: 'code',
			client_id: sim.oauthClient.clientId,
			redirect_uri: redirectUri,
			state: 'st',
			...extra,
		});
		const response = await fetch(`${sim.url}/api/permission/oauth2/authorize?${params}`, { redirect: 'manual' });
		return new URL(response.headers.get('location') ?? '').searchParams.get('code') ?? '';
	}
	const post = async (body: Record<string, unknown>, authorization?: string) => {
		const response = await fetch(tokenUrl(), {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', ...(authorization !== undefined ? { Authorization: authorization } : {}) },
			body: JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as Record<string, string | number> };
	};
	/** What n8n's OAuth2 callback does (oauth2-credential.controller handleCallback), for one credential setup. */
	async function n8nCodeExchange(setup: { authentication: 'header' | 'body'; pkce: boolean; clientSecret?: string }) {
		const verifier = randomBytes(32).toString('base64url');
		const code = await authorize(
			setup.pkce ? { code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' } : {},
		);
		const options: Record<string, unknown> = {
			clientId: sim.oauthClient.clientId,
			clientSecret: setup.clientSecret,
			accessTokenUri: tokenUrl(),
			authorizationUri: `${sim.url}/api/permission/oauth2/authorize`,
			authentication: setup.authentication,
			redirectUri,
			scopes: [''],
		};
		const body: Record<string, string> = {};
		if (setup.pkce) body.code_verifier = verifier;
		if (setup.authentication === 'body') {
			body.client_id = sim.oauthClient.clientId;
			if (options.clientSecret) body.client_secret = String(options.clientSecret);
			delete options.clientSecret;
		}
		const client = new ClientOAuth2(options as never);
		return await client.code.getToken(`${redirectUri}?code=${code}&state=st`, setup.pkce || setup.authentication === 'body' ? { body } : {});
	}
	const lastTokenRequest = () => sim.requests.filter((r) => r.path === '/api/permission/oauth2/token').at(-1);

	describe('documented contract (strict, the default)', () => {
		it('web app: JSON + Bearer <client_secret> gets tokens; the refresh needs the secret again and rotates', async () => {
			const first = await post(
				{ grant_type: 'authorization_code', client_id: sim.oauthClient.clientId, code: await authorize(), redirect_uri: redirectUri },
				`Bearer ${sim.oauthClient.clientSecret}`,
			);
			expect(first.status).toBe(200);
			expect(first.body).toMatchObject({ token_type: 'Bearer', access_token: expect.stringMatching(/^czu_/), refresh_token: expect.any(String) });
			const withoutSecret = await post({ grant_type: 'refresh_token', client_id: sim.oauthClient.clientId, refresh_token: first.body.refresh_token });
			expect(withoutSecret).toMatchObject({ status: 401, body: { error_code: 'invalid_client' } });
			const refreshed = await post(
				{ grant_type: 'refresh_token', client_id: sim.oauthClient.clientId, refresh_token: first.body.refresh_token },
				`Bearer ${sim.oauthClient.clientSecret}`,
			);
			expect(refreshed.status).toBe(200);
			expect(refreshed.body.refresh_token).not.toBe(first.body.refresh_token);
		});

		it('web app: no secret, a wrong secret or no client_id is refused', async () => {
			const body = () => ({ grant_type: 'authorization_code', client_id: sim.oauthClient.clientId, redirect_uri: redirectUri });
			expect(await post({ ...body(), code: await authorize() })).toMatchObject({ status: 401, body: { error_code: 'invalid_client' } });
			expect(await post({ ...body(), code: await authorize() }, 'Bearer wrong')).toMatchObject({
				status: 401,
				body: { error_code: 'invalid_client' },
			});
			const { client_id: _omit, ...noClient } = body();
			expect(await post({ ...noClient, code: await authorize() }, `Bearer ${sim.oauthClient.clientSecret}`)).toMatchObject({
				status: 400,
				body: { error_code: 'invalid_request' },
			});
		});

		it('PKCE: JSON with code_verifier and no secret (coze-js sends an empty Bearer); refresh without secret', async () => {
			const verifier = randomBytes(32).toString('base64url');
			const code = await authorize({ code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' });
			const got = await post(
				{ grant_type: 'authorization_code', client_id: sim.oauthClient.clientId, code, redirect_uri: redirectUri, code_verifier: verifier },
				'Bearer ',
			);
			expect(got.status).toBe(200);
			const refreshed = await post({ grant_type: 'refresh_token', client_id: sim.oauthClient.clientId, refresh_token: got.body.refresh_token });
			expect(refreshed.status).toBe(200);
		});
	});

	describe("real n8n oAuth2Api (@n8n/client-oauth2, as n8n's OAuth2 callback and refresh drive it)", () => {
		it.each([
			[
				'header auth (oAuth2Api default): form body, Basic client_id:secret',
				{ authentication: 'header' as const, pkce: false, clientSecret: 'sim-oauth-secret' as string | undefined },
			],
			[
				'body auth (CozeOAuth2Api): form body with client_id + client_secret',
				{ authentication: 'body' as const, pkce: false, clientSecret: 'sim-oauth-secret' },
			],
			[
				'PKCE without secret: form body with client_id + code_verifier',
				{ authentication: 'header' as const, pkce: true, clientSecret: undefined as string | undefined },
			],
			['PKCE with secret, header auth: form body + Basic', { authentication: 'header' as const, pkce: true, clientSecret: 'sim-oauth-secret' }],
		])('%s — strict: refused as invalid_request (not JSON); lenient: accepted', async (_name, setup) => {
			await expect(n8nCodeExchange(setup)).rejects.toMatchObject({ body: { error_code: 'invalid_request' } });
			const sent = lastTokenRequest();
			expect(sent?.headers['content-type']).toBe('application/x-www-form-urlencoded');
			if (setup.authentication === 'header' && setup.clientSecret) {
				expect(sent?.headers.authorization).toMatch(/^Basic /);
				expect(sent?.body).not.toHaveProperty('client_id');
			} else {
				expect(sent?.headers.authorization).toBeUndefined();
				expect(sent?.body).toMatchObject({ client_id: sim.oauthClient.clientId });
			}
			if (setup.pkce) expect(sent?.body).toHaveProperty('code_verifier');
			expect(sent?.body).toMatchObject({ grant_type: 'authorization_code', redirect_uri: redirectUri });

			sim.oauthMode = 'lenient';
			const token = await n8nCodeExchange(setup);
			expect(token.accessToken).toMatch(/^czu_/);
		});

		it.each([
			['header auth: form body, Basic', 'header' as const],
			['body auth: form body with client_id + client_secret', 'body' as const],
		])('refresh with %s — strict: refused; lenient: new tokens', async (_name, authentication) => {
			const options = { clientId: sim.oauthClient.clientId, clientSecret: sim.oauthClient.clientSecret, accessTokenUri: tokenUrl(), authentication };
			const client = new ClientOAuth2(options);
			const issued = sim.issueAccessToken({ kind: 'oauth', grant: 'web' });
			const token = client.createToken({ access_token: issued.accessToken, refresh_token: String(issued.refreshToken), token_type: 'Bearer' });
			await expect(token.refresh(options)).rejects.toMatchObject({ body: { error_code: 'invalid_request' } });
			expect(lastTokenRequest()?.headers['content-type']).toBe('application/x-www-form-urlencoded');
			expect(lastTokenRequest()?.body).toMatchObject({ grant_type: 'refresh_token' });
			sim.oauthMode = 'lenient';
			const refreshed = await token.refresh(options);
			expect(refreshed.accessToken).not.toBe(issued.accessToken);
		});
	});

	it('never records the secret, code, verifier or refresh token', async () => {
		sim.oauthMode = 'lenient';
		await n8nCodeExchange({ authentication: 'body', pkce: true, clientSecret: sim.oauthClient.clientSecret });
		const recorded = JSON.stringify(sim.requests);
		expect(recorded).not.toContain(sim.oauthClient.clientSecret);
		expect(recorded).toContain('[redacted]');
	});
});
