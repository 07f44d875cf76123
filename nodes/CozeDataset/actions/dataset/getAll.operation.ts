import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { choiceField, collectionField, concurrencyOptions, returnAllOrLimit, workspaceLocator } from '../../../shared/descriptions';
import { collectionParameter, requiredId, textValue } from '../../../shared/params';
import { listItems, pageNumberStyle } from '../../../shared/transport';

export const meta = { name: 'Get Many', action: 'Get many knowledge bases', studio: true };

export const description: INodeProperties[] = [
	workspaceLocator({ required: true, description: 'The workspace (space) of the knowledge bases' }),
	...returnAllOrLimit(),
	collectionField('filters', [
		{ displayName: 'Name Contains', name: 'name', type: 'string', default: '' },
		choiceField('Type', 'formatType', 0, [
			['Text', 0],
			['Table', 1],
			['Images', 2],
		]),
	]),
	concurrencyOptions(),
];

/** GET /v1/datasets (docs list_dataset.md): page_num / page_size 1–300, data.dataset_list, data.total_count. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const filters = collectionParameter(this, 'filters', itemIndex);
	const qs: IDataObject = { space_id: requiredId(this, 'workspaceId', itemIndex, 'Workspace') };
	const name = textValue(this, filters.name, 'Name Contains', itemIndex).trim();
	if (name) qs.name = name;
	if (filters.formatType !== undefined) qs.format_type = filters.formatType;
	const style = pageNumberStyle({ itemsPath: 'data.dataset_list', totalPath: 'data.total_count' });
	const request = { method: 'GET' as const, path: '/v1/datasets', qs, itemIndex };
	return await listItems(this, request, style, 300);
}
