import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { cozeNode } from '../shared/descriptions';
import { searchWorkspaces } from '../shared/listSearch';
import { execute, properties, subtitle } from './actions/node.type';

export class CozeWorkspace implements INodeType {
	description: INodeTypeDescription = {
		...cozeNode(
			'Coze Workspace',
			'cozeWorkspace',
			'Manage Coze workspaces and their members, list their apps, read the current user and copy templates',
		),
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		subtitle,
		usableAsTool: true,
		properties,
	};

	methods = { listSearch: { searchWorkspaces } };

	execute = execute;
}
