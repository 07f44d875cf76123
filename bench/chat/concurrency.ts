/**
 * bench:chat-concurrency — 200 input items, each chat takes 500 ms at the simulator, node concurrency 20.
 * The simulator runs in its own process, as Coze would be a remote server: its CPU is not the node's.
 * Ideal wall time = 200 / 20 × 0.5 s = 5 s. Prints the wall time, the peak number of chats the simulator saw at
 * once, and last `wall_over_ideal: <n>` (target ≤ 1.15).
 */
import { CozeChat } from '../../nodes/CozeChat/CozeChat.node';
import { Harness } from '../../test/harness';
import { spawn } from 'child_process';
import { join } from 'path';

import { BOTS } from '../../test/simulator/seed';

const ITEMS = 200;
const CONCURRENCY = 20;
const LATENCY_MS = 500;

async function main() {
	process.env.N8N_USER_FOLDER ??= require('fs').mkdtempSync(require('path').join(require('os').tmpdir(), 'coze-bench-'));
	const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', '..', 'test', 'simulator', 'cli.ts'), '--port', '0'], {
		env: { ...process.env, SIM_PACING_MS: '0', SIM_CHAT_LATENCY_MS: String(LATENCY_MS) },
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const url = await new Promise<string>((resolve, reject) => {
		let text = '';
		child.stdout.on('data', (chunk: Buffer) => {
			text += chunk.toString();
			const match = /listening on (http:\/\/\S+)/.exec(text);
			if (match) resolve(match[1]);
		});
		child.on('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
	});
	const pat = 'pat_sim_test_token';
	const sim = { url, patTokens: [pat] };
	const harness = new Harness([new CozeChat()]);
	const credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
	const items = Array.from({ length: ITEMS }, (_, i) => ({ json: { q: `question ${i}` } }));
	const started = Date.now();
	const { items: out, error } = await harness.run(
		{
			type: 'cozeChat',
			parameters: {
				operation: 'sendMessage',
				botId: { __rl: true, mode: 'id', value: BOTS.echo },
				userId: 'bench',
				message: '={{ $json.q }}',
				options: { concurrency: CONCURRENCY },
			},
			credentials: { cozeApi: credential },
		},
		{ items },
	);
	const wall = Date.now() - started;
	if (error) throw error;
	const inOrder = out.every((item, i) => item.json.answer === `You said: question ${i}`);
	const ideal = (ITEMS / CONCURRENCY) * LATENCY_MS;
	const stats = (await (await fetch(`${url}/__sim/chat-stats`)).json()) as { maxConcurrent: number };
	console.log(`${out.length} items in ${wall} ms (ideal ${ideal} ms), order kept: ${inOrder}, peak concurrent chats at Coze: ${stats.maxConcurrent}`);
	child.kill();
	if (!inOrder || out.length !== ITEMS) throw new Error('output order or count wrong');
	console.log(`wall_over_ideal: ${(wall / ideal).toFixed(3)}`);
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
