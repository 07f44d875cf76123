import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { optionsField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { collectionParameter, textParameter } from '../../../shared/params';
import { cozeApiData } from '../../../shared/transport';
import { checkWorkspaceText } from '../../helpers/limits';

export const meta = { name: 'Create', action: 'Create a workspace', description: 'Create a team workspace' };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Docs Team',
		description: 'Name of the new workspace (up to 50 characters)',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		description: 'What the workspace is for (up to 2000 characters; Coze requires the field)',
	},
	optionsField([
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
	const name = textParameter(this, 'name', itemIndex, 'Name').trim();
	const text = textParameter(this, 'description', itemIndex, 'Description');
	if (!name) throw new NodeOperationError(this.getNode(), 'Enter a name for the workspace', { itemIndex });
	checkWorkspaceText(this, itemIndex, name, text);
	const options = collectionParameter(this, 'options', itemIndex);
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
	return toItems({ id: data.id, name, description: text });
}
