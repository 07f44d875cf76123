import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { cozeNode } from '../shared/descriptions';
import { searchApps, searchBots, searchWorkspaces } from '../shared/listSearch';
import { execute, properties, subtitle } from './actions/node.type';

/** What the node does, as n8n's node panel shows it. */
const DESCRIPTION = 'Read and write the user variables (memory) of a Coze bot or app, per end user';

export class CozeVariable implements INodeType {
	description: INodeTypeDescription = {
		...cozeNode('Coze Variable', 'cozeVariable', DESCRIPTION),
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		subtitle,
		usableAsTool: true,
		properties,
	};

	methods = { listSearch: { searchWorkspaces, searchBots, searchApps } };

	execute = execute;
}
