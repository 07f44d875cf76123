import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { requiredId, textParameter } from '../../../shared/params';
import { cozeApiRequest } from '../../../shared/transport';
import { datasetField, workspacePicker } from '../fields';

export const meta = { name: 'Update Caption', action: 'Update the caption of an image' };

export const description: INodeProperties[] = [
	workspacePicker,
	datasetField,
	{
		displayName: 'Image ID',
		name: 'documentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '7446670805219090000',
		description: 'The image (document_id in the output of Get Many or of Document → Create)',
	},
	{ displayName: 'Caption', name: 'caption', type: 'string', default: '', required: true, description: 'What the image shows' },
	concurrencyOptions(),
];

/** PUT /v1/datasets/{dataset_id}/images/{document_id} (docs update_image_caption.md): caption. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const datasetId = requiredId(this, 'datasetId', itemIndex, 'Knowledge Base');
	const documentId = requiredId(this, 'documentId', itemIndex, 'Image ID');
	const caption = textParameter(this, 'caption', itemIndex, 'Caption', { required: true });
	const path = `/v1/datasets/${encodeURIComponent(datasetId)}/images/${encodeURIComponent(documentId)}`;
	await cozeApiRequest.call(this, { method: 'PUT', path, body: { caption }, itemIndex, idempotent: true });
	return toItems({ updated: true, dataset_id: datasetId, document_id: documentId, caption });
}
