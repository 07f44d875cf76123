import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parseJsonShape } from '../../shared/json';
import { requiredId } from '../../shared/params';

/** The Conversation ID of an item. */
export function conversationIdOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return requiredId(ctx, 'conversationId', itemIndex, 'Conversation ID');
}

/** The Conversation ID and Message ID of an item, as Coze names them in a query. */
export function messageIdsOf(ctx: IExecuteFunctions, itemIndex: number): { conversation_id: string; message_id: string } {
	return { conversation_id: conversationIdOf(ctx, itemIndex), message_id: requiredId(ctx, 'messageId', itemIndex, 'Message ID') };
}

/** `/v1/conversations/{conversation_id}` and what follows it. */
export const conversationPath = (conversationId: string, rest = ''): string => `/v1/conversations/${encodeURIComponent(conversationId)}${rest}`;

/** `/v1/conversations/{conversation_id}/messages/{message_id}/feedback`. */
export const feedbackPath = (ids: { conversation_id: string; message_id: string }): string =>
	conversationPath(ids.conversation_id, `/messages/${encodeURIComponent(ids.message_id)}/feedback`);

/** `meta_data` from a JSON parameter: left out when empty. */
export function metaData(ctx: IExecuteFunctions, value: unknown, itemIndex: number): IDataObject | undefined {
	const meta = parseJsonShape(ctx, value ?? {}, 'Meta Data', itemIndex, 'object');
	return Object.keys(meta).length ? meta : undefined;
}
