import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cozeApiData } from '../../shared/transport';
import { optionsField, showFor, workspaceField, workspaceIdOf } from './fields';

const operations = ['duplicate'];

export const description: INodeProperties[] = [
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '7470000000000000001',
		description: 'ID of the Coze template (from its page in the template store)',
		displayOptions: showFor('template', operations),
	},
	workspaceField('template', operations, 'The workspace the copy goes to'),
	optionsField('template', operations, [
		{ displayName: 'Name', name: 'name', type: 'string', default: '', description: "Name of the copy (default: the template's name)" },
	]),
];

/**
 * POST /v1/templates/{template_id}/duplicate. No page in the Coze API docs we vendor; the official SDKs call it:
 * coze-js packages/coze-js/src/resources/templates/templates.ts (Templates.duplicate) and coze-py
 * cozepy/templates/__init__.py, body { workspace_id, name? }, data { entity_id, entity_type } ("agent": a bot).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const templateId = String(this.getNodeParameter('templateId', itemIndex, '') ?? '').trim();
	if (!/^\d+$/.test(templateId)) throw new NodeOperationError(this.getNode(), 'Enter the template ID (a number)', { itemIndex });
	const workspaceId = workspaceIdOf.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = { workspace_id: workspaceId };
	if (String(options.name ?? '').trim()) body.name = String(options.name).trim();
	const data = await cozeApiData.call(this, { method: 'POST', path: `/v1/templates/${templateId}/duplicate`, body, itemIndex });
	return [{ json: { template_id: templateId, workspace_id: workspaceId, ...data }, pairedItem: { item: itemIndex } }];
}
