import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../shared/router';
import { routeOperation } from '../../shared/router';
import * as appGetAll from './appGetAll.operation';
import type { Resource } from './fields';
import * as memberAdd from './memberAdd.operation';
import * as memberGetAll from './memberGetAll.operation';
import * as memberRemove from './memberRemove.operation';
import * as templateDuplicate from './templateDuplicate.operation';
import * as userGetCurrent from './userGetCurrent.operation';
import * as workspaceCreate from './workspaceCreate.operation';
import * as workspaceGetAll from './workspaceGetAll.operation';
import * as workspaceUpdate from './workspaceUpdate.operation';

/** Operations per resource (the node's parameter list); the shared router finds `resource.operation`. */
export const resources: Record<Resource, Record<string, Operation>> = {
	workspace: { getAll: workspaceGetAll, create: workspaceCreate, update: workspaceUpdate },
	member: { getAll: memberGetAll, add: memberAdd, remove: memberRemove },
	user: { getCurrent: userGetCurrent },
	template: { duplicate: templateDuplicate },
	app: { getAll: appGetAll },
};

const operations: Record<string, Operation> = Object.fromEntries(
	Object.entries(resources).flatMap(([resource, byOperation]) =>
		Object.entries(byOperation).map(([operation, handler]) => [`${resource}.${operation}`, handler]),
	),
);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, operations);
}
