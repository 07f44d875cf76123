import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { collectionParameter, numericId, requiredId } from '../../../shared/params';
import { cozeApiData } from '../../../shared/transport';
import { workspaceField } from '../fields';

export const meta = { name: 'Duplicate', action: 'Duplicate a template', description: 'Copy a template (e.g. an agent) into a workspace' };

export const description: INodeProperties[] = [
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '7470000000000000001',
		description: 'ID of the Coze template (from its page in the template store)',
	},
	workspaceField('The workspace the copy goes to'),
	optionsField([{ displayName: 'Name', name: 'name', type: 'string', default: '', description: "Name of the copy (default: the template's name)" }]),
];

/**
 * POST /v1/templates/{template_id}/duplicate. No page in the Coze API docs we vendor; the official SDKs call it:
 * coze-js packages/coze-js/src/resources/templates/templates.ts (Templates.duplicate) and coze-py
 * cozepy/templates/__init__.py, body { workspace_id, name? }, data { entity_id, entity_type } ("agent": a bot).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const templateId = numericId(this, 'templateId', itemIndex, 'template ID');
	const workspaceId = requiredId(this, 'workspaceId', itemIndex, 'Workspace');
	const options = collectionParameter(this, 'options', itemIndex);
	const body: IDataObject = { workspace_id: workspaceId };
	if (String(options.name ?? '').trim()) body.name = String(options.name).trim();
	const data = await cozeApiData.call(this, { method: 'POST', path: `/v1/templates/${templateId}/duplicate`, body, itemIndex });
	return toItems({ template_id: templateId, workspace_id: workspaceId, ...data });
}
