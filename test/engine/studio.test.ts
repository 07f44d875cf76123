import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { CozeAudio } from '../../nodes/CozeAudio/CozeAudio.node';
import { CozeBot } from '../../nodes/CozeBot/CozeBot.node';
import { CozeChat } from '../../nodes/CozeChat/CozeChat.node';
import { CozeConversation } from '../../nodes/CozeConversation/CozeConversation.node';
import { CozeDataset } from '../../nodes/CozeDataset/CozeDataset.node';
import { CozePlugin } from '../../nodes/CozePlugin/CozePlugin.node';
import { CozeVariable } from '../../nodes/CozeVariable/CozeVariable.node';
import { CozeWorkflow } from '../../nodes/CozeWorkflow/CozeWorkflow.node';
import { CozeWorkflowTrigger } from '../../nodes/CozeWorkflowTrigger/CozeWorkflowTrigger.node';
import { CozeWorkspace } from '../../nodes/CozeWorkspace/CozeWorkspace.node';
import { Harness } from '../harness';
import { testCredential } from '../harness/credential-test';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { cancelRun, workflowsOf } from '../simulator/routes/workflows';
import { DATASETS, WORKFLOWS, WORKSPACES } from '../simulator/seed';

/**
 * A Coze API credential pointing at Coze Studio (Region Custom, Server Coze Studio) against the simulator's Studio
 * profile (test/simulator/studio.ts): the credential test, pickers, unavailable operations and background runs read
 * through Studio's run history path. The per-operation results are in studio-matrix.test.ts.
 */

const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });
const PICKER_HINT = 'Not Available on Coze Studio — Enter the ID';

