import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Operation } from '../../shared/router';
import { routeOperation } from '../../shared/router';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as listVersions from './listVersions.operation';
import * as publish from './publish.operation';
import * as unpublish from './unpublish.operation';
import * as update from './update.operation';

/** Operations per resource; the shared router then picks the operation and runs it per item. */
export const resources: Record<string, Record<string, Operation>> = {
	bot: { create, update, publish, unpublish, get, getAll },
	version: { getAll: listVersions },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operations = resources[resource];
	if (!operations) throw new NodeOperationError(this.getNode(), `The resource "${resource}" is not supported`);
	return await routeOperation.call(this, operations);
}
