import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions, conversationIdField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { cozeApiData } from '../../../shared/transport';
import { conversationIdOf } from '../../helpers/request';

export const meta = { name: 'Get', action: 'Get a conversation', studio: true };

export const description: INodeProperties[] = [conversationIdField, concurrencyOptions()];

/** GET /v1/conversation/retrieve (docs retrieve_conversation). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const qs = { conversation_id: conversationIdOf(this, itemIndex) };
	return toItems(await cozeApiData.call(this, { method: 'GET', path: '/v1/conversation/retrieve', qs, itemIndex }));
}
