import { readFileSync } from 'fs';
import type { IDataObject } from 'n8n-workflow';
import { join } from 'path';

import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import type { LlmStandIn } from './llm-stand-in';
import { startLlmStandIn } from './llm-stand-in';
import { N8nInstance, REPO } from './n8n';

/** n8n's AI Agent uses Coze Chat as a tool (usableAsTool), with a stand-in Ollama model so it runs offline. */
describe('AI Agent with a Coze tool in the real n8n CLI', () => {
	let sim: Simulator;
	let llm: LlmStandIn;

	beforeAll(async () => {
		sim = await startSimulator({ ssePacingMs: 1 });
		llm = await startLlmStandIn();
	});
	afterAll(async () => {
		await sim?.close();
		await llm?.close();
	});

	it("the agent calls Coze Chat with its question and answers with the bot's reply", async () => {
		const n8n = new N8nInstance();
		await n8n.importCredentials([
			{ id: 'coze-pat', name: 'Coze API (simulator)', type: 'cozeApi', data: { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] } },
			{ id: 'ollama-local', name: 'Ollama (local)', type: 'ollamaApi', data: { baseUrl: llm.url } },
		]);
		const workflow = JSON.parse(readFileSync(join(REPO, 'examples', 'ai-agent-with-coze-tool.json'), 'utf8')) as Record<string, unknown>;
		await n8n.importWorkflow({ ...workflow, id: 'e2eAiAgent001' });
		const { error, nodes } = await n8n.execute('e2eAiAgent001');
		expect(error).toBeUndefined();
		const chat = sim.requests.find((r) => r.path === '/v3/chat');
		expect(chat?.body).toMatchObject({ bot_id: '7400000000000000001', user_id: 'n8n-agent' });
		expect(JSON.stringify(chat?.body)).toContain('What is the refund policy?');
		expect(llm.requests[0].tools?.[0].function.name).toMatch(/Ask_Coze_Support_Bot|Coze/i);
		expect(String(nodes['AI Agent'][0].output)).toContain('You said: What is the refund policy?');
		expect(sim.contractViolations()).toEqual([]);
	});

	it('the agent runs a Coze workflow (version 2) as a tool with typed arguments from its start node', async () => {
		const n8n = new N8nInstance();
		await n8n.importCredentials([
			{ id: 'coze-pat', name: 'Coze API (simulator)', type: 'cozeApi', data: { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] } },
			{ id: 'ollama-local', name: 'Ollama (local)', type: 'ollamaApi', data: { baseUrl: llm.url } },
		]);
		const workflow = JSON.parse(readFileSync(join(REPO, 'examples', 'ai-agent-with-coze-workflow-tool.json'), 'utf8')) as Record<string, unknown>;
		await n8n.importWorkflow({ ...workflow, id: 'e2eAiAgentWf1' });
		const asked = llm.requests.length;
		const { error, nodes } = await n8n.execute('e2eAiAgentWf1');
		expect(error).toBeUndefined();
		// n8n builds the tool's schema from the $fromAI() of each form field: named, typed, described arguments.
		const tool = llm.requests[asked].tools?.[0].function as {
			name: string;
			parameters?: { properties?: Record<string, IDataObject>; required?: string[] };
		};
		expect(tool.parameters?.properties).toMatchObject({
			customer: { type: 'string', description: 'Who ordered' },
			count: { type: 'number', description: 'How many pieces (a whole number)' },
			rush: { type: 'boolean', description: 'Whether to ship today' },
		});
		const run = sim.requests.find((r) => r.path === '/v1/workflow/run');
		expect(run?.body).toEqual({ workflow_id: '7500000000000000010', parameters: { customer: 'Ada Lovelace', count: 3, rush: true } });
		expect(String(nodes['AI Agent'][0].output)).toContain('3 for Ada Lovelace');
		expect(sim.contractViolations()).toEqual([]);
	});
});
