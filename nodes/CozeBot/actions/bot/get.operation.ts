import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { choiceField, optionsField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { numericId, optionParameter } from '../../../shared/params';
import { cozeApiData } from '../../../shared/transport';
import { botFields } from '../fields';

export const meta = { name: 'Get', action: 'Get a bot', description: 'Read the published or draft configuration of a bot', studio: true };

export const description: INodeProperties[] = [
	...botFields,
	choiceField('Version', 'version', 'published', [
		['Published', 'published', 'The configuration live on the channels'],
		['Draft', 'draft', 'The current draft, with changes not published yet'],
	]),
	optionsField(),
];

/**
 * GET /v1/bots/{bot_id}?is_published= (get_metadata_draft_published.md). The older GET /v1/bot/get_online_info
 * (get_metadata.md) only reads published bots and is marked as going offline, so it is not used.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const botId = numericId(this, 'botId', itemIndex, 'bot ID');
	const version = optionParameter(this, 'version', itemIndex, 'Version', ['published', 'draft'], 'published');
	const bot = await cozeApiData.call(this, { method: 'GET', path: `/v1/bots/${botId}`, qs: { is_published: version !== 'draft' }, itemIndex });
	return toItems(bot);
}
