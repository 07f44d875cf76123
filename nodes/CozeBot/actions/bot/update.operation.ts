import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { optionsField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { collectionParameter, numericId } from '../../../shared/params';
import { cozeApiRequest } from '../../../shared/transport';
import { botSettingsBody } from '../../helpers/settings';
import { botFields, botSettingsFields } from '../fields';

export const meta = { name: 'Update', action: 'Update a bot', description: "Change the name, prompt, model, plugins, knowledge… of a bot's draft" };

export const description: INodeProperties[] = [
	...botFields,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change. Lists (plugins, workflows, knowledge bases) replace the current ones.',
		options: botSettingsFields(true),
	},
	optionsField(),
];

/** POST /v1/bot/update (update_bot.md): changes the draft; publish it for chats to see the change. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const botId = numericId(this, 'botId', itemIndex, 'bot ID');
	const changes = botSettingsBody.call(this, collectionParameter(this, 'updateFields', itemIndex), itemIndex);
	if (Object.keys(changes).length === 0) throw new NodeOperationError(this.getNode(), 'Add at least one field to update', { itemIndex });
	await cozeApiRequest.call(this, { method: 'POST', path: '/v1/bot/update', body: { bot_id: botId, ...changes }, itemIndex });
	return toItems({ bot_id: botId, updated: true, updated_fields: Object.keys(changes) });
}
