import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cozeApiData } from '../../shared/transport';
import { botSettingsBody, botSettingsFields, optionsField, workspaceIdOf } from './fields';

const show = { resource: ['bot'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Support Assistant',
		description: 'Name of the new bot (1 to 20 characters)',
		displayOptions: { show },
	},
	{
		displayName: 'Bot Settings',
		name: 'settings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description: 'Knowledge bases can be bound with Update once the bot exists',
		displayOptions: { show },
		options: botSettingsFields(false),
	},
	optionsField(show),
];

/** POST /v1/bot/create (create_bot.md): the new bot is an unpublished draft; answers { bot_id }. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workspaceId = workspaceIdOf.call(this, itemIndex);
	const name = String(this.getNodeParameter('name', itemIndex, '') ?? '').trim();
	if (!name) throw new NodeOperationError(this.getNode(), 'Enter a name for the bot', { itemIndex });
	const settings = this.getNodeParameter('settings', itemIndex, {}) as IDataObject;
	const body: IDataObject = { space_id: workspaceId, name, ...botSettingsBody.call(this, settings, itemIndex) };
	const data = await cozeApiData.call(this, { method: 'POST', path: '/v1/bot/create', body, itemIndex });
	return [{ json: { bot_id: data.bot_id, workspace_id: workspaceId, name, is_published: false }, pairedItem: { item: itemIndex } }];
}
