import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { CozeAudio } from '../../nodes/CozeAudio/CozeAudio.node';
import { CozeBot } from '../../nodes/CozeBot/CozeBot.node';
import { CozePlugin } from '../../nodes/CozePlugin/CozePlugin.node';
import { CozeWorkflow } from '../../nodes/CozeWorkflow/CozeWorkflow.node';
import { CozeWorkspace } from '../../nodes/CozeWorkspace/CozeWorkspace.node';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { SEED_VOICES } from '../simulator/routes/audio';
import { PLUGINS } from '../simulator/routes/plugins';
import { currentUser } from '../simulator/routes/workspaces';
import { WORKFLOWS, WORKSPACES } from '../simulator/seed';

const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });
/** The users the simulator knows (routes/workspaces.ts KNOWN_USERS), Alice to Frank; others are not_exist_user_ids. */
const KNOWN = Array.from({ length: 6 }, (_, i) => `215000000000000000${i + 2}`);

/**
 * Issue 16, the degrading items of the audit (the voice-by-URL item is in voice.test.ts). Each test failed before its
 * fix: Chat With Chat Flow could not send workflow_version; Member Add / Remove dropped what earlier batches did when a
 * later batch failed; Call Tool returned a tool's own failure as a success; Text to Speech returned a Coze error
 * envelope as the audio file unless it came as JSON; Bot Create sent the example Prompt Info with empty prompts.
 */
