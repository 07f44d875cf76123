import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { asNodeError, cozeApiError } from '../../shared/errors';
import type { CozeRequest } from '../../shared/transport';
import { cozeApiData, cozeApiRequest, cozeApiStream } from '../../shared/transport';
import type { ChatTurn } from '../../shared/chatTurn';
import { TERMINAL_STATUSES, collectChatStream, summarizeTurn } from '../../shared/chatTurn';

export type OutputMode = 'answer' | 'messages' | 'events';

export interface TurnOptions {
	timeoutSeconds: number;
	idleTimeoutSeconds: number;
	pollIntervalSeconds: number;
	outputMode: OutputMode;
	liveStreaming: boolean;
}

export function turnOptions(options: IDataObject): TurnOptions {
	return {
		timeoutSeconds: Number(options.timeout ?? 300),
		idleTimeoutSeconds: Number(options.idleTimeout ?? 60),
		pollIntervalSeconds: Math.max(1, Number(options.pollInterval ?? 1)),
		outputMode: (options.outputMode as OutputMode) ?? 'answer',
		liveStreaming: options.liveStreaming !== false,
	};
}

/** Cancels a chat, tolerating "cannot cancel" (it finished meanwhile). */
export async function cancelChat(ctx: IExecuteFunctions, conversationId: string, chatId: string, itemIndex: number) {
	try {
		return await cozeApiData.call(ctx, {
			method: 'POST',
			path: '/v3/chat/cancel',
			body: { conversation_id: conversationId, chat_id: chatId },
			itemIndex,
		});
	} catch {
		return undefined;
	}
}

/**
 * Streams a chat-producing request (/v3/chat or submit_tool_outputs) and returns the turn the moment it ends. A
 * stream that fails, goes idle or runs past the timeout leaves no chat running: it is cancelled (best effort).
 */
export async function streamTurn(ctx: IExecuteFunctions, request: CozeRequest, options: TurnOptions, itemIndex: number): Promise<ChatTurn> {
	const live = options.liveStreaming && ctx.isStreaming();
	const deadline = Date.now() + options.timeoutSeconds * 1000;
	const { events, logId, close } = await cozeApiStream.call(ctx, {
		...request,
		// Socket idle limit; never longer than the whole timeout, so a silent chat cannot outlive it.
		timeoutMs: Math.min(options.idleTimeoutSeconds, options.timeoutSeconds) * 1000,
		itemIndex,
	});
	let chat: IDataObject | undefined;
	const timedOut = () =>
		cozeApiError(ctx.getNode(), { msg: `no answer within ${options.timeoutSeconds} s; the chat was cancelled`, logId }, itemIndex);
	if (live) await ctx.sendChunk('begin', itemIndex);
	try {
		return await collectChatStream(events, {
			node: ctx.getNode(),
			itemIndex,
			logId,
			keepEvents: options.outputMode === 'events',
			onAnswerDelta: live ? async (text) => await ctx.sendChunk('item', itemIndex, text) : undefined,
			onChat: (current) => (chat = current),
			deadline,
			onDeadline: async () => {
				throw timedOut();
			},
		});
	} catch (error) {
		close();
		if (chat?.id && chat.conversation_id && !TERMINAL_STATUSES.includes(String(chat.status))) {
			await cancelChat(ctx, String(chat.conversation_id), String(chat.id), itemIndex);
		}
		if (Date.now() >= deadline) throw timedOut();
		throw asNodeError(ctx.getNode(), error, itemIndex);
	} finally {
		close();
		if (live) await ctx.sendChunk('end', itemIndex);
	}
}

/**
 * The non-stream path: the chat was created with stream=false; poll retrieve (never faster than 1/s) until a
 * terminal status, cancel on timeout, then list the turn's messages.
 */
export async function pollTurn(ctx: IExecuteFunctions, created: IDataObject, options: TurnOptions, itemIndex: number): Promise<ChatTurn> {
	const conversationId = String(created.conversation_id);
	const chatId = String(created.id);
	const deadline = Date.now() + options.timeoutSeconds * 1000;
	let chat = created;
	while (!TERMINAL_STATUSES.includes(String(chat.status))) {
		if (Date.now() + options.pollIntervalSeconds * 1000 > deadline) {
			await cancelChat(ctx, conversationId, chatId, itemIndex);
			throw cozeApiError(ctx.getNode(), { msg: `no answer within ${options.timeoutSeconds} s; the chat was cancelled` }, itemIndex);
		}
		await sleep(options.pollIntervalSeconds * 1000);
		chat = await cozeApiData.call(ctx, {
			method: 'GET',
			path: '/v3/chat/retrieve',
			qs: { conversation_id: conversationId, chat_id: chatId },
			itemIndex,
		});
	}
	if (chat.status === 'failed') {
		const lastError = (chat.last_error as IDataObject | undefined) ?? {};
		throw cozeApiError(ctx.getNode(), { code: lastError.code as number, msg: `the chat failed: ${String(lastError.msg ?? 'no reason given')}` }, itemIndex);
	}
	const envelope = await cozeApiRequest.call(ctx, {
		method: 'GET',
		path: '/v3/chat/message/list',
		qs: { conversation_id: conversationId, chat_id: chatId },
		itemIndex,
	});
	return { chat, messages: (envelope.data as IDataObject[]) ?? [] };
}

/** Items for one turn in the chosen output mode. */
export function turnToItems(turn: ChatTurn, mode: OutputMode, itemIndex: number): INodeExecutionData[] {
	if (mode === 'messages') {
		return turn.messages.map((message) => ({ json: message, pairedItem: { item: itemIndex } }));
	}
	if (mode === 'events') {
		return [{ json: { ...summarizeTurn(turn), events: turn.events ?? [] }, pairedItem: { item: itemIndex } }];
	}
	const { events: _events, ...summary } = summarizeTurn(turn);
	return [{ json: summary, pairedItem: { item: itemIndex } }];
}
