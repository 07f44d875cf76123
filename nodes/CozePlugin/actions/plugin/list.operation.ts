import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { choiceField, collectionField, optionsField, returnAllOrLimit } from '../../../shared/descriptions';
import { collectionParameter, idList, textValue } from '../../../shared/params';
import { listItems, pageNumberStyle } from '../../../shared/transport';

export const meta = {
	name: 'List Plugins',
	action: 'List store plugins',
	description: 'List or search the paid plugins of the Coze plugin store',
};

/** docs/list_plugin.md: page_size default 20, max 100. */
const PAGE_SIZE = 100;

export const description: INodeProperties[] = [
	...returnAllOrLimit(),
	collectionField('filters', [
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
			...choiceField('Publisher', 'isOfficial', 'true', [
				['Coze Official', 'true'],
				['Third Party', 'false'],
			]),
			description: 'Only official plugins or only third-party plugins (default: both)',
		},
	]),
	optionsField([
		choiceField('Sort By', 'sortType', 'heat', [
			['Most Popular', 'heat'],
			['Newest', 'newest'],
			['Relevance (With Keyword)', 'relative'],
		]),
	]),
];

/** GET /v1/stores/plugins (docs list_plugin.md): page_num / page_size, data.items, data.has_more. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const filters = collectionParameter(this, 'filters', itemIndex);
	const options = collectionParameter(this, 'options', itemIndex);
	const qs: IDataObject = {};
	const keyword = textValue(this, filters.keyword, 'Keyword', itemIndex).trim();
	if (keyword) qs.keyword = keyword;
	if (filters.isOfficial === 'true' || filters.isOfficial === 'false') qs.is_official = filters.isOfficial === 'true';
	const categories = idList(filters.categoryIds);
	if (categories.length) qs.category_ids = categories.join(',');
	if (options.sortType) qs.sort_type = options.sortType;
	const style = pageNumberStyle({ itemsPath: 'data.items', hasMorePath: 'data.has_more' });
	const request = { method: 'GET' as const, path: '/v1/stores/plugins', qs, itemIndex };
	return await listItems(this, request, style, PAGE_SIZE, (plugin) => {
		const meta = (plugin.metainfo ?? {}) as IDataObject;
		return { plugin_id: meta.entity_id, name: meta.name, description: meta.description, ...plugin };
	});
}
