import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { cozeApiRequest } from '../../../shared/transport';
import { DOCUMENT_HEADERS, documentIds, documentIdsField, item, on, workspacePicker } from '../fields';
import { concurrencyOptions } from '../../../shared/descriptions';

export const description: INodeProperties[] = [
	workspacePicker('document', ['delete']),
	documentIdsField('document', ['delete']),
	concurrencyOptions(on('document', ['delete']).show),
];

/** POST /open_api/knowledge/document/delete (docs delete_knowdge_files.md): document_ids. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const ids = documentIds(this, itemIndex);
	await cozeApiRequest.call(this, {
		method: 'POST',
		path: '/open_api/knowledge/document/delete',
		headers: DOCUMENT_HEADERS,
		body: { document_ids: ids },
		itemIndex,
	});
	return item({ deleted: true }, itemIndex);
}
