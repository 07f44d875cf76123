import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { cozeNode } from '../shared/descriptions';
import { searchBots, searchWorkspaces } from '../shared/listSearch';
import { execute, properties, subtitle } from './actions/node.type';

/** What the node does, as n8n's node panel shows it. */
const DESCRIPTION = 'Create, list, rename, clear and delete Coze conversations and their messages, and rate answers';

export class CozeConversation implements INodeType {
	description: INodeTypeDescription = {
		...cozeNode('Coze Conversation', 'cozeConversation', DESCRIPTION),
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		subtitle,
		usableAsTool: true,
		properties,
	};

	methods = { listSearch: { searchWorkspaces, searchBots } };

	execute = execute;
}
