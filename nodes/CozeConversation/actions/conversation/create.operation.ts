import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { botLocator, optionsField, workspaceLocator } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { parseJsonShape } from '../../../shared/json';
import { collectionParameter, optionalId, textValue } from '../../../shared/params';
import { cozeApiData } from '../../../shared/transport';
import { metaData } from '../../helpers/request';

export const meta = {
	name: 'Create',
	action: 'Create a conversation',
	description: 'Create an empty conversation or one seeded with messages',
	studio: true,
};

export const description: INodeProperties[] = [
	workspaceLocator({ description: 'Workspace to pick the bot from (only used by the bot list)' }),
	botLocator({ required: false, description: 'Bind the conversation to this bot (its conversations are then listed per bot)' }),
	optionsField([
		{
			displayName: 'Messages (JSON)',
			name: 'messages',
			type: 'json',
			default: '[]',
			description: 'Up to 16 messages to start with: [{"role": "user", "content": "…", "content_type": "text"}]',
		},
		{
			displayName: 'Meta Data (JSON)',
			name: 'metaData',
			type: 'json',
			default: '{}',
			description: 'Up to 16 string pairs stored with the conversation',
		},
		{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Name of the conversation (default: its first user message)' },
	]),
];

/** POST /v1/conversation/create (docs create_conversation.md). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const options = collectionParameter(this, 'options', itemIndex);
	const body: IDataObject = {};
	const botId = optionalId(this, 'botId', itemIndex, 'Bot');
	if (botId) body.bot_id = botId;
	const name = textValue(this, options.name, 'Name', itemIndex).trim();
	if (name) body.name = name;
	const messages = parseJsonShape(this, options.messages ?? [], 'Messages', itemIndex, 'array');
	if (messages.length) body.messages = messages;
	const meta = metaData(this, options.metaData, itemIndex);
	if (meta) body.meta_data = meta;
	return toItems(await cozeApiData.call(this, { method: 'POST', path: '/v1/conversation/create', body, itemIndex }));
}
