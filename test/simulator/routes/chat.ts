import type { RouteContext, Simulator, SseWriter } from '../index';
import { cozeId } from '../ids';
import { BOTS } from '../seed';
import { findBot } from './bots';
import { filesOf } from './files';

/**
 * Chat v3 (docs/chat_v3.md, streaming_chat_api.md, retrieve_chat.md, list_chat_messages.md,
 * chat_submit_tool_outputs.md, chat_cancel.md). One driver produces a turn for both the streaming and the
 * non-streaming path, so both see the same state machine: created → in_progress → completed | failed |
 * requires_action | canceled. Seeded bots (seed.ts BOTS) each exercise one behaviour.
 */

export type Message = Record<string, unknown>;

interface Chat {
	id: string;
	conversation_id: string;
	bot_id: string;
	section_id: string;
	created_at: number;
	completed_at?: number;
	failed_at?: number;
	status: string;
	last_error: { code: number; msg: string };
	usage?: { token_count: number; output_count: number; input_count: number };
	required_action?: Record<string, unknown>;
	meta_data: Record<string, string>;
	messages: Message[];
	userText: string;
	/** The question held audio: Coze answers with voice too, in this encoding (see the audio step of `drive`). */
	voice?: 'pcm' | 'opus';
	saved: boolean;
	pendingToolCall?: { id: string; city: string };
	completedAtMs?: number;
}

export interface Conversation {
	id: string;
	created_at: number;
	section_id: string;
	runningChatId?: string;
	/** Set by the conversation API (routes/conversations.ts). */
	bot_id?: string;
	name?: string;
	meta_data?: Record<string, string>;
	updated_at?: number;
	messages?: Message[];
}

interface ChatState {
	conversations: Map<string, Conversation>;
	chats: Map<string, Chat>;
	active: number;
	maxConcurrent: number;
	audioBeforeCompleted: boolean;
}

export const chatState = (sim: Simulator) =>
	sim.state<ChatState>('chat', () => ({ conversations: new Map(), chats: new Map(), active: 0, maxConcurrent: 0, audioBeforeCompleted: false }));

/**
 * Where a voice answer's `conversation.audio.delta` events go. Default: after `conversation.chat.completed`, before
 * `done`, as in the only recording of a voice answer (coze-py tests/testdata/chat_audio_stream_resp.txt). Switch this
 * on to send them between the answer's message deltas and its `message.completed` instead (no source shows this order;
 * clients must cope with both).
 */
export function setAudioBeforeCompleted(sim: Simulator, on: boolean) {
	chatState(sim).audioBeforeCompleted = on;
}

const OGG_AUDIO = (name: string, contentType = '') => /^audio\/(ogg|opus)\b/i.test(contentType) || /\.(ogg|oga|opus)([?#]|$)/i.test(name);

/**
 * The voice answer's deltas (docs chat_v3.md, Message object, content_type audio: "输入为 wav 格式音频时，content 为采样率
 * 24kHz，raw 16 bit, 1 channel, little-endian 的 pcm 音频片段 base64 后的字符串 / 输入为 ogg_opus 格式音频时，content 为采样率
 * 48kHz，1 channel，10ms 帧长的 opus 格式音频片段base64 后的字符串"). PCM: two 0.1 s chunks of a 440 Hz tone (4,800 bytes
 * each). Opus: 20 packets of 10 ms (0.2 s), one raw packet per delta (our reading of "10ms 帧长的 opus 格式音频片段", see
 * SOURCES.md), each a CELT-only fullband 10 ms frame (TOC config 30, code 0: 0xF0) holding silence — the simulator has
 * no Opus encoder; what the packets decode to is not what is tested.
 */
export function voiceDeltas(format: 'pcm' | 'opus'): Buffer[] {
	if (format === 'opus') return Array.from({ length: 20 }, () => Buffer.from([0xf0, 0xff, 0xfe]));
	return [0, 1].map((chunk) => {
		const pcm = Buffer.alloc(4800);
		for (let i = 0; i < 2400; i++) pcm.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * (chunk * 2400 + i)) / 24000)), i * 2);
		return pcm;
	});
}

