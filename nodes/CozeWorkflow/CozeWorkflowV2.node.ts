import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, cozeCredentials } from '../shared/descriptions';
import { searchApps, searchBots, searchWorkflowVersions, searchWorkflows, searchWorkspaces } from '../shared/listSearch';
import { routeOperation } from '../shared/router';
import { WORKFLOW_NODE_DESCRIPTION } from './actions/fields';
import { getWorkflowInputs } from './v2/helpers/inputs';
import { operationsByKey, properties, subtitle } from './v2/actions/node.type';

/** Version 2: resources (Workflow, Run, Chat Flow, Version) from one registry, and start-node inputs as a form. */
export class CozeWorkflowV2 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coze Workflow',
		name: 'cozeWorkflow',
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		group: ['transform'],
		version: 2,
		subtitle,
		description: WORKFLOW_NODE_DESCRIPTION,
		defaults: { name: 'Coze Workflow' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: cozeCredentials,
		properties: [authenticationProperty, ...properties],
	};

	methods = {
		listSearch: { searchWorkspaces, searchWorkflows, searchBots, searchApps, searchWorkflowVersions },
		resourceMapping: { getWorkflowInputs },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation.call(this, operationsByKey);
	}
}
