import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cozeApiData } from '../../shared/transport';
import { workflowIdField, workspaceField } from './fields';
import { concurrencyOptions } from '../../shared/descriptions';

export const description: INodeProperties[] = [workspaceField(['get']), workflowIdField(['get']), concurrencyOptions({ operation: ['get'] })];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workflowId = String(this.getNodeParameter('workflowId', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!workflowId) throw new NodeOperationError(this.getNode(), 'Choose a workflow or enter its ID', { itemIndex });
	const data = await cozeApiData.call(this, { method: 'GET', path: `/v1/workflows/${encodeURIComponent(workflowId)}`, itemIndex });
	return [{ json: (data.workflow_detail as IDataObject | undefined) ?? data, pairedItem: { item: itemIndex } }];
}
