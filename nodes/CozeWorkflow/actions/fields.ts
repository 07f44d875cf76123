import type { INodeProperties } from 'n8n-workflow';

import { workspaceLocator } from '../../shared/descriptions';

export { WORKFLOW_NODE_DESCRIPTION, workflowIdField } from '../../shared/descriptions';

/** Workspace picker (feeds the workflow list); shown for the given operations. */
export const workspaceField = (operations?: string[], required = false): INodeProperties =>
	workspaceLocator({
		required,
		description: required ? 'The workspace (space) to read' : 'Workspace to pick the workflow from (only used by the workflow list)',
		displayOptions: operations ? { show: { operation: operations } } : undefined,
	});

export const executeIdField = (operations: string[]): INodeProperties => ({
	displayName: 'Execute ID',
	name: 'executeId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '7424823131288400000',
	description: 'ID of the run (execute_id in the output of Run Workflow)',
	displayOptions: { show: { operation: operations } },
});

export const waitOptionFields: INodeProperties[] = [
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 2,
		description: 'How often to ask Coze whether a background run has finished (Coze asks for at most once per second)',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 600,
		description: 'Fail when the result is not there after this long',
	},
];
