/**
 * bench:chat-latency — how long after Coze completes a chat does the Coze Chat node hand back its item?
 * The simulator records the moment it writes `conversation.chat.completed` (T); the node is run inside n8n-core.
 * Stream mode (ours) vs. a 1 s polling client (Response Mode: Poll) measured in the same run, and a voice question in
 * stream mode (its audio comes after chat.completed, so the node reads on until `done`: the lag is the audio's events).
 * Last line: `ms_after_completion: <median for stream mode>` (target ≤ 50).
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { CozeChat } from '../../nodes/CozeChat/CozeChat.node';
import { Harness } from '../../test/harness';
import { startSimulator } from '../../test/simulator';
import { chatStats } from '../../test/simulator/routes/chat';
import { BOTS } from '../../test/simulator/seed';

const RUNS = 7;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
	process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'coze-bench-'));
	const sim = await startSimulator({ ssePacingMs: 20 });
	const harness = new Harness([new CozeChat()]);
	const credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
	const voice = { data: Buffer.alloc(64).toString('base64'), mimeType: 'audio/wav', fileName: 'question.wav' };
	const measure = async (responseMode: 'stream' | 'poll', withVoice = false) => {
		const lags: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			const { items, error } = await harness.run(
				{
					type: 'cozeChat',
					parameters: {
						operation: 'sendMessage',
						botId: { __rl: true, mode: 'id', value: BOTS.echo },
						userId: 'bench',
						message: `latency run ${i} with a slightly longer question`,
						options: { responseMode, ...(withVoice ? { binaryProperties: 'voice' } : {}) },
					},
					credentials: { cozeApi: credential },
				},
				withVoice ? { items: [{ json: {}, binary: { voice } }] } : {},
			);
			const returned = Date.now();
			if (error) throw error;
			const completedAt = chatStats(sim).completedAt(String(items[0].json.chat_id));
			if (!completedAt) throw new Error('simulator did not record completion');
			lags.push(returned - completedAt);
		}
		return lags;
	};
	await measure('stream'); // warm-up
	const stream = await measure('stream');
	const poll = await measure('poll');
	const voiced = await measure('stream', true);
	await sim.close();
	console.log(`stream (ours):     median ${median(stream)} ms after completion (runs: ${stream.join(', ')})`);
	console.log(`1 s polling client: median ${median(poll)} ms after completion (runs: ${poll.join(', ')})`);
	console.log(`voice question:     median ${median(voiced)} ms after completion (runs: ${voiced.join(', ')}; 2 audio events + done at 20 ms pacing)`);
	console.log(`poll_over_stream: ${(median(poll) / Math.max(1, median(stream))).toFixed(1)}`);
	console.log(`ms_after_completion: ${median(stream)}`);
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
