import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { cozeNode } from '../shared/descriptions';
import { searchBots, searchWorkspaces } from '../shared/listSearch';
import { execute, properties, subtitle } from './actions/node.type';

/** What the node does, as n8n's node panel shows it. */
const DESCRIPTION = 'Ask a Coze bot (agent) and get its answer, with files, tool calls and streaming';

export class CozeChat implements INodeType {
	description: INodeTypeDescription = {
		...cozeNode('Coze Chat', 'cozeChat', DESCRIPTION),
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		subtitle,
		usableAsTool: true,
		properties,
	};

	methods = { listSearch: { searchWorkspaces, searchBots } };

	execute = execute;
}
