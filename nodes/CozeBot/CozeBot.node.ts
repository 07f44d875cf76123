import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { cozeNode } from '../shared/descriptions';
import { searchBotsAnyStatus, searchWorkspaces } from '../shared/listSearch';
import { execute, properties, subtitle } from './actions/node.type';

/** What the node does, as n8n's node panel shows it. */
const DESCRIPTION = 'Create, configure, publish and list Coze bots (agents)';

export class CozeBot implements INodeType {
	description: INodeTypeDescription = {
		...cozeNode('Coze Bot', 'cozeBot', DESCRIPTION),
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		subtitle,
		usableAsTool: true,
		properties,
	};

	methods = { listSearch: { searchWorkspaces, searchBotsAnyStatus } };

	execute = execute;
}
