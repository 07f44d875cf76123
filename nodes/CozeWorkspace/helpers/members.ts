import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../shared/errors';
import { idList, parameterOf, requiredId } from '../../shared/params';
import { cozeApiData } from '../../shared/transport';

/** A list of user IDs in one of Coze's answers, as text ([] when absent). */
export const idsOf = (data: IDataObject, key: string): string[] => ((data[key] as string[] | undefined) ?? []).map(String);

/**
 * Member Add / Remove send users in batches, one call each; a failing call does not undo the earlier ones. Runs the
 * batches in order and returns what each did (`{user_ids, …its answer's lists}`); when a batch fails after others
 * were applied, the error says which users those were (`applied` names them from the finished batches), so nothing
 * done is silently dropped.
 */
async function runBatches(
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
function chunks<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

/** How Add or Remove changes the members of a workspace (…/members with `method`, at most `batchSize` users a call). */
export interface MemberChange {
	method: 'POST' | 'DELETE';
	batchSize: number;
	body: (batch: string[]) => IDataObject;
	/** The users the finished batches changed, for the error of a later batch. */
	applied: (done: IDataObject[]) => string;
}

/** Reads the workspace and the User IDs (deduplicated) and sends them in batches; what each batch did, in order. */
export async function changeMembers(
	ctx: IExecuteFunctions,
	itemIndex: number,
	change: MemberChange,
): Promise<{ workspaceId: string; batches: IDataObject[] }> {
	const workspaceId = requiredId(ctx, 'workspaceId', itemIndex, 'Workspace');
	const userIds = [...new Set(idList(parameterOf(ctx, 'userIds', itemIndex, '')))];
	if (userIds.length === 0) throw new NodeOperationError(ctx.getNode(), 'Enter at least one user ID', { itemIndex });
	const path = `/v1/workspaces/${workspaceId}/members`;
	const call = async (batch: string[]) => await cozeApiData.call(ctx, { method: change.method, path, body: change.body(batch), itemIndex });
	return { workspaceId, batches: await runBatches(ctx, itemIndex, chunks(userIds, change.batchSize), call, change.applied) };
}
