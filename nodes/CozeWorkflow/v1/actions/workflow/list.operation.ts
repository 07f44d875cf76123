import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { appLocator, choiceField, collectionField, concurrencyOptions, returnAllOrLimit } from '../../../../shared/descriptions';
import { collectionParameter, optionalId, requiredId } from '../../../../shared/params';
import { listItems, pageNumberStyle } from '../../../../shared/transport';
import { publishStatusFilter, workspaceField } from '../fields';

export const meta = { name: 'List Workflows', action: 'List workflows', description: 'List the workflows of a workspace' };

export const description: INodeProperties[] = [
	workspaceField(true),
	...returnAllOrLimit(),
	collectionField('filters', [
		appLocator({ description: 'Only workflows of this Coze app. The list shows the published apps of the workspace above.' }),
		publishStatusFilter([
			{ name: 'Published With Newer Draft', value: 'published_draft' },
			{ name: 'Unpublished Draft', value: 'unpublished_draft' },
		]),
		choiceField('Type', 'workflowMode', 'workflow', [
			['Workflow', 'workflow'],
			['Chat Flow', 'chatflow'],
		]),
	]),
	concurrencyOptions(),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workspaceId = requiredId(this, 'workspaceId', itemIndex, 'Workspace');
	const filters = collectionParameter(this, 'filters', itemIndex);
	const style = pageNumberStyle({ itemsPath: 'data.items', hasMorePath: 'data.has_more' });
	const qs: IDataObject = { workspace_id: workspaceId };
	if (filters.workflowMode) qs.workflow_mode = filters.workflowMode;
	if (filters.publishStatus) qs.publish_status = filters.publishStatus;
	const appId = optionalId(this, 'filters.appId', itemIndex, 'App ID');
	if (appId) qs.app_id = appId;
	// docs get_workflow_list.md: page_size at most 30.
	return await listItems(this, { method: 'GET', path: '/v1/workflows', qs, itemIndex }, style, 30);
}
