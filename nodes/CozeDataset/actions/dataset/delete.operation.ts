import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { requiredId } from '../../../shared/params';
import { cozeApiRequest } from '../../../shared/transport';
import { datasetField, workspacePicker } from '../fields';

export const meta = {
	name: 'Delete',
	action: 'Delete a knowledge base',
	description: 'Delete a knowledge base with its files; bots using it lose it',
	studio: true,
};

export const description: INodeProperties[] = [workspacePicker, datasetField, concurrencyOptions()];

/** DELETE /v1/datasets/{dataset_id} (docs delete_dataset.md). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const datasetId = requiredId(this, 'datasetId', itemIndex, 'Knowledge Base');
	await cozeApiRequest.call(this, { method: 'DELETE', path: `/v1/datasets/${encodeURIComponent(datasetId)}`, itemIndex });
	return toItems({ deleted: true });
}
