import type { RouteContext, Simulator } from '../index';
import { cozeId } from '../ids';
import { BOT_LIST } from '../seed';
import type { Conversation, Message } from './chat';
import { chatState } from './chat';

/**
 * Conversations and their messages (docs/create_conversation.md, retrieve_conversation.md, list_conversations.md,
 * edit_conversation.md, delete_conversation.md, clear_conversation_context.md, create_message.md, list_message.md,
 * retrieve_message.md, modify_message.md, delete_message.md). Shares the chat area's conversations, so a
 * conversation created here can be used by /v3/chat, and saved chat answers show up in the message list.
 */
const now = () => Math.floor(Date.now() / 1000);

function conversationObject(c: Conversation) {
	return {
		id: c.id,
		created_at: c.created_at,
		updated_at: c.updated_at ?? c.created_at,
		meta_data: c.meta_data ?? {},
		last_section_id: c.section_id,
		name: c.name ?? '',
		connector_id: '1024',
	};
}

function messagesOf(sim: Simulator, c: Conversation): Message[] {
	const answers = [...chatState(sim).chats.values()]
		.filter((chat) => chat.conversation_id === c.id && chat.saved)
		.flatMap((chat) => chat.messages.filter((m) => m.type === 'answer'));
	return [...(c.messages ?? []), ...answers].sort((a, b) => Number(a.created_at) - Number(b.created_at) || String(a.id).localeCompare(String(b.id)));
}

