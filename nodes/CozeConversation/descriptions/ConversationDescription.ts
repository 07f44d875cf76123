import type { INodeProperties } from 'n8n-workflow';

import { jsonBodyField, outputFrom, returnAllOrLimit } from '../../shared/declarative';
import { botLocator, workspaceLocator } from '../../shared/descriptions';

const show = (operation: string[]) => ({ show: { resource: ['conversation'], operation } });

export const conversationIdProperty = (resource: string, operation: string[], send = true): INodeProperties => ({
	displayName: 'Conversation ID',
	name: 'conversationId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '7430000000000000000',
	description: 'ID of the conversation (conversation_id in the output of Coze Chat or Create)',
	displayOptions: { show: { resource: [resource], operation } },
	routing: send ? { send: { type: 'query', property: 'conversation_id', value: '={{ String($value).trim() }}' } } : undefined,
});

const bot = (operation: string[], required: boolean): INodeProperties =>
	botLocator({
		required,
		description: required ? 'The bot whose conversations to list' : 'Bind the conversation to this bot (its conversations are then listed per bot)',
		displayOptions: show(operation),
		routing: { send: { type: required ? 'query' : 'body', property: 'bot_id', value: '={{ $value || undefined }}' } },
	});

export const conversationOperations: INodeProperties[] = [
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
				routing: { request: { method: 'POST', url: '=/v1/conversations/{{ encodeURIComponent(String($parameter.conversationId).trim()) }}/clear' }, output: outputFrom('data') },
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a conversation',
				description: 'Create an empty conversation or one seeded with messages',
				routing: { request: { method: 'POST', url: '/v1/conversation/create' }, output: outputFrom('data') },
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a conversation',
				description: 'Delete a conversation and all its messages, permanently',
				routing: {
					request: { method: 'DELETE', url: '=/v1/conversations/{{ encodeURIComponent(String($parameter.conversationId).trim()) }}' },
					output: outputFrom(undefined, [{ type: 'set', properties: { value: '={{ { "deleted": true, "conversation_id": $parameter.conversationId } }}' } }]),
				},
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a conversation',
				routing: { request: { method: 'GET', url: '/v1/conversation/retrieve' }, output: outputFrom('data') },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many conversations',
				description: 'List the conversations of a bot',
				routing: { request: { method: 'GET', url: '/v1/conversations' }, output: outputFrom('data.conversations') },
			},
			{
				name: 'Rename',
				value: 'update',
				action: 'Rename a conversation',
				routing: {
					request: { method: 'PUT', url: '=/v1/conversations/{{ encodeURIComponent(String($parameter.conversationId).trim()) }}' },
					output: outputFrom('data'),
				},
			},
		],
		default: 'create',
	},
];

export const conversationFields: INodeProperties[] = [
	{ ...conversationIdProperty('conversation', ['get']) },
	{ ...conversationIdProperty('conversation', ['update', 'delete', 'clear'], false) },
	workspaceLocator({ description: 'Workspace to pick the bot from (only used by the bot list)', displayOptions: show(['create', 'getAll']) }),
	bot(['create'], false),
	bot(['getAll'], true),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		description: 'New name of the conversation',
		displayOptions: show(['update']),
		routing: { send: { type: 'body', property: 'name' } },
	},
	...returnAllOrLimit({ show: { resource: ['conversation'], operation: ['getAll'] }, maxPageSize: 50 }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(['create']),
		options: [
			{
				displayName: 'Messages (JSON)',
				name: 'messages',
				type: 'json',
				default: '[]',
				description: 'Up to 16 messages to start with: [{"role": "user", "content": "…", "content_type": "text"}]',
				routing: { send: { preSend: [jsonBodyField('options.messages', 'messages', 'Messages', 'array')] } },
			},
			{
				displayName: 'Meta Data (JSON)',
				name: 'metaData',
				type: 'json',
				default: '{}',
				description: 'Up to 16 string pairs stored with the conversation',
				routing: { send: { preSend: [jsonBodyField('options.metaData', 'meta_data', 'Meta Data', 'object')] } },
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Name of the conversation (default: its first user message)',
				routing: { send: { type: 'body', property: 'name' } },
			},
		],
	},
	{
		displayName: 'Sort',
		name: 'sortOrder',
		type: 'options',
		options: [
			{ name: 'Newest First', value: 'DESC' },
			{ name: 'Oldest First', value: 'ASC' },
		],
		default: 'DESC',
		displayOptions: show(['getAll']),
		routing: { send: { type: 'query', property: 'sort_order' } },
	},
];
