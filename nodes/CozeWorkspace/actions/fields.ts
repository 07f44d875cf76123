import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { workspaceLocator } from '../../shared/descriptions';
import { idText, returnAllOrLimit } from '../../shared/params';
import { concurrencyOption } from '../../shared/router';

export type Resource = 'workspace' | 'member' | 'user' | 'template' | 'app';

export const showFor = (resource: Resource, operations: string[]) => ({ show: { resource: [resource], operation: operations } });

export const workspaceField = (resource: Resource, operations: string[], description: string): INodeProperties =>
	workspaceLocator({ required: true, description, displayOptions: showFor(resource, operations) });

/** Return All / Limit (shared). */
export const returnAllFields = (resource: Resource, operations: string[]): INodeProperties[] => returnAllOrLimit(showFor(resource, operations).show);

/** The Options collection of one operation: extra fields plus Concurrency. */
export const optionsField = (resource: Resource, operations: string[], options: INodeProperties[] = []): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: showFor(resource, operations),
	options: [...options, concurrencyOption],
});

export function workspaceIdOf(this: IExecuteFunctions, itemIndex: number): string {
	const workspaceId = idText(this, this.getNodeParameter('workspaceId', itemIndex, '', { extractValue: true }), 'Workspace ID', itemIndex);
	if (!workspaceId) throw new NodeOperationError(this.getNode(), 'Choose a workspace or enter its ID', { itemIndex });
	return workspaceId;
}

/** Splits a list into chunks of at most `size` (Coze caps batch member calls). */
export function chunks<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}
