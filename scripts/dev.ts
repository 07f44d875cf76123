/**
 * npm run dev — the whole thing on one machine with no Coze account and no internet: builds the package, starts the
 * Coze simulator on 127.0.0.1:8555, installs (once, cached) and starts the real n8n on http://localhost:5678 with
 * the package loaded, credentials pointing at the simulator, and the example workflows imported. n8n gets its own
 * task broker port (N8N_RUNNERS_BROKER_PORT), so a running dev server and the e2e never fight over 5679.
 */
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';

import { startSimulator } from '../test/simulator';
import { BOTS, WORKSPACES } from '../test/simulator/seed';
import { startLlmStandIn } from '../test/e2e/llm-stand-in';
import { N8nInstance, REPO } from '../test/e2e/n8n';

async function main() {
	const simPort = Number(process.env.SIM_PORT ?? 8555);
	const n8nPort = Number(process.env.N8N_PORT ?? 5678);
	const sim = await startSimulator({ port: simPort, ssePacingMs: Number(process.env.SIM_PACING_MS ?? 40) });
	// The AI Agent example needs a chat model: an offline Ollama stand-in that calls the Coze tool.
	const llm = await startLlmStandIn();
	const n8n = new N8nInstance(join(REPO, '.dev', 'n8n'));
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
		{ id: 'ollama-local', name: 'Ollama (local)', type: 'ollamaApi', data: { baseUrl: llm.url } },
	]);
	const examples = readdirSync(join(REPO, 'examples')).filter((f) => f.endsWith('.json'));
	for (const [index, file] of examples.entries()) {
		const workflow = JSON.parse(readFileSync(join(REPO, 'examples', file), 'utf8')) as Record<string, unknown>;
		await n8n.importWorkflow({ ...workflow, id: `devExample${String(index).padStart(3, '0')}` });
	}
	const main = await n8n.startMain(n8nPort);
	main.child.stdout?.pipe(process.stdout);
	main.child.stderr?.pipe(process.stderr);
	console.log(`
  Coze simulator: ${sim.url} (PAT ${sim.patTokens[0]})
  n8n:            http://localhost:${n8nPort}

  1. Open http://localhost:${n8nPort} and create the owner account (first start only).
  2. Open the workflow "Coze: answer a message" and click "Execute workflow": the Coze Chat node answers.
  3. Or add a node: search "Coze", pick Coze Chat → Send Message, credential "Coze API (simulator)",
     workspace "${WORKSPACES[0].name}", bot "Echo Bot" (${BOTS.echo}) — or "Weather Tool Bot" for tool calls.
  4. Every other example works too: workflows (echo_input, long_report, ask_city), knowledge base, file,
     conversation, variables, and the AI Agent that uses Coze Chat as a tool (model: offline stand-in).
     Activate "Coze: act when a background workflow run finishes" to see the trigger fire once a minute.
  Ctrl+C stops both.
`);
	const stop = async () => {
		await main.stop();
		await sim.close();
		await llm.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
