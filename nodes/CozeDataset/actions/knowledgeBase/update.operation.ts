import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requiredId, textParameter } from '../../../shared/params';
import { cozeApiRequest } from '../../../shared/transport';
import { datasetField, item, on, workspacePicker } from '../fields';
import { concurrencyOptions } from '../../../shared/descriptions';

const show = on('dataset', ['update']);

export const description: INodeProperties[] = [
	workspacePicker('dataset', ['update']),
	datasetField('dataset', ['update']),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		description: 'Name of the knowledge base (at most 100 characters)',
		displayOptions: show,
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'Coze overwrites the description too: an empty one clears it',
		displayOptions: show,
	},
	concurrencyOptions(show.show),
];

/** PUT /v1/datasets/{dataset_id} (docs update_dataset): a full overwrite of name and description. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const datasetId = requiredId(this, 'datasetId', itemIndex, 'Knowledge Base');
	const body: IDataObject = {
		name: textParameter(this, 'name', itemIndex, 'Name', { required: true }).trim(),
		description: textParameter(this, 'description', itemIndex, 'Description'),
	};
	await cozeApiRequest.call(this, { method: 'PUT', path: `/v1/datasets/${encodeURIComponent(datasetId)}`, body, itemIndex, idempotent: true });
	return item({ updated: true, dataset_id: datasetId, ...body }, itemIndex);
}
