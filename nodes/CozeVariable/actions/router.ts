import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../shared/router';
import { routeOperation } from '../../shared/router';
import * as get from './get.operation';
import * as set from './set.operation';

export const operations: Record<string, Operation> = { get, set };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, operations);
}
