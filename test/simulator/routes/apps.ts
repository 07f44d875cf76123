import type { Simulator } from '../index';
import { APP_LIST, WORKSPACES } from '../seed';

/**
 * Apps (projects) of a workspace: GET /v1/apps (docs/published_apps_list.md; spec OpenGetProjectList). Seeded apps:
 * seed.ts APP_LIST.
 */
export function registerAppRoutes(sim: Simulator) {
	sim.route('GET', '/v1/apps', (ctx) => {
		const query = ctx.req.query;
		const workspaceId = query.workspace_id ?? '';
		if (!workspaceId) return ctx.error(4000, 'workspace_id is required');
		if (!WORKSPACES.some((w) => w.id === workspaceId)) return ctx.error(4000, `workspace ${workspaceId} not found`);
		const status = query.publish_status || 'published_online'; // docs: published_online is the default
		if (!['all', 'published_online', 'published_draft', 'unpublished_draft'].includes(status))
			return ctx.error(4000, `invalid publish_status ${status}`);
		// docs: connector_id (default 1024, the API channel) only filters published apps.
		const connector = query.connector_id || '1024';
		const pageNum = query.page_num === undefined ? 1 : Number(query.page_num);
		const pageSize = query.page_size === undefined ? 20 : Number(query.page_size); // docs: default 20
		if (!Number.isInteger(pageNum) || pageNum < 1) return ctx.error(4000, 'page_num must be a positive integer');
		if (!Number.isInteger(pageSize) || pageSize < 1) return ctx.error(4000, 'page_size must be a positive integer');
		const list = APP_LIST.filter((app) => app.workspace_id === workspaceId).filter((app) => {
			const published = app.status !== 'unpublished_draft';
			if (status === 'all') return true;
			if (status === 'unpublished_draft') return !published;
			if (status === 'published_draft' && app.status !== 'published_draft') return false;
			return published && app.connectors.includes(connector);
		});
		const items = list.slice((pageNum - 1) * pageSize, pageNum * pageSize).map((app) => {
			const published = app.status !== 'unpublished_draft';
			return {
				id: app.id,
				name: app.name,
				description: app.description,
				icon_url: `https://example.invalid/FileBizType.BIZ_BOT_APP/${app.id}.png`,
				folder_id: app.folder_id,
				updated_at: app.updated_at,
				is_published: published,
				...(published ? { published_at: app.updated_at - 600 } : {}),
				owner_user_id: '2150000000000000001',
			};
		});
		ctx.json({ items, total: list.length });
	});
}
