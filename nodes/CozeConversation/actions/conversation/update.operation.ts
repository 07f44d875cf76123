import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requiredId, textParameter } from '../../../shared/params';
import { cozeApiData } from '../../../shared/transport';
import { conversationIdField, item } from '../fields';
import { concurrencyOptions } from '../../../shared/descriptions';

const show = { resource: ['conversation'], operation: ['update'] };

export const description: INodeProperties[] = [
	conversationIdField('conversation', ['update']),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		description: 'New name of the conversation (up to 100 characters)',
		displayOptions: { show },
	},
	concurrencyOptions(show),
];

/** PUT /v1/conversations/{conversation_id} (docs edit_conversation.md). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const conversationId = requiredId(this, 'conversationId', itemIndex, 'Conversation ID');
	const name = textParameter(this, 'name', itemIndex, 'Name', { required: true }).trim();
	const path = `/v1/conversations/${encodeURIComponent(conversationId)}`;
	return item(await cozeApiData.call(this, { method: 'PUT', path, body: { name }, itemIndex, idempotent: true }), itemIndex);
}
