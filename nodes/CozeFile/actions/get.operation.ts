import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cozeApiData } from '../../shared/transport';
import { concurrencyOptions } from '../../shared/descriptions';

export const description: INodeProperties[] = [
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '7431234567890123456',
		description: 'ID of an uploaded file (ID in the output of Upload)',
		displayOptions: { show: { operation: ['get'] } },
	},
	concurrencyOptions({ operation: ['get'] }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const fileId = String(this.getNodeParameter('fileId', itemIndex) ?? '').trim();
	if (!fileId) throw new NodeOperationError(this.getNode(), 'Enter the File ID', { itemIndex });
	const file = await cozeApiData.call(this, { method: 'GET', path: '/v1/files/retrieve', qs: { file_id: fileId }, itemIndex });
	return [{ json: file, pairedItem: { item: itemIndex } }];
}
