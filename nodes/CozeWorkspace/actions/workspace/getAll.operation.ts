import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collectionField, optionsField, returnAllOrLimit } from '../../../shared/descriptions';
import { collectionParameter } from '../../../shared/params';
import { listItems, pageNumberStyle } from '../../../shared/transport';

export const meta = { name: 'Get Many', action: 'Get many workspaces', description: 'List the workspaces you created or joined' };

export const description: INodeProperties[] = [
	...returnAllOrLimit(),
	collectionField('filters', [
		{
			displayName: 'Enterprise ID',
			name: 'enterpriseId',
			type: 'string',
			default: '',
			placeholder: 'volcano_2105850000',
			description: 'Only the workspaces of this enterprise that you created or joined (no personal workspace)',
		},
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			default: '',
			description: 'Workspaces this Coze user joined in the organization below (needs Organization ID)',
		},
		{
			displayName: 'Organization ID',
			name: 'cozeAccountId',
			type: 'string',
			default: '',
			description: 'Organization (coze_account_id) for the User ID filter; on the personal edition it is the user ID',
		},
	]),
	optionsField(),
];

/** GET /v1/workspaces (list_workspace.md): page_size ≤ 50, answers { workspaces, total_count }. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const filters = collectionParameter(this, 'filters', itemIndex);
	const qs: IDataObject = {};
	const enterpriseId = String(filters.enterpriseId ?? '').trim();
	const userId = String(filters.userId ?? '').trim();
	const accountId = String(filters.cozeAccountId ?? '').trim();
	if (Boolean(userId) !== Boolean(accountId)) {
		throw new NodeOperationError(this.getNode(), 'User ID and Organization ID go together: set both or neither', { itemIndex });
	}
	if (enterpriseId && userId)
		throw new NodeOperationError(this.getNode(), 'Use either Enterprise ID or User ID + Organization ID, not both', { itemIndex });
	if (enterpriseId) qs.enterprise_id = enterpriseId;
	if (userId) Object.assign(qs, { user_id: userId, coze_account_id: accountId });
	const style = pageNumberStyle({ itemsPath: 'data.workspaces', totalPath: 'data.total_count' });
	return await listItems(this, { method: 'GET', path: '/v1/workspaces', qs, itemIndex }, style, 50);
}
