import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { requiredId, textParameter } from '../../../shared/params';
import { cozeApiRequest } from '../../../shared/transport';
import { datasetField, datasetNameField, workspacePicker } from '../fields';

export const meta = {
	name: 'Update',
	action: 'Update a knowledge base',
	description: 'Rename a knowledge base and set its description (Coze overwrites both)',
	studio: true,
};

export const description: INodeProperties[] = [
	workspacePicker,
	datasetField,
	datasetNameField,
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'Coze overwrites the description too: an empty one clears it',
	},
	concurrencyOptions(),
];

/** PUT /v1/datasets/{dataset_id} (docs update_dataset): a full overwrite of name and description. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const datasetId = requiredId(this, 'datasetId', itemIndex, 'Knowledge Base');
	const body: IDataObject = {
		name: textParameter(this, 'name', itemIndex, 'Name', { required: true }).trim(),
		description: textParameter(this, 'description', itemIndex, 'Description'),
	};
	await cozeApiRequest.call(this, { method: 'PUT', path: `/v1/datasets/${encodeURIComponent(datasetId)}`, body, itemIndex, idempotent: true });
	return toItems({ updated: true, dataset_id: datasetId, ...body });
}
