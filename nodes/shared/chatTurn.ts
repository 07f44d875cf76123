import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cozeApiError } from './errors';
import { uploadBinaryProperty } from './files';
import type { SseEvent } from './sse';
import { parseSseData } from './sse';
import { runStream } from './streamLifecycle';
import type { CozeRequest } from './transport';
import { cozeApiData } from './transport';

/** Chat statuses after which Coze does nothing more until the caller acts. */
export const TERMINAL_STATUSES = ['completed', 'failed', 'requires_action', 'canceled'];

/** Everything one chat turn produced, whichever way it was obtained (stream or polling). */
export interface ChatTurn {
	chat: IDataObject;
	/** Completed messages of the turn, in the order Coze finished them. */
	messages: IDataObject[];
	/** Raw events, when asked for. */
	events?: IDataObject[];
	logId?: string;
	/** Voice answer: the decoded PCM of every `conversation.audio.delta` (24 kHz, 16-bit, mono). */
	audio?: Buffer[];
}

export interface CollectOptions {
	node: INode;
	itemIndex: number;
	logId?: string;
	keepEvents?: boolean;
	/** Called with each answer text delta as it arrives (live streaming to n8n's chat). */
	onAnswerDelta?: (text: string) => Promise<void> | void;
	/** Sees the chat object whenever an event carries it (so a caller can cancel a chat left running). */
	onChat?: (chat: IDataObject) => void;
}

/**
 * Reads a chat event stream until the chat reaches a terminal status, and returns at that moment: it does not wait
 * for `done`. An `error` event, a stream that ends early, or a `conversation.chat.failed` event throw NodeApiError.
 */
export async function collectChatStream(events: AsyncIterable<SseEvent>, options: CollectOptions): Promise<ChatTurn> {
	const { node, itemIndex, logId } = options;
	const completed: IDataObject[] = [];
	const kept: IDataObject[] | undefined = options.keepEvents ? [] : undefined;
	const partial = new Map<string, IDataObject>();
	const audio: Buffer[] = [];
	let chat: IDataObject | undefined;
	const turn = (current: IDataObject): ChatTurn => ({ chat: current, messages: completed, events: kept, logId, ...(audio.length ? { audio } : {}) });

	for await (const event of events) {
		const data = parseSseData<IDataObject>(event);
		kept?.push({ event: event.event, data: data ?? event.data });
		switch (event.event) {
			case 'conversation.chat.created':
			case 'conversation.chat.in_progress':
				chat = data ?? chat;
				if (chat) options.onChat?.(chat);
				break;
			case 'conversation.message.delta': {
				if (!data) break;
				const id = String(data.id ?? '');
				const current = partial.get(id) ?? { ...data, content: '', reasoning_content: '' };
				current.content = `${current.content as string}${(data.content as string) ?? ''}`;
				current.reasoning_content = `${current.reasoning_content as string}${(data.reasoning_content as string) ?? ''}`;
				partial.set(id, current);
				if (data.type === 'answer' && data.content && options.onAnswerDelta) {
					await options.onAnswerDelta(data.content as string);
				}
				break;
			}
			case 'conversation.audio.delta':
				// docs chat_v3.md: only when the input held audio; data is a message whose content is base64 PCM.
				if (typeof data?.content === 'string' && data.content) audio.push(Buffer.from(data.content, 'base64'));
				break;
			case 'conversation.message.completed':
				if (data) {
					completed.push(data);
					partial.delete(String(data.id ?? ''));
				}
				break;
			case 'conversation.chat.completed':
			case 'conversation.chat.requires_action':
			case 'conversation.chat.canceled':
				return turn(data ?? chat ?? {});
			case 'conversation.chat.failed': {
				// A chat object with last_error (chat_v3.md), or {code, msg} itself (workflow_chat.md failure example).
				const lastError = (data?.last_error as IDataObject | undefined) ?? {};
				throw cozeApiError(
					node,
					{
						code: ((lastError.code ?? data?.code) as number) ?? undefined,
						msg: `the chat failed: ${String(lastError.msg || data?.msg || 'no reason given')}`,
						logId,
						endpoint: `chat ${String(data?.id ?? '')}`,
					},
					itemIndex,
				);
			}
			case 'error': {
				throw cozeApiError(
					node,
					{ code: (data?.code as number) ?? undefined, msg: String(data?.msg ?? (event.data || 'error event in the chat stream')), logId },
					itemIndex,
				);
			}
			case 'done':
				throw cozeApiError(node, { msg: 'the chat stream ended (done) before the chat completed', logId }, itemIndex);
			default:
				break;
		}
	}
	throw cozeApiError(node, { msg: 'the chat stream ended before the chat completed; the answer is incomplete', logId }, itemIndex);
}

/** Tool calls of a `requires_action` chat, with their JSON arguments parsed. */
export function toolCallsOf(chat: IDataObject): IDataObject[] {
	const action = chat.required_action as IDataObject | undefined;
	const calls = ((action?.submit_tool_outputs as IDataObject | undefined)?.tool_calls as IDataObject[] | undefined) ?? [];
	return calls.map((call) => {
		const fn = (call.function as IDataObject | undefined) ?? {};
		// Output names avoid `arguments`: n8n's expression sandbox refuses to read a property of that name.
		let args: unknown = fn.arguments;
		if (typeof args === 'string') {
			try {
				args = JSON.parse(args);
			} catch {
				// keep the raw string
			}
		}
		return { id: call.id, type: call.type, name: fn.name, args: args as IDataObject, args_json: fn.arguments };
	});
}

