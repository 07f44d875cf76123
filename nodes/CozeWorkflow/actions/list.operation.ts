import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { appLocator, concurrencyOptions, returnAllOrLimit } from '../../shared/descriptions';
import { limitOf, optionalId, requiredId } from '../../shared/params';
import { cozePaginate, pageNumberStyle } from '../../shared/transport';
import { workspaceField } from './fields';

const show = { operation: ['list'] };

export const description: INodeProperties[] = [
	workspaceField(['list'], true),
	...returnAllOrLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			appLocator({ description: 'Only workflows of this Coze app. The list shows the published apps of the workspace above.' }),
			{
				displayName: 'Publish Status',
				name: 'publishStatus',
				type: 'options',
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Published Online', value: 'published_online' },
					{ name: 'Published With Newer Draft', value: 'published_draft' },
					{ name: 'Unpublished Draft', value: 'unpublished_draft' },
				],
				default: 'published_online',
			},
			{
				displayName: 'Type',
				name: 'workflowMode',
				type: 'options',
				options: [
					{ name: 'Workflow', value: 'workflow' },
					{ name: 'Chat Flow', value: 'chatflow' },
				],
				default: 'workflow',
			},
		],
	},
	concurrencyOptions(show),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workspaceId = requiredId(this, 'workspaceId', itemIndex, 'Workspace');
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const limit = limitOf(this, itemIndex);
	const style = pageNumberStyle({ itemsPath: 'data.items', hasMorePath: 'data.has_more' });
	const qs: IDataObject = { workspace_id: workspaceId };
	if (filters.workflowMode) qs.workflow_mode = filters.workflowMode;
	if (filters.publishStatus) qs.publish_status = filters.publishStatus;
	const appId = optionalId(this, 'filters.appId', itemIndex, 'App ID');
	if (appId) qs.app_id = appId;
	// docs get_workflow_list.md: page_size at most 30.
	const workflows = await cozePaginate.call(this, { method: 'GET', path: '/v1/workflows', qs, itemIndex }, style, { maxPageSize: 30, limit });
	return workflows.map((workflow) => ({ json: workflow, pairedItem: { item: itemIndex } }));
}
