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
 * The one bounded pool of the package: at most `size` workers take the indexes 0 … count - 1 in order, each starting
 * its next one as soon as its last is done, until none is left or `stop()` says so. `start(worker)` may hold a
 * worker back before its first take (pacing).
 */
export async function boundedPool(
	count: number,
	size: number,
	work: (index: number) => Promise<void>,
	options: { stop?: () => boolean; start?: (worker: number) => Promise<void> } = {},
): Promise<void> {
	let next = 0;
	const workers = Math.max(1, Math.min(size, count));
	await Promise.all(
		Array.from({ length: workers }, async (_, worker) => {
			await options.start?.(worker);
			while (next < count && !options.stop?.()) await work(next++);
		}),
	);
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
	const state: { failure?: { error: Error; index: number } } = {};

	await boundedPool(
		count,
		concurrency,
		async (index) => {
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
		},
		{ stop: () => state.failure !== undefined },
	);
	if (state.failure) throw state.failure.error;
	return results.flat();
}

/** Output items of one input item (the router adds pairedItem). */
export function toItems(list: IDataObject | IDataObject[]): INodeExecutionData[] {
	return (Array.isArray(list) ? list : [list]).map((json) => ({ json }));
}
