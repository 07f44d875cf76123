import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { limitOf, requiredId, textValue } from '../../../shared/params';
import { cozePaginate, pageNumberStyle } from '../../../shared/transport';
import { datasetField, items, on, workspacePicker } from '../fields';
import { concurrencyOptions, returnAllOrLimit } from '../../../shared/descriptions';

const show = on('image', ['getAll']);

export const description: INodeProperties[] = [
	workspacePicker('image', ['getAll']),
	datasetField('image', ['getAll']),
	...returnAllOrLimit(show.show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show,
		options: [
			{ displayName: 'Caption Contains', name: 'keyword', type: 'string', default: '' },
			{
				displayName: 'Has Caption',
				name: 'hasCaption',
				type: 'boolean',
				default: true,
				description: 'Whether to list only images with (or without) a caption',
			},
		],
	},
	concurrencyOptions(show.show),
];

/** GET /v1/datasets/{dataset_id}/images (docs get_images.md): page_num / page_size 1–299, photo_infos, total_count. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const datasetId = requiredId(this, 'datasetId', itemIndex, 'Knowledge Base');
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	const keyword = textValue(this, filters.keyword, 'Caption Contains', itemIndex).trim();
	if (keyword) qs.keyword = keyword;
	if (typeof filters.hasCaption === 'boolean') qs.has_caption = filters.hasCaption;
	const style = pageNumberStyle({ itemsPath: 'data.photo_infos', totalPath: 'data.total_count' });
	const request = { method: 'GET' as const, path: `/v1/datasets/${encodeURIComponent(datasetId)}/images`, qs, itemIndex };
	return items(await cozePaginate.call(this, request, style, { maxPageSize: 299, limit: limitOf(this, itemIndex) }), itemIndex);
}
