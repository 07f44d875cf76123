import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, runItems } from './items';

/** One operation of a programmatic node: its parameters and what it does for one input item. */
export type Operation = {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;
};

/**
 * The Concurrency entry every operation's Options collection carries (n8n users look for batching under Options).
 * The router reads `options.concurrency`.
 */
export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 50 },
	default: DEFAULT_CONCURRENCY,
	description: 'How many input items are sent to Coze at the same time (order and pairing are kept)',
};

/** The `concurrency` parameter every programmatic Coze node ends with. */
export const concurrencyProperty: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 50 },
	default: DEFAULT_CONCURRENCY,
	description: 'How many input items are sent to Coze at the same time',
};

/** Runs the selected operation for every input item (bounded concurrency, ordered, paired, continueOnFail). */
export async function routeOperation(this: IExecuteFunctions, operations: Record<string, Operation>): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operations[operation];
	if (!handler) throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	const concurrency =
		Number(this.getNodeParameter('concurrency', 0, DEFAULT_CONCURRENCY) as IDataObject[keyof IDataObject]) || DEFAULT_CONCURRENCY;
	return [await runItems(this, async (itemIndex) => await handler.execute.call(this, itemIndex), concurrency)];
}
