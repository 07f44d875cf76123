import type { RouteContext, Simulator } from '../index';
import { cozeId } from '../ids';
import { BOT_LIST, DATASET_LIST, WORKFLOW_LIST } from '../seed';
import { currentUser, workspacesOf } from './workspaces';

/**
 * Bots (智能体): create, update, publish, unpublish, read (draft or published), list and versions.
 * Sources (test/simulator/SOURCES.md has one row per route):
 * - docs/create_bot.md (POST /v1/bot/create), docs/update_bot.md (POST /v1/bot/update), docs/publish_bot.md
 *   (POST /v1/bot/publish), docs/unpublish_agent.md (POST /v1/bots/{bot_id}/unpublish),
 *   docs/get_metadata_draft_published.md (GET /v1/bots/{bot_id}?is_published=), docs/bots_list_draft_published.md
 *   (GET /v1/bots), docs/list_bot_versions.md (GET /v1/bots/{bot_id}/versions).
 * - SDK field names: coze-js packages/coze-js/src/resources/bots/bots.ts (CreateBotReq, UpdateBotReq, PublishBotReq,
 *   ListBotNewReq, RetrieveBotNewReq), coze-py cozepy/bots/__init__.py (publish defaults connector_ids to ["1024"],
 *   unpublish) and cozepy/bots/versions/__init__.py.
 * A bot is a draft configuration plus, once published, a snapshot per publish; it can be chatted with (routes/chat.ts)
 * while it is published to the API channel (connector 1024).
 */

export const API_CONNECTOR = '1024';
export const CHAT_SDK_CONNECTOR = '999';

/** Channels unpublish_agent.md lists besides custom channel IDs (custom ones are accepted when published to). */
const KNOWN_CONNECTORS = new Set([
	API_CONNECTOR,
	CHAT_SDK_CONNECTOR,
	'10000122',
	'10000113',
	'10000120',
	'10000121',
	'10000126',
	'10000127',
	'10000011',
	'10000128',
	'10000117',
]);

type Config = Record<string, unknown>;

interface BotVersion {
	version: string;
	created_at: number;
	publish_status: 'published_online' | 'unpublished_draft';
	connector_ids: string[];
	config: Config;
	/** The draft revision this version was made from. */
	revision: number;
}

export interface SimBot {
	id: string;
	workspace_id: string;
	owner_user_id: string;
	created_at: number;
	updated_at: number;
	draft: Config;
	/** Connector ID → the version published there. */
	connectors: Map<string, BotVersion>;
	versions: BotVersion[];
	everPublished: boolean;
	published_at?: number;
	/** Bumped by every update: a published bot whose draft revision is newer is "published_draft". */
	revision: number;
}

const now = () => Math.floor(Date.now() / 1000);
let lastVersion = 0;
/** Version numbers look like 13-digit millisecond timestamps (docs/publish_bot.md: "1753871809679"). */
function nextVersion(): string {
	lastVersion = Math.max(lastVersion + 1, Date.now());
	return String(lastVersion);
}

const SEED_TIME = 1718000000;
const OWNER = '2150000000000000001';

/** Per-simulator bot store, seeded from seed.ts BOT_LIST (published ones are live on the API channel). */
export function botsOf(sim: Simulator): Map<string, SimBot> {
	return sim.state('bots', () => {
		const bots = new Map<string, SimBot>();
		for (const seeded of BOT_LIST) {
			const draft: Config = {
				name: seeded.name,
				description: seeded.description,
				prompt_info: { prompt: '' },
				onboarding_info: { prologue: '', suggested_questions: [] },
			};
			const bot: SimBot = {
				id: seeded.id,
				workspace_id: seeded.workspace_id,
				owner_user_id: OWNER,
				created_at: SEED_TIME,
				updated_at: SEED_TIME,
				draft,
				connectors: new Map(),
				versions: [],
				everPublished: seeded.published,
				revision: 0,
			};
			if (seeded.published) {
				const version: BotVersion = {
					version: '1718000000000',
					created_at: SEED_TIME,
					publish_status: 'published_online',
					connector_ids: [API_CONNECTOR],
					config: structuredClone(draft),
					revision: 0,
				};
				bot.versions.push(version);
				bot.connectors.set(API_CONNECTOR, version);
				bot.published_at = SEED_TIME;
			}
			bots.set(bot.id, bot);
		}
		return bots;
	});
}

