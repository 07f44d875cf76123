import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { cozeRequestDefaults } from '../shared/declarative';
import { authenticationProperty, cozeCredentials } from '../shared/descriptions';
import { searchBots, searchWorkspaces } from '../shared/listSearch';
import { conversationFields, conversationOperations } from './descriptions/ConversationDescription';
import { messageFields, messageOperations } from './descriptions/MessageDescription';

export class CozeConversation implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coze Conversation',
		name: 'cozeConversation',
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Create, list, rename, clear and delete Coze conversations and their messages',
		defaults: { name: 'Coze Conversation' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: cozeCredentials,
		requestDefaults: cozeRequestDefaults,
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
			...conversationOperations,
			...conversationFields,
			...messageOperations,
			...messageFields,
		],
	};

	methods = { listSearch: { searchWorkspaces, searchBots } };
}
