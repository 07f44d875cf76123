import type { IDataObject } from 'n8n-workflow';

import { CozeWorkflow } from '../../nodes/CozeWorkflow/CozeWorkflow.node';
import { CozeWorkflowTrigger } from '../../nodes/CozeWorkflowTrigger/CozeWorkflowTrigger.node';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { setDoneAfterInterrupt, setWorkflowDuration, workflowsOf } from '../simulator/routes/workflows';
import { BOTS, WORKFLOWS, WORKSPACES } from '../simulator/seed';

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Coze Workflow node and trigger inside n8n-core against the simulator', () => {
	let sim: Simulator;
	let harness: Harness;
	let credential: string;

	beforeAll(async () => {
		sim = await startSimulator({ ssePacingMs: 2 });
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		setWorkflowDuration(sim, 300);
		harness = new Harness([new CozeWorkflow(), new CozeWorkflowTrigger()]);
		credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	const run = (parameters: Record<string, unknown>, options: Parameters<Harness['run']>[1] = {}, continueOnFail = false) =>
		harness.run(
			{
				type: 'cozeWorkflow',
				parameters: { operation: 'run', workflowId: rl(WORKFLOWS.echo), parameters: '{"input": "hello"}', ...parameters },
				credentials: { cozeApi: credential },
				continueOnFail,
			},
			options,
		);

	it('streams a run and returns the parsed end-node output the moment Done arrives', async () => {
		const { items, error } = await run({ options: { userId: 'u-1', includeMessages: true } });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ workflow_id: WORKFLOWS.echo, status: 'completed', output: { output: 'hello' } });
		expect(items[0].json.debug_url).toContain(WORKFLOWS.echo);
		expect((items[0].json.usage as IDataObject).token_count).toBe(20);
		expect(items[0].json.messages).toHaveLength(1);
		const request = sim.requests.find((r) => r.path === '/v1/workflow/stream_run');
		expect(request?.body).toEqual({ workflow_id: WORKFLOWS.echo, parameters: { input: 'hello' }, ext: { user_id: 'u-1' } });
	});

	it('concatenates output-node chunks, ignores PING, and forwards chunks live when streaming', async () => {
		const { items, chunks } = await run({ workflowId: rl(WORKFLOWS.streamOnly), options: { includeMessages: true } }, { streaming: true });
		const messages = items[0].json.messages as IDataObject[];
		expect(messages[0]).toEqual({ node_title: 'Story', content: 'Once upon a time' });
		expect(
			chunks
				.filter((c) => c.type === 'item')
				.map((c) => c.content)
				.join(''),
		).toContain('Once upon a time');
	});

	it('sync mode parses the data string; a stream-only workflow gets a clear error', async () => {
		const { items } = await run({ mode: 'sync' });
		expect(items[0].json).toMatchObject({ status: 'completed', output: { output: 'hello' } });
		const { error } = await run({ mode: 'sync', workflowId: rl(WORKFLOWS.streamOnly) });
		expect(error?.message).toMatch(/stream_run/);
	});

	it('background run returns execute_id at once; Get Run reads Running then Success with parsed nested output', async () => {
		const started = Date.now();
		const { items } = await run({ mode: 'async' });
		expect(Date.now() - started).toBeLessThan(250);
		const executeId = items[0].json.execute_id as string;
		expect(items[0].json.status).toBe('running');
		expect(executeId).toMatch(/^\d{19}$/);
		const get = (wait: boolean) =>
			harness.run({
				type: 'cozeWorkflow',
				parameters: { operation: 'getRun', workflowId: rl(WORKFLOWS.echo), executeId, wait, options: { pollInterval: 1 } },
				credentials: { cozeApi: credential },
			});
		expect((await get(false)).items[0].json.execute_status).toBe('Running');
		const done = (await get(true)).items[0].json;
		expect(done.execute_status).toBe('Success');
		expect(done.output).toEqual({ Output: { output: 'hello' } });
		expect(done.error_code).toBe(0);
	});

	it('start-and-wait polls until the run finishes; a failed run is a NodeApiError with code, message and debug URL', async () => {
		const { items } = await run({ mode: 'asyncWait', options: { pollInterval: 1 } });
		expect(items[0].json).toMatchObject({ status: 'completed', output: { Output: { output: 'hello' } } });
		const failed = await run({ mode: 'asyncWait', workflowId: rl(WORKFLOWS.failing), options: { pollInterval: 1 } });
		expect(failed.error?.message).toMatch(/failed: Node "Code" failed/);
		expect(JSON.stringify(failed.error)).toContain('6001');
	});

	it('stream Error event and unpublished workflow map to NodeApiError with hints; continueOnFail keeps going', async () => {
		const failing = await run({ workflowId: rl(WORKFLOWS.failing) });
		expect(failing.error?.message).toMatch(/6001|failed/);
		const draft = await run({ workflowId: rl(WORKFLOWS.draft) });
		expect(draft.error?.message).toMatch(/publish/i);
		const soft = await run({ workflowId: rl(WORKFLOWS.draft) }, { items: [{ json: {} }, { json: {} }] }, true);
		expect(soft.items).toHaveLength(2);
		expect(soft.items[0].json.error).toBeTruthy();
		expect(soft.items[1].pairedItem).toEqual({ item: 1 });
	});

	it('a question interrupts the run; Resume Workflow answers it (streaming and non-streaming)', async () => {
		const asked = (await run({ workflowId: rl(WORKFLOWS.question) })).items[0].json;
		expect(asked).toMatchObject({ status: 'interrupted', interrupt_type: 2, question: 'Which city?' });
		const resume = (eventId: string, resumeMode: string) =>
			harness.run({
				type: 'cozeWorkflow',
				parameters: { operation: 'resume', workflowId: rl(WORKFLOWS.question), eventId, interruptType: 2, resumeData: 'Hangzhou', resumeMode },
				credentials: { cozeApi: credential },
			});
		const answered = await resume(asked.event_id as string, 'stream');
		expect(answered.items[0].json).toMatchObject({ status: 'completed', output: { output: 'Weather in Hangzhou: sunny' } });
		const again = await resume(asked.event_id as string, 'stream');
		expect(again.error?.message).toMatch(/already answered/);

		const syncAsked = (await run({ workflowId: rl(WORKFLOWS.question), mode: 'sync' })).items[0].json;
		expect(syncAsked.status).toBe('interrupted');
		const syncAnswered = await resume(syncAsked.event_id as string, 'sync');
		expect(syncAnswered.items[0].json.output).toEqual({ output: 'Weather in Hangzhou: sunny' });
	});

	it('chat flows need an app or a bot (docs workflow_chat.md): App from the picker, Bot as Run As, nothing → an error before sending', async () => {
		const chat = (parameters: Record<string, unknown>) =>
			harness.run({
				type: 'cozeWorkflow',
				parameters: { operation: 'chat', workflowId: rl(WORKFLOWS.chatflow), message: 'Hi', ...parameters } as never,
				credentials: { cozeApi: credential },
			});
		const asApp = await chat({ runAs: 'app', appId: rl('7442086830000000001') });
		expect(asApp.error).toBeUndefined();
		expect(sim.requests.at(-1)?.body).toMatchObject({ app_id: '7442086830000000001', parameters: {} });
		const asBot = await chat({ runAs: 'bot', botId: rl(BOTS.echo) });
		expect(asBot.error).toBeUndefined();
		expect(sim.requests.at(-1)?.body).toMatchObject({ bot_id: BOTS.echo });
		const sent = sim.requests.length;
		const neither = await chat({ runAs: 'app', appId: rl('={{ $json.none ?? "" }}') });
		expect(neither.error?.message).toBe('App is required');
		expect(sim.requests).toHaveLength(sent);
	});

	it('an Interrupt followed by Done is the same interrupted run as an Interrupt that ends the stream (docs example)', async () => {
		const endsAtInterrupt = (await run({ workflowId: rl(WORKFLOWS.question) })).items[0].json;
		setDoneAfterInterrupt(sim, true);
		const withDone = (await run({ workflowId: rl(WORKFLOWS.question) })).items[0].json;
		for (const asked of [endsAtInterrupt, withDone]) {
			expect(asked).toMatchObject({ status: 'interrupted', interrupt_type: 2, question: 'Which city?', event_id: expect.stringMatching(/\S/) });
		}
	});

	it('a lowercase error event with raw text (Coze Studio) fails the run with that text', async () => {
		sim.addFault({ path: '/v1/workflow/stream_run', fault: { kind: 'rawErrorEvent', afterEvents: 1, text: 'context deadline exceeded' } });
		const { error } = await run({ workflowId: rl(WORKFLOWS.streamOnly), parameters: '{}' });
		expect(error?.message).toBe('Coze API error: the workflow failed: context deadline exceeded');
	});

	it('uploads binary inputs as file_id JSON, rejects bad parameters and bot+app together', async () => {
		const { items, error } = await run(
			{ parameters: '{}', options: { fileInputs: 'input=data' } },
			{ items: [{ json: {}, binary: { data: { data: Buffer.from('hello file').toString('base64'), mimeType: 'text/plain', fileName: 'a.txt' } } }] },
		);
		expect(error).toBeUndefined();
		const fileId = ((items[0].json.output as IDataObject).output as IDataObject).file_id;
		expect(fileId).toMatch(/^\d+$/);
		expect((await run({ parameters: '[1]' })).error?.message).toMatch(/JSON object/);
		expect((await run({ parameters: '{bad' })).error?.message).toMatch(/not valid JSON/);
		expect((await run({ options: { botId: '1', appId: '2' } })).error?.message).toMatch(/not both/);
	});

	it('reads a trimmed output through Get Node Output, lists and gets workflows, and the picker lists them', async () => {
		const started = (await run({ mode: 'asyncWait', workflowId: rl(WORKFLOWS.bigOutput), options: { pollInterval: 1 } })).items[0].json;
		const history = (
			await harness.run({
				type: 'cozeWorkflow',
				parameters: { operation: 'getRun', workflowId: rl(WORKFLOWS.bigOutput), executeId: started.execute_id as string },
				credentials: { cozeApi: credential },
			})
		).items[0].json;
		expect(history.is_output_trimmed).toBe(true);
		const uuid = Object.values(history.node_execute_status as Record<string, IDataObject>)[0].node_execute_uuid;
		const node = await harness.run({
			type: 'cozeWorkflow',
			parameters: {
				operation: 'getNodeOutput',
				workflowId: rl(WORKFLOWS.bigOutput),
				executeId: started.execute_id as string,
				nodeExecuteUuid: uuid as string,
			},
			credentials: { cozeApi: credential },
		});
		expect(node.items[0].json.output).toEqual({ rows: 100000, sample: 'row-1' });

		const list = await harness.run({
			type: 'cozeWorkflow',
			parameters: { operation: 'list', workspaceId: rl(WORKSPACES[0].id), returnAll: true },
			credentials: { cozeApi: credential },
		});
		expect(list.items.map((i) => i.json.workflow_name)).toContain('echo_input');
		expect(list.items).toHaveLength(7);
		const limited = await harness.run({
			type: 'cozeWorkflow',
			parameters: { operation: 'list', workspaceId: rl(WORKSPACES[0].id), returnAll: false, limit: 2 },
			credentials: { cozeApi: credential },
		});
		expect(limited.items).toHaveLength(2);
		const one = await harness.run({
			type: 'cozeWorkflow',
			parameters: { operation: 'get', workflowId: rl(WORKFLOWS.echo) },
			credentials: { cozeApi: credential },
		});
		expect(one.items[0].json.workflow_name).toBe('echo_input');

		const picker = await harness.listSearch(
			{ type: 'cozeWorkflow', parameters: { operation: 'run', workspaceId: rl(WORKSPACES[0].id) }, credentials: { cozeApi: credential } },
			'searchWorkflows',
		);
		expect(picker.results.map((r) => r.name)).toContain('ask_city');
	});

	it('chats with a chat flow: streamed answer, conversation kept, picker lists chat flows only', async () => {
		const chat = (parameters: Record<string, unknown>) =>
			harness.run({
				type: 'cozeWorkflow',
				parameters: {
					operation: 'chat',
					workflowId: rl(WORKFLOWS.chatflow),
					runAs: 'app',
					appId: '7442086830000000001',
					message: 'Where is my order?',
					...parameters,
				} as never,
				credentials: { cozeApi: credential },
			});
		const first = await chat({ options: { userId: 'u-7' } });
		expect(first.error).toBeUndefined();
		expect(first.items[0].json).toMatchObject({ workflow_id: WORKFLOWS.chatflow, answer: 'Chat flow says: Where is my order?', status: 'completed' });
		const conversationId = first.items[0].json.conversation_id as string;
		expect(sim.requests.at(-1)?.body).toMatchObject({ workflow_id: WORKFLOWS.chatflow, parameters: {}, ext: { user_id: 'u-7' } });
		const second = await chat({ conversationId, message: 'And the invoice?' });
		expect(second.items[0].json.conversation_id).toBe(conversationId);
		expect(sim.requests.at(-1)?.body).toMatchObject({ conversation_id: conversationId });
		expect((await chat({ workflowId: rl(WORKFLOWS.echo) })).error?.message).toMatch(/not a chat flow/);
		const picker = await harness.listSearch(
			{ type: 'cozeWorkflow', parameters: { operation: 'chat', workspaceId: rl(WORKSPACES[0].id) }, credentials: { cozeApi: credential } },
			'searchChatFlows',
		);
		expect(picker.results.map((r) => r.name)).toEqual(['support_chatflow']);
	});

	describe('Coze Workflow Trigger', () => {
		const trigger = (parameters: Record<string, unknown>) => ({
			type: 'cozeWorkflowTrigger',
			parameters: { workflowId: rl(WORKFLOWS.slow), parameters: '{"input": "Q3"}', ...parameters },
			credentials: { cozeApi: credential },
		});

		it('its workflow picker lists the workspace’s workflows (the trigger has no operation parameter)', async () => {
			const picker = await harness.listSearch(
				{ type: 'cozeWorkflowTrigger', parameters: { workspaceId: rl(WORKSPACES[0].id) }, credentials: { cozeApi: credential } },
				'searchWorkflows',
			);
			expect(picker.results.map((r) => r.name)).toContain('long_report');
		});

		it('starts one background run at a time and fires exactly once per finished run', async () => {
			let state: IDataObject = {};
			const first = await harness.poll(trigger({}), state);
			expect(first.items).toBeNull();
			state = first.staticData;
			expect(workflowsOf(sim).started[WORKFLOWS.slow]).toBe(1);
			const stillRunning = await harness.poll(trigger({}), state);
			expect(stillRunning.items).toBeNull();
			expect(workflowsOf(sim).started[WORKFLOWS.slow]).toBe(1);
			await new Promise((resolve) => setTimeout(resolve, 350));
			const fired = await harness.poll(trigger({}), stillRunning.staticData);
			expect(fired.items?.[0]).toHaveLength(1);
			expect(fired.items?.[0][0].json).toMatchObject({
				status: 'completed',
				execute_status: 'Success',
				output: { Output: { output: 'report for Q3' } },
			});
			expect(workflowsOf(sim).started[WORKFLOWS.slow]).toBe(2);
			const firedId = fired.items?.[0][0].json.execute_id;
			await new Promise((resolve) => setTimeout(resolve, 350));
			const next = await harness.poll(trigger({}), fired.staticData);
			expect(next.items?.[0].map((i) => i.json.execute_id)).not.toContain(firedId);
			expect(next.items?.[0]).toHaveLength(1);
		});

		it('watches listed execute IDs, includes failed runs unless told not to, and never fires twice', async () => {
			const bad = (await run({ mode: 'async', workflowId: rl(WORKFLOWS.failing) })).items[0].json.execute_id as string;
			const watch = (includeFailed: boolean) =>
				trigger({ startRuns: 'never', workflowId: rl(WORKFLOWS.failing), executeIds: bad, options: { includeFailed } });
			const early = await harness.poll(watch(true), {});
			expect(early.items).toBeNull();
			await new Promise((resolve) => setTimeout(resolve, 350));
			const fired = await harness.poll(watch(true), early.staticData);
			expect(fired.items?.[0][0].json).toMatchObject({ execute_id: bad, status: 'failed', execute_status: 'Fail', error_code: 6001 });
			expect((await harness.poll(watch(true), fired.staticData)).items).toBeNull();
			expect((await harness.poll(watch(false), {})).items).toBeNull();
			expect(workflowsOf(sim).started[WORKFLOWS.failing]).toBe(1);
		});

		it('manual test starts a run and waits for its result', async () => {
			const { items } = await harness.poll(trigger({ options: { testTimeout: 10 } }), {}, 'manual');
			expect(items?.[0][0].json).toMatchObject({ status: 'completed', output: { Output: { output: 'report for Q3' } } });
		});
	});
});
