import { randomUUID } from 'crypto';
import { ExecutionLifecycleHooks, LoadOptionsContext } from 'n8n-core';
import type { INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { CozePlugin } from '../../nodes/CozePlugin/CozePlugin.node';
import { getPluginTools } from '../../nodes/CozePlugin/helpers/methods';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { PLUGINS, fillerPlugin, pluginsOf } from '../simulator/routes/plugins';

describe('Coze Plugin node inside n8n-core against the simulator', () => {
	let sim: Simulator;
	let harness: Harness;
	let credential: string;

	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		harness = new Harness([new CozePlugin()]);
		credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	const plugin = (parameters: INodeParameters, items?: INodeExecutionData[], continueOnFail = false) =>
		harness.run({ type: 'cozePlugin', parameters, credentials: { cozeApi: credential }, continueOnFail }, { items });
	const byId = (value: string) => ({ __rl: true, mode: 'id', value });

	it('List Plugins: store plugins by popularity, with the documented filters', async () => {
		const { items, error } = await plugin({ operation: 'list' });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.plugin_id)).toEqual([PLUGINS.news, PLUGINS.asr, PLUGINS.currency, PLUGINS.unsigned]);
		expect(items[0].json).toMatchObject({
			name: '头条新闻',
			metainfo: { entity_id: PLUGINS.news, is_official: true },
			plugin_info: { is_call_available: true },
		});

		const news = await plugin({ operation: 'list', filters: { keyword: 'news' } });
		expect(news.items.map((i) => i.json.plugin_id)).toEqual([PLUGINS.news]);
		const thirdParty = await plugin({ operation: 'list', filters: { isOfficial: 'false' }, options: { sortType: 'newest' } });
		expect(thirdParty.items.map((i) => i.json.plugin_id)).toEqual([PLUGINS.currency, PLUGINS.unsigned]);
		const categories = await plugin({ operation: 'list', filters: { categoryIds: ' 7327137275714730001 , 7327137275714730009' } });
		expect(categories.items.map((i) => i.json.plugin_id)).toEqual([PLUGINS.news]);
		expect(sim.requests.slice(1).map((r) => r.query)).toEqual([
			{ keyword: 'news', page_num: '1', page_size: '50' },
			{ is_official: 'false', sort_type: 'newest', page_num: '1', page_size: '50' },
			{ category_ids: '7327137275714730001,7327137275714730009', page_num: '1', page_size: '50' },
		]);
	});

	it('List Plugins: Return All walks every page, Limit stops early', async () => {
		pluginsOf(sim).push(...Array.from({ length: 150 }, (_, i) => fillerPlugin(i)));
		const all = await plugin({ operation: 'list', returnAll: true });
		expect(all.items).toHaveLength(154);
		expect(new Set(all.items.map((i) => i.json.plugin_id)).size).toBe(154);
		expect(sim.requests.map((r) => [r.query.page_num, r.query.page_size])).toEqual([
			['1', '100'],
			['2', '100'],
		]);
		sim.requests.length = 0;
		const limited = await plugin({ operation: 'list', returnAll: false, limit: 7 });
		expect(limited.items).toHaveLength(7);
		expect(sim.requests).toHaveLength(1);
	});

	it('Get Plugin: tools with their input and output schemas; unknown plugins and bad IDs are clear errors', async () => {
		const { items, error } = await plugin({ operation: 'get', pluginId: byId(PLUGINS.asr) });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ plugin_id: PLUGINS.asr, name: '语音识别', name_for_model: 'yuyinshibie', is_call_available: true });
		const [tool] = items[0].json.tools as Array<Record<string, unknown>>;
		expect(tool).toMatchObject({ name: 'asr_lite', inputSchema: { required: ['audio_url', 'language'] } });
		expect(JSON.parse(String(items[0].json.mcp_json)).mcpServers.coze_plugin_yuyinshibie.url).toContain(PLUGINS.asr);

		const unknown = await plugin({ operation: 'get', pluginId: byId('7000000000000000001') });
		expect(unknown.error?.message).toMatch(/4200/);
		expect(String(unknown.error?.description)).toMatch(/Log ID: \S+/);
		const notAnId = await plugin({ operation: 'get', pluginId: { __rl: true, mode: 'list', value: 'https://www.coze.cn/store/plugin/123' } });
		expect(notAnId.error?.message).toMatch(/is not a plugin ID/);
	});

	it('Call Tool: JSON arguments go to the tool, its result comes back as the item', async () => {
		const news = await plugin({ operation: 'callTool', pluginId: byId(PLUGINS.news), toolName: 'getToutiaoNews', arguments: '{"q": "杭州秋假"}' });
		expect(news.error).toBeUndefined();
		expect(news.items[0].json.news).toEqual([expect.objectContaining({ title: '杭州秋假 (1)' }), expect.objectContaining({ title: '杭州秋假 (2)' })]);
		expect(sim.requests[0]).toMatchObject({
			method: 'POST',
			path: `/v1/plugins/${PLUGINS.news}/tools/call`,
			body: { tool_name: 'getToutiaoNews', arguments: { q: '杭州秋假' } },
		});

		// Arguments from an expression (already an object) and several items with pairing.
		const converted = await plugin(
			{
				operation: 'callTool',
				pluginId: byId(PLUGINS.currency),
				toolName: 'convert',
				arguments: '={{ { amount: $json.amount, from: "USD", to: "CNY" } }}',
			},
			[{ json: { amount: 10 } }, { json: { amount: 100 } }],
		);
		expect(converted.error).toBeUndefined();
		expect(converted.items.map((i) => i.json)).toEqual([
			{ amount: 71, currency: 'CNY' },
			{ amount: 710, currency: 'CNY' },
		]);
		expect(converted.items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1]);
	});

	it('Call Tool: bad JSON is refused before the call; Coze errors carry code, message and log id', async () => {
		const badJson = await plugin({ operation: 'callTool', pluginId: byId(PLUGINS.news), toolName: 'getToutiaoNews', arguments: '{q: news}' });
		expect(badJson.error?.message).toMatch(/Arguments is not valid JSON/);
		const array = await plugin({ operation: 'callTool', pluginId: byId(PLUGINS.news), toolName: 'getToutiaoNews', arguments: '["news"]' });
		expect(array.error?.message).toMatch(/Arguments must be a JSON object/);
		expect(sim.requests).toHaveLength(0);

		const missing = await plugin({
			operation: 'callTool',
			pluginId: byId(PLUGINS.asr),
			toolName: 'asr_lite',
			arguments: '{"audio_url": "https://example.invalid/a.mp3"}',
		});
		expect(missing.error?.message).toMatch(/4000.*missing required arguments: language/);
		expect(String(missing.error?.description)).toMatch(/Log ID: \S+/);
		const unsigned = await plugin({
			operation: 'callTool',
			pluginId: byId(PLUGINS.unsigned),
			toolName: 'get_weather',
			arguments: '{"city": "Hangzhou"}',
		});
		expect(unsigned.error?.message).toMatch(/not available for calls/);

		sim.addFault({
			path: `/v1/plugins/${PLUGINS.news}/tools/call`,
			fault: { kind: 'envelope', code: 4101, msg: 'The token you entered is incorrect' },
		});
		const continued = await plugin(
			{ operation: 'callTool', pluginId: byId(PLUGINS.news), toolName: 'getToutiaoNews', arguments: '{"q": "a"}' },
			[{ json: {} }, { json: {} }],
			true,
		);
		const errors = continued.items.filter((i) => i.json.error);
		expect(errors).toHaveLength(1);
		expect(errors[0].json).toMatchObject({ code: 4101 });
		expect(String(errors[0].json.description)).toMatch(/Log ID: \S+/);
		expect(continued.items.filter((i) => i.json.news)).toHaveLength(1);
	});

	it('the plugin picker searches the store; the node is usable as an AI Agent tool', async () => {
		const spec = { type: 'cozePlugin', parameters: { operation: 'callTool' }, credentials: { cozeApi: credential } };
		const all = await harness.listSearch(spec, 'searchPlugins');
		expect(all.results.map((r) => r.value)).toEqual([PLUGINS.news, PLUGINS.asr, PLUGINS.currency, PLUGINS.unsigned]);
		expect(all.results[0].name).toBe('头条新闻 (official)');
		expect(all.results[3].name).toBe('Unsigned Weather — not callable');
		expect(all.paginationToken).toBeUndefined();
		const search = await harness.listSearch(spec, 'searchPlugins', 'currency');
		expect(search.results).toEqual([{ name: 'Currency Converter', value: PLUGINS.currency }]);
		expect(sim.requests[1].query).toEqual({ keyword: 'currency', page_num: '1', page_size: '20' });
		pluginsOf(sim).push(...Array.from({ length: 30 }, (_, i) => fillerPlugin(i)));
		const firstPage = await harness.listSearch(spec, 'searchPlugins');
		expect(firstPage.paginationToken).toBe('2');
		const secondPage = await harness.listSearch(spec, 'searchPlugins', undefined, '2');
		expect(secondPage.results).toHaveLength(14);
		expect(new CozePlugin().description.usableAsTool).toBe(true);
	});

	it('the tool list (loadOptions) shows the tools of the chosen plugin', async () => {
		// The harness has no loadOptions runner: build the editor's LoadOptionsContext the way Harness.listSearch does.
		const toolsFor = async (pluginId: unknown) => {
			const node: INode = {
				id: randomUUID(),
				name: 'Node',
				type: 'n8n-nodes-coze-api.cozePlugin',
				typeVersion: 1,
				position: [0, 0],
				parameters: { operation: 'callTool', pluginId } as INodeParameters,
				credentials: { cozeApi: { id: credential, name: 'Coze API' } },
			};
			const workflow = new Workflow({ id: 'lo', nodes: [node], connections: {}, active: false, nodeTypes: harness.nodeTypes });
			const hooks = new ExecutionLifecycleHooks('internal', randomUUID(), { id: 'lo', nodes: [node], connections: {} } as never);
			const additionalData = { ...harness.additionalData(hooks, false), currentNodeParameters: node.parameters };
			return await getPluginTools.call(new LoadOptionsContext(workflow, node, additionalData, 'parameters'));
		};
		expect(await toolsFor(byId(PLUGINS.currency))).toEqual([
			{ name: 'convert', value: 'convert', description: 'Convert an amount from one currency to another' },
		]);
		expect(await toolsFor({ __rl: true, mode: 'list', value: '' })).toEqual([]);
		expect(sim.requests.map((r) => r.path)).toEqual([`/v1/plugins/${PLUGINS.currency}`]);
	});
});
