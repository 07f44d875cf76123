import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collectionField, concurrencyOptions, conversationIdField, returnAllOrLimit } from '../../../shared/descriptions';
import { collectionParameter, idText } from '../../../shared/params';
import { cursorStyle, listItems } from '../../../shared/transport';
import { conversationIdOf } from '../../helpers/request';
import { newestFirstField } from '../fields';

export const meta = { name: 'Get Many', action: 'Get many messages', description: 'List the questions and answers of a conversation', studio: true };

export const description: INodeProperties[] = [
	conversationIdField,
	...returnAllOrLimit(),
	collectionField('filters', [
		{ displayName: 'Chat ID', name: 'chatId', type: 'string', default: '', description: 'Only the messages of one chat turn' },
		newestFirstField('Order', 'order', 'desc', 'asc'),
	]),
	concurrencyOptions(),
];

/**
 * POST /v1/conversation/message/list?conversation_id= (docs list_message.md): limit 1–50; the next page is asked
 * with after_id = the previous answer's last_id while has_more (coze-py LastIDPaged, coze-go conversations_messages.go).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const qs = { conversation_id: conversationIdOf(this, itemIndex) };
	const filters = collectionParameter(this, 'filters', itemIndex);
	const body: IDataObject = {};
	if (filters.order) body.order = filters.order;
	const chatId = idText(this, filters.chatId, 'Chat ID', itemIndex);
	if (chatId) body.chat_id = chatId;
	const style = cursorStyle({ itemsPath: 'data', cursorParam: 'after_id', cursorPath: 'last_id', sizeParam: 'limit', where: 'body' });
	const request = { method: 'POST' as const, path: '/v1/conversation/message/list', qs, body, itemIndex, idempotent: true };
	return await listItems(this, request, style, 50);
}
