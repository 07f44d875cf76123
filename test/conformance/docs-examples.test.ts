import type { INode } from 'n8n-workflow';

import { collectChatStream } from '../../nodes/shared/chatTurn';
import { parseSseData, readSseEvents, SseParser } from '../../nodes/shared/transport/sse';
import { failureOf } from '../../nodes/shared/transport';
import { collectWorkflowStream } from '../../nodes/shared/workflow';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { findOperation } from '../simulator/contract';
import { chatStats } from '../simulator/routes/chat';
import { seedDatasetDocuments, setDocumentProcessingMs } from '../simulator/routes/datasets';
import { setWorkflowDuration } from '../simulator/routes/workflows';
import { APPS, BOTS, DATASETS, WORKFLOWS, WORKSPACES } from '../simulator/seed';
import type { DocRequest } from './docs-examples';
import { examplesOf, parseLenientJson } from './docs-examples';

/**
 * The docs' examples are the contract. For every page of an endpoint our nodes call, the request, response and
 * stream examples are read verbatim from test/coze-reference/docs at test time:
 * (1) each request example, with its masked IDs (`737…****`) replaced by live simulator IDs of the same kind, is
 *     accepted by the simulator and passes the contract check;
 * (2) each response example goes through failureOf (nodes/shared/transport.ts) and each stream example through the
 *     SSE parser and the chat / workflow collector: an answer, or an error carrying Coze's code and message.
 * Examples the docs get wrong themselves (invalid JSON, a required parameter missing) are listed in DOC_DEFECTS.
 */

const PAGES = [
	'chat_v3',
	'retrieve_chat',
	'list_chat_messages',
	'chat_submit_tool_outputs',
	'chat_cancel',
	'create_conversation',
	'retrieve_conversation',
	'list_conversations',
	'edit_conversation',
	'delete_conversation',
	'clear_conversation_context',
	'create_message',
	'list_message',
	'retrieve_message',
	'modify_message',
	'delete_message',
	'message_feedback',
	'delete_message_feedback',
	'workflow_run',
	'workflow_stream_run',
	'workflow_resume',
	'resume_workflow',
	'workflow_chat',
	'get_workflow_list',
	'get_workflow_info',
	'workflow_history',
	'get_node_execute_history_response',
	'upload_files',
	'retrieve_files',
	'create_dataset',
	'list_dataset',
	'update_dataset',
	'delete_dataset',
	'get_dataset_progress',
	'create_knowledge_files',
	'list_knowledge_files',
	'modify_knowledge_files',
	'delete_knowdge_files',
	'get_images',
	'update_image_caption',
	'read_variable',
	'update_variable',
	'list_workspace',
	'published_bots_list',
	'bots_list_draft_published',
	'published_apps_list',
	'create_callback_app',
	'update_callback_app',
	'list_callback_app',
	'delete_callback_app',
	'subscribe_callback_message',
	'unsubscribe_callback_message',
	'list_subscribed_callback_message',
];

/**
 * Request examples the docs themselves get wrong (by "<page>.md example <n>"): Coze would refuse them as printed.
 * Each is asserted to fail the way described, so a fix in the docs (or a change in our reading of them) shows up.
 */
const DOC_DEFECTS: Record<string, string> = {
	'create_message.md example 1': 'invalid JSON body (missing comma after "content")',
	'create_message.md example 2': 'invalid JSON body (missing comma after "content")',
	'create_knowledge_files.md example 2': 'invalid JSON body',
	'create_knowledge_files.md example 3': 'invalid JSON body',
	'modify_knowledge_files.md example 1': 'invalid JSON body (trailing comma)',
	'read_variable.md example 1': 'connector_uid is missing, though read_variable.md marks it required (必选) and the spec agrees',
	'create_knowledge_files.md example 1': 'no headers at all: Agw-Js-Conv (required by the page) is missing, and so is format_type (必选)',
	'list_subscribed_callback_message.md example 1':
		'a GET with a JSON body ({"event_types": …}, copied from the subscribe page); the page lists no body parameters and a GET body cannot be sent',
};

const node: INode = { id: 'n1', name: 'Coze', type: 'n8n-nodes-coze-api.cozeChat', typeVersion: 1, position: [0, 0], parameters: {} };
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

interface Live {
	conversation: string;
	question: string;
	answer: string;
	chat: { id: string; conversation: string };
	tools: { id: string; conversation: string; callId: string };
	slow: { id: string; conversation: string };
	executeId: string;
	bigExecuteId: string;
	eventId: string;
	fileId: string;
	newDataset: string;
	apiApp: string;
}

