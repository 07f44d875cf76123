import { readFileSync } from 'fs';
import { join } from 'path';

import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { setWorkflowDuration, workflowsOf } from '../simulator/routes/workflows';
import type { N8nProcess } from './n8n';
import { N8nInstance, REPO, setupOwner } from './n8n';
import { freePort } from './services';

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 150_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(1000);
	}
}

/**
 * The Coze Workflow Trigger in a real n8n that is stopped and started again while background runs are pending.
 * n8n polls at most once a minute, so each case takes a few minutes.
 */
describe('Coze Workflow Trigger across n8n restarts', () => {
	let sim: Simulator;
	let n8n: N8nInstance;
	let main: N8nProcess | undefined;
	let port: number;
	let cookieAfter = '';
	const timings: Record<string, number> = {};
	const log: string[] = [];
	const note = (text: string) => log.push(`${new Date().toISOString().slice(11, 19)} ${text}`);

	const runs = () => [...workflowsOf(sim).runs.values()].sort((a, b) => a.createdAt - b.createdAt);
	const executions = async (cookie: string) => {
		const response = await fetch(
			`http://127.0.0.1:${port}/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: 'e2eRestart001' }))}`,
			{ headers: { cookie } },
		);
		const list = ((await response.json()) as { data: { results: Array<{ id: string; status: string }> } }).data.results;
		return list.sort((a, b) => Number(a.id) - Number(b.id));
	};
	/** The execute_id each finished execution fired for. */
	const firedRuns = async (cookie: string) => {
		const fired: string[] = [];
		for (const execution of await executions(cookie)) {
			if (execution.status !== 'success') continue;
			const response = await fetch(`http://127.0.0.1:${port}/rest/executions/${execution.id}`, { headers: { cookie } });
			const text = JSON.stringify(await response.json());
			fired.push(
				...runs()
					.filter((r) => text.includes(r.executeId))
					.map((r) => r.executeId),
			);
		}
		return fired;
	};

	beforeAll(async () => {
		sim = await startSimulator();
		setWorkflowDuration(sim, 20_000);
		// N8N_E2E_RESTART_ENV (JSON) adds n8n settings, e.g. to try n8n's durable poll cursors.
		n8n = new N8nInstance(undefined, { env: JSON.parse(process.env.N8N_E2E_RESTART_ENV ?? '{}') as NodeJS.ProcessEnv });
		await n8n.importCredentials([
			{ id: 'coze-pat', name: 'Coze API (simulator)', type: 'cozeApi', data: { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] } },
		]);
		const workflow = JSON.parse(readFileSync(join(REPO, 'examples', 'workflow-trigger-background-result.json'), 'utf8')) as Record<string, unknown>;
		await n8n.importWorkflow({ ...workflow, id: 'e2eRestart001' });
		await n8n.publishWorkflow('e2eRestart001');
		port = await freePort();
	});
	afterAll(async () => {
		await n8n?.stopAll();
		await sim?.close();
		console.log(`trigger restart timeline:\n${log.join('\n')}\ntimings (ms): ${JSON.stringify(timings)}; logs in ${n8n?.folder}`);
	});

	it('SIGTERM with a run pending: the run that finished while n8n was down fires after the restart, once', async () => {
		let started = Date.now();
		main = await n8n.startMain(port);
		timings.start = Date.now() - started;
		const cookie = await setupOwner(port);
		// n8n polls once when it activates the workflow (and saves the trigger's state right after): run A starts.
		const [a] = await waitFor('the activation poll to start run A', () => (runs().length >= 1 ? runs() : undefined));
		note(`n8n up, run A ${a.executeId} started (pending)`);
		started = Date.now();
		await main.stop('SIGTERM');
		timings.sigterm = Date.now() - started;
		note('n8n stopped with SIGTERM');
		await sleep(Math.max(0, a.finishAt - Date.now()) + 1000);
		note('run A finished while n8n was down');
		main = await n8n.startMain(port);
		note('n8n started again');
		const fired = await waitFor('A to fire after the restart', async () => {
			const list = await firedRuns(cookie);
			return list.length >= 1 ? list : undefined;
		});
		expect(fired).toEqual([a.executeId]);
		note(
			`A fired; runs now ${runs()
				.map((r) => r.executeId)
				.join(', ')}`,
		);
		// The same poll started the next run B (one pending at a time); A never fires again.
		expect(runs()).toHaveLength(2);
		cookieAfter = cookie;
	}, 300_000);

	it('SIGKILL while a poll is reading a run: nothing lost, no duplicate after the restart', async () => {
		const cookie = cookieAfter;
		const [a, b] = runs();
		// The next scheduled poll reads B; Coze answers that read slowly, and n8n is killed while it waits.
		const path = new RegExp(`/run_histories/${b.executeId}$`);
		sim.addFault({ method: 'GET', path, fault: { kind: 'delay', ms: 20_000 } });
		const before = sim.requests.length;
		await waitFor('the scheduled poll to read B', () => sim.requests.slice(before).some((r) => path.test(r.path)) || undefined, 90_000);
		await sleep(500);
		expect(main?.running).toBe(true);
		await main?.stop('SIGKILL');
		sim.clearFaults();
		note('n8n killed (SIGKILL) during the poll that read B');
		await sleep(Math.max(0, b.finishAt - Date.now()) + 500);
		const started = Date.now();
		main = await n8n.startMain(port);
		timings.restartAfterKill = Date.now() - started;
		note('n8n started again');
		const fired = await waitFor('B to fire after the restart', async () => {
			const list = await firedRuns(cookie);
			return list.length >= 2 ? list : undefined;
		});
		await sleep(3000);
		expect(await firedRuns(cookie)).toEqual([a.executeId, b.executeId]);
		expect(fired).toEqual([a.executeId, b.executeId]);
		const all = await executions(cookie);
		expect(all.map((e) => e.status)).toEqual(['success', 'success']);
		// B's poll started C; every run the trigger started is either fired once or the one still pending.
		expect(
			runs()
				.map((r) => r.executeId)
				.slice(0, 2),
		).toEqual([a.executeId, b.executeId]);
		expect(runs()).toHaveLength(3);
		note(`B fired once; C ${runs()[2].executeId} pending`);
	}, 300_000);
});
