import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, cozeCredentials } from '../shared/descriptions';
import { searchApps, searchBots, searchWorkflowVersions, searchWorkflows, searchWorkspaces } from '../shared/listSearch';
import { WORKFLOW_NODE_DESCRIPTION } from './actions/fields';
import { operations, router } from './actions/router';

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
