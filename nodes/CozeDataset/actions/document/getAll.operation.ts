import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions, returnAllOrLimit } from '../../../shared/descriptions';
import { requiredId } from '../../../shared/params';
import { listItems, pageNumberStyle } from '../../../shared/transport';
import { DOCUMENT_HEADERS } from '../../helpers/documents';
import { datasetField, workspacePicker } from '../fields';

export const meta = { name: 'Get Many', action: 'Get many documents', studio: true };

export const description: INodeProperties[] = [workspacePicker, datasetField, ...returnAllOrLimit(), concurrencyOptions()];

/** POST /open_api/knowledge/document/list (docs list_knowledge_files.md): page / size in the body, document_infos, total. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const datasetId = requiredId(this, 'datasetId', itemIndex, 'Knowledge Base');
	const style = pageNumberStyle({ itemsPath: 'document_infos', totalPath: 'total', pageParam: 'page', sizeParam: 'size', where: 'body' });
	const request = {
		method: 'POST' as const,
		path: '/open_api/knowledge/document/list',
		headers: DOCUMENT_HEADERS,
		body: { dataset_id: datasetId },
		itemIndex,
		idempotent: true,
	};
	return await listItems(this, request, style, 100);
}
