import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requiredId } from '../../../shared/params';
import { concurrencyOptions } from '../../../shared/router';
import { cozeApiRequest } from '../../../shared/transport';
import { conversationIdField, item } from '../fields';

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
