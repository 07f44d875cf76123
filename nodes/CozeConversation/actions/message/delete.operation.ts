import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requiredId } from '../../../shared/params';
import { cozeApiData } from '../../../shared/transport';
import { conversationIdField, item, messageIdField } from '../fields';
import { concurrencyOptions } from '../../../shared/descriptions';

export const description: INodeProperties[] = [
	conversationIdField('message', ['delete']),
	messageIdField(['delete']),
	concurrencyOptions({ resource: ['message'], operation: ['delete'] }),
];

/**
 * POST /v1/conversation/message/delete (docs delete_message.md). Coze answers with the deleted message; the item is
 * `{ deleted: true }` as n8n's UX guidelines ask of every delete operation.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const qs = {
		conversation_id: requiredId(this, 'conversationId', itemIndex, 'Conversation ID'),
		message_id: requiredId(this, 'messageId', itemIndex, 'Message ID'),
	};
	await cozeApiData.call(this, { method: 'POST', path: '/v1/conversation/message/delete', qs, itemIndex });
	return item({ deleted: true }, itemIndex);
}
