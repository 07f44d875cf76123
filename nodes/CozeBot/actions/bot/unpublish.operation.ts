import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { choiceField, optionsField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { collectionParameter, numericId, parameterOf, textValue } from '../../../shared/params';
import { cozeApiRequest } from '../../../shared/transport';
import { API_CONNECTOR_ID, botFields } from '../fields';

export const meta = { name: 'Unpublish', action: 'Unpublish a bot', description: 'Take a bot off one channel' };

export const description: INodeProperties[] = [
	...botFields,
	{
		// The channels unpublish_agent.md lists (Doubao can't be unpublished through the API).
		...choiceField('Channel', 'channel', API_CONNECTOR_ID, [
			['API (Agent as API)', API_CONNECTOR_ID],
			['Chat SDK', '999'],
			['Coze Store', '10000122'],
			['Custom Channel', 'custom'],
			['Douyin Mini Program', '10000126'],
			['Feishu', '10000011'],
			['Feishu Base', '10000128'],
			['Juejin', '10000117'],
			['WeChat Customer Service', '10000113'],
			['WeChat Mini Program', '10000127'],
			['WeChat Official Account (Service)', '10000120'],
			['WeChat Official Account (Subscription)', '10000121'],
		]),
		description: 'Channel to take the bot off. Without the API channel (1024) the bot can no longer be chatted with through the API.',
	},
	{
		displayName: 'Custom Channel ID',
		name: 'customChannelId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '7470849514748000000',
		displayOptions: { show: { channel: ['custom'] } },
	},
	optionsField([
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'string',
			default: '',
			description: "Why the bot is taken off (up to 1024 characters; shown on the workspace's publish management page)",
		},
	]),
];

/** POST /v1/bots/{bot_id}/unpublish (unpublish_agent.md): one channel per call; no data in the answer. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const botId = numericId(this, 'botId', itemIndex, 'bot ID');
	// Any channel ID an expression gives is sent as it is (Coze knows channels this list does not).
	const channel = textValue(this, parameterOf(this, 'channel', itemIndex, API_CONNECTOR_ID), 'Channel', itemIndex);
	const connectorId = channel === 'custom' ? numericId(this, 'customChannelId', itemIndex, 'custom channel ID') : channel;
	const options = collectionParameter(this, 'options', itemIndex);
	const body: IDataObject = { connector_id: connectorId };
	const reason = String(options.reason ?? '').trim();
	if (reason) {
		if ([...reason].length > 1024) throw new NodeOperationError(this.getNode(), 'Reason can be at most 1024 characters', { itemIndex });
		body.unpublish_reason = reason;
	}
	await cozeApiRequest.call(this, { method: 'POST', path: `/v1/bots/${botId}/unpublish`, body, itemIndex });
	return toItems({ bot_id: botId, connector_id: connectorId, unpublished: true });
}
