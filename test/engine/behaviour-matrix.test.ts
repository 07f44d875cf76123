import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { CozeAudio } from '../../nodes/CozeAudio/CozeAudio.node';
import { CozeBot } from '../../nodes/CozeBot/CozeBot.node';
import { CozeChat } from '../../nodes/CozeChat/CozeChat.node';
import { CozeConversation } from '../../nodes/CozeConversation/CozeConversation.node';
import { CozeDataset } from '../../nodes/CozeDataset/CozeDataset.node';
import { CozeFile } from '../../nodes/CozeFile/CozeFile.node';
import { CozePlugin } from '../../nodes/CozePlugin/CozePlugin.node';
import { CozeVariable } from '../../nodes/CozeVariable/CozeVariable.node';
import { CozeWorkflow } from '../../nodes/CozeWorkflow/CozeWorkflow.node';
import { CozeWorkflowTrigger } from '../../nodes/CozeWorkflowTrigger/CozeWorkflowTrigger.node';
import { CozeWorkspace } from '../../nodes/CozeWorkspace/CozeWorkspace.node';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { BOTS, WORKFLOWS, WORKSPACES } from '../simulator/seed';

/**
 * One behaviour for every node (issue 9): the same fault scenarios through one operation of each node and the
 * trigger's poll, with each credential type. Every case runs the real node inside n8n-core against the simulator.
 */

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

interface Probe {
	node: string;
	type: string;
	method: string;
	path: string | RegExp;
	parameters: IDataObject;
	items?: () => INodeExecutionData[];
	poll?: boolean;
}

const PROBES: Probe[] = [
	{
		node: 'Coze Chat',
		type: 'cozeChat',
		method: 'POST',
		path: '/v3/chat',
		parameters: { operation: 'sendMessage', botId: rl(BOTS.echo), userId: 'u', message: 'hi' },
	},
	{
		node: 'Coze Workflow',
		type: 'cozeWorkflow',
		method: 'POST',
		path: '/v1/workflow/run',
		parameters: { operation: 'run', mode: 'sync', workflowId: rl(WORKFLOWS.echo), parameters: '{"input":"x"}' },
	},
	{
		node: 'Coze Conversation',
		type: 'cozeConversation',
		method: 'POST',
		path: '/v1/conversation/create',
		parameters: { resource: 'conversation', operation: 'create' },
	},
	{
		node: 'Coze Knowledge Base',
		type: 'cozeDataset',
		method: 'GET',
		path: '/v1/datasets',
		parameters: { resource: 'dataset', operation: 'getAll', workspaceId: rl(WORKSPACES[0].id), returnAll: true },
	},
	{
		node: 'Coze File',
		type: 'cozeFile',
		method: 'POST',
		path: '/v1/files/upload',
		parameters: { operation: 'upload', binaryPropertyName: 'data' },
		items: () => [{ json: {}, binary: { data: { data: Buffer.from('hello').toString('base64'), mimeType: 'text/plain', fileName: 'a.txt' } } }],
	},
	{
		node: 'Coze Variable',
		type: 'cozeVariable',
		method: 'GET',
		path: '/v1/variables',
		parameters: { operation: 'get', ownerType: 'bot', botId: rl(BOTS.echo), userId: 'alice' },
	},
	{ node: 'Coze Audio', type: 'cozeAudio', method: 'GET', path: '/v1/audio/voices', parameters: { operation: 'listVoices', returnAll: true } },
	{
		node: 'Coze Plugin',
		type: 'cozePlugin',
		method: 'GET',
		path: '/v1/stores/plugins',
		parameters: { operation: 'list', returnAll: false, limit: 2 },
	},
	{
		node: 'Coze Bot',
		type: 'cozeBot',
		method: 'GET',
		path: '/v1/bots',
		parameters: { resource: 'bot', operation: 'getAll', workspaceId: rl(WORKSPACES[0].id), returnAll: true },
	},
	{
		node: 'Coze Workspace',
		type: 'cozeWorkspace',
		method: 'GET',
		path: '/v1/workspaces',
		parameters: { resource: 'workspace', operation: 'getAll', returnAll: true },
	},
	{
		node: 'Coze Workflow Trigger (poll)',
		type: 'cozeWorkflowTrigger',
		method: 'POST',
		path: '/v1/workflow/run',
		parameters: { workflowId: rl(WORKFLOWS.echo), parameters: '{"input":"x"}' },
		poll: true,
	},
];

