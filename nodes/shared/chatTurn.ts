import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cancelledError, cozeApiError } from './errors';
import { uploadBinaryProperty } from './files';
import { numberValue } from './params';
import { pollUntil } from './polling';
import type { CozeRequest } from './transport';
import { cozeApiData, cozeApiRequest, nodeOf } from './transport';
import type { SseEvent } from './transport/sse';
import { parseSseData } from './transport/sse';
import { runStream } from './transport/streamLifecycle';
import type { VoiceFormat } from './voice';
import { isAudioFile, voiceAnswerFile, voiceFormatOfFile } from './voice';

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
	/** Voice answer: the decoded content of every `conversation.audio.delta`, in order. */
	audio?: Buffer[];
	/** How the audio is encoded (PCM unless the question was Ogg/Opus). */
	voice?: VoiceFormat;
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
	/**
	 * Set when a voice answer may follow (the question held audio), with the encoding to expect: the stream is then
	 * read past `conversation.chat.completed` until `done`, since Coze sends the audio after the chat completed (coze-py's
	 * recording tests/testdata/chat_audio_stream_resp.txt).
	 */
	voice?: VoiceFormat;
}

/**
 * Reads a chat event stream until the chat reaches a terminal status, and returns at that moment: it does not wait
 * for `done` — unless a voice answer may follow (`voice`), then a completed chat is returned at `done` (or when the
 * stream ends), with every `conversation.audio.delta` before it. An `error` event (also after completion: the audio
 * would be cut), a stream that ends before completion, or a `conversation.chat.failed` event throw NodeApiError.
 */
export async function collectChatStream(events: AsyncIterable<SseEvent>, options: CollectOptions): Promise<ChatTurn> {
	const { node, itemIndex, logId } = options;
	const completed: IDataObject[] = [];
	const kept: IDataObject[] | undefined = options.keepEvents ? [] : undefined;
	const partial = new Map<string, IDataObject>();
	const audio: Buffer[] = [];
	let chat: IDataObject | undefined;
	/** The completed chat, while the stream is read on for its voice answer. */
	let completedChat: IDataObject | undefined;
	const turn = (current: IDataObject): ChatTurn => ({
		chat: current,
		messages: completed,
		events: kept,
		logId,
		...(audio.length ? { audio, voice: options.voice ?? 'pcm' } : {}),
	});

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
				// docs chat_v3.md: only when the input held audio; data is a message whose content is base64 audio.
				if (typeof data?.content === 'string' && data.content) audio.push(Buffer.from(data.content, 'base64'));
				break;
			case 'conversation.message.completed':
				if (data) {
					completed.push(data);
					partial.delete(String(data.id ?? ''));
				}
				break;
			case 'conversation.chat.completed':
				if (options.voice) {
					completedChat = data ?? chat ?? {};
					options.onChat?.(completedChat);
					break;
				}
				return turn(data ?? chat ?? {});
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
				const msg = String(data?.msg ?? (event.data || 'error event in the chat stream'));
				throw cozeApiError(
					node,
					{ code: (data?.code as number) ?? undefined, msg: completedChat ? `the voice answer was cut off: ${msg}` : msg, logId },
					itemIndex,
				);
			}
			case 'done':
				if (completedChat) return turn(completedChat);
				throw cozeApiError(node, { msg: 'the chat stream ended (done) before the chat completed', logId }, itemIndex);
			default:
				break;
		}
	}
	if (completedChat) return turn(completedChat);
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
	if (turn.audio?.length) result.audio_seconds = Math.round(voiceAnswerFile(turn.audio, turn.voice ?? 'pcm').seconds * 100) / 100;
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
	/** A voice answer may follow, in this encoding: read until `done` (see collectChatStream). */
	voice?: VoiceFormat;
}

/** The Options entries chatStreamOptions reads: Live Streaming, Idle Timeout and Timeout of a streamed chat turn. */
export const chatStreamFields: INodeProperties[] = [
	{
		displayName: 'Live Streaming',
		name: 'liveStreaming',
		type: 'boolean',
		default: true,
		description:
			'Whether to forward answer text to n8n as it arrives when the workflow streams its response (Chat Trigger or Webhook in streaming mode). The collected item is returned either way.',
	},
	{
		displayName: 'Idle Timeout (Seconds)',
		name: 'idleTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		description: 'Fail when the stream sends nothing for this long; a silent stream never yields a partial answer',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 300,
		description: 'Give up (and cancel the chat) when the answer takes longer than this',
	},
];

/**
 * Timeout, Idle Timeout and Live Streaming of a streamed chat turn (Send Message, Submit Tool Outputs, Chat With Chat
 * Flow), validated (a timeout of 0 or below is refused).
 */
