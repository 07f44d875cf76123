import { readFileSync } from 'fs';
import { join } from 'path';

import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { callbacksOf, pushEvent } from '../simulator/routes/callbacks';
import type { N8nProcess } from './n8n';
import { N8nInstance, REPO, setupOwner } from './n8n';
import { freePort } from './services';

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));
const WORKFLOW_ID = 'e2eCallback001';

/**
 * The Coze Callback Trigger example published in a real n8n: on start n8n activates it, the node creates a callback
 * app in the simulator and points it at n8n's production webhook (the simulator's challenge goes to n8n and must be
 * echoed), then the simulator pushes signed and unsigned events over HTTP and n8n's REST API shows what ran.
 */
describe('Coze Callback Trigger in a running n8n', () => {
	let sim: Simulator;
	let n8n: N8nInstance;
	let main: N8nProcess | undefined;
	let port: number;

	beforeAll(async () => {
		sim = await startSimulator();
		port = await freePort();
		n8n = new N8nInstance();
		await n8n.importCredentials([
			{ id: 'coze-pat', name: 'Coze API (simulator)', type: 'cozeApi', data: { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] } },
		]);
		// Custom extensions load as CUSTOM.<name> (see n8n.ts); the example uses the package's published name.
		const text = readFileSync(join(REPO, 'examples', 'callback-bot-published.json'), 'utf8').replace(/"n8n-nodes-coze-api\.(\w+)"/g, '"CUSTOM.$1"');
		await n8n.importWorkflow({ ...(JSON.parse(text) as Record<string, unknown>), id: WORKFLOW_ID });
		await n8n.publishWorkflow(WORKFLOW_ID);
	});
	afterAll(async () => {
		await n8n?.stopAll();
		await sim?.close();
	});

	const start = async () => {
		main = await n8n.startMain(port, { WEBHOOK_URL: `http://127.0.0.1:${port}/`, N8N_LOG_LEVEL: process.env.E2E_DEBUG ? 'debug' : 'info' });
		// n8n 2.x activates published workflows after start-up (workflow publication outbox): wait for the node's
		// activation to finish (the callback app points at n8n and has its events).
		const deadline = Date.now() + 90_000;
		while (Date.now() < deadline) {
			const app = [...callbacksOf(sim).apps.values()][0];
			if (app?.callback_url && app.events.size > 0) break;
			await sleep(250);
		}
		if (process.env.E2E_DEBUG)
			console.log(
				sim.requests.map((r) => `${r.method} ${r.path}`),
				main.output().slice(-6000),
			);
	};
	const executions = async (cookie: string) => {
		const response = await fetch(
			`http://127.0.0.1:${port}/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID }))}`,
			{
				headers: { cookie },
			},
		);
		const body = (await response.json()) as { data: { results: Array<{ id: string; status: string }> } };
		return body.data.results;
	};

	it('activation registers the webhook with Coze; a signed bot.published runs once; unsigned or wrongly signed pushes get 401 and run nothing; a restart keeps one app', async () => {
		await start();
		const state = callbacksOf(sim);
		const apps = [...state.apps.values()];
		expect(apps).toHaveLength(1);
		const [app] = apps;
		expect(app.callback_url).toBe(`http://127.0.0.1:${port}/webhook/0c5e2f7a-91d4-4b3e-8f26-7a1c9e0d5b21/webhook`);
		expect([...app.events]).toEqual(['bot.published']);
		expect(state.challenges).toEqual([expect.objectContaining({ url: app.callback_url, ok: true })]);
		const cookie = await setupOwner(port);
		// The challenge was answered without an execution.
		expect(await executions(cookie)).toEqual([]);

		const unsigned = await pushEvent(sim, app.id, 'bot.published', { unsigned: true, event: { bot_id: '7351234567890123456' } });
		expect(unsigned.status).toBe(401);
		const wrong = await pushEvent(sim, app.id, 'bot.published', { token: 'not-the-token', event: { bot_id: '7351234567890123456' } });
		expect(wrong.status).toBe(401);

		const signed = await pushEvent(sim, app.id, 'bot.published', { event: { bot_id: '7351234567890123456', bot_name: 'Support Bot' } });
		expect(signed.status).toBe(200);
		let list: Array<{ id: string; status: string }> = [];
		const deadline = Date.now() + 60_000;
		while (Date.now() < deadline) {
			list = await executions(cookie);
			if (list.length >= 1 && list.every((execution) => execution.status === 'success')) break;
			await sleep(500);
		}
		// Give a stray execution (from the refused pushes) time to show up before counting.
		await sleep(3000);
		list = await executions(cookie);
		expect(list).toHaveLength(1);
		expect(list[0].status).toBe('success');
		const detail = await fetch(`http://127.0.0.1:${port}/rest/executions/${list[0].id}`, { headers: { cookie } });
		const text = JSON.stringify(await detail.json());
		expect(text).toContain(signed.eventId);
		expect(text).toContain('Support Bot');
		expect(text).not.toContain(app.verify_token);
		expect(main?.output() ?? '').not.toContain(app.verify_token);

		// Restart: n8n stops (webhooks stay registered) and starts again; checkExists finds the app, nothing is created.
		const creates = () => sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/api_apps').length;
		expect(creates()).toBe(1);
		await main?.stop();
		await start();
		// n8n 2.x reconciles published triggers every 10 s after start-up: let one pass before counting.
		await sleep(12_000);
		expect(creates()).toBe(1);
		expect(state.apps.size).toBe(1);
		const again = await pushEvent(sim, app.id, 'bot.published', { event: { bot_id: '7351234567890123457', bot_name: 'Sales Bot' } });
		expect(again.status).toBe(200);
		const cookie2 = await setupOwner(port);
		const until = Date.now() + 60_000;
		while (Date.now() < until && (await executions(cookie2)).length < 2) await sleep(500);
		expect(await executions(cookie2)).toHaveLength(2);
		expect(sim.contractViolations()).toEqual([]);
	}, 300_000);
});
