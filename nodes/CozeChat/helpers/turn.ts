import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ChatStreamOptions, ChatTurn } from '../../shared/chatTurn';
import { TERMINAL_STATUSES, cancelChat, summarizeTurn } from '../../shared/chatTurn';
import { cancelledError, cozeApiError } from '../../shared/errors';
import { numberValue } from '../../shared/params';
import { pollUntil } from '../../shared/polling';
import { cozeApiData, cozeApiRequest } from '../../shared/transport';
import type { VoiceFormat } from '../../shared/voice';
import { voiceAnswerFile } from '../../shared/voice';

export type OutputMode = 'answer' | 'messages' | 'events';

export interface TurnOptions extends ChatStreamOptions {
	pollIntervalSeconds: number;
	outputMode: OutputMode;
}

/**
 * The wait options of Send Message / Submit Tool Outputs, validated (a timeout of 0 or below is refused). Voice Answer
 * "auto" expects the voice the question's audio implies (`questionVoice`; none when unknown, as for tool outputs).
 */
export function turnOptions(ctx: IExecuteFunctions, options: IDataObject, itemIndex: number, questionVoice?: VoiceFormat): TurnOptions {
	const outputMode = (options.outputMode as OutputMode) ?? 'answer';
	const voiceAnswer = (options.voiceAnswer as string | undefined) ?? 'auto';
	if (!['auto', 'pcm', 'opus'].includes(voiceAnswer)) {
		throw new NodeOperationError(ctx.getNode(), `Voice Answer "${voiceAnswer}" is not one of auto, pcm, opus`, { itemIndex });
	}
	return {
		voice: voiceAnswer === 'auto' ? questionVoice : (voiceAnswer as VoiceFormat),
		timeoutSeconds: numberValue(ctx, options.timeout ?? 300, 'Timeout (Seconds)', itemIndex, { min: 1, max: 86400, fractional: true }),
		idleTimeoutSeconds: numberValue(ctx, options.idleTimeout ?? 60, 'Idle Timeout (Seconds)', itemIndex, { min: 1, max: 86400, fractional: true }),
		pollIntervalSeconds: numberValue(ctx, options.pollInterval ?? 1, 'Poll Interval (Seconds)', itemIndex, { min: 1, max: 3600, fractional: true }),
		outputMode,
		keepEvents: outputMode === 'events',
		liveStreaming: options.liveStreaming !== false,
	};
}

/**
 * The non-stream path: the chat was created with stream=false; poll retrieve (never faster than 1/s) until a
 * terminal status, cancel on timeout or when the execution is cancelled, then list the turn's messages.
 */
export async function pollTurn(ctx: IExecuteFunctions, created: IDataObject, options: TurnOptions, itemIndex: number): Promise<ChatTurn> {
	const conversationId = String(created.conversation_id);
	const chatId = String(created.id);
	let chat: IDataObject;
	try {
		chat = await pollUntil(ctx, {
			check: async (deadlineAt) =>
				await cozeApiData.call(ctx, {
					method: 'GET',
					path: '/v3/chat/retrieve',
					qs: { conversation_id: conversationId, chat_id: chatId },
					itemIndex,
					deadlineAt,
				}),
			done: (current) => TERMINAL_STATUSES.includes(String(current.status)),
			intervalMs: options.pollIntervalSeconds * 1000,
			timeoutMs: options.timeoutSeconds * 1000,
			onTimeout: () => cozeApiError(ctx.getNode(), { msg: `no answer within ${options.timeoutSeconds} s; the chat was cancelled` }, itemIndex),
			itemIndex,
		});
	} catch (error) {
		await cancelChat(ctx, conversationId, chatId, itemIndex);
		throw ctx.getExecutionCancelSignal?.()?.aborted ? cancelledError(ctx.getNode(), itemIndex) : error;
	}
	if (chat.status === 'failed') {
		const lastError = (chat.last_error as IDataObject | undefined) ?? {};
		throw cozeApiError(
			ctx.getNode(),
			{ code: lastError.code as number, msg: `the chat failed: ${String(lastError.msg ?? 'no reason given')}` },
			itemIndex,
		);
	}
	const envelope = await cozeApiRequest.call(ctx, {
		method: 'GET',
		path: '/v3/chat/message/list',
		qs: { conversation_id: conversationId, chat_id: chatId },
		itemIndex,
	});
	return { chat, messages: (envelope.data as IDataObject[]) ?? [] };
}

/**
 * Items for one turn in the chosen output mode. A voice answer (the input held audio) is attached to the first item in
 * the binary field `audio`: a WAV file (24 kHz PCM) or, for an Ogg/Opus question, an Ogg Opus file (48 kHz).
 */
export async function turnToItems(ctx: IExecuteFunctions, turn: ChatTurn, mode: OutputMode, itemIndex: number): Promise<INodeExecutionData[]> {
	let items: INodeExecutionData[];
	if (mode === 'messages') {
		items = turn.messages.map((message) => ({ json: message, pairedItem: { item: itemIndex } }));
	} else if (mode === 'events') {
		items = [{ json: { ...summarizeTurn(turn), events: turn.events ?? [] }, pairedItem: { item: itemIndex } }];
	} else {
		const summary = summarizeTurn(turn);
		delete summary.events;
		items = [{ json: summary, pairedItem: { item: itemIndex } }];
	}
	if (turn.audio?.length && items.length) {
		const voice = voiceAnswerFile(turn.audio, turn.voice ?? 'pcm');
		const name = `answer-${String(turn.chat.id ?? 'chat')}.${voice.extension}`;
		items[0].binary = { audio: await ctx.helpers.prepareBinaryData(voice.data, name, voice.mimeType) };
	}
	return items;
}
