import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { cozeApiData } from '../../../shared/transport';
import { chatOf } from '../../helpers/chat';
import { chatTurnFields } from '../fields';

export const meta = {
	name: 'Get Chat',
	action: 'Get a chat',
	description: 'Get the status and usage of one chat turn',
	studio: true,
};

export const description: INodeProperties[] = [...chatTurnFields, concurrencyOptions()];

/** GET /v3/chat/retrieve: the status and usage of one chat turn. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return toItems(await cozeApiData.call(this, { method: 'GET', path: '/v3/chat/retrieve', qs: chatOf(this, itemIndex), itemIndex }));
}