/** The one-item summary of a chat turn. */
export function summarizeTurn(turn: ChatTurn): IDataObject {
	const { chat, messages } = turn;
	const answers = messages.filter((m) => m.type === 'answer');
	const reasoning = answers
		.map((m) => (m.reasoning_content as string) ?? '')
		.filter(Boolean)
		.join('');
	const result: IDataObject = {
		answer: answers.map((m) => (m.content as string) ?? '').join(''),
		status: chat.status,
		conversation_id: chat.conversation_id,
		chat_id: chat.id,
		section_id: chat.section_id ?? answers[0]?.section_id,
		bot_id: chat.bot_id,
		follow_ups: messages.filter((m) => m.type === 'follow_up').map((m) => m.content),
		usage: chat.usage,
		messages,
	};
	if (reasoning) result.reasoning_content = reasoning;
	if (chat.status === 'requires_action') result.tool_calls = toolCallsOf(chat);
	if (chat.status === 'canceled') result.canceled = true;
	if (turn.audio?.length) result.audio_seconds = Math.round((turn.audio.reduce((sum, chunk) => sum + chunk.length, 0) / 48000) * 100) / 100;
	if (turn.logId) result.log_id = turn.logId;
	if (turn.events) result.events = turn.events;
	return result;
}

/** How long to wait for a streamed chat turn, and whether to forward its answer live. */
export interface ChatStreamOptions {
	timeoutSeconds: number;
	idleTimeoutSeconds: number;
	liveStreaming: boolean;
	keepEvents?: boolean;
}

/**
 * Cancels a chat (POST /v3/chat/cancel) with its own short request, not tied to the execution's cancel signal, so it
 * also reaches Coze after the user stopped the execution; "cannot cancel" (it finished meanwhile) is fine.
 */
export async function cancelChat(ctx: IExecuteFunctions, conversationId: string, chatId: string, itemIndex: number): Promise<void> {
	await cozeApiData
		.call(ctx, {
			method: 'POST',
			path: '/v3/chat/cancel',
			body: { conversation_id: conversationId, chat_id: chatId },
			itemIndex,
			ignoreCancel: true,
			maxRetries: 1,
			timeoutMs: 10_000,
		})
		.catch(() => undefined);
}

/**
 * One streamed chat turn (/v3/chat, submit_tool_outputs, /v1/workflows/chat) through the stream lifecycle: returns the
 * moment the chat reaches a terminal status; a stream that fails, goes idle, runs past the timeout or is cancelled
 * leaves no chat running (it is cancelled at Coze).
 */
export async function streamChatTurn(ctx: IExecuteFunctions, request: CozeRequest, options: ChatStreamOptions, itemIndex: number): Promise<ChatTurn> {
	let chat: IDataObject | undefined;
	const running = () => Boolean(chat?.id && chat.conversation_id && !TERMINAL_STATUSES.includes(String(chat.status)));
	return await runStream(ctx, itemIndex, {
		request,
		timeoutSeconds: options.timeoutSeconds,
		idleSeconds: options.idleTimeoutSeconds,
		liveStreaming: options.liveStreaming,
		known: () => chat?.id !== undefined,
		collect: async (events, { logId, onText }) =>
			await collectChatStream(events, {
				node: ctx.getNode(),
				itemIndex,
				logId,
				keepEvents: options.keepEvents,
				onAnswerDelta: onText,
				onChat: (current) => (chat = current),
			}),
		onAbandon: async () => {
			if (running()) await cancelChat(ctx, String(chat?.conversation_id), String(chat?.id), itemIndex);
		},
		timeoutMessage: (seconds, known) =>
			known
				? `no answer within ${seconds} s; the chat was cancelled`
				: `no answer within ${seconds} s; Coze had not named a chat by then, so there was no chat to cancel`,
	});
}

function imageLike(url: string): boolean {
	return /\.(png|jpe?g|gif|webp|bmp|svg)(\?|#|$)/i.test(url);
}

/**
 * The user's message: plain text, or object_string content with binaries uploaded from n8n (image or file parts) and
 * file URLs (docs chat_v3.md object_string; the SDKs' multimodal chat and chat-flow examples).
 */
export async function userMessage(
	ctx: IExecuteFunctions,
	itemIndex: number,
	text: string,
	files: { binaryProperties?: unknown; fileUrls?: unknown },
): Promise<IDataObject> {
	const list = (value: unknown) =>
		String(value ?? '')
			.split(',')
			.map((entry) => entry.trim())
			.filter(Boolean);
	const names = list(files.binaryProperties);
	const urls = list(files.fileUrls);
	if (names.length === 0 && urls.length === 0) return { role: 'user', type: 'question', content: text, content_type: 'text' };
	const parts: IDataObject[] = [];
	if (text) parts.push({ type: 'text', text });
	for (const name of names) {
		const file = await uploadBinaryProperty(ctx, itemIndex, name);
		parts.push({ type: file.mimeType.startsWith('image/') ? 'image' : file.mimeType.startsWith('audio/') ? 'audio' : 'file', file_id: file.id });
	}
	for (const url of urls) {
		if (!/^https?:\/\//i.test(url)) throw new NodeOperationError(ctx.getNode(), `"${url}" is not an http(s) URL`, { itemIndex });
		parts.push({ type: imageLike(url) ? 'image' : 'file', file_url: url });
	}
	return { role: 'user', type: 'question', content: JSON.stringify(parts), content_type: 'object_string' };
}