/** What routes/chat.ts needs: does the bot exist, and is it published to the Agent as API channel? */
export function findBot(sim: Simulator, botId: string): { id: string; published: boolean } | undefined {
	const bot = botsOf(sim).get(botId);
	return bot ? { id: bot.id, published: bot.connectors.has(API_CONNECTOR) } : undefined;
}

/** Creates a draft bot (also used by POST /v1/templates/{template_id}/duplicate in routes/workspaces.ts). */
export function createBot(sim: Simulator, workspaceId: string, draft: Config): SimBot {
	const bot: SimBot = {
		id: cozeId(),
		workspace_id: workspaceId,
		owner_user_id: currentUser.user_id,
		created_at: now(),
		updated_at: now(),
		draft,
		connectors: new Map(),
		versions: [
			{
				version: nextVersion(),
				created_at: now(),
				publish_status: 'unpublished_draft',
				connector_ids: [],
				config: structuredClone(draft),
				revision: 0,
			},
		],
		everPublished: false,
		revision: 0,
	};
	botsOf(sim).set(bot.id, bot);
	return bot;
}

const CONFIG_FIELDS = [
	'name',
	'description',
	'icon_file_id',
	'prompt_info',
	'onboarding_info',
	'knowledge',
	'plugin_id_list',
	'workflow_id_list',
	'model_info_config',
	'suggest_reply_info',
	'media_config',
];

/** Field checks both create_bot.md and update_bot.md state (lengths, nested required IDs). */
function invalidConfig(body: Record<string, unknown>): string | undefined {
	if (body.name !== undefined && (typeof body.name !== 'string' || body.name.length < 1 || [...body.name].length > 20)) {
		return 'name must be 1-20 characters';
	}
	if (typeof body.description === 'string' && [...body.description].length > 500) return 'description must be at most 500 characters';
	const prompt = (body.prompt_info as Config | undefined)?.prompt;
	if (typeof prompt === 'string' && [...prompt].length > 20000) return 'prompt_info.prompt must be at most 20000 characters';
	const prologue = (body.onboarding_info as Config | undefined)?.prologue;
	if (typeof prologue === 'string' && [...prologue].length > 300) return 'onboarding_info.prologue must be at most 300 characters';
	const questions = (body.onboarding_info as Config | undefined)?.suggested_questions;
	if (Array.isArray(questions) && questions.some((q) => typeof q === 'string' && [...q].length > 50))
		return 'each suggested question must be at most 50 characters';
	const datasets = (body.knowledge as Config | undefined)?.dataset_ids;
	if (Array.isArray(datasets) && datasets.length > 150) return 'at most 150 knowledge bases can be bound';
	const model = body.model_info_config as Config | undefined;
	if (model && !model.model_id) return 'model_info_config.model_id is required';
	const reply = body.suggest_reply_info as Config | undefined;
	if (reply?.reply_mode === 'customized' && !reply.customized_prompt)
		return 'suggest_reply_info.customized_prompt is required when reply_mode is customized';
	return undefined;
}

function configOf(body: Record<string, unknown>): Config {
	const config: Config = {};
	for (const field of CONFIG_FIELDS) if (body[field] !== undefined) config[field] = structuredClone(body[field]);
	return config;
}

function getBot(ctx: RouteContext, botId: string): SimBot | undefined {
	const bot = botsOf(ctx.sim).get(botId);
	if (!bot) ctx.error(4200, `bot ${botId} not found`);
	return bot;
}