describe('Issue 16 degrading items inside n8n-core against the simulator', () => {
	let sim: Simulator;
	let harness: Harness;
	let credential: string;

	beforeAll(async () => {
		sim = await startSimulator({ ssePacingMs: 1 });
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		harness = new Harness([new CozeWorkflow(), new CozeWorkspace(), new CozePlugin(), new CozeAudio(), new CozeBot()]);
		credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	const run = (type: string, parameters: INodeParameters, items?: INodeExecutionData[], continueOnFail = false) =>
		harness.run({ type, parameters, credentials: { cozeApi: credential }, continueOnFail }, { items });

	it('Chat With Chat Flow sends workflow_version (docs workflow_chat.md) from the version picker or as text', async () => {
		const chat = (options: INodeParameters) =>
			run('cozeWorkflow', {
				operation: 'chat',
				workflowId: rl(WORKFLOWS.chatflow),
				runAs: 'app',
				appId: '7442086830000000001',
				message: 'Hi',
				options,
			});
		const picker = await harness.listSearch(
			{
				type: 'cozeWorkflow',
				parameters: { operation: 'chat', workflowId: rl(WORKFLOWS.chatflow, 'list') } as never,
				credentials: { cozeApi: credential },
			},
			'searchWorkflowVersions',
		);
		expect(picker.results).toEqual([expect.objectContaining({ value: 'v0.0.1' })]);
		const picked = await chat({ workflowVersion: rl('v0.0.1', 'list') });
		expect(picked.error).toBeUndefined();
		expect(sim.requests.at(-1)?.body).toMatchObject({ workflow_id: WORKFLOWS.chatflow, workflow_version: 'v0.0.1' });
		expect(picked.items[0].json.answer).toBe('Chat flow v0.0.1 says: Hi');
		await chat({ workflowVersion: 'v0.0.5' });
		expect(sim.requests.at(-1)?.body).toMatchObject({ workflow_version: 'v0.0.5' });
		await chat({ workflowVersion: rl('', 'list') });
		expect(sim.requests.at(-1)?.body).not.toHaveProperty('workflow_version');
	});

	describe('Workspace members in batches', () => {
		// 23 users: the first batch of 20 holds the six known users (added), the second batch 3 unknown ones.
		const many = [...KNOWN, ...Array.from({ length: 17 }, (_, i) => `21600000000000000${String(i).padStart(2, '0')}`)];
		const members = (operation: 'add' | 'remove', userIds: string[]) =>
			run('cozeWorkspace', { resource: 'member', operation, workspaceId: rl(WORKSPACES[0].id), userIds: userIds.join(', ') });

		it('Member Add returns what each batch did', async () => {
			const { items, error } = await members('add', many);
			expect(error).toBeUndefined();
			const batches = items[0].json.batches as Array<{ user_ids: string[]; added_success_user_ids: string[]; not_exist_user_ids: string[] }>;
			expect(batches.map((b) => b.user_ids)).toEqual([many.slice(0, 20), many.slice(20)]);
			expect(batches.map((b) => b.added_success_user_ids)).toEqual([KNOWN, []]);
			expect(batches.map((b) => b.not_exist_user_ids)).toEqual([many.slice(6, 20), many.slice(20)]);
			expect(items[0].json.added_success_user_ids).toEqual(KNOWN);
		});

		it('Member Add: a later batch fails → the error names the users the first batch already added', async () => {
			sim.addFault({
				method: 'POST',
				path: `/v1/workspaces/${WORKSPACES[0].id}/members`,
				skip: 1,
				fault: { kind: 'envelope', code: 4000, msg: 'invalid user' },
			});
			const { error } = await members('add', many);
			expect(error?.message).toMatch(/invalid user/);
			expect(error?.message).toContain(`batch 2 of 2 failed; earlier batches were applied and stay: added ${KNOWN.join(', ')}; invited none`);
			expect((error as { description?: string })?.description).toContain(`Not sent: ${many.slice(20).join(', ')}`);
			const listed = await run('cozeWorkspace', { resource: 'member', operation: 'getAll', workspaceId: rl(WORKSPACES[0].id), returnAll: true });
			expect(listed.items.map((i) => i.json.user_id)).toEqual([currentUser.user_id, ...KNOWN]);
		});

		it('Member Remove: a later batch fails → the error names the users already removed; each batch is reported', async () => {
			await members('add', KNOWN);
			const removed = await members('remove', KNOWN.slice(0, 2));
			expect(removed.items[0].json.batches).toEqual([
				{
					user_ids: KNOWN.slice(0, 2),
					removed_success_user_ids: KNOWN.slice(0, 2),
					not_in_workspace_user_ids: [],
					owner_not_support_remove_user_ids: [],
				},
			]);
			sim.addFault({ method: 'DELETE', skip: 1, fault: { kind: 'envelope', code: 4000, msg: 'remove failed' } });
			const { error } = await members('remove', [...KNOWN.slice(2), ...many.slice(6, 9)]);
			// Batch 1: Carol, Dave, Erin, Frank (removed) and one unknown user; batch 2 fails.
			expect(error?.message).toContain(
				`remove failed (batch 2 of 2 failed; earlier batches were applied and stay: removed ${KNOWN.slice(2).join(', ')})`,
			);
		});
	});

	it('Plugin Call Tool fails the item when the tool reports a failure (result.code ≠ 0, docs get_plugin.md) with its message', async () => {
		const call = (args: string, continueOnFail = false) =>
			run('cozePlugin', { operation: 'callTool', pluginId: rl(PLUGINS.currency), toolName: 'convert', arguments: args }, undefined, continueOnFail);
		const ok = await call('{"amount": 10, "from": "USD", "to": "CNY"}');
		expect(ok.error).toBeUndefined();
		const failed = await call('{"amount": 10, "from": "USD", "to": "JPY"}');
		expect(failed.error?.message).toBe('Coze API error (code 1): the tool convert reported a failure: unsupported currency (use CNY, USD, EUR)');
		expect((failed.error as { description?: string }).description).toContain(`plugin ${PLUGINS.currency}, tool convert`);
		const kept = await call('{"amount": 10, "from": "USD", "to": "JPY"}', true);
		expect(kept.items[0].json.error).toMatch(/reported a failure/);
		expect(kept.items[0].pairedItem).toEqual({ item: 0 });
	});

	it.each([['text/plain; charset=utf-8'], ['application/octet-stream'], ['audio/mpeg']])(
		'Text to Speech recognises a Coze error envelope sent as %s',
		async (contentType) => {
			const body = JSON.stringify({ code: 4000, msg: 'voice_id not found', detail: { logid: 'log-tts-1' } });
			sim.addFault({ path: '/v1/audio/speech', fault: { kind: 'status', status: 200, body, headers: { 'Content-Type': contentType } } });
			const { error, items } = await run('cozeAudio', {
				operation: 'textToSpeech',
				text: 'Hello',
				voiceId: rl(SEED_VOICES[0].voice_id),
				responseFormat: 'mp3',
			});
			expect(items).toEqual([]);
			expect(error?.message).toBe('Coze API error (code 4000, HTTP 200): voice_id not found');
			expect((error as { description?: string }).description).toContain('Log ID: log-tts-1');
		},
	);

	it('Bot Create: Prompt Info (JSON) has no example default; the old unedited example is refused; {} sends nothing', async () => {
		const create = (settings: INodeParameters) => run('cozeBot', { operation: 'create', workspaceId: rl(WORKSPACES[0].id), name: 'Chef', settings });
		const before = sim.requests.length;
		const example = await create({
			promptInfoJson: '{\n  "prompt_mode": "prefix",\n  "prefix_prompt_info": { "prefix_prompt": "", "dynamic_prompt": "" }\n}',
		});
		expect(example.error?.message).toMatch(/Prompt Info \(JSON\) is the unedited example/);
		expect(sim.requests.slice(before).some((r) => r.path === '/v1/bot/create')).toBe(false);
		const empty = await create({ promptInfoJson: '{}', prompt: 'You are a chef.' });
		expect(empty.error).toBeUndefined();
		expect(sim.requests.at(-1)?.body).toMatchObject({ prompt_info: { prompt: 'You are a chef.' } });
		const filled = await create({
			promptInfoJson: '{"prompt_mode": "prefix", "prefix_prompt_info": {"prefix_prompt": "Rules", "dynamic_prompt": ""}}',
		});
		expect(filled.error).toBeUndefined();
		expect(sim.requests.at(-1)?.body).toMatchObject({ prompt_info: { prompt_mode: 'prefix', prefix_prompt_info: { prefix_prompt: 'Rules' } } });
		const field = new CozeBot().description.properties
			.flatMap((p) => (p.options as Array<{ name: string; default?: unknown }> | undefined) ?? [])
			.find((o) => o.name === 'promptInfoJson');
		expect(field?.default).toBe('{}');
	});
});
