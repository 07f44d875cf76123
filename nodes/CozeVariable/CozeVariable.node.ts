import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, cozeCredentials } from '../shared/descriptions';
import { searchApps, searchBots, searchWorkspaces } from '../shared/listSearch';
import { ownerFields } from './actions/fields';
import { operations, router } from './actions/router';

export class CozeVariable implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coze Variable',
		name: 'cozeVariable',
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "set" ? "Set Variables" : "Get Variables" }}',
		description: 'Read and write the user variables (memory) of a Coze bot or app, per end user',
		defaults: { name: 'Coze Variable' },
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
					{ name: 'Get Variables', value: 'get', action: 'Get variables', description: "Read the values of a user's variables" },
					{ name: 'Set Variables', value: 'set', action: 'Set variables', description: "Write values of a user's variables" },
				],
				default: 'get',
			},
			...ownerFields,
			...Object.values(operations).flatMap((operation) => operation.description),
		],
	};

	methods = { listSearch: { searchWorkspaces, searchBots, searchApps } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
