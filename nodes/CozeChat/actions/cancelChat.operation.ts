import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { cozeApiData } from '../../shared/transport';
import { chatIdField, conversationIdField } from './fields';
import { concurrencyOptions } from '../../shared/descriptions';

export const description: INodeProperties[] = [
	conversationIdField(['cancelChat']),
	chatIdField(['cancelChat']),
	concurrencyOptions({ operation: ['cancelChat'] }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const chat = await cozeApiData.call(this, {
		method: 'POST',
		path: '/v3/chat/cancel',
		body: {
			conversation_id: String(this.getNodeParameter('conversationId', itemIndex)).trim(),
			chat_id: String(this.getNodeParameter('chatId', itemIndex)).trim(),
		},
		itemIndex,
	});
	return [{ json: chat, pairedItem: { item: itemIndex } }];
}
