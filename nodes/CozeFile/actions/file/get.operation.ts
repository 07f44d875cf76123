import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { requiredId } from '../../../shared/params';
import { cozeApiData } from '../../../shared/transport';

export const meta = {
	name: 'Get File',
	action: 'Get a file',
	description: 'Read the name, size and upload time of a file',
};

export const description: INodeProperties[] = [
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '7431234567890123456',
		description: 'ID of an uploaded file (ID in the output of Upload)',
	},
	concurrencyOptions(),
];

/** GET /v1/files/retrieve: the file's name, size and upload time. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const fileId = requiredId(this, 'fileId', itemIndex, 'File ID');
	return toItems(await cozeApiData.call(this, { method: 'GET', path: '/v1/files/retrieve', qs: { file_id: fileId }, itemIndex }));
}
