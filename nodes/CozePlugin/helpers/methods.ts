import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { currentParameter } from '../../shared/params';
import { cozeApiData } from '../../shared/transport';
import { isCozeStudio } from '../../shared/studio';

/** Tools of the chosen plugin (GET /v1/plugins/:plugin_id, docs/get_plugin.md). */
export async function getPluginTools(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const pluginId = String(currentParameter(this, 'pluginId') ?? '').trim();
	if (!/^\d+$/.test(pluginId)) return [];
	// Coze Studio has no plugin OpenAPI (studio.ts): say so in the list.
	if (await isCozeStudio(this)) return [{ name: 'Not Available on Coze Studio', value: '' }];
	const data = await cozeApiData.call(this, { method: 'GET', path: `/v1/plugins/${pluginId}` });
	return ((data?.tools as IDataObject[]) ?? []).map((tool) => ({
		name: String(tool.name),
		value: String(tool.name),
		description: String(tool.description ?? '').slice(0, 200),
	}));
}