describe('Coze Studio', () => {
	let sim: Simulator;
	let harness: Harness;

	beforeAll(async () => {
		sim = await startSimulator({ profile: 'studio' });
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		harness = new Harness([
			new CozeAudio(),
			new CozeBot(),
			new CozeChat(),
			new CozeDataset(),
			new CozePlugin(),
			new CozeWorkflow(),
			new CozeWorkflowTrigger(),
			new CozeWorkspace(),
		]);
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	const studioCredential = (overrides: IDataObject = {}) =>
		harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, server: 'studio', accessToken: sim.patTokens[0], ...overrides });

	describe('the simulator answers as Studio does', () => {
		const get = async (path: string, token = sim.patTokens[0]) => {
			const response = await fetch(`${sim.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
			return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
		};
		it('a route Studio does not register: HTTP 404 {code:404,msg:"not found"} under /v1, /v3 and /api', async () => {
			for (const path of ['/v1/workspaces', '/v1/bots', '/v3/chat/submit_tool_outputs', '/api/permission/oauth2/token']) {
				const answer = await get(path);
				expect({ path, status: answer.status, body: JSON.parse(answer.text) }).toEqual({ path, status: 404, body: { code: 404, msg: 'not found' } });
			}
		});
		it('any other unknown path: the web UI page with HTTP 200', async () => {
			const answer = await get('/coze/v1/datasets');
			expect(answer.status).toBe(200);
			expect(answer.type).toContain('text/html');
		});
		it('an unknown API key on a Studio route: HTTP 200 with code 700012006', async () => {
			const answer = await get('/v1/datasets', 'pat_wrong');
			expect(answer.status).toBe(200);
			expect(JSON.parse(answer.text)).toEqual({ code: 700012006, msg: 'authentication failed: api key invalid' });
		});
		it('run history: no code on success, int64 IDs as bare JSON numbers, log_id and error_msg', async () => {
			const started = await fetch(`${sim.url}/v1/workflow/run`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${sim.patTokens[0]}`, 'Content-Type': 'application/json' },
				body: JSON.stringify({ workflow_id: WORKFLOWS.echo, parameters: { input: 'x' }, is_async: true }),
			});
			const executeId = String(((await started.json()) as IDataObject).execute_id);
			const answer = await get(`/v1/workflow/get_run_history?workflow_id=${WORKFLOWS.echo}&execute_id=${executeId}`);
			expect(answer.text).toContain(`"execute_id":${executeId},`);
			const body = JSON.parse(answer.text) as IDataObject;
			expect(body.code).toBeUndefined();
			expect(body.BaseResp).toEqual({ StatusMessage: '', StatusCode: 0 });
			expect((body.data as IDataObject[])[0]).toHaveProperty('log_id');
			expect((body.data as IDataObject[])[0]).toHaveProperty('error_msg');
			expect((await get(`/v1/workflows/${WORKFLOWS.echo}/run_histories/${executeId}`)).status).toBe(404);
			expect((await get('/v1/workflow/get_run_history')).status).toBe(400);
		});
	});

	describe('credential test', () => {
		it('passes with a valid key, asking Studio for one knowledge base', async () => {
			expect(await testCredential(harness, studioCredential())).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/datasets']);
		});
		it('says the token is wrong when Studio rejects the key', async () => {
			const result = await testCredential(harness, studioCredential({ accessToken: 'pat_not_a_studio_key' }));
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/Coze Studio rejected the token \(code 700012006\)/);
		});
		it('says the Base URL is wrong when it answers a web page (a path after the host)', async () => {
			const result = await testCredential(harness, studioCredential({ baseUrl: `${sim.url}/coze` }));
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/Base URL answered, but not with Coze's API/);
		});
		it('says the Base URL is wrong when Studio answers 404 (an API prefix in the URL)', async () => {
			const result = await testCredential(harness, studioCredential({ baseUrl: `${sim.url}/v1` }));
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/HTTP 404.*root URL without a path/);
		});
		it('a Studio server with Server left at Coze-Compatible: the 404 message says to choose Coze Studio', async () => {
			const result = await testCredential(harness, studioCredential({ server: 'compatible' }));
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/set Server to Coze Studio/);
			expect(sim.requests.map((r) => r.path)).toEqual(['/v1/workspaces']);
		});
	});

	describe('pickers', () => {
		const cases: Array<[string, string, IDataObject]> = [
			['cozeChat', 'searchWorkspaces', {}],
			['cozeChat', 'searchBots', { workspaceId: rl(WORKSPACES[0].id) }],
			['cozeWorkflow', 'searchWorkflows', { operation: 'run', workspaceId: rl(WORKSPACES[0].id) }],
			['cozeWorkflow', 'searchChatFlows', { operation: 'chat', workspaceId: rl(WORKSPACES[0].id) }],
			['cozeWorkflow', 'searchApps', { operation: 'run', workspaceId: rl(WORKSPACES[0].id) }],
			['cozeWorkflow', 'searchWorkflowVersions', { operation: 'run', workflowId: rl(WORKFLOWS.echo) }],
			['cozeBot', 'searchBotsAnyStatus', { workspaceId: rl(WORKSPACES[0].id) }],
			['cozeAudio', 'searchVoices', {}],
			['cozePlugin', 'searchPlugins', {}],
		];
		it.each(cases)('%s %s: one entry saying to enter the ID, and no request', async (type, method, parameters) => {
			const spec = { type, parameters: parameters as never, credentials: { cozeApi: studioCredential() } };
			expect(await harness.listSearch(spec, method)).toEqual({ results: [{ name: PICKER_HINT, value: '' }] });
			expect(sim.requests).toEqual([]);
		});
		it('covers every picker of every node, and every picked field also takes an ID', () => {
			const nodes = [
				new CozeAudio(),
				new CozeBot(),
				new CozeChat(),
				new CozeConversation(),
				new CozeDataset(),
				new CozePlugin(),
				new CozeVariable(),
				new CozeWorkflow(),
				new CozeWorkflowTrigger(),
				new CozeWorkspace(),
			];
			const locators: INodeProperties[] = [];
			const walk = (properties: INodeProperties[]) => {
				for (const property of properties) {
					if (property.type === 'resourceLocator') locators.push(property);
					for (const option of (property.options ?? []) as INodeProperties[]) if (option.type) walk([option]);
				}
			};
			for (const node of nodes)
				for (const type of 'nodeVersions' in node ? Object.values(node.nodeVersions) : [node]) walk(type.description.properties);
			const methods = new Set(locators.flatMap((l) => (l.modes ?? []).map((m) => m.typeOptions?.searchListMethod).filter(Boolean)));
			expect([...methods].sort()).toEqual([...cases.map((c) => c[1]), 'searchDatasets'].sort());
			expect(locators.filter((l) => !(l.modes ?? []).some((m) => m.name === 'id')).map((l) => l.name)).toEqual([]);
		});
		it('the knowledge-base picker lists (Studio has GET /v1/datasets) once the workspace ID is entered', async () => {
			const spec = { type: 'cozeDataset', parameters: { workspaceId: rl(WORKSPACES[0].id) }, credentials: { cozeApi: studioCredential() } };
			const listed = await harness.listSearch(spec, 'searchDatasets');
			expect(listed.results.map((r) => r.value)).toEqual(expect.arrayContaining([DATASETS.text, DATASETS.image]));
		});
	});

	describe('an operation Studio does not have', () => {
		it('fails before any request with an error naming the operation and Coze Studio', async () => {
			const { error } = await harness.run({
				type: 'cozeBot',
				parameters: { resource: 'bot', operation: 'getAll', workspaceId: rl(WORKSPACES[0].id), returnAll: true },
				credentials: { cozeApi: studioCredential() },
			});
			expect(error?.message).toBe('"Bot → Get Many" is not available on Coze Studio');
			expect(String(error?.description)).toMatch(/Nothing was sent/);
			expect(sim.requests).toEqual([]);
		});
		it('with Continue On Fail: one error item per input item, paired', async () => {
			const { items, error } = await harness.run(
				{
					type: 'cozeWorkspace',
					parameters: { resource: 'workspace', operation: 'getAll', returnAll: true },
					credentials: { cozeApi: studioCredential() },
					continueOnFail: true,
				},
				{ items: [{ json: {} }, { json: {} }] },
			);
			expect(error).toBeUndefined();
			expect(items.map((item) => [item.json.error, item.pairedItem])).toEqual([
				['"Workspace → Get Many" is not available on Coze Studio', { item: 0 }],
				['"Workspace → Get Many" is not available on Coze Studio', { item: 1 }],
			]);
			expect(sim.requests).toEqual([]);
		});
		it('Resume Workflow without streaming is refused; Studio resumes by stream only', async () => {
			const { error } = await harness.run({
				type: 'cozeWorkflow',
				parameters: { operation: 'resume', workflowId: rl(WORKFLOWS.question), eventId: '1', interruptType: 2, resumeData: 'x', resumeMode: 'sync' },
				credentials: { cozeApi: studioCredential() },
			});
			expect(error?.message).toBe('Resume without streaming is not available on Coze Studio');
			expect(sim.requests).toEqual([]);
		});
	});

	describe('runs read through GET /v1/workflow/get_run_history', () => {
		it('Background and Wait delivers the finished run with the execute ID it started', async () => {
			const { items, error } = await harness.run({
				type: 'cozeWorkflow',
				parameters: {
					operation: 'run',
					mode: 'asyncWait',
					workflowId: rl(WORKFLOWS.echo),
					parameters: '{"input":"Q3"}',
					options: { pollInterval: 1 },
				},
				credentials: { cozeApi: studioCredential() },
			});
			expect(error).toBeUndefined();
			const started = sim.requests.find((r) => r.path === '/v1/workflow/run');
			expect(started).toBeDefined();
			const lookups = sim.requests.filter((r) => r.path === '/v1/workflow/get_run_history');
			expect(lookups.length).toBeGreaterThan(0);
			expect(lookups[0].query).toEqual({ workflow_id: WORKFLOWS.echo, execute_id: expect.stringMatching(/^\d{19}$/) });
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({ status: 'completed', execute_id: lookups[0].query.execute_id, output: { output: 'Q3' } });
		});
		it('a failed run reports Studio error_msg and log_id', async () => {
			const { error } = await harness.run({
				type: 'cozeWorkflow',
				parameters: {
					operation: 'run',
					mode: 'asyncWait',
					workflowId: rl(WORKFLOWS.failing),
					parameters: '{"input":"x"}',
					options: { pollInterval: 1 },
				},
				credentials: { cozeApi: studioCredential() },
			});
			expect(error?.message).toMatch(/failed/);
			expect(`${error?.message} ${String(error?.description)}`).not.toMatch(/no reason given/);
		});
		it('a run cancelled in Studio (status Cancel) ends Background and Wait with an error, not an empty success', async () => {
			const cancel = setTimeout(() => {
				for (const id of workflowsOf(sim).runs.keys()) cancelRun(sim, id);
			}, 300);
			const { error, items } = await harness.run({
				type: 'cozeWorkflow',
				parameters: {
					operation: 'run',
					mode: 'asyncWait',
					workflowId: rl(WORKFLOWS.echo),
					parameters: '{"input":"x"}',
					options: { pollInterval: 1 },
				},
				credentials: { cozeApi: studioCredential() },
			});
			clearTimeout(cancel);
			expect(items).toEqual([]);
			expect(error?.message).toMatch(/was cancelled before it finished \(Coze Studio status Cancel\)/);
		});
		it('the Workflow Trigger delivers a finished run', async () => {
			const polled = await harness.poll(
				{
					type: 'cozeWorkflowTrigger',
					parameters: { workflowId: rl(WORKFLOWS.echo), parameters: '{"input":"x"}' },
					credentials: { cozeApi: studioCredential() },
				},
				{},
				'manual',
			);
			expect(polled.items?.[0]).toHaveLength(1);
			expect(polled.items?.[0][0].json).toMatchObject({ output: { output: 'x' } });
			expect(sim.requests.some((r) => r.path === '/v1/workflow/get_run_history')).toBe(true);
			expect(sim.requests.some((r) => r.path.includes('run_histories'))).toBe(false);
		});
		it('a credential saved before the Server option (no server field) keeps the Coze path', async () => {
			const coze = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
			const { error } = await harness.run({
				type: 'cozeWorkflow',
				parameters: { operation: 'getRun', workflowId: rl(WORKFLOWS.echo), executeId: '7599999999999999999' },
				credentials: { cozeApi: coze },
			});
			expect(sim.requests.map((r) => r.path)).toEqual([`/v1/workflows/${WORKFLOWS.echo}/run_histories/7599999999999999999`]);
			expect(error?.message).toMatch(/404/);
		});
	});
});
