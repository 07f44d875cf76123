import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requiredId } from '../../../shared/params';
import { cozeApiRequest } from '../../../shared/transport';
import { conversationIdField, item } from '../fields';
import { concurrencyOptions } from '../../../shared/descriptions';

export const description: INodeProperties[] = [
	conversationIdField('conversation', ['delete']),
	concurrencyOptions({ resource: ['conversation'], operation: ['delete'] }),
];

/** DELETE /v1/conversations/{conversation_id} (docs delete_conversation.md). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const conversationId = requiredId(this, 'conversationId', itemIndex, 'Conversation ID');
	await cozeApiRequest.call(this, { method: 'DELETE', path: `/v1/conversations/${encodeURIComponent(conversationId)}`, itemIndex });
	return item({ deleted: true }, itemIndex);
}
