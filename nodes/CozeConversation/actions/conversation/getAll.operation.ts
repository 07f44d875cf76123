import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { botLocator, channelField, optionsField, returnAllOrLimit, workspaceLocator } from '../../../shared/descriptions';
import { collectionParameter, requiredId } from '../../../shared/params';
import { listItems, pageNumberStyle } from '../../../shared/transport';
import { newestFirstField } from '../fields';

export const meta = { name: 'Get Many', action: 'Get many conversations', description: 'List the conversations of a bot', studio: true };

export const description: INodeProperties[] = [
	workspaceLocator({ description: 'Workspace to pick the bot from (only used by the bot list)' }),
	botLocator({ required: true, description: 'The bot whose conversations to list' }),
	...returnAllOrLimit(),
	optionsField([channelField('Only the conversations of this channel'), newestFirstField('Sort', 'sortOrder', 'DESC', 'ASC')]),
];

/** GET /v1/conversations (docs list_conversations.md): page_num / page_size ≤ 50, data.conversations, data.has_more. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const options = collectionParameter(this, 'options', itemIndex);
	const qs: IDataObject = { bot_id: requiredId(this, 'botId', itemIndex, 'Bot') };
	if (options.sortOrder) qs.sort_order = options.sortOrder;
	if (options.connectorId) qs.connector_id = options.connectorId;
	const style = pageNumberStyle({ itemsPath: 'data.conversations', hasMorePath: 'data.has_more' });
	const request = { method: 'GET' as const, path: '/v1/conversations', qs, itemIndex };
	return await listItems(this, request, style, 50);
}
