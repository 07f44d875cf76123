import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, cozeCredentials } from '../shared/descriptions';
import { operations, router } from './actions/router';
import { searchPlugins } from '../shared/listSearch';
import { getPluginTools } from './helpers/methods';

export class CozePlugin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coze Plugin',
		name: 'cozePlugin',
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ { callTool: "Call Tool", get: "Get Plugin", list: "List Plugins" }[$parameter["operation"]] }}',
		description: "Search the Coze plugin store, read a plugin's tools and call them (also as a tool of the AI Agent)",
		defaults: { name: 'Coze Plugin' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: cozeCredentials,
		properties: [
			authenticationProperty,
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Call Tool',
						value: 'callTool',
						action: 'Call a plugin tool',
						description: 'Run one tool of a paid store plugin with JSON arguments',
					},
					{ name: 'Get Plugin', value: 'get', action: 'Get a plugin', description: "Read a plugin's tools with their input and output schemas" },
					{
						name: 'List Plugins',
						value: 'list',
						action: 'List store plugins',
						description: 'List or search the paid plugins of the Coze plugin store',
					},
				],
				default: 'callTool',
			},
			...Object.values(operations).flatMap((operation) => operation.description),
		],
	};

	methods = { listSearch: { searchPlugins }, loadOptions: { getPluginTools } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
