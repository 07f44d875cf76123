import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getRunHistory, runFailure, waitForRun } from '../../shared/workflow';
import { executeIdField, waitOptionFields, workflowIdField } from './fields';
import { concurrencyOption } from '../../shared/descriptions';

const show = { operation: ['getRun'] };

export const description: INodeProperties[] = [
	workflowIdField(['getRun']),
	executeIdField(['getRun']),
	{
		displayName: 'Wait for Completion',
		name: 'wait',
		type: 'boolean',
		default: false,
		description: 'Whether to poll until the run is no longer Running (otherwise return its current status at once)',
		displayOptions: { show },
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
				displayName: 'Fail on Failed Run',
				name: 'failOnFail',
				type: 'boolean',
				default: false,
				description: 'Whether a run with status Fail stops the n8n workflow (otherwise it is returned as an item)',
			},
			...waitOptionFields.map((field) => ({ ...field, displayOptions: { show: { '/wait': [true] } } })),
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workflowId = String(this.getNodeParameter('workflowId', itemIndex, '', { extractValue: true }) ?? '').trim();
	const executeId = String(this.getNodeParameter('executeId', itemIndex) ?? '').trim();
	if (!workflowId || !executeId) {
		throw new NodeOperationError(this.getNode(), 'Workflow and Execute ID are both required to read a run', { itemIndex });
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const run = this.getNodeParameter('wait', itemIndex, false)
		? await waitForRun.call(this, workflowId, executeId, {
				timeoutSeconds: Number(options.timeout ?? 600),
				pollIntervalSeconds: Number(options.pollInterval ?? 2),
				itemIndex,
			})
		: await getRunHistory.call(this, workflowId, executeId, itemIndex);
	if ((run.execute_status === 'Fail' || run.execute_status === 'Cancel') && options.failOnFail === true)
		throw runFailure(this.getNode(), run, itemIndex);
	return [{ json: { workflow_id: workflowId, ...run }, pairedItem: { item: itemIndex } }];
}