/** BotInfo of docs/get_metadata_draft_published.md, built from a stored configuration. */
function botInfo(bot: SimBot, config: Config, version: string): Record<string, unknown> {
	const prompt = (config.prompt_info as Config | undefined) ?? { prompt: '' };
	const onboarding = (config.onboarding_info as Config | undefined) ?? {};
	const plugins = ((config.plugin_id_list as Config | undefined)?.id_list as Config[] | undefined) ?? [];
	const byPlugin = new Map<string, string[]>();
	for (const p of plugins) byPlugin.set(String(p.plugin_id), [...(byPlugin.get(String(p.plugin_id)) ?? []), String(p.api_id ?? '')]);
	const workflows = ((config.workflow_id_list as Config | undefined)?.ids as Config[] | undefined) ?? [];
	const datasets = ((config.knowledge as Config | undefined)?.dataset_ids as string[] | undefined) ?? [];
	const model = config.model_info_config as Config | undefined;
	return {
		bot_id: bot.id,
		name: config.name,
		description: config.description ?? '',
		icon_url: config.icon_file_id ? `https://example.invalid/bot-icon/${String(config.icon_file_id)}.png` : 'https://example.invalid/bot.png',
		create_time: bot.created_at,
		update_time: bot.updated_at,
		version,
		bot_mode: 0,
		folder_id: '',
		owner_user_id: bot.owner_user_id,
		prompt_info: {
			prompt: prompt.prompt ?? '',
			...(prompt.prompt_mode ? { prompt_mode: prompt.prompt_mode } : {}),
			...(prompt.prefix_prompt_info ? { prefix_prompt_info: prompt.prefix_prompt_info } : {}),
		},
		onboarding_info: { prologue: onboarding.prologue ?? '', suggested_questions: onboarding.suggested_questions ?? [] },
		plugin_info_list: [...byPlugin].map(([pluginId, apiIds]) => ({
			plugin_id: pluginId,
			name: `plugin_${pluginId.slice(-4)}`,
			description: '',
			icon_url: 'https://example.invalid/plugin.png',
			api_info_list: apiIds.map((apiId) => ({ api_id: apiId, name: `tool_${apiId.slice(-4)}`, description: '' })),
		})),
		workflow_info_list: workflows.map((w) => ({
			id: String(w.id),
			name: WORKFLOW_LIST.find((known) => known.id === String(w.id))?.name ?? `workflow_${String(w.id).slice(-4)}`,
			description: '',
			icon_url: 'https://example.invalid/workflow.png',
		})),
		knowledge: {
			knowledge_infos: datasets.map((id) => ({ id, name: DATASET_LIST.find((d) => d.dataset_id === id)?.name ?? `knowledge_${id.slice(-4)}` })),
		},
		model_info: model
			? { ...model, parameters: undefined, model_name: `model ${String(model.model_id)}` }
			: { model_id: '1706077826', model_name: 'Doubao' },
		suggest_reply_info: config.suggest_reply_info ?? { reply_mode: 'enable', customized_prompt: '' },
		variables: [],
		shortcut_commands: [],
		voice_info_list: [],
		default_user_input_type: 'text',
		media_config: config.media_config ?? { is_voice_call_closed: false },
	};
}

function paging(query: Record<string, string>, defaultSize: number, maxSize: number) {
	const page = Math.max(1, Number(query.page_num ?? 1) || 1);
	const size = Math.min(maxSize, Math.max(1, Number(query.page_size ?? defaultSize) || defaultSize));
	return { slice: <T>(list: T[]) => list.slice((page - 1) * size, page * size), hasMore: (total: number) => page * size < total };
}

