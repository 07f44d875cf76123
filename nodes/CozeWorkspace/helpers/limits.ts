import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Coze's limits on a workspace's name (50 characters) and description (2000), checked before any request. */
export function checkWorkspaceText(ctx: IExecuteFunctions, itemIndex: number, name: string, text: string): void {
	if ([...name].length > 50) throw new NodeOperationError(ctx.getNode(), 'The name can be at most 50 characters', { itemIndex });
	if ([...text].length > 2000) throw new NodeOperationError(ctx.getNode(), 'The description can be at most 2000 characters', { itemIndex });
}
