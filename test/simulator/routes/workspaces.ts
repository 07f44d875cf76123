import type { Simulator } from '../index';
import { BOT_LIST, WORKSPACES } from '../seed';

function paging(query: Record<string, string>, defaultSize: number, maxSize: number) {
	const page = Math.max(1, Number(query.page_num ?? query.page_index ?? 1) || 1);
	const size = Math.min(maxSize, Math.max(1, Number(query.page_size ?? defaultSize) || defaultSize));
	return { page, size, slice: <T>(list: T[]) => list.slice((page - 1) * size, page * size) };
}

/**
 * GET /v1/workspaces (docs/list_workspace.md), GET /v1/bots (docs/bots_list_draft_published.md) and the deprecated
 * GET /v1/space/published_bots_list (docs/published_bots_list.md; still called by coze-js bots.list and coze-go bots.List).
 */
export function registerWorkspaceRoutes(sim: Simulator) {
	sim.route('GET', '/v1/workspaces', (ctx) => {
		const { slice } = paging(ctx.req.query, 20, 50);
		ctx.json({ workspaces: slice(WORKSPACES), total_count: WORKSPACES.length });
	});

	sim.route('GET', '/v1/bots', (ctx) => {
		const { workspace_id: workspaceId, publish_status: status = 'published_online' } = ctx.req.query;
		if (!WORKSPACES.some((w) => w.id === workspaceId)) return ctx.error(4200, `workspace ${workspaceId} not found`);
		const bots = BOT_LIST.filter((b) => b.workspace_id === workspaceId).filter((b) =>
			status === 'all' ? true : status === 'unpublished_draft' ? !b.published : b.published,
		);
		const { slice } = paging(ctx.req.query, 20, 50);
		ctx.json({
			items: slice(bots).map((b) => ({
				id: b.id,
				name: b.name,
				description: b.description,
				icon_url: 'https://example.invalid/bot.png',
				is_published: b.published,
				published_at: b.published ? 1718000000 : 0,
				updated_at: 1718000000,
				owner_user_id: '2150000000000000001',
			})),
			total: bots.length,
		});
	});

	// docs/published_bots_list.md: space_id (required), page_index (default 1), page_size (default 20); only bots
	// published to the API channel, newest publish_time first; data { space_bots: [{bot_id, bot_name, description,
	// icon_url, publish_time (string)}], total }.
	sim.route('GET', '/v1/space/published_bots_list', (ctx) => {
		const spaceId = ctx.req.query.space_id;
		if (!spaceId) return ctx.error(4000, 'space_id is required');
		if (!WORKSPACES.some((w) => w.id === spaceId)) return ctx.error(4200, `space ${spaceId} not found`);
		const bots = BOT_LIST.filter((b) => b.workspace_id === spaceId && b.published);
		const { slice } = paging(ctx.req.query, 20, 50);
		ctx.json({
			space_bots: slice(bots).map((b) => ({
				bot_id: b.id,
				bot_name: b.name,
				description: b.description,
				icon_url: 'https://example.invalid/bot.png',
				publish_time: '1718000000',
			})),
			total: bots.length,
		});
	});
}
