import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { limitOf } from '../../shared/params';
import { cozePaginate, pageNumberStyle } from '../../shared/transport';
import { botIdOf, optionsField, returnAllFields } from './fields';

const show = { resource: ['version'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	...returnAllFields(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Publish Status',
				name: 'publishStatus',
				type: 'options',
				options: [
					{ name: 'Published', value: 'published_online' },
					{ name: 'Draft', value: 'unpublished_draft' },
				],
				default: 'published_online',
				description: "Published versions (Coze's default) or draft versions",
			},
			{
				displayName: 'Channel ID',
				name: 'connectorId',
				type: 'string',
				default: '1024',
				description: 'Only versions published to this channel (1024 API, 999 Chat SDK, …). Empty: every channel.',
			},
		],
	},
	optionsField(show),
];

/** GET /v1/bots/{bot_id}/versions (list_bot_versions.md): page_size 1-30, answers { items, has_more }. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const botId = botIdOf.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const limit = limitOf(this, itemIndex);
	const qs: IDataObject = {};
	if (filters.publishStatus) qs.publish_status = filters.publishStatus;
	if (String(filters.connectorId ?? '').trim() && filters.publishStatus !== 'unpublished_draft') qs.connector_id = String(filters.connectorId).trim();
	const style = pageNumberStyle({ itemsPath: 'data.items', hasMorePath: 'data.has_more' });
	const versions = await cozePaginate.call(this, { method: 'GET', path: `/v1/bots/${botId}/versions`, qs, itemIndex }, style, {
		maxPageSize: 30,
		limit,
	});
	return versions.map((version) => ({ json: { bot_id: botId, ...version }, pairedItem: { item: itemIndex } }));
}
