import type { RouteContext, Simulator } from '../index';
import { cozeId } from '../ids';
import { BOT_LIST } from '../seed';
import type { Conversation, Message } from './chat';
import { chatState } from './chat';
import { filesOf } from './files';

/**
 * Conversations, their messages and message feedback (docs/create_conversation.md, retrieve_conversation.md,
 * list_conversations.md, edit_conversation.md, delete_conversation.md, clear_conversation_context.md,
 * create_message.md, list_message.md, retrieve_message.md, modify_message.md, delete_message.md, message_feedback.md,
 * delete_message_feedback.md). Conversations live in the chat area's state, so a conversation created here can be used
 * by /v3/chat, and saved chats show up in the message list as their question plus their answer.
 */

type Conv = Conversation & { connector_id?: string };
export interface Feedback {
	feedback_type: 'like' | 'unlike';
	reason_types: string[];
	comment: string;
}

/** Every conversation (created here or by /v3/chat), by ID. */
export const conversationsOf = (sim: Simulator) => chatState(sim).conversations as Map<string, Conv>;

const extrasOf = (sim: Simulator) =>
	sim.state('conversations', () => ({
		/** The question message of each saved chat (null once deleted), made when first listed. */
		questions: new Map<string, Message | null>(),
		feedback: new Map<string, Feedback>(),
	}));

/** Feedback given to messages, by message ID. */
export const messageFeedbackOf = (sim: Simulator) => extrasOf(sim).feedback;

const now = () => Math.floor(Date.now() / 1000);
const fail = (ctx: RouteContext, code: number, msg: string): undefined => void ctx.error(code, msg);
const INTERMEDIATE = ['function_call', 'tool_response', 'tool_output', 'verbose', 'follow_up'];

function chatsOf(sim: Simulator, c: Conv) {
	return [...chatState(sim).chats.values()].filter((chat) => chat.conversation_id === c.id && chat.saved);
}

/** The conversation's messages in creation order (question, answer). Coze IDs sort by creation time; a chat's question sorts as its chat ID. */
function messagesOf(sim: Simulator, c: Conv): Message[] {
	const { questions } = extrasOf(sim);
	const keyed: Array<[string, Message]> = (c.messages ?? []).map((m) => [String(m.id), m]);
	for (const chat of chatsOf(sim, c)) {
		if (!questions.has(chat.id)) {
			questions.set(chat.id, {
				id: cozeId(),
				conversation_id: c.id,
				bot_id: chat.bot_id,
				chat_id: chat.id,
				section_id: chat.section_id,
				role: 'user',
				type: 'question',
				content: chat.userText,
				content_type: 'text',
				meta_data: {},
				created_at: chat.created_at,
				updated_at: chat.created_at,
			});
		}
		const question = questions.get(chat.id);
		if (question) keyed.push([chat.id, question]);
		for (const m of chat.messages) if (m.type === 'answer') keyed.push([String(m.id), m]);
	}
	return keyed.sort((a, b) => a[0].localeCompare(b[0])).map(([, m]) => m);
}

function conversationObject(sim: Simulator, c: Conv) {
	const firstQuestion = messagesOf(sim, c).find((m) => m.role === 'user')?.content;
	return {
		id: c.id,
		name: c.name || String(firstQuestion ?? ''),
		meta_data: c.meta_data ?? {},
		creator_id: '2150000000000000001',
		connector_id: c.connector_id ?? '1024',
		created_at: c.created_at,
		updated_at: c.updated_at ?? c.created_at,
		last_section_id: c.section_id,
	};
}

const messageObject = (m: Message) => ({ bot_id: '', chat_id: '', meta_data: {}, ...m });

/** meta_data: at most 16 pairs, keys 1-64 characters, string values up to 512. */
function metaDataError(meta: unknown): string | undefined {
	if (meta === undefined) return undefined;
	if (!meta || typeof meta !== 'object' || Array.isArray(meta)) return 'meta_data must be a map of strings';
	const entries = Object.entries(meta);
	if (entries.length > 16) return 'meta_data holds at most 16 pairs';
	const bad = entries.find(([k, v]) => k.length < 1 || k.length > 64 || typeof v !== 'string' || v.length > 512);
	return bad ? `meta_data.${bad[0]}: keys have 1-64 characters, values are strings of up to 512` : undefined;
}

