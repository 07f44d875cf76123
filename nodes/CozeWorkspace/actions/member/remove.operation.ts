import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { changeMembers, idsOf } from '../../helpers/members';
import { userIdsField, workspaceField } from '../fields';

export const meta = { name: 'Remove', action: 'Remove members from a workspace', description: 'Remove users from a workspace' };

export const description: INodeProperties[] = [
	workspaceField('The workspace to remove users from'),
	userIdsField(
		"Comma-separated Coze user IDs. More than 5 are sent in batches of 5. The owner can't be removed; removed members' resources go to the owner.",
	),
	optionsField(),
];

/**
 * DELETE /v1/workspaces/{workspace_id}/members (remove_space_member.md), at most 5 users a call. The list of users
 * who were not members is not_in_workspace_user_ids in the doc's table, the spec and coze-py, but
 * not_in_space_user_ids in the doc's example: both are read. The item also holds what each batch did (`batches`);
 * when a later batch fails, the error names the users earlier batches already removed.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const { workspaceId, batches } = await changeMembers(this, itemIndex, {
		method: 'DELETE',
		batchSize: 5,
		body: (batch) => ({ user_ids: batch }),
		applied: (done) => `removed ${done.flatMap((data) => idsOf(data, 'removed_success_user_ids')).join(', ') || 'none'}`,
	});
	const merged = {
		removed_success_user_ids: batches.flatMap((data) => idsOf(data, 'removed_success_user_ids')),
		not_in_workspace_user_ids: batches.flatMap((data) => [...idsOf(data, 'not_in_workspace_user_ids'), ...idsOf(data, 'not_in_space_user_ids')]),
		owner_not_support_remove_user_ids: batches.flatMap((data) => idsOf(data, 'owner_not_support_remove_user_ids')),
	};
	return toItems({ workspace_id: workspaceId, ...merged, batches });
}
