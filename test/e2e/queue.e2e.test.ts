import { createHash } from 'crypto';
import { execFile } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { promisify } from 'util';

import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { chatStats } from '../simulator/routes/chat';
import { filesOf } from '../simulator/routes/files';
import { setWorkflowDuration, workflowsOf } from '../simulator/routes/workflows';
import { BOTS, WORKFLOWS } from '../simulator/seed';
import type { N8nProcess } from './n8n';
import { N8nInstance, REPO, setupOwner } from './n8n';
import type { Service } from './services';
import { ensureServicePackages, freePort, startPostgres, startRedis } from './services';

const run = promisify(execFile);
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

type Node = Record<string, unknown>;
const CUSTOM = (name: string) => `n8n-nodes-coze-api.${name}`;
const PAT = { cozeApi: { id: 'coze-pat', name: 'Coze API (simulator)' } };
const JWT = { cozeJwtApi: { id: 'coze-jwt', name: 'Coze JWT (simulator)' } };

function webhook(path: string, responseMode: string, extra: Node = {}): Node {
	return {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		position: [0, 0],
		webhookId: `0b3c6d2e-0000-4000-8000-${createHash('sha1').update(path).digest('hex').slice(0, 12)}`,
		parameters: { httpMethod: 'POST', path, responseMode, options: {}, ...extra },
	};
}

function chatNode(parameters: Node, credentials: Node = PAT): Node {
	return {
		name: 'Coze Chat',
		type: CUSTOM('cozeChat'),
		typeVersion: 1,
		position: [220, 0],
		credentials,
		parameters: {
			operation: 'sendMessage',
			botId: { __rl: true, mode: 'id', value: BOTS.echo },
			userId: 'web-client',
			message: '={{ $json.body.question }}',
			...parameters,
		},
	};
}

const respond: Node = {
	name: 'Respond',
	type: 'n8n-nodes-base.respondToWebhook',
	typeVersion: 1.5,
	position: [440, 0],
	parameters: { respondWith: 'firstIncomingItem', options: {} },
};

/** A linear workflow: each node feeds the next. */
function chain(id: string, name: string, nodes: Node[]): Node {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < nodes.length; i++) connections[String(nodes[i].name)] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name, nodes: nodes.map((node, i) => ({ id: `${id}-${i}`, ...node })), connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

const WORKFLOWS_UNDER_TEST: Node[] = [
	chain('queueChat0001', 'Queue: webhook → Coze Chat → Respond', [webhook('coze-chat', 'responseNode'), chatNode({}), respond]),
	chain('queueStream01', 'Queue: webhook streams the Coze answer', [
		webhook('coze-stream', 'streaming'),
		chatNode({ botId: { __rl: true, mode: 'id', value: BOTS.slow } }),
	]),
	chain('queueFile0001', 'Queue: a posted file asked about', [
		webhook('coze-file', 'responseNode'),
		chatNode({ options: { binaryProperties: 'report' } }),
		respond,
	]),
	chain('queueWflow001', 'Queue: Coze Workflow in background, waited on', [
		webhook('coze-workflow', 'lastNode', { responseData: 'firstEntryJson' }),
		{
			name: 'Start Report',
			type: CUSTOM('cozeWorkflow'),
			typeVersion: 1,
			position: [220, 0],
			credentials: PAT,
			parameters: {
				operation: 'run',
				workflowId: { __rl: true, mode: 'id', value: WORKFLOWS.slow },
				parameters: '={{ JSON.stringify({ input: $json.body.topic }) }}',
				mode: 'async',
				options: {},
			},
		},
		{
			name: 'Wait for Report',
			type: CUSTOM('cozeWorkflow'),
			typeVersion: 1,
			position: [440, 0],
			credentials: PAT,
			parameters: {
				operation: 'getRun',
				workflowId: { __rl: true, mode: 'id', value: WORKFLOWS.slow },
				executeId: '={{ $json.execute_id }}',
				wait: true,
				options: { pollInterval: 1, timeout: 120 },
			},
		},
	]),
	chain('queueJwt00001', 'Queue: Coze Chat with the JWT credential', [
		webhook('coze-jwt', 'responseNode'),
		chatNode({ authentication: 'jwt' }, JWT),
		respond,
	]),
];

