import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { cozeNode } from '../shared/descriptions';
import { searchBots, searchWorkspaces } from '../shared/listSearch';
import { execute, properties, subtitle } from './actions/node.type';

export class CozeChat implements INodeType {
	description: INodeTypeDescription = {
		...cozeNode('Coze Chat', 'cozeChat', 'Ask a Coze bot (agent) and get its answer, with files, tool calls and streaming'),
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		subtitle,
		usableAsTool: true,
		properties,
	};

	methods = { listSearch: { searchWorkspaces, searchBots } };

	execute = execute;
}
