import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The plugin ID of an item: a number (kept as a string: IDs exceed 2^53). */
export function pluginIdOf(ctx: IExecuteFunctions, itemIndex: number): string {
	const pluginId = String(ctx.getNodeParameter('pluginId', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!pluginId) throw new NodeOperationError(ctx.getNode(), 'Choose a plugin or enter its ID', { itemIndex });
	if (!/^\d+$/.test(pluginId)) {
		throw new NodeOperationError(ctx.getNode(), `"${pluginId}" is not a plugin ID; a plugin ID is a number such as 7545873263293800001`, {
			itemIndex,
			description: 'Use the plugin ID (entity_id in List Plugins), not the store product ID or a URL.',
		});
	}
	return pluginId;
}
