import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cozeApiRequest } from '../../shared/transport';
import { botIdOf, botSettingsBody, botSettingsFields, optionsField } from './fields';

const show = { resource: ['bot'], operation: ['update'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change. Lists (plugins, workflows, knowledge bases) replace the current ones.',
		displayOptions: { show },
		options: botSettingsFields(true),
	},
	optionsField(show),
];

/** POST /v1/bot/update (update_bot.md): changes the draft; publish it for chats to see the change. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const botId = botIdOf.call(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes = botSettingsBody.call(this, fields, itemIndex);
	if (Object.keys(changes).length === 0) throw new NodeOperationError(this.getNode(), 'Add at least one field to update', { itemIndex });
	await cozeApiRequest.call(this, { method: 'POST', path: '/v1/bot/update', body: { bot_id: botId, ...changes }, itemIndex });
	return [{ json: { bot_id: botId, updated: true, updated_fields: Object.keys(changes) }, pairedItem: { item: itemIndex } }];
}
