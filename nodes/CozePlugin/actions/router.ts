import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../shared/router';
import { routeOperation } from '../../shared/router';
import * as callTool from './callTool.operation';
import * as get from './get.operation';
import * as list from './list.operation';

export const operations: Record<string, Operation> = { callTool, get, list };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, operations);
}
