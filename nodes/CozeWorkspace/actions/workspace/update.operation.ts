import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collectionField, optionsField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { collectionParameter, requiredId } from '../../../shared/params';
import { cozeApiRequest } from '../../../shared/transport';
import { checkWorkspaceText } from '../../helpers/limits';
import { workspaceField } from '../fields';

export const meta = { name: 'Update', action: 'Update a workspace', description: 'Rename a workspace or change its description' };

export const description: INodeProperties[] = [
	workspaceField("The workspace to change (personal workspaces can't be changed)"),
	collectionField('updateFields', [
		{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'New name (up to 50 characters)' },
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			description: 'New description (up to 2000 characters)',
		},
	]),
	optionsField(),
];

/** PUT /v1/workspaces/{workspace_id} (update_workspace_info.md): empty fields stay unchanged; no data in the answer. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workspaceId = requiredId(this, 'workspaceId', itemIndex, 'Workspace');
	const fields = collectionParameter(this, 'updateFields', itemIndex);
	const body: IDataObject = {};
	const name = String(fields.name ?? '').trim();
	const text = String(fields.description ?? '');
	if (name) body.name = name;
	if (text.trim()) body.description = text;
	if (Object.keys(body).length === 0)
		throw new NodeOperationError(this.getNode(), 'Add a Name or Description to update (Coze ignores empty values)', { itemIndex });
	checkWorkspaceText(this, itemIndex, name, text);
	await cozeApiRequest.call(this, { method: 'PUT', path: `/v1/workspaces/${workspaceId}`, body, itemIndex });
	return toItems({ id: workspaceId, updated: true, ...body });
}
