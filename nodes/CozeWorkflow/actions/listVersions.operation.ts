import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { limitOf, requiredId } from '../../shared/params';
import { cozePaginate, cursorStyle } from '../../shared/transport';
import { workflowIdField, workspaceField } from './fields';
import { concurrencyOption, returnAllOrLimit } from '../../shared/descriptions';

const show = { operation: ['listVersions'] };

export const description: INodeProperties[] = [
	workspaceField(['listVersions']),
	{ ...workflowIdField(['listVersions']), description: 'The workflow whose versions to list' },
	...returnAllOrLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Publish Status',
				name: 'publishStatus',
				type: 'options',
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Published Online', value: 'published_online' },
					{ name: 'Unpublished Draft', value: 'unpublished_draft' },
				],
				default: 'published_online',
				description: 'Which versions to list (Coze lists published versions when this is not set)',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			concurrencyOption,
			{
				displayName: 'Include Inputs and Outputs',
				name: 'includeInputOutput',
				type: 'boolean',
				default: false,
				description: "Whether to add each version's start-node inputs and end-node outputs (their names, types and whether they are required)",
			},
		],
	},
];

/**
 * GET /v1/workflows/:workflow_id/versions (docs list_workflow_version.md): page_size 1–30, the next page is asked with
 * page_token = the answer's data.next_page_token while data.has_more is true (the docs' example answers has_more
 * false together with a next_page_token, so has_more decides; coze-py workflows/versions TokenPaged does the same).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workflowId = requiredId(this, 'workflowId', itemIndex, 'Workflow');
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const limit = limitOf(this, itemIndex);
	const qs: IDataObject = {};
	if (filters.publishStatus) qs.publish_status = filters.publishStatus;
	if (options.includeInputOutput === true) qs.include_input_output = true;
	const style = cursorStyle({
		itemsPath: 'data.items',
		cursorParam: 'page_token',
		cursorPath: 'data.next_page_token',
		sizeParam: 'page_size',
		hasMorePath: 'data.has_more',
	});
	const versions = await cozePaginate.call(
		this,
		{ method: 'GET', path: `/v1/workflows/${encodeURIComponent(workflowId)}/versions`, qs, itemIndex },
		style,
		{ maxPageSize: 30, limit },
	);
	return versions.map((version) => ({ json: version, pairedItem: { item: itemIndex } }));
}
