import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cozePaginate, pageNumberStyle } from '../../shared/transport';
import { workspaceField } from './fields';

const show = { operation: ['list'] };

export const description: INodeProperties[] = [
	workspaceField(['list'], true),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'App ID', name: 'appId', type: 'string', default: '', description: 'Only workflows of this Coze app' },
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
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workspaceId = String(this.getNodeParameter('workspaceId', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!workspaceId) throw new NodeOperationError(this.getNode(), 'Choose a workspace or enter its ID', { itemIndex });
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const style = pageNumberStyle({ itemsPath: 'data.items', hasMorePath: 'data.has_more', pageSize: 30 });
	const qs: IDataObject = { workspace_id: workspaceId };
	if (filters.workflowMode) qs.workflow_mode = filters.workflowMode;
	if (filters.publishStatus) qs.publish_status = filters.publishStatus;
	if (filters.appId) qs.app_id = String(filters.appId).trim();
	const workflows = await cozePaginate.call(this, style.first({ method: 'GET', path: '/v1/workflows', qs, itemIndex }), style, limit);
	return workflows.map((workflow) => ({ json: workflow, pairedItem: { item: itemIndex } }));
}
