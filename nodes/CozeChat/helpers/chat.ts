import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { requiredId } from '../../shared/params';

/** The chat turn the fields name: conversation_id and chat_id, as Coze's chat endpoints take them. */
export function chatOf(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return {
		conversation_id: requiredId(ctx, 'conversationId', itemIndex, 'Conversation ID'),
		chat_id: requiredId(ctx, 'chatId', itemIndex, 'Chat ID'),
	};
}
