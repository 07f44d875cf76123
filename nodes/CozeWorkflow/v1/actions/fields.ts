import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { workspaceLocator } from '../../../shared/descriptions';

/** Workspace picker: the workspace to read (required), or the one the workflow list is read from. */
export const workspaceField = (required = false): INodeProperties =>
	workspaceLocator({
		required,
		description: required ? 'The workspace (space) to read' : 'Workspace to pick the workflow from (only used by the workflow list)',
	});

export const executeIdField: INodeProperties = {
	displayName: 'Execute ID',
	name: 'executeId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '7424823131288400000',
	description: 'ID of the run (execute_id in the output of Run Workflow)',
};

/** How long a run or resume may take (Options → Timeout). */
export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 600,
	description: 'Fail when the result is not there after this long',
};

/** How a background run is waited for (Options → Poll Interval, Timeout). */
export const waitOptionFields: INodeProperties[] = [
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 2,
		description: 'How often to ask Coze whether a background run has finished (Coze asks for at most once per second)',
	},
	timeoutOption,
];

/** Filters → Publish Status: which publish states of workflows (or versions) to list; published online by default. */
export const publishStatusFilter = (states: INodePropertyOptions[], description?: string): INodeProperties => ({
	displayName: 'Publish Status',
	name: 'publishStatus',
	type: 'options',
	options: [{ name: 'All', value: 'all' }, { name: 'Published Online', value: 'published_online' }, ...states],
	default: 'published_online',
	...(description ? { description } : {}),
});
