import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requiredId } from '../../../shared/params';
import { cozeApiRequest } from '../../../shared/transport';
import { conversationIdField, item, messageIdField } from '../fields';
import { concurrencyOptions } from '../../../shared/descriptions';

export const description: INodeProperties[] = [
	conversationIdField('message', ['deleteFeedback']),
	messageIdField(['deleteFeedback']),
	concurrencyOptions({ resource: ['message'], operation: ['deleteFeedback'] }),
];

/** DELETE /v1/conversations/{conversation_id}/messages/{message_id}/feedback (docs delete_message_feedback.md). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const conversationId = requiredId(this, 'conversationId', itemIndex, 'Conversation ID');
	const messageId = requiredId(this, 'messageId', itemIndex, 'Message ID');
	const path = `/v1/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}/feedback`;
	await cozeApiRequest.call(this, { method: 'DELETE', path, itemIndex });
	return item({ deleted: true }, itemIndex);
}
