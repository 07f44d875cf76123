import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cozeApiData } from '../../shared/transport';
import { idList } from '../../shared/params';
import { chunks, optionsField, runBatches, showFor, workspaceField, workspaceIdOf } from './fields';

const operations = ['remove'];

/** remove_space_member.md: at most 5 users per call. */
const BATCH = 5;

export const description: INodeProperties[] = [
	workspaceField('member', operations, 'The workspace to remove users from'),
	{
		displayName: 'User IDs',
		name: 'userIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '2069720456000000, 5524258580000000',
		description:
			"Comma-separated Coze user IDs. More than 5 are sent in batches of 5. The owner can't be removed; removed members' resources go to the owner.",
		displayOptions: showFor('member', operations),
	},
	optionsField('member', operations),
];

/**
 * DELETE /v1/workspaces/{workspace_id}/members (remove_space_member.md). The list of users who were not members is
 * not_in_workspace_user_ids in the doc's table, the spec and coze-py, but not_in_space_user_ids in the doc's example:
 * both are read. The item also holds what each batch did (`batches`); when a later batch fails, the error names the
 * users earlier batches already removed.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workspaceId = workspaceIdOf.call(this, itemIndex);
	const userIds = [...new Set(idList(this.getNodeParameter('userIds', itemIndex, '')))];
	if (userIds.length === 0) throw new NodeOperationError(this.getNode(), 'Enter at least one user ID', { itemIndex });
	const read = (data: IDataObject, key: string) => ((data[key] as string[] | undefined) ?? []).map(String);
	const batches = await runBatches(
		this,
		itemIndex,
		chunks(userIds, BATCH),
		async (batch) =>
			await cozeApiData.call(this, {
				method: 'DELETE',
				path: `/v1/workspaces/${workspaceId}/members`,
				body: { user_ids: batch },
				itemIndex,
			}),
		(done) => `removed ${done.flatMap((data) => read(data, 'removed_success_user_ids')).join(', ') || 'none'}`,
	);
	const merged = {
		removed_success_user_ids: batches.flatMap((data) => read(data, 'removed_success_user_ids')),
		not_in_workspace_user_ids: batches.flatMap((data) => [...read(data, 'not_in_workspace_user_ids'), ...read(data, 'not_in_space_user_ids')]),
		owner_not_support_remove_user_ids: batches.flatMap((data) => read(data, 'owner_not_support_remove_user_ids')),
	};
	return [{ json: { workspace_id: workspaceId, ...merged, batches }, pairedItem: { item: itemIndex } }];
}
