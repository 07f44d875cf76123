import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { cozeApiError } from '../../shared/errors';
import { nodeOf } from '../../shared/params';
import { pollUntil } from '../../shared/polling';
import { cozeApiRequest } from '../../shared/transport';

/** Document status (docs get_dataset_progress.md): 0 processing, 1 done, 9 failed. */
const PROCESSING = 0;
const FAILED = 9;

/** POST /v1/datasets/{dataset_id}/process: the progress of each document. Reading it twice is harmless, so it is retried. */
export async function documentProgress(
	this: IExecuteFunctions,
	datasetId: string,
	ids: string[],
	itemIndex: number,
	deadlineAt?: number,
): Promise<IDataObject[]> {
	const envelope = await cozeApiRequest.call(this, {
		method: 'POST',
		path: `/v1/datasets/${encodeURIComponent(datasetId)}/process`,
		body: { document_ids: ids },
		itemIndex,
		idempotent: true,
		deadlineAt,
	});
	return ((envelope.data as IDataObject | undefined)?.data as IDataObject[] | undefined) ?? [];
}

/**
 * Waits (≥ 1 s between checks, cancellable) until Coze has processed every document; a failed document is an error
 * naming it. Returns the final progress entries.
 */
export async function waitForProcessing(
	this: IExecuteFunctions,
	datasetId: string,
	ids: string[],
	timeoutSeconds: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	const finished = (progress: IDataObject[]) =>
		ids.every((id) => progress.some((entry) => String(entry.document_id) === id && Number(entry.status) !== PROCESSING));
	const progress = await pollUntil(this, {
		check: async (deadlineAt) => await documentProgress.call(this, datasetId, ids, itemIndex, deadlineAt),
		done: finished,
		intervalMs: 1000,
		timeoutMs: timeoutSeconds * 1000,
		onTimeout: () =>
			cozeApiError(nodeOf(this), { msg: `the document was still processing after ${timeoutSeconds} s; check it later with Get Progress` }, itemIndex),
		itemIndex,
	});
	const failed = progress.find((entry) => ids.includes(String(entry.document_id)) && Number(entry.status) === FAILED);
	if (failed) {
		throw cozeApiError(
			nodeOf(this),
			{ msg: `Coze could not process "${String(failed.document_name)}": ${String(failed.status_descript || 'no reason given')}` },
			itemIndex,
		);
	}
	return progress;
}
