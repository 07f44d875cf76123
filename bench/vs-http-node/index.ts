/**
 * bench:vs-http-node — what one item costs in a Coze node compared with n8n's own HTTP Request node, in the real n8n
 * CLI (test/e2e: ~/.cache/n8n-nodes-coze/n8n-<version>, our built package from dist/ as a custom extension).
 *
 * One local endpoint (endpoint.ts) answers after a fixed latency. N items (Set → Split Out, each with its own ID)
 * go through one of three nodes, in one `n8n execute` process per run (its own broker port):
 *   coze       — our node (Conversation Get / Message Create / Chat in stream mode), Options → Concurrency;
 *   http       — n8n's HTTP Request node with the token in a plain Authorization header;
 *   http+cred  — n8n's HTTP Request node with our Coze API credential (predefined credential type).
 * Variants alternate within each round; the figure is the median of ROUNDS rounds of the node's own `executionTime`
 * from the run data (n8n's start-up excluded). Two phases:
 *   latency: ITEMS (300) items at LATENCY_MS (20 ms): wall time per node and the peak in flight at the endpoint;
 *   cpu:     CPU_ITEMS (1000) items at 0 ms: the node's executionTime per item, i.e. its CPU per item (nothing waits).
 * Prints the load average seen, one line per scenario and variant, and last `ours_over_http: …` (latency phase,
 * against the header-token HTTP Request node). PHASES=latency|cpu narrows it down, SCENARIOS=get,create,chat and VARIANTS=coze,http,http+cred too;
 * BENCH_DIST=<folder> loads another build of the package instead of dist/;
 * PROFILE_DIR=<dir> writes a V8 CPU profile of every n8n process (summarise with bench/support/profile-summary.ts).
 */
import { spawn } from 'child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, unlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { N8nInstance } from '../../test/e2e/n8n';
import { freePort } from '../../test/e2e/services';
import { startEndpoint } from './endpoint';

const TOKEN = 'pat_bench_0123456789abcdefghijklmnopqrstuvwxyz';
const ITEMS = Number(process.env.ITEMS ?? 300);
const CPU_ITEMS = Number(process.env.CPU_ITEMS ?? 1000);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 20);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const PHASES = (process.env.PHASES ?? 'latency,cpu').split(',');
const SCENARIOS = (process.env.SCENARIOS ?? 'get,create,chat').split(',');
const BOT_ID = '7379462189365198898';
const CREDENTIAL = { cozeApi: { id: 'benchPat00001', name: 'Coze API (bench)' } };

type Variant = 'coze' | 'http' | 'http+cred';
const VARIANTS = (['coze', 'http', 'http+cred'] as Variant[]).filter((variant) =>
	(process.env.VARIANTS ?? 'coze,http,http+cred').split(',').includes(variant),
);

/** Per scenario: our node's type and parameters, and the HTTP Request node's request for the same call. */
const SCENARIO_NODES: Record<string, { label: string; coze: { type: string; parameters: Record<string, unknown> }; http: Record<string, unknown> }> =
	{
		get: {
			label: 'Conversation Get',
			coze: {
				type: 'n8n-nodes-coze-api.cozeConversation',
				parameters: { resource: 'conversation', operation: 'get', conversationId: '={{ $json.id }}', options: { concurrency: CONCURRENCY } },
			},
			http: {
				method: 'GET',
				path: '/v1/conversation/retrieve',
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'conversation_id', value: '={{ $json.id }}' }] },
			},
		},
		create: {
			label: 'Message Create',
			coze: {
				type: 'n8n-nodes-coze-api.cozeConversation',
				parameters: {
					resource: 'message',
					operation: 'create',
					conversationId: '={{ $json.id }}',
					role: 'user',
					content: '=Question {{ $json.id }}',
					contentType: 'text',
					options: { concurrency: CONCURRENCY },
				},
			},
			http: {
				method: 'POST',
				path: '/v1/conversation/message/create',
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'conversation_id', value: '={{ $json.id }}' }] },
				sendBody: true,
				bodyParameters: {
					parameters: [
						{ name: 'role', value: 'user' },
						{ name: 'content', value: '=Question {{ $json.id }}' },
						{ name: 'content_type', value: 'text' },
					],
				},
			},
		},
		chat: {
			label: 'Chat (stream)',
			coze: {
				type: 'n8n-nodes-coze-api.cozeChat',
				parameters: {
					operation: 'sendMessage',
					botId: { __rl: true, mode: 'id', value: BOT_ID },
					userId: 'bench-user',
					message: '=Question {{ $json.id }}',
					options: { concurrency: CONCURRENCY },
				},
			},
			http: {
				method: 'POST',
				path: '/v3/chat',
				sendBody: true,
				specifyBody: 'json',
				jsonBody: `={{ JSON.stringify({ bot_id: '${BOT_ID}', user_id: 'bench-user', stream: true, auto_save_history: true, additional_messages: [{ role: 'user', type: 'question', content: 'Question ' + $json.id, content_type: 'text' }] }) }}`,
				options: { response: { response: { responseFormat: 'text' } } },
			},
		},
	};

