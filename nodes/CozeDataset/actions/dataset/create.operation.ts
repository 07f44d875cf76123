import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { choiceField, concurrencyOptions, workspaceLocator } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { parameterOf, requiredId, textParameter } from '../../../shared/params';
import { cozeApiData } from '../../../shared/transport';
import { datasetNameField } from '../fields';

export const meta = { name: 'Create', action: 'Create a knowledge base', studio: true };

export const description: INodeProperties[] = [
	workspaceLocator({ required: true, description: 'The workspace (space) the knowledge base belongs to' }),
	datasetNameField,
	choiceField('Type', 'formatType', 0, [
		['Text', 0, 'Documents: PDF, TXT, DOC, DOCX, web pages'],
		['Images', 2, 'Images uploaded with Coze File'],
	]),
	{ displayName: 'Description', name: 'description', type: 'string', default: '' },
	concurrencyOptions(),
];

/** POST /v1/datasets (docs create_dataset.md): name, space_id, format_type, description. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const body: IDataObject = {
		name: textParameter(this, 'name', itemIndex, 'Name', { required: true }).trim(),
		space_id: requiredId(this, 'workspaceId', itemIndex, 'Workspace'),
		format_type: parameterOf(this, 'formatType', itemIndex, 0) as IDataObject[string],
	};
	const text = textParameter(this, 'description', itemIndex, 'Description').trim();
	if (text) body.description = text;
	return toItems(await cozeApiData.call(this, { method: 'POST', path: '/v1/datasets', body, itemIndex }));
}
