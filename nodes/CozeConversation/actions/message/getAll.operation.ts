import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { idText, limitOf, requiredId } from '../../../shared/params';
import { cozePaginate, cursorStyle } from '../../../shared/transport';
import { conversationIdField, items } from '../fields';
import { concurrencyOption, returnAllOrLimit } from '../../../shared/descriptions';

const show = { resource: ['message'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	conversationIdField('message', ['getAll']),
	...returnAllOrLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Chat ID', name: 'chatId', type: 'string', default: '', description: 'Only the messages of one chat turn' },
			{
				displayName: 'Order',
				name: 'order',
				type: 'options',
				options: [
					{ name: 'Newest First', value: 'desc' },
					{ name: 'Oldest First', value: 'asc' },
				],
				default: 'desc',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [concurrencyOption],
	},
];

/**
 * POST /v1/conversation/message/list?conversation_id= (docs list_message.md): limit 1–50; the next page is asked
 * with after_id = the previous answer's last_id while has_more (coze-py LastIDPaged, coze-go conversations_messages.go).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const conversationId = requiredId(this, 'conversationId', itemIndex, 'Conversation ID');
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (filters.order) body.order = filters.order;
	const chatId = idText(this, filters.chatId, 'Chat ID', itemIndex);
	if (chatId) body.chat_id = chatId;
	const style = cursorStyle({ itemsPath: 'data', cursorParam: 'after_id', cursorPath: 'last_id', sizeParam: 'limit', where: 'body' });
	const request = {
		method: 'POST' as const,
		path: '/v1/conversation/message/list',
		qs: { conversation_id: conversationId },
		body,
		itemIndex,
		idempotent: true,
	};
	return items(await cozePaginate.call(this, request, style, { maxPageSize: 50, limit: limitOf(this, itemIndex) }), itemIndex);
}