/**
 * Run by hand (the editor's "Execute workflow", here its REST call), not published: their test webhooks wait for one
 * request. With OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true n8n 2.x sends manual executions to the workers as well, which
 * n8n 3.0 always does in queue mode (its breaking-change rule "Manual executions always run on workers in queue mode").
 */
const MANUAL_WORKFLOWS: Node[] = [
	chain('queueManual01', 'Queue: manual run streams the Coze answer', [
		webhook('coze-manual-stream', 'streaming'),
		chatNode({ botId: { __rl: true, mode: 'id', value: BOTS.slow } }),
	]),
	chain('queueManual02', 'Queue: manual run asks about a posted file', [
		webhook('coze-manual-file', 'responseNode'),
		chatNode({ options: { binaryProperties: 'report' } }),
		respond,
	]),
];

type Arrival = { at: number; text: string };

/** Reads a streamed webhook response (n8n's NDJSON: begin, item…, end), noting when each read arrived. */
async function readStream(response: Response): Promise<{ arrivals: Arrival[]; lines: Array<{ type: string; content?: string }> }> {
	const arrivals: Arrival[] = [];
	const decoder = new TextDecoder();
	for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
		arrivals.push({ at: Date.now(), text: decoder.decode(chunk, { stream: true }) });
	const lines = arrivals
		.map((a) => a.text)
		.join('')
		.split('\n')
		.filter((line) => line.trim())
		.map((line) => JSON.parse(line) as { type: string; content?: string });
	return { arrivals, lines };
}

/**
 * n8n in queue mode: one main (webhooks, the trigger's polls) and two workers (every execution, manual ones included:
 * OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true), Postgres for the database and binary data, Redis for the queue. Every
 * case asserts what the HTTP client and the Coze simulator saw, and which process ran the execution (each worker logs
 * "Worker started execution <id>").
 */
