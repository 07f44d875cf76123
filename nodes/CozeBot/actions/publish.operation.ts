import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseJsonShape } from '../../shared/json';
import { cozeApiData } from '../../shared/transport';
import { idList } from '../../shared/params';
import { API_CONNECTOR_ID, botIdOf, optionsField } from './fields';

const show = { resource: ['bot'], operation: ['publish'] };

export const description: INodeProperties[] = [
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
		displayOptions: { show },
	},
	optionsField(show, [
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
	const botId = botIdOf.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const channels = (this.getNodeParameter('channels', itemIndex, [API_CONNECTOR_ID]) as string[]).map(String);
	const custom = idList(options.customChannelIds);
	if (custom.some((id) => !/^\d+$/.test(id))) throw new NodeOperationError(this.getNode(), 'Custom Channel IDs must be numbers', { itemIndex });
	const connectorIds = [...new Set([...channels, ...(custom.length ? [API_CONNECTOR_ID] : []), ...custom])];
	if (connectorIds.length === 0) throw new NodeOperationError(this.getNode(), 'Choose at least one channel', { itemIndex });
	const body: IDataObject = { bot_id: botId, connector_ids: connectorIds };
	if (options.connectors !== undefined) {
		const connectors = parseJsonShape(this, options.connectors, 'Custom Channel Settings (JSON)', itemIndex, 'object');
		for (const [id, settings] of Object.entries(connectors)) {
			if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
				throw new NodeOperationError(this.getNode(), `Custom Channel Settings: the value of "${id}" must be an object of strings`, { itemIndex });
			}
			// Coze wants each value JSON-encoded (publish_bot.md: "value 需要经 JSON 序列化").
			connectors[id] = Object.fromEntries(
				Object.entries(settings as IDataObject).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
			);
		}
		body.connectors = connectors;
	}
	const data = await cozeApiData.call(this, { method: 'POST', path: '/v1/bot/publish', body, itemIndex });
	return [{ json: { bot_id: data.bot_id ?? botId, version: data.version, connector_ids: connectorIds }, pairedItem: { item: itemIndex } }];
}
