import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { cozeApiRequest } from '../../shared/transport';
import { chatIdField, conversationIdField } from './fields';
import { concurrencyOptions } from '../../shared/descriptions';

export const description: INodeProperties[] = [
	conversationIdField(['listMessages']),
	chatIdField(['listMessages']),
	concurrencyOptions({ operation: ['listMessages'] }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const envelope = await cozeApiRequest.call(this, {
		method: 'GET',
		path: '/v3/chat/message/list',
		qs: {
			conversation_id: String(this.getNodeParameter('conversationId', itemIndex)).trim(),
			chat_id: String(this.getNodeParameter('chatId', itemIndex)).trim(),
		},
		itemIndex,
	});
	return ((envelope.data as IDataObject[]) ?? []).map((json) => ({ json, pairedItem: { item: itemIndex } }));
}
