import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { cozeNode } from '../shared/descriptions';
import { searchDatasets, searchWorkspaces } from '../shared/listSearch';
import { execute, properties, subtitle } from './actions/node.type';

/** What the node does, as n8n's node panel shows it. */
const DESCRIPTION = 'Manage Coze knowledge bases (datasets): add files, web pages and images, follow processing';

export class CozeDataset implements INodeType {
	description: INodeTypeDescription = {
		...cozeNode('Coze Knowledge Base', 'cozeDataset', DESCRIPTION),
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		subtitle,
		usableAsTool: true,
		properties,
	};

	methods = { listSearch: { searchWorkspaces, searchDatasets } };

	execute = execute;
}
