import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, cozeCredentials } from '../shared/descriptions';
import { searchBots, searchWorkspaces } from '../shared/listSearch';
import { operations, router } from './actions/router';

export class CozeConversation implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coze Conversation',
		name: 'cozeConversation',
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Create, list, rename, clear and delete Coze conversations and their messages, and rate answers',
		defaults: { name: 'Coze Conversation' },
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
					{ name: 'Conversation', value: 'conversation' },
					{ name: 'Message', value: 'message' },
				],
				default: 'conversation',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['conversation'] } },
				options: [
					{
						name: 'Clear Context',
						value: 'clear',
						action: 'Clear the context of a conversation',
						description: 'Start a new context section; earlier messages stay readable but no longer count as context',
					},
					{
						name: 'Create',
						value: 'create',
						action: 'Create a conversation',
						description: 'Create an empty conversation or one seeded with messages',
					},
					{
						name: 'Delete',
						value: 'delete',
						action: 'Delete a conversation',
						description: 'Delete a conversation and all its messages, permanently',
					},
					{ name: 'Get', value: 'get', action: 'Get a conversation' },
					{ name: 'Get Many', value: 'getAll', action: 'Get many conversations', description: 'List the conversations of a bot' },
					{ name: 'Rename', value: 'update', action: 'Rename a conversation' },
				],
				default: 'create',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['message'] } },
				options: [
					{
						name: 'Add Feedback',
						value: 'addFeedback',
						action: 'Rate an answer',
						description: 'Like or unlike an answer, with reasons and a comment',
					},
					{
						name: 'Create',
						value: 'create',
						action: 'Add a message to a conversation',
						description: 'Add a user or assistant message (it becomes context for the next chat)',
					},
					{ name: 'Delete', value: 'delete', action: 'Delete a message', description: 'Delete one question or answer' },
					{ name: 'Delete Feedback', value: 'deleteFeedback', action: 'Delete the rating of an answer' },
					{ name: 'Get', value: 'get', action: 'Get a message' },
					{ name: 'Get Many', value: 'getAll', action: 'Get many messages', description: 'List the questions and answers of a conversation' },
					{ name: 'Update', value: 'update', action: 'Update a message', description: 'Change the content or meta data of a message' },
				],
				default: 'create',
			},
			...Object.values(operations).flatMap((operation) => operation.description),
		],
	};

	methods = { listSearch: { searchWorkspaces, searchBots } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
