import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { cozeApiData } from '../../shared/transport';

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
