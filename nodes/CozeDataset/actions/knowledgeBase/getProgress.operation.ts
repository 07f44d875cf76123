import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requiredId } from '../../../shared/params';
import { datasetField, documentIds, documentIdsField, items, on, workspacePicker } from '../fields';
import { documentProgress } from '../progress';
import { concurrencyOptions } from '../../../shared/descriptions';

export const description: INodeProperties[] = [
	workspacePicker('dataset', ['getProgress']),
	datasetField('dataset', ['getProgress']),
	documentIdsField('dataset', ['getProgress']),
	concurrencyOptions(on('dataset', ['getProgress']).show),
];

/** POST /v1/datasets/{dataset_id}/process (docs get_dataset_progress.md): one item per document. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const datasetId = requiredId(this, 'datasetId', itemIndex, 'Knowledge Base');
	const progress: IDataObject[] = await documentProgress.call(this, datasetId, documentIds(this, itemIndex), itemIndex);
	return items(progress, itemIndex);
}
