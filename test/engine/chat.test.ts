import { CozeChat } from '../../nodes/CozeChat/CozeChat.node';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { BOTS } from '../simulator/seed';

describe('Coze Chat node inside n8n-core against the simulator', () => {
	let sim: Simulator;
	let harness: Harness;
	let credential: string;

	beforeAll(async () => {
		sim = await startSimulator({ ssePacingMs: 2 });
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		harness = new Harness([new CozeChat()]);
		credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	const send = (parameters: Record<string, unknown>, runOptions: Parameters<Harness['run']>[1] = {}, continueOnFail = false) =>
		harness.run(
			{
				type: 'cozeChat',
				parameters: {
					operation: 'sendMessage',
					botId: { __rl: true, mode: 'id', value: BOTS.echo },
					userId: 'user-1',
					message: 'hello there',
					...parameters,
				},
				credentials: { cozeApi: credential },
				continueOnFail,
			},
			runOptions,
		);

	it('collects the streamed answer into one item with IDs, usage, follow-ups and messages', async () => {
		const { items, error } = await send({});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const json = items[0].json;
		expect(json.answer).toBe('You said: hello there');
		expect(json.status).toBe('completed');
		expect(json.conversation_id).toMatch(/^\d{19}$/);
		expect(json.chat_id).toMatch(/^\d{19}$/);
		expect(json.section_id).toBeTruthy();
		expect((json.usage as Record<string, number>).token_count).toBeGreaterThan(0);
		expect((json.follow_ups as string[]).length).toBeGreaterThan(0);
		expect((json.messages as unknown[]).length).toBeGreaterThanOrEqual(2);
		const request = sim.requests.find((r) => r.path === '/v3/chat');
		expect(request?.body).toMatchObject({ bot_id: BOTS.echo, user_id: 'user-1', stream: true });
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends history before the question, filling type and content_type', async () => {
		const history = JSON.stringify([
			{ role: 'user', content: 'earlier question' },
			{ role: 'assistant', content: 'earlier answer' },
		]);
		const { error } = await send({ options: { additionalMessages: history } });
		expect(error).toBeUndefined();
		const body = sim.requests.find((r) => r.path === '/v3/chat')?.body as { additional_messages: Array<Record<string, string>> };
		expect(body.additional_messages.map((m) => [m.role, m.type, m.content_type])).toEqual([
			['user', 'question', 'text'],
			['assistant', 'answer', 'text'],
			['user', 'question', 'text'],
		]);
	});

	it('returns reasoning content when the bot thinks', async () => {
		const { items } = await send({ botId: { __rl: true, mode: 'id', value: BOTS.thinking } });
		expect(String(items[0].json.reasoning_content).length).toBeGreaterThan(0);
		expect(items[0].json.answer).toContain('hello there');
	});

	it('continues an existing conversation via the query string', async () => {
		const first = await send({});
		const conversationId = first.items[0].json.conversation_id as string;
		const before = sim.requests.length;
		const second = await send({ conversation: 'existing', conversationId });
		expect(second.error).toBeUndefined();
		expect(second.items[0].json.conversation_id).toBe(conversationId);
		const request = sim.requests.slice(before).find((r) => r.path === '/v3/chat');
		expect(request?.query.conversation_id).toBe(conversationId);
		expect(request?.body).not.toHaveProperty('conversation_id');
	});

	it('output modes: one item per message, and the raw events', async () => {
		const perMessage = await send({ options: { outputMode: 'messages' } });
		expect(perMessage.items.length).toBeGreaterThanOrEqual(2);
		expect(perMessage.items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(perMessage.items.some((item) => item.json.type === 'answer')).toBe(true);
		const raw = await send({ options: { outputMode: 'events' } });
		const events = raw.items[0].json.events as Array<{ event: string }>;
		expect(events[0].event).toBe('conversation.chat.created');
		expect(events.some((e) => e.event === 'conversation.message.delta')).toBe(true);
		expect(events[events.length - 1].event).toBe('conversation.chat.completed');
	});

	it('3 items in → 3 items out, in order, with pairedItem', async () => {
		const { items } = await send(
			{ message: '={{ $json.q }}', options: { concurrency: 3 } },
			{ items: [{ json: { q: 'one' } }, { json: { q: 'two' } }, { json: { q: 'three' } }] },
		);
		expect(items.map((item) => item.json.answer)).toEqual(['You said: one', 'You said: two', 'You said: three']);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('a voice message goes as an audio part; the voice answer (conversation.audio.delta) comes back as a WAV binary', async () => {
		const voice = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(40)]);
		const { items, error } = await send(
			{ message: '={{ "" }}', options: { binaryProperties: 'voice' } },
			{ items: [{ json: {}, binary: { voice: { data: voice.toString('base64'), mimeType: 'audio/wav', fileName: 'question.wav' } } }] },
		);
		expect(error).toBeUndefined();
		const chat = sim.requests.find((r) => r.path === '/v3/chat')?.body as { additional_messages: Array<{ content: string }> };
		const parts = JSON.parse(chat.additional_messages.at(-1)?.content ?? '[]') as Array<Record<string, string>>;
		expect(parts.map((p) => p.type)).toEqual(['audio']);
		const audio = items[0].binary?.audio;
		expect(audio).toMatchObject({ mimeType: 'audio/wav', fileExtension: 'wav' });
		const wav = Buffer.from(String(audio?.data), 'base64');
		// RIFF/WAVE, PCM, mono, 24 kHz, 16 bit, and the 9,600 bytes of PCM the two audio deltas carried.
		expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
		expect(wav.toString('ascii', 8, 12)).toBe('WAVE');
		expect([wav.readUInt16LE(20), wav.readUInt16LE(22), wav.readUInt32LE(24), wav.readUInt16LE(34)]).toEqual([1, 1, 24000, 16]);
		expect(wav.readUInt32LE(40)).toBe(9600);
		expect(items[0].json.audio_seconds).toBe(0.2);
	});

	it('uploads binary properties and sends them as object_string content', async () => {
		const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
		const pdf = Buffer.from('%PDF-1.4 test document');
		const { items, error } = await send(
			{ message: 'what is in these?', options: { binaryProperties: 'photo, doc', fileUrls: 'https://example.com/a.jpg' } },
			{
				items: [
					{
						json: {},
						binary: {
							photo: { data: png.toString('base64'), mimeType: 'image/png', fileName: 'photo.png' },
							doc: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'report.pdf' },
						},
					},
				],
			},
		);
		expect(error).toBeUndefined();
		const uploads = sim.requests.filter((r) => r.path === '/v1/files/upload');
		expect(uploads).toHaveLength(2);
		const chat = sim.requests.find((r) => r.path === '/v3/chat')?.body as { additional_messages: Array<{ content: string; content_type: string }> };
		const last = chat.additional_messages[chat.additional_messages.length - 1];
		expect(last.content_type).toBe('object_string');
		const parts = JSON.parse(last.content) as Array<Record<string, string>>;
		expect(parts.map((p) => p.type)).toEqual(['text', 'image', 'file', 'image']);
		expect(parts[1].file_id).toMatch(/^\d+$/);
		// The simulator resolved the uploaded files and describes them in the answer.
		expect(items[0].json.answer).toContain('photo.png');
		expect(items[0].json.answer).toContain('report.pdf');
	});

	it('requires_action lists tool calls; Submit Tool Outputs continues to the final answer', async () => {
		const first = await send({ botId: { __rl: true, mode: 'id', value: BOTS.tools }, message: 'Paris' });
		expect(first.error).toBeUndefined();
		const json = first.items[0].json;
		expect(json.status).toBe('requires_action');
		const calls = json.tool_calls as Array<{ id: string; name: string; args: Record<string, string>; args_json: string }>;
		expect(calls[0].name).toBe('get_weather');
		expect(calls[0].args).toEqual({ city: 'Paris' });
		expect(JSON.parse(calls[0].args_json)).toEqual({ city: 'Paris' });
		const second = await harness.run({
			type: 'cozeChat',
			parameters: {
				operation: 'submitToolOutputs',
				conversationId: json.conversation_id as string,
				chatId: json.chat_id as string,
				toolOutputs: { output: [{ toolCallId: calls[0].id, output: '{"temperature": 21}' }] },
			},
			credentials: { cozeApi: credential },
		});
		expect(second.error).toBeUndefined();
		expect(second.items[0].json.status).toBe('completed');
		expect(second.items[0].json.answer).toContain('21');
	});

	describe('non-stream fallback (poll)', () => {
		it.each([
			['completed', BOTS.echo],
			['requires_action', BOTS.tools],
			['canceled', BOTS.selfCancel],
		])('stops on %s', async (status, bot) => {
			const { items, error } = await send({ botId: { __rl: true, mode: 'id', value: bot }, options: { responseMode: 'poll' } });
			expect(error).toBeUndefined();
			expect(items[0].json.status).toBe(status);
			const polls = sim.requests.filter((r) => r.path === '/v3/chat/retrieve').map((r) => r.at);
			for (let i = 1; i < polls.length; i++) expect(polls[i] - polls[i - 1]).toBeGreaterThanOrEqual(950);
			expect((sim.requests.find((r) => r.path === '/v3/chat')?.body as Record<string, unknown>).auto_save_history).toBe(true);
		});

		it('stops on failed with a NodeApiError carrying the chat error', async () => {
			const { error } = await send({ botId: { __rl: true, mode: 'id', value: BOTS.failing }, options: { responseMode: 'poll' } });
			expect(error?.message).toContain('5000');
		});

		it('times out, cancels the chat, and says so', async () => {
			const { error } = await send({ botId: { __rl: true, mode: 'id', value: BOTS.slow }, options: { responseMode: 'poll', timeout: 2 } });
			expect(error?.message).toMatch(/cancelled/);
			expect(sim.requests.some((r) => r.path === '/v3/chat/cancel')).toBe(true);
		});
	});

	it('stream timeout cancels the chat', async () => {
		const started = Date.now();
		// The slow bot names its chat at once and then answers after 5 s; 2 s leaves room for a loaded machine.
		const { error } = await send({ botId: { __rl: true, mode: 'id', value: BOTS.slow }, options: { timeout: 2 } });
		expect(error?.message).toMatch(/no answer within 2 s; the chat was cancelled/);
		expect(Date.now() - started).toBeLessThan(4000);
		expect(sim.requests.some((r) => r.path === '/v3/chat/cancel')).toBe(true);
	});

	it('maps conversation.chat.failed and stream error events to NodeApiError with code and log id', async () => {
		const failed = await send({ botId: { __rl: true, mode: 'id', value: BOTS.failing } });
		expect(failed.error?.message).toContain('code 5000');
		expect(String(failed.error?.description)).toMatch(/Log ID: \S+/);
		const errored = await send({ botId: { __rl: true, mode: 'id', value: BOTS.errorEvent } });
		expect(errored.error?.message).toMatch(/code \d+/);
	});

	it('a JSON error envelope instead of SSE becomes NodeApiError', async () => {
		sim.addFault({ path: '/v3/chat', fault: { kind: 'envelope', code: 4200, msg: 'bot not published to the API channel' } });
		const { error } = await send({});
		expect(error?.message).toContain('code 4200');
		expect(String(error?.description)).toMatch(/publish/);
	});

	it('continueOnFail yields an error item for the failing input and the rest go on', async () => {
		const { items, error } = await send(
			{ botId: { __rl: true, mode: 'id', value: '={{ $json.bot }}' } },
			{ items: [{ json: { bot: BOTS.echo } }, { json: { bot: BOTS.failing } }, { json: { bot: BOTS.echo } }] },
			true,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0].json.answer).toBe('You said: hello there');
		expect(items[1].json).toMatchObject({ code: 5000, error: expect.stringContaining('the chat failed: event interval error') });
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(items[2].json.answer).toBe('You said: hello there');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('an idle stream is an error, never a partial answer', async () => {
		sim.addFault({ path: '/v3/chat', fault: { kind: 'idleStream', afterEvents: 3, idleMs: 3000 } });
		const { error, items } = await send({ options: { idleTimeout: 1 } });
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(/idle|incomplete/);
	});

	it('a stream cut mid-way is an error', async () => {
		sim.addFault({ path: '/v3/chat', fault: { kind: 'resetMidStream', afterEvents: 3 } });
		const { error } = await send({});
		expect(error?.message).toMatch(/cut|incomplete/);
	});

	it('rate limits back off and retry without duplicating the chat', async () => {
		sim.addFault({ path: '/v3/chat', times: 1, fault: { kind: 'rateLimit' } });
		const { items, error } = await send({});
		expect(error).toBeUndefined();
		expect(items[0].json.answer).toBe('You said: hello there');
		expect(sim.requests.filter((r) => r.path === '/v3/chat')).toHaveLength(2);
	});

	it('forwards answer deltas with sendChunk when the execution streams, and still returns the item', async () => {
		const { items, chunks } = await send({}, { streaming: true });
		expect(items[0].json.answer).toBe('You said: hello there');
		expect(chunks[0].type).toBe('begin');
		expect(chunks[chunks.length - 1].type).toBe('end');
		const text = chunks
			.filter((c) => c.type === 'item')
			.map((c) => c.content)
			.join('');
		expect(text).toBe('You said: hello there');
		const off = await send({ options: { liveStreaming: false } }, { streaming: true });
		expect(off.chunks).toHaveLength(0);
	});

	it('Get Chat, List Chat Messages and Cancel Chat', async () => {
		const { items } = await send({});
		const { conversation_id: conversationId, chat_id: chatId } = items[0].json as { conversation_id: string; chat_id: string };
		const run = (operation: string) =>
			harness.run({ type: 'cozeChat', parameters: { operation, conversationId, chatId }, credentials: { cozeApi: credential } });
		const chat = await run('getChat');
		expect(chat.items[0].json.status).toBe('completed');
		const messages = await run('listMessages');
		expect(messages.items.some((m) => m.json.type === 'answer')).toBe(true);
		const cancel = await run('cancelChat');
		expect(cancel.error?.message).toContain('4104');
		expect(String(cancel.error?.description)).toMatch(/can no longer be cancelled/);
	});

	it('bot picker: workspaces, then the published bots of the chosen workspace', async () => {
		const spec = (workspaceId: string) => ({
			type: 'cozeChat',
			parameters: {
				operation: 'sendMessage',
				workspaceId: { __rl: true, mode: 'list', value: workspaceId },
				botId: { __rl: true, mode: 'list', value: '' },
			},
			credentials: { cozeApi: credential },
		});
		const workspaces = await harness.listSearch(spec(''), 'searchWorkspaces');
		expect(workspaces.results.map((r) => r.name)).toContain('Support Team');
		const workspaceId = String(workspaces.results.find((r) => r.name === 'Support Team')?.value);
		const empty = await harness.listSearch(spec(''), 'searchBots');
		expect(empty.results[0].value).toBe('');
		const bots = await harness.listSearch(spec(workspaceId), 'searchBots');
		expect(bots.results).toContainEqual({ name: 'Echo Bot', value: BOTS.echo });
		expect(bots.results.some((r) => r.value === BOTS.draft)).toBe(false);
		const filtered = await harness.listSearch(spec(workspaceId), 'searchBots', 'weather');
		expect(filtered.results).toEqual([{ name: 'Weather Tool Bot', value: BOTS.tools }]);
		const request = sim.requests.filter((r) => r.path === '/v1/bots').pop();
		expect(request?.query).toMatchObject({ workspace_id: workspaceId, publish_status: 'published_online' });
	});

	it('validates input: missing bot ID and bad JSON options', async () => {
		const noBot = await send({ botId: { __rl: true, mode: 'id', value: '' } });
		expect(noBot.error?.message).toMatch(/Bot/);
		const emptyExpression = await send({ botId: { __rl: true, mode: 'id', value: '={{ $json.missing }}' } });
		expect(emptyExpression.error?.message).toBe('Bot is required');
		const noUser = await send({ userId: '={{ $json.missing }}' });
		expect(noUser.error?.message).toMatch(/User ID is required/);
		const badJson = await send({ options: { customVariables: '{not json' } });
		expect(badJson.error?.message).toMatch(/not valid JSON/);
	});
});
