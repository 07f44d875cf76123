import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { cozeApiData } from '../../../shared/transport';
import { pluginIdOf } from '../../helpers/pluginId';
import { pluginLocator } from '../fields';

export const meta = { name: 'Get Plugin', action: 'Get a plugin', description: "Read a plugin's tools with their input and output schemas" };

export const description: INodeProperties[] = [pluginLocator, concurrencyOptions()];

/** GET /v1/plugins/{plugin_id} (docs get_plugin.md): the plugin with its tools. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const pluginId = pluginIdOf(this, itemIndex);
	const plugin = await cozeApiData.call(this, { method: 'GET', path: `/v1/plugins/${pluginId}`, itemIndex });
	return toItems({ plugin_id: pluginId, ...plugin });
}
