import type { ChildProcess } from 'child_process';
import { spawn } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * Starts the Coze simulator in its own process (as Coze is a remote server: its CPU and memory are not the node's)
 * and resolves with its URL once it listens. `env` sets the CLI's knobs (SIM_PACING_MS, SIM_CHAT_LATENCY_MS,
 * SIM_RUN_HISTORY_LATENCY_MS, SIM_WORKFLOW_MS).
 */
export async function startSimulatorProcess(env: Record<string, string>): Promise<{ url: string; pat: string; child: ChildProcess }> {
	process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'coze-bench-'));
	const child = spawn(
		process.execPath,
		['-r', 'ts-node/register/transpile-only', join(__dirname, '..', '..', 'test', 'simulator', 'cli.ts'), '--port', '0'],
		{
			env: { ...process.env, SIM_PACING_MS: '0', ...env },
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	const url = await new Promise<string>((resolve, reject) => {
		let text = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			text += chunk.toString();
			const match = /listening on (http:\/\/\S+)/.exec(text);
			if (match) resolve(match[1]);
		});
		child.on('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
	});
	return { url, pat: 'pat_sim_test_token', child };
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); NaN elsewhere. */
export function processCpuMs(pid: number | undefined): number {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime in clock ticks (100 Hz)
	} catch {
		return NaN;
	}
}
