import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions, workflowIdField } from '../../../../shared/descriptions';
import { toItems } from '../../../../shared/items';
import { requiredId } from '../../../../shared/params';
import { cozeApiData } from '../../../../shared/transport';
import { parseWorkflowOutput } from '../../../../shared/workflow';
import { executeIdField } from '../fields';

export const meta = {
	name: 'Get Node Output',
	action: 'Get the output of a node',
	description: 'Read one output node of a run whose output was trimmed',
};

export const description: INodeProperties[] = [
	workflowIdField(),
	executeIdField,
	{
		displayName: 'Node Execute UUID',
		name: 'nodeExecuteUuid',
		type: 'string',
		default: '',
		required: true,
		description:
			"The node_execute_uuid of an output node, from node_execute_status of Get Run. Use it when a run's output was trimmed (is_output_trimmed).",
	},
	concurrencyOptions(),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workflowId = requiredId(this, 'workflowId', itemIndex, 'Workflow');
	const executeId = requiredId(this, 'executeId', itemIndex, 'Execute ID');
	const uuid = requiredId(this, 'nodeExecuteUuid', itemIndex, 'Node Execute UUID');
	const data = await cozeApiData.call(this, {
		method: 'GET',
		path: `/v1/workflows/${encodeURIComponent(workflowId)}/run_histories/${encodeURIComponent(executeId)}/execute_nodes/${encodeURIComponent(uuid)}`,
		itemIndex,
	});
	return toItems({
		workflow_id: workflowId,
		execute_id: executeId,
		node_execute_uuid: uuid,
		is_finish: data.is_finish,
		output: parseWorkflowOutput(data.node_output ?? ''),
	});
}
