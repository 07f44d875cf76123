import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, cozeCredentials } from '../shared/descriptions';
import { searchBots, searchWorkspaces } from '../shared/listSearch';
import { operations, router } from './actions/router';

export class CozeChat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coze Chat',
		name: 'cozeChat',
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ { sendMessage: "Send Message", submitToolOutputs: "Submit Tool Outputs", getChat: "Get Chat", listMessages: "List Chat Messages", cancelChat: "Cancel Chat" }[$parameter["operation"]] }}',
		description: 'Ask a Coze bot (agent) and get its answer, with files, tool calls and streaming',
		defaults: { name: 'Coze Chat' },
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
					{ name: 'Cancel Chat', value: 'cancelChat', action: 'Cancel a chat', description: 'Stop a chat that is still running' },
					{ name: 'Get Chat', value: 'getChat', action: 'Get a chat', description: 'Get the status and usage of one chat turn' },
					{
						name: 'List Chat Messages',
						value: 'listMessages',
						action: 'List the messages of a chat',
						description: 'Get every message one chat turn produced',
					},
					{
						name: 'Send Message',
						value: 'sendMessage',
						action: 'Send a message to a bot',
						description: 'Ask a bot a question and wait for its complete answer',
					},
					{
						name: 'Submit Tool Outputs',
						value: 'submitToolOutputs',
						action: 'Submit tool outputs',
						description: 'Send the results of the tool calls a bot asked for, and get its answer',
					},
				],
				default: 'sendMessage',
			},
			...Object.values(operations).flatMap((operation) => operation.description),
		],
	};

	methods = { listSearch: { searchWorkspaces, searchBots } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
