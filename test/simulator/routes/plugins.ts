import type { Simulator } from '../index';

/**
 * Plugin store and plugin tools. Sources (rows in test/simulator/SOURCES.md): docs/list_plugin.md (GET /v1/stores/plugins),
 * docs/get_plugin.md (GET /v1/plugins/:plugin_id), docs/call_plugin_tool.md (POST /v1/plugins/:plugin_id/tools/call).
 * None of the three is in the spec (contract.ts DOCUMENTED_OPERATIONS has them) and the official SDKs (coze-js,
 * coze-py) have no client for them; coze-go stores_plugins.go and Coze Studio's SaaS plugin client call the list with
 * the same query names (Coze Studio joins category_ids with ",").
 */

export interface SimTool {
	name: string;
	tool_id: string;
	description: string;
	inputSchema: { type: 'object'; required?: string[]; properties: Record<string, { type: string; description?: string }> };
	outputSchema: Record<string, unknown>;
	/** What the simulated tool answers (the doc's `data.result`). */
	run: (args: Record<string, unknown>) => Record<string, unknown>;
}

export interface SimPlugin {
	plugin_id: string;
	product_id: string;
	name: string;
	name_for_model: string;
	description: string;
	category: { id: string; name: string };
	is_official: boolean;
	is_call_available: boolean;
	listed_at: number;
	heat: number;
	call_count: number;
	tools: SimTool[];
}

export const PLUGINS = {
	news: '7545873263293800001',
	asr: '7506818401994700002',
	currency: '7545873263293800003',
	unsigned: '7545873263293800004',
};

const CATEGORIES = { news: { id: '7327137275714730001', name: '新闻阅读' }, tools: { id: '7327137275714730002', name: '实用工具' } };

const RATES: Record<string, number> = { CNY: 1, USD: 7.1, EUR: 7.7 };

export const SEED_PLUGINS: SimPlugin[] = [
	{
		plugin_id: PLUGINS.news,
		product_id: '7546200432658300001',
		name: '头条新闻',
		name_for_model: 'toutiao_news',
		description: '搜索今日头条的最新新闻 (search Toutiao news)',
		category: CATEGORIES.news,
		is_official: true,
		is_call_available: true,
		listed_at: 1757474787,
		heat: 1500,
		call_count: 1000,
		tools: [
			{
				name: 'getToutiaoNews',
				tool_id: '7545873263293810001',
				description: '搜索新闻讯息',
				inputSchema: { type: 'object', required: ['q'], properties: { q: { type: 'string', description: '搜索关键词' } } },
				outputSchema: { type: 'object', properties: { news: { type: 'array' } } },
				run: (args) => ({
					news: [1, 2].map((n) => ({
						title: `${String(args.q)} (${n})`,
						summary: `News about ${String(args.q)}`,
						url: `https://example.invalid/news/${n}`,
						media_name: 'Simulator Daily',
						time: '2025-09-19 15:02',
					})),
				}),
			},
		],
	},
	{
		plugin_id: PLUGINS.asr,
		product_id: '7546200432658300002',
		name: '语音识别',
		name_for_model: 'yuyinshibie',
		description: '准确地将语音内容转写成文字 (speech recognition)',
		category: CATEGORIES.tools,
		is_official: true,
		is_call_available: true,
		listed_at: 1759045245,
		heat: 900,
		call_count: 400,
		tools: [
			{
				name: 'asr_lite',
				tool_id: '7506818401994710001',
				description: '准确地将语音内容转写成文字。',
				inputSchema: {
					type: 'object',
					required: ['audio_url', 'language'],
					properties: { audio_url: { type: 'string', description: '音频文件地址' }, language: { type: 'string', description: '音频语言' } },
				},
				outputSchema: {
					type: 'object',
					properties: { code: { type: 'number' }, data: { type: 'object' }, log_id: { type: 'string' }, msg: { type: 'string' } },
				},
				run: (args) => ({ code: 0, msg: '', log_id: 'sim', data: { text: `Transcript of ${String(args.audio_url)} (${String(args.language)})` } }),
			},
		],
	},
	{
		plugin_id: PLUGINS.currency,
		product_id: '7546200432658300003',
		name: 'Currency Converter',
		name_for_model: 'currency_converter',
		description: 'Converts amounts between CNY, USD and EUR',
		category: CATEGORIES.tools,
		is_official: false,
		is_call_available: true,
		listed_at: 1761188383,
		heat: 300,
		call_count: 120,
		tools: [
			{
				name: 'convert',
				tool_id: '7545873263293830001',
				description: 'Convert an amount from one currency to another',
				inputSchema: {
					type: 'object',
					required: ['amount', 'from', 'to'],
					properties: { amount: { type: 'number' }, from: { type: 'string' }, to: { type: 'string' } },
				},
				outputSchema: { type: 'object', properties: { amount: { type: 'number' }, currency: { type: 'string' } } },
				run: (args) =>
					RATES[String(args.from)] === undefined || RATES[String(args.to)] === undefined
						? { code: 1, msg: `unsupported currency (use ${Object.keys(RATES).join(', ')})` }
						: {
								amount: Math.round(((Number(args.amount) * RATES[String(args.from)]) / RATES[String(args.to)]) * 100) / 100,
								currency: String(args.to),
							},
			},
		],
	},
	{
		plugin_id: PLUGINS.unsigned,
		product_id: '7546200432658300004',
		name: 'Unsigned Weather',
		name_for_model: 'unsigned_weather',
		description: 'A third-party paid plugin whose agreement is not signed (is_call_available false)',
		category: CATEGORIES.tools,
		is_official: false,
		is_call_available: false,
		listed_at: 1750000000,
		heat: 10,
		call_count: 0,
		tools: [
			{
				name: 'get_weather',
				tool_id: '7545873263293840001',
				description: 'Weather of a city',
				inputSchema: { type: 'object', required: ['city'], properties: { city: { type: 'string' } } },
				outputSchema: { type: 'object' },
				run: (args) => ({ city: args.city, weather: 'sunny' }),
			},
		],
	},
];

