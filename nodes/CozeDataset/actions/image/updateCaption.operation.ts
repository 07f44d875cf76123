import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requiredId, textParameter } from '../../../shared/params';
import { cozeApiRequest } from '../../../shared/transport';
import { datasetField, item, on, workspacePicker } from '../fields';
import { concurrencyOptions } from '../../../shared/descriptions';

const show = on('image', ['updateCaption']);

export const description: INodeProperties[] = [
	workspacePicker('image', ['updateCaption']),
	datasetField('image', ['updateCaption']),
	{
		displayName: 'Image ID',
		name: 'documentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '7446670805219090000',
		description: 'The image (document_id in the output of Get Many or of Document → Create)',
		displayOptions: show,
	},
	{ displayName: 'Caption', name: 'caption', type: 'string', default: '', required: true, description: 'What the image shows', displayOptions: show },
	concurrencyOptions(show.show),
];

/** PUT /v1/datasets/{dataset_id}/images/{document_id} (docs update_image_caption.md): caption. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const datasetId = requiredId(this, 'datasetId', itemIndex, 'Knowledge Base');
	const documentId = requiredId(this, 'documentId', itemIndex, 'Image ID');
	const caption = textParameter(this, 'caption', itemIndex, 'Caption', { required: true });
	const path = `/v1/datasets/${encodeURIComponent(datasetId)}/images/${encodeURIComponent(documentId)}`;
	await cozeApiRequest.call(this, { method: 'PUT', path, body: { caption }, itemIndex, idempotent: true });
	return item({ updated: true, dataset_id: datasetId, document_id: documentId, caption }, itemIndex);
}
