import type { ChildProcess } from 'child_process';
import { existsSync, mkdirSync, readFileSync } from 'fs';
import { join } from 'path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { CozeWorkflow } from '../../nodes/CozeWorkflow/CozeWorkflow.node';
import { N8nInstance, REPO } from './n8n';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(REPO, 'test-artifacts', 'editor');
/** N8N_EDITOR_PORT: another port when 5699 is taken (e.g. another checkout's editor check running). */
const PORT = Number(process.env.N8N_EDITOR_PORT ?? 5699);
const WORKSPACE = { __rl: true, mode: 'list', value: '7350000000000000001', cachedResultName: 'Support Team' };
const EMPTY_PICK = { __rl: true, mode: 'list', value: '' };
const credentials = { cozeApi: { id: 'coze-pat', name: 'Coze API (simulator)' } };
/** Nodes with the newer pickers left empty: the workflow version and app pickers of Run Workflow, the app of Coze Variable. */
const pickerWorkflow = {
	id: 'editorCheck09',
	name: 'Coze: version and app pickers',
	nodes: [
		{
			id: 'a0000000-0000-4000-8000-000000000001',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'a0000000-0000-4000-8000-000000000002',
			name: 'Run Versioned Workflow',
			type: 'n8n-nodes-coze-api.cozeWorkflow',
			typeVersion: 1,
			position: [220, 0],
			credentials,
			parameters: {
				operation: 'run',
				workspaceId: WORKSPACE,
				workflowId: { __rl: true, mode: 'list', value: '7500000000000000001', cachedResultName: 'echo_input' },
				options: { appId: EMPTY_PICK, workflowVersion: EMPTY_PICK },
			},
		},
		{
			id: 'a0000000-0000-4000-8000-000000000003',
			name: 'App Variables',
			type: 'n8n-nodes-coze-api.cozeVariable',
			typeVersion: 1,
			position: [440, 0],
			credentials,
			parameters: { operation: 'get', ownerType: 'app', workspaceId: WORKSPACE, appId: EMPTY_PICK, userId: 'customer-42' },
		},
	],
	connections: {
		Start: { main: [[{ node: 'Run Versioned Workflow', type: 'main', index: 0 }]] },
		'Run Versioned Workflow': { main: [[{ node: 'App Variables', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
	pinData: {},
};
const OWNER = { email: 'owner@example.com', firstName: 'Coze', lastName: 'Tester', password: 'Passw0rd-e2e-1' };

/** The n8n editor in headless Chromium: our nodes render with their icon and parameters, and the pickers list simulator data. */
(existsSync(CHROMIUM) ? describe : describe.skip)('n8n editor in a real browser', () => {
	let sim: Simulator;
	let n8n: N8nInstance;
	let server: ChildProcess;
	let browser: Browser;
	let page: Page;
	const shot = async (name: string) => await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

	beforeAll(async () => {
		mkdirSync(ARTIFACTS, { recursive: true });
		sim = await startSimulator({ ssePacingMs: 2 });
		n8n = new N8nInstance();
		await n8n.importCredentials([
			{ id: 'coze-pat', name: 'Coze API (simulator)', type: 'cozeApi', data: { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] } },
		]);
		const workflow = JSON.parse(readFileSync(join(REPO, 'examples', 'chat-answer-a-message.json'), 'utf8')) as Record<string, unknown>;
		await n8n.importWorkflow({ ...workflow, id: 'editorCheck01' });
		for (const [file, id] of [
			['workflow-run-and-background.json', 'editorCheck02'],
			['conversation-with-uploaded-file.json', 'editorCheck03'],
			['dataset-add-file-from-binary.json', 'editorCheck04'],
			['variable-remember-user-preferences.json', 'editorCheck05'],
			['workflow-trigger-background-result.json', 'editorCheck06'],
			['audio-text-to-speech-and-back.json', 'editorCheck07'],
			['plugin-call-store-tool.json', 'editorCheck08'],
		]) {
			const other = JSON.parse(readFileSync(join(REPO, 'examples', file), 'utf8')) as Record<string, unknown>;
			await n8n.importWorkflow({ ...other, id });
		}
		await n8n.importWorkflow(pickerWorkflow);
		const form = JSON.parse(readFileSync(join(REPO, 'examples', 'workflow-run-with-form.json'), 'utf8')) as Record<string, unknown>;
		await n8n.importWorkflow({ ...form, id: 'editorCheck10' });
		// The same with typed-in values: n8n's editor reloads a form when a parameter it depends on changes only while it
		// can resolve the node's parameters, which it cannot for {{ $json… }} values before the previous nodes ran.
		const literal = JSON.parse(JSON.stringify(form)) as { nodes: Array<{ parameters: { inputs?: { value: unknown } } }> };
		for (const node of literal.nodes) if (node.parameters.inputs) node.parameters.inputs.value = { customer: 'Ada', count: 3 };
		await n8n.importWorkflow({ ...literal, id: 'editorCheck11' });
		server = await n8n.start(PORT);
		const setup = await fetch(`http://127.0.0.1:${PORT}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		expect(setup.ok).toBe(true);
		const cookie = /n8n-auth=([^;]+)/.exec(setup.headers.get('set-cookie') ?? '')?.[1];
		expect(cookie).toBeTruthy();
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		await context.addCookies([{ name: 'n8n-auth', value: cookie as string, domain: 'localhost', path: '/' }]);
		page = await context.newPage();
	});

	afterAll(async () => {
		await browser?.close();
		server?.kill();
		await sim?.close();
	});

	it('shows the Coze Chat node with its icon on the canvas', async () => {
		await page.goto(`http://localhost:${PORT}/workflow/editorCheck01`, { waitUntil: 'networkidle' });
		const node = page.locator('[data-test-id="canvas-node"]', { hasText: 'Coze Chat' });
		await node.waitFor({ timeout: 60_000 });
		await shot('01-canvas');
		const icon = node.locator('img');
		await expect(icon.count()).resolves.toBeGreaterThan(0);
		const src = await icon.first().getAttribute('src');
		expect(src).toMatch(/coze/);
		const iconResponse = await page.request.get(new URL(src as string, `http://localhost:${PORT}`).toString());
		expect(iconResponse.ok()).toBe(true);
		expect(await iconResponse.text()).toContain('<svg');
	});

	it('opens the node: operation, bot picker and parameters render; the pickers list simulator data', async () => {
		await page.locator('[data-test-id="canvas-node"]', { hasText: 'Coze Chat' }).dblclick();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor({ timeout: 30_000 });
		await expect(ndv.getByText('User ID').first().isVisible()).resolves.toBe(true);
		await expect(ndv.getByText('Message', { exact: true }).first().isVisible()).resolves.toBe(true);
		await shot('02-node-parameters');
		// Workspace picker ("From list" is its default mode): open it and pick a workspace listed by the simulator.
		await ndv.locator('[data-test-id="resource-locator-workspaceId"] [data-test-id="rlc-input"]').click();
		await page.getByText('Support Team').first().waitFor({ timeout: 30_000 });
		await shot('03-workspace-picker');
		await page.getByText('Support Team').first().click();
		// Bot picker: switch from "By ID" to "From list" and open it.
		await ndv.locator('[data-test-id="resource-locator-botId"] [data-test-id="rlc-mode-selector"]').click();
		await page
			.getByRole('option', { name: /From list/i })
			.last()
			.click();
		await ndv.locator('[data-test-id="resource-locator-botId"] [data-test-id="rlc-input"]').click();
		await page.getByText('Echo Bot').first().waitFor({ timeout: 30_000 });
		await expect(page.getByText('Weather Tool Bot').first().isVisible()).resolves.toBe(true);
		await shot('04-bot-picker');
		expect(sim.requests.some((r) => r.path === '/v1/bots' && r.query.workspace_id === '7350000000000000001')).toBe(true);
	});

	it('finds Coze Chat in the node panel and adds it with its action', async () => {
		// Regression: with the codex category "AI" n8n's node panel search did not list the node at all.
		await page.keyboard.press('Escape');
		await page.goto(`http://localhost:${PORT}/workflow/editorCheck01`, { waitUntil: 'networkidle' });
		await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
		await page.locator('[data-test-id="node-creator-plus-button"]').click();
		await page.waitForTimeout(500);
		await page.keyboard.type('Coze');
		const panel = page.locator('[data-test-id="node-creator"]');
		await panel.getByText('Coze Chat').first().waitFor({ timeout: 30_000 });
		await shot('05-node-panel');
		await panel.getByText('Coze Chat').first().click();
		await panel.getByText('Send a message to a bot').first().click();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor({ timeout: 30_000 });
		await ndv.getByText('User ID').first().waitFor();
		await shot('06-added-node');
	});

	it('lists every Coze action node in the node panel search', async () => {
		const panel = page.locator('[data-test-id="node-creator"]');
		await page.keyboard.press('Escape');
		await page.goto(`http://localhost:${PORT}/workflow/editorCheck01`, { waitUntil: 'networkidle' });
		await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
		await page.locator('[data-test-id="node-creator-plus-button"]').click();
		await page.waitForTimeout(500);
		await page.keyboard.type('Coze');
		const names = [
			'Coze Chat',
			'Coze Workflow',
			'Coze Conversation',
			'Coze Knowledge Base',
			'Coze File',
			'Coze Variable',
			'Coze Audio',
			'Coze Plugin',
			'Coze Bot',
			'Coze Workspace',
		];
		for (const name of names) {
			await panel.getByText(name, { exact: true }).first().waitFor({ timeout: 30_000 });
		}
		// The merged "Coze Workflow" entry (action node + trigger) shows the action node's description.
		await panel
			.getByText(new CozeWorkflow().description.description as string)
			.first()
			.waitFor({ timeout: 30_000 });
		await expect(panel.getByText('Starts when a background').count()).resolves.toBe(0);
		await shot('07-all-nodes-in-panel');
	});

	it.each([
		['editorCheck02', 'Run Workflow', 'workflowId', 'echo_input', '08-workflow-picker'],
		['editorCheck04', 'Add to Knowledge Base', 'datasetId', 'Support FAQ', '09-knowledge-base-picker'],
		['editorCheck03', 'Create Conversation', 'botId', 'Echo Bot', '10-conversation-bot-picker'],
		['editorCheck05', 'Set Variables', 'botId', 'Echo Bot', '11-variable-bot-picker'],
		['editorCheck06', 'Coze Workflow Trigger', 'workflowId', 'long_report', '12-trigger-workflow-picker'],
	])('%s: the "%s" node renders with its icon and its %s picker lists simulator data', async (id, nodeName, picker, expected, screenshot) => {
		await page.keyboard.press('Escape');
		await page.goto(`http://localhost:${PORT}/workflow/${id}`, { waitUntil: 'networkidle' });
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
		await node.waitFor({ timeout: 60_000 });
		expect(await node.locator('img').first().getAttribute('src')).toMatch(/coze/);
		await node.dblclick();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor({ timeout: 30_000 });
		await ndv.locator('[data-test-id="resource-locator-workspaceId"] [data-test-id="rlc-input"]').click();
		await page.getByText('Support Team').first().waitFor({ timeout: 30_000 });
		await page.getByText('Support Team').first().click();
		await ndv.locator(`[data-test-id="resource-locator-${picker}"] [data-test-id="rlc-mode-selector"]`).click();
		await page
			.getByRole('option', { name: /From list/i })
			.last()
			.click();
		await ndv.locator(`[data-test-id="resource-locator-${picker}"] [data-test-id="rlc-input"]`).click();
		await page.getByText(expected).first().waitFor({ timeout: 30_000 });
		await shot(screenshot);
	});

	it.each([
		['editorCheck07', 'Text to Speech', 'voiceId', 'Gentle Lady', '14-voice-picker'],
		['editorCheck08', 'Get Plugin', 'pluginId', 'Currency Converter', '15-plugin-picker'],
		['editorCheck09', 'Run Versioned Workflow', 'workflowVersion', 'v0.0.3 — Current release', '16-workflow-version-picker'],
		['editorCheck09', 'Run Versioned Workflow', 'appId', 'Membership Portal', '17-run-app-picker'],
		['editorCheck09', 'App Variables', 'appId', 'Order Desk', '18-variable-app-picker'],
	])('%s: the "%s" node\'s %s picker lists simulator data', async (id, nodeName, picker, expected, screenshot) => {
		await page.keyboard.press('Escape');
		await page.goto(`http://localhost:${PORT}/workflow/${id}`, { waitUntil: 'networkidle' });
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
		await node.waitFor({ timeout: 60_000 });
		expect(await node.locator('img').first().getAttribute('src')).toMatch(/coze/);
		await node.dblclick();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor({ timeout: 30_000 });
		const locator = ndv.locator(`[data-test-id="resource-locator-${picker}"]`);
		if (
			(
				await locator
					.locator('[data-test-id="rlc-mode-selector"] input')
					.inputValue()
					.catch(() => '')
			).match(/ID/i)
		) {
			await locator.locator('[data-test-id="rlc-mode-selector"]').click();
			await page
				.getByRole('option', { name: /From list/i })
				.last()
				.click();
		}
		await locator.locator('[data-test-id="rlc-input"]').click();
		await page.getByText(expected).first().waitFor({ timeout: 30_000 });
		await shot(screenshot);
	});

	it('the Coze File node renders with its icon and binary field', async () => {
		await page.keyboard.press('Escape');
		await page.goto(`http://localhost:${PORT}/workflow/editorCheck03`, { waitUntil: 'networkidle' });
		const node = page.locator('[data-test-id="canvas-node"][data-node-name="Upload File"]');
		await node.waitFor({ timeout: 60_000 });
		expect(await node.locator('img').first().getAttribute('src')).toMatch(/coze/);
		await node.dblclick();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor({ timeout: 30_000 });
		await ndv.getByText('Input Binary Field').first().waitFor();
		await shot('13-file-node');
	});

	it("Coze Workflow v2: the picked workflow's start-node inputs show as a form with types and required marks", async () => {
		await page.keyboard.press('Escape');
		await page.goto(`http://localhost:${PORT}/workflow/editorCheck10`, { waitUntil: 'networkidle' });
		const node = page.locator('[data-test-id="canvas-node"][data-node-name="Run Order Report"]');
		await node.waitFor({ timeout: 60_000 });
		await node.dblclick();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor({ timeout: 30_000 });
		for (const label of [
			'customer (string, required)',
			'count (integer, required)',
			'price (number)',
			'rush (boolean)',
			'photo (image)',
			'attachments (array of file)',
		]) {
			await ndv.getByText(label, { exact: true }).first().waitFor({ timeout: 30_000 });
		}
		// Required fields: marked in the label, and n8n offers no remove button for them (it does for optional ones).
		const field = (label: string) =>
			ndv
				.locator('.parameter-item')
				.filter({ has: page.getByText(label, { exact: true }) })
				.last();
		await expect(field('customer (string, required)').locator('[data-icon="trash-2"], [data-icon="trash"]').count()).resolves.toBe(0);
		await expect(field('price (number)').locator('[data-icon="trash-2"], [data-icon="trash"]').count()).resolves.toBe(1);
		await ndv.getByText('customer (string, required)', { exact: true }).first().scrollIntoViewIfNeeded();
		await shot('19-workflow-inputs-form');
		// The parameters panel alone, small enough for the README (docs/images/workflow-inputs-form.png is a copy).
		await page.screenshot({ path: join(ARTIFACTS, '19-workflow-inputs-form-panel.png'), clip: { x: 512, y: 100, width: 420, height: 790 } });
		expect(sim.requests.some((r) => r.path === '/v1/workflows/7500000000000000010' && r.query.include_input_output === 'true')).toBe(true);
	});

	it("Coze Workflow v2: picking another workflow version reloads the form with that version's inputs", async () => {
		await page.keyboard.press('Escape');
		await page.goto(`http://localhost:${PORT}/workflow/editorCheck11`, { waitUntil: 'networkidle' });
		const node = page.locator('[data-test-id="canvas-node"][data-node-name="Run Order Report"]');
		await node.waitFor({ timeout: 60_000 });
		await node.dblclick();
		const ndv = page.locator('[data-test-id="ndv"]');
		await ndv.waitFor({ timeout: 30_000 });
		await ndv.getByText('price (number)', { exact: true }).first().waitFor({ timeout: 30_000 });
		// Workflow Version → v0.0.1 (from the picker's list): the form reloads with that version's three inputs.
		const version = ndv.locator('[data-test-id="resource-locator-workflowVersion"]');
		await version.scrollIntoViewIfNeeded();
		await version.locator('[data-test-id="rlc-input"]').click();
		await page.getByText('v0.0.1 — Customer, count and rush only').first().click();
		await ndv.getByText('price (number)', { exact: true }).first().waitFor({ state: 'detached', timeout: 30_000 });
		await ndv.getByText('count (integer, required)', { exact: true }).first().waitFor({ timeout: 30_000 });
		await shot('20-workflow-inputs-form-version');
		expect(sim.requests.some((r) => r.path === '/v1/workflows/7500000000000000010/versions' && r.query.include_input_output === 'true')).toBe(true);
	});
});
