import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, cozeCredentials } from '../shared/descriptions';
import { searchDatasets, searchWorkspaces } from '../shared/listSearch';
import { operations, router } from './actions/router';

export class CozeDataset implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coze Knowledge Base',
		name: 'cozeDataset',
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Manage Coze knowledge bases (datasets): add files, web pages and images, follow processing',
		defaults: { name: 'Coze Knowledge Base' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: cozeCredentials,
		properties: [
			authenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Knowledge Base', value: 'dataset' },
					{ name: 'Document', value: 'document' },
					{ name: 'Image', value: 'image' },
				],
				default: 'document',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['dataset'] } },
				options: [
					{ name: 'Create', value: 'create', action: 'Create a knowledge base' },
					{
						name: 'Delete',
						value: 'delete',
						action: 'Delete a knowledge base',
						description: 'Delete a knowledge base with its files; bots using it lose it',
					},
					{ name: 'Get Many', value: 'getAll', action: 'Get many knowledge bases' },
					{ name: 'Get Progress', value: 'getProgress', action: 'Get the processing progress of documents' },
					{
						name: 'Update',
						value: 'update',
						action: 'Update a knowledge base',
						description: 'Rename a knowledge base and set its description (Coze overwrites both)',
					},
				],
				default: 'getAll',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['document'] } },
				options: [
					{
						name: 'Create',
						value: 'create',
						action: 'Add a document to a knowledge base',
						description: 'Add a file from n8n (PDF, TXT, DOC, DOCX), a web page, or an uploaded image',
					},
					{ name: 'Delete', value: 'delete', action: 'Delete documents' },
					{ name: 'Get Many', value: 'getAll', action: 'Get many documents' },
					{ name: 'Update', value: 'update', action: 'Update a document', description: 'Rename a document or change how a web page is refreshed' },
				],
				default: 'create',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['image'] } },
				options: [
					{
						name: 'Get Many',
						value: 'getAll',
						action: 'Get many images',
						description: 'List the images of an image knowledge base with their captions',
					},
					{ name: 'Update Caption', value: 'updateCaption', action: 'Update the caption of an image' },
				],
				default: 'getAll',
			},
			...Object.values(operations).flatMap((operation) => operation.description),
		],
	};

	methods = { listSearch: { searchWorkspaces, searchDatasets } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
