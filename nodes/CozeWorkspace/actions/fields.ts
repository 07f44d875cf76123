import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { concurrencyOption, returnAllOrLimit, workspaceLocator } from '../../shared/descriptions';
import { asNodeError } from '../../shared/errors';
import { idText } from '../../shared/params';

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

/**
 * Member Add / Remove send users in batches, one call each; a failing call does not undo the earlier ones. Runs the
 * batches in order and returns what each did (`{user_ids, …its answer's lists}`); when a batch fails after others
 * were applied, the error says which users those were (`applied` names them from the finished batches), so nothing
 * done is silently dropped.
 */
export async function runBatches(
	ctx: IExecuteFunctions,
	itemIndex: number,
	batches: string[][],
	call: (batch: string[]) => Promise<IDataObject>,
	applied: (done: IDataObject[]) => string,
): Promise<IDataObject[]> {
	const done: IDataObject[] = [];
	for (const [index, batch] of batches.entries()) {
		try {
			done.push({ user_ids: batch, ...(await call(batch)) });
		} catch (caught) {
			const error = asNodeError(ctx.getNode(), caught, itemIndex);
			if (done.length > 0) {
				const note = `batch ${index + 1} of ${batches.length} failed; earlier batches were applied and stay: ${applied(done)}`;
				error.message = `${error.message} (${note})`;
				error.description = [error.description, `${note[0].toUpperCase()}${note.slice(1)}.`, `Not sent: ${batches.slice(index).flat().join(', ')}`]
					.filter(Boolean)
					.join('\n');
			}
			throw error;
		}
	}
	return done;
}

/** Splits a list into chunks of at most `size` (Coze caps batch member calls). */
export function chunks<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}
