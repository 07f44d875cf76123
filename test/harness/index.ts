import { randomUUID } from 'crypto';
import { ExecutionLifecycleHooks, LoadOptionsContext, TriggersAndPollers, WorkflowExecute, PollContext } from 'n8n-core';
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
	IWorkflowExecuteAdditionalData,
	ResourceMapperFields,
	StructuredChunk,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';

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
			type: `n8n-nodes-coze.${spec.type}`,
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
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
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
}
