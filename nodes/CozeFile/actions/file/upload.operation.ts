import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { inputBinaryField, optionsField } from '../../../shared/descriptions';
import { uploadBinaryProperty } from '../../../shared/files';
import { toItems } from '../../../shared/items';
import { collectionParameter, idList, nodeOf, parameterOf, textValue } from '../../../shared/params';

export const meta = {
	name: 'Upload File',
	action: 'Upload a file',
	description: 'Upload a binary file and get its file_id (streamed, up to 512 MB)',
	studio: true,
};

export const description: INodeProperties[] = [
	inputBinaryField('the file to be uploaded', 'Binary field of the input item to upload (up to 512 MB). Several fields: separate them with commas.'),
	optionsField([
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			description: "Name to store the file under in Coze (default: the binary's own file name)",
		},
	]),
];

/** POST /v1/files/upload, one file per named binary field (File Name applies when there is one field). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const names = idList(parameterOf(this, 'binaryPropertyName', itemIndex, ''));
	if (names.length === 0) throw new NodeOperationError(nodeOf(this), 'Enter the binary field to upload, e.g. data', { itemIndex });
	const options = collectionParameter(this, 'options', itemIndex);
	const fileName = names.length === 1 ? textValue(this, options.fileName, 'File Name', itemIndex) : undefined;
	const files: IDataObject[] = [];
	for (const name of names) {
		const file: IDataObject = await uploadBinaryProperty(this, itemIndex, name, fileName);
		const json: IDataObject = { ...file, mime_type: file.mimeType, binary_property: name };
		delete json.mimeType;
		delete json.fileName;
		files.push(json);
	}
	return toItems(files);
}
