import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cozeApiData } from '../../shared/transport';
import { idList } from '../../shared/params';
import { chunks, optionsField, runBatches, showFor, workspaceField, workspaceIdOf } from './fields';

const operations = ['add'];

/** add_space_member.md: at most 20 users per call. */
const BATCH = 20;
const RESULT_LISTS = [
	'added_success_user_ids',
	'invited_success_user_ids',
	'already_joined_user_ids',
	'already_invited_user_ids',
	'not_exist_user_ids',
];

export const description: INodeProperties[] = [
	workspaceField('member', operations, 'The workspace to add users to'),
	{
		displayName: 'User IDs',
		name: 'userIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '2069720456000000, 5524258580000000',
		description: 'Comma-separated Coze user IDs (UID under Account Settings). More than 20 are sent in batches of 20.',
		displayOptions: showFor('member', operations),
	},
	{
		displayName: 'Role',
		name: 'role',
		type: 'options',
		options: [
			{ name: 'Member', value: 'member' },
			{ name: 'Admin', value: 'admin' },
		],
		default: 'member',
		description: "Role of the added users (a workspace has one owner, who can't be added)",
		displayOptions: showFor('member', operations),
	},
	optionsField('member', operations),
];

/**
 * POST /v1/workspaces/{workspace_id}/members (add_space_member.md). Enterprise editions add users directly; the personal
 * edition sends invitations. One output item with the merged result lists and what each batch did (`batches`); when a
 * later batch fails, the error names the users earlier batches already added or invited.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workspaceId = workspaceIdOf.call(this, itemIndex);
	const userIds = [...new Set(idList(this.getNodeParameter('userIds', itemIndex, '')))];
	if (userIds.length === 0) throw new NodeOperationError(this.getNode(), 'Enter at least one user ID', { itemIndex });
	const role = this.getNodeParameter('role', itemIndex, 'member') as string;
	const batches = await runBatches(
		this,
		itemIndex,
		chunks(userIds, BATCH),
		async (batch) =>
			await cozeApiData.call(this, {
				method: 'POST',
				path: `/v1/workspaces/${workspaceId}/members`,
				body: { users: batch.map((id) => ({ user_id: id, role_type: role })) },
				itemIndex,
			}),
		(done) => {
			const ids = (list: string) => done.flatMap((data) => ((data[list] as string[] | undefined) ?? []).map(String));
			return `added ${ids('added_success_user_ids').join(', ') || 'none'}; invited ${ids('invited_success_user_ids').join(', ') || 'none'}`;
		},
	);
	const merged: IDataObject = Object.fromEntries(
		RESULT_LISTS.map((list) => [list, batches.flatMap((data) => ((data[list] as string[] | undefined) ?? []).map(String))]),
	);
	return [{ json: { workspace_id: workspaceId, role_type: role, ...merged, batches }, pairedItem: { item: itemIndex } }];
}
