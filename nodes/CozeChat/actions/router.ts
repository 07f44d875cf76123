import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../shared/router';
import { routeOperation } from '../../shared/router';
import * as cancelChat from './cancelChat.operation';
import * as getChat from './getChat.operation';
import * as listMessages from './listMessages.operation';
import * as sendMessage from './sendMessage.operation';
import * as submitToolOutputs from './submitToolOutputs.operation';

export const operations: Record<string, Operation> = { sendMessage, submitToolOutputs, getChat, listMessages, cancelChat };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, operations);
}
