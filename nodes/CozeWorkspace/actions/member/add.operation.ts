import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsField } from '../../../shared/descriptions';
import { toItems } from '../../../shared/items';
import { optionParameter } from '../../../shared/params';
import { changeMembers, idsOf } from '../../helpers/members';
import { userIdsField, workspaceField } from '../fields';

export const meta = { name: 'Add', action: 'Add members to a workspace', description: 'Add (or invite) users as members or admins' };

/** The roles add_space_member.md takes (a workspace has one owner, who can't be added). */
const ROLES = [
	{ name: 'Member', value: 'member' },
	{ name: 'Admin', value: 'admin' },
];

const RESULT_LISTS = [
	'added_success_user_ids',
	'invited_success_user_ids',
	'already_joined_user_ids',
	'already_invited_user_ids',
	'not_exist_user_ids',
];

export const description: INodeProperties[] = [
	workspaceField('The workspace to add users to'),
	userIdsField('Comma-separated Coze user IDs (UID under Account Settings). More than 20 are sent in batches of 20.'),
	{
		displayName: 'Role',
		name: 'role',
		type: 'options',
		options: ROLES,
		default: 'member',
		description: "Role of the added users (a workspace has one owner, who can't be added)",
	},
	optionsField(),
];

/**
 * POST /v1/workspaces/{workspace_id}/members (add_space_member.md), at most 20 users a call. Enterprise editions add
 * users directly; the personal edition sends invitations. One output item with the merged result lists and what each
 * batch did (`batches`); when a later batch fails, the error names the users earlier batches already added or invited.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const role = optionParameter(
		this,
		'role',
		itemIndex,
		'Role',
		ROLES.map((role) => role.value),
		'member',
	);
	const { workspaceId, batches } = await changeMembers(this, itemIndex, {
		method: 'POST',
		batchSize: 20,
		body: (batch) => ({ users: batch.map((id) => ({ user_id: id, role_type: role })) }),
		applied: (done) => {
			const ids = (list: string) => done.flatMap((data) => idsOf(data, list));
			return `added ${ids('added_success_user_ids').join(', ') || 'none'}; invited ${ids('invited_success_user_ids').join(', ') || 'none'}`;
		},
	});
	const merged = Object.fromEntries(RESULT_LISTS.map((list) => [list, batches.flatMap((data) => idsOf(data, list))]));
	return toItems({ workspace_id: workspaceId, role_type: role, ...merged, batches });
}
