import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { optionsField, workflowIdField } from '../../../../shared/descriptions';
import { toItems } from '../../../../shared/items';
import { booleanParameter, collectionParameter, requiredId } from '../../../../shared/params';
import { getRunHistory, runFailure, waitForRun } from '../../../../shared/workflow';
import { executeIdField, waitOptionFields } from '../fields';

export const meta = { name: 'Get Run', action: 'Get a workflow run', description: 'Read the status and output of a background run', studio: true };

export const description: INodeProperties[] = [
	workflowIdField(),
	executeIdField,
	{
		displayName: 'Wait for Completion',
		name: 'wait',
		type: 'boolean',
		default: false,
		description: 'Whether to poll until the run is no longer Running (otherwise return its current status at once)',
	},
	optionsField([
		{
			displayName: 'Fail on Failed Run',
			name: 'failOnFail',
			type: 'boolean',
			default: false,
			description: 'Whether a run with status Fail stops the n8n workflow (otherwise it is returned as an item)',
		},
		...waitOptionFields.map((field) => ({ ...field, displayOptions: { show: { '/wait': [true] } } })),
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workflowId = requiredId(this, 'workflowId', itemIndex, 'Workflow');
	const executeId = requiredId(this, 'executeId', itemIndex, 'Execute ID');
	const options = collectionParameter(this, 'options', itemIndex);
	const run = booleanParameter(this, 'wait', itemIndex, 'Wait for Completion', false)
		? await waitForRun.call(this, workflowId, executeId, {
				timeoutSeconds: Number(options.timeout ?? 600),
				pollIntervalSeconds: Number(options.pollInterval ?? 2),
				itemIndex,
			})
		: await getRunHistory.call(this, workflowId, executeId, itemIndex);
	if ((run.execute_status === 'Fail' || run.execute_status === 'Cancel') && options.failOnFail === true)
		throw runFailure(this.getNode(), run, itemIndex);
	return toItems({ workflow_id: workflowId, ...run });
}