export function registerBotRoutes(sim: Simulator) {
	// docs/create_bot.md: space_id + name required; the new bot is an unpublished draft; answers data.bot_id.
	sim.route('POST', '/v1/bot/create', (ctx) => {
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const spaceId = String(body.space_id ?? '');
		if (!workspacesOf(ctx.sim).some((w) => w.id === spaceId)) return ctx.error(4200, `workspace ${spaceId} not found`);
		if (body.name === undefined) return ctx.error(4000, 'name is required');
		const invalid = invalidConfig(body);
		if (invalid) return ctx.error(4000, invalid);
		if (body.knowledge !== undefined) return ctx.error(4000, 'knowledge is not a parameter of bot/create');
		const bot = createBot(ctx.sim, spaceId, configOf(body));
		ctx.json({ bot_id: bot.id });
	});

	// docs/update_bot.md: bot_id required, every other field optional (only given fields change); no data in the answer.
	sim.route('POST', '/v1/bot/update', (ctx) => {
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const bot = getBot(ctx, String(body.bot_id ?? ''));
		if (!bot) return;
		const invalid = invalidConfig(body);
		if (invalid) return ctx.error(4000, invalid);
		Object.assign(bot.draft, configOf(body));
		bot.updated_at = now();
		bot.revision++;
		bot.versions.push({
			version: nextVersion(),
			created_at: now(),
			publish_status: 'unpublished_draft',
			connector_ids: [],
			config: structuredClone(bot.draft),
			revision: bot.revision,
		});
		ctx.json(undefined);
	});

	// docs/publish_bot.md: connector_ids required (API 1024, Chat SDK 999, custom IDs); answers { bot_id, version }.
	// A custom channel needs the API channel in the same call ("智能体发布自定义渠道时，需要同时发布 API 渠道").
	sim.route('POST', '/v1/bot/publish', (ctx) => {
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const bot = getBot(ctx, String(body.bot_id ?? ''));
		if (!bot) return;
		const connectorIds = ((body.connector_ids as unknown[]) ?? []).map(String);
		if (connectorIds.length === 0) return ctx.error(4000, 'connector_ids is required');
		const custom = connectorIds.filter((id) => !KNOWN_CONNECTORS.has(id));
		if (custom.length && !connectorIds.includes(API_CONNECTOR))
			return ctx.error(4000, 'publishing to a custom channel requires the API channel (1024) too');
		const version: BotVersion = {
			version: nextVersion(),
			created_at: now(),
			publish_status: 'published_online',
			connector_ids: connectorIds,
			config: structuredClone(bot.draft),
			revision: bot.revision,
		};
		bot.versions.push(version);
		for (const id of connectorIds) bot.connectors.set(id, version);
		bot.everPublished = true;
		bot.published_at = now();
		ctx.json({ bot_id: bot.id, version: version.version });
	});

	// docs/unpublish_agent.md: path bot_id, body connector_id (+ unpublish_reason ≤ 1024 chars); no data in the answer.
	sim.route('POST', '/v1/bots/{bot_id}/unpublish', (ctx) => {
		const bot = getBot(ctx, ctx.params.bot_id);
		if (!bot) return;
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const connectorId = String(body.connector_id ?? '');
		if (!connectorId) return ctx.error(4000, 'connector_id is required');
		if (typeof body.unpublish_reason === 'string' && [...body.unpublish_reason].length > 1024)
			return ctx.error(4000, 'unpublish_reason must be at most 1024 characters');
		if (!bot.connectors.has(connectorId)) return ctx.error(4000, `bot ${bot.id} is not published to channel ${connectorId}`);
		bot.connectors.delete(connectorId);
		ctx.json(undefined);
	});

	// docs/get_metadata_draft_published.md: is_published defaults to true (published config), false = current draft.
	sim.route('GET', '/v1/bots/{bot_id}', (ctx) => {
		const bot = getBot(ctx, ctx.params.bot_id);
		if (!bot) return;
		if (ctx.req.query.is_published === 'false') {
			return ctx.json(botInfo(bot, bot.draft, bot.versions.at(-1)?.version ?? ''));
		}
		const published = bot.connectors.get(API_CONNECTOR) ?? [...bot.connectors.values()].at(-1);
		if (!published) return ctx.error(4200, `bot ${bot.id} has no published version; read the draft with is_published=false`);
		ctx.json(botInfo(bot, published.config, published.version));
	});

	// docs/bots_list_draft_published.md: workspace_id required; publish_status all | published_online (default) |
	// published_draft | unpublished_draft; connector_id (default 1024) for the published states; answers { items, total }.
	// Deprecated, still called by coze-js bots.list and coze-go bots.List. docs/published_bots_list.md: space_id
	// (required), page_index (default 1), page_size (default 20); only bots live on the API channel; data { space_bots:
	// [{bot_id, bot_name, description, icon_url, publish_time (string)}], total }.
	sim.route('GET', '/v1/space/published_bots_list', (ctx) => {
		const spaceId = ctx.req.query.space_id;
		if (!spaceId) return ctx.error(4000, 'space_id is required');
		if (!workspacesOf(ctx.sim).some((w) => w.id === spaceId)) return ctx.error(4200, `space ${spaceId} not found`);
		const bots = [...botsOf(ctx.sim).values()].filter((b) => b.workspace_id === spaceId && b.connectors.has(API_CONNECTOR));
		const page = Math.max(1, Number(ctx.req.query.page_index ?? 1) || 1);
		const size = Math.min(50, Math.max(1, Number(ctx.req.query.page_size ?? 20) || 20));
		ctx.json({
			space_bots: bots.slice((page - 1) * size, page * size).map((b) => {
				const config = b.connectors.get(API_CONNECTOR)?.config ?? b.draft;
				return {
					bot_id: b.id,
					bot_name: config.name,
					description: config.description ?? '',
					icon_url: 'https://example.invalid/bot.png',
					publish_time: String(b.published_at ?? SEED_TIME),
				};
			}),
			total: bots.length,
		});
	});

	sim.route('GET', '/v1/bots', (ctx) => {
		const { workspace_id: workspaceId, publish_status: status = 'published_online', connector_id: connectorId = API_CONNECTOR } = ctx.req.query;
		if (!workspacesOf(ctx.sim).some((w) => w.id === workspaceId)) return ctx.error(4200, `workspace ${workspaceId} not found`);
		const bots = [...botsOf(ctx.sim).values()]
			.filter((b) => b.workspace_id === workspaceId)
			.filter((b) => {
				const live = b.connectors.get(connectorId);
				if (status === 'all') return true;
				if (status === 'unpublished_draft') return !b.everPublished;
				if (status === 'published_draft') return live !== undefined && b.revision > live.revision;
				return live !== undefined;
			});
		const { slice } = paging(ctx.req.query, 20, 50);
		ctx.json({
			items: slice(bots).map((b) => {
				const config = status === 'published_online' ? (b.connectors.get(connectorId)?.config ?? b.draft) : b.draft;
				return {
					id: b.id,
					name: config.name,
					description: config.description ?? '',
					icon_url: 'https://example.invalid/bot.png',
					folder_id: '',
					is_published: b.connectors.size > 0,
					...(b.published_at ? { published_at: b.published_at } : {}),
					updated_at: b.updated_at,
					owner_user_id: b.owner_user_id,
				};
			}),
			total: bots.length,
		});
	});

	// docs/list_bot_versions.md: page_size 1-30 (default 10), publish_status published_online (default) |
	// unpublished_draft, connector_id filters published versions; answers { items, has_more } (newest first).
	sim.route('GET', '/v1/bots/{bot_id}/versions', (ctx) => {
		const bot = getBot(ctx, ctx.params.bot_id);
		if (!bot) return;
		const { publish_status: status = 'published_online', connector_id: connectorId, page_size: size } = ctx.req.query;
		if (size !== undefined && (Number(size) < 1 || Number(size) > 30)) return ctx.error(4000, 'page_size must be between 1 and 30');
		const versions = bot.versions
			.filter((v) => v.publish_status === status)
			.filter((v) => !connectorId || status !== 'published_online' || v.connector_ids.includes(connectorId))
			.reverse();
		const { slice, hasMore } = paging(ctx.req.query, 10, 30);
		ctx.json({
			items: slice(versions).map((v) => ({
				version: v.version,
				creator: { id: bot.owner_user_id, name: currentUser.user_name },
				changelog: '',
				created_at: v.created_at,
				publish_status: v.publish_status,
			})),
			has_more: hasMore(versions.length),
		});
	});
}
