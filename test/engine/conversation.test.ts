import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CozeChat } from '../../nodes/CozeChat/CozeChat.node';
import { CozeConversation } from '../../nodes/CozeConversation/CozeConversation.node';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { BOTS } from '../simulator/seed';

const bot = { __rl: true, mode: 'id', value: BOTS.echo };

describe('Coze Conversation node inside n8n-core against the simulator', () => {
	let sim: Simulator;
	let harness: Harness;
	let credential: string;

	beforeAll(async () => {
		sim = await startSimulator({ ssePacingMs: 1 });
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		harness = new Harness([new CozeConversation(), new CozeChat()]);
		credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	const conv = async (parameters: INodeParameters, continueOnFail = false) =>
		await harness.run({ type: 'cozeConversation', parameters, credentials: { cozeApi: credential }, continueOnFail });

	it('creates a conversation for a bot, chats in it, lists, renames, clears and deletes it', async () => {
		const created = await conv({
			resource: 'conversation',
			operation: 'create',
			botId: bot,
			options: { messages: '[{"role": "user", "content": "Hi from n8n", "content_type": "text"}]', metaData: '{"ticket": "42"}' },
		});
		expect(created.error).toBeUndefined();
		const id = created.items[0].json.id as string;
		expect(created.items[0].json).toMatchObject({ name: 'Hi from n8n', meta_data: { ticket: '42' } });
		expect(sim.requests.at(-1)?.body).toEqual({
			bot_id: BOTS.echo,
			messages: [{ role: 'user', content: 'Hi from n8n', content_type: 'text' }],
			meta_data: { ticket: '42' },
		});

		const chat = await harness.run({
			type: 'cozeChat',
			parameters: { operation: 'sendMessage', botId: bot, userId: 'u', message: 'ping', conversation: 'existing', conversationId: id },
			credentials: { cozeApi: credential },
		});
		expect(chat.items[0].json.conversation_id).toBe(id);
		// Feedback goes on the bot's answer; deleting it answers { deleted: true } (n8n's UX guidelines).
		const answer = (chat.items[0].json.messages as IDataObject[]).find((m) => m.type === 'answer');
		const messageId = String(answer?.id);
		const liked = await conv({ resource: 'message', operation: 'addFeedback', conversationId: id, messageId, feedbackType: 'like' });
		expect(liked.error).toBeUndefined();
		const unliked = await conv({ resource: 'message', operation: 'deleteFeedback', conversationId: id, messageId });
		expect(unliked.items[0].json).toEqual({ deleted: true });
		expect(unliked.items[0].pairedItem).toEqual({ item: 0 });

		const listed = await conv({ resource: 'conversation', operation: 'getAll', botId: bot, returnAll: true });
		expect(listed.items.map((i) => i.json.id)).toEqual([id]);
		const renamed = await conv({ resource: 'conversation', operation: 'update', conversationId: id, name: 'Ticket 42' });
		expect(renamed.items[0].json.name).toBe('Ticket 42');
		const cleared = await conv({ resource: 'conversation', operation: 'clear', conversationId: id });
		expect(cleared.items[0].json).toMatchObject({ conversation_id: id });
		const got = await conv({ resource: 'conversation', operation: 'get', conversationId: id });
		expect(got.items[0].json.last_section_id).toBe(cleared.items[0].json.id);
		const deleted = await conv({ resource: 'conversation', operation: 'delete', conversationId: id });
		expect(deleted.items[0].json).toEqual({ deleted: true });
		const gone = await conv({ resource: 'conversation', operation: 'get', conversationId: id });
		expect(gone.error?.message).toMatch(/4200|not found/);
	});

	it('pages conversations with Return All and Limit', async () => {
		for (let i = 0; i < 53; i++) await conv({ resource: 'conversation', operation: 'create', botId: bot, options: { name: `c${i}` } });
		const all = await conv({ resource: 'conversation', operation: 'getAll', botId: bot, returnAll: true });
		expect(all.items).toHaveLength(53);
		expect(new Set(all.items.map((i) => i.json.id)).size).toBe(53);
		const some = await conv({ resource: 'conversation', operation: 'getAll', botId: bot, returnAll: false, limit: 7 });
		expect(some.items).toHaveLength(7);
		expect(sim.requests.at(-1)?.query).toMatchObject({ page_size: '7' });
		// A Limit above the page maximum (50) pages on until it is reached.
		const more = await conv({ resource: 'conversation', operation: 'getAll', botId: bot, returnAll: false, limit: 52 });
		expect(more.items).toHaveLength(52);
		expect(new Set(more.items.map((i) => i.json.id)).size).toBe(52);
	});

	it('adds, lists (all pages), reads, updates and deletes messages', async () => {
		const id = (await conv({ resource: 'conversation', operation: 'create', botId: bot })).items[0].json.id as string;
		for (let i = 0; i < 55; i++) {
			const added = await conv({
				resource: 'message',
				operation: 'create',
				conversationId: id,
				role: i % 2 ? 'assistant' : 'user',
				content: `m${i}`,
			});
			expect(added.error).toBeUndefined();
		}
		const all = await conv({ resource: 'message', operation: 'getAll', conversationId: id, returnAll: true, filters: { order: 'asc' } });
		expect(all.items.map((i) => i.json.content)).toEqual(Array.from({ length: 55 }, (_, i) => `m${i}`));
		const few = await conv({ resource: 'message', operation: 'getAll', conversationId: id, returnAll: false, limit: 3 });
		expect(few.items.map((i) => i.json.content)).toEqual(['m54', 'm53', 'm52']);
		const messageId = few.items[0].json.id as string;
		const updated = await conv({ resource: 'message', operation: 'update', conversationId: id, messageId, updateFields: { content: 'edited' } });
		expect(updated.items[0].json).toMatchObject({ id: messageId, content: 'edited' });
		const got = await conv({ resource: 'message', operation: 'get', conversationId: id, messageId });
		expect(got.items[0].json.content).toBe('edited');
		const deleted = await conv({ resource: 'message', operation: 'delete', conversationId: id, messageId });
		expect(deleted.items[0].json).toEqual({ deleted: true });
		expect((await conv({ resource: 'message', operation: 'get', conversationId: id, messageId })).error?.message).toMatch(/not found/);
	});

	it('gives clear errors for bad JSON and Coze errors, and continues on fail', async () => {
		const bad = await conv({ resource: 'conversation', operation: 'create', options: { metaData: '{oops' } });
		expect(bad.error?.message).toMatch(/Meta Data is not valid JSON/);
		const shape = await conv({ resource: 'conversation', operation: 'create', options: { messages: '{}' } });
		expect(shape.error?.message).toMatch(/Messages must be a JSON array/);
		const missing = await conv({ resource: 'message', operation: 'create', conversationId: '7400000000000000000', content: 'x' });
		expect(missing.error?.message).toMatch(/conversation 7400000000000000000 not found/);
		const soft = await conv({ resource: 'message', operation: 'create', conversationId: '7400000000000000000', content: 'x' }, true);
		expect(soft.error).toBeUndefined();
		expect(JSON.stringify(soft.items[0] as IDataObject)).toMatch(/not found/);
	});
});
