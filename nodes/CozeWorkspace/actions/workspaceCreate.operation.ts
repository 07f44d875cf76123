import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cozeApiData } from '../../shared/transport';
import { optionsField, showFor } from './fields';

const operations = ['create'];

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Docs Team',
		description: 'Name of the new workspace (up to 50 characters)',
		displayOptions: showFor('workspace', operations),
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		description: 'What the workspace is for (up to 2000 characters; Coze requires the field)',
		displayOptions: showFor('workspace', operations),
	},
	optionsField('workspace', operations, [
		{
			displayName: 'Icon File ID',
			name: 'iconFileId',
			type: 'string',
			default: '',
			description: 'File ID of an image uploaded with Coze File → Upload File',
		},
		{
			displayName: 'Organization ID',
			name: 'cozeAccountId',
			type: 'string',
			default: '',
			description: 'Create the workspace in this organization of your enterprise (default: your personal account)',
		},
		{
			displayName: 'Owner User ID',
			name: 'ownerUid',
			type: 'string',
			default: '',
			description: "Enterprise editions: a member of the organization who owns the workspace (default: the token's user)",
		},
	]),
];

/** POST /v1/workspaces (create_workspace.md): name and description required; answers { id }. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const name = String(this.getNodeParameter('name', itemIndex, '') ?? '').trim();
	const text = String(this.getNodeParameter('description', itemIndex, '') ?? '');
	if (!name) throw new NodeOperationError(this.getNode(), 'Enter a name for the workspace', { itemIndex });
	if ([...name].length > 50) throw new NodeOperationError(this.getNode(), 'The name can be at most 50 characters', { itemIndex });
	if ([...text].length > 2000) throw new NodeOperationError(this.getNode(), 'The description can be at most 2000 characters', { itemIndex });
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = { name, description: text };
	for (const [option, field] of [
		['iconFileId', 'icon_file_id'],
		['cozeAccountId', 'coze_account_id'],
		['ownerUid', 'owner_uid'],
	]) {
		const value = String(options[option] ?? '').trim();
		if (value) body[field] = value;
	}
	const data = await cozeApiData.call(this, { method: 'POST', path: '/v1/workspaces', body, itemIndex });
	return [{ json: { id: data.id, name, description: text }, pairedItem: { item: itemIndex } }];
}
