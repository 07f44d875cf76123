import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isCozeStudio, studioPickerResult } from '../shared/studio';
import { cozeApiData } from '../shared/transport';

const PAGE_SIZE = 50;

/**
 * Bots of the selected workspace in every publish state (GET /v1/bots, publish_status=all), marked "(draft)" when they
 * are not live. The shared searchBots lists only bots published to the API channel, which is right for chatting but
 * hides the drafts this node creates, updates and publishes. Candidate for nodes/shared/listSearch.ts.
 */
export async function searchBotsAnyStatus(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	if (await isCozeStudio(this)) return studioPickerResult();
	const workspaceId = this.getCurrentNodeParameter('workspaceId', { extractValue: true }) as string | undefined;
	if (!workspaceId) return { results: [{ name: 'Select a Workspace First (or Enter the Bot ID)', value: '' }] };
	const page = Number(paginationToken) > 0 ? Number(paginationToken) : 1;
	const data = await cozeApiData.call(this, {
		method: 'GET',
		path: '/v1/bots',
		qs: { workspace_id: workspaceId, publish_status: 'all', page_num: page, page_size: PAGE_SIZE },
	});
	const bots = ((data?.items as IDataObject[]) ?? []).filter(
		(b) =>
			!filter ||
			String(b.name ?? '')
				.toLowerCase()
				.includes(filter.toLowerCase()),
	);
	return {
		results: bots.map((b) => ({ name: `${String(b.name ?? b.id)}${b.is_published === true ? '' : ' (draft)'}`, value: String(b.id) })),
		paginationToken: page * PAGE_SIZE < Number(data?.total ?? 0) ? String(page + 1) : undefined,
	};
}
