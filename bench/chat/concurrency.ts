/**
 * bench:chat-concurrency — Coze Chat → Send Message over many input items, each chat taking 500 ms at the simulator
 * (its own process, as Coze would be a remote server: its CPU is not the node's). Two cases:
 *   200 items at concurrency 20 (ideal 200 / 20 × 0.5 s = 5 s, target ≤ 1.15)
 *   1,000 items at concurrency 50 (ideal 1000 / 50 × 0.5 s = 10 s, target ≤ 1.10)
 * Per case: wall time, peak concurrent chats the simulator saw, the node process's CPU time per item
 * (process.cpuUsage around the run), the simulator's CPU, and `wall_over_ideal[<items>x<concurrency>]: <n>`.
 * Last line `wall_over_ideal: <n>` is the worse of the two cases. BENCH_PROFILE=<file> writes a CPU profile of the
 * 1,000-item run.
 */
import { CozeChat } from '../../nodes/CozeChat/CozeChat.node';
import { Harness } from '../../test/harness';
import { BOTS } from '../../test/simulator/seed';
import { profiled } from '../support/profile';
import { processCpuMs, startSimulatorProcess } from '../support/simulator-process';

const LATENCY_MS = 500;
const CASES = [
	{ items: 200, concurrency: 20, target: 1.15 },
	{ items: 1000, concurrency: 50, target: 1.1 },
];

async function runCase(items: number, concurrency: number, profile: boolean) {
	const { url, pat, child } = await startSimulatorProcess({ SIM_CHAT_LATENCY_MS: String(LATENCY_MS) });
	try {
		const harness = new Harness([new CozeChat()]);
		const credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: url, accessToken: pat });
		const spec = (count: number) => ({
			spec: {
				type: 'cozeChat',
				parameters: {
					operation: 'sendMessage',
					botId: { __rl: true, mode: 'id', value: BOTS.echo },
					userId: 'bench',
					message: '={{ $json.q }}',
					options: { concurrency },
				},
				credentials: { cozeApi: credential },
			},
			items: Array.from({ length: count }, (_, i) => ({ json: { q: `question ${i}` } })),
		});
		// Warm-up: one chat (module loading, first connection), not measured.
		const warm = spec(1);
		await harness.run(warm.spec, { items: warm.items });

		const { spec: node, items: input } = spec(items);
		const simCpu = processCpuMs(child.pid);
		const cpu = process.cpuUsage();
		const started = performance.now();
		const run = async () => await harness.run(node, { items: input });
		const { items: out, error } = profile ? await profiled(run) : await run();
		const wall = performance.now() - started;
		const cpuMs = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpu));
		const simCpuMs = processCpuMs(child.pid) - simCpu;
		if (error) throw error;
		const inOrder = out.every((item, i) => item.json.answer === `You said: question ${i}`);
		if (!inOrder || out.length !== items) throw new Error('output order or count wrong');
		const ideal = (items / concurrency) * LATENCY_MS;
		const stats = (await (await fetch(`${url}/__sim/chat-stats`)).json()) as { maxConcurrent: number };
		const ratio = wall / ideal;
		console.log(
			`${items} items × ${LATENCY_MS} ms at concurrency ${concurrency}: ${wall.toFixed(0)} ms (ideal ${ideal} ms), order kept, ` +
				`peak concurrent chats at Coze ${stats.maxConcurrent}; node CPU ${cpuMs.toFixed(0)} ms = ${(cpuMs / items).toFixed(2)} ms per item; ` +
				`simulator CPU ${simCpuMs.toFixed(0)} ms`,
		);
		console.log(`wall_over_ideal[${items}x${concurrency}]: ${ratio.toFixed(3)} (target ≤ ${CASES.find((c) => c.items === items)?.target})`);
		return ratio;
	} finally {
		child.kill();
	}
}

async function main() {
	const ratios: number[] = [];
	for (const { items, concurrency } of CASES) ratios.push(await runCase(items, concurrency, items === 1000));
	console.log(`wall_over_ideal: ${Math.max(...ratios).toFixed(3)}`);
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