function workflowId(scenario: string, variant: Variant, items: number): string {
	return `b${scenario}${variant.replace('+', '')}${items}`.padEnd(16, '0').slice(0, 16);
}

function workflow(scenario: string, variant: Variant, items: number, baseUrl: string): Record<string, unknown> {
	const spec = SCENARIO_NODES[scenario];
	let target: Record<string, unknown>;
	if (variant === 'coze') {
		target = { type: spec.coze.type, typeVersion: 1, parameters: spec.coze.parameters, credentials: CREDENTIAL };
	} else {
		const { path, options, ...request } = spec.http as { path: string; options?: Record<string, unknown> };
		const parameters: Record<string, unknown> = { ...request, url: `${baseUrl}${path}`, options: options ?? {} };
		if (variant === 'http') {
			parameters.sendHeaders = true;
			parameters.headerParameters = { parameters: [{ name: 'Authorization', value: `Bearer ${TOKEN}` }] };
		} else {
			parameters.authentication = 'predefinedCredentialType';
			parameters.nodeCredentialType = 'cozeApi';
		}
		target = { type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, parameters, ...(variant === 'http+cred' ? { credentials: CREDENTIAL } : {}) };
	}
	const ids = `={{ { ids: Array.from({ length: ${items} }, (_, i) => String(7400000000000000000n + BigInt(i))) } }}`;
	return {
		id: workflowId(scenario, variant, items),
		name: `bench ${scenario} ${variant} ${items}`,
		nodes: [
			{ id: 'n1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'n2',
				name: 'IDs',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: { mode: 'raw', jsonOutput: ids, options: {} },
			},
			{
				id: 'n3',
				name: 'Items',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [400, 0],
				parameters: { fieldToSplitOut: 'ids', options: { destinationFieldName: 'id' } },
			},
			{ id: 'n4', name: 'Target', position: [600, 0], ...target },
		],
		connections: {
			Start: { main: [[{ node: 'IDs', type: 'main', index: 0 }]] },
			IDs: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Target', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

interface TaskRun {
	executionTime: number;
	data?: { main?: unknown[][] };
}

/**
 * `n8n execute --id --rawOutput` (as N8nInstance.execute, with its own broker port), keeping only what the benchmark
 * reads: each node's runs. Its stdout goes to a file, not a pipe: n8n exits right after printing, and a pipe can lose
 * the end of a large output (files are written synchronously). The file stays when it cannot be read.
 */
async function execute(n8n: N8nInstance, id: string): Promise<{ runData: Record<string, TaskRun[]>; error?: { message: string } }> {
	const env = { ...n8n.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	const file = join(n8n.folder, `stdout-${id}.txt`);
	const out = openSync(file, 'w');
	try {
		const child = spawn(n8n.node, [n8n.n8n, 'execute', `--id=${id}`, '--rawOutput'], { env, cwd: n8n.folder, stdio: ['ignore', out, 'ignore'] });
		const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
		await new Promise((resolve) => child.once('exit', resolve));
		clearTimeout(timer);
	} finally {
		closeSync(out);
	}
	const stdout = readFileSync(file, 'utf8');
	const start = stdout.search(/^\{/m);
	const end = stdout.indexOf('\n}', start);
	try {
		const raw = JSON.parse(stdout.slice(start, end === -1 ? undefined : end + 2)) as {
			data: { resultData: { runData: Record<string, TaskRun[]>; error?: { message: string } } };
		};
		unlinkSync(file);
		return { runData: raw.data.resultData.runData, error: raw.data.resultData.error };
	} catch (error) {
		throw new Error(`could not read the run data of ${id} (${(error as Error).message}); stdout in ${file}`);
	}
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

async function main() {
	const endpoint = await startEndpoint(TOKEN, LATENCY_MS);
	const profileDir = process.env.PROFILE_DIR;
	if (profileDir) mkdirSync(profileDir, { recursive: true });
	const n8n = new N8nInstance(mkdtempSync(join(tmpdir(), 'n8n-coze-bench-')), {
		env: {
			...(profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } : {}),
			// Another build of the package (e.g. a copy of dist/ from before a change), for A/B runs.
			...(process.env.BENCH_DIST ? { N8N_CUSTOM_EXTENSIONS: process.env.BENCH_DIST } : {}),
		},
	});
	try {
		await n8n.importCredentials([{ ...CREDENTIAL.cozeApi, type: 'cozeApi', data: { region: 'custom', baseUrl: endpoint.url, accessToken: TOKEN } }]);
		const phases = [
			{ name: 'latency', items: ITEMS, latencyMs: LATENCY_MS },
			{ name: 'cpu', items: CPU_ITEMS, latencyMs: 0 },
		].filter((phase) => PHASES.includes(phase.name));
		const workflows = phases.flatMap((phase) =>
			SCENARIOS.flatMap((scenario) => VARIANTS.map((variant) => workflow(scenario, variant, phase.items, endpoint.url))),
		);
		// A custom extension's node types are CUSTOM.<name> (see N8nInstance).
		await n8n.importWorkflows(
			workflows.map((w) => JSON.parse(JSON.stringify(w).replace(/"n8n-nodes-coze-api\.(\w+)"/g, '"CUSTOM.$1"')) as Record<string, unknown>),
		);
		console.log(`n8n ${n8n.version}, concurrency ${CONCURRENCY}, ${ROUNDS} rounds, load average at start ${loadAverage()}`);

		const ratios: string[] = [];
		for (const phase of phases) {
			endpoint.latencyMs = phase.latencyMs;
			for (const scenario of SCENARIOS) {
				const times: Record<Variant, number[]> = { coze: [], http: [], 'http+cred': [] };
				const peaks: Record<Variant, number[]> = { coze: [], http: [], 'http+cred': [] };
				const connections: Record<Variant, number[]> = { coze: [], http: [], 'http+cred': [] };
				for (let round = 0; round < ROUNDS; round++) {
					// Alternate the order so that no variant always runs first (or right after a given other one).
					const order = round % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
					for (const variant of order) {
						endpoint.reset();
						const { error, runData } = await execute(n8n, workflowId(scenario, variant, phase.items));
						const run = runData.Target?.[0];
						const count = run?.data?.main?.[0]?.length ?? 0;
						const stats = endpoint.stats();
						if (error || count !== phase.items || stats.unauthorized > 0) {
							throw new Error(
								`${scenario}/${variant}: ${error?.message ?? ''} ${count} of ${phase.items} items, ${stats.unauthorized} unauthorized requests`,
							);
						}
						times[variant].push(run.executionTime);
						peaks[variant].push(stats.peakInFlight);
						connections[variant].push(stats.connections);
					}
				}
				const ours = median(times.coze);
				for (const variant of VARIANTS) {
					const ms = median(times[variant]);
					const perItem = (ms / phase.items).toFixed(2);
					console.log(
						`${phase.name.padEnd(7)} ${SCENARIO_NODES[scenario].label.padEnd(16)} ${variant.padEnd(9)} ${phase.items} items × ${phase.latencyMs} ms: ` +
							`${ms} ms (runs ${times[variant].join(', ')}), ${perItem} ms per item${phase.latencyMs === 0 ? ' (CPU)' : ''}, ` +
							`peak in flight ${Math.max(...peaks[variant])}, connections ${median(connections[variant])}` +
							(variant === 'coze' || !ours ? '' : `, ours/this ${(ours / ms).toFixed(2)}`),
					);
				}
				if (!VARIANTS.includes('coze') || !VARIANTS.includes('http')) continue;
				if (phase.name === 'latency') {
					const againstCredential = VARIANTS.includes('http+cred') ? ` (vs http+cred ${(ours / median(times['http+cred'])).toFixed(2)})` : '';
					ratios.push(`${scenario} ${(ours / median(times.http)).toFixed(2)}${againstCredential}`);
				} else {
					ratios.push(`${scenario} cpu ${(ours / median(times.http)).toFixed(2)}`);
				}
			}
		}
		console.log(`load average at end ${loadAverage()}`);
		console.log(`ours_over_http: ${ratios.join(', ')}`);
	} finally {
		await endpoint.close();
	}
}

void main().catch((error) => {
	console.error(error);
	process.exit(1);
});
