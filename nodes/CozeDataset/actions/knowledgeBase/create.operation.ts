import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions, workspaceLocator } from '../../../shared/descriptions';
import { requiredId, textParameter } from '../../../shared/params';
import { cozeApiData } from '../../../shared/transport';
import { item, on } from '../fields';

const show = on('dataset', ['create']);

export const description: INodeProperties[] = [
	workspaceLocator({ required: true, description: 'The workspace (space) the knowledge base belongs to', displayOptions: show }),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		description: 'Name of the knowledge base (at most 100 characters)',
		displayOptions: show,
	},
	{
		displayName: 'Type',
		name: 'formatType',
		type: 'options',
		options: [
			{ name: 'Text', value: 0, description: 'Documents: PDF, TXT, DOC, DOCX, web pages' },
			{ name: 'Images', value: 2, description: 'Images uploaded with Coze File' },
		],
		default: 0,
		displayOptions: show,
	},
	{ displayName: 'Description', name: 'description', type: 'string', default: '', displayOptions: show },
	concurrencyOptions(show.show),
];

/** POST /v1/datasets (docs create_dataset.md): name, space_id, format_type, description. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const body: IDataObject = {
		name: textParameter(this, 'name', itemIndex, 'Name', { required: true }).trim(),
		space_id: requiredId(this, 'workspaceId', itemIndex, 'Workspace'),
		format_type: this.getNodeParameter('formatType', itemIndex, 0),
	};
	const text = textParameter(this, 'description', itemIndex, 'Description').trim();
	if (text) body.description = text;
	return item(await cozeApiData.call(this, { method: 'POST', path: '/v1/datasets', body, itemIndex }), itemIndex);
}
