import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsField, returnAllOrLimit } from '../../../shared/descriptions';
import { requiredId } from '../../../shared/params';
import { listItems, pageNumberStyle } from '../../../shared/transport';
import { workspaceField } from '../fields';

export const meta = { name: 'Get Many', action: 'Get many workspace members', description: 'List the members of a workspace' };

export const description: INodeProperties[] = [workspaceField('The workspace whose members to list'), ...returnAllOrLimit(), optionsField()];

/** GET /v1/workspaces/{workspace_id}/members (list_space_member.md): page_size 1-50, answers { items, total_count }. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workspaceId = requiredId(this, 'workspaceId', itemIndex, 'Workspace');
	const style = pageNumberStyle({ itemsPath: 'data.items', totalPath: 'data.total_count' });
	const request = { method: 'GET' as const, path: `/v1/workspaces/${workspaceId}/members`, itemIndex };
	return await listItems(this, request, style, 50, (member) => ({ workspace_id: workspaceId, ...member }));
}
