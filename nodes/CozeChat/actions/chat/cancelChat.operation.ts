import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { cozeApiData } from '../../../shared/transport';
import { chatOf } from '../../helpers/chat';
import { chatTurnFields } from '../fields';

export const meta = {
	name: 'Cancel Chat',
	action: 'Cancel a chat',
	description: 'Stop a chat that is still running',
	studio: true,
};

export const description: INodeProperties[] = [...chatTurnFields, concurrencyOptions()];

/** POST /v3/chat/cancel: stops a running chat turn and returns it. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return toItems(await cozeApiData.call(this, { method: 'POST', path: '/v3/chat/cancel', body: chatOf(this, itemIndex), itemIndex }));
}
