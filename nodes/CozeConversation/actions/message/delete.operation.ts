import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions, conversationIdField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { cozeApiData } from '../../../shared/transport';
import { messageIdsOf } from '../../helpers/request';
import { messageIdField } from '../fields';

export const meta = { name: 'Delete', action: 'Delete a message', description: 'Delete one question or answer' };

export const description: INodeProperties[] = [conversationIdField, messageIdField, concurrencyOptions()];

/**
 * POST /v1/conversation/message/delete (docs delete_message.md). Coze answers with the deleted message; the item is
 * `{ deleted: true }` as n8n's UX guidelines ask of every delete operation.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const qs = messageIdsOf(this, itemIndex);
	await cozeApiData.call(this, { method: 'POST', path: '/v1/conversation/message/delete', qs, itemIndex });
	return toItems({ deleted: true });
}
