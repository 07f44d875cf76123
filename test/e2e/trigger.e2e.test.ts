import type { ChildProcess } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { setWorkflowDuration, workflowsOf } from '../simulator/routes/workflows';
import { WORKFLOWS } from '../simulator/seed';
import { N8nInstance, REPO } from './n8n';

const PORT = 5698;
const OWNER = { email: 'owner@example.com', firstName: 'Coze', lastName: 'Tester', password: 'Passw0rd-e2e-1' };

/** A published workflow with Coze Workflow Trigger in a running n8n: each finished background run starts one execution. */
describe('Coze Workflow Trigger in a running n8n', () => {
	let sim: Simulator;
	let server: ChildProcess | undefined;

	beforeAll(async () => {
		sim = await startSimulator();
		setWorkflowDuration(sim, 1500);
	});
	afterAll(async () => {
		server?.kill();
		await sim?.close();
	});

	it('starts background runs on its schedule and fires exactly once per finished run', async () => {
		const n8n = new N8nInstance();
		await n8n.importCredentials([
			{ id: 'coze-pat', name: 'Coze API (simulator)', type: 'cozeApi', data: { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] } },
		]);
		const workflow = JSON.parse(readFileSync(join(REPO, 'examples', 'workflow-trigger-background-result.json'), 'utf8')) as Record<string, unknown>;
		await n8n.importWorkflow({ ...workflow, id: 'e2eTrigger001' });
		await n8n.publishWorkflow('e2eTrigger001');
		server = await n8n.start(PORT);
		const setup = await fetch(`http://127.0.0.1:${PORT}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		const cookie = `n8n-auth=${/n8n-auth=([^;]+)/.exec(setup.headers.get('set-cookie') ?? '')?.[1]}`;

		const executions = async () => {
			const response = await fetch(
				`http://127.0.0.1:${PORT}/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: 'e2eTrigger001' }))}`,
				{
					headers: { cookie },
				},
			);
			const body = (await response.json()) as { data: { results: Array<{ id: string; status: string }> } };
			return body.data.results;
		};
		// n8n polls at most once a minute: run A starts on the first poll, fires on the second, B fires on the third.
		const deadline = Date.now() + 200_000;
		let list: Array<{ id: string; status: string }> = [];
		while (Date.now() < deadline) {
			list = await executions();
			// Listed executions may still be running (a loaded machine): wait until they have ended.
			if (list.length >= 2 && list.every((execution) => !['new', 'running', 'waiting'].includes(execution.status))) break;
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
		expect(list.length).toBeGreaterThanOrEqual(2);
		// A failed execution is shown with n8n's error for it, so a failure here says why.
		const failed = await Promise.all(
			list
				.filter((execution) => execution.status !== 'success')
				.map(async (execution) => {
					const response = await fetch(`http://127.0.0.1:${PORT}/rest/executions/${execution.id}`, { headers: { cookie } });
					return { id: execution.id, status: execution.status, detail: (await response.text()).slice(0, 2000) };
				}),
		);
		expect(failed).toEqual([]);

		// Each execution carries one run; no run appears in two executions, and every run it fired for had finished.
		const runIds = [...workflowsOf(sim).runs.keys()];
		const seen = new Map<string, number>();
		for (const execution of list) {
			const response = await fetch(`http://127.0.0.1:${PORT}/rest/executions/${execution.id}`, { headers: { cookie } });
			expect(response.ok).toBe(true);
			const text = JSON.stringify(await response.json());
			for (const id of runIds) if (text.includes(id)) seen.set(id, (seen.get(id) ?? 0) + 1);
		}
		expect(workflowsOf(sim).started[WORKFLOWS.slow]).toBeGreaterThanOrEqual(list.length);
		expect(sim.contractViolations()).toEqual([]);
		expect(seen.size).toBeGreaterThanOrEqual(list.length);
		expect([...seen.values()].every((count) => count === 1)).toBe(true);
	}, 300_000);
});
