import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { optionsField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { collectionParameter, requiredId, textParameter } from '../../../shared/params';
import { cozeApiData } from '../../../shared/transport';
import { botSettingsBody } from '../../helpers/settings';
import { botSettingsFields, workspaceField } from '../fields';

export const meta = { name: 'Create', action: 'Create a bot', description: 'Create a draft bot in a workspace' };

export const description: INodeProperties[] = [
	workspaceField,
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Support Assistant',
		description: 'Name of the new bot (1 to 20 characters)',
	},
	{
		displayName: 'Bot Settings',
		name: 'settings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description: 'Knowledge bases can be bound with Update once the bot exists',
		options: botSettingsFields(false),
	},
	optionsField(),
];

/** POST /v1/bot/create (create_bot.md): the new bot is an unpublished draft; answers { bot_id }. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workspaceId = requiredId(this, 'workspaceId', itemIndex, 'Workspace');
	const name = textParameter(this, 'name', itemIndex, 'Name').trim();
	if (!name) throw new NodeOperationError(this.getNode(), 'Enter a name for the bot', { itemIndex });
	const settings = collectionParameter(this, 'settings', itemIndex);
	const body = { space_id: workspaceId, name, ...botSettingsBody.call(this, settings, itemIndex) };
	const data = await cozeApiData.call(this, { method: 'POST', path: '/v1/bot/create', body, itemIndex });
	return toItems({ bot_id: data.bot_id, workspace_id: workspaceId, name, is_published: false });
}
