import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { redactError } from './errors';

/** Default number of items processed at the same time: friendly to Coze rate limits, fast for batches. */
export const DEFAULT_CONCURRENCY = 5;

function withPairing(results: INodeExecutionData[], itemIndex: number): INodeExecutionData[] {
	return results.map((result) => ({ ...result, pairedItem: result.pairedItem ?? { item: itemIndex } }));
}

function errorItem(error: Error & IDataObject, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	const response = (error as { errorResponse?: IDataObject }).errorResponse ?? {};
	for (const key of ['code', 'logid', 'httpStatus']) {
		if (response[key] !== undefined && response[key] !== null) json[key] = response[key];
	}
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Runs `handle` for every input item with at most `concurrency` in flight. Output keeps input order and carries
 * `pairedItem`. With continueOnFail a failing item becomes `{ error, … }` and the others go on; otherwise the first
 * failure stops scheduling, in-flight items settle, and that failure is thrown.
 */
export async function runItems(
	ctx: IExecuteFunctions,
	handle: (itemIndex: number) => Promise<INodeExecutionData[]>,
	concurrency = DEFAULT_CONCURRENCY,
	secrets: () => Promise<string[]> = async () => [],
): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const results: INodeExecutionData[][] = new Array(count);
	const continueOnFail = ctx.continueOnFail();
	let next = 0;
	const state: { failure?: { error: Error; index: number } } = {};

	async function worker() {
		while (state.failure === undefined && next < count) {
			const index = next++;
			try {
				results[index] = withPairing(await handle(index), index);
			} catch (caught) {
				const error = redactError(caught, await secrets());
				if (continueOnFail) {
					results[index] = [errorItem(error as Error & IDataObject, index)];
				} else if (!state.failure || index < (state.failure as { index: number }).index) {
					state.failure = { error: error as Error, index };
				}
			}
		}
	}

	const workers = Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, async () => await worker());
	await Promise.all(workers);
	if (state.failure) throw state.failure.error;
	return results.flat();
}