describe('the docs examples are the contract', () => {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator({ ssePacingMs: 1, slowChatMs: 60_000 });
	});
	afterAll(async () => await sim.close());

	const auth = () => ({ Authorization: `Bearer ${sim.patTokens[0]}` });
	const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Json> => {
		const response = await fetch(`${sim.url}${path}`, {
			method,
			headers: { ...auth(), 'Content-Type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return (await response.json()) as Json;
	};
	const waitChat = async (conversation: string, id: string, until: string[]) => {
		for (let i = 0; i < 200; i++) {
			const chat = await call('GET', `/v3/chat/retrieve?conversation_id=${conversation}&chat_id=${id}`);
			if (until.includes(chat.data?.status)) return chat.data;
			await sleep(10);
		}
		throw new Error(`chat ${id} never reached ${until.join('/')}`);
	};

	/** Live entities the masked IDs of the examples are replaced with. */
	async function prepare(): Promise<Live> {
		sim.reset();
		setDocumentProcessingMs(sim, 0);
		setWorkflowDuration(sim, 0);
		seedDatasetDocuments(sim);
		const form = new FormData();
		form.append('file', new Blob([Buffer.from('\x89PNG fake image')], { type: 'image/png' }), 'photo.png');
		const fileId = ((await (await fetch(`${sim.url}/v1/files/upload`, { method: 'POST', headers: auth(), body: form })).json()) as Json).data
			.id as string;
		const conversation = (await call('POST', '/v1/conversation/create', { bot_id: BOTS.echo })).data.id as string;
		const question = (
			await call('POST', `/v1/conversation/message/create?conversation_id=${conversation}`, { role: 'user', content: 'hello', content_type: 'text' })
		).data.id as string;
		const ask = (bot: string, text: string) => ({
			bot_id: bot,
			user_id: 'u1',
			additional_messages: [{ role: 'user', type: 'question', content: text, content_type: 'text' }],
		});
		const echo = (await call('POST', '/v3/chat', ask(BOTS.echo, 'hi'))).data as Json;
		await waitChat(echo.conversation_id, echo.id, ['completed']);
		const listed = await call('POST', `/v1/conversation/message/list?conversation_id=${echo.conversation_id}`, {});
		const answer = (listed.data as Json[]).find((m) => m.type === 'answer')?.id as string;
		const toolsChat = (await call('POST', '/v3/chat', ask(BOTS.tools, 'Paris'))).data as Json;
		const tools = await waitChat(toolsChat.conversation_id, toolsChat.id, ['requires_action']);
		const slow = (await call('POST', '/v3/chat', ask(BOTS.slow, 'wait'))).data as Json;
		const executeId = (await call('POST', '/v1/workflow/run', { workflow_id: WORKFLOWS.slow, parameters: { input: 'x' }, is_async: true }))
			.execute_id as string;
		const bigExecuteId = (await call('POST', '/v1/workflow/run', { workflow_id: WORKFLOWS.bigOutput, parameters: { input: 'x' }, is_async: true }))
			.execute_id as string;
		const eventId = (await call('POST', '/v1/workflow/run', { workflow_id: WORKFLOWS.question, parameters: {} })).interrupt_data.event_id as string;
		const newDataset = (await call('POST', '/v1/datasets', { name: 'Docs KB', space_id: WORKSPACES[0].id, format_type: 0 })).data
			.dataset_id as string;
		const apiApp = (await call('POST', '/v1/api_apps', { app_type: 'normal', name: 'Docs callback app' })).data.id as string;
		await call('POST', `/v1/api_apps/${apiApp}/events`, { event_types: ['bot.published', 'bot.deleted'] });
		await sleep(20);
		return {
			conversation,
			question,
			answer,
			chat: { id: echo.id, conversation: echo.conversation_id },
			tools: { id: tools.id, conversation: tools.conversation_id, callId: tools.required_action.submit_tool_outputs.tool_calls[0].id },
			slow: { id: slow.id, conversation: slow.conversation_id },
			executeId,
			bigExecuteId,
			eventId,
			fileId,
			newDataset,
			apiApp,
		};
	}

	/** The live ID for an ID-carrying field of a page's example; undefined for fields kept verbatim. */
	function idFor(page: string, name: string, live: Live, body: Json | undefined): unknown {
		switch (name) {
			case 'conversation_id':
				if (page === 'chat_submit_tool_outputs') return live.tools.conversation;
				if (page === 'chat_cancel') return live.slow.conversation;
				if (page === 'retrieve_chat' || page === 'list_chat_messages') return live.chat.conversation;
				if (page === 'message_feedback' || page === 'delete_message_feedback' || page === 'list_message') return live.chat.conversation;
				return live.conversation;
			case 'chat_id':
				if (page === 'chat_submit_tool_outputs') return live.tools.id;
				if (page === 'chat_cancel') return live.slow.id;
				return live.chat.id;
			case 'message_id':
				return page.includes('feedback') ? live.answer : live.question;
			case 'before_id':
			case 'after_id':
				return live.answer; // a message of live.chat, which list_message.md filters by (chat_id)
			case 'bot_id':
				return BOTS.echo;
			case 'workflow_id':
				if (page === 'workflow_resume' || page === 'resume_workflow') return WORKFLOWS.question;
				if (page === 'workflow_chat') return WORKFLOWS.chatflow;
				if (page === 'workflow_history') return WORKFLOWS.slow;
				if (page === 'get_node_execute_history_response') return WORKFLOWS.bigOutput;
				return WORKFLOWS.echo;
			case 'execute_id':
				return page === 'get_node_execute_history_response' ? live.bigExecuteId : live.executeId;
			case 'node_execute_uuid':
				return `${live.bigExecuteId}-output`;
			case 'event_id':
				return live.eventId;
			case 'space_id':
			case 'workspace_id':
				return WORKSPACES[0].id;
			case 'dataset_id':
				if (page === 'get_images' || page === 'update_image_caption') return DATASETS.image;
				if (page === 'update_dataset' || page === 'delete_dataset') return live.newDataset;
				return body?.format_type === 2 ? DATASETS.image : DATASETS.text;
			case 'document_id':
				return page === 'update_image_caption' ? '7610000000000000003' : '7610000000000000001';
			case 'document_ids':
				return ['7610000000000000001', '7610000000000000002'];
			case 'file_id':
			case 'source_file_id':
				return live.fileId;
			case 'app_id':
				return APPS.withVariables;
			case 'tool_call_id':
				return live.tools.callId;
			case 'api_app_id':
				return live.apiApp;
			default:
				return undefined;
		}
	}

	function substitute(page: string, value: unknown, live: Live, root: Json | undefined): unknown {
		if (Array.isArray(value)) return value.map((entry) => substitute(page, entry, live, root));
		if (!value || typeof value !== 'object') return value;
		return Object.fromEntries(
			Object.entries(value as Json).map(([key, entry]) => {
				// object_string content is JSON text whose items may name uploaded files (create_message.md, chat_v3.md).
				if (key === 'content' && typeof entry === 'string' && entry.trim().startsWith('[')) {
					try {
						return [key, JSON.stringify(substitute(page, JSON.parse(entry), live, root))];
					} catch {
						return [key, entry];
					}
				}
				const replaced = typeof entry === 'object' && key !== 'document_ids' ? undefined : idFor(page, key, live, root);
				return [key, replaced ?? substitute(page, entry, live, root)];
			}),
		);
	}

	/** The example with live IDs, as a fetch() call; throws on a body that is not JSON. */
	function liveRequest(page: string, request: DocRequest, live: Live) {
		const body = request.body === undefined ? undefined : (JSON.parse(request.body) as Json);
		const masked = decodeURIComponent(request.url.pathname)
			.replace(/\*/g, '0')
			.replace(/:(\w+)/g, '0');
		const found = findOperation(masked, request.method);
		let path = masked;
		if (found) {
			path = found.template.replace(/\{(\w+)\}/g, (_m, name: string) => String(idFor(page, name, live, body) ?? found.pathParams[name]));
		}
		const query = new URLSearchParams();
		request.url.searchParams.forEach((value, key) => {
			const replaced = idFor(page, key, live, body);
			query.set(key, replaced === undefined ? value : String(replaced));
		});
		const headers: Record<string, string> = { ...auth() };
		if (request.headers['agw-js-conv']) headers['Agw-Js-Conv'] = request.headers['agw-js-conv'];
		let payload: FormData | string | undefined;
		if (request.form) {
			const form = new FormData();
			for (const part of request.form) {
				if (part.file) form.append(part.name, new Blob([Buffer.from('\x89PNG fake image')]), part.file.split('/').pop());
				else form.append(part.name, part.value ?? '');
			}
			payload = form;
		} else if (body !== undefined) {
			headers['Content-Type'] = 'application/json';
			const live_ = substitute(page, body, live, body) as Json;
			// update_variable.md's bot has variables `name` and `age`; the seeded echo bot has `city` and `language`.
			if (page === 'update_variable') {
				const rename: Json = { name: 'city', age: 'language' };
				for (const item of live_.data as Json[]) item.keyword = rename[item.keyword as string] ?? item.keyword;
			}
			payload = JSON.stringify(live_);
		}
		const search = query.toString();
		return { url: `${sim.url}${path}${search ? `?${search}` : ''}`, init: { method: request.method, headers, body: payload } };
	}

	describe('(1) request examples are accepted by the simulator and pass the contract check', () => {
		it.each(PAGES)('%s', async (page) => {
			const { requests } = examplesOf(page);
			expect(requests.length).toBeGreaterThan(0);
			const live = await prepare();
			const outcomes: Record<string, string> = {};
			for (const request of requests) {
				sim.requests = [];
				let outcome = 'accepted';
				try {
					const { url, init } = liveRequest(page, request, live);
					const response = await fetch(url, init);
					const type = response.headers.get('content-type') ?? '';
					if (type.includes('text/event-stream')) {
						const text = await response.text();
						if (!/^event:/m.test(text)) outcome = `empty stream`;
					} else {
						const json = (await response.json()) as Json;
						if (json.code !== 0) outcome = `code ${json.code}: ${json.msg}`;
					}
					const violations = sim.contractViolations();
					if (violations.length) outcome = `${outcome === 'accepted' ? '' : `${outcome}; `}contract: ${violations.join('; ')}`;
				} catch (error) {
					outcome = `not sendable: ${(error as Error).message}`;
				}
				if (outcome !== 'accepted') outcomes[request.source] = outcome;
				// Let a non-streamed chat finish before the next example uses the conversation (Coze: one running chat each).
				for (
					let i = 0;
					i < 200 && chatStats(sim).chats.some((c) => c.conversation_id === live.conversation && ['created', 'in_progress'].includes(c.status));
					i++
				)
					await sleep(10);
			}
			const expected = Object.fromEntries(Object.entries(DOC_DEFECTS).filter(([source]) => source.startsWith(`${page}.md `)));
			// Every example accepted, except the docs' own defects, which must still fail.
			expect(Object.fromEntries(Object.entries(outcomes).filter(([source]) => !(source in expected)))).toEqual({});
			expect(Object.keys(expected).filter((source) => !(source in outcomes))).toEqual([]);
		});
	});

	describe('(2) response examples: failureOf finds no failure in a success and Coze code + msg in a failure', () => {
		it.each(PAGES)('%s', (page) => {
			for (const text of examplesOf(page).responses) {
				let body: Json;
				try {
					body = parseLenientJson(text) as Json;
				} catch {
					continue; // not JSON as printed (e.g. two bodies back to back, a template): nothing to feed a client
				}
				const failure = failureOf({ statusCode: 200, headers: {}, body: JSON.stringify(body) });
				if (body.code === undefined || body.code === 0) expect(failure).toBeUndefined();
				else expect(failure).toMatchObject({ code: body.code, msg: body.msg });
			}
		});
	});

	describe('(3) stream examples through the SSE parser and the chat / workflow collectors', () => {
		const cases = PAGES.flatMap((page) => examplesOf(page).streams.map((text, i) => ({ page, text, name: `${page}.md stream ${i + 1}` })));
		const eventsOf = (text: string) => {
			const parser = new SseParser();
			return [...parser.feed(Buffer.from(text)), ...parser.end()];
		};
		async function* source(text: string) {
			yield Buffer.from(text);
		}
		const interruptedWithoutDone = (text: string) => {
			const names = eventsOf(text).map((e) => e.event);
			return names.includes('Interrupt') && !names.includes('Done') && !names.includes('Error');
		};
		/** conversation.chat.failed whose data is `{code, msg}` (workflow_chat.md, chat_submit_tool_outputs.md), not a Chat with last_error. */
		const failedWithTopLevelCode = (text: string) =>
			eventsOf(text).some(
				(e) => e.event === 'conversation.chat.failed' && !parseSseData<Json>(e)?.last_error && parseSseData<Json>(e)?.code !== undefined,
			);
		/**
		 * Blocks that list every event kind of several outcomes one after another, with `#` headings, placeholder JSON
		 * and no blank lines between events — a reference sheet, not a stream: only the parser is checked.
		 */
		const SHEETS = ['chat_submit_tool_outputs.md stream 1'];
		const formerNodeBug = (c: { name: string; text: string }) =>
			!SHEETS.includes(c.name) && (interruptedWithoutDone(c.text) || failedWithTopLevelCode(c.text));

		it.each(cases.filter((c) => SHEETS.includes(c.name)).map((c) => [c.name, c] as const))(
			'%s (reference sheet): read by the SSE rules',
			(_name, { text }) => {
				// The sheet has no blank line between its events: by the SSE rules that is ONE event (the last `event:` name,
				// every data line joined), which is what any SSE client sees if a server sent it as printed.
				const parsed = eventsOf(text);
				expect(parsed.map((e) => e.event)).toEqual(['conversation.chat.failed']);
				expect(parsed[0].data.split('\n').length).toBeGreaterThan(10);
			},
		);

		it('finds the stream examples', () => {
			expect(cases.map((c) => c.name)).toEqual(
				expect.arrayContaining(['chat_v3.md stream 1', 'workflow_stream_run.md stream 1', 'workflow_chat.md stream 1']),
			);
		});

		it.each(cases.filter((c) => !SHEETS.includes(c.name) && !formerNodeBug(c)).map((c) => [c.name, c] as const))('%s', async (_name, { text }) => {
			const events = eventsOf(text);
			const names = events.map((e) => e.event);
			expect(names.length).toBeGreaterThan(0);
			if (names.some((name) => name.startsWith('conversation.'))) {
				const collected = collectChatStream(readSseEvents(source(text)), { node, itemIndex: 0 });
				collected.catch(() => undefined); // asserted below
				const failed = events.find((e) => e.event === 'conversation.chat.failed');
				if (failed) {
					const lastError = parseSseData<Json>(failed)?.last_error as Json;
					await expect(collected).rejects.toMatchObject({ message: expect.stringContaining(`code ${lastError.code}`) });
					await expect(collected).rejects.toMatchObject({ message: expect.stringContaining(String(lastError.msg)) });
					return;
				}
				const terminal = events.find((e) => ['conversation.chat.completed', 'conversation.chat.requires_action'].includes(e.event));
				expect(terminal).toBeDefined();
				const turn = await collected;
				expect(turn.chat.status).toBe(parseSseData<Json>(terminal!)?.status);
				if (terminal?.event === 'conversation.chat.completed') {
					const answers = events.filter((e) => e.event === 'conversation.message.completed' && parseSseData<Json>(e)?.type === 'answer');
					expect(turn.messages.filter((m) => m.type === 'answer').map((m) => m.content)).toEqual(answers.map((e) => parseSseData<Json>(e)?.content));
				}
				return;
			}
			const collected = collectWorkflowStream(readSseEvents(source(text)), { node, itemIndex: 0 });
			collected.catch(() => undefined); // asserted below
			const error = events.find((e) => e.event === 'Error');
			if (error) {
				const data = parseSseData<Json>(error) as Json;
				await expect(collected).rejects.toMatchObject({ message: expect.stringContaining(`code ${data.error_code}`) });
				await expect(collected).rejects.toMatchObject({ message: expect.stringContaining(String(data.error_message)) });
				return;
			}
			const run = await collected;
			expect(run.status).toBe(names.includes('Interrupt') ? 'interrupted' : 'completed');
		});

		// Node bugs these examples found (issue 8), fixed in the collectors:
		// (a) A streamed run that ends right after Interrupt (no Done) — the docs' own Interrupt example — must give an
		//     interrupted run with the event_id to resume; collectWorkflowStream (nodes/shared/workflow.ts) throws instead.
		it.each(cases.filter((c) => formerNodeBug(c) && interruptedWithoutDone(c.text)).map((c) => [c.name, c] as const))(
			'%s gives an interrupted run',
			async (_name, { text }) => {
				const run = await collectWorkflowStream(readSseEvents(source(text)), { node, itemIndex: 0 });
				expect(run).toMatchObject({ status: 'interrupted', interrupt: { event_id: expect.any(String) } });
			},
		);
		// (b) conversation.chat.failed with `{code, msg}` as its data (workflow_chat.md failure example) must surface that
		//     code and msg; collectChatStream (nodes/shared/chatTurn.ts) reads only data.last_error ("no reason given").
		it.each(cases.filter((c) => formerNodeBug(c) && failedWithTopLevelCode(c.text)).map((c) => [c.name, c] as const))(
			'%s reports the code and msg of a chat.failed event without last_error',
			async (_name, { text }) => {
				const data = parseSseData<Json>(eventsOf(text).find((e) => e.event === 'conversation.chat.failed')!) as Json;
				const collected = collectChatStream(readSseEvents(source(text)), { node, itemIndex: 0 });
				await expect(collected).rejects.toMatchObject({ message: expect.stringContaining(`code ${data.code}`) });
				await expect(collected).rejects.toMatchObject({ message: expect.stringContaining(String(data.msg)) });
			},
		);
	});
});
