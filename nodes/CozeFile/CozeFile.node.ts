import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, cozeCredentials } from '../shared/descriptions';
import { operations, router } from './actions/router';

export class CozeFile implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coze File',
		name: 'cozeFile',
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "get" ? "Get File" : "Upload File" }}',
		description: 'Upload files from n8n to Coze (for chats, workflows and knowledge bases) and read their details',
		defaults: { name: 'Coze File' },
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
					{ name: 'Get File', value: 'get', action: 'Get a file', description: 'Read the name, size and upload time of a file' },
					{
						name: 'Upload File',
						value: 'upload',
						action: 'Upload a file',
						description: 'Upload a binary file and get its file_id (streamed, up to 512 MB)',
					},
				],
				default: 'upload',
			},
			...Object.values(operations).flatMap((operation) => operation.description),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
