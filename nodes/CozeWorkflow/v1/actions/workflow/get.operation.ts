import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { concurrencyOptions, workflowIdField } from '../../../../shared/descriptions';
import { toItems } from '../../../../shared/items';
import { requiredId } from '../../../../shared/params';
import { cozeApiData } from '../../../../shared/transport';
import { workspaceField } from '../fields';

export const meta = { name: 'Get Workflow', action: 'Get a workflow', description: 'Read the name, description and app of a workflow', studio: true };

export const description: INodeProperties[] = [workspaceField(), workflowIdField(), concurrencyOptions()];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workflowId = requiredId(this, 'workflowId', itemIndex, 'Workflow');
	const data = await cozeApiData.call(this, { method: 'GET', path: `/v1/workflows/${encodeURIComponent(workflowId)}`, itemIndex });
	return toItems((data.workflow_detail as IDataObject | undefined) ?? data);
}
