import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions, returnAllOrLimit, workspaceLocator } from '../../../shared/descriptions';
import { limitOf, requiredId, textValue } from '../../../shared/params';
import { cozePaginate, pageNumberStyle } from '../../../shared/transport';
import { items, on } from '../fields';

const show = on('dataset', ['getAll']);

export const description: INodeProperties[] = [
	workspaceLocator({ required: true, description: 'The workspace (space) of the knowledge bases', displayOptions: show }),
	...returnAllOrLimit(show.show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show,
		options: [
			{ displayName: 'Name Contains', name: 'name', type: 'string', default: '' },
			{
				displayName: 'Type',
				name: 'formatType',
				type: 'options',
				options: [
					{ name: 'Text', value: 0 },
					{ name: 'Table', value: 1 },
					{ name: 'Images', value: 2 },
				],
				default: 0,
			},
		],
	},
	concurrencyOptions(show.show),
];

/** GET /v1/datasets (docs list_dataset.md): page_num / page_size 1–300, data.dataset_list, data.total_count. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { space_id: requiredId(this, 'workspaceId', itemIndex, 'Workspace') };
	const name = textValue(this, filters.name, 'Name Contains', itemIndex).trim();
	if (name) qs.name = name;
	if (filters.formatType !== undefined) qs.format_type = filters.formatType;
	const style = pageNumberStyle({ itemsPath: 'data.dataset_list', totalPath: 'data.total_count' });
	const list = await cozePaginate.call(this, { method: 'GET', path: '/v1/datasets', qs, itemIndex }, style, {
		maxPageSize: 300,
		limit: limitOf(this, itemIndex),
	});
	return items(list, itemIndex);
}