export function chatStreamOptions(ctx: IExecuteFunctions, options: IDataObject, itemIndex: number): ChatStreamOptions {
	return {
		timeoutSeconds: numberValue(ctx, options.timeout ?? 300, 'Timeout (Seconds)', itemIndex, { min: 1, max: 86400, fractional: true }),
		idleTimeoutSeconds: numberValue(ctx, options.idleTimeout ?? 60, 'Idle Timeout (Seconds)', itemIndex, { min: 1, max: 86400, fractional: true }),
		liveStreaming: options.liveStreaming !== false,
	};
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
				node: nodeOf(ctx),
				itemIndex,
				logId,
				keepEvents: options.keepEvents,
				voice: options.voice,
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

/** What a user message may carry besides its text (Send Message / Chat With Chat Flow options). */
export interface MessageFiles {
	binaryProperties?: unknown;
	fileUrls?: unknown;
	audioUrls?: unknown;
}

const listOf = (value: unknown) =>
	String(value ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);

const urlPath = (url: string) => url.replace(/[?#].*$/, '');

/**
 * The user's message: plain text, or object_string content with binaries uploaded from n8n (image, audio or file
 * parts) and URLs (docs chat_v3.md object_string: `file_url` for file, image or audio; the SDKs' multimodal chat and
 * chat-flow examples). Audio binaries and File URLs with an audio extension, and every Audio URL, go as `audio`.
 */
export async function userMessage(ctx: IExecuteFunctions, itemIndex: number, text: string, files: MessageFiles): Promise<IDataObject> {
	const names = listOf(files.binaryProperties);
	const urls = listOf(files.fileUrls);
	const audioUrls = listOf(files.audioUrls);
	if (names.length === 0 && urls.length === 0 && audioUrls.length === 0) {
		return { role: 'user', type: 'question', content: text, content_type: 'text' };
	}
	const parts: IDataObject[] = [];
	if (text) parts.push({ type: 'text', text });
	for (const name of names) {
		const file = await uploadBinaryProperty(ctx, itemIndex, name);
		const type = file.mimeType.startsWith('image/') ? 'image' : isAudioFile(file.mimeType, file.fileName) ? 'audio' : 'file';
		parts.push({ type, file_id: file.id });
	}
	for (const [url, audio] of [...urls.map((u) => [u, false] as const), ...audioUrls.map((u) => [u, true] as const)]) {
		if (!/^https?:\/\//i.test(url)) throw new NodeOperationError(ctx.getNode(), `"${url}" is not an http(s) URL`, { itemIndex });
		const type = audio || isAudioFile('', urlPath(url)) ? 'audio' : imageLike(url) ? 'image' : 'file';
		parts.push({ type, file_url: url });
	}
	return { role: 'user', type: 'question', content: JSON.stringify(parts), content_type: 'object_string' };
}

/**
 * Whether the question (or the history sent with it) carries audio, so that a voice answer may follow (docs chat_v3.md: audio.delta only when the
 * input holds a voice message), and in which encoding: Ogg/Opus audio (by MIME type or name) is answered in Opus,
 * other audio in PCM. Undefined for a question without audio, whose turn then ends at `conversation.chat.completed`.
 */
export function questionVoice(ctx: IExecuteFunctions, itemIndex: number, files: MessageFiles, history: IDataObject[] = []): VoiceFormat | undefined {
	const formats: VoiceFormat[] = [];
	// Audio parts in the history (Additional Messages, object_string content) are input too.
	for (const entry of history) {
		if (entry.content_type !== 'object_string' || typeof entry.content !== 'string') continue;
		let parts: unknown;
		try {
			parts = JSON.parse(entry.content);
		} catch {
			continue;
		}
		for (const part of Array.isArray(parts) ? (parts as IDataObject[]) : []) {
			if (part?.type === 'audio') formats.push(voiceFormatOfFile('', urlPath(String(part.file_url ?? ''))));
		}
	}
	for (const name of listOf(files.binaryProperties)) {
		const binary = ctx.helpers.assertBinaryData(itemIndex, name);
		if (isAudioFile(binary.mimeType, binary.fileName ?? '')) formats.push(voiceFormatOfFile(binary.mimeType, binary.fileName ?? ''));
	}
	for (const url of listOf(files.fileUrls)) if (isAudioFile('', urlPath(url))) formats.push(voiceFormatOfFile('', urlPath(url)));
	for (const url of listOf(files.audioUrls)) formats.push(voiceFormatOfFile('', urlPath(url)));
	if (formats.length === 0) return undefined;
	return formats.includes('opus') ? 'opus' : 'pcm';
}

export type OutputMode = 'answer' | 'messages' | 'events';

export interface TurnOptions extends ChatStreamOptions {
	pollIntervalSeconds: number;
	outputMode: OutputMode;
}

/**
 * The wait options of Send Message / Submit Tool Outputs, validated (a timeout of 0 or below is refused). Voice Answer
 * "auto" expects the voice the question's audio implies (`voiceOfQuestion`, from questionVoice; none when unknown, as for
 * tool outputs).
 */
export function turnOptions(ctx: IExecuteFunctions, options: IDataObject, itemIndex: number, voiceOfQuestion?: VoiceFormat): TurnOptions {
	const outputMode = (options.outputMode as OutputMode) ?? 'answer';
	const voiceAnswer = (options.voiceAnswer as string | undefined) ?? 'auto';
	if (!['auto', 'pcm', 'opus'].includes(voiceAnswer)) {
		throw new NodeOperationError(ctx.getNode(), `Voice Answer "${voiceAnswer}" is not one of auto, pcm, opus`, { itemIndex });
	}
	return {
		voice: voiceAnswer === 'auto' ? voiceOfQuestion : (voiceAnswer as VoiceFormat),
		...chatStreamOptions(ctx, options, itemIndex),
		pollIntervalSeconds: numberValue(ctx, options.pollInterval ?? 1, 'Poll Interval (Seconds)', itemIndex, { min: 1, max: 3600, fractional: true }),
		outputMode,
		keepEvents: outputMode === 'events',
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
