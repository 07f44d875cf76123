import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collectionField, concurrencyOptions, returnAllOrLimit } from '../../../shared/descriptions';
import { collectionParameter, requiredId, textValue } from '../../../shared/params';
import { listItems, pageNumberStyle } from '../../../shared/transport';
import { datasetField, workspacePicker } from '../fields';

export const meta = {
	name: 'Get Many',
	action: 'Get many images',
	description: 'List the images of an image knowledge base with their captions',
	studio: true,
};

export const description: INodeProperties[] = [
	workspacePicker,
	datasetField,
	...returnAllOrLimit(),
	collectionField('filters', [
		{ displayName: 'Caption Contains', name: 'keyword', type: 'string', default: '' },
		{
			displayName: 'Has Caption',
			name: 'hasCaption',
			type: 'boolean',
			default: true,
			description: 'Whether to list only images with (or without) a caption',
		},
	]),
	concurrencyOptions(),
];

/** GET /v1/datasets/{dataset_id}/images (docs get_images.md): page_num / page_size 1–299, photo_infos, total_count. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const datasetId = requiredId(this, 'datasetId', itemIndex, 'Knowledge Base');
	const filters = collectionParameter(this, 'filters', itemIndex);
	const qs: IDataObject = {};
	const keyword = textValue(this, filters.keyword, 'Caption Contains', itemIndex).trim();
	if (keyword) qs.keyword = keyword;
	if (typeof filters.hasCaption === 'boolean') qs.has_caption = filters.hasCaption;
	const style = pageNumberStyle({ itemsPath: 'data.photo_infos', totalPath: 'data.total_count' });
	const request = { method: 'GET' as const, path: `/v1/datasets/${encodeURIComponent(datasetId)}/images`, qs, itemIndex };
	return await listItems(this, request, style, 299);
}
