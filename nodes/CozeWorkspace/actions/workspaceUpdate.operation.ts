import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cozeApiRequest } from '../../shared/transport';
import { optionsField, showFor, workspaceField, workspaceIdOf } from './fields';

const operations = ['update'];

export const description: INodeProperties[] = [
	workspaceField('workspace', operations, "The workspace to change (personal workspaces can't be changed)"),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor('workspace', operations),
		options: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'New name (up to 50 characters)' },
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: 'New description (up to 2000 characters)',
			},
		],
	},
	optionsField('workspace', operations),
];

/** PUT /v1/workspaces/{workspace_id} (update_workspace_info.md): empty fields stay unchanged; no data in the answer. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workspaceId = workspaceIdOf.call(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	const name = String(fields.name ?? '').trim();
	const text = String(fields.description ?? '');
	if (name) body.name = name;
	if (text.trim()) body.description = text;
	if (Object.keys(body).length === 0)
		throw new NodeOperationError(this.getNode(), 'Add a Name or Description to update (Coze ignores empty values)', { itemIndex });
	if ([...name].length > 50) throw new NodeOperationError(this.getNode(), 'The name can be at most 50 characters', { itemIndex });
	if ([...text].length > 2000) throw new NodeOperationError(this.getNode(), 'The description can be at most 2000 characters', { itemIndex });
	await cozeApiRequest.call(this, { method: 'PUT', path: `/v1/workspaces/${workspaceId}`, body, itemIndex });
	return [{ json: { id: workspaceId, updated: true, ...body }, pairedItem: { item: itemIndex } }];
}
