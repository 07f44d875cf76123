import type { INodeProperties } from 'n8n-workflow';

import { workspaceLocator } from '../../shared/descriptions';

/**
 * What the Coze Workflow node does. The trigger uses the same text: n8n's node panel merges an action node and the
 * trigger whose name is the action's name + "Trigger" into one entry and shows the trigger's description there
 * (editor-ui useActionsGeneration.ts, generateMergedNodesAndActions: `app.description = trigger.description`).
 */
export const WORKFLOW_NODE_DESCRIPTION = 'Run Coze workflows (streaming, sync or in the background), answer their questions and read async results';

/** Workspace picker (feeds the workflow list); shown for the given operations. */
export const workspaceField = (operations?: string[], required = false): INodeProperties =>
	workspaceLocator({
		required,
		description: required ? 'The workspace (space) to read' : 'Workspace to pick the workflow from (only used by the workflow list)',
		displayOptions: operations ? { show: { operation: operations } } : undefined,
	});

export const workflowIdField = (operations?: string[]): INodeProperties => ({
	displayName: 'Workflow',
	name: 'workflowId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The workflow. It must be published (an unpublished workflow answers error 4200).',
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchWorkflows', searchable: true } },
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '7366468917055123456',
			validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A workflow ID is a number, e.g. 7366468917055123456' } }],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'https://www.coze.cn/work_flow?space_id=…&workflow_id=7366468917055123456',
			extractValue: { type: 'regex', regex: 'workflow_id=(\\d+)' },
			validation: [{ type: 'regex', properties: { regex: '.*workflow_id=\\d+.*', errorMessage: 'The URL must contain workflow_id=<number>' } }],
		},
	],
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