/** Test and benchmark hooks: when each chat completed, and the peak number of chats answered at once. */
export function chatStats(sim: Simulator) {
	const state = chatState(sim);
	return {
		completedAt: (chatId: string) => state.chats.get(chatId)?.completedAtMs,
		maxConcurrent: state.maxConcurrent,
		chats: [...state.chats.values()],
		resetPeak: () => {
			state.maxConcurrent = state.active;
		},
	};
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));
const now = () => Math.floor(Date.now() / 1000);
const TERMINAL = ['completed', 'failed', 'requires_action', 'canceled'];

function chatObject(chat: Chat): Record<string, unknown> {
	const object: Record<string, unknown> = {
		id: chat.id,
		conversation_id: chat.conversation_id,
		bot_id: chat.bot_id,
		created_at: chat.created_at,
		last_error: chat.last_error,
		status: chat.status,
		section_id: chat.section_id,
		meta_data: chat.meta_data,
	};
	if (chat.completed_at) object.completed_at = chat.completed_at;
	if (chat.failed_at) object.failed_at = chat.failed_at;
	if (chat.usage) object.usage = chat.usage;
	if (chat.required_action) object.required_action = chat.required_action;
	return object;
}

function message(chat: Chat, type: string, content: string, extra: Record<string, unknown> = {}): Message {
	return {
		id: cozeId(),
		conversation_id: chat.conversation_id,
		bot_id: chat.bot_id,
		chat_id: chat.id,
		section_id: chat.section_id,
		role: 'assistant',
		type,
		content,
		content_type: 'text',
		created_at: now(),
		updated_at: now(),
		...extra,
	};
}

/** Describes the user's last message; object_string content is validated as the docs define it. */
function userTextOf(sim: Simulator, messages: unknown): { text?: string; error?: string; voice?: 'pcm' | 'opus' } {
	if (!Array.isArray(messages)) return { error: 'additional_messages must be an array' };
	const last = [...messages].reverse().find((m) => (m as Message)?.role === 'user') as Message | undefined;
	if (!last) return { error: 'additional_messages needs a message with role=user as the question' };
	if (last.content_type === 'text' || last.content_type === undefined) return { text: String(last.content ?? '') };
	if (last.content_type !== 'object_string') return { error: `content_type ${String(last.content_type)} is not supported in requests` };
	if (typeof last.content !== 'string') return { error: 'object_string content must be a JSON string' };
	let parts: unknown;
	try {
		parts = JSON.parse(last.content);
	} catch {
		return { error: 'object_string content is not valid JSON' };
	}
	if (!Array.isArray(parts) || parts.length === 0) return { error: 'object_string content must be a non-empty JSON array' };
	const texts: string[] = [];
	const attachments: string[] = [];
	const voices: Array<'pcm' | 'opus'> = [];
	const files = filesOf(sim);
	for (const part of parts as Message[]) {
		if (part.type === 'text') {
			if (typeof part.text !== 'string') return { error: 'a text item needs text' };
			texts.push(part.text);
		} else if (['image', 'file', 'audio'].includes(String(part.type))) {
			if (part.file_id) {
				const file = files.get(String(part.file_id));
				if (!file) return { error: `file ${String(part.file_id)} not found` };
				attachments.push(` [${String(part.type)}: ${file.file_name}]`);
				if (part.type === 'audio') voices.push(OGG_AUDIO(file.file_name, file.contentType) ? 'opus' : 'pcm');
			} else if (typeof part.file_url === 'string' && /^https?:\/\//.test(part.file_url)) {
				attachments.push(` [${String(part.type)}_url: ${part.file_url}]`);
				if (part.type === 'audio') voices.push(OGG_AUDIO(part.file_url) ? 'opus' : 'pcm');
			} else {
				return { error: `a ${String(part.type)} item needs file_id or file_url` };
			}
		} else {
			return { error: `unknown object_string item type ${String(part.type)}` };
		}
	}
	const voice = voices.length === 0 ? undefined : voices.includes('opus') ? 'opus' : 'pcm';
	return { text: texts.join(' ') + attachments.join(''), ...(voice ? { voice } : {}) };
}

