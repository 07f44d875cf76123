import type { INodeProperties } from 'n8n-workflow';

import { jsonBodyField, lastIdPagination, outputFrom } from '../../shared/declarative';
import { conversationIdProperty } from './ConversationDescription';

const show = (operation: string[]) => ({ show: { resource: ['message'], operation } });

const messageQuery = { type: 'query' as const, property: 'message_id', value: '={{ String($value).trim() }}' };

export const messageOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Add a message to a conversation',
				description: 'Add a user or assistant message (it becomes context for the next chat)',
				routing: { request: { method: 'POST', url: '/v1/conversation/message/create' }, output: outputFrom('data') },
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a message',
				description: 'Delete one question or answer',
				routing: { request: { method: 'POST', url: '/v1/conversation/message/delete' }, output: outputFrom('data') },
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a message',
				routing: { request: { method: 'GET', url: '/v1/conversation/message/retrieve' }, output: outputFrom('data') },
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many messages',
				description: 'List the questions and answers of a conversation',
				routing: { request: { method: 'POST', url: '/v1/conversation/message/list' }, output: outputFrom('data') },
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a message',
				description: 'Change the content or meta data of a message',
				routing: { request: { method: 'POST', url: '/v1/conversation/message/modify' }, output: outputFrom('message') },
			},
		],
		default: 'create',
	},
];

export const messageFields: INodeProperties[] = [
	conversationIdProperty('message', ['create', 'getAll', 'get', 'update', 'delete']),
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '7430000000000000001',
		displayOptions: show(['get', 'update', 'delete']),
		routing: { send: messageQuery },
	},
	{
		displayName: 'Role',
		name: 'role',
		type: 'options',
		options: [
			{ name: 'User', value: 'user', description: 'A question from the user' },
			{ name: 'Assistant', value: 'assistant', description: 'An answer from the bot' },
		],
		default: 'user',
		displayOptions: show(['create']),
		routing: { send: { type: 'body', property: 'role' } },
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		displayOptions: show(['create']),
		routing: { send: { type: 'body', property: 'content' } },
	},
	{
		displayName: 'Content Type',
		name: 'contentType',
		type: 'options',
		options: [
			{ name: 'Text', value: 'text' },
			{ name: 'Object String (Multimodal JSON)', value: 'object_string' },
		],
		default: 'text',
		displayOptions: show(['create']),
		routing: { send: { type: 'body', property: 'content_type' } },
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: show(['getAll']),
		routing: {
			send: { paginate: '={{ $value }}' },
			operations: { pagination: lastIdPagination({ where: 'body', cursorParam: 'before_id', sizeParam: 'limit', pageSize: 50 }) },
		},
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { resource: ['message'], operation: ['getAll'], returnAll: [false] } },
		routing: { send: { type: 'body', property: 'limit', value: '={{ Math.min($value, 50) }}' }, output: { maxResults: '={{ $value }}' } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show(['getAll']),
		options: [
			{
				displayName: 'Chat ID',
				name: 'chatId',
				type: 'string',
				default: '',
				description: 'Only the messages of one chat turn',
				routing: { send: { type: 'body', property: 'chat_id' } },
			},
			{
				displayName: 'Order',
				name: 'order',
				type: 'options',
				options: [
					{ name: 'Newest First', value: 'desc' },
					{ name: 'Oldest First', value: 'asc' },
				],
				default: 'desc',
				routing: { send: { type: 'body', property: 'order' } },
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(['create']),
		options: [
			{
				displayName: 'Meta Data (JSON)',
				name: 'metaData',
				type: 'json',
				default: '{}',
				description: 'Up to 16 string pairs stored with the message',
				routing: { send: { preSend: [jsonBodyField('options.metaData', 'meta_data', 'Meta Data', 'object')] } },
			},
		],
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show(['update']),
		options: [
			{ displayName: 'Content', name: 'content', type: 'string', default: '', routing: { send: { type: 'body', property: 'content' } } },
			{
				displayName: 'Content Type',
				name: 'contentType',
				type: 'options',
				options: [
					{ name: 'Text', value: 'text' },
					{ name: 'Object String (Multimodal JSON)', value: 'object_string' },
				],
				default: 'text',
				routing: { send: { type: 'body', property: 'content_type' } },
			},
			{
				displayName: 'Meta Data (JSON)',
				name: 'metaData',
				type: 'json',
				default: '{}',
				routing: { send: { preSend: [jsonBodyField('updateFields.metaData', 'meta_data', 'Meta Data', 'object')] } },
			},
		],
	},
];
