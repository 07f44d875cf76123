import { createServer } from 'http';
import type { AddressInfo } from 'net';

import type { INodeParameters } from 'n8n-workflow';

import { CozeCallbackTrigger } from '../../nodes/CozeCallbackTrigger/CozeCallbackTrigger.node';
import type { ActiveWebhookTrigger } from '../harness';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { CHALLENGE_TIMEOUT_MS, callbacksOf, deliverWithRetries, pushEvent } from '../simulator/routes/callbacks';

/**
 * Coze Callback Trigger inside n8n-core (HookContext for webhookMethods, WebhookContext for webhook()) against the
 * simulator, which sends the URL challenge and signed pushes over real HTTP to the harness's webhook server.
 */
describe('Coze Callback Trigger: lifecycle and verification of every push', () => {
	let sim: Simulator;
	let harness: Harness;
	let credential: string;
	let active: ActiveWebhookTrigger[] = [];

	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(async () => {
		await harness?.stopWebhookServer();
		await sim.close();
	});
	beforeEach(() => {
		sim.reset();
		harness = new Harness([new CozeCallbackTrigger()]);
		credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
		active = [];
	});
	afterEach(async () => {
		await harness.stopWebhookServer();
		expect(sim.contractViolations()).toEqual([]);
	});

	const spec = (parameters: INodeParameters = {}, webhookId = 'b7a3e0c2-0000-4000-8000-000000000001') => ({
		type: 'cozeCallbackTrigger',
		parameters: { events: ['bot.published', 'bot.deleted'], ...parameters },
		credentials: { cozeApi: credential },
		webhookId,
	});
	const activate = async (...args: Parameters<Harness['activateWebhooks']>) => {
		const trigger = await harness.activateWebhooks(...args);
		active.push(trigger);
		return trigger;
	};
	const apps = () => [...callbacksOf(sim).apps.values()];
	const requestsTo = (method: string, path: RegExp) => sim.requests.filter((r) => r.method === method && path.test(r.path));

	it('activation creates an app pointing at the webhook (challenge answered, no execution) and subscribes; deactivation removes it', async () => {
		const trigger = await activate(spec());
		expect(apps()).toHaveLength(1);
		const [app] = apps();
		expect(app.callback_url).toBe(trigger.url);
		expect([...app.events].sort()).toEqual(['bot.deleted', 'bot.published']);
		expect(app.name).toBe('n8n: Harness webhook');
		// The challenge reached the webhook during activation and was echoed; it started nothing.
		expect(callbacksOf(sim).challenges).toEqual([expect.objectContaining({ url: trigger.url, ok: true })]);
		expect(trigger.calls).toHaveLength(1);
		expect(trigger.calls[0]).toMatchObject({ status: 200, executionStarted: false });
		expect(trigger.staticData.node).toBeUndefined();
		expect(Object.values(trigger.staticData)[0]).toEqual({
			production: { appId: app.id, verifyToken: app.verify_token, events: ['bot.published', 'bot.deleted'], callbackUrl: trigger.url },
		});

		await trigger.deactivate();
		expect(apps()).toEqual([]);
		expect(requestsTo('DELETE', /\/events$/)[0].body).toEqual({ event_types: ['bot.published', 'bot.deleted'] });
		expect(Object.values(trigger.staticData)[0]).toEqual({ production: {} });
	});

	it('a restart finds its app (no duplicate), also when the static data was lost; an edited event list is synced', async () => {
		const first = await activate(spec());
		const saved = structuredClone(first.staticData);
		// n8n restarts: the workflow is activated again ('init') with the saved static data.
		const again = await activate(spec(), { staticData: saved, activation: 'init' });
		expect(apps()).toHaveLength(1);
		expect(requestsTo('POST', /^\/v1\/api_apps$/)).toHaveLength(1);
		expect(requestsTo('PUT', /^\/v1\/api_apps\//)).toHaveLength(1);
		expect(again.staticData).toEqual(saved);

		// Static data lost (e.g. the workflow was imported again): the app that already points at this URL is reused.
		const lost = await activate(spec({ events: ['bot.published', 'benefit.usage'] }), { activation: 'init' });
		expect(apps()).toHaveLength(1);
		expect(requestsTo('POST', /^\/v1\/api_apps$/)).toHaveLength(1);
		expect([...apps()[0].events].sort()).toEqual(['benefit.usage', 'bot.published']);
		expect(Object.values(lost.staticData)[0]).toMatchObject({ production: { appId: apps()[0].id } });
		await lost.deactivate();
		expect(apps()).toEqual([]);
	});

	it('on a Coze Studio credential activation fails at once, naming Coze Studio, with no request', async () => {
		credential = harness.addCredential('cozeApi', { region: 'custom', server: 'studio', baseUrl: sim.url, accessToken: sim.patTokens[0] });
		const before = sim.requests.length;
		await expect(harness.activateWebhooks(spec())).rejects.toThrow('Coze Callback Trigger is not available on Coze Studio');
		expect(sim.requests.length).toBe(before);
	});

	it('activation fails and leaves no app when Coze cannot verify the URL (unreachable, wrong echo or later than 3 s)', async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		await expect(harness.activateWebhooks(spec(), { webhookBaseUrl: `http://127.0.0.1:${port}/webhook` })).rejects.toThrow(
			/callback url verification failed/,
		);
		expect(apps()).toEqual([]);

		// A receiver answering the challenge wrongly, then one answering too late.
		for (const behaviour of ['wrong', 'late'] as const) {
			const receiver = createServer((_req, res) => {
				const reply = () => {
					res.writeHead(200, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify({ challenge: 'something else' }));
				};
				if (behaviour === 'late') setTimeout(reply, CHALLENGE_TIMEOUT_MS + 300).unref();
				else reply();
			});
			await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
			const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;
			const error = await harness.activateWebhooks(spec(), { webhookBaseUrl: url }).catch((e: Error & { description?: string }) => e);
			expect(error).toBeInstanceOf(Error);
			expect(`${(error as Error).message}`).toMatch(behaviour === 'late' ? /within 3 s/ : /challenge not echoed/);
			expect((error as { description?: string }).description).toMatch(/WEBHOOK_URL/);
			expect(apps()).toEqual([]);
			receiver.closeAllConnections();
			await new Promise<void>((resolve) => receiver.close(() => resolve()));
		}
	}, 20_000);

	it('a signed push starts exactly one execution with the event; Coze gets 200; the token is nowhere in items or answers', async () => {
		const trigger = await activate(spec());
		const [app] = apps();
		const push = await pushEvent(sim, app.id, 'bot.published', { event: { bot_id: '7351234567890123456', bot_name: 'Support Bot' } });
		expect(push.status).toBe(200);
		expect(JSON.parse(push.body)).toEqual({ code: 0, msg: '' });
		const executions = trigger.executions();
		expect(executions).toHaveLength(1);
		const items = executions[0].workflowData?.[0] ?? [];
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			event_type: 'bot.published',
			event_id: push.eventId,
			app_id: app.id,
			timestamp: push.timestamp,
			nonce: push.nonce,
			data: { bot_id: '7351234567890123456', bot_name: 'Support Bot' },
			header: { event_id: push.eventId, event_type: 'bot.published', create_time: Number(push.timestamp) },
		});
		expect(JSON.stringify(trigger.calls)).not.toContain(app.verify_token);

		// A millisecond timestamp is accepted too (Coze's guide does not name the unit).
		const ms = await pushEvent(sim, app.id, 'bot.deleted', { timestamp: String(Date.now()) });
		expect(ms.status).toBe(200);
		expect(trigger.executions()).toHaveLength(2);
	});

	it('refuses unsigned, wrongly signed, stale, future and oversized pushes before anything runs', async () => {
		const trigger = await activate(spec());
		const [app] = apps();
		const cases: Array<[string, Parameters<typeof pushEvent>[3], number]> = [
			['missing signature', { unsigned: true }, 401],
			['wrong token', { token: 'not-the-verify-token' }, 401],
			['stale (10 min old)', { skewSeconds: -600 }, 401],
			['from the future (10 min)', { skewSeconds: 600 }, 401],
			['just outside the default 300 s window', { skewSeconds: -305 }, 401],
			['oversized (300 KB > 256 KB)', { padToBytes: 300 * 1024 }, 413],
		];
		for (const [name, options, status] of cases) {
			const result = await pushEvent(sim, app.id, 'bot.published', options);
			expect([name, result.status]).toEqual([name, status]);
		}
		// A made-up signature.
		const timestamp = String(Math.floor(Date.now() / 1000));
		const tampered = await fetch(trigger.url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-Coze-Timestamp': timestamp, 'X-Coze-Nonce': 'n1', 'X-Coze-Signature': 'a'.repeat(40) },
			body: JSON.stringify({ header: { event_type: 'bot.published' }, event: {} }),
		});
		expect(tampered.status).toBe(401);
		// An oversized body sent in chunks, without Content-Length: counted as it arrives.
		const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
		let sent = 0;
		const chunked = await fetch(trigger.url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-Coze-Timestamp': timestamp, 'X-Coze-Nonce': 'n2', 'X-Coze-Signature': 'a'.repeat(40) },
			body: new ReadableStream({
				pull(controller) {
					if (sent++ < 5) controller.enqueue(chunk);
					else controller.close();
				},
			}),
			duplex: 'half',
		} as RequestInit);
		expect(chunked.status).toBe(413);
		expect(trigger.executions()).toEqual([]);
		// Inside the window and within a custom tolerance it is accepted.
		const inside = await pushEvent(sim, app.id, 'bot.published', { skewSeconds: -200 });
		expect(inside.status).toBe(200);
		expect(trigger.executions()).toHaveLength(1);
	});

	it('a replayed delivery and Coze retries of one event run once; an unselected event type runs nothing', async () => {
		const trigger = await activate(spec());
		const [app] = apps();
		// Without an event ID only the nonce recognises the replay.
		const first = await pushEvent(sim, app.id, 'bot.published', { noEventId: true, event: { bot_id: '1' } });
		expect(first.status).toBe(200);
		const replay = await pushEvent(sim, app.id, 'bot.published', {
			noEventId: true,
			event: { bot_id: '1' },
			timestamp: first.timestamp,
			nonce: first.nonce,
		});
		expect(replay.raw).toBe(first.raw);
		expect(replay.signature).toBe(first.signature);
		expect(replay.status).toBe(200);
		expect(JSON.parse(replay.body).msg).toBe('duplicate delivery');
		expect(trigger.executions()).toHaveLength(1);

		// Coze retries (answers lost): three deliveries of one event ID, each freshly signed, one execution.
		const retries = await deliverWithRetries(sim, app.id, 'bot.deleted', 3, { lostAnswers: true, event: { bot_id: '2' } });
		expect(retries.map((r) => r.status)).toEqual([200, 200, 200]);
		expect(new Set(retries.map((r) => r.nonce)).size).toBe(3);
		expect(trigger.executions()).toHaveLength(2);
		expect(trigger.executions()[1].workflowData?.[0][0].json.event_id).toBe(retries[0].eventId);

		const other = await pushEvent(sim, app.id, 'benefit.usage');
		expect(other.status).toBe(200);
		expect(trigger.executions()).toHaveLength(2);
	});
	it("the editor's test webhook gets its own app: testing a live workflow never touches the production app", async () => {
		const production = await activate(spec());
		const [live] = apps();
		const test = await activate(spec(), { staticData: production.staticData, mode: 'manual' });
		expect(test.url).toMatch(/\/webhook-test\//);
		expect(apps()).toHaveLength(2);
		const testApp = apps().find((app) => app.id !== live.id);
		expect(testApp?.callback_url).toBe(test.url);
		expect(live.callback_url).toBe(production.url);
		expect(Object.values(test.staticData)[0]).toMatchObject({ production: { appId: live.id }, test: { appId: testApp?.id } });

		expect((await pushEvent(sim, testApp?.id ?? '', 'bot.published')).status).toBe(200);
		expect(test.executions()).toHaveLength(1);
		await test.deactivate();
		expect(apps().map((app) => app.id)).toEqual([live.id]);
		expect((await pushEvent(sim, live.id, 'bot.published')).status).toBe(200);
		expect(production.executions()).toHaveLength(1);
	});
});
