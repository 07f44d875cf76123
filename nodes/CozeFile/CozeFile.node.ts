import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { cozeNode } from '../shared/descriptions';
import { execute, properties, subtitle } from './actions/node.type';

export class CozeFile implements INodeType {
	description: INodeTypeDescription = {
		...cozeNode('Coze File', 'cozeFile', 'Upload files from n8n to Coze (for chats, workflows and knowledge bases) and read their details'),
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		subtitle,
		usableAsTool: true,
		properties,
	};

	execute = execute;
}
