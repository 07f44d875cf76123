import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { limitOf } from '../../shared/params';
import { cozePaginate, pageNumberStyle } from '../../shared/transport';
import { optionsField, returnAllFields, workspaceField, workspaceIdOf } from './fields';

const operations = ['getAll'];

export const description: INodeProperties[] = [
	workspaceField('member', operations, 'The workspace whose members to list'),
	...returnAllFields('member', operations),
	optionsField('member', operations),
];

/** GET /v1/workspaces/{workspace_id}/members (list_space_member.md): page_size 1-50, answers { items, total_count }. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workspaceId = workspaceIdOf.call(this, itemIndex);
	const limit = limitOf(this, itemIndex);
	const style = pageNumberStyle({ itemsPath: 'data.items', totalPath: 'data.total_count' });
	const members = await cozePaginate.call(this, { method: 'GET', path: `/v1/workspaces/${workspaceId}/members`, itemIndex }, style, {
		maxPageSize: 50,
		limit,
	});
	return members.map((member) => ({ json: { workspace_id: workspaceId, ...member }, pairedItem: { item: itemIndex } }));
}