function splitDeltas(text: string, size = 4): string[] {
	const chars = [...text];
	const deltas: string[] = [];
	for (let i = 0; i < chars.length; i += size) deltas.push(chars.slice(i, i + size).join(''));
	return deltas;
}

/** Runs (or continues) a chat turn. With a writer the events stream; without, the same steps take the same time. */
async function drive(sim: Simulator, chat: Chat, writer: SseWriter | undefined, phase: 'start' | 'toolOutputs') {
	const state = chatState(sim);
	const pacing = sim.options.ssePacingMs;
	state.active++;
	state.maxConcurrent = Math.max(state.maxConcurrent, state.active);
	let out = writer;
	const emit = async (event: string, data: unknown) => {
		if (out?.closed) out = undefined; // the client left; Coze finishes the chat anyway
		if (out) await out.event(event, data);
		else if (pacing > 0) await sleep(pacing);
	};
	const canceled = () => chat.status === 'canceled';
	const conversation = state.conversations.get(chat.conversation_id);
	const finish = (status: string) => {
		chat.status = status;
		if (conversation && conversation.runningChatId === chat.id && status !== 'requires_action') conversation.runningChatId = undefined;
		if (conversation && status === 'requires_action') conversation.runningChatId = chat.id;
	};
	try {
		if (phase === 'start') {
			if (sim.options.chatLatencyMs > 0) await sleep(sim.options.chatLatencyMs);
			await emit('conversation.chat.created', chatObject(chat));
			// A chat cancelled the moment it was created stays cancelled (docs chat_cancel.md: only created or
			// in_progress chats can be cancelled, and a cancelled chat does not go on).
			if (canceled()) return;
			chat.status = 'in_progress';
		} else {
			chat.status = 'in_progress';
			chat.required_action = undefined;
		}
		await emit('conversation.chat.in_progress', chatObject(chat));
		const bot = chat.bot_id;

		if (bot === BOTS.failing) {
			chat.failed_at = now();
			chat.last_error = { code: 5000, msg: 'event interval error' };
			finish('failed');
			await emit('conversation.chat.failed', chatObject(chat));
			await emit('done', '"[DONE]"');
			return;
		}
		if (bot === BOTS.errorEvent) {
			chat.failed_at = now();
			chat.last_error = { code: 4000, msg: 'stream interrupted by a model error' };
			finish('failed');
			await emit('error', { code: 4000, msg: 'stream interrupted by a model error' });
			return;
		}
		if (bot === BOTS.selfCancel) {
			finish('canceled');
			return;
		}
		if (bot === BOTS.tools && phase === 'start') {
			const callId = `call_${cozeId()}`;
			const args = JSON.stringify({ city: chat.userText });
			const call = message(chat, 'function_call', JSON.stringify({ name: 'get_weather', arguments: { city: chat.userText } }));
			chat.messages.push(call);
			await emit('conversation.message.completed', call);
			chat.pendingToolCall = { id: callId, city: chat.userText };
			chat.required_action = {
				type: 'submit_tool_outputs',
				submit_tool_outputs: { tool_calls: [{ id: callId, type: 'function', function: { name: 'get_weather', arguments: args } }] },
			};
			finish('requires_action');
			await emit('conversation.chat.requires_action', chatObject(chat));
			await emit('done', '"[DONE]"');
			return;
		}
		if (bot === BOTS.slow) {
			const until = Date.now() + sim.options.slowChatMs;
			while (Date.now() < until && !canceled()) await sleep(20);
		}
		if (canceled()) return;

		let answerText = `You said: ${chat.userText}`;
		if (bot === BOTS.tools && phase === 'toolOutputs') answerText = `The weather in ${chat.pendingToolCall?.city ?? ''}: ${chat.userText}`;
		const answer = message(chat, 'answer', '');
		if (bot === BOTS.thinking) {
			const thoughts = 'Let me think about it. The user wants an echo.';
			answer.reasoning_content = thoughts;
			for (const piece of splitDeltas(thoughts, 8)) {
				if (canceled()) return;
				await emit('conversation.message.delta', { ...answer, content: '', reasoning_content: piece });
			}
		}
		for (const piece of splitDeltas(answerText)) {
			if (canceled()) return;
			await emit('conversation.message.delta', { ...answer, content: piece, ...(bot === BOTS.thinking ? { reasoning_content: '' } : {}) });
		}
		const voice = async () => {
			for (const chunk of voiceDeltas(chat.voice ?? 'pcm')) {
				if (canceled()) return;
				await emit('conversation.audio.delta', { ...answer, content_type: 'audio', content: chunk.toString('base64') });
			}
		};
		if (chat.voice && state.audioBeforeCompleted) await voice();
		answer.content = answerText;
		chat.messages.push(answer);
		await emit('conversation.message.completed', answer);
		const verbose = message(
			chat,
			'verbose',
			JSON.stringify({
				msg_type: 'generate_answer_finish',
				data: JSON.stringify({ finish_reason: 0, FinData: '' }),
				from_module: null,
				from_unit: null,
			}),
		);
		chat.messages.push(verbose);
		await emit('conversation.message.completed', verbose);
		for (const suggestion of ['Can you tell me more?', 'What else can you do?']) {
			const followUp = message(chat, 'follow_up', suggestion);
			chat.messages.push(followUp);
			await emit('conversation.message.completed', followUp);
		}
		if (canceled()) return;
		const input = [...chat.userText].length;
		const output = [...answerText].length;
		chat.usage = { token_count: input + output, output_count: output, input_count: input };
		chat.completed_at = now();
		chat.completedAtMs = Date.now();
		finish('completed');
		await emit('conversation.chat.completed', chatObject(chat));
		// The recorded order (coze-py chat_audio_stream_resp.txt): the voice answer after chat.completed, then done.
		if (chat.voice && !state.audioBeforeCompleted) await voice();
		await emit('done', '"[DONE]"');
	} finally {
		state.active--;
		out?.end();
	}
}

