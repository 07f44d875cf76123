import { generateKeyPairSync } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { CozeChat } from '../../nodes/CozeChat/CozeChat.node';
import { CozeConversation } from '../../nodes/CozeConversation/CozeConversation.node';
import { CozeVariable } from '../../nodes/CozeVariable/CozeVariable.node';
import { CozeWorkflow } from '../../nodes/CozeWorkflow/CozeWorkflow.node';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { BOTS, WORKFLOWS } from '../simulator/seed';

/** Bad input refused with a clear error naming the field and item; credential secrets never leave the node. */

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
// A self-hosted Coze Studio token: no pat_/sat_/czs_ prefix, so only the credential's own value can find it.
const PLAIN_TOKEN = 'studio-0a1b2c3d4e5f60718293a4b5c6d7e8f9';

describe('bad input and secrets', () => {
	let sim: Simulator;
	let harness: Harness;

	beforeAll(async () => {
		sim = await startSimulator({ patTokens: ['pat_sim_test_token', PLAIN_TOKEN] });
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		sim.oauthMode = 'lenient';
		harness = new Harness([new CozeChat(), new CozeConversation(), new CozeVariable(), new CozeWorkflow()]);
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	const pat = (token = 'pat_sim_test_token') => harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: token });
	const conversationGet = (credential: string, continueOnFail = false) =>
		harness.run({
			type: 'cozeConversation',
			parameters: { resource: 'conversation', operation: 'get', conversationId: '7430000000000000000' },
			credentials: { cozeApi: credential },
			continueOnFail,
		});

	describe('secrets', () => {
		it('a token without a known prefix that Coze echoes back is redacted from the error, its JSON, the run data and continueOnFail items', async () => {
			const credential = pat(PLAIN_TOKEN);
			const echo = { code: 4101, msg: `token ${PLAIN_TOKEN} has no permission for this conversation` };
			sim.addFault({ path: '/v1/conversation/retrieve', times: 2, fault: { kind: 'status', status: 200, body: echo } });
			const failed = await conversationGet(credential);
			expect(failed.error?.message).toBe('Coze API error (code 4101, HTTP 200): token [redacted] has no permission for this conversation');
			for (const text of [JSON.stringify(failed.error), String(failed.error?.description), JSON.stringify(failed.run)]) {
				expect(text).not.toContain(PLAIN_TOKEN);
			}
			const soft = await conversationGet(credential, true);
			expect(soft.items[0].json.error).toBe('Coze API error (code 4101, HTTP 200): token [redacted] has no permission for this conversation');
			expect(JSON.stringify(soft.run)).not.toContain(PLAIN_TOKEN);
		});

		it('an OAuth2 access token (czu_…) and refresh token echoed back are redacted', async () => {
			const issued = sim.issueAccessToken({ kind: 'oauth' });
			const credential = harness.addCredential('cozeOAuth2Api', {
				region: 'custom',
				baseUrl: sim.url,
				grantType: 'pkce',
				clientId: sim.oauthClient.clientId,
				oauthTokenData: { access_token: issued.accessToken, refresh_token: issued.refreshToken, token_type: 'Bearer', expires_in: issued.expiresIn },
			});
			sim.addFault({
				path: '/v1/conversation/retrieve',
				fault: {
					kind: 'status',
					status: 200,
					body: { code: 4000, msg: `bad request from ${issued.accessToken} (refresh ${String(issued.refreshToken)})` },
				},
			});
			const { error } = await harness.run({
				type: 'cozeConversation',
				parameters: { authentication: 'oAuth2', resource: 'conversation', operation: 'get', conversationId: '7430000000000000000' },
				credentials: { cozeOAuth2Api: credential },
			});
			expect(error?.message).toBe('Coze API error (code 4000, HTTP 200): bad request from [redacted] (refresh [redacted])');
			expect(JSON.stringify(error)).not.toContain(issued.accessToken);
		});

		describe('JWT: credential problems are reported as such, once, without retries, and without key material or key id', () => {
			const jwt = (extra: IDataObject) =>
				harness.addCredential('cozeJwtApi', {
					region: 'custom',
					baseUrl: sim.url,
					appId: sim.jwtKeys.appId,
					publicKeyId: sim.jwtKeys.publicKeyId,
					privateKey: sim.jwtKeys.privateKeyPem,
					...extra,
				});
			const variableGet = (credential: string) =>
				harness.run({
					type: 'cozeVariable',
					parameters: { authentication: 'jwt', operation: 'get', ownerType: 'bot', botId: rl(BOTS.echo), userId: 'alice' },
					credentials: { cozeJwtApi: credential },
				});
			const tokenCalls = () => sim.requests.filter((r) => r.path === '/api/permission/oauth2/token');

			it('a private key Coze does not know: the grant is refused once, no retries, no "could not reach Coze"', async () => {
				const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
				const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
				const { error } = await variableGet(jwt({ privateKey: pem, publicKeyId: 'kid-secret-7f3a9c' }));
				expect(error?.message).toMatch(/^Coze credential problem: Coze refused the JWT for app/);
				expect(error?.message).not.toMatch(/could not reach/);
				expect(String(error?.description)).toMatch(/Nothing was sent to Coze/);
				expect(tokenCalls()).toHaveLength(1);
				expect(sim.requests.filter((r) => r.path === '/v1/variables')).toHaveLength(0);
				const text = JSON.stringify(error) + String(error?.description);
				expect(text).not.toContain('kid-secret-7f3a9c');
				expect(text).not.toContain(pem.split('\n')[1]);
			});

			it('items that find the token expired at the same moment share one renewal (one exchange, not one per item)', async () => {
				const credential = jwt({ accessToken: 'czs_expired_token_000000', expiresAt: Math.floor(Date.now() / 1000) - 10 });
				const { error, items } = await harness.run(
					{
						type: 'cozeVariable',
						parameters: {
							authentication: 'jwt',
							operation: 'get',
							ownerType: 'bot',
							botId: rl(BOTS.echo),
							userId: '={{ $json.user }}',
							options: { concurrency: 5 },
						},
						credentials: { cozeJwtApi: credential },
					},
					{ items: ['a', 'b', 'c', 'd', 'e'].map((user) => ({ json: { user } })) },
				);
				expect(error).toBeUndefined();
				expect(items).toHaveLength(5);
				expect(tokenCalls()).toHaveLength(1);
				expect(sim.requests.filter((r) => r.path === '/v1/variables')).toHaveLength(5);
			});

			it('a key that cannot sign: no request at all, a credential problem', async () => {
				const { error } = await variableGet(jwt({ privateKey: 'not a key' }));
				expect(error?.message).toMatch(/^Coze credential problem: could not sign the Coze JWT/);
				expect(tokenCalls()).toHaveLength(0);
			});
		});

		it('a refused OAuth2 refresh is a credential problem, not retried', async () => {
			const issued = sim.issueAccessToken({ kind: 'oauth' });
			sim.expireAccessToken(issued.accessToken);
			const credential = harness.addCredential('cozeOAuth2Api', {
				region: 'custom',
				baseUrl: sim.url,
				grantType: 'pkce',
				clientId: sim.oauthClient.clientId,
				oauthTokenData: { access_token: issued.accessToken, refresh_token: 'revoked-refresh-token-123456', token_type: 'Bearer' },
			});
			const { error } = await harness.run({
				type: 'cozeConversation',
				parameters: { authentication: 'oAuth2', resource: 'conversation', operation: 'get', conversationId: '7430000000000000000' },
				credentials: { cozeOAuth2Api: credential },
			});
			expect(error?.message).toMatch(/credential|reconnect/i);
			expect(error?.message).not.toMatch(/could not reach/);
			expect(sim.requests.filter((r) => r.path === '/v1/conversation/retrieve').length).toBeLessThanOrEqual(2);
			expect(JSON.stringify(error)).not.toContain('revoked-refresh-token-123456');
		});
	});

	describe('bad input', () => {
		it('a 19-digit ID given as a number is refused (it was rounded), naming the field and item', async () => {
			const { error } = await harness.run(
				{
					type: 'cozeConversation',
					parameters: { resource: 'conversation', operation: 'get', conversationId: '={{ $json.id }}' },
					credentials: { cozeApi: pat() },
				},
				// The point of the test: a 19-digit ID that JavaScript has already rounded.
				// eslint-disable-next-line no-loss-of-precision
				{ items: [{ json: { id: 7400000000000000001 } }] },
			);
			expect(error?.message).toBe('Conversation ID was given as a number and lost precision (7400000000000000000)');
			expect((error?.context as IDataObject | undefined)?.itemIndex).toBe(0);
			expect(sim.requests.filter((r) => r.path === '/v1/conversation/retrieve')).toHaveLength(0);
		});

		it('an empty ID from an expression is refused instead of sent as "undefined"', async () => {
			const { error } = await harness.run({
				type: 'cozeConversation',
				parameters: { resource: 'message', operation: 'get', conversationId: '={{ $json.nothing }}', messageId: '1' },
				credentials: { cozeApi: pat() },
			});
			expect(error?.message).toBe('Conversation ID is required');
			expect(sim.requests).toHaveLength(0);
		});

		it('an object where text is expected: a variable value is stored as its JSON text, an ID is refused', async () => {
			const set = await harness.run(
				{
					type: 'cozeVariable',
					parameters: {
						operation: 'set',
						ownerType: 'bot',
						botId: rl(BOTS.echo),
						userId: 'alice',
						variables: { variable: [{ keyword: 'city', value: '={{ $json.place }}' }] },
					},
					credentials: { cozeApi: pat() },
				},
				{ items: [{ json: { place: { name: 'Hangzhou' } } }] },
			);
			expect(set.error).toBeUndefined();
			expect((sim.requests.at(-1)?.body as IDataObject).data).toEqual([{ keyword: 'city', value: '{"name":"Hangzhou"}' }]);
			const id = await harness.run(
				{
					type: 'cozeVariable',
					parameters: { operation: 'get', ownerType: 'bot', botId: rl(BOTS.echo), userId: '={{ $json.user }}' },
					credentials: { cozeApi: pat() },
				},
				{ items: [{ json: { user: { id: 1 } } }] },
			);
			expect(id.error?.message).toBe('User ID must be text, not an object');
		});

		it('timeouts and limits from expressions are validated with clear errors (no RangeError, no silent 0, no dropped items)', async () => {
			const credential = pat();
			const chat = await harness.run({
				type: 'cozeChat',
				parameters: { operation: 'sendMessage', botId: rl(BOTS.echo), userId: 'u', message: 'hi', options: { timeout: '={{ -5 }}' } },
				credentials: { cozeApi: credential },
			});
			expect(chat.error?.message).toBe('Timeout (Seconds) must be between 1 and 86400, got -5');
			const idle = await harness.run({
				type: 'cozeChat',
				parameters: { operation: 'sendMessage', botId: rl(BOTS.echo), userId: 'u', message: 'hi', options: { idleTimeout: '={{ 0 }}' } },
				credentials: { cozeApi: credential },
			});
			expect(idle.error?.message).toBe('Idle Timeout (Seconds) must be between 1 and 86400, got 0');
			const limit = await harness.run({
				type: 'cozeWorkflow',
				parameters: { operation: 'list', workspaceId: rl('7350000000000000001'), returnAll: false, limit: '={{ -1 }}' },
				credentials: { cozeApi: credential },
			});
			expect(limit.error?.message).toBe('Limit must be at least 1, got -1');
			expect(sim.requests).toHaveLength(0);
		});

		it('an idle stream says it went idle', async () => {
			sim.addFault({ path: '/v1/workflow/stream_run', fault: { kind: 'idleStream', afterEvents: 1, idleMs: 3000 } });
			const { error } = await harness.run({
				type: 'cozeWorkflow',
				parameters: { operation: 'run', mode: 'stream', workflowId: rl(WORKFLOWS.slow), parameters: '{"input":"x"}', options: { idleTimeout: 1 } },
				credentials: { cozeApi: pat() },
			});
			expect(error?.message).toMatch(/the event stream went idle: no event for 1 s/);
		});
	});
});
