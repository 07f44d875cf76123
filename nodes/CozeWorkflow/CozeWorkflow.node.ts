import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes, VersionedNodeType } from 'n8n-workflow';

import { authenticationProperty, cozeCredentials, cozeNode } from '../shared/descriptions';
import { searchApps, searchBots, searchWorkflowVersions, searchWorkflows, searchWorkspaces } from '../shared/listSearch';
import { WORKFLOW_NODE_DESCRIPTION } from './actions/fields';
import { operations, router } from './actions/router';
import { execute, properties, subtitle } from './v2/actions/node.type';
import { getChatFlowInputs, getWorkflowInputs } from '../shared/workflowInputs';

/**
 * Coze Workflow, versioned (n8n's VersionedNodeType): version 1 (operations without resources) stays for stored
 * workflows; new workflows get version 2 (resources; start-node inputs as a form). All three classes live in this one
 * file: n8n's custom-extensions loader (N8N_CUSTOM_EXTENSIONS, ~/.n8n/custom) loads every *.node.js it finds as a node
 * of its own, so a version in a file of its own would replace this node for every stored typeVersion.
 */
export class CozeWorkflow extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'Coze Workflow',
			name: 'cozeWorkflow',
			icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
			group: ['transform'],
			description: WORKFLOW_NODE_DESCRIPTION,
			defaultVersion: 2,
		};
		const nodeVersions: IVersionedNodeType['nodeVersions'] = { 1: new CozeWorkflowV1(), 2: new CozeWorkflowV2() };
		super(nodeVersions, baseDescription);
	}
}

/** Version 1: operations without resources, kept unchanged for stored workflows (new workflows get version 2). */
export class CozeWorkflowV1 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coze Workflow',
		name: 'cozeWorkflow',
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ { run: "Run Workflow", resume: "Resume Workflow", chat: "Chat With Chat Flow", getRun: "Get Run", getNodeOutput: "Get Node Output", list: "List Workflows", get: "Get Workflow", listVersions: "List Versions" }[$parameter["operation"]] }}',
		description: WORKFLOW_NODE_DESCRIPTION,
		defaults: { name: 'Coze Workflow' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: cozeCredentials,
		properties: [
			authenticationProperty,
			// Version 1's parameters stay as stored workflows have them; version 2 (the default for new workflows) has resources.
			// eslint-disable-next-line @n8n/community-nodes/resource-operation-pattern
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Chat With Chat Flow',
						value: 'chat',
						action: 'Chat with a chat flow',
						description: 'Send a message to a published chat flow and get its answer',
					},
					{
						name: 'Get Node Output',
						value: 'getNodeOutput',
						action: 'Get the output of a node',
						description: 'Read one output node of a run whose output was trimmed',
					},
					{ name: 'Get Run', value: 'getRun', action: 'Get a workflow run', description: 'Read the status and output of a background run' },
					{ name: 'Get Workflow', value: 'get', action: 'Get a workflow', description: 'Read the name, description and app of a workflow' },
					{
						name: 'List Versions',
						value: 'listVersions',
						action: 'List the versions of a workflow',
						description: 'List the published versions of a workflow (version number, description, who published it, when)',
					},
					{ name: 'List Workflows', value: 'list', action: 'List workflows', description: 'List the workflows of a workspace' },
					{
						name: 'Resume Workflow',
						value: 'resume',
						action: 'Resume an interrupted workflow',
						description: 'Answer the question an interrupted run asked and get its result',
					},
					{ name: 'Run Workflow', value: 'run', action: 'Run a workflow', description: 'Run a published workflow and get its output' },
				],
				default: 'run',
			},
			...Object.values(operations).flatMap((operation) => operation.description),
		],
	};

	methods = { listSearch: { searchWorkspaces, searchWorkflows, searchBots, searchApps, searchWorkflowVersions } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

/** Version 2: resources (Workflow, Run, Chat Flow, Version) from one registry, and start-node inputs as a form. */
export class CozeWorkflowV2 implements INodeType {
	description: INodeTypeDescription = {
		...cozeNode('Coze Workflow', 'cozeWorkflow', WORKFLOW_NODE_DESCRIPTION, 2),
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		subtitle,
		usableAsTool: true,
		properties,
	};

	methods = {
		listSearch: { searchWorkspaces, searchWorkflows, searchBots, searchApps, searchWorkflowVersions },
		resourceMapping: { getWorkflowInputs, getChatFlowInputs },
	};

	execute = execute;
}
