import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { cozeNode } from '../shared/descriptions';
import { execute, properties, subtitle } from './actions/node.type';

/** What the node does, as n8n's node panel shows it. */
const DESCRIPTION = 'Upload files from n8n to Coze (for chats, workflows and knowledge bases) and read their details';

export class CozeFile implements INodeType {
	description: INodeTypeDescription = {
		...cozeNode('Coze File', 'cozeFile', DESCRIPTION),
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		subtitle,
		usableAsTool: true,
		properties,
	};

	execute = execute;
}
