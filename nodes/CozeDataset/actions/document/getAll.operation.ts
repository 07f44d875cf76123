import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { limitOf, requiredId } from '../../../shared/params';
import { cozePaginate, pageNumberStyle } from '../../../shared/transport';
import { DOCUMENT_HEADERS, datasetField, items, on, workspacePicker } from '../fields';
import { concurrencyOptions, returnAllOrLimit } from '../../../shared/descriptions';

const show = on('document', ['getAll']);

export const description: INodeProperties[] = [
	workspacePicker('document', ['getAll']),
	datasetField('document', ['getAll']),
	...returnAllOrLimit(show.show),
	concurrencyOptions(show.show),
];

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
	return items(await cozePaginate.call(this, request, style, { maxPageSize: 100, limit: limitOf(this, itemIndex) }), itemIndex);
}
