import type { INodeTypeBaseDescription, IVersionedNodeType } from 'n8n-workflow';
import { VersionedNodeType } from 'n8n-workflow';

import { WORKFLOW_NODE_DESCRIPTION } from './actions/fields';
import { CozeWorkflowV1 } from './CozeWorkflowV1.node';
import { CozeWorkflowV2 } from './CozeWorkflowV2.node';

/**
 * Coze Workflow, versioned (n8n's VersionedNodeType): version 1 (operations without resources) stays for stored
 * workflows; new workflows get version 2 (resources; start-node inputs as a form).
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
		const nodeVersions: IVersionedNodeType['nodeVersions'] = {
			1: new CozeWorkflowV1(),
			2: new CozeWorkflowV2(),
		};
		super(nodeVersions, baseDescription);
	}
}
