import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { cozeNode } from '../shared/descriptions';
import { searchPlugins } from '../shared/listSearch';
import { execute, properties, subtitle } from './actions/node.type';
import { getPluginTools } from './helpers/methods';

/** What the node does, as n8n's node panel shows it. */
const DESCRIPTION = "Search the Coze plugin store, read a plugin's tools and call them (also as a tool of the AI Agent)";

export class CozePlugin implements INodeType {
	description: INodeTypeDescription = {
		...cozeNode('Coze Plugin', 'cozePlugin', DESCRIPTION),
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		subtitle,
		usableAsTool: true,
		properties,
	};

	methods = { listSearch: { searchPlugins }, loadOptions: { getPluginTools } };

	execute = execute;
}
