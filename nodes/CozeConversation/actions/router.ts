import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../shared/router';
import { routeOperation } from '../../shared/router';
import * as clear from './conversation/clear.operation';
import * as create from './conversation/create.operation';
import * as deleteConversation from './conversation/delete.operation';
import * as get from './conversation/get.operation';
import * as getAll from './conversation/getAll.operation';
import * as update from './conversation/update.operation';
import * as addFeedback from './message/addFeedback.operation';
import * as createMessage from './message/create.operation';
import * as deleteMessage from './message/delete.operation';
import * as deleteFeedback from './message/deleteFeedback.operation';
import * as getMessage from './message/get.operation';
import * as getAllMessages from './message/getAll.operation';
import * as updateMessage from './message/update.operation';

/** `resource.operation` → operation. */
export const operations: Record<string, Operation> = {
	'conversation.create': create,
	'conversation.get': get,
	'conversation.getAll': getAll,
	'conversation.update': update,
	'conversation.clear': clear,
	'conversation.delete': deleteConversation,
	'message.create': createMessage,
	'message.get': getMessage,
	'message.getAll': getAllMessages,
	'message.update': updateMessage,
	'message.delete': deleteMessage,
	'message.addFeedback': addFeedback,
	'message.deleteFeedback': deleteFeedback,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, operations);
}
