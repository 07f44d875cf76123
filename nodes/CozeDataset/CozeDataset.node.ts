import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { cozeNode } from '../shared/descriptions';
import { searchDatasets, searchWorkspaces } from '../shared/listSearch';
import { execute, properties, subtitle } from './actions/node.type';

export class CozeDataset implements INodeType {
	description: INodeTypeDescription = {
		...cozeNode('Coze Knowledge Base', 'cozeDataset', 'Manage Coze knowledge bases (datasets): add files, web pages and images, follow processing'),
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		subtitle,
		usableAsTool: true,
		properties,
	};

	methods = { listSearch: { searchWorkspaces, searchDatasets } };

	execute = execute;
}