type CredentialKind = 'accessToken' | 'oAuth2' | 'jwt';
const CREDENTIAL_TYPE: Record<CredentialKind, string> = { accessToken: 'cozeApi', oAuth2: 'cozeOAuth2Api', jwt: 'cozeJwtApi' };

describe('behaviour matrix: every node, every credential type, the same faults', () => {
	let sim: Simulator;
	let harness: Harness;

	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		sim.oauthMode = 'strict';
		harness = new Harness([
			new CozeChat(),
			new CozeWorkflow(),
			new CozeConversation(),
			new CozeDataset(),
			new CozeFile(),
			new CozeVariable(),
			new CozeAudio(),
			new CozePlugin(),
			new CozeBot(),
			new CozeWorkspace(),
			new CozeWorkflowTrigger(),
		]);
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	function credential(kind: CredentialKind): string {
		if (kind === 'accessToken') return harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
		if (kind === 'jwt') {
			return harness.addCredential('cozeJwtApi', {
				region: 'custom',
				baseUrl: sim.url,
				appId: sim.jwtKeys.appId,
				publicKeyId: sim.jwtKeys.publicKeyId,
				privateKey: sim.jwtKeys.privateKeyPem,
			});
		}
		// n8n refreshes OAuth2 tokens form-encoded; the simulator's strict (documented, JSON) token endpoint would refuse
		// it, and whether real Coze does is unknown (README, "OAuth2"). The node's re-auth behaviour is tested leniently.
		sim.oauthMode = 'lenient';
		const issued = sim.issueAccessToken({ kind: 'oauth' });
		return harness.addCredential('cozeOAuth2Api', {
			region: 'custom',
			baseUrl: sim.url,
			grantType: 'pkce',
			clientId: sim.oauthClient.clientId,
			oauthTokenData: { access_token: issued.accessToken, refresh_token: issued.refreshToken, token_type: 'Bearer', expires_in: issued.expiresIn },
		});
	}

	/** Runs a probe once; resolves with the error (if any), the output items and the node's requests to its path. */
	async function probe(
		p: Probe,
		kind: CredentialKind,
		options: { continueOnFail?: boolean; items?: INodeExecutionData[]; concurrency?: number } = {},
	) {
		const id = credential(kind);
		const parameters: IDataObject = { authentication: kind, ...p.parameters };
		if (options.concurrency) parameters.options = { ...(parameters.options as IDataObject), concurrency: options.concurrency };
		const spec = { type: p.type, parameters, credentials: { [CREDENTIAL_TYPE[kind]]: id }, continueOnFail: options.continueOnFail };
		const before = sim.requests.length;
		let error: (Error & IDataObject) | undefined;
		let items: INodeExecutionData[] = [];
		if (p.poll) {
			try {
				const result = await harness.poll(spec as never, {}, 'manual');
				items = result.items?.[0] ?? [];
			} catch (caught) {
				error = caught as Error & IDataObject;
			}
		} else {
			const result = await harness.run(spec as never, { items: options.items ?? p.items?.() });
			error = result.error;
			items = result.items;
		}
		const sent = sim.requests.slice(before);
		const matches = (r: { method: string; path: string }) =>
			r.method === p.method && (typeof p.path === 'string' ? r.path === p.path : p.path.test(r.path));
		return { error, items, calls: sent.filter(matches), tokenCalls: sent.filter((r) => r.path === '/api/permission/oauth2/token') };
	}

	const fault = (p: Probe, body: unknown, status = 200, headers: Record<string, string> = {}, times = 1) =>
		sim.addFault({
			method: p.method,
			path: p.path,
			times,
			fault: { kind: 'status', status, body, headers: { 'X-Tt-Logid': 'log-matrix-1', ...headers } },
		});

	describe.each(PROBES)('$node', (p) => {
		it.each(['accessToken', 'oAuth2', 'jwt'] as CredentialKind[])(
			'HTTP 429 once, then 200 + 4013 once: retried with backoff, succeeds (%s)',
			async (kind) => {
				fault(p, { code: 4013, msg: 'too many requests' }, 429, { 'Retry-After': '0.05' });
				fault(p, { code: 4013, msg: 'too many requests' }, 200, { 'Retry-After': '0.05' });
				const { error, calls } = await probe(p, kind);
				expect(error).toBeUndefined();
				expect(calls).toHaveLength(3);
			},
		);

		it.each(['accessToken', 'oAuth2', 'jwt'] as CredentialKind[])(
			'HTTP 200 + 4100 once: OAuth2 refreshes, JWT re-signs, a PAT fails with the region hint (%s)',
			async (kind) => {
				fault(p, { code: 4100, msg: 'authentication is invalid' });
				const { error, calls, tokenCalls } = await probe(p, kind);
				if (kind === 'accessToken') {
					expect(error?.message).toMatch(/code 4100/);
					expect(String(error?.description)).toMatch(/Region/);
					expect(calls).toHaveLength(1);
				} else {
					expect(error).toBeUndefined();
					expect(calls).toHaveLength(2);
					// JWT: one exchange to start with, one after the 4100; OAuth2: one refresh.
					expect(tokenCalls).toHaveLength(kind === 'jwt' ? 2 : 1);
				}
			},
		);

		it.each(['oAuth2', 'jwt'] as CredentialKind[])('HTTP 401 once: a fresh token, succeeds (%s)', async (kind) => {
			fault(p, { code: 4100, msg: 'token expired' }, 401);
			const { error, calls } = await probe(p, kind);
			expect(error).toBeUndefined();
			expect(calls).toHaveLength(2);
		});

		it('HTTP 400 with a Coze envelope: Coze code, message, log id and an honest hint; no retry', async () => {
			fault(p, { code: 4000, msg: 'invalid parameter: xyz', detail: { logid: 'log-from-body' } }, 400, {}, 5);
			const { error, calls } = await probe(p, 'accessToken');
			expect(error?.message).toBe('Coze API error (code 4000, HTTP 400): invalid parameter: xyz');
			expect(String(error?.description)).toMatch(/request parameter is invalid/);
			expect(String(error?.description)).toMatch(/Log ID: log-matrix-1/);
			expect(calls).toHaveLength(1);
		});

		it('4013 on every try: the hint counts the tries that really happened', async () => {
			fault(p, { code: 4013, msg: 'too many requests' }, 200, { 'Retry-After': '0.02' }, 10);
			const { error, calls } = await probe(p, 'accessToken');
			expect(calls).toHaveLength(4);
			expect(error?.message).toMatch(/code 4013/);
			expect(String(error?.description)).toMatch(/tried 4 times/);
		});

		if (!p.poll) {
			it('continueOnFail: the item keeps the Coze code and log id, paired to its input', async () => {
				fault(p, { code: 4200, msg: 'resource not found' });
				const { error, items } = await probe(p, 'accessToken', { continueOnFail: true });
				expect(error).toBeUndefined();
				expect(items[0].json).toMatchObject({ error: 'Coze API error (code 4200, HTTP 200): resource not found', code: 4200, logid: 'log-matrix-1' });
				expect(items[0].pairedItem).toEqual({ item: 0 });
			});

			it('Options → Concurrency bounds the items in flight and keeps order and pairing', async () => {
				const input = p.items?.() ?? [{ json: {} }];
				const items = Array.from({ length: 4 }, (_, i) => ({ ...input[0], json: { i } }));
				sim.addFault({ method: p.method, path: p.path, times: 4, fault: { kind: 'delay', ms: 200 } });
				const started = Date.now();
				const { error, items: out } = await probe(p, 'accessToken', { items, concurrency: 2 });
				const elapsed = Date.now() - started;
				expect(error).toBeUndefined();
				// 4 items × 200 ms two at a time: two waves, never four at once, never one by one.
				expect(elapsed).toBeGreaterThanOrEqual(390);
				expect(elapsed).toBeLessThan(780);
				const pairs = out.map((item) => (item.pairedItem as { item: number }).item);
				expect(pairs).toEqual([...pairs].sort((a, b) => a - b));
				expect(new Set(pairs)).toEqual(new Set([0, 1, 2, 3]));
			});
		}
	});
});
