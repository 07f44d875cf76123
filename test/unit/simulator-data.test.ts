import type { RecordedRequest, Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { conversationsOf, messageFeedbackOf } from '../simulator/routes/conversations';
import { datasetsOf, seedDatasetDocuments, setDocumentProcessingMs } from '../simulator/routes/datasets';
import { filesOf } from '../simulator/routes/files';
import { variablesOf } from '../simulator/routes/variables';
import { APPS, BOTS, DATASETS, WORKSPACES } from '../simulator/seed';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loose JSON from the simulator's answers
type Json = Record<string, any>;

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));
const DOC_HEADERS = { 'Agw-Js-Conv': 'str' };
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('Coze simulator: conversations, knowledge bases, variables', () => {
	let sim: Simulator;
	/** Requests sent invalid on purpose: their contract errors are expected. */
	let invalid: Set<RecordedRequest>;

	beforeAll(async () => {
		sim = await startSimulator({ ssePacingMs: 1 });
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		invalid = new Set();
	});
	afterEach(() => {
		const unexpected = sim.requests.filter((r) => !invalid.has(r)).flatMap((r) => r.contractErrors.map((e) => `${r.method} ${r.path}: ${e}`));
		expect(unexpected).toEqual([]);
	});

	const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
		const response = await fetch(`${sim.url}${path}`, {
			method,
			headers: { Authorization: `Bearer ${sim.patTokens[0]}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		const envelope = JSON.parse(text) as Json;
		envelope.raw = text; // to check that IDs travel as JSON strings
		return envelope;
	};
	/** A request that breaks the spec on purpose. */
	const bad = async (...args: Parameters<typeof call>) => {
		const result = await call(...args);
		invalid.add(sim.requests.at(-1) as RecordedRequest);
		return result;
	};
	/** Operations documented in docs/ but missing from coze-openapi.yaml: the contract check reports them. */
	/** Operations only in docs/*.md (contract.ts adds them to the spec): valid calls must pass the check too. */
	const undocumented = call;

	describe('conversations and messages', () => {
		it('creates, retrieves, lists (paged, sorted), renames, clears and deletes conversations', async () => {
			const created = await call('POST', '/v1/conversation/create', {
				bot_id: BOTS.echo,
				meta_data: { ticket: '42' },
				messages: [
					{ role: 'user', content: 'Where is my order?', content_type: 'text' },
					{ role: 'assistant', content: 'Let me check.', content_type: 'text' },
				],
			});
			expect(created).toMatchObject({ code: 0, data: { name: 'Where is my order?', meta_data: { ticket: '42' }, connector_id: '1024' } });
			const id = created.data.id as string;
			expect(id).toMatch(/^\d{19}$/);
			expect(created.data.last_section_id).toMatch(/^\d{19}$/);
			expect((await call('GET', `/v1/conversation/retrieve?conversation_id=${id}`)).data).toEqual(created.data);

			for (let i = 0; i < 4; i++) await call('POST', '/v1/conversation/create', { bot_id: BOTS.echo, name: `c${i}` });
			await call('POST', '/v1/conversation/create', { bot_id: BOTS.thinking, name: 'other bot' });
			const first = await call('GET', `/v1/conversations?bot_id=${BOTS.echo}&page_num=1&page_size=2`);
			expect(first.data.conversations.map((c: Json) => c.name)).toEqual(['c3', 'c2']);
			expect(first.data.has_more).toBe(true);
			const last = await call('GET', `/v1/conversations?bot_id=${BOTS.echo}&page_num=3&page_size=2`);
			expect(last.data).toMatchObject({ has_more: false, conversations: [{ id }] });
			const asc = await call('GET', `/v1/conversations?bot_id=${BOTS.echo}&sort_order=ASC`);
			expect(asc.data.conversations.map((c: Json) => c.name)).toEqual(['Where is my order?', 'c0', 'c1', 'c2', 'c3']);
			expect((await call('GET', `/v1/conversations?bot_id=${BOTS.echo}&connector_id=999`)).data.conversations).toEqual([]);

			const renamed = await call('PUT', `/v1/conversations/${id}`, { name: 'Order 42' });
			expect(renamed.data).toMatchObject({ id, name: 'Order 42' });
			expect(renamed.data.updated_at).toBeGreaterThanOrEqual(renamed.data.created_at);
			const cleared = await call('POST', `/v1/conversations/${id}/clear`);
			expect(cleared.data.conversation_id).toBe(id);
			expect(cleared.data.id).not.toBe(created.data.last_section_id);
			expect((await call('GET', `/v1/conversation/retrieve?conversation_id=${id}`)).data.last_section_id).toBe(cleared.data.id);
			const deleted = await call('DELETE', `/v1/conversations/${id}`);
			expect(deleted).toMatchObject({ code: 0, msg: '' });
			expect(deleted).not.toHaveProperty('data');
			expect(conversationsOf(sim).has(id)).toBe(false);
			expect((await call('GET', `/v1/conversation/retrieve?conversation_id=${id}`)).code).toBe(4200);
		});

		it('rejects bad conversation input with Coze error codes', async () => {
			const seventeen = Array.from({ length: 17 }, () => ({ role: 'user', content: 'x', content_type: 'text' }));
			expect((await call('POST', '/v1/conversation/create', { messages: seventeen })).code).toBe(4000);
			expect((await call('POST', '/v1/conversation/create', { bot_id: '7400000000000000999' })).code).toBe(4200);
			expect((await bad('POST', '/v1/conversation/create', { messages: [{ role: 'system', content: 'x', content_type: 'text' }] })).code).toBe(4000);
			expect((await call('GET', '/v1/conversations?bot_id=7400000000000000999')).code).toBe(4200);
			expect((await call('GET', `/v1/conversations?bot_id=${BOTS.echo}&page_size=51`)).code).toBe(4000);
			expect((await call('PUT', '/v1/conversations/7000000000000000000', { name: 'x' })).code).toBe(4200);
			expect((await call('POST', '/v1/conversations/7000000000000000000/clear')).code).toBe(4200);
			expect((await call('DELETE', '/v1/conversations/7000000000000000000')).code).toBe(4200);
			expect(conversationsOf(sim).size).toBe(0);
		});

		it('adds, pages (before_id / after_id, asc / desc), reads, modifies and deletes messages', async () => {
			const id = (await call('POST', '/v1/conversation/create', { bot_id: BOTS.echo })).data.id as string;
			const ids: string[] = [];
			for (let i = 0; i < 7; i++) {
				const added = await call('POST', `/v1/conversation/message/create?conversation_id=${id}`, {
					role: i % 2 ? 'assistant' : 'user',
					content: `m${i}`,
					content_type: 'text',
					meta_data: { n: String(i) },
				});
				expect(added.data).toMatchObject({ conversation_id: id, content: `m${i}`, type: i % 2 ? 'answer' : 'question', meta_data: { n: String(i) } });
				ids.push(added.data.id);
			}
			const list = async (body: Json) => await call('POST', `/v1/conversation/message/list?conversation_id=${id}`, body);
			const contents = (page: Json) => page.data.map((m: Json) => m.content);

			const page1 = await list({ limit: 3 });
			expect(contents(page1)).toEqual(['m6', 'm5', 'm4']);
			expect(page1).toMatchObject({ code: 0, first_id: ids[6], last_id: ids[4], has_more: true }); // cursor fields at the top level
			// Next page: after_id = last_id while has_more (docs list_message.md, coze-py LastIDPaged, Coze Studio).
			const page2 = await list({ limit: 3, after_id: page1.last_id });
			expect(contents(page2)).toEqual(['m3', 'm2', 'm1']);
			expect(page2).toMatchObject({ first_id: ids[3], last_id: ids[1], has_more: true });
			const page3 = await list({ limit: 3, after_id: page2.last_id });
			expect(contents(page3)).toEqual(['m0']);
			expect(page3.has_more).toBe(false);
			// Back: before_id = first_id walks to the newer side.
			const back = await list({ limit: 3, before_id: page2.first_id });
			expect(contents(back)).toEqual(['m6', 'm5', 'm4']);
			expect(back.has_more).toBe(false);
			const backOne = await list({ limit: 2, before_id: page2.first_id });
			expect(contents(backOne)).toEqual(['m5', 'm4']);
			expect(backOne.has_more).toBe(true);
			const asc = await list({ order: 'asc', limit: 4 });
			expect(contents(asc)).toEqual(['m0', 'm1', 'm2', 'm3']);
			expect(contents(await list({ order: 'asc', after_id: asc.last_id }))).toEqual(['m4', 'm5', 'm6']);
			// The SDKs' loop (coze-py LastIDPaged.iter_pages) collects everything exactly once.
			const walked: string[] = [];
			let cursor = '';
			for (let more = true; more;) {
				const page = await list({ limit: 2, ...(cursor ? { after_id: cursor } : {}) });
				walked.push(...contents(page));
				cursor = page.last_id;
				more = page.has_more;
			}
			expect(walked).toEqual(['m6', 'm5', 'm4', 'm3', 'm2', 'm1', 'm0']);
			expect((await list({ limit: 0 })).code).toBe(4000);
			expect((await list({ limit: 51 })).code).toBe(4000);
			expect((await list({ before_id: '7000000000000000000' })).code).toBe(4000);
			expect((await list({ after_id: '7000000000000000000' })).code).toBe(4000);

			const got = await call('GET', `/v1/conversation/message/retrieve?conversation_id=${id}&message_id=${ids[2]}`);
			expect(got.data).toMatchObject({ id: ids[2], content: 'm2', role: 'user' });
			const modified = await call('POST', `/v1/conversation/message/modify?conversation_id=${id}&message_id=${ids[2]}`, {
				content: '[{"type":"text","text":"edited"}]',
				content_type: 'object_string',
			});
			expect(modified).toMatchObject({ code: 0, message: { id: ids[2], content_type: 'object_string', meta_data: { n: '2' } } });
			expect(modified).not.toHaveProperty('data');
			expect((await call('POST', `/v1/conversation/message/modify?conversation_id=${id}&message_id=${ids[2]}`, {})).code).toBe(4000);
			const badFile = await call('POST', `/v1/conversation/message/modify?conversation_id=${id}&message_id=${ids[2]}`, {
				content: '[{"type":"file","file_id":"7000000000000000001"}]',
				content_type: 'object_string',
			});
			expect(badFile).toMatchObject({ code: 4000, msg: expect.stringMatching(/not found/) });

			const deleted = await call('POST', `/v1/conversation/message/delete?conversation_id=${id}&message_id=${ids[2]}`);
			expect(deleted.data).toMatchObject({ id: ids[2] });
			expect((await call('GET', `/v1/conversation/message/retrieve?conversation_id=${id}&message_id=${ids[2]}`)).code).toBe(4200);
			expect((await list({})).data).toHaveLength(6);
			expect(
				(
					await call('POST', '/v1/conversation/message/create?conversation_id=7000000000000000000', {
						role: 'user',
						content: 'x',
						content_type: 'text',
					})
				).code,
			).toBe(4200);
			expect(
				(
					await call('POST', `/v1/conversation/message/create?conversation_id=${id}`, {
						role: 'user',
						content: '{oops',
						content_type: 'object_string',
					})
				).code,
			).toBe(4000);
		});

		it('shares conversations with /v3/chat: questions and answers are listed, answers take feedback', async () => {
			const id = (
				await call('POST', '/v1/conversation/create', { bot_id: BOTS.echo, messages: [{ role: 'user', content: 'context', content_type: 'text' }] })
			).data.id;
			const chat = await call('POST', `/v3/chat?conversation_id=${id}`, {
				bot_id: BOTS.echo,
				user_id: 'u1',
				stream: false,
				additional_messages: [{ role: 'user', type: 'question', content: 'ping', content_type: 'text' }],
			});
			expect(chat.data).toMatchObject({ conversation_id: id, status: 'created' });
			const chatId = chat.data.id as string;
			for (let i = 0; i < 200; i++) {
				if ((await call('GET', `/v3/chat/retrieve?conversation_id=${id}&chat_id=${chatId}`)).data.status === 'completed') break;
				await sleep(10);
			}
			const listed = await call('POST', `/v1/conversation/message/list?conversation_id=${id}`, { order: 'asc' });
			expect(listed.data.map((m: Json) => [m.type, m.content])).toEqual([
				['question', 'context'],
				['question', 'ping'],
				['answer', 'You said: ping'],
			]);
			const answer = listed.data[2];
			expect(answer).toMatchObject({ chat_id: chatId, bot_id: BOTS.echo, role: 'assistant' });
			const byChat = await call('POST', `/v1/conversation/message/list?conversation_id=${id}`, { chat_id: chatId });
			expect(byChat.data.map((m: Json) => m.type)).toEqual(['answer', 'question']);

			// A conversation started by /v3/chat belongs to the chat's bot.
			const fresh = await call('POST', '/v3/chat', {
				bot_id: BOTS.thinking,
				user_id: 'u1',
				stream: false,
				additional_messages: [{ role: 'user', type: 'question', content: 'hi', content_type: 'text' }],
			});
			const forThinking = await call('GET', `/v1/conversations?bot_id=${BOTS.thinking}`);
			expect(forThinking.data.conversations).toMatchObject([{ id: fresh.data.conversation_id, name: 'hi' }]);

			const feedbackPath = `/v1/conversations/${id}/messages/${answer.id}/feedback`;
			const liked = await undocumented('POST', feedbackPath, { feedback_type: 'unlike', reason_types: ['wrong'], comment: 'The version is 5.0' });
			expect(liked).toMatchObject({ code: 0, msg: '' });
			expect(messageFeedbackOf(sim).get(answer.id)).toEqual({ feedback_type: 'unlike', reason_types: ['wrong'], comment: 'The version is 5.0' });
			expect((await undocumented('POST', feedbackPath, { feedback_type: 'meh' })).code).toBe(4000);
			expect((await undocumented('POST', `/v1/conversations/${id}/messages/${listed.data[1].id}/feedback`, { feedback_type: 'like' })).code).toBe(
				4000,
			);
			expect((await call('DELETE', feedbackPath)).code).toBe(0);
			expect(messageFeedbackOf(sim).has(answer.id)).toBe(false);
			expect((await call('DELETE', `/v1/conversations/${id}/messages/7000000000000000000/feedback`)).code).toBe(4200);

			// Deleting the answer takes its intermediate messages (verbose, follow_up) with it.
			expect((await call('GET', `/v3/chat/message/list?conversation_id=${id}&chat_id=${chatId}`)).data.length).toBeGreaterThan(1);
			await call('POST', `/v1/conversation/message/delete?conversation_id=${id}&message_id=${answer.id}`);
			expect((await call('GET', `/v3/chat/message/list?conversation_id=${id}&chat_id=${chatId}`)).data).toEqual([]);
			expect((await call('POST', `/v1/conversation/message/list?conversation_id=${id}`, {})).data.map((m: Json) => m.content)).toEqual([
				'ping',
				'context',
			]);
		});
	});

	describe('knowledge bases', () => {
		it('creates, lists (fuzzy name, type, paging), updates (full overwrite) and deletes knowledge bases', async () => {
			const space = WORKSPACES[0].id;
			filesOf(sim).set('7700000000000000009', {
				id: '7700000000000000009',
				file_name: 'icon.png',
				bytes: 10,
				created_at: 0,
				contentType: 'image/png',
				sha256: '',
			});
			const created = await call('POST', '/v1/datasets', {
				name: 'Release Notes',
				space_id: space,
				format_type: 0,
				description: 'changes',
				file_id: '7700000000000000009',
			});
			const id = created.data.dataset_id as string;
			expect(id).toMatch(/^\d{19}$/);

			const all = await call('GET', `/v1/datasets?space_id=${space}`);
			expect(all.data.total_count).toBe(3);
			expect(all.data.dataset_list.map((d: Json) => d.name)).toEqual(['Support FAQ', 'Product Photos', 'Release Notes']);
			expect(all.data.dataset_list[2]).toMatchObject({
				dataset_id: id,
				description: 'changes',
				format_type: 0,
				status: 1,
				doc_count: 0,
				all_file_size: '0',
				icon_url: expect.stringContaining('7700000000000000009'),
			});
			const fuzzy = await call('GET', `/v1/datasets?space_id=${space}&name=NOTES`);
			expect(fuzzy.data.dataset_list.map((d: Json) => d.dataset_id)).toEqual([id]);
			const images = await call('GET', `/v1/datasets?space_id=${space}&format_type=2`);
			expect(images.data.dataset_list.map((d: Json) => d.dataset_id)).toEqual([DATASETS.image]);
			const paged = await call('GET', `/v1/datasets?space_id=${space}&page_num=2&page_size=2`);
			expect(paged.data).toMatchObject({ total_count: 3, dataset_list: [{ dataset_id: id }] });
			expect((await call('GET', `/v1/datasets?space_id=${WORKSPACES[1].id}`)).data).toEqual({ dataset_list: [], total_count: 0 });

			const updated = await call('PUT', `/v1/datasets/${id}`, { name: 'Changelog' });
			expect(updated).toMatchObject({ code: 0, msg: '' });
			const after = (await call('GET', `/v1/datasets?space_id=${space}&name=changelog`)).data.dataset_list[0];
			expect(after).toMatchObject({ name: 'Changelog', description: '', icon_url: expect.stringContaining('default') });

			expect((await call('DELETE', `/v1/datasets/${id}`)).code).toBe(0);
			expect(datasetsOf(sim).datasets.has(id)).toBe(false);
			expect((await call('DELETE', `/v1/datasets/${id}`)).code).toBe(4200);
		});

		it('rejects bad knowledge base input', async () => {
			const space = WORKSPACES[0].id;
			expect((await call('POST', '/v1/datasets', { name: 'x'.repeat(101), space_id: space, format_type: 0 })).code).toBe(4000);
			expect((await call('POST', '/v1/datasets', { name: 'x', space_id: '7350000000000000999', format_type: 0 })).code).toBe(4200);
			expect((await call('POST', '/v1/datasets', { name: 'x', space_id: space, format_type: 1 })).code).toBe(4000);
			expect((await call('POST', '/v1/datasets', { name: 'x', space_id: space, format_type: 0, file_id: '7700000000000000404' })).code).toBe(4000);
			expect((await call('GET', `/v1/datasets?space_id=${space}&page_size=301`)).code).toBe(4000);
			expect((await bad('GET', '/v1/datasets')).code).toBe(4000);
			expect((await call('PUT', `/v1/datasets/${DATASETS.text}`, { name: '' })).code).toBe(4000);
			expect(datasetsOf(sim).datasets.size).toBe(2);
		});

		it('requires Agw-Js-Conv: str on document routes and returns IDs as strings', async () => {
			const body = {
				dataset_id: DATASETS.text,
				format_type: 0,
				chunk_strategy: { chunk_type: 0 },
				document_bases: [{ name: 'a.txt', source_info: { file_base64: b64('hi'), file_type: 'txt' } }],
			};
			for (const path of ['create', 'list', 'update', 'delete']) {
				const payload =
					path === 'create'
						? body
						: path === 'list'
							? { dataset_id: DATASETS.text }
							: path === 'update'
								? { document_id: '1', document_name: 'x' }
								: { document_ids: ['1'] };
				const answer =
					path === 'update'
						? await undocumented('POST', `/open_api/knowledge/document/${path}`, payload)
						: await call('POST', `/open_api/knowledge/document/${path}`, payload);
				expect(answer).toMatchObject({ code: 4000, msg: expect.stringMatching(/Agw-Js-Conv/) });
			}
			expect(datasetsOf(sim).docs.size).toBe(0);
			const created = await call('POST', '/open_api/knowledge/document/create', body, DOC_HEADERS);
			expect(created.code).toBe(0);
			expect(created).not.toHaveProperty('data');
			expect(created.raw).toMatch(/"document_id":"\d{19}"/);
			expect(created.document_infos[0]).toMatchObject({
				name: 'a.txt',
				type: 'txt',
				size: 2,
				char_count: 2,
				status: 0,
				format_type: 0,
				source_type: 0,
			});
		});

		it('processes documents: status 0 with rising progress, then 1; empty or broken files end as 9', async () => {
			setDocumentProcessingMs(sim, 500);
			const create = async (bases: Json[], chunk: Json = { chunk_type: 0 }) =>
				await call(
					'POST',
					'/open_api/knowledge/document/create',
					{ dataset_id: DATASETS.text, format_type: 0, chunk_strategy: chunk, document_bases: bases },
					DOC_HEADERS,
				);
			const text = '退款需要 5 个工作日。Refunds take 5 days.';
			const created = await create(
				[
					{ name: 'faq.txt', source_info: { file_base64: b64(text), file_type: 'txt' } },
					{ name: 'empty.txt', source_info: { file_base64: '', file_type: 'txt' } },
					{ name: 'broken.pdf', source_info: { file_base64: '%%not base64%%', file_type: 'pdf' } },
				],
				{ chunk_type: 1, separator: '\n', max_tokens: 100 },
			);
			const [faq, empty, broken] = created.document_infos as Json[];
			expect(faq).toMatchObject({
				size: Buffer.byteLength(text),
				char_count: [...text].length,
				status: 0,
				chunk_strategy: { chunk_type: 1, max_tokens: 100 },
			});
			const progress = async () =>
				(await call('POST', `/v1/datasets/${DATASETS.text}/process`, { document_ids: [faq.document_id, empty.document_id, broken.document_id] })).data
					.data as Json[];
			await sleep(50);
			const early = await progress();
			expect(early.map((p) => p.status)).toEqual([0, 0, 0]);
			expect(early[0].progress).toBeGreaterThan(0);
			expect(early[0].progress).toBeLessThan(100);
			expect(early[0]).toMatchObject({ document_id: faq.document_id, document_name: 'faq.txt', type: 'txt' });
			await sleep(500);
			const done = await progress();
			expect(done[0]).toMatchObject({ status: 1, progress: 100, remaining_time: 0 });
			expect(done[1]).toMatchObject({ status: 9, status_descript: 'the file is empty' });
			expect(done[2]).toMatchObject({ status: 9, status_descript: 'the file is not valid base64' });
			expect(done[0]).not.toHaveProperty('status_descript');

			const web = await create([
				{
					name: 'Shipping',
					source_info: { web_url: 'https://example.com/shipping', document_source: 1 },
					update_rule: { update_type: 1, update_interval: 24 },
				},
			]);
			expect(web.document_infos[0]).toMatchObject({ type: 'html', source_type: 1, update_type: 1, update_interval: 24 });
			setDocumentProcessingMs(sim, 0);
			expect(
				(await call('POST', `/v1/datasets/${DATASETS.text}/process`, { document_ids: [web.document_infos[0].document_id] })).data.data[0].status,
			).toBe(1);

			expect((await create([{ name: 'p.png', source_info: { file_base64: b64('x'), file_type: 'png' } }])).code).toBe(4000);
			expect((await create([{ name: 'u', source_info: { web_url: 'https://example.com' } }])).code).toBe(4000);
			expect(
				(
					await create([
						{ name: 'u', source_info: { web_url: 'https://example.com', document_source: 1 }, update_rule: { update_type: 1, update_interval: 2 } },
					])
				).code,
			).toBe(4000);
			expect(
				(await create([{ name: 'a', source_info: { file_base64: b64('x'), file_type: 'txt' } }], { chunk_type: 1, separator: '#', max_tokens: 50 }))
					.code,
			).toBe(4000);
			expect(
				(await create(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.txt`, source_info: { file_base64: b64('x'), file_type: 'txt' } })))).code,
			).toBe(4000);
			const mixed = await create([
				{ name: 'a.txt', source_info: { file_base64: b64('x'), file_type: 'txt' } },
				{ name: 'b', source_info: { web_url: 'https://example.com', document_source: 1 } },
			]);
			expect(mixed.code).toBe(4000);
			expect(datasetsOf(sim).docs.size).toBe(4);
		});

		it('lists (page/size), renames and deletes documents', async () => {
			setDocumentProcessingMs(sim, 0);
			const bases = Array.from({ length: 5 }, (_, i) => ({ name: `doc${i}.txt`, source_info: { file_base64: b64(`text ${i}`), file_type: 'txt' } }));
			const created = await call(
				'POST',
				'/open_api/knowledge/document/create',
				{ dataset_id: DATASETS.text, format_type: 0, chunk_strategy: { chunk_type: 0 }, document_bases: bases },
				DOC_HEADERS,
			);
			const ids = (created.document_infos as Json[]).map((d) => d.document_id as string);
			const list = async (body: Json) => await call('POST', '/open_api/knowledge/document/list', { dataset_id: DATASETS.text, ...body }, DOC_HEADERS);
			const page2 = await list({ page: 2, size: 2 });
			expect(page2).toMatchObject({ code: 0, total: 5 });
			expect(page2).not.toHaveProperty('data');
			expect(page2.document_infos.map((d: Json) => d.name)).toEqual(['doc2.txt', 'doc3.txt']);
			expect(page2.document_infos[0]).toMatchObject({ status: 1, slice_count: 1 });

			const renamed = await undocumented(
				'POST',
				'/open_api/knowledge/document/update',
				{ document_id: ids[0], document_name: 'intro.txt' },
				DOC_HEADERS,
			);
			expect(renamed).toMatchObject({ code: 0, msg: '' });
			expect((await list({ page: 1, size: 1 })).document_infos[0].name).toBe('intro.txt');
			expect(
				(await undocumented('POST', '/open_api/knowledge/document/update', { document_id: '7000000000000000000', document_name: 'x' }, DOC_HEADERS))
					.code,
			).toBe(4200);
			expect(
				(
					await undocumented(
						'POST',
						'/open_api/knowledge/document/update',
						{ document_id: ids[0], update_rule: { update_type: 1, update_interval: 24 } },
						DOC_HEADERS,
					)
				).code,
			).toBe(4000);

			expect((await call('POST', '/open_api/knowledge/document/delete', { document_ids: [ids[0], '7000000000000000000'] }, DOC_HEADERS)).code).toBe(
				4200,
			);
			const deleted = await call('POST', '/open_api/knowledge/document/delete', { document_ids: ids.slice(0, 2) }, DOC_HEADERS);
			expect(deleted).toMatchObject({ code: 0, msg: '' });
			expect((await list({})).total).toBe(3);
			const kb = (await call('GET', `/v1/datasets?space_id=${WORKSPACES[0].id}&format_type=0`)).data.dataset_list[0];
			expect(kb).toMatchObject({ doc_count: 3, file_list: ['doc2.txt', 'doc3.txt', 'doc4.txt'] });
			expect((await call('DELETE', `/v1/datasets/${DATASETS.text}`)).code).toBe(0);
			expect(datasetsOf(sim).docs.size).toBe(0);
		});

		it('adds images by file ID, lists them (keyword, has_caption, paging) and updates captions', async () => {
			setDocumentProcessingMs(sim, 0);
			for (const [id, name] of [
				['7700000000000000001', 'shoe.png'],
				['7700000000000000002', 'bag.jpg'],
				['7700000000000000003', 'notes.txt'],
			]) {
				filesOf(sim).set(id, { id, file_name: name, bytes: 100, created_at: 0, contentType: 'image/png', sha256: '' });
			}
			const create = async (bases: Json[], chunk: Json = { caption_type: 1 }) =>
				await call(
					'POST',
					'/open_api/knowledge/document/create',
					{ dataset_id: DATASETS.image, format_type: 2, chunk_strategy: chunk, document_bases: bases },
					DOC_HEADERS,
				);
			const source = (id: string) => ({ source_file_id: id, document_source: 5 });
			const created = await create([
				{ name: 'shoe', caption: 'A red shoe', source_info: source('7700000000000000001') },
				{ name: 'bag', source_info: source('7700000000000000002') },
			]);
			expect(created.document_infos).toMatchObject([
				{ name: 'shoe', type: 'png', format_type: 2, source_type: 5, size: 100 },
				{ name: 'bag', type: 'jpg' },
			]);
			const [shoe, bag] = (created.document_infos as Json[]).map((d) => d.document_id as string);

			const images = async (query = '') => (await call('GET', `/v1/datasets/${DATASETS.image}/images${query}`)).data;
			expect(await images()).toMatchObject({
				total_count: 2,
				photo_infos: [
					{ document_id: shoe, caption: 'A red shoe', status: 1 },
					{ document_id: bag, caption: '' },
				],
			});
			expect((await images('?has_caption=true')).photo_infos.map((p: Json) => p.document_id)).toEqual([shoe]);
			expect((await images('?has_caption=false')).photo_infos.map((p: Json) => p.document_id)).toEqual([bag]);
			expect((await images('?keyword=RED')).total_count).toBe(1);
			expect(await images('?page_num=2&page_size=1')).toMatchObject({ total_count: 2, photo_infos: [{ document_id: bag }] });
			expect((await call('GET', `/v1/datasets/${DATASETS.image}/images?page_size=300`)).code).toBe(4000);

			const captioned = await undocumented('PUT', `/v1/datasets/${DATASETS.image}/images/${bag}`, { caption: 'A blue bag' });
			expect(captioned).toMatchObject({ code: 0, msg: '' });
			expect((await images('?has_caption=false')).total_count).toBe(0);
			expect((await undocumented('PUT', `/v1/datasets/${DATASETS.image}/images/7000000000000000000`, { caption: 'x' })).code).toBe(4200);

			const auto = await create([{ name: 'auto', source_info: source('7700000000000000001') }], { caption_type: 0 });
			expect((await images(`?keyword=auto`)).photo_infos[0].document_id).toBe(auto.document_infos[0].document_id);
			const notImage = await create([{ name: 'notes', source_info: source('7700000000000000003') }]);
			const progress = await call('POST', `/v1/datasets/${DATASETS.image}/process`, { document_ids: [notImage.document_infos[0].document_id] });
			expect(progress.data.data[0]).toMatchObject({ status: 9, status_descript: expect.stringMatching(/not an image/) });
			expect((await create([{ name: 'x', source_info: source('7700000000000000404') }])).code).toBe(4200);
			expect((await create([{ name: 'x', source_info: { file_base64: b64('x'), file_type: 'txt' } }])).code).toBe(4000);
			const wrongKb = await call(
				'POST',
				'/open_api/knowledge/document/create',
				{
					dataset_id: DATASETS.text,
					format_type: 0,
					chunk_strategy: { chunk_type: 0 },
					document_bases: [{ name: 'x', source_info: source('7700000000000000001') }],
				},
				DOC_HEADERS,
			);
			expect(wrongKb.code).toBe(4000);
		});

		it('loads the seeded documents on request', async () => {
			seedDatasetDocuments(sim);
			const docs = await call('POST', '/open_api/knowledge/document/list', { dataset_id: DATASETS.text }, DOC_HEADERS);
			expect(docs.document_infos).toMatchObject([
				{ name: 'refund-policy.txt', status: 1, source_type: 0 },
				{ source_type: 1, type: 'html' },
			]);
			expect((await call('GET', `/v1/datasets/${DATASETS.image}/images?has_caption=true`)).data.photo_infos).toMatchObject([
				{ name: 'red-shoe.png' },
			]);
		});
	});

	describe('variables', () => {
		it('reads defaults, writes values per bot/app, connector and end user', async () => {
			const get = async (query: string) => (await call('GET', `/v1/variables?${query}`)).data.items as Json[];
			const defaults = await get(`bot_id=${BOTS.echo}&connector_uid=alice`);
			expect(defaults).toEqual([
				{ keyword: 'city', value: 'Beijing', create_time: 0, update_time: 0 },
				{ keyword: 'language', value: 'en', create_time: 0, update_time: 0 },
				{ keyword: 'sys_uuid', value: 'alice', create_time: 0, update_time: 0 },
			]);
			const put = await call('PUT', '/v1/variables', {
				bot_id: BOTS.echo,
				connector_id: '1024',
				connector_uid: 'alice',
				data: [{ keyword: 'city', value: 'Hangzhou' }],
			});
			expect(put).toMatchObject({ code: 0, msg: '' });
			const mine = await get(`bot_id=${BOTS.echo}&connector_uid=alice&keywords=city,nope`);
			expect(mine).toHaveLength(1);
			expect(mine[0]).toMatchObject({ keyword: 'city', value: 'Hangzhou' });
			expect(mine[0].create_time).toBeGreaterThan(0);
			expect((await get(`bot_id=${BOTS.echo}&connector_uid=bob&keywords=city`))[0]).toMatchObject({ value: 'Beijing', create_time: 0 });
			expect((await get(`bot_id=${BOTS.echo}&connector_id=999&connector_uid=alice&keywords=city`))[0].value).toBe('Beijing');
			expect(variablesOf(sim).size).toBe(1);

			await call('PUT', '/v1/variables', { app_id: APPS.withVariables, connector_uid: 'alice', data: [{ keyword: 'plan', value: 'pro' }] });
			expect(await get(`app_id=${APPS.withVariables}&connector_uid=alice`)).toMatchObject([{ keyword: 'plan', value: 'pro' }]);
			expect(await get(`bot_id=${BOTS.thinking}&connector_uid=alice`)).toEqual([]);
		});

		it('rejects unknown, system and missing variables and owners', async () => {
			const put = async (body: Json) => await call('PUT', '/v1/variables', { bot_id: BOTS.echo, connector_uid: 'alice', ...body });
			expect(await put({ data: [{ keyword: 'nope', value: 'x' }] })).toMatchObject({ code: 4000, msg: expect.stringMatching(/nope does not exist/) });
			expect(await put({ data: [{ keyword: 'sys_uuid', value: 'x' }] })).toMatchObject({ code: 4000, msg: expect.stringMatching(/system variable/) });
			expect((await put({ data: [] })).code).toBe(4000);
			expect(
				(
					await put({
						data: [
							{ keyword: 'city', value: 'ok' },
							{ keyword: 'nope', value: 'x' },
						],
					})
				).code,
			).toBe(4000);
			expect(variablesOf(sim).size).toBe(0); // all or nothing
			expect((await call('GET', '/v1/variables?connector_uid=alice')).code).toBe(4000);
			expect((await call('GET', '/v1/variables?app_id=7442086830000000999&connector_uid=alice')).code).toBe(4200);
			expect((await bad('GET', `/v1/variables?bot_id=${BOTS.echo}`)).code).toBe(4000);
		});
	});
});
