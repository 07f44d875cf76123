import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { cozeApiData } from '../../shared/transport';
import { botIdOf, optionsField } from './fields';

const show = { resource: ['bot'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Version',
		name: 'version',
		type: 'options',
		options: [
			{ name: 'Published', value: 'published', description: 'The configuration live on the channels' },
			{ name: 'Draft', value: 'draft', description: 'The current draft, with changes not published yet' },
		],
		default: 'published',
		displayOptions: { show },
	},
	optionsField(show),
];

/**
 * GET /v1/bots/{bot_id}?is_published= (get_metadata_draft_published.md). The older GET /v1/bot/get_online_info
 * (get_metadata.md) only reads published bots and is marked as going offline, so it is not used.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const botId = botIdOf.call(this, itemIndex);
	const version = this.getNodeParameter('version', itemIndex, 'published') as string;
	const bot = await cozeApiData.call(this, { method: 'GET', path: `/v1/bots/${botId}`, qs: { is_published: version !== 'draft' }, itemIndex });
	return [{ json: bot, pairedItem: { item: itemIndex } }];
}
