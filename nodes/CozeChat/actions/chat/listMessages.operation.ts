import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { cozeApiRequest } from '../../../shared/transport';
import { chatOf } from '../../helpers/chat';
import { chatTurnFields } from '../fields';

export const meta = {
	name: 'List Chat Messages',
	action: 'List the messages of a chat',
	description: 'Get every message one chat turn produced',
	studio: true,
};

export const description: INodeProperties[] = [...chatTurnFields, concurrencyOptions()];

/** GET /v3/chat/message/list: every message of one chat turn, one item each. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const envelope = await cozeApiRequest.call(this, { method: 'GET', path: '/v3/chat/message/list', qs: chatOf(this, itemIndex), itemIndex });
	return toItems((envelope.data as IDataObject[]) ?? []);
}
