import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions, conversationIdField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { textParameter } from '../../../shared/params';
import { cozeApiData } from '../../../shared/transport';
import { conversationIdOf, conversationPath } from '../../helpers/request';

export const meta = { name: 'Rename', action: 'Rename a conversation', studio: true };

export const description: INodeProperties[] = [
	conversationIdField,
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		description: 'New name of the conversation (up to 100 characters)',
	},
	concurrencyOptions(),
];

/** PUT /v1/conversations/{conversation_id} (docs edit_conversation.md). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const path = conversationPath(conversationIdOf(this, itemIndex));
	const name = textParameter(this, 'name', itemIndex, 'Name', { required: true }).trim();
	return toItems(await cozeApiData.call(this, { method: 'PUT', path, body: { name }, itemIndex, idempotent: true }));
}
