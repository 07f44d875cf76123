import { createHash, createSign, randomBytes } from 'crypto';

import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('Coze simulator core', () => {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator({ ssePacingMs: 1 });
	});
	afterAll(async () => await sim.close());
	beforeEach(() => sim.reset());

	const get = async (path: string, token = sim.patTokens[0]) => await fetch(`${sim.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });

	it('answers with the envelope and X-Tt-Logid', async () => {
		const response = await get('/v1/workspaces?page_num=1&page_size=2');
		const body = (await response.json()) as { code: number; data: { workspaces: unknown[]; total_count: number }; detail: { logid: string } };
		expect(response.status).toBe(200);
		expect(body.code).toBe(0);
		expect(body.data.workspaces).toHaveLength(2);
		expect(body.detail.logid).toBe(response.headers.get('x-tt-logid'));
	});

	it('rejects an invalid token with HTTP 200 + 4100, an expired one with 401', async () => {
		const bad = await get('/v1/workspaces', 'pat_nope');
		expect(bad.status).toBe(200);
		expect(((await bad.json()) as { code: number }).code).toBe(4100);
		const { accessToken } = sim.issueAccessToken();
		expect((await get('/v1/workspaces', accessToken)).status).toBe(200);
		sim.expireAccessToken(accessToken);
		const expired = await get('/v1/workspaces', accessToken);
		expect(expired.status).toBe(401);
	});

	it('never records secrets', async () => {
		await get('/v1/workspaces');
		await fetch(`${sim.url}/api/permission/oauth2/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${sim.oauthClient.clientSecret}` },
			body: JSON.stringify({ grant_type: 'refresh_token', client_id: sim.oauthClient.clientId, refresh_token: 'rt_secret_value' }),
		});
		const recorded = JSON.stringify(sim.requests);
		expect(recorded).not.toContain(sim.patTokens[0]);
		expect(recorded).not.toContain(sim.oauthClient.clientSecret);
		expect(recorded).not.toContain('rt_secret_value');
	});

	async function authorize(extra: Record<string, string> = {}) {
		const params = new URLSearchParams({
			response_type: 'code',
			client_id: sim.oauthClient.clientId,
			redirect_uri: 'http://127.0.0.1/cb',
			state: 's1',
			...extra,
		});
		const response = await fetch(`${sim.url}/api/permission/oauth2/authorize?${params}`, { redirect: 'manual' });
		expect(response.status).toBe(302);
		const location = new URL(response.headers.get('location') ?? '');
		expect(location.searchParams.get('state')).toBe('s1');
		return location.searchParams.get('code') ?? '';
	}
	const token = async (body: Record<string, string>, headers: Record<string, string> = { 'Content-Type': 'application/json' }) => {
		const isForm = headers['Content-Type'] === 'application/x-www-form-urlencoded';
		const response = await fetch(`${sim.url}/api/permission/oauth2/token`, {
			method: 'POST',
			headers,
			body: isForm ? new URLSearchParams(body).toString() : JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as Record<string, string | number> };
	};

	it('OAuth code flow: JSON + Bearer secret (strict); form + Basic only when lenient; refresh rotates the refresh token', async () => {
		const first = await token(
			{ grant_type: 'authorization_code', client_id: sim.oauthClient.clientId, code: await authorize(), redirect_uri: 'http://127.0.0.1/cb' },
			{ 'Content-Type': 'application/json', Authorization: `Bearer ${sim.oauthClient.clientSecret}` },
		);
		expect(first.status).toBe(200);
		expect(Number(first.body.expires_in)).toBeGreaterThan(Date.now() / 1000);
		const basic = Buffer.from(`${sim.oauthClient.clientId}:${sim.oauthClient.clientSecret}`).toString('base64');
		const formBasic = async () =>
			await token(
				{ grant_type: 'authorization_code', code: await authorize(), redirect_uri: 'http://127.0.0.1/cb' },
				{ 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${basic}` },
			);
		expect(await formBasic()).toMatchObject({ status: 400, body: { error_code: 'invalid_request' } });
		sim.oauthMode = 'lenient';
		const second = await formBasic();
		sim.oauthMode = 'strict';
		expect(second.status).toBe(200);
		const bearer = { 'Content-Type': 'application/json', Authorization: `Bearer ${sim.oauthClient.clientSecret}` };
		const refreshed = await token(
			{ grant_type: 'refresh_token', client_id: sim.oauthClient.clientId, refresh_token: String(second.body.refresh_token) },
			bearer,
		);
		expect(refreshed.status).toBe(200);
		expect(refreshed.body.refresh_token).not.toBe(second.body.refresh_token);
		expect(
			(await token({ grant_type: 'refresh_token', client_id: sim.oauthClient.clientId, refresh_token: String(second.body.refresh_token) }, bearer))
				.status,
		).toBe(400);
	});

	it('PKCE S256: the right verifier gets a token, a wrong one does not', async () => {
		const verifier = randomBytes(32).toString('hex');
		const challenge = createHash('sha256').update(verifier).digest('base64url');
		const good = await token({
			grant_type: 'authorization_code',
			client_id: sim.oauthClient.clientId,
			code: await authorize({ code_challenge: challenge, code_challenge_method: 'S256' }),
			redirect_uri: 'http://127.0.0.1/cb',
			code_verifier: verifier,
		});
		expect(good.status).toBe(200);
		const bad = await token({
			grant_type: 'authorization_code',
			client_id: sim.oauthClient.clientId,
			code: await authorize({ code_challenge: challenge, code_challenge_method: 'S256' }),
			redirect_uri: 'http://127.0.0.1/cb',
			code_verifier: 'wrong',
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error_code).toBe('invalid_grant');
	});

	describe('JWT grant', () => {
		const sign = (claims: Record<string, unknown>, header: Record<string, unknown> = {}) => {
			const input = `${b64({ alg: 'RS256', typ: 'JWT', kid: sim.jwtKeys.publicKeyId, ...header })}.${b64(claims)}`;
			return `${input}.${createSign('RSA-SHA256').update(input).sign(sim.jwtKeys.privateKeyPem).toString('base64url')}`;
		};
		const claims = (extra: Record<string, unknown> = {}) => {
			const now = Math.floor(Date.now() / 1000);
			return { iss: sim.jwtKeys.appId, aud: new URL(sim.url).host, iat: now, exp: now + 600, jti: randomBytes(8).toString('hex'), ...extra };
		};
		const exchange = async (jwt: string) =>
			await token(
				{ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', duration_seconds: '900' },
				{ 'Content-Type': 'application/json', Authorization: `Bearer ${jwt}` },
			);

		it('issues a token for a valid JWT, with no refresh token', async () => {
			const result = await exchange(sign(claims()));
			expect(result.status).toBe(200);
			expect(result.body.refresh_token).toBeUndefined();
			expect((await get('/v1/workspaces', String(result.body.access_token))).status).toBe(200);
		});

		it.each([
			['a bad signature', () => sign(claims()).replace(/.$/, 'A') + 'AA'],
			['a wrong kid', () => sign(claims(), { kid: 'other' })],
			['a wrong issuer', () => sign(claims({ iss: 'someone' }))],
			['an expired JWT', () => sign(claims({ exp: Math.floor(Date.now() / 1000) - 5 }))],
		])('rejects %s', async (_name, make) => {
			const result = await exchange(make());
			expect(result.status).toBe(401);
			expect(result.body.error_code).toBe('invalid_grant');
		});

		it('rejects a replayed jti', async () => {
			const jwt = sign(claims());
			expect((await exchange(jwt)).status).toBe(200);
			expect((await exchange(jwt)).body.error_message).toMatch(/jti/);
		});
	});

	describe('faults', () => {
		it('status, rate limit, html, envelope and delay, consumed after `times`', async () => {
			sim.addFault({ path: '/v1/workspaces', fault: { kind: 'status', status: 503, body: { oops: true } } });
			expect((await get('/v1/workspaces')).status).toBe(503);
			expect((await get('/v1/workspaces')).status).toBe(200);
			sim.addFault({ path: '/v1/workspaces', times: 2, fault: { kind: 'rateLimit' } });
			const limited = await get('/v1/workspaces');
			expect(limited.status).toBe(429);
			expect(((await limited.json()) as { code: number }).code).toBe(4013);
			expect((await get('/v1/workspaces')).status).toBe(429);
			expect((await get('/v1/workspaces')).status).toBe(200);
			sim.addFault({ path: /workspaces/, fault: { kind: 'html' } });
			expect(await (await get('/v1/workspaces')).text()).toContain('<html>');
			sim.addFault({ path: '/v1/workspaces', fault: { kind: 'envelope', code: 4101, msg: 'no permission' } });
			expect(((await (await get('/v1/workspaces')).json()) as { code: number }).code).toBe(4101);
			sim.addFault({ path: '/v1/workspaces', fault: { kind: 'delay', ms: 150 } });
			const started = Date.now();
			await get('/v1/workspaces');
			expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		});

		const chat = async () =>
			await fetch(`${sim.url}/v3/chat`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${sim.patTokens[0]}`, 'Content-Type': 'application/json' },
				body: JSON.stringify({
					bot_id: '7400000000000000001',
					user_id: 'u',
					stream: true,
					additional_messages: [{ role: 'user', content: 'hi', content_type: 'text' }],
				}),
			});

		it('SSE: reset mid-stream, malformed event', async () => {
			sim.addFault({ path: '/v3/chat', fault: { kind: 'resetMidStream', afterEvents: 2 } });
			const reset = await chat();
			await expect(reset.text()).rejects.toThrow();
			sim.addFault({ path: '/v3/chat', fault: { kind: 'malformedEvent', afterEvents: 1 } });
			expect(await (await chat()).text()).toContain('data:{not json');
		});

		it('SSE: idle stream pauses for idleMs', async () => {
			sim.addFault({ path: '/v3/chat', fault: { kind: 'idleStream', afterEvents: 1, idleMs: 300 } });
			const started = Date.now();
			const text = await (await chat()).text();
			expect(Date.now() - started).toBeGreaterThanOrEqual(290);
			expect(text).toContain('event:conversation.chat.completed');
		});
	});
});
