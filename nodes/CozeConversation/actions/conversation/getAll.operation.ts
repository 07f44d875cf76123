import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { botLocator, concurrencyOption, returnAllOrLimit, workspaceLocator } from '../../../shared/descriptions';
import { limitOf, requiredId } from '../../../shared/params';
import { cozePaginate, pageNumberStyle } from '../../../shared/transport';
import { items } from '../fields';

const show = { resource: ['conversation'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	workspaceLocator({ description: 'Workspace to pick the bot from (only used by the bot list)', displayOptions: { show } }),
	botLocator({ required: true, description: 'The bot whose conversations to list', displayOptions: { show } }),
	...returnAllOrLimit(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Channel',
				name: 'connectorId',
				type: 'options',
				options: [
					{ name: 'API', value: '1024' },
					{ name: 'Chat SDK', value: '999' },
				],
				default: '1024',
				description: 'Only the conversations of this channel',
			},
			concurrencyOption,
			{
				displayName: 'Sort',
				name: 'sortOrder',
				type: 'options',
				options: [
					{ name: 'Newest First', value: 'DESC' },
					{ name: 'Oldest First', value: 'ASC' },
				],
				default: 'DESC',
			},
		],
	},
];

/** GET /v1/conversations (docs list_conversations.md): page_num / page_size ≤ 50, data.conversations, data.has_more. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { bot_id: requiredId(this, 'botId', itemIndex, 'Bot') };
	if (options.sortOrder) qs.sort_order = options.sortOrder;
	if (options.connectorId) qs.connector_id = options.connectorId;
	const style = pageNumberStyle({ itemsPath: 'data.conversations', hasMorePath: 'data.has_more' });
	const list = await cozePaginate.call(this, { method: 'GET', path: '/v1/conversations', qs, itemIndex }, style, {
		maxPageSize: 50,
		limit: limitOf(this, itemIndex),
	});
	return items(list, itemIndex);
}
