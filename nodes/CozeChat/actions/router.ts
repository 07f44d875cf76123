import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, runItems } from '../../shared/items';
import * as cancelChat from './cancelChat.operation';
import * as getChat from './getChat.operation';
import * as listMessages from './listMessages.operation';
import * as sendMessage from './sendMessage.operation';
import * as submitToolOutputs from './submitToolOutputs.operation';

type Operation = {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;
};

export const operations: Record<string, Operation> = { sendMessage, submitToolOutputs, getChat, listMessages, cancelChat };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operations[operation];
	if (!handler) throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	const concurrency = Number(this.getNodeParameter('concurrency', 0, DEFAULT_CONCURRENCY) as IDataObject[keyof IDataObject]) || DEFAULT_CONCURRENCY;
	return [await runItems(this, async (itemIndex) => await handler.execute.call(this, itemIndex), concurrency)];
}
