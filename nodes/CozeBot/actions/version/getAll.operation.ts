import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsField, returnAllOrLimit } from '../../../shared/descriptions';
import { collectionParameter, numericId } from '../../../shared/params';
import { listItems, pageNumberStyle } from '../../../shared/transport';
import { publishFilters } from '../../helpers/filters';
import { botFields, publishFiltersField } from '../fields';

export const meta = { name: 'Get Many', action: 'Get many versions of a bot', description: 'List the published or draft versions of a bot' };

export const description: INodeProperties[] = [
	...botFields,
	...returnAllOrLimit(),
	publishFiltersField(
		[
			{ name: 'Published', value: 'published_online' },
			{ name: 'Draft', value: 'unpublished_draft' },
		],
		'published_online',
		"Published versions (Coze's default) or draft versions",
		'Only versions published to this channel (1024 API, 999 Chat SDK, …). Empty: every channel.',
	),
	optionsField(),
];

/** GET /v1/bots/{bot_id}/versions (list_bot_versions.md): page_size 1-30, answers { items, has_more }. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const botId = numericId(this, 'botId', itemIndex, 'bot ID');
	const filters = collectionParameter(this, 'filters', itemIndex);
	// A channel narrows published versions only: drafts are sent without one.
	const qs = publishFilters(filters, filters.publishStatus !== 'unpublished_draft');
	const style = pageNumberStyle({ itemsPath: 'data.items', hasMorePath: 'data.has_more' });
	const request = { method: 'GET' as const, path: `/v1/bots/${botId}/versions`, qs, itemIndex };
	return await listItems(this, request, style, 30, (version) => ({ bot_id: botId, ...version }));
}
