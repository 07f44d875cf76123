import { randomUUID } from 'crypto';
import type { IncomingMessage, Server, ServerResponse } from 'http';
import { createServer } from 'http';
import type { AddressInfo } from 'net';

import { ExecutionLifecycleHooks, HookContext, LoadOptionsContext, TriggersAndPollers, WebhookContext, WorkflowExecute, PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeType,
	IRun,
	IVersionedNodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	ResourceMapperFields,
	StructuredChunk,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';

import { CozeApi } from '../../credentials/CozeApi.credentials';
import { CozeJwtApi } from '../../credentials/CozeJwtApi.credentials';
import { CozeOAuth2Api } from '../../credentials/CozeOAuth2Api.credentials';
import { HarnessCredentialsHelper } from './credentials-helper';
import { HarnessNodeTypes } from './node-types';
import { OAuth2Api } from './oauth2-api.credentials';

export { HarnessCredentialsHelper } from './credentials-helper';

export interface NodeUnderTest {
	/** Node type name without the package prefix, e.g. 'cozeChat'. */
	type: string;
	parameters: INodeParameters;
	/** Credential type → stored credential id (see Harness.addCredential). */
	credentials?: Record<string, string>;
	typeVersion?: number;
	name?: string;
	continueOnFail?: boolean;
	/** The node's webhook ID (n8n assigns one to every webhook node); a fixed one keeps its URL across activations. */
	webhookId?: string;
}

/** What one request to an active webhook trigger gave, as n8n's webhook handler (webhook-helpers.ts) treats it. */
export interface WebhookCall {
	status: number;
	body: string;
	/** Whether n8n would have started an execution (the node returned workflowData, or threw). */
	executionStarted: boolean;
	workflowData?: INodeExecutionData[][];
}

/** A webhook trigger activated by Harness.activateWebhooks (see there). */
export interface ActiveWebhookTrigger {
	url: string;
	/** The workflow's static data as n8n saves it in its database after activation (and after deactivation). */
	staticData: IDataObject;
	/** Every request the webhook answered, in order. */
	calls: WebhookCall[];
	/** Only the calls that started an execution. */
	executions(): WebhookCall[];
	deactivate(): Promise<void>;
}

export interface RunResult {
	/** Output of the node under test, per output index. */
	outputs: INodeExecutionData[][];
	/** First output, the common case. */
	items: INodeExecutionData[];
	/** Execution error of the run, if the node failed without continueOnFail. */
	error?: Error & IDataObject;
	chunks: StructuredChunk[];
	run: IRun;
	staticData: IDataObject;
}

/**
 * Runs workflows (Start → node under test) through n8n-core's real WorkflowExecute, with a CredentialsHelper that
 * behaves like n8n's CLI. Nodes talk real HTTP (to the Coze simulator on 127.0.0.1).
 */
export class Harness {
	readonly nodeTypes: HarnessNodeTypes;

	readonly credentialsHelper: HarnessCredentialsHelper;

	/** Base URL of the harness's webhook server (startWebhookServer), used as n8n's production webhook base URL. */
	private webhookBaseUrl = 'http://127.0.0.1:5678/webhook';

	private webhookServer?: Server;

	/** Active webhooks: "POST path" → handler, as n8n's webhook table. */
	private readonly webhookRoutes = new Map<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>>();

	constructor(nodes: Array<INodeType | IVersionedNodeType>, extraCredentialTypes: ICredentialType[] = []) {
		this.nodeTypes = new HarnessNodeTypes(nodes);
		this.credentialsHelper = new HarnessCredentialsHelper([
			new OAuth2Api(),
			new CozeApi(),
			new CozeOAuth2Api(),
			new CozeJwtApi(),
			...extraCredentialTypes,
		]);
	}

	/** Stores a credential as n8n would (plain data; defaults are applied on use). Returns its id. */
	addCredential(type: string, data: ICredentialDataDecryptedObject, id = randomUUID()): string {
		this.credentialsHelper.store.set(id, { id, name: `${type} ${id.slice(0, 6)}`, type, data: structuredClone(data) });
		return id;
	}

	credentialData(id: string): ICredentialDataDecryptedObject {
		const stored = this.credentialsHelper.store.get(id);
		if (!stored) throw new Error(`no credential ${id}`);
		return stored.data;
	}

	private buildNode(spec: NodeUnderTest): INode {
		const credentials: INodeCredentials = {};
		for (const [type, id] of Object.entries(spec.credentials ?? {})) {
			credentials[type] = { id, name: this.credentialsHelper.store.get(id)?.name ?? id };
		}
		return {
			id: randomUUID(),
			name: spec.name ?? 'Node',
			type: `n8n-nodes-coze-api.${spec.type}`,
			...(spec.webhookId ? { webhookId: spec.webhookId } : {}),
			typeVersion: spec.typeVersion ?? 1,
			position: [200, 0],
			parameters: spec.parameters,
			credentials,
			...(spec.continueOnFail ? { onError: 'continueRegularOutput' as const, continueOnFail: true } : {}),
		};
	}

	additionalData(hooks: ExecutionLifecycleHooks, streaming: boolean): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: this.credentialsHelper,
			hooks,
			streamingEnabled: streaming,
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://127.0.0.1:5678/rest',
			instanceBaseUrl: 'http://127.0.0.1:5678/',
			formBaseUrl: 'http://127.0.0.1:5678/form',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
			webhookBaseUrl: this.webhookBaseUrl,
			webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
			mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
			mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
			variables: {},
			executeWorkflow: async () => {
				throw new Error('executeWorkflow is not available in the harness');
			},
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			logAiEvent: () => {},
			startRunnerTask: async () => {
				throw new Error('task runners are not available in the harness');
			},
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	/** Runs Start → node with the given input items (default: one empty item). */
	async run(
		spec: NodeUnderTest,
		options: { items?: INodeExecutionData[]; streaming?: boolean; staticData?: IDataObject; cancelAfterMs?: number } = {},
	): Promise<RunResult & { cancelledAt?: number }> {
		const node = this.buildNode(spec);
		const start: INode = { id: randomUUID(), name: 'Start', type: 'harness.start', typeVersion: 1, position: [0, 0], parameters: {} };
		const staticData = options.staticData ?? {};
		const workflow = new Workflow({
			id: 'harness',
			name: 'Harness',
			nodes: [start, node],
			connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
			active: false,
			nodeTypes: this.nodeTypes,
			staticData,
		});
		const chunks: StructuredChunk[] = [];
		const hooks = new ExecutionLifecycleHooks('manual', randomUUID(), {
			id: 'harness',
			name: 'Harness',
			nodes: workflow.nodes as never,
			connections: workflow.connectionsBySourceNode,
			active: false,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
			activeVersionId: null,
		} as never);
		hooks.addHandler('sendChunk', (chunk) => {
			chunks.push(chunk);
		});
		const items = options.items ?? [{ json: {} }];
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node: start, data: { main: [items] }, source: null }],
			},
		});
		const execute = new WorkflowExecute(this.additionalData(hooks, options.streaming === true), 'manual', runExecutionData);
		let run: IRun;
		let cancelledAt: number | undefined;
		try {
			const running = execute.processRunExecutionData(workflow);
			// What n8n does when the user stops an execution: cancel the run, which aborts the execution's signal.
			const timer =
				options.cancelAfterMs === undefined
					? undefined
					: setTimeout(() => {
							cancelledAt = Date.now();
							running.cancel();
						}, options.cancelAfterMs);
			try {
				run = await running;
			} finally {
				clearTimeout(timer);
			}
		} catch (error) {
			// n8n refuses to start a workflow whose parameters have issues (e.g. a required parameter is empty).
			return { outputs: [], items: [], error: error as Error & IDataObject, chunks, run: undefined as unknown as IRun, staticData };
		}
		const taskData = run.data.resultData.runData[node.name]?.[0];
		const outputs = (taskData?.data?.main ?? []).map((output) => output ?? []);
		const error = (run.data.resultData.error ?? taskData?.error) as (Error & IDataObject) | undefined;
		return { outputs, items: outputs[0] ?? [], error, chunks, run, staticData: workflow.staticData, cancelledAt };
	}

	/** Calls a node's listSearch method (resource locator "From List") as the editor does, with the node's parameters. */
	async listSearch(spec: NodeUnderTest, method: string, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const node = this.buildNode(spec);
		const workflow = new Workflow({ id: 'harness-ls', nodes: [node], connections: {}, active: false, nodeTypes: this.nodeTypes });
		const hooks = new ExecutionLifecycleHooks('internal', randomUUID(), { id: 'harness-ls', nodes: [node], connections: {} } as never);
		const additionalData = { ...this.additionalData(hooks, false), currentNodeParameters: node.parameters };
		const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const fn = nodeType.methods?.listSearch?.[method];
		if (!fn) throw new Error(`no listSearch method ${method}`);
		return await fn.call(context, filter, paginationToken);
	}

	/** Calls a node's resourceMapper method (the fields of a resourceMapper parameter) as the editor does. */
	async resourceMapping(spec: NodeUnderTest, method: string): Promise<ResourceMapperFields> {
		const node = this.buildNode(spec);
		const workflow = new Workflow({ id: 'harness-rm', nodes: [node], connections: {}, active: false, nodeTypes: this.nodeTypes });
		const hooks = new ExecutionLifecycleHooks('internal', randomUUID(), { id: 'harness-rm', nodes: [node], connections: {} } as never);
		const additionalData = { ...this.additionalData(hooks, false), currentNodeParameters: node.parameters };
		const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const fn = nodeType.methods?.resourceMapping?.[method];
		if (!fn) throw new Error(`no resourceMapping method ${method}`);
		return await fn.call(context);
	}

	/** Runs one poll of a polling trigger node the way n8n's active-workflow poller does. */
	async poll(
		spec: NodeUnderTest,
		staticData: IDataObject = {},
		mode: 'trigger' | 'manual' = 'trigger',
	): Promise<{ items: INodeExecutionData[][] | null; staticData: IDataObject }> {
		const node = this.buildNode(spec);
		const workflow = new Workflow({
			id: 'harness-poll',
			name: 'Harness poll',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: this.nodeTypes,
			staticData,
		});
		const hooks = new ExecutionLifecycleHooks('trigger', randomUUID(), { id: 'harness-poll', nodes: [node], connections: {} } as never);
		const additionalData = this.additionalData(hooks, false);
		const context = new PollContext(workflow, node, additionalData, mode, mode === 'manual' ? 'manual' : 'activate');
		const pollers = new TriggersAndPollers();
		const items = await pollers.runPollFunction(workflow, node, context);
		return { items, staticData: workflow.staticData };
	}

	/**
	 * An HTTP server on 127.0.0.1 standing in for n8n's webhook endpoint (/webhook/<path>): like n8n it keeps the raw
	 * body (req.rawBody) and the parsed JSON body (req.body) before the node's webhook() runs. Its URL becomes the
	 * production webhook base URL, so a simulator can reach the triggers the harness activates.
	 */
	async startWebhookServer(): Promise<string> {
		if (this.webhookServer) return this.webhookBaseUrl;
		const server = createServer((req, res) => {
			const match = /^\/webhook(-test)?\/(.*)$/.exec(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
			const route = match ? this.webhookRoutes.get(`${match[1] ? 'test' : 'production'}:${req.method} ${match[2]}`) : undefined;
			if (!route) {
				res.writeHead(404, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ code: 404, message: 'The requested webhook is not registered.' }));
				return;
			}
			void route(req, res).catch((error: Error) => {
				if (!res.headersSent) res.writeHead(500);
				res.end(error.message);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		this.webhookServer = server;
		this.webhookBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
		return this.webhookBaseUrl;
	}

	async stopWebhookServer(): Promise<void> {
		const server = this.webhookServer;
		this.webhookServer = undefined;
		if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	/**
	 * Activates a webhook trigger the way n8n's ActiveWorkflowManager.addWebhooks does: the webhook is registered first
	 * (so a URL check during create() reaches it), then the node's webhookMethods run through n8n-core's HookContext —
	 * checkExists, and create when it answers false — and the static data is saved. Each request then runs the node's
	 * webhook() in n8n-core's WebhookContext on a workflow loaded with the saved static data (as n8n loads it from the
	 * database per request), and is answered as n8n's webhook handler does: nothing more when the node answered itself
	 * (noWebhookResponse), an execution when it returned workflowData — or threw.
	 */
	async activateWebhooks(
		spec: NodeUnderTest,
		options: {
			staticData?: IDataObject;
			activation?: WorkflowActivateMode;
			webhookBaseUrl?: string;
			/** 'manual': the editor's test webhook ("Listen for test event"): /webhook-test/ URL, mode manual. */
			mode?: 'manual';
		} = {},
	): Promise<ActiveWebhookTrigger> {
		await this.startWebhookServer();
		const node = this.buildNode({ ...spec, webhookId: spec.webhookId ?? randomUUID() });
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const description = nodeType.description.webhooks?.[0];
		if (!description || !nodeType.webhookMethods || !nodeType.webhook) throw new Error(`${node.type} is not a webhook trigger`);
		const saved: { staticData: IDataObject } = { staticData: structuredClone(options.staticData ?? {}) };
		const workflowOf = () =>
			new Workflow({
				id: 'harness-webhook',
				name: 'Harness webhook',
				nodes: [node],
				connections: {},
				active: true,
				nodeTypes: this.nodeTypes,
				staticData: structuredClone(saved.staticData),
			});
		const hooks = new ExecutionLifecycleHooks('webhook', randomUUID(), { id: 'harness-webhook', nodes: [node], connections: {} } as never);
		const additionalData = this.additionalData(hooks, false);
		// Another base URL for this trigger only (e.g. one Coze cannot reach).
		if (options.webhookBaseUrl) additionalData.webhookBaseUrl = options.webhookBaseUrl;
		const isTest = options.mode === 'manual';
		additionalData.webhookTestBaseUrl = `${additionalData.webhookBaseUrl}-test`;
		const path = NodeHelpers.getNodeWebhookPath('harness-webhook', node, String(description.path));
		const webhookData = (): IWebhookData => ({
			httpMethod: String(description.httpMethod) as IWebhookData['httpMethod'],
			node: node.name,
			path,
			webhookDescription: description,
			workflowId: 'harness-webhook',
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
			...(isTest ? { isTest: true } : {}),
		});
		const methods = nodeType.webhookMethods[description.name as keyof typeof nodeType.webhookMethods] as Record<string, unknown>;
		const saveStaticData = (workflow: Workflow) => {
			// n8n stores static data as JSON (the workflow's static data is an observable proxy).
			saved.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		};
		const calls: WebhookCall[] = [];
		const routeKey = `${isTest ? 'test' : 'production'}:${String(description.httpMethod)} ${path}`;
		this.webhookRoutes.set(routeKey, async (req, res) => {
			const chunks: Buffer[] = [];
			for await (const chunk of req) chunks.push(chunk as Buffer);
			const raw = Buffer.concat(chunks);
			// What n8n's parseBody leaves on the request: the raw bytes and the parsed JSON body.
			const request = req as IncomingMessage & { body?: unknown; rawBody: Buffer };
			request.rawBody = raw;
			try {
				request.body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : {};
			} catch {
				request.body = {};
			}
			let text = '';
			const write = res.write.bind(res);
			const end = res.end.bind(res);
			res.write = ((chunk: unknown, ...rest: unknown[]) => {
				if (chunk) text += String(chunk);
				return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
			}) as typeof res.write;
			res.end = ((chunk?: unknown, ...rest: unknown[]) => {
				if (chunk && typeof chunk !== 'function') text += String(chunk);
				return (end as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
			}) as typeof res.end;
			const workflow = workflowOf();
			const context = new WebhookContext(
				workflow,
				node,
				{ ...additionalData, httpRequest: request as never, httpResponse: res as never },
				isTest ? 'manual' : 'webhook',
				webhookData(),
				[],
				null,
			);
			let result: IWebhookResponseData;
			let executionStarted = false;
			try {
				result = await (nodeType.webhook as (this: WebhookContext) => Promise<IWebhookResponseData>).call(context);
			} catch (error) {
				// n8n answers 500 and still starts an execution that records the error.
				if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
				if (!res.writableEnded) res.end(JSON.stringify({ code: 0, message: (error as Error).message }));
				calls.push({ status: 500, body: text, executionStarted: true });
				return;
			}
			if (result.workflowData !== undefined) executionStarted = true;
			if (!result.noWebhookResponse && !res.headersSent) {
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(
					JSON.stringify(
						result.workflowData ? { message: 'Workflow was started' } : (result.webhookResponse ?? { message: 'Webhook call received' }),
					),
				);
			}
			await new Promise<void>((resolve) => (res.writableFinished ? resolve() : res.once('finish', () => resolve())));
			calls.push({ status: res.statusCode, body: text, executionStarted, workflowData: result.workflowData });
		});
		const runMethod = async (name: 'checkExists' | 'create' | 'delete', workflow: Workflow, activation: WorkflowActivateMode) => {
			const context = new HookContext(workflow, node, additionalData, isTest ? 'manual' : 'trigger', activation, webhookData());
			return await (methods[name] as (this: HookContext) => Promise<boolean>).call(context);
		};
		const activation = options.activation ?? 'activate';
		const workflow = workflowOf();
		try {
			if (!(await runMethod('checkExists', workflow, activation))) await runMethod('create', workflow, activation);
		} catch (error) {
			// n8n removes the webhook again when activation fails.
			this.webhookRoutes.delete(routeKey);
			throw error;
		}
		saveStaticData(workflow);
		return {
			url: `${isTest ? additionalData.webhookTestBaseUrl : additionalData.webhookBaseUrl}/${path}`,
			get staticData() {
				return saved.staticData;
			},
			calls,
			executions: () => calls.filter((call) => call.executionStarted),
			deactivate: async () => {
				const current = workflowOf();
				await runMethod('delete', current, activation);
				saveStaticData(current);
				this.webhookRoutes.delete(routeKey);
			},
		};
	}
}