describe('queue mode: n8n main + two workers on Postgres and Redis', () => {
	let postgres: Service | undefined;
	let redis: Service | undefined;
	let sim: Simulator;
	let n8n: N8nInstance;
	let main: N8nProcess;
	let workers: N8nProcess[] = [];
	let port: number;
	let cookie: string;
	const timings: Record<string, number> = {};

	const api = async <T>(path: string): Promise<T> => {
		const response = await fetch(`http://127.0.0.1:${port}/rest${path}`, { headers: { cookie } });
		if (!response.ok) throw new Error(`GET /rest${path}: ${response.status} ${await response.text()}`);
		return ((await response.json()) as { data: T }).data;
	};
	const executions = async (workflowId: string) =>
		(
			await api<{ results: Array<{ id: string; status: string; mode: string }> }>(
				`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
			)
		).results;
	/** Waits until the workflow has `count` finished executions; returns them, oldest first. */
	const finished = async (workflowId: string, count: number, timeoutMs = 60_000) => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = await executions(workflowId);
			const done = list.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
			if (done.length >= count) return done.sort((a, b) => Number(a.id) - Number(b.id));
			if (Date.now() > deadline) throw new Error(`${workflowId}: ${done.length}/${count} executions finished: ${JSON.stringify(list)}`);
			await sleep(500);
		}
	};
	/** Names of the processes that ran the execution (from their logs). */
	const ranOn = (executionId: string) => {
		const pattern = new RegExp(`Worker started execution ${executionId} \\(job`);
		return [main, ...workers].filter((proc) => pattern.test(proc.output())).map((proc) => proc.name);
	};
	const expectOnOneWorker = (executionId: string) => {
		const on = ranOn(executionId);
		expect(on).toHaveLength(1);
		expect(on[0]).toMatch(/^worker-/);
		expect(main.output()).toMatch(new RegExp(`Enqueued execution ${executionId} \\(job`));
		return on[0];
	};
	const post = async (path: string, body: unknown) =>
		await fetch(`http://127.0.0.1:${port}/webhook/${path}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
	/** The editor's "Execute workflow" from the Webhook trigger: n8n registers the test webhook and waits for a call. */
	const runManually = async (workflowId: string) => {
		const response = await fetch(`http://127.0.0.1:${port}/rest/workflows/${workflowId}/run`, {
			method: 'POST',
			headers: { cookie, 'Content-Type': 'application/json' },
			body: JSON.stringify({ triggerToStartFrom: { name: 'Webhook' } }),
		});
		if (!response.ok) throw new Error(`POST /rest/workflows/${workflowId}/run: ${response.status} ${await response.text()}`);
		expect(((await response.json()) as { data: unknown }).data).toEqual({ waitingForWebhook: true });
	};
	const tokenExchanges = () => sim.requests.filter((r) => r.path === '/api/permission/oauth2/token').length;

	beforeAll(async () => {
		let t = Date.now();
		await ensureServicePackages();
		[postgres, redis] = await Promise.all([startPostgres('n8n'), startRedis()]);
		timings.services = Date.now() - t;
		sim = await startSimulator({ ssePacingMs: 5, slowChatMs: 1500 });
		setWorkflowDuration(sim, 3000);
		n8n = new N8nInstance(undefined, {
			env: {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(postgres.port),
				DB_POSTGRESDB_DATABASE: 'n8n',
				DB_POSTGRESDB_USER: 'postgres',
				DB_POSTGRESDB_PASSWORD: '',
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				N8N_DEFAULT_BINARY_DATA_MODE: 'database',
				N8N_LOG_LEVEL: 'info',
				// Manual executions run on workers too (always so in n8n 3.0).
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			},
		});
		t = Date.now();
		await n8n.importCredentials([
			{ id: 'coze-pat', name: 'Coze API (simulator)', type: 'cozeApi', data: { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] } },
			{
				id: 'coze-jwt',
				name: 'Coze JWT (simulator)',
				type: 'cozeJwtApi',
				data: {
					region: 'custom',
					baseUrl: sim.url,
					appId: sim.jwtKeys.appId,
					publicKeyId: sim.jwtKeys.publicKeyId,
					privateKey: sim.jwtKeys.privateKeyPem,
					durationSeconds: 3600,
				},
			},
		]);
		const trigger = JSON.parse(readFileSync(join(REPO, 'examples', 'workflow-trigger-background-result.json'), 'utf8')) as Node;
		const all = [...WORKFLOWS_UNDER_TEST, { ...trigger, id: 'queueTrigger1' }];
		await n8n.importWorkflows([...all, ...MANUAL_WORKFLOWS]);
		// One CLI call per workflow (n8n 2.x publishes one at a time), two at once.
		for (let i = 0; i < all.length; i += 2) await Promise.all(all.slice(i, i + 2).map(async (w) => await n8n.publishWorkflow(String(w.id))));
		timings.import = Date.now() - t;
		t = Date.now();
		port = await freePort();
		// Concurrency 1 per worker: two executions enqueued at the same moment run on two different workers.
		[main, ...workers] = await Promise.all([n8n.startMain(port), n8n.startWorker('worker-1', 1), n8n.startWorker('worker-2', 1)]);
		cookie = await setupOwner(port);
		// n8n registers the production webhooks of published workflows (rows of its webhook_entity table) after its
		// editor is up; until then they answer 404. Wait for the rows: reading them runs no workflow.
		const paths = ['coze-chat', 'coze-stream', 'coze-file', 'coze-workflow', 'coze-jwt'];
		const registered = async () => {
			const sql = `SELECT count(DISTINCT "webhookPath") FROM webhook_entity WHERE "webhookPath" IN (${paths.map((p) => `'${p}'`).join(',')})`;
			const { stdout } = await run('psql', ['-h', '127.0.0.1', '-p', String(postgres?.port), '-U', 'postgres', '-d', 'n8n', '-tAc', sql]);
			return Number(stdout.trim());
		};
		const deadline = Date.now() + 120_000;
		while ((await registered()) < paths.length) {
			if (Date.now() > deadline) throw new Error('n8n did not register the test webhooks within 120 s');
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		timings.start = Date.now() - t;
	}, 900_000);

	afterAll(async () => {
		// n8n first (it would log Redis/Postgres connection errors otherwise), then Redis, then Postgres.
		await n8n?.stopAll();
		await redis?.stop();
		await postgres?.stop();
		await sim?.close();
		console.log(`queue e2e timings (ms): ${JSON.stringify(timings)}; logs in ${n8n?.folder}`);
	}, 120_000);

	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	it('webhook → Coze Chat → Respond to Webhook: the bot answer comes back to the HTTP client', async () => {
		const response = await post('coze-chat', { question: 'Where is my parcel?' });
		expect(response.status).toBe(200);
		const body = (await response.json()) as Record<string, unknown>;
		expect(body).toMatchObject({ answer: 'You said: Where is my parcel?', status: 'completed' });
		const chat = sim.requests.find((r) => r.path === '/v3/chat' && JSON.stringify(r.body).includes('Where is my parcel?'));
		expect(chat?.body).toMatchObject({ bot_id: BOTS.echo, user_id: 'web-client' });
		const [execution] = await finished('queueChat0001', 1);
		expect(execution.status).toBe('success');
		expectOnOneWorker(execution.id);
	});

	it('streaming response mode: answer chunks reach the client while the chat is still running', async () => {
		sim.options.ssePacingMs = 120;
		const question = 'Please stream this answer to me, piece by piece.';
		const started = Date.now();
		const response = await post('coze-stream', { question });
		expect(response.status).toBe(200);
		const { arrivals, lines } = await readStream(response);
		sim.options.ssePacingMs = 5;
		const items = lines.filter((line) => line.type === 'item');
		expect(items.map((item) => item.content).join('')).toBe(`You said: ${question}`);
		expect(lines[0].type).toBe('begin');
		expect(lines[lines.length - 1].type).toBe('end');
		// Not one batch: the item chunks arrived in many reads spread over the time the simulator paced the deltas.
		const itemArrivals = arrivals.filter((a) => a.text.includes('"type":"item"'));
		expect(itemArrivals.length).toBeGreaterThanOrEqual(5);
		const spread = itemArrivals[itemArrivals.length - 1].at - itemArrivals[0].at;
		expect(spread).toBeGreaterThan(600);
		// The first words were on the client before Coze finished the chat.
		const chat = chatStats(sim).chats.find((c) => c.userText === question);
		expect(chat?.completedAtMs).toBeDefined();
		expect(itemArrivals[0].at).toBeLessThan(chat?.completedAtMs as number);
		const [execution] = await finished('queueStream01', 1);
		expect(execution.status).toBe('success');
		expectOnOneWorker(execution.id);
		timings.streamRequest = Date.now() - started;
		timings.streamSpread = spread;
	});

	it('a binary posted to the webhook is stored in the database and read by the worker that asks Coze about it', async () => {
		const content = Buffer.from('Q3 support report: 1,204 tickets, median first response 2h 10m.\n'.repeat(200));
		const form = new FormData();
		form.append('question', 'Summarize the attached report.');
		form.append('report', new Blob([content], { type: 'text/plain' }), 'q3-report.txt');
		const response = await fetch(`http://127.0.0.1:${port}/webhook/coze-file`, { method: 'POST', body: form });
		expect(response.status).toBe(200);
		const body = (await response.json()) as Record<string, unknown>;
		expect(body.answer).toBe('You said: Summarize the attached report. [file: q3-report.txt]');
		const stored = [...filesOf(sim).values()].find((file) => file.file_name === 'q3-report.txt');
		expect(stored).toMatchObject({ bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') });
		const [execution] = await finished('queueFile0001', 1);
		expect(execution.status).toBe('success');
		expectOnOneWorker(execution.id);
		// n8n's database binary data mode: the file is a row in Postgres, referenced from the execution data.
		const detail = JSON.stringify(await api<unknown>(`/executions/${execution.id}`));
		expect(detail).toContain('database:');
		const { stdout } = await run('psql', [
			'-h',
			'127.0.0.1',
			'-p',
			String(postgres?.port),
			'-U',
			'postgres',
			'-d',
			'n8n',
			'-tAc',
			'SELECT count(*) FROM binary_data',
		]);
		expect(Number(stdout.trim())).toBeGreaterThanOrEqual(1);
	});

	it('a manual execution offloaded to a worker streams the answer to the test webhook while the chat runs', async () => {
		await runManually('queueManual01');
		sim.options.ssePacingMs = 120;
		const question = 'Manual run: stream this answer from a worker, piece by piece.';
		const response = await fetch(`http://127.0.0.1:${port}/webhook-test/coze-manual-stream`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ question }),
		});
		expect(response.status).toBe(200);
		const { arrivals, lines } = await readStream(response);
		sim.options.ssePacingMs = 5;
		expect(
			lines
				.filter((line) => line.type === 'item')
				.map((item) => item.content)
				.join(''),
		).toBe(`You said: ${question}`);
		expect(lines[0].type).toBe('begin');
		expect(lines[lines.length - 1].type).toBe('end');
		// Relayed worker → Redis → main → client chunk by chunk, not in one batch at the end.
		const itemArrivals = arrivals.filter((a) => a.text.includes('"type":"item"'));
		expect(itemArrivals.length).toBeGreaterThanOrEqual(5);
		const chat = chatStats(sim).chats.find((c) => c.userText === question);
		expect(chat?.completedAtMs).toBeDefined();
		expect(itemArrivals[0].at).toBeLessThan(chat?.completedAtMs as number);
		const [execution] = await finished('queueManual01', 1);
		expect(execution).toMatchObject({ status: 'success', mode: 'manual' });
		expectOnOneWorker(execution.id);
		timings.manualStreamSpread = itemArrivals[itemArrivals.length - 1].at - itemArrivals[0].at;
	});

	it('a manual execution offloaded to a worker reads the binary posted to the test webhook', async () => {
		await runManually('queueManual02');
		const content = Buffer.from('Manual run report: 37 open tickets, 2 escalations.\n'.repeat(300));
		const form = new FormData();
		form.append('question', 'What does the manual report say?');
		form.append('report', new Blob([content], { type: 'text/plain' }), 'manual-report.txt');
		const response = await fetch(`http://127.0.0.1:${port}/webhook-test/coze-manual-file`, { method: 'POST', body: form });
		expect(response.status).toBe(200);
		expect(((await response.json()) as Node).answer).toBe('You said: What does the manual report say? [file: manual-report.txt]');
		const stored = [...filesOf(sim).values()].find((file) => file.file_name === 'manual-report.txt');
		expect(stored).toMatchObject({ bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') });
		const [execution] = await finished('queueManual02', 1);
		expect(execution).toMatchObject({ status: 'success', mode: 'manual' });
		expectOnOneWorker(execution.id);
		expect(JSON.stringify(await api<unknown>(`/executions/${execution.id}`))).toContain('database:');
	});

	it('Coze Workflow run in background and waited on, on a worker', async () => {
		const response = await post('coze-workflow', { topic: 'queue mode' });
		expect(response.status).toBe(200);
		const body = (await response.json()) as Record<string, unknown>;
		expect(body).toMatchObject({ execute_status: 'Success', output: { Output: { output: 'report for queue mode' } } });
		// Exactly one run started for this request (the active trigger starts runs of the same workflow meanwhile).
		const starts = sim.requests.filter((r) => r.path === '/v1/workflow/run' && JSON.stringify(r.body).includes('queue mode'));
		expect(starts).toHaveLength(1);
		const polls = sim.requests.filter((r) => r.path === `/v1/workflows/${WORKFLOWS.slow}/run_histories/${String(body.execute_id)}`);
		expect(polls.length).toBeGreaterThanOrEqual(2);
		const [execution] = await finished('queueWflow001', 1);
		expect(execution.status).toBe('success');
		expectOnOneWorker(execution.id);
	});

	it('JWT credential on both workers: one token exchange, then reuse; a simultaneous renewal costs at most one extra', async () => {
		const exchangesBefore = tokenExchanges();
		// The first execution signs a JWT and exchanges it; n8n stores the token in the credential (Postgres).
		const first = await post('coze-jwt', { question: 'first' });
		expect(((await first.json()) as Node).answer).toBe('You said: first');
		expect(tokenExchanges() - exchangesBefore).toBe(1);
		// Six more, three at a time: both workers reuse the stored token.
		for (const batch of [
			['a', 'b', 'c'],
			['d', 'e', 'f'],
		]) {
			const answers = await Promise.all(batch.map(async (q) => ((await (await post('coze-jwt', { question: q })).json()) as Node).answer));
			expect(answers).toEqual(batch.map((q) => `You said: ${q}`));
		}
		expect(tokenExchanges() - exchangesBefore).toBe(1);
		// Coze expires the token: two executions at the same moment, one per worker, both renew.
		sim.expireAllAccessTokens();
		const renewed = await Promise.all(['x', 'y'].map(async (q) => await post('coze-jwt', { question: q })));
		expect(renewed.map((r) => r.status)).toEqual([200, 200]);
		expect(await Promise.all(renewed.map(async (r) => ((await r.json()) as Node).answer))).toEqual(['You said: x', 'You said: y']);
		const exchanges = tokenExchanges() - exchangesBefore;
		expect(exchanges).toBeGreaterThanOrEqual(2);
		expect(exchanges).toBeLessThanOrEqual(3);
		const list = await finished('queueJwt00001', 9);
		expect(list.every((e) => e.status === 'success')).toBe(true);
		const on = list.map((e) => expectOnOneWorker(e.id));
		expect(new Set(on)).toEqual(new Set(['worker-1', 'worker-2']));
		const lastTwo = on.slice(-2);
		timings.jwtExchanges = exchanges;
		timings.jwtRenewalSplitAcrossWorkers = Number(lastTwo[0] !== lastTwo[1]);
	});

	it('Coze Workflow Trigger: polls on main, executions on workers, each finished run fires exactly once', async () => {
		// Published since n8n started; it polls once a minute: the first poll starts run A, the next fires A and starts B…
		const deadline = Date.now() + 200_000;
		let list: Array<{ id: string; status: string }> = [];
		while (Date.now() < deadline) {
			list = await executions('queueTrigger1');
			if (list.filter((e) => e.status === 'success').length >= 2) break;
			await sleep(2000);
		}
		// Runs the trigger started (its parameters say "nightly"), oldest first; the newest may still be pending.
		const triggerRuns = () =>
			[...workflowsOf(sim).runs.values()].filter((r) => r.output.includes('report for nightly')).sort((a, b) => a.createdAt - b.createdAt);
		const snapshot = triggerRuns();
		list = await finished('queueTrigger1', snapshot.length - 1);
		expect(list.every((e) => e.status === 'success')).toBe(true);
		const seen = new Map<string, number>();
		for (const execution of list) {
			expectOnOneWorker(execution.id);
			const text = JSON.stringify(await api<unknown>(`/executions/${execution.id}`));
			const fired = triggerRuns().filter((r) => text.includes(r.executeId));
			expect(fired).toHaveLength(1);
			seen.set(fired[0].executeId, (seen.get(fired[0].executeId) ?? 0) + 1);
		}
		expect([...seen.values()].every((count) => count === 1)).toBe(true);
		for (const r of snapshot.slice(0, -1)) expect(seen.get(r.executeId)).toBe(1);
		timings.triggerExecutions = list.length;
	}, 300_000);
});
