import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Operation } from '../../shared/router';
import { routeOperation } from '../../shared/router';
import type { Resource } from './fields';
import * as memberAdd from './memberAdd.operation';
import * as memberGetAll from './memberGetAll.operation';
import * as memberRemove from './memberRemove.operation';
import * as templateDuplicate from './templateDuplicate.operation';
import * as userGetCurrent from './userGetCurrent.operation';
import * as workspaceCreate from './workspaceCreate.operation';
import * as workspaceGetAll from './workspaceGetAll.operation';
import * as workspaceUpdate from './workspaceUpdate.operation';

/** Operations per resource; the shared router then picks the operation and runs it per item. */
export const resources: Record<Resource, Record<string, Operation>> = {
	workspace: { getAll: workspaceGetAll, create: workspaceCreate, update: workspaceUpdate },
	member: { getAll: memberGetAll, add: memberAdd, remove: memberRemove },
	user: { getCurrent: userGetCurrent },
	template: { duplicate: templateDuplicate },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as Resource;
	const operations = resources[resource];
	if (!operations) throw new NodeOperationError(this.getNode(), `The resource "${resource}" is not supported`);
	return await routeOperation.call(this, operations);
}
