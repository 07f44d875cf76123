import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { cozeApiData } from '../../shared/transport';
import { pluginLocator } from './fields';
import { pluginIdOf } from './pluginId';
import { concurrencyOption } from '../../shared/descriptions';

const show = { operation: ['get'] };

export const description: INodeProperties[] = [
	pluginLocator(['get']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [concurrencyOption],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const pluginId = pluginIdOf(this, itemIndex);
	const plugin = await cozeApiData.call(this, { method: 'GET', path: `/v1/plugins/${pluginId}`, itemIndex });
	return [{ json: { plugin_id: pluginId, ...plugin }, pairedItem: { item: itemIndex } }];
}