export function registerConversationRoutes(sim: Simulator) {
	const conversations = () => chatState(sim).conversations;
	const find = (ctx: RouteContext, id: string | undefined) => {
		const c = conversations().get(id ?? '');
		if (!c) ctx.error(4200, `conversation ${id} not found`);
		return c;
	};
	const newMessage = (c: Conversation, body: Record<string, unknown>): Message | string => {
		if (!['user', 'assistant'].includes(String(body.role))) return 'role must be user or assistant';
		if (typeof body.content !== 'string' || !body.content) return 'content is required';
		if (!['text', 'object_string'].includes(String(body.content_type))) return 'content_type must be text or object_string';
		return {
			id: cozeId(),
			conversation_id: c.id,
			bot_id: c.bot_id ?? '',
			chat_id: '',
			section_id: c.section_id,
			role: body.role,
			type: body.role === 'user' ? 'question' : 'answer',
			content: body.content,
			content_type: body.content_type,
			meta_data: body.meta_data ?? {},
			created_at: now(),
			updated_at: now(),
		};
	};

	sim.route('POST', '/v1/conversation/create', (ctx) => {
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const messages = (body.messages as Record<string, unknown>[] | undefined) ?? [];
		if (messages.length > 16) return ctx.error(4000, 'at most 16 messages');
		if (body.bot_id && !BOT_LIST.some((b) => b.id === body.bot_id)) return ctx.error(4200, `bot ${String(body.bot_id)} not found`);
		const c: Conversation = {
			id: cozeId(),
			created_at: now(),
			section_id: cozeId(),
			bot_id: body.bot_id as string | undefined,
			name: body.name as string | undefined,
			meta_data: (body.meta_data as Record<string, string>) ?? {},
			messages: [],
		};
		for (const entry of messages) {
			const message = newMessage(c, entry);
			if (typeof message === 'string') return ctx.error(4000, message);
			c.messages?.push(message);
		}
		if (!c.name) c.name = String(c.messages?.find((m) => m.role === 'user')?.content ?? '');
		conversations().set(c.id, c);
		ctx.json(conversationObject(c));
	});

	sim.route('GET', '/v1/conversation/retrieve', (ctx) => {
		const c = find(ctx, ctx.req.query.conversation_id);
		if (c) ctx.json(conversationObject(c));
	});

	sim.route('GET', '/v1/conversations', (ctx) => {
		const botId = ctx.req.query.bot_id;
		if (!BOT_LIST.some((b) => b.id === botId)) return ctx.error(4200, `bot ${botId} not found`);
		const size = Math.min(50, Math.max(1, Number(ctx.req.query.page_size ?? 50) || 50));
		const page = Math.max(1, Number(ctx.req.query.page_num ?? 1) || 1);
		const list = [...conversations().values()].filter((c) => c.bot_id === botId);
		list.sort((a, b) => (ctx.req.query.sort_order === 'ASC' ? 1 : -1) * (a.created_at - b.created_at || a.id.localeCompare(b.id)));
		ctx.json({ conversations: list.slice((page - 1) * size, page * size).map(conversationObject), has_more: page * size < list.length });
	});

	sim.route('PUT', '/v1/conversations/{conversation_id}', (ctx) => {
		const c = find(ctx, ctx.params.conversation_id);
		if (!c) return;
		const name = (ctx.req.body as Record<string, unknown> | undefined)?.name;
		if (typeof name !== 'string' || !name) return ctx.error(4000, 'name is required');
		c.name = name;
		c.updated_at = now();
		ctx.json(conversationObject(c));
	});

	sim.route('DELETE', '/v1/conversations/{conversation_id}', (ctx) => {
		if (!find(ctx, ctx.params.conversation_id)) return;
		conversations().delete(ctx.params.conversation_id);
		ctx.json({});
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
		const message = newMessage(c, (ctx.req.body ?? {}) as Record<string, unknown>);
		if (typeof message === 'string') return ctx.error(4000, message);
		(c.messages ??= []).push(message);
		ctx.json(message);
	});

	sim.route('POST', '/v1/conversation/message/list', (ctx) => {
		const c = find(ctx, ctx.req.query.conversation_id);
		if (!c) return;
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const limit = Number(body.limit ?? 50);
		if (!Number.isInteger(limit) || limit < 1 || limit > 50) return ctx.error(4000, 'limit must be 1-50');
		let list = messagesOf(sim, c);
		if (body.order !== 'asc') list = list.reverse();
		if (body.chat_id) list = list.filter((m) => m.chat_id === body.chat_id);
		// before_id: the page after that message in the listing order; after_id: the page before it.
		const index = (id: unknown) => list.findIndex((m) => m.id === id);
		if (body.before_id) list = list.slice(index(body.before_id) + 1);
		else if (body.after_id) list = list.slice(0, Math.max(0, index(body.after_id)));
		const pageItems = list.slice(0, limit);
		ctx.json(pageItems, {
			first_id: pageItems[0]?.id ?? '',
			last_id: pageItems.at(-1)?.id ?? '',
			has_more: list.length > limit,
		});
	});

	const findMessage = (ctx: RouteContext) => {
		const c = find(ctx, ctx.req.query.conversation_id);
		if (!c) return undefined;
		const message = messagesOf(sim, c).find((m) => m.id === ctx.req.query.message_id);
		if (!message) ctx.error(4200, `message ${ctx.req.query.message_id} not found`);
		return message ? { c, message } : undefined;
	};

	sim.route('GET', '/v1/conversation/message/retrieve', (ctx) => {
		const found = findMessage(ctx);
		if (found) ctx.json(found.message);
	});

	sim.route('POST', '/v1/conversation/message/modify', (ctx) => {
		const found = findMessage(ctx);
		if (!found) return;
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		for (const key of ['content', 'content_type', 'meta_data']) if (body[key] !== undefined) found.message[key] = body[key];
		found.message.updated_at = now();
		ctx.raw(200, { code: 0, msg: '', message: found.message });
	});

	sim.route('POST', '/v1/conversation/message/delete', (ctx) => {
		const found = findMessage(ctx);
		if (!found) return;
		if (!['question', 'answer'].includes(String(found.message.type))) return ctx.error(4000, 'only question or answer messages can be deleted');
		found.c.messages = (found.c.messages ?? []).filter((m) => m !== found.message);
		for (const chat of chatState(sim).chats.values()) chat.messages = chat.messages.filter((m) => m !== found.message);
		ctx.json(found.message);
	});
}
