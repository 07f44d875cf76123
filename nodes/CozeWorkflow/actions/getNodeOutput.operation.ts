import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cozeApiData } from '../../shared/transport';
import { parseWorkflowOutput } from '../../shared/workflow';
import { executeIdField, workflowIdField } from './fields';
import { concurrencyOptions } from '../../shared/descriptions';

export const description: INodeProperties[] = [
	workflowIdField(['getNodeOutput']),
	executeIdField(['getNodeOutput']),
	{
		displayName: 'Node Execute UUID',
		name: 'nodeExecuteUuid',
		type: 'string',
		default: '',
		required: true,
		description:
			"The node_execute_uuid of an output node, from node_execute_status of Get Run. Use it when a run's output was trimmed (is_output_trimmed).",
		displayOptions: { show: { operation: ['getNodeOutput'] } },
	},
	concurrencyOptions({ operation: ['getNodeOutput'] }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workflowId = String(this.getNodeParameter('workflowId', itemIndex, '', { extractValue: true }) ?? '').trim();
	const executeId = String(this.getNodeParameter('executeId', itemIndex) ?? '').trim();
	const uuid = String(this.getNodeParameter('nodeExecuteUuid', itemIndex) ?? '').trim();
	if (!workflowId || !executeId || !uuid) {
		throw new NodeOperationError(this.getNode(), 'Workflow, Execute ID and Node Execute UUID are all required', { itemIndex });
	}
	const data = await cozeApiData.call(this, {
		method: 'GET',
		path: `/v1/workflows/${encodeURIComponent(workflowId)}/run_histories/${encodeURIComponent(executeId)}/execute_nodes/${encodeURIComponent(uuid)}`,
		itemIndex,
	});
	return [
		{
			json: {
				workflow_id: workflowId,
				execute_id: executeId,
				node_execute_uuid: uuid,
				is_finish: data.is_finish,
				output: parseWorkflowOutput(data.node_output ?? ''),
			},
			pairedItem: { item: itemIndex },
		},
	];
}