function findChat(ctx: RouteContext, conversationId?: string, chatId?: string): Chat | undefined {
	const chat = chatState(ctx.sim).chats.get(chatId ?? '');
	if (!chat || chat.conversation_id !== conversationId) return undefined;
	return chat;
}

export function registerChatRoutes(sim: Simulator) {
	sim.control('chat-stats', () => {
		const stats = chatStats(sim);
		return { maxConcurrent: stats.maxConcurrent, completedAt: Object.fromEntries(stats.chats.map((c) => [c.id, c.completedAtMs ?? null])) };
	});

	sim.route('POST', '/v3/chat', async (ctx) => {
		const state = chatState(sim);
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const botId = String(body.bot_id ?? '');
		// Seeded bots and bots created / published through routes/bots.ts (live while published to the API channel).
		const bot = findBot(sim, botId);
		if (!bot) return ctx.error(4200, `bot ${botId} not found`);
		if (!bot.published && body.publish_status !== 'unpublished_draft') {
			return ctx.error(4200, 'The bot is not published to the Agent as API channel; publish it before calling the API');
		}
		if (!body.user_id) return ctx.error(4000, 'user_id is required');
		const stream = body.stream === true;
		const save = body.auto_save_history !== false;
		let user = userTextOf(sim, body.additional_messages ?? []);
		// docs/chat_v3.md ShortcutCommandDetail: a chat may run a shortcut command (command_id + parameters, values are
		// object_string JSON) with no user message; its example sends `additional_messages: []`.
		const shortcut = body.shortcut_command as { command_id?: unknown; parameters?: Record<string, unknown> } | undefined;
		if (user.error && shortcut && typeof shortcut === 'object' && shortcut.command_id) {
			user = {
				text: `/${String(shortcut.command_id)} ${Object.values(shortcut.parameters ?? {})
					.map(String)
					.join(' ')}`.trim(),
			};
		}
		if (user.error) return ctx.error(4000, user.error);
		let conversation: Conversation | undefined;
		const conversationId = ctx.req.query.conversation_id;
		if (conversationId) {
			conversation = state.conversations.get(conversationId);
			if (!conversation) return ctx.error(4200, `conversation ${conversationId} not found`);
			if (conversation.runningChatId) {
				const running = state.chats.get(conversation.runningChatId);
				if (running && !TERMINAL.includes(running.status)) {
					return ctx.error(4016, 'Conversation occupied: there is already a chat in progress in this conversation');
				}
			}
		} else {
			conversation = { id: cozeId(), created_at: now(), section_id: cozeId() };
			state.conversations.set(conversation.id, conversation);
		}
		const chat: Chat = {
			id: cozeId(),
			conversation_id: conversation.id,
			bot_id: botId,
			section_id: conversation.section_id,
			created_at: now(),
			status: 'created',
			last_error: { code: 0, msg: '' },
			meta_data: (body.meta_data as Record<string, string>) ?? {},
			messages: [],
			userText: user.text ?? '',
			...(user.voice ? { voice: user.voice } : {}),
			saved: save,
		};
		state.chats.set(chat.id, chat);
		conversation.runningChatId = chat.id;
		if (stream) {
			await drive(sim, chat, ctx.sse(), 'start');
			return;
		}
		ctx.json(chatObject(chat));
		void drive(sim, chat, undefined, 'start');
	});

	const retrieve = (ctx: RouteContext) => {
		const chat = findChat(ctx, ctx.req.query.conversation_id, ctx.req.query.chat_id);
		if (!chat || !chat.saved) return ctx.error(4200, 'chat not found (chats created with auto_save_history=false are not stored)');
		ctx.json(chatObject(chat));
	};
	// docs/retrieve_chat.md: GET. The official SDKs' retrieve (and so createAndPoll) send POST with the IDs in the query
	// (coze-js src/resources/chat/chat.ts retrieve, coze-py cozepy/chat/__init__.py retrieve); real clients rely on it.
	sim.route('GET', '/v3/chat/retrieve', retrieve);
	sim.route('POST', '/v3/chat/retrieve', retrieve);

	sim.route('GET', '/v3/chat/message/list', (ctx) => {
		const chat = findChat(ctx, ctx.req.query.conversation_id, ctx.req.query.chat_id);
		if (!chat || !chat.saved) return ctx.error(4200, 'chat not found (chats created with auto_save_history=false are not stored)');
		ctx.json(chat.messages);
	});

	sim.route('POST', '/v3/chat/cancel', (ctx) => {
		const body = (ctx.req.body ?? {}) as Record<string, string>;
		const chat = findChat(ctx, body.conversation_id, body.chat_id);
		if (!chat) return ctx.error(4200, 'chat not found');
		if (!['created', 'in_progress'].includes(chat.status)) {
			return ctx.error(4104, `chat cannot be cancelled in status ${chat.status}`);
		}
		chat.status = 'canceled';
		const conversation = chatState(sim).conversations.get(chat.conversation_id);
		if (conversation?.runningChatId === chat.id) conversation.runningChatId = undefined;
		ctx.json(chatObject(chat));
	});

	sim.route('POST', '/v3/chat/submit_tool_outputs', async (ctx) => {
		const chat = findChat(ctx, ctx.req.query.conversation_id, ctx.req.query.chat_id);
		if (!chat) return ctx.error(4200, 'chat not found');
		if (chat.status !== 'requires_action' || !chat.pendingToolCall) {
			return ctx.error(4000, `chat is ${chat.status}, not waiting for tool outputs`);
		}
		const body = (ctx.req.body ?? {}) as { tool_outputs?: Array<{ tool_call_id?: string; output?: string }>; stream?: boolean };
		const output = (body.tool_outputs ?? []).find((o) => o.tool_call_id === chat.pendingToolCall?.id);
		if (!output) return ctx.error(4000, `tool output for ${chat.pendingToolCall.id} is missing`);
		chat.userText = String(output.output ?? '');
		if (body.stream === true) {
			await drive(sim, chat, ctx.sse(), 'toolOutputs');
			return;
		}
		chat.status = 'in_progress';
		ctx.json(chatObject(chat));
		void drive(sim, chat, undefined, 'toolOutputs');
	});
}
