import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { optionsField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { parseJsonShape } from '../../../shared/json';
import { collectionParameter, idList, numericId, parameterOf } from '../../../shared/params';
import { cozeApiData } from '../../../shared/transport';
import { API_CONNECTOR_ID, botFields } from '../fields';

export const meta = {
	name: 'Publish',
	action: 'Publish a bot',
	description: 'Publish the current draft to the API channel (needed before chatting) or other channels',
};

export const description: INodeProperties[] = [
	...botFields,
	{
		displayName: 'Channels',
		name: 'channels',
		type: 'multiOptions',
		options: [
			{ name: 'API (Agent as API)', value: API_CONNECTOR_ID, description: 'Channel 1024: needed for Coze Chat and every other API call' },
			{ name: 'Chat SDK', value: '999', description: 'Channel 999: the web chat SDK' },
		],
		default: [API_CONNECTOR_ID],
		description:
			'Where to publish the current draft. The API channel (ID 1024) is what Coze Chat, conversations and the other API calls use; a bot that is not published there answers error 4200.',
	},
	optionsField([
		{
			displayName: 'Custom Channel IDs',
			name: 'customChannelIds',
			type: 'string',
			default: '',
			placeholder: '7470849514748000000',
			description:
				'Comma-separated IDs of enterprise custom channels (Account Settings → Publish Channels). Coze requires the API channel in the same call, so it is added.',
		},
		{
			displayName: 'Custom Channel Settings (JSON)',
			name: 'connectors',
			type: 'json',
			default: '{\n  "7470849514748000000": { "device_id": "[\\"51237825000\\"]" }\n}',
			description: 'Parameters per custom channel: {"channel ID": {"key": "JSON-encoded value"}} (the connectors field)',
		},
	]),
];

/** POST /v1/bot/publish (publish_bot.md): connector_ids (API 1024, Chat SDK 999, custom); answers { bot_id, version }. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const botId = numericId(this, 'botId', itemIndex, 'bot ID');
	const options = collectionParameter(this, 'options', itemIndex);
	const channels = idList(parameterOf(this, 'channels', itemIndex, [API_CONNECTOR_ID]));
	const custom = idList(options.customChannelIds);
	if (custom.some((id) => !/^\d+$/.test(id))) throw new NodeOperationError(this.getNode(), 'Custom Channel IDs must be numbers', { itemIndex });
	const connectorIds = [...new Set([...channels, ...(custom.length ? [API_CONNECTOR_ID] : []), ...custom])];
	if (connectorIds.length === 0) throw new NodeOperationError(this.getNode(), 'Choose at least one channel', { itemIndex });
	const body: IDataObject = { bot_id: botId, connector_ids: connectorIds };
	if (options.connectors !== undefined) {
		const connectors = parseJsonShape(this, options.connectors, 'Custom Channel Settings (JSON)', itemIndex, 'object');
		body.connectors = Object.fromEntries(
			Object.entries(connectors).map(([id, settings]) => {
				if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
					throw new NodeOperationError(this.getNode(), `Custom Channel Settings: the value of "${id}" must be an object of strings`, { itemIndex });
				}
				// Coze wants each value JSON-encoded (publish_bot.md: "value 需要经 JSON 序列化").
				const encoded = Object.entries(settings as IDataObject).map(([key, value]) => [
					key,
					typeof value === 'string' ? value : JSON.stringify(value),
				]);
				return [id, Object.fromEntries(encoded)];
			}),
		);
	}
	const data = await cozeApiData.call(this, { method: 'POST', path: '/v1/bot/publish', body, itemIndex });
	return toItems({ bot_id: data.bot_id ?? botId, version: data.version, connector_ids: connectorIds });
}