/** content of a message: text, or object_string (a JSON array of text/image/file/audio items; file IDs must exist). */
function contentError(sim: Simulator, content: unknown, contentType: unknown): string | undefined {
	if (typeof content !== 'string' || !content) return 'content is required';
	if (contentType === 'text') return undefined;
	if (contentType !== 'object_string') return 'content_type must be text or object_string';
	let parts: unknown;
	try {
		parts = JSON.parse(content);
	} catch {
		return 'object_string content is not valid JSON';
	}
	if (!Array.isArray(parts) || parts.length === 0) return 'object_string content must be a non-empty JSON array';
	for (const part of parts as Message[]) {
		if (part?.type === 'text') {
			if (typeof part.text !== 'string') return 'a text item needs text';
		} else if (['image', 'file', 'audio'].includes(String(part?.type))) {
			if (part.file_id !== undefined) {
				if (!filesOf(sim).has(String(part.file_id))) return `file ${String(part.file_id)} not found`;
			} else if (typeof part.file_url !== 'string' || !/^https?:\/\//.test(part.file_url)) {
				return `a ${String(part.type)} item needs file_id or file_url`;
			}
		} else {
			return `unknown object_string item type ${String(part?.type)}`;
		}
	}
	return undefined;
}

export function registerConversationRoutes(sim: Simulator) {
	const conversations = () => conversationsOf(sim);
	const find = (ctx: RouteContext, id: string | undefined) => conversations().get(id ?? '') ?? fail(ctx, 4200, `conversation ${id} not found`);
	const newMessage = (c: Conv, body: Record<string, unknown>): Message | string => {
		if (!['user', 'assistant'].includes(String(body.role))) return 'role must be user or assistant';
		const type = body.type ?? (body.role === 'user' ? 'question' : 'answer');
		if ((type === 'question') !== (body.role === 'user') || !['question', 'answer'].includes(String(type))) {
			return 'type must be question (role user) or answer (role assistant)';
		}
		const error = contentError(sim, body.content, body.content_type ?? 'text') ?? metaDataError(body.meta_data);
		if (error) return error;
		return {
			id: cozeId(),
			conversation_id: c.id,
			bot_id: '',
			chat_id: '',
			section_id: c.section_id,
			role: body.role,
			type,
			content: body.content,
			content_type: body.content_type ?? 'text',
			meta_data: body.meta_data ?? {},
			created_at: now(),
			updated_at: now(),
		};
	};

	sim.route('POST', '/v1/conversation/create', (ctx) => {
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const messages = body.messages ?? [];
		if (!Array.isArray(messages)) return ctx.error(4000, 'messages must be an array');
		if (messages.length > 16) return ctx.error(4000, 'messages holds at most 16 messages');
		if (body.bot_id && !BOT_LIST.some((b) => b.id === body.bot_id)) return ctx.error(4200, `bot ${String(body.bot_id)} not found`);
		const metaError = metaDataError(body.meta_data);
		if (metaError) return ctx.error(4000, metaError);
		if (body.name !== undefined && (typeof body.name !== 'string' || body.name.length > 100))
			return ctx.error(4000, 'name has at most 100 characters');
		const c: Conv = {
			id: cozeId(),
			created_at: now(),
			section_id: cozeId(),
			bot_id: body.bot_id as string | undefined,
			name: body.name as string | undefined,
			meta_data: (body.meta_data as Record<string, string>) ?? {},
			connector_id: body.connector_id ? String(body.connector_id) : '1024',
			messages: [],
		};
		for (const entry of messages) {
			const message = newMessage(c, (entry ?? {}) as Record<string, unknown>);
			if (typeof message === 'string') return ctx.error(4000, `messages: ${message}`);
			c.messages?.push(message);
		}
		conversations().set(c.id, c);
		ctx.json(conversationObject(sim, c));
	});

	sim.route('GET', '/v1/conversation/retrieve', (ctx) => {
		const c = find(ctx, ctx.req.query.conversation_id);
		if (c) ctx.json(conversationObject(sim, c));
	});

	sim.route('GET', '/v1/conversations', (ctx) => {
		const { bot_id: botId, sort_order: order = 'DESC', connector_id: connector = '1024' } = ctx.req.query;
		if (!BOT_LIST.some((b) => b.id === botId)) return ctx.error(4200, `bot ${botId} not found`);
		if (!['ASC', 'DESC'].includes(order)) return ctx.error(4000, 'sort_order must be ASC or DESC');
		const size = Number(ctx.req.query.page_size ?? 50);
		const page = Number(ctx.req.query.page_num ?? 1);
		if (!Number.isInteger(size) || size < 1 || size > 50) return ctx.error(4000, 'page_size must be 1-50');
		if (!Number.isInteger(page) || page < 1) return ctx.error(4000, 'page_num must be at least 1');
		// A conversation belongs to the bot it was created for, or (made by /v3/chat) to the bot of its chats.
		const botOf = (c: Conv) => c.bot_id ?? chatsOf(sim, c)[0]?.bot_id;
		const list = [...conversations().values()].filter((c) => botOf(c) === botId && (c.connector_id ?? '1024') === connector);
		list.sort((a, b) => (order === 'ASC' ? 1 : -1) * (a.created_at - b.created_at || a.id.localeCompare(b.id)));
		const pageItems = list.slice((page - 1) * size, page * size);
		ctx.json({ conversations: pageItems.map((c) => conversationObject(sim, c)), has_more: page * size < list.length });
	});

	sim.route('PUT', '/v1/conversations/{conversation_id}', (ctx) => {
		const c = find(ctx, ctx.params.conversation_id);
		if (!c) return;
		const name = (ctx.req.body as Record<string, unknown> | undefined)?.name;
		if (typeof name !== 'string' || !name || name.length > 100) return ctx.error(4000, 'name is required (at most 100 characters)');
		c.name = name;
		c.updated_at = now();
		ctx.json(conversationObject(sim, c));
	});

	sim.route('DELETE', '/v1/conversations/{conversation_id}', (ctx) => {
		if (!find(ctx, ctx.params.conversation_id)) return;
		conversations().delete(ctx.params.conversation_id);
		ctx.json(undefined);
	});

	sim.route('POST', '/v1/conversations/{conversation_id}/clear', (ctx) => {
		const c = find(ctx, ctx.params.conversation_id);
		if (!c) return;
		c.section_id = cozeId();
		ctx.json({ id: c.section_id, conversation_id: c.id });
	});

	sim.route('POST', '/v1/conversation/message/create', (ctx) => {
		const c = find(ctx, ctx.req.query.conversation_id);
		if (!c) return;
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		if (!body.content_type) return ctx.error(4000, 'content_type is required');
		const message = newMessage(c, { ...body, type: undefined });
		if (typeof message === 'string') return ctx.error(4000, message);
		(c.messages ??= []).push(message);
		c.updated_at = now();
		ctx.json(messageObject(message));
	});

	/**
	 * Cursor paging (docs/list_message.md; coze-py cozepy/model.py LastIDPaged; coze-go conversations_messages.go;
	 * Coze Studio backend/application/conversation/openapi_message.go + domain/conversation/message/internal/dal/message.go).
	 * The list is ordered by `order` (desc, newest first, by default). `after_id` = the previous answer's `last_id` asks
	 * for the next page: the messages that come after it in this order (with desc: older ones; Coze Studio: created_at <
	 * cursor). `before_id` = the previous answer's `first_id` walks back: the `limit` messages just before it in this
	 * order (with desc: newer ones; Coze Studio: created_at > cursor). first_id / last_id are the first / last message of
	 * the page; has_more says whether more messages lie further in the direction walked. Coze Studio lists the before_id
	 * page in ascending time whatever the order; we keep the requested order on every page, as the docs describe.
	 */
	sim.route('POST', '/v1/conversation/message/list', (ctx) => {
		const c = find(ctx, ctx.req.query.conversation_id);
		if (!c) return;
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const limit = body.limit === undefined || body.limit === null ? 50 : Number(body.limit);
		if (!Number.isInteger(limit) || limit < 1 || limit > 50) return ctx.error(4000, 'limit must be 1-50');
		const order = body.order ?? 'desc';
		if (order !== 'asc' && order !== 'desc') return ctx.error(4000, 'order must be desc or asc');
		let list = messagesOf(sim, c);
		if (order === 'desc') list.reverse();
		if (body.chat_id) list = list.filter((m) => m.chat_id === body.chat_id);
		const at = (id: unknown) => {
			const index = list.findIndex((m) => m.id === id);
			return index >= 0 ? index : fail(ctx, 4000, `message ${String(id)} is not in this list`);
		};
		const given = (id: unknown) => id !== undefined && id !== null && id !== '' && id !== '0' && id !== 0;
		let pageItems: Message[];
		let hasMore: boolean;
		if (given(body.before_id)) {
			// Coze Studio: BeforeID wins when both are set.
			const index = at(body.before_id);
			if (index === undefined) return;
			pageItems = list.slice(Math.max(0, index - limit), index);
			hasMore = index - limit > 0;
		} else if (given(body.after_id)) {
			const index = at(body.after_id);
			if (index === undefined) return;
			pageItems = list.slice(index + 1, index + 1 + limit);
			hasMore = list.length > index + 1 + limit;
		} else {
			pageItems = list.slice(0, limit);
			hasMore = list.length > limit;
		}
		ctx.json(pageItems.map(messageObject), { first_id: pageItems[0]?.id ?? '', last_id: pageItems.at(-1)?.id ?? '', has_more: hasMore });
	});

	const findMessage = (ctx: RouteContext, conversationId: string | undefined, messageId: string | undefined) => {
		const c = find(ctx, conversationId);
		if (!c) return undefined;
		const message = messagesOf(sim, c).find((m) => m.id === messageId);
		return message ? { c, message } : fail(ctx, 4200, `message ${messageId} not found`);
	};

	sim.route('GET', '/v1/conversation/message/retrieve', (ctx) => {
		const found = findMessage(ctx, ctx.req.query.conversation_id, ctx.req.query.message_id);
		if (found) ctx.json(messageObject(found.message));
	});

	sim.route('POST', '/v1/conversation/message/modify', (ctx) => {
		const found = findMessage(ctx, ctx.req.query.conversation_id, ctx.req.query.message_id);
		if (!found) return;
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		if (body.content === undefined && body.meta_data === undefined) return ctx.error(4000, 'content and meta_data cannot both be empty');
		if (body.content !== undefined) {
			const error = contentError(sim, body.content, body.content_type ?? found.message.content_type);
			if (error) return ctx.error(4000, error);
		}
		const metaError = metaDataError(body.meta_data);
		if (metaError) return ctx.error(4000, metaError);
		for (const key of ['content', 'content_type', 'meta_data']) if (body[key] !== undefined) found.message[key] = body[key];
		found.message.updated_at = now();
		ctx.json(undefined, { message: messageObject(found.message) }); // top-level `message`, no `data`
	});

	sim.route('POST', '/v1/conversation/message/delete', (ctx) => {
		const found = findMessage(ctx, ctx.req.query.conversation_id, ctx.req.query.message_id);
		if (!found) return;
		const { c, message } = found;
		if (!['question', 'answer'].includes(String(message.type))) return ctx.error(4000, 'only question or answer messages can be deleted');
		c.messages = (c.messages ?? []).filter((m) => m !== message);
		const { questions, feedback } = extrasOf(sim);
		for (const [chatId, question] of questions) if (question === message) questions.set(chatId, null);
		const chat = chatState(sim).chats.get(String(message.chat_id ?? ''));
		// Deleting an answer also deletes its chat's intermediate messages (verbose, function_call, ...).
		if (chat && message.type === 'answer') chat.messages = chat.messages.filter((m) => m !== message && !INTERMEDIATE.includes(String(m.type)));
		feedback.delete(String(message.id));
		ctx.json(messageObject(message));
	});

	const feedbackTarget = (ctx: RouteContext) => {
		const found = findMessage(ctx, ctx.params.conversation_id, ctx.params.message_id);
		if (!found) return undefined;
		if (found.message.type !== 'answer' || !found.message.chat_id) return fail(ctx, 4000, 'only answer messages of a chat can get feedback');
		return found.message;
	};

	sim.route('POST', '/v1/conversations/{conversation_id}/messages/{message_id}/feedback', (ctx) => {
		const message = feedbackTarget(ctx);
		if (!message) return;
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		if (body.feedback_type !== 'like' && body.feedback_type !== 'unlike') return ctx.error(4000, 'feedback_type must be like or unlike');
		const reasons = body.reason_types ?? [];
		if (!Array.isArray(reasons) || reasons.length > 10 || reasons.some((r) => typeof r !== 'string' || r.length > 30)) {
			return ctx.error(4000, 'reason_types holds at most 10 strings of up to 30 characters');
		}
		if (body.comment !== undefined && (typeof body.comment !== 'string' || body.comment.length > 250))
			return ctx.error(4000, 'comment has at most 250 characters');
		messageFeedbackOf(sim).set(String(message.id), {
			feedback_type: body.feedback_type,
			reason_types: reasons as string[],
			comment: String(body.comment ?? ''),
		});
		ctx.json(undefined);
	});

	sim.route('DELETE', '/v1/conversations/{conversation_id}/messages/{message_id}/feedback', (ctx) => {
		const message = feedbackTarget(ctx);
		if (!message) return;
		messageFeedbackOf(sim).delete(String(message.id));
		ctx.json(undefined);
	});
}
