import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions, conversationIdField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { cozeApiData } from '../../../shared/transport';
import { messageIdsOf } from '../../helpers/request';
import { messageIdField } from '../fields';

export const meta = { name: 'Get', action: 'Get a message' };

export const description: INodeProperties[] = [conversationIdField, messageIdField, concurrencyOptions()];

/** GET /v1/conversation/message/retrieve (docs retrieve_message). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const qs = messageIdsOf(this, itemIndex);
	return toItems(await cozeApiData.call(this, { method: 'GET', path: '/v1/conversation/message/retrieve', qs, itemIndex }));
}