export const pluginsOf = (sim: Simulator) => sim.state('plugins', () => SEED_PLUGINS.map((plugin) => ({ ...plugin })));

/** A filler store plugin (tests that need many pages add these). */
export function fillerPlugin(n: number): SimPlugin {
	const id = String(7545873263293900000n + BigInt(n));
	return {
		plugin_id: id,
		product_id: String(7546200432658400000n + BigInt(n)),
		name: `Filler Plugin ${n}`,
		name_for_model: `filler_${n}`,
		description: 'Pads the store list',
		category: CATEGORIES.tools,
		is_official: false,
		is_call_available: true,
		listed_at: 1700000000 + n,
		heat: 1,
		call_count: 0,
		tools: [],
	};
}

function listItem(p: SimPlugin) {
	return {
		metainfo: {
			name: p.name,
			category: p.category,
			icon_url: `https://example.invalid/plugins/${p.plugin_id}.png`,
			entity_id: p.plugin_id,
			listed_at: p.listed_at,
			paid_type: 'paid',
			user_info: { user_id: 32351795934732, nick_name: 'Simulator Dev', user_name: 'sim_dev', avatar_url: 'https://example.invalid/avatar.png' },
			product_id: p.product_id,
			description: p.description,
			entity_type: 'plugin',
			is_official: p.is_official,
			entity_version: '0',
		},
		plugin_info: {
			heat: p.heat,
			call_count: p.call_count,
			description: p.description,
			success_rate: 0.95,
			bots_use_count: 7,
			favorite_count: 50,
			is_call_available: p.is_call_available,
			total_tools_count: p.tools.length,
			avg_exec_duration_ms: 120,
			associated_bots_use_count: 2,
		},
	};
}

