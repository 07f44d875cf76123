import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsField, returnAllOrLimit } from '../../../shared/descriptions';
import { collectionParameter, requiredId } from '../../../shared/params';
import { listItems, pageNumberStyle } from '../../../shared/transport';
import { publishFilters } from '../../helpers/filters';
import { publishFiltersField, workspaceField } from '../fields';

export const meta = { name: 'Get Many', action: 'Get many bots', description: 'List the bots of a workspace (published or drafts)' };

export const description: INodeProperties[] = [
	workspaceField,
	...returnAllOrLimit(),
	publishFiltersField(
		[
			{ name: 'All', value: 'all' },
			{ name: 'Published', value: 'published_online', description: 'Published (the live version)' },
			{ name: 'Published With Newer Draft', value: 'published_draft', description: 'Published, with draft changes since' },
			{ name: 'Never Published', value: 'unpublished_draft' },
		],
		'all',
		'Without this filter Coze returns published bots only',
		"For the published states: the channel to look at (1024 API, 999 Chat SDK, …). Coze's default is 1024.",
	),
	optionsField(),
];

/** GET /v1/bots (bots_list_draft_published.md): page_num / page_size, answers { items, total }. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workspaceId = requiredId(this, 'workspaceId', itemIndex, 'Workspace');
	const filters = collectionParameter(this, 'filters', itemIndex);
	const qs: IDataObject = { workspace_id: workspaceId, ...publishFilters(filters) };
	const style = pageNumberStyle({ itemsPath: 'data.items', totalPath: 'data.total' });
	return await listItems(this, { method: 'GET', path: '/v1/bots', qs, itemIndex }, style, 50);
}
