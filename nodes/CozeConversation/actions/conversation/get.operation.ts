import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requiredId } from '../../../shared/params';
import { cozeApiData } from '../../../shared/transport';
import { conversationIdField, item } from '../fields';
import { concurrencyOptions } from '../../../shared/descriptions';

export const description: INodeProperties[] = [
	conversationIdField('conversation', ['get']),
	concurrencyOptions({ resource: ['conversation'], operation: ['get'] }),
];

/** GET /v1/conversation/retrieve (docs retrieve_conversation). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const conversationId = requiredId(this, 'conversationId', itemIndex, 'Conversation ID');
	return item(
		await cozeApiData.call(this, { method: 'GET', path: '/v1/conversation/retrieve', qs: { conversation_id: conversationId }, itemIndex }),
		itemIndex,
	);
}
