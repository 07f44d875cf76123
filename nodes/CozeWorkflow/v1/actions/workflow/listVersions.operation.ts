import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collectionField, optionsField, returnAllOrLimit, workflowIdField } from '../../../../shared/descriptions';
import { collectionParameter, requiredId } from '../../../../shared/params';
import { cursorStyle, listItems } from '../../../../shared/transport';
import { publishStatusFilter, workspaceField } from '../fields';

export const meta = {
	name: 'List Versions',
	action: 'List the versions of a workflow',
	description: 'List the published versions of a workflow (version number, description, who published it, when)',
};

export const description: INodeProperties[] = [
	workspaceField(),
	{ ...workflowIdField(), description: 'The workflow whose versions to list' },
	...returnAllOrLimit(),
	collectionField('filters', [
		publishStatusFilter(
			[{ name: 'Unpublished Draft', value: 'unpublished_draft' }],
			'Which versions to list (Coze lists published versions when this is not set)',
		),
	]),
	optionsField([
		{
			displayName: 'Include Inputs and Outputs',
			name: 'includeInputOutput',
			type: 'boolean',
			default: false,
			description: "Whether to add each version's start-node inputs and end-node outputs (their names, types and whether they are required)",
		},
	]),
];

/**
 * GET /v1/workflows/:workflow_id/versions (docs list_workflow_version.md): page_size 1–30, the next page is asked with
 * page_token = the answer's data.next_page_token while data.has_more is true (the docs' example answers has_more
 * false together with a next_page_token, so has_more decides; coze-py workflows/versions TokenPaged does the same).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workflowId = requiredId(this, 'workflowId', itemIndex, 'Workflow');
	const filters = collectionParameter(this, 'filters', itemIndex);
	const options = collectionParameter(this, 'options', itemIndex);
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
	const path = `/v1/workflows/${encodeURIComponent(workflowId)}/versions`;
	return await listItems(this, { method: 'GET', path, qs, itemIndex }, style, 30);
}
