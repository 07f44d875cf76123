import type { Simulator } from '../index';
import { BOT_LIST, WORKSPACES } from '../seed';

function paging(query: Record<string, string>, defaultSize: number, maxSize: number) {
	const page = Math.max(1, Number(query.page_num ?? query.page_index ?? 1) || 1);
	const size = Math.min(maxSize, Math.max(1, Number(query.page_size ?? defaultSize) || defaultSize));
	return { page, size, slice: <T>(list: T[]) => list.slice((page - 1) * size, page * size) };
}

/** GET /v1/workspaces (docs/list_workspace.md) and GET /v1/bots (docs/bots_list_draft_published.md). */
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
}
