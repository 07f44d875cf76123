/**
 * bench:upload — Coze File → Upload File with a 256 MB binary kept in n8n's filesystem binary store, the simulator
 * in its own process (so its multipart parser's memory is not counted: we measure the client). RSS is sampled every
 * 5 ms during the upload; last line `rss_growth_mb: <n>` is the peak growth over the RSS before it (after GC).
 * Target ≤ 32 (a few stream chunks).
 */
import { Container } from '@n8n/di';
import { execFileSync } from 'child_process';
import { mkdtempSync } from 'fs';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';
import { tmpdir } from 'os';
import { join } from 'path';

import { CozeFile } from '../../nodes/CozeFile/CozeFile.node';
import { Harness } from '../../test/harness';
import { startSimulator } from '../../test/simulator';
import { profiled } from '../support/profile';
import { startSimulatorProcess } from '../support/simulator-process';

const SIZE = 256 * 1024 * 1024;
const mb = (bytes: number) => bytes / 1048576;

async function main() {
	// BENCH_SIM_IN_PROCESS=1 runs the simulator in this process (its multipart parser's memory then counts too).
	const inProcess = process.env.BENCH_SIM_IN_PROCESS === '1';
	const sim = inProcess ? await startSimulator() : undefined;
	const { url, pat, child } = sim ? { url: sim.url, pat: sim.patTokens[0], child: undefined } : await startSimulatorProcess({});
	try {
		const binaryData = Container.get(BinaryDataService);
		const storagePath = mkdtempSync(join(tmpdir(), 'coze-bench-binary-'));
		Object.assign((binaryData as unknown as { config: object }).config, { mode: 'filesystem', localStoragePath: storagePath });
		await binaryData.init();
		// The file is put into the store by another process, so building it does not inflate the RSS baseline here.
		const stored = JSON.parse(
			execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'store-file.ts')], {
				env: { ...process.env, SIZE: String(SIZE), STORAGE_PATH: storagePath },
				maxBuffer: 1 << 20,
			}).toString(),
		) as IBinaryData;
		const harness = new Harness([new CozeFile()]);
		const credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: url, accessToken: pat });
		const upload = async () =>
			await harness.run(
				{ type: 'cozeFile', parameters: { operation: 'upload', binaryPropertyName: 'data' }, credentials: { cozeApi: credential } },
				{ items: [{ json: {}, binary: { data: stored } }] },
			);
		// Warm-up with a small in-memory binary: loads every module the upload path uses (not measured).
		await harness.run(
			{ type: 'cozeFile', parameters: { operation: 'upload', binaryPropertyName: 'data' }, credentials: { cozeApi: credential } },
			{ items: [{ json: {}, binary: { data: { data: Buffer.from('warm').toString('base64'), mimeType: 'text/plain', fileName: 'w.txt' } } }] },
		);
		for (let i = 0; i < 3; i++) global.gc?.();
		const before = process.memoryUsage();
		let peak = before.rss;
		let peakBuffers = before.arrayBuffers;
		// Diagnostic: BENCH_GC_EVERY_MS=<n> forces a GC every n ms, so the peaks show live memory instead of garbage.
		const gcEvery = Number(process.env.BENCH_GC_EVERY_MS ?? 0);
		let lastGc = performance.now();
		const sampler = setInterval(() => {
			if (gcEvery > 0 && global.gc && performance.now() - lastGc >= gcEvery) {
				global.gc();
				lastGc = performance.now();
			}
			const now = process.memoryUsage();
			peak = Math.max(peak, now.rss);
			peakBuffers = Math.max(peakBuffers, now.arrayBuffers);
		}, 5);
		const started = performance.now();
		const { items, error } = await profiled(upload);
		const wall = performance.now() - started;
		clearInterval(sampler);
		const after = process.memoryUsage();
		if (error) throw error;
		if (items[0]?.json.bytes !== SIZE) throw new Error(`Coze stored ${String(items[0]?.json.bytes)} bytes`);
		const check = (await (
			await fetch(`${url}/v1/files/retrieve?file_id=${String(items[0].json.id)}`, { headers: { Authorization: `Bearer ${pat}` } })
		).json()) as {
			data: { bytes: number };
		};
		if (check.data.bytes !== SIZE) throw new Error('retrieve disagrees');
		console.log(
			`simulator ${inProcess ? 'in process' : 'out of process'}: 256 MB upload in ${(wall / 1000).toFixed(2)} s (${(mb(SIZE) / (wall / 1000)).toFixed(0)} MB/s); rss before ${mb(before.rss).toFixed(1)} MB, ` +
				`peak ${mb(peak).toFixed(1)} MB, after ${mb(after.rss).toFixed(1)} MB; Buffer memory (arrayBuffers, live + not yet ` +
				`collected) peak growth ${mb(peakBuffers - before.arrayBuffers).toFixed(1)} MB`,
		);
		console.log(`rss_growth_mb: ${mb(peak - before.rss).toFixed(1)}`);
	} finally {
		child?.kill();
		await sim?.close();
	}
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
