import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../shared/router';
import { routeOperation } from '../../shared/router';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as listVersions from './listVersions.operation';
import * as publish from './publish.operation';
import * as unpublish from './unpublish.operation';
import * as update from './update.operation';

/** Operations per resource (the node's parameter list); the shared router finds `resource.operation`. */
export const resources: Record<string, Record<string, Operation>> = {
	bot: { create, update, publish, unpublish, get, getAll },
	version: { getAll: listVersions },
};

const operations: Record<string, Operation> = Object.fromEntries(
	Object.entries(resources).flatMap(([resource, byOperation]) =>
		Object.entries(byOperation).map(([operation, handler]) => [`${resource}.${operation}`, handler]),
	),
);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, operations);
}
