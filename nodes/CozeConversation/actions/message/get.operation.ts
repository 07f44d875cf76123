import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requiredId } from '../../../shared/params';
import { cozeApiData } from '../../../shared/transport';
import { conversationIdField, item, messageIdField } from '../fields';
import { concurrencyOptions } from '../../../shared/descriptions';

export const description: INodeProperties[] = [
	conversationIdField('message', ['get']),
	messageIdField(['get']),
	concurrencyOptions({ resource: ['message'], operation: ['get'] }),
];

/** GET /v1/conversation/message/retrieve (docs retrieve_message). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const qs = {
		conversation_id: requiredId(this, 'conversationId', itemIndex, 'Conversation ID'),
		message_id: requiredId(this, 'messageId', itemIndex, 'Message ID'),
	};
	return item(await cozeApiData.call(this, { method: 'GET', path: '/v1/conversation/message/retrieve', qs, itemIndex }), itemIndex);
}
