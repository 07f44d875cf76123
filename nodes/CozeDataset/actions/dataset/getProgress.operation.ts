import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { requiredId } from '../../../shared/params';
import { documentIds } from '../../helpers/documents';
import { documentProgress } from '../../helpers/progress';
import { datasetField, documentIdsField, workspacePicker } from '../fields';

export const meta = { name: 'Get Progress', action: 'Get the processing progress of documents', studio: true };

export const description: INodeProperties[] = [workspacePicker, datasetField, documentIdsField, concurrencyOptions()];

/** POST /v1/datasets/{dataset_id}/process (docs get_dataset_progress.md): one item per document. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const datasetId = requiredId(this, 'datasetId', itemIndex, 'Knowledge Base');
	return toItems(await documentProgress.call(this, datasetId, documentIds(this, itemIndex), itemIndex));
}
