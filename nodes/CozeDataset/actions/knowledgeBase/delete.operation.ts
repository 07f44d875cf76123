import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requiredId } from '../../../shared/params';
import { cozeApiRequest } from '../../../shared/transport';
import { datasetField, item, on, workspacePicker } from '../fields';
import { concurrencyOptions } from '../../../shared/descriptions';

export const description: INodeProperties[] = [
	workspacePicker('dataset', ['delete']),
	datasetField('dataset', ['delete']),
	concurrencyOptions(on('dataset', ['delete']).show),
];

/** DELETE /v1/datasets/{dataset_id} (docs delete_dataset.md). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const datasetId = requiredId(this, 'datasetId', itemIndex, 'Knowledge Base');
	await cozeApiRequest.call(this, { method: 'DELETE', path: `/v1/datasets/${encodeURIComponent(datasetId)}`, itemIndex });
	return item({ deleted: true }, itemIndex);
}
