import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { uploadBinaryProperty } from '../../shared/files';
import { concurrencyOption } from '../../shared/descriptions';

const show = { operation: ['upload'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to be uploaded',
		description: 'Binary field of the input item to upload (up to 512 MB). Several fields: separate them with commas.',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			concurrencyOption,
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: "Name to store the file under in Coze (default: the binary's own file name)",
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const names = String(this.getNodeParameter('binaryPropertyName', itemIndex) ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	if (names.length === 0) throw new NodeOperationError(this.getNode(), 'Enter the binary field to upload, e.g. data', { itemIndex });
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const results: INodeExecutionData[] = [];
	for (const name of names) {
		const file = await uploadBinaryProperty(this, itemIndex, name, names.length === 1 ? (options.fileName as string) : undefined);
		const json: IDataObject = { ...file, mime_type: file.mimeType, binary_property: name };
		delete json.mimeType;
		delete json.fileName;
		results.push({ json, pairedItem: { item: itemIndex } });
	}
	return results;
}
