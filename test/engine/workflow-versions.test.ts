import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';

import { CozeVariable } from '../../nodes/CozeVariable/CozeVariable.node';
import { CozeWorkflow } from '../../nodes/CozeWorkflow/CozeWorkflow.node';
import { CozeWorkflowTrigger } from '../../nodes/CozeWorkflowTrigger/CozeWorkflowTrigger.node';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { setWorkflowDuration } from '../simulator/routes/workflows';
import { APP_LIST, APPS, WORKFLOW_VERSIONS, WORKFLOWS, WORKSPACES } from '../simulator/seed';

const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });
const workspace = rl(WORKSPACES[0].id, 'list');

/** Issue 10: Coze Workflow → List Versions, the version picker on Run Workflow, and the app picker everywhere an app is asked. */
describe('Workflow versions and the app picker inside n8n-core against the simulator', () => {
	let sim: Simulator;
	let harness: Harness;
	let credential: string;

	beforeAll(async () => {
		sim = await startSimulator({ ssePacingMs: 1 });
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		setWorkflowDuration(sim, 200);
		harness = new Harness([new CozeWorkflow(), new CozeWorkflowTrigger(), new CozeVariable()]);
		credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	const workflowNode = (parameters: Record<string, unknown>, continueOnFail = false) => ({
		type: 'cozeWorkflow',
		parameters: parameters as never,
		credentials: { cozeApi: credential },
		continueOnFail,
	});
	const versionsCalls = () => sim.requests.filter((r) => r.path.endsWith('/versions'));

	/** 40 extra versions of the slow workflow (more than one 30-item page), removed after the test. */
	const withManyVersions = async (test: () => Promise<void>) => {
		WORKFLOW_VERSIONS[WORKFLOWS.slow] = Array.from({ length: 40 }, (_, i) => ({
			version: `v1.0.${i}`,
			description: `Build ${i}`,
			created_at: 1760000000 + i * 60,
		}));
		try {
			await test();
		} finally {
			delete WORKFLOW_VERSIONS[WORKFLOWS.slow];
		}
	};

	describe('List Versions', () => {
		it('lists the published versions newest first with Return All, walking page_token pages', async () => {
			const { items, error } = await harness.run(workflowNode({ operation: 'listVersions', workflowId: rl(WORKFLOWS.echo), returnAll: true }));
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.version)).toEqual(['v0.0.3', 'v0.0.2', 'v0.0.1']);
			expect(items[0].json).toMatchObject({
				workflow_id: WORKFLOWS.echo,
				description: 'Current release',
				created_at: '1755251584',
				creator: { name: 'Owner' },
			});
			expect(items[0].json.input).toBeUndefined();
			expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
			expect(versionsCalls().map((r) => r.query)).toEqual([{ page_size: '30' }]);

			await withManyVersions(async () => {
				sim.requests.length = 0;
				const all = await harness.run(workflowNode({ operation: 'listVersions', workflowId: rl(WORKFLOWS.slow), returnAll: true }));
				expect(all.items).toHaveLength(40);
				expect(all.items[0].json.version).toBe('v1.0.39');
				expect(all.items[39].json.version).toBe('v1.0.0');
				const calls = versionsCalls();
				expect(calls).toHaveLength(2);
				expect(calls[0].query).toEqual({ page_size: '30' });
				// The second page is asked with the first answer's next_page_token (created_at of v1.0.10, in ms).
				expect(calls[1].query).toEqual({ page_size: '30', page_token: String((1760000000 + 10 * 60) * 1000) });
			});
		});

		it('Limit asks only for what it needs; filters and Include Inputs and Outputs reach Coze', async () => {
			await withManyVersions(async () => {
				const limited = await harness.run(workflowNode({ operation: 'listVersions', workflowId: rl(WORKFLOWS.slow), returnAll: false, limit: 35 }));
				expect(limited.items).toHaveLength(35);
				expect(versionsCalls().map((r) => r.query.page_size)).toEqual(['30', '30']);
			});
			sim.requests.length = 0;
			const two = await harness.run(workflowNode({ operation: 'listVersions', workflowId: rl(WORKFLOWS.echo), limit: 2 }));
			expect(two.items.map((i) => i.json.version)).toEqual(['v0.0.3', 'v0.0.2']);
			expect(versionsCalls().map((r) => r.query)).toEqual([{ page_size: '2' }]);

			sim.requests.length = 0;
			const detailed = await harness.run(
				workflowNode({
					operation: 'listVersions',
					workflowId: rl(WORKFLOWS.echo),
					returnAll: true,
					filters: { publishStatus: 'all' },
					options: { includeInputOutput: true },
				}),
			);
			expect(versionsCalls()[0].query).toEqual({ page_size: '30', publish_status: 'all', include_input_output: 'true' });
			expect(detailed.items[0].json.input).toMatchObject({ parameters: { input: { type: 'string' } } });
			expect(detailed.items[0].json.output).toMatchObject({ terminate_plan: 'return_variables' });

			const drafts = await harness.run(
				workflowNode({ operation: 'listVersions', workflowId: rl(WORKFLOWS.echo), returnAll: true, filters: { publishStatus: 'unpublished_draft' } }),
			);
			expect(drafts.error).toBeUndefined();
			expect(drafts.items).toEqual([]);
		});

		it('an unknown workflow fails with the Coze error, or is reported per item with Continue On Fail', async () => {
			const { error } = await harness.run(workflowNode({ operation: 'listVersions', workflowId: rl('7599999999999999999'), returnAll: true }));
			expect(error?.message).toMatch(/not found/);
			const continued = await harness.run(workflowNode({ operation: 'listVersions', workflowId: rl('7599999999999999999'), returnAll: true }, true));
			expect(continued.items[0].json).toMatchObject({ code: 4200 });
		});
	});

	describe('version picker on Run Workflow', () => {
		const spec = (workflowId: unknown) => workflowNode({ operation: 'run', workspaceId: workspace, workflowId });

		it('lists the versions of the chosen workflow, searchable, paged by page_token', async () => {
			const picker = await harness.listSearch(spec(rl(WORKFLOWS.echo, 'list')), 'searchWorkflowVersions');
			expect(picker.results).toEqual([
				{ name: 'v0.0.3 — Current release', value: 'v0.0.3' },
				{ name: 'v0.0.2 — Trims the input', value: 'v0.0.2' },
				{ name: 'v0.0.1 — First release', value: 'v0.0.1' },
			]);
			expect(picker.paginationToken).toBeUndefined();
			expect(sim.requests.at(-1)?.query).toEqual({ publish_status: 'published_online', page_size: '30' });
			const search = await harness.listSearch(spec(rl(WORKFLOWS.echo)), 'searchWorkflowVersions', 'trims');
			expect(search.results.map((r) => r.value)).toEqual(['v0.0.2']);
			const none = await harness.listSearch(spec(rl('', 'list')), 'searchWorkflowVersions');
			expect(none.results).toEqual([{ name: 'Choose the Workflow First (or Enter the Version)', value: '' }]);

			await withManyVersions(async () => {
				const first = await harness.listSearch(spec(rl(WORKFLOWS.slow)), 'searchWorkflowVersions');
				expect(first.results).toHaveLength(30);
				expect(first.paginationToken).toBe(String((1760000000 + 10 * 60) * 1000));
				const second = await harness.listSearch(spec(rl(WORKFLOWS.slow)), 'searchWorkflowVersions', undefined, first.paginationToken);
				expect(second.results.map((r) => r.value)).toEqual(Array.from({ length: 10 }, (_, i) => `v1.0.${9 - i}`));
				expect(second.paginationToken).toBeUndefined();
			});
		});

		it('runs the picked version; a version stored as text by older workflows still runs', async () => {
			const run = async (workflowVersion: unknown) =>
				await harness.run(
					workflowNode({
						operation: 'run',
						workflowId: rl(WORKFLOWS.echo),
						parameters: '{"input": "hi"}',
						mode: 'sync',
						options: { workflowVersion },
					}),
				);
			const picked = await run(rl('v0.0.2', 'list'));
			expect(picked.error).toBeUndefined();
			expect(sim.requests.at(-1)?.body).toMatchObject({ workflow_id: WORKFLOWS.echo, workflow_version: 'v0.0.2' });
			await run('v0.0.1');
			expect(sim.requests.at(-1)?.body).toMatchObject({ workflow_version: 'v0.0.1' });
			await run(rl('', 'list'));
			expect(sim.requests.at(-1)?.body).not.toHaveProperty('workflow_version');
		});
	});

	describe('app picker', () => {
		it('lists the apps of the workspace published to the API channel, searchable; asks for the workspace first', async () => {
			const spec = workflowNode({ operation: 'run', workspaceId: workspace });
			const apps = await harness.listSearch(spec, 'searchApps');
			expect(apps.results).toEqual([
				{ name: 'Membership Portal', value: APPS.withVariables },
				{ name: 'Order Desk', value: APP_LIST[1].id },
			]);
			expect(apps.paginationToken).toBeUndefined();
			expect(sim.requests.at(-1)?.query).toEqual({
				workspace_id: WORKSPACES[0].id,
				publish_status: 'published_online',
				page_num: '1',
				page_size: '50',
			});
			const search = await harness.listSearch(spec, 'searchApps', 'desk');
			expect(search.results.map((r) => r.name)).toEqual(['Order Desk']);
			const noWorkspace = await harness.listSearch(workflowNode({ operation: 'run', workspaceId: rl('', 'list') }), 'searchApps');
			expect(noWorkspace.results).toEqual([{ name: 'Select a Workspace First (or Enter the App ID)', value: '' }]);
			const variableSpec = {
				type: 'cozeVariable',
				parameters: { operation: 'get', ownerType: 'app', workspaceId: workspace },
				credentials: { cozeApi: credential },
			};
			expect((await harness.listSearch(variableSpec as never, 'searchApps')).results).toHaveLength(2);
			const triggerSpec = { type: 'cozeWorkflowTrigger', parameters: { workspaceId: workspace }, credentials: { cozeApi: credential } };
			expect((await harness.listSearch(triggerSpec as never, 'searchApps')).results).toHaveLength(2);
		});

		it('Run Workflow sends the picked app (list, ID, URL) and the plain text older workflows stored', async () => {
			const url = `https://www.coze.cn/space/${WORKSPACES[0].id}/project-ide/${APP_LIST[1].id}`;
			for (const [appId, expected] of [
				[rl(APPS.withVariables, 'list'), APPS.withVariables],
				[rl(APP_LIST[1].id), APP_LIST[1].id],
				[rl(url, 'url'), APP_LIST[1].id],
				[` ${APPS.withVariables} `, APPS.withVariables],
			] as const) {
				const { error } = await harness.run(
					workflowNode({ operation: 'run', workflowId: rl(WORKFLOWS.echo), parameters: '{"input": "hi"}', mode: 'sync', options: { appId } }),
				);
				expect(error).toBeUndefined();
				expect(sim.requests.at(-1)?.body).toMatchObject({ workflow_id: WORKFLOWS.echo, app_id: expected });
			}
			const both = await harness.run(
				workflowNode({
					operation: 'run',
					workflowId: rl(WORKFLOWS.echo),
					mode: 'sync',
					options: { appId: rl(APPS.withVariables), botId: '7400000000000000001' },
				}),
			);
			expect(both.error?.message).toMatch(/either App ID or Bot ID/);
			const noApp = await harness.run(
				workflowNode({ operation: 'run', workflowId: rl(WORKFLOWS.echo), mode: 'sync', options: { appId: rl('', 'list') } }),
			);
			expect(noApp.error).toBeUndefined();
			expect(sim.requests.at(-1)?.body).not.toHaveProperty('app_id');
		});

		it('List Workflows filters by the picked app (and by the text older workflows stored)', async () => {
			for (const appId of [rl(APPS.withVariables, 'list'), APPS.withVariables]) {
				const { error } = await harness.run(workflowNode({ operation: 'list', workspaceId: workspace, returnAll: true, filters: { appId } }));
				expect(error).toBeUndefined();
				expect(sim.requests.at(-1)?.query).toMatchObject({ workspace_id: WORKSPACES[0].id, app_id: APPS.withVariables });
			}
		});

		it('Coze Variable with Owner = App reads the picked app, and the plain text older workflows stored', async () => {
			for (const appId of [rl(APPS.withVariables, 'list'), APPS.withVariables]) {
				const { items, error } = await harness.run({
					type: 'cozeVariable',
					parameters: { operation: 'get', ownerType: 'app', workspaceId: workspace, appId, userId: 'alice' } as never,
					credentials: { cozeApi: credential },
				});
				expect(error).toBeUndefined();
				expect(items[0].json).toMatchObject({ plan: 'free' });
				expect(sim.requests.at(-1)?.query).toMatchObject({ app_id: APPS.withVariables, connector_uid: 'alice' });
			}
			const empty = await harness.run({
				type: 'cozeVariable',
				parameters: { operation: 'get', ownerType: 'app', appId: rl('', 'list'), userId: 'alice' } as never,
				credentials: { cozeApi: credential },
			});
			expect(empty.error?.message).toMatch(/App/);
		});

		it('Coze Workflow Trigger starts its background runs with the picked app', async () => {
			for (const appId of [rl(APPS.withVariables, 'list'), APPS.withVariables]) {
				sim.requests.length = 0;
				const first = await harness.poll({
					type: 'cozeWorkflowTrigger',
					parameters: { workflowId: rl(WORKFLOWS.slow), parameters: '{"input": "Q3"}', options: { appId } } as never,
					credentials: { cozeApi: credential },
				});
				expect(first.items).toBeNull();
				const start = sim.requests.find((r) => r.path === '/v1/workflow/run');
				expect(start?.body).toMatchObject({ workflow_id: WORKFLOWS.slow, app_id: APPS.withVariables, is_async: true });
			}
		});
	});

	it('the node panel shows the action node description on the merged Coze Workflow entry', () => {
		// n8n merges cozeWorkflowTrigger into cozeWorkflow and shows the trigger's description on the entry.
		const action = new CozeWorkflow().description;
		const trigger = new CozeWorkflowTrigger().description;
		expect(trigger.name.replace('Trigger', '')).toBe(action.name);
		expect(trigger.description).toBe(action.description);
		expect(action.description).toMatch(/^Run Coze workflows/);
	});

	it('no node is in the codex category "AI" (n8n\'s node panel search does not list such community nodes; editor e2e)', () => {
		const root = join(__dirname, '..', '..', 'nodes');
		for (const folder of readdirSync(root).filter((name) => name.startsWith('Coze'))) {
			const codex = JSON.parse(readFileSync(join(root, folder, `${folder}.node.json`), 'utf8')) as { categories: string[] };
			expect({ folder, categories: codex.categories }).toEqual({ folder, categories: expect.not.arrayContaining(['AI']) });
		}
	});
});
