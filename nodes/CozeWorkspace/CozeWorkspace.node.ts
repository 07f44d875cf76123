import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { cozeNode } from '../shared/descriptions';
import { searchWorkspaces } from '../shared/listSearch';
import { execute, properties, subtitle } from './actions/node.type';

/** What the node does, as n8n's node panel shows it. */
const DESCRIPTION = 'Manage Coze workspaces and their members, list their apps, read the current user and copy templates';

export class CozeWorkspace implements INodeType {
	description: INodeTypeDescription = {
		...cozeNode('Coze Workspace', 'cozeWorkspace', DESCRIPTION),
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		subtitle,
		usableAsTool: true,
		properties,
	};

	methods = { listSearch: { searchWorkspaces } };

	execute = execute;
}
