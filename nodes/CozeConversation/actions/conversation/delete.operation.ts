import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions, conversationIdField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { cozeApiRequest } from '../../../shared/transport';
import { conversationIdOf, conversationPath } from '../../helpers/request';

export const meta = {
	name: 'Delete',
	action: 'Delete a conversation',
	description: 'Delete a conversation and all its messages, permanently',
	studio: true,
};

export const description: INodeProperties[] = [conversationIdField, concurrencyOptions()];

/** DELETE /v1/conversations/{conversation_id} (docs delete_conversation.md). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	await cozeApiRequest.call(this, { method: 'DELETE', path: conversationPath(conversationIdOf(this, itemIndex)), itemIndex });
	return toItems({ deleted: true });
}
