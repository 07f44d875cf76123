import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { nodeOf, optionalId } from '../../shared/params';

/** The plugin ID of an item: a number (kept as a string: IDs exceed 2^53). */
export function pluginIdOf(ctx: IExecuteFunctions, itemIndex: number): string {
	const pluginId = optionalId(ctx, 'pluginId', itemIndex, 'Plugin');
	if (!pluginId) throw new NodeOperationError(nodeOf(ctx), 'Choose a plugin or enter its ID', { itemIndex });
	if (!/^\d+$/.test(pluginId)) {
		throw new NodeOperationError(nodeOf(ctx), `"${pluginId}" is not a plugin ID; a plugin ID is a number such as 7545873263293800001`, {
			itemIndex,
			description: 'Use the plugin ID (entity_id in List Plugins), not the store product ID or a URL.',
		});
	}
	return pluginId;
}
