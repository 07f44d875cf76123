import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../shared/router';
import { routeOperation } from '../../shared/router';
import * as chat from './chat.operation';
import * as get from './get.operation';
import * as getNodeOutput from './getNodeOutput.operation';
import * as getRun from './getRun.operation';
import * as list from './list.operation';
import * as listVersions from './listVersions.operation';
import * as resume from './resume.operation';
import * as run from './run.operation';

export const operations: Record<string, Operation> = { run, resume, chat, getRun, getNodeOutput, list, get, listVersions };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, operations);
}
