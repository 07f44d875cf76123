import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { cozePaginate, pageNumberStyle } from '../../shared/transport';
import { limitOf } from '../../shared/params';
import { concurrencyOption, returnAllOrLimit } from '../../shared/descriptions';

const show = { operation: ['list'] };

/** docs/list_plugin.md: page_size default 20, max 100. */
const PAGE_SIZE = 100;

export const description: INodeProperties[] = [
	...returnAllOrLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Category IDs',
				name: 'categoryIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 7327137275714730001, 7327137275714730002',
				description: 'Only plugins of these categories (comma-separated category IDs)',
			},
			{
				displayName: 'Keyword',
				name: 'keyword',
				type: 'string',
				default: '',
				placeholder: 'e.g. news',
				description: 'Fuzzy search in plugin names and descriptions',
			},
			{
				displayName: 'Publisher',
				name: 'isOfficial',
				type: 'options',
				options: [
					{ name: 'Coze Official', value: 'true' },
					{ name: 'Third Party', value: 'false' },
				],
				default: 'true',
				description: 'Only official plugins or only third-party plugins (default: both)',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			concurrencyOption,
			{
				displayName: 'Sort By',
				name: 'sortType',
				type: 'options',
				options: [
					{ name: 'Most Popular', value: 'heat' },
					{ name: 'Newest', value: 'newest' },
					{ name: 'Relevance (With Keyword)', value: 'relative' },
				],
				default: 'heat',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const limit = limitOf(this, itemIndex);
	const qs: IDataObject = {};
	if (String(filters.keyword ?? '').trim()) qs.keyword = String(filters.keyword).trim();
	if (filters.isOfficial === 'true' || filters.isOfficial === 'false') qs.is_official = filters.isOfficial === 'true';
	const categories = String(filters.categoryIds ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean);
	if (categories.length) qs.category_ids = categories.join(',');
	if (options.sortType) qs.sort_type = options.sortType;
	const style = pageNumberStyle({ itemsPath: 'data.items', hasMorePath: 'data.has_more' });
	const plugins = await cozePaginate.call(this, { method: 'GET', path: '/v1/stores/plugins', qs, itemIndex }, style, {
		maxPageSize: PAGE_SIZE,
		limit,
	});
	return plugins.map((plugin) => {
		const meta = (plugin.metainfo ?? {}) as IDataObject;
		return { json: { plugin_id: meta.entity_id, name: meta.name, description: meta.description, ...plugin }, pairedItem: { item: itemIndex } };
	});
}
