import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requiredId } from '../../../shared/params';
import { cozeApiData } from '../../../shared/transport';
import { conversationIdField, item } from '../fields';
import { concurrencyOptions } from '../../../shared/descriptions';

export const description: INodeProperties[] = [
	conversationIdField('conversation', ['clear']),
	concurrencyOptions({ resource: ['conversation'], operation: ['clear'] }),
];

/** POST /v1/conversations/{conversation_id}/clear (docs clear_conversation_context.md): a new context section. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const conversationId = requiredId(this, 'conversationId', itemIndex, 'Conversation ID');
	const path = `/v1/conversations/${encodeURIComponent(conversationId)}/clear`;
	return item(await cozeApiData.call(this, { method: 'POST', path, itemIndex, idempotent: true }), itemIndex);
}
