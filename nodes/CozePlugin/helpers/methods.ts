import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { cozeApiData } from '../../shared/transport';

const PAGE_SIZE = 20;

/** Store plugins (GET /v1/stores/plugins, docs/list_plugin.md), searched by keyword on Coze's side. */
export async function searchPlugins(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = Number(paginationToken) > 0 ? Number(paginationToken) : 1;
	const qs: IDataObject = { page_num: page, page_size: PAGE_SIZE };
	if (filter) qs.keyword = filter;
	const data = await cozeApiData.call(this, { method: 'GET', path: '/v1/stores/plugins', qs });
	return {
		results: ((data?.items as IDataObject[]) ?? []).map((item) => {
			const meta = (item.metainfo ?? {}) as IDataObject;
			const info = (item.plugin_info ?? {}) as IDataObject;
			const unavailable = info.is_call_available === false ? ' — not callable' : '';
			return { name: `${String(meta.name ?? meta.entity_id)}${meta.is_official ? ' (official)' : ''}${unavailable}`, value: String(meta.entity_id ?? '') };
		}),
		paginationToken: data?.has_more === true ? String(page + 1) : undefined,
	};
}

/** Tools of the chosen plugin (GET /v1/plugins/:plugin_id, docs/get_plugin.md). */
export async function getPluginTools(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const pluginId = String(this.getCurrentNodeParameter('pluginId', { extractValue: true }) ?? '').trim();
	if (!/^\d+$/.test(pluginId)) return [];
	const data = await cozeApiData.call(this, { method: 'GET', path: `/v1/plugins/${pluginId}` });
	return ((data?.tools as IDataObject[]) ?? []).map((tool) => ({
		name: String(tool.name),
		value: String(tool.name),
		description: String(tool.description ?? '').slice(0, 200),
	}));
}