export function registerPluginRoutes(sim: Simulator) {
	// docs/list_plugin.md: keyword (fuzzy), is_official, category_ids, page_num (1), page_size (20, max 100), sort_type.
	sim.route('GET', '/v1/stores/plugins', (ctx) => {
		const q = ctx.req.query;
		const page = Number(q.page_num ?? 1);
		const size = Number(q.page_size ?? 20);
		if (!Number.isInteger(page) || page < 1) return ctx.error(4000, 'page_num must be ≥ 1');
		if (!Number.isInteger(size) || size < 1 || size > 100) return ctx.error(4000, 'page_size must be between 1 and 100');
		if (q.sort_type && !['heat', 'newest', 'relative'].includes(q.sort_type)) return ctx.error(4000, 'sort_type must be heat, newest or relative');
		if (q.is_official !== undefined && !/^(true|false)$/i.test(q.is_official)) return ctx.error(4000, 'is_official must be a boolean');
		const keyword = (q.keyword ?? '').toLowerCase();
		const categories = (q.category_ids ?? '')
			.split(',')
			.map((c) => c.trim())
			.filter(Boolean);
		let list = pluginsOf(sim)
			.filter((p) => !keyword || p.name.toLowerCase().includes(keyword) || p.description.toLowerCase().includes(keyword))
			.filter((p) => q.is_official === undefined || p.is_official === (q.is_official.toLowerCase() === 'true'))
			.filter((p) => categories.length === 0 || categories.includes(p.category.id));
		if (q.sort_type === 'newest') list = [...list].sort((a, b) => b.listed_at - a.listed_at);
		else if (q.sort_type !== 'relative') list = [...list].sort((a, b) => b.heat - a.heat);
		ctx.json({ items: list.slice((page - 1) * size, page * size).map(listItem), has_more: page * size < list.length });
	});

	// docs/get_plugin.md: tools (name, description, inputSchema, outputSchema, tool_id), mcp_json, name_for_model, …
	sim.route('GET', '/v1/plugins/{plugin_id}', (ctx) => {
		const plugin = pluginsOf(sim).find((p) => p.plugin_id === ctx.params.plugin_id);
		if (!plugin) return ctx.error(4200, `plugin ${ctx.params.plugin_id} not found`);
		ctx.json({
			tools: plugin.tools.map(({ run: _run, ...tool }) => tool),
			mcp_json: JSON.stringify({
				mcpServers: {
					[`coze_plugin_${plugin.name_for_model}`]: {
						url: `https://mcp.coze.cn/v1/plugins/${plugin.plugin_id}`,
						headers: { Authorization: 'Bearer ${COZE_API_TOKEN}' },
					},
				},
			}),
			plugin_id: plugin.plugin_id,
			name: plugin.name,
			name_for_model: plugin.name_for_model,
			description: plugin.description,
			icon_url: `https://example.invalid/plugins/${plugin.plugin_id}.png`,
			is_call_available: plugin.is_call_available,
			created_at: plugin.listed_at,
			updated_at: plugin.listed_at,
		});
	});

	// docs/call_plugin_tool.md: body tool_name + arguments (required); data.result is the tool's answer.
	sim.route('POST', '/v1/plugins/{plugin_id}/tools/call', (ctx) => {
		const plugin = pluginsOf(sim).find((p) => p.plugin_id === ctx.params.plugin_id);
		if (!plugin) return ctx.error(4200, `plugin ${ctx.params.plugin_id} not found`);
		// The doc: third-party paid plugins cannot be called until their agreement is signed (error code not documented).
		if (!plugin.is_call_available) return ctx.error(4000, `plugin ${plugin.plugin_id} is not available for calls (agreement not signed)`);
		const body = (ctx.req.body ?? {}) as { tool_name?: unknown; arguments?: unknown };
		const tool = plugin.tools.find((t) => t.name === body.tool_name);
		if (!tool) return ctx.error(4000, `tool ${String(body.tool_name)} not found in plugin ${plugin.plugin_id}`);
		if (!body.arguments || typeof body.arguments !== 'object' || Array.isArray(body.arguments)) return ctx.error(4000, 'arguments must be an object');
		const args = body.arguments as Record<string, unknown>;
		const missing = (tool.inputSchema.required ?? []).filter((name) => args[name] === undefined || args[name] === null || args[name] === '');
		if (missing.length) return ctx.error(4000, `missing required arguments: ${missing.join(', ')}`);
		ctx.json({ result: tool.run(args) });
	});
}
