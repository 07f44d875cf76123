import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { cozeApiRequest } from '../../../shared/transport';
import { DOCUMENT_HEADERS, documentIds } from '../../helpers/documents';
import { documentIdsField, workspacePicker } from '../fields';

export const meta = { name: 'Delete', action: 'Delete documents', studio: true };

export const description: INodeProperties[] = [workspacePicker, documentIdsField, concurrencyOptions()];

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
	return toItems({ deleted: true });
}
