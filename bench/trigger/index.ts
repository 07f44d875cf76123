/**
 * bench:trigger — one poll of the Coze Workflow Trigger with 1,000 pending async runs, each run-history lookup
 * taking 50 ms at the simulator (its own process, like a remote Coze). The runs have finished, so the poll emits
 * 1,000 items. Ideal wall time at the trigger's default concurrency c = 1000 × 50 ms / c.
 * Prints the timing, the peak concurrent lookups the simulator saw, the same lookups from a bare Node http client
 * (the machine's floor, `floor_over_ideal`), CPU of client and simulator, `wall_over_ideal`, and last
 * `wall_over_floor: <n>`: the poll against the bare client in the same run (target ≤ 1.10; on a shared machine the
 * ideal moves with the load, the floor moves with it; it is measured right before and right after the poll, and the
 * mean of the two is used).
 */
import http from 'http';
import type { IDataObject } from 'n8n-workflow';

import { CozeWorkflowTrigger, DEFAULT_LOOKUP_CONCURRENCY } from '../../nodes/CozeWorkflowTrigger/CozeWorkflowTrigger.node';
import { Harness } from '../../test/harness';
import { WORKFLOWS } from '../../test/simulator/seed';
import { profiled } from '../support/profile';
import { processCpuMs, startSimulatorProcess } from '../support/simulator-process';

const RUNS = 1000;
const LATENCY_MS = 50;

async function bareLookups(url: string, pat: string, ids: string[], concurrency: number): Promise<number> {
	const agent = new http.Agent({ keepAlive: false });
	const get = async (id: string) =>
		await new Promise<void>((resolve, reject) => {
			http
				.get(`${url}/v1/workflows/${WORKFLOWS.slow}/run_histories/${id}`, { agent, headers: { Authorization: `Bearer ${pat}` } }, (res) => {
					let text = '';
					res.on('data', (chunk: Buffer) => (text += chunk.toString()));
					res.on('end', () => (JSON.parse(text).code === 0 ? resolve() : reject(new Error(text))));
				})
				.on('error', reject);
		});
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < ids.length) await get(ids[next++]);
		}),
	);
	return performance.now() - started;
}

async function main() {
	const concurrency = Number(process.env.CONCURRENCY ?? DEFAULT_LOOKUP_CONCURRENCY);
	const { url, pat, child } = await startSimulatorProcess({ SIM_RUN_HISTORY_LATENCY_MS: String(LATENCY_MS), SIM_WORKFLOW_MS: '0' });
	try {
		// 1,000 background runs, started as Coze Workflow → Start in Background would (not timed).
		const ids: string[] = [];
		for (let i = 0; i < RUNS; i += 50) {
			ids.push(
				...(await Promise.all(
					Array.from({ length: Math.min(50, RUNS - i) }, async () => {
						const response = await fetch(`${url}/v1/workflow/run`, {
							method: 'POST',
							headers: { Authorization: `Bearer ${pat}`, 'Content-Type': 'application/json' },
							body: JSON.stringify({ workflow_id: WORKFLOWS.slow, parameters: { input: 'bench' }, is_async: true }),
						});
						return String(((await response.json()) as IDataObject).execute_id);
					}),
				)),
			);
		}
		const harness = new Harness([new CozeWorkflowTrigger()]);
		const credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: url, accessToken: pat });
		const spec = (executeIds: string) => ({
			type: 'cozeWorkflowTrigger',
			parameters: { startRuns: 'never', workflowId: { __rl: true, mode: 'id', value: WORKFLOWS.slow }, executeIds, options: { concurrency } },
			credentials: { cozeApi: credential },
		});
		// The machine's floor: the same 1,000 lookups at the same concurrency from a bare Node http client (a new
		// connection per request, as n8n's request helper makes), printed for context next to the node's figure.
		const floorBefore = await bareLookups(url, pat, ids, concurrency);

		// Warm-up poll with one run (loads n8n-core paths, opens the first connection), not timed.
		await harness.poll(spec(ids[0]), {});
		const before = (await (await fetch(`${url}/__sim/workflow-runs`)).json()) as { lookups: number };

		const now = Date.now();
		const staticData = { 'node:Node': { pending: Object.fromEntries(ids.map((id) => [id, now])), emitted: [] } };
		const cpu = process.cpuUsage();
		const simCpu = processCpuMs(child.pid);
		const started = performance.now();
		const { items } = await profiled(async () => await harness.poll(spec(ids.join(',')), staticData));
		const wall = performance.now() - started;
		const cpuMs = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpu));
		const simCpuMs = processCpuMs(child.pid) - simCpu;

		const stats = (await (await fetch(`${url}/__sim/workflow-runs`)).json()) as { lookups: number; maxConcurrentLookups: number };
		const floorAfter = await bareLookups(url, pat, ids, concurrency);
		const floor = (floorBefore + floorAfter) / 2;
		const fired = items?.[0]?.length ?? 0;
		if (fired !== RUNS) throw new Error(`expected ${RUNS} items, got ${fired}`);
		const ideal = (RUNS * LATENCY_MS) / concurrency;
		console.log(
			`${RUNS} pending runs, lookup latency ${LATENCY_MS} ms, concurrency ${concurrency}: one poll ${wall.toFixed(0)} ms (ideal ${ideal.toFixed(0)} ms), ` +
				`${fired} items, ${stats.lookups - before.lookups} lookups, peak concurrent lookups at Coze ${stats.maxConcurrentLookups}, ` +
				`bare http client ${floor.toFixed(0)} ms (before ${floorBefore.toFixed(0)}, after ${floorAfter.toFixed(0)}; floor_over_ideal ${(floor / ((RUNS * LATENCY_MS) / concurrency)).toFixed(3)}), ` +
				`client CPU ${cpuMs.toFixed(0)} ms (${(cpuMs / RUNS).toFixed(2)} ms per run), simulator CPU ${simCpuMs.toFixed(0)} ms`,
		);
		console.log(`wall_over_ideal: ${(wall / ideal).toFixed(3)}`);
		console.log(`wall_over_floor: ${(wall / floor).toFixed(3)}`);
	} finally {
		child.kill();
	}
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
