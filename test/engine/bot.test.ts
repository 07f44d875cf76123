import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { CozeBot } from '../../nodes/CozeBot/CozeBot.node';
import { CozeChat } from '../../nodes/CozeChat/CozeChat.node';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { BOTS, DATASETS, WORKSPACES } from '../simulator/seed';

const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });
const workspace = rl(WORKSPACES[0].id, 'list');

describe('Coze Bot node inside n8n-core against the simulator', () => {
	let sim: Simulator;
	let harness: Harness;
	let credential: string;

	beforeAll(async () => {
		sim = await startSimulator({ ssePacingMs: 1 });
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		harness = new Harness([new CozeBot(), new CozeChat()]);
		credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	const bot = async (parameters: INodeParameters, items?: INodeExecutionData[], continueOnFail = false) =>
		await harness.run(
			{ type: 'cozeBot', parameters: { resource: 'bot', ...parameters }, credentials: { cozeApi: credential }, continueOnFail },
			{ items },
		);
	const chat = async (botId: string) =>
		await harness.run({
			type: 'cozeChat',
			parameters: { operation: 'sendMessage', botId: rl(botId), userId: 'u-1', message: 'hello bot' },
			credentials: { cozeApi: credential },
		});
	const lastBody = (path: string) => sim.requests.filter((r) => r.path === path).at(-1)?.body;

	it('creates a draft, publishes it to the API channel (then it chats), updates, reads draft and published, unpublishes', async () => {
		const created = await bot({
			operation: 'create',
			workspaceId: workspace,
			name: 'Recipe Bot',
			settings: {
				description: 'One dish a day',
				prompt: 'You are a chef.',
				prologue: 'What shall we cook?',
				suggestedQuestions: ['Something spicy', 'Something quick'],
				plugins: { tool: [{ pluginId: '7311989349275530000', apiId: '7350575366173620000' }] },
				workflowIds: '7500000000000000001, 7500000000000000002',
				modelId: '1706077826',
				modelSettings: '{"temperature": 0.5, "max_tokens": 2048}',
				replyMode: 'customized',
				replyPrompt: 'Ask about ingredients',
			},
		});
		expect(created.error).toBeUndefined();
		const botId = created.items[0].json.bot_id as string;
		expect(botId).toMatch(/^\d{19}$/);
		expect(created.items[0].json).toMatchObject({ workspace_id: WORKSPACES[0].id, name: 'Recipe Bot', is_published: false });
		expect(lastBody('/v1/bot/create')).toEqual({
			space_id: WORKSPACES[0].id,
			name: 'Recipe Bot',
			description: 'One dish a day',
			prompt_info: { prompt: 'You are a chef.' },
			onboarding_info: { prologue: 'What shall we cook?', suggested_questions: ['Something spicy', 'Something quick'] },
			plugin_id_list: { id_list: [{ plugin_id: '7311989349275530000', api_id: '7350575366173620000' }] },
			workflow_id_list: { ids: [{ id: '7500000000000000001' }, { id: '7500000000000000002' }] },
			model_info_config: { temperature: 0.5, max_tokens: 2048, model_id: '1706077826' },
			suggest_reply_info: { reply_mode: 'customized', customized_prompt: 'Ask about ingredients' },
		});

		// A draft: listed as never published, not in the published list, not chat-able, no published config yet.
		const drafts = await bot({ operation: 'getAll', workspaceId: workspace, returnAll: true, filters: { publishStatus: 'unpublished_draft' } });
		expect(drafts.items.map((i) => i.json.id)).toEqual(expect.arrayContaining([botId, BOTS.draft]));
		const live = await bot({ operation: 'getAll', workspaceId: workspace, returnAll: true, filters: { publishStatus: 'published_online' } });
		expect(live.items.map((i) => i.json.id)).not.toContain(botId);
		expect((await chat(botId)).error?.message).toMatch(/4200/);
		const notPublished = await bot({ operation: 'get', botId: rl(botId), version: 'published' });
		expect(notPublished.error?.message).toContain('code 4200');
		expect(String(notPublished.error?.description)).toMatch(/Log ID: \S+/);
		const draft = await bot({ operation: 'get', botId: rl(botId), version: 'draft' });
		expect(draft.items[0].json).toMatchObject({
			bot_id: botId,
			name: 'Recipe Bot',
			prompt_info: { prompt: 'You are a chef.' },
			onboarding_info: { prologue: 'What shall we cook?' },
			workflow_info_list: [{ id: '7500000000000000001', name: 'echo_input' }, expect.objectContaining({ id: '7500000000000000002' })],
		});
		expect(sim.requests.at(-1)?.query).toEqual({ is_published: 'false' });

		// Publish (default channel: API 1024) → listed as published, chat-able.
		const published = await bot({ operation: 'publish', botId: rl(botId) });
		expect(published.error).toBeUndefined();
		expect(published.items[0].json).toMatchObject({ bot_id: botId, connector_ids: ['1024'] });
		expect(published.items[0].json.version).toMatch(/^\d{13,}$/);
		expect(lastBody('/v1/bot/publish')).toEqual({ bot_id: botId, connector_ids: ['1024'] });
		const online = await bot({ operation: 'getAll', workspaceId: workspace, returnAll: true });
		expect(online.items.find((i) => i.json.id === botId)?.json).toMatchObject({ name: 'Recipe Bot', is_published: true });
		const answer = await chat(botId);
		expect(answer.error).toBeUndefined();
		expect(answer.items[0].json.answer).toBe('You said: hello bot');

		// Update the draft (knowledge is update-only); the published config stays until the next publish.
		const updated = await bot({
			operation: 'update',
			botId: rl(botId),
			updateFields: { name: 'Recipe Bot 2', datasetIds: DATASETS.text, knowledgeJson: '{"auto_call": false, "search_strategy": 1}' },
		});
		expect(updated.items[0].json).toEqual({ bot_id: botId, updated: true, updated_fields: ['name', 'knowledge'] });
		expect(lastBody('/v1/bot/update')).toEqual({
			bot_id: botId,
			name: 'Recipe Bot 2',
			knowledge: { auto_call: false, search_strategy: 1, dataset_ids: [DATASETS.text] },
		});
		const stillLive = await bot({ operation: 'get', botId: rl(botId) });
		expect(stillLive.items[0].json).toMatchObject({ name: 'Recipe Bot', version: published.items[0].json.version });
		const newDraft = await bot({ operation: 'get', botId: rl(botId), version: 'draft' });
		expect(newDraft.items[0].json).toMatchObject({
			name: 'Recipe Bot 2',
			knowledge: { knowledge_infos: [{ id: DATASETS.text, name: 'Support FAQ' }] },
		});
		const withDraft = await bot({ operation: 'getAll', workspaceId: workspace, returnAll: true, filters: { publishStatus: 'published_draft' } });
		expect(withDraft.items.map((i) => i.json.id)).toEqual([botId]);

		// Versions: one published, two drafts (create + update), newest first.
		const versions = await harness.run({
			type: 'cozeBot',
			parameters: { resource: 'version', operation: 'getAll', botId: rl(botId), returnAll: true },
			credentials: { cozeApi: credential },
		});
		expect(versions.items.map((i) => i.json)).toEqual([
			expect.objectContaining({ bot_id: botId, version: published.items[0].json.version, publish_status: 'published_online' }),
		]);
		expect(sim.requests.at(-1)?.query).toEqual({ page_num: '1', page_size: '30' });
		const draftVersions = await harness.run({
			type: 'cozeBot',
			parameters: { resource: 'version', operation: 'getAll', botId: rl(botId), returnAll: true, filters: { publishStatus: 'unpublished_draft' } },
			credentials: { cozeApi: credential },
		});
		expect(draftVersions.items).toHaveLength(2);
		expect(sim.requests.at(-1)?.query.connector_id).toBeUndefined();

		// Unpublish from the API channel: the bot can't be chatted with any more.
		const off = await bot({ operation: 'unpublish', botId: rl(botId), options: { reason: 'Season over' } });
		expect(off.items[0].json).toEqual({ bot_id: botId, connector_id: '1024', unpublished: true });
		expect(lastBody(`/v1/bots/${botId}/unpublish`)).toEqual({ connector_id: '1024', unpublish_reason: 'Season over' });
		expect((await chat(botId)).error?.message).toMatch(/4200/);
		const again = await bot({ operation: 'unpublish', botId: rl(botId) });
		expect(again.error?.message).toContain('code 4000');
	});

	it('publishes to custom channels with the API channel added and JSON-encoded channel settings', async () => {
		const { items, error } = await bot({
			operation: 'publish',
			botId: rl(BOTS.draft),
			channels: ['999'],
			options: { customChannelIds: '7470849514748000000', connectors: '{"7470849514748000000": {"device_id": ["51237825000"], "room": "a"}}' },
		});
		expect(error).toBeUndefined();
		expect(items[0].json.connector_ids).toEqual(['999', '1024', '7470849514748000000']);
		expect(lastBody('/v1/bot/publish')).toEqual({
			bot_id: BOTS.draft,
			connector_ids: ['999', '1024', '7470849514748000000'],
			connectors: { '7470849514748000000': { device_id: '["51237825000"]', room: 'a' } },
		});
		const unpublishCustom = await bot({ operation: 'unpublish', botId: rl(BOTS.draft), channel: 'custom', customChannelId: '7470849514748000000' });
		expect(unpublishCustom.items[0].json.connector_id).toBe('7470849514748000000');
	});

	it('pages bots and versions with Return All and Limit', async () => {
		const other = rl(WORKSPACES[1].id);
		for (let i = 0; i < 53; i++) await bot({ operation: 'create', workspaceId: other, name: `Bot ${i}` });
		const all = await bot({ operation: 'getAll', workspaceId: other, returnAll: true, filters: { publishStatus: 'all' } });
		expect(all.items).toHaveLength(53);
		expect(new Set(all.items.map((i) => i.json.id)).size).toBe(53);
		expect(
			sim.requests
				.filter((r) => r.path === '/v1/bots')
				.slice(-2)
				.map((r) => r.query.page_num),
		).toEqual(['1', '2']);
		const some = await bot({ operation: 'getAll', workspaceId: other, returnAll: false, limit: 7, filters: { publishStatus: 'all' } });
		expect(some.items).toHaveLength(7);
		expect(sim.requests.at(-1)?.query).toMatchObject({ page_size: '7', publish_status: 'all' });

		const botId = all.items[0].json.id as string;
		for (let i = 0; i < 34; i++) await bot({ operation: 'update', botId: rl(botId), updateFields: { description: `v${i}` } });
		const versions = async (parameters: INodeParameters) =>
			await harness.run({
				type: 'cozeBot',
				parameters: { resource: 'version', operation: 'getAll', botId: rl(botId), filters: { publishStatus: 'unpublished_draft' }, ...parameters },
				credentials: { cozeApi: credential },
			});
		const every = await versions({ returnAll: true });
		expect(every.items).toHaveLength(35);
		expect(sim.requests.at(-1)?.query).toMatchObject({ page_num: '2', page_size: '30' });
		const few = await versions({ returnAll: false, limit: 4 });
		expect(few.items).toHaveLength(4);
	});

	it('validates input before calling Coze', async () => {
		const cases: Array<[INodeParameters, RegExp]> = [
			[{ operation: 'get', botId: rl('my-bot') }, /A bot ID is a number/],
			[{ operation: 'get', botId: rl('={{ 7400000000000000001 }}') }, /lost precision/],
			[{ operation: 'update', botId: rl(BOTS.echo), updateFields: {} }, /at least one field/],
			[{ operation: 'update', botId: rl(BOTS.echo), updateFields: { name: '  ' } }, /Name can't be empty/],
			[{ operation: 'create', workspaceId: workspace, name: 'X', settings: { modelSettings: '{"temperature": 1}' } }, /Model ID/],
			[
				{ operation: 'create', workspaceId: workspace, name: 'X', settings: { modelId: '1', modelSettings: '{"temperature": ' } },
				/Model Settings \(JSON\) is not valid JSON/,
			],
			[{ operation: 'create', workspaceId: workspace, name: 'X', settings: { promptInfoJson: '[1]' } }, /Prompt Info \(JSON\) must be a JSON object/],
			[
				{ operation: 'create', workspaceId: workspace, name: 'X', settings: { plugins: { tool: [{ pluginId: '1', apiId: '' }] } } },
				/Plugin 1 needs both/,
			],
			[{ operation: 'create', workspaceId: workspace, name: 'X', settings: { replyMode: 'customized' } }, /Suggested Replies Prompt/],
			[
				{ operation: 'update', botId: rl(BOTS.echo), updateFields: { datasetIds: Array.from({ length: 151 }, (_, i) => String(i)).join(',') } },
				/150/,
			],
			[{ operation: 'publish', botId: rl(BOTS.echo), channels: [] }, /at least one channel/],
			[{ operation: 'publish', botId: rl(BOTS.echo), options: { customChannelIds: 'abc' } }, /must be numbers/],
			[{ operation: 'unpublish', botId: rl(BOTS.echo), channel: 'custom', customChannelId: 'x' }, /custom channel ID/],
		];
		for (const [parameters, message] of cases) {
			const { error } = await bot(parameters);
			expect(error?.message).toMatch(message);
		}
		expect(sim.requests.filter((r) => r.path.startsWith('/v1/bot'))).toEqual([]);
	});

	it('maps Coze errors with code and log id; continueOnFail keeps the other items going', async () => {
		const missing = await bot({ operation: 'get', botId: rl('7400000000000000000') });
		expect(missing.error?.message).toContain('code 4200');
		expect(String(missing.error?.description)).toMatch(/Log ID: \S+/);
		const tooLong = await bot({ operation: 'create', workspaceId: workspace, name: 'A name that is far too long for Coze' });
		expect(tooLong.error?.message).toContain('code 4000');

		const items = [{ json: { id: BOTS.echo } }, { json: { id: '7400000000000000000' } }, { json: { id: BOTS.tools } }];
		const { items: out } = await bot({ operation: 'get', botId: rl('={{ $json.id }}') }, items, true);
		expect(out.map((i) => i.json.bot_id ?? i.json.code)).toEqual([BOTS.echo, 4200, BOTS.tools]);
		expect(out[1].json.logid).toBeTruthy();
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('lists drafts and published bots in the bot picker', async () => {
		const spec = (workspaceId: string) => ({
			type: 'cozeBot',
			parameters: { resource: 'bot', operation: 'publish', workspaceId: rl(workspaceId, 'list'), botId: rl('', 'list') },
			credentials: { cozeApi: credential },
		});
		expect((await harness.listSearch(spec(''), 'searchBotsAnyStatus')).results[0].value).toBe('');
		const all = await harness.listSearch(spec(WORKSPACES[0].id), 'searchBotsAnyStatus');
		expect(all.results).toContainEqual({ name: 'Echo Bot', value: BOTS.echo });
		expect(all.results).toContainEqual({ name: 'Draft Bot (draft)', value: BOTS.draft });
		expect(sim.requests.at(-1)?.query).toMatchObject({ publish_status: 'all' });
		expect((await harness.listSearch(spec(WORKSPACES[0].id), 'searchBotsAnyStatus', 'weather')).results).toEqual([
			{ name: 'Weather Tool Bot', value: BOTS.tools },
		]);
	});

	it('pages the bot picker 50 at a time by the total, the filter applied to each page', async () => {
		const created: string[] = [];
		for (let i = 0; i < 55; i++) {
			const response = await fetch(`${sim.url}/v1/bot/create`, {
				method: 'POST',
				headers: { authorization: `Bearer ${sim.patTokens[0]}`, 'content-type': 'application/json' },
				body: JSON.stringify({ space_id: WORKSPACES[0].id, name: `Paged ${i % 2 ? 'odd' : 'even'} ${i}` }),
			});
			created.push(String(((await response.json()) as { data: { bot_id: string } }).data.bot_id));
		}
		const spec = {
			type: 'cozeBot',
			parameters: { resource: 'bot', operation: 'publish', workspaceId: rl(WORKSPACES[0].id, 'list') },
			credentials: { cozeApi: credential },
		};
		const first = await harness.listSearch(spec, 'searchBotsAnyStatus');
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('2');
		expect(sim.requests.at(-1)?.query).toMatchObject({ page_num: '1', page_size: '50', publish_status: 'all' });
		const second = await harness.listSearch(spec, 'searchBotsAnyStatus', undefined, first.paginationToken);
		expect(second.paginationToken).toBeUndefined();
		expect(sim.requests.at(-1)?.query).toMatchObject({ page_num: '2', page_size: '50' });
		const all = [...first.results, ...second.results].map((r) => r.value);
		expect(new Set(all).size).toBe(all.length);
		expect(all).toEqual(expect.arrayContaining(created));
		const odd = await harness.listSearch(spec, 'searchBotsAnyStatus', 'ODD', '2');
		expect(odd.paginationToken).toBeUndefined();
		expect(odd.results.length).toBeGreaterThan(0);
		expect(odd.results.every((r) => /^Paged odd \d+ \(draft\)$/.test(r.name))).toBe(true);
		expect(odd.results).toEqual(second.results.filter((r) => r.name.includes('odd')));
	});
});
