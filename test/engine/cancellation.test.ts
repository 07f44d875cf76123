import type { INodeParameters } from 'n8n-workflow';

import { CozeChat } from '../../nodes/CozeChat/CozeChat.node';
import { CozeDataset } from '../../nodes/CozeDataset/CozeDataset.node';
import { CozeVariable } from '../../nodes/CozeVariable/CozeVariable.node';
import { CozeWorkflow } from '../../nodes/CozeWorkflow/CozeWorkflow.node';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { chatStats } from '../simulator/routes/chat';
import { DATASETS, datasetsOf } from '../simulator/routes/datasets';
import { workflowsOf } from '../simulator/routes/workflows';
import { BOTS, WORKFLOWS } from '../simulator/seed';

/**
 * A stopped execution (n8n cancels the run, which aborts the execution's signal) stops every node within a second and
 * leaves nothing running at Coze: chats are cancelled with their own request, waits and polls stop, aborted calls are
 * not retried.
 */

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

describe('cancellation: a stopped execution stops at once and leaves nothing running at Coze', () => {
	let sim: Simulator;
	let harness: Harness;
	let credential: string;

	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		sim.options.chatLatencyMs = 0;
		sim.options.slowChatMs = 5000;
		harness = new Harness([new CozeChat(), new CozeDataset(), new CozeWorkflow(), new CozeVariable()]);
		credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	const run = async (type: string, parameters: INodeParameters, cancelAfterMs: number) => {
		const started = Date.now();
		const result = await harness.run({ type, parameters, credentials: { cozeApi: credential } }, { cancelAfterMs });
		return { ...result, stoppedAfterCancelMs: Date.now() - (result.cancelledAt ?? started) };
	};
	const cancels = () => sim.requests.filter((r) => r.path === '/v3/chat/cancel');

	it('a streaming chat: the node stops within 1 s and POST /v3/chat/cancel reaches Coze, so the chat ends canceled', async () => {
		const result = await run('cozeChat', { operation: 'sendMessage', botId: rl(BOTS.slow), userId: 'u', message: 'long question' }, 400);
		expect(result.cancelledAt).toBeGreaterThan(0);
		expect(result.stoppedAfterCancelMs).toBeLessThan(1000);
		expect(cancels()).toHaveLength(1);
		const chat = chatStats(sim).chats[0];
		expect(cancels()[0].body).toEqual({ conversation_id: chat.conversation_id, chat_id: chat.id });
		await sleep(100);
		expect(chat.status).toBe('canceled');
	});

	it('a chat stopped before its first event: read on until Coze names the chat, then cancel it', async () => {
		sim.options.chatLatencyMs = 500;
		const result = await run('cozeChat', { operation: 'sendMessage', botId: rl(BOTS.slow), userId: 'u', message: 'long question' }, 100);
		expect(result.stoppedAfterCancelMs).toBeLessThan(1000);
		expect(cancels()).toHaveLength(1);
		await sleep(100);
		expect(chatStats(sim).chats[0].status).toBe('canceled');
	});

	it('a polled chat (Response Mode: Poll): polling stops within 1 s and the chat is cancelled', async () => {
		const result = await run(
			'cozeChat',
			{ operation: 'sendMessage', botId: rl(BOTS.slow), userId: 'u', message: 'long question', options: { responseMode: 'poll' } },
			1300,
		);
		expect(result.stoppedAfterCancelMs).toBeLessThan(1000);
		expect(cancels()).toHaveLength(1);
		const polls = sim.requests.filter((r) => r.path === '/v3/chat/retrieve').length;
		await sleep(1500);
		expect(sim.requests.filter((r) => r.path === '/v3/chat/retrieve')).toHaveLength(polls);
		expect(chatStats(sim).chats[0].status).toBe('canceled');
	});

	it('Knowledge Base → Wait for Processing: the wait stops within 1 s and no progress is read after it', async () => {
		datasetsOf(sim).processingMs = 10_000;
		const item = {
			json: {},
			binary: { data: { data: Buffer.from('hello').toString('base64'), mimeType: 'text/plain', fileName: 'a.txt', fileExtension: 'txt' } },
		};
		const started = Date.now();
		const result = await harness.run(
			{
				type: 'cozeDataset',
				parameters: { resource: 'document', operation: 'create', datasetId: rl(DATASETS.text), source: 'binary' },
				credentials: { cozeApi: credential },
			},
			{ items: [item], cancelAfterMs: 1500 },
		);
		expect(Date.now() - (result.cancelledAt ?? started)).toBeLessThan(1000);
		const reads = sim.requests.filter((r) => r.path.endsWith('/process')).length;
		expect(reads).toBeGreaterThanOrEqual(1);
		await sleep(1500);
		expect(sim.requests.filter((r) => r.path.endsWith('/process'))).toHaveLength(reads);
	});

	it('Workflow → Start in Background and Wait: the wait stops within 1 s, no more run-history reads', async () => {
		workflowsOf(sim).slowMs = 10_000;
		const result = await run(
			'cozeWorkflow',
			{ operation: 'run', mode: 'asyncWait', workflowId: rl(WORKFLOWS.slow), parameters: '{"input":"Q3"}' },
			1500,
		);
		expect(result.stoppedAfterCancelMs).toBeLessThan(1000);
		const reads = sim.requests.filter((r) => r.path.includes('/run_histories/')).length;
		await sleep(1500);
		expect(sim.requests.filter((r) => r.path.includes('/run_histories/'))).toHaveLength(reads);
	});

	it('a streamed workflow run stops within 1 s', async () => {
		workflowsOf(sim).slowMs = 10_000;
		const result = await run('cozeWorkflow', { operation: 'run', mode: 'stream', workflowId: rl(WORKFLOWS.slow), parameters: '{"input":"Q3"}' }, 400);
		expect(result.stoppedAfterCancelMs).toBeLessThan(1000);
	});

	it('an aborted GET is not retried', async () => {
		sim.addFault({ method: 'GET', path: '/v1/variables', times: 5, fault: { kind: 'delay', ms: 3000 } });
		const result = await run('cozeVariable', { operation: 'get', ownerType: 'bot', botId: rl(BOTS.echo), userId: 'alice' }, 300);
		expect(result.stoppedAfterCancelMs).toBeLessThan(1000);
		await sleep(800);
		expect(sim.requests.filter((r) => r.path === '/v1/variables')).toHaveLength(1);
	});
});
