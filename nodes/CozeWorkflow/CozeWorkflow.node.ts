import type { INodeType, INodeTypeBaseDescription, INodeTypeDescription, IVersionedNodeType } from 'n8n-workflow';
import { VersionedNodeType } from 'n8n-workflow';

import { WORKFLOW_NODE_DESCRIPTION, cozeNode } from '../shared/descriptions';
import { searchApps, searchBots, searchChatFlows, searchWorkflowVersions, searchWorkflows, searchWorkspaces } from '../shared/listSearch';
import { getChatFlowInputs, getWorkflowInputs } from '../shared/workflowInputs';
import * as v1 from './v1/actions/node.type';
import * as v2 from './v2/actions/node.type';

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

/** Version 1: operations without resources (one registry resource, no Resource picker), kept for stored workflows. */
export class CozeWorkflowV1 implements INodeType {
	description: INodeTypeDescription = {
		...cozeNode('Coze Workflow', 'cozeWorkflow', WORKFLOW_NODE_DESCRIPTION, 1),
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		subtitle: v1.subtitle,
		usableAsTool: true,
		properties: v1.properties,
	};

	methods = { listSearch: { searchWorkspaces, searchWorkflows, searchChatFlows, searchBots, searchApps, searchWorkflowVersions } };

	execute = v1.execute;
}

/** Version 2: resources (Workflow, Run, Chat Flow, Version) from one registry, and start-node inputs as a form. */
export class CozeWorkflowV2 implements INodeType {
	description: INodeTypeDescription = {
		...cozeNode('Coze Workflow', 'cozeWorkflow', WORKFLOW_NODE_DESCRIPTION, 2),
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		subtitle: v2.subtitle,
		usableAsTool: true,
		properties: v2.properties,
	};

	methods = {
		listSearch: { searchWorkspaces, searchWorkflows, searchChatFlows, searchBots, searchApps, searchWorkflowVersions },
		resourceMapping: { getWorkflowInputs, getChatFlowInputs },
	};

	execute = v2.execute;
}
