import type { RouteContext, Simulator } from '../index';
import { cozeId } from '../ids';
import { WORKSPACES } from '../seed';
import { createBot } from './bots';

/**
 * Workspaces, their members, the current user and template duplication.
 * Sources (rows in test/simulator/SOURCES.md):
 * - docs/list_workspace.md (GET /v1/workspaces), docs/create_workspace.md (POST /v1/workspaces),
 *   docs/update_workspace_info.md (PUT /v1/workspaces/{workspace_id}), docs/list_space_member.md,
 *   docs/add_space_member.md, docs/remove_space_member.md (GET / POST / DELETE /v1/workspaces/{workspace_id}/members).
 * - SDK only (no doc page in test/coze-reference/docs): GET /v1/users/me (coze-js packages/coze-js/src/resources/users/index.ts,
 *   coze-py cozepy/users/__init__.py: data { user_id, user_name, nick_name, avatar_url }) and
 *   POST /v1/templates/{template_id}/duplicate (coze-js packages/coze-js/src/resources/templates/templates.ts,
 *   coze-py cozepy/templates/__init__.py: body { workspace_id, name? }, data { entity_id, entity_type: "agent" }).
 * - Member field names: coze-py cozepy/workspaces/members/__init__.py (users[{user_id, role_type}], user_ids).
 * GET /v1/bots moved to routes/bots.ts (same seeded answers for the pickers).
 */

export type Workspace = {
	id: string;
	name: string;
	icon_url: string;
	role_type: string;
	workspace_type: string;
	enterprise_id: string;
	description?: string;
	owner_uid?: string;
	admin_uids?: string[];
	joined_status?: string;
};

/** The user every simulator token belongs to (owner of the seeded workspaces and bots). */
export const currentUser = {
	user_id: '2150000000000000001',
	user_name: 'sim_user',
	nick_name: 'Simulator User',
	avatar_url: 'https://example.invalid/avatar.png',
};

/** Coze users that exist in the simulator (others are reported in not_exist_user_ids). */
export const KNOWN_USERS: Record<string, { user_nickname: string; user_unique_name: string }> = {
	[currentUser.user_id]: { user_nickname: currentUser.nick_name, user_unique_name: currentUser.user_name },
	'2150000000000000002': { user_nickname: 'Alice', user_unique_name: 'alice' },
	'2150000000000000003': { user_nickname: 'Bob', user_unique_name: 'bob' },
	'2150000000000000004': { user_nickname: 'Carol', user_unique_name: 'carol' },
	'2150000000000000005': { user_nickname: 'Dave', user_unique_name: 'dave' },
	'2150000000000000006': { user_nickname: 'Erin', user_unique_name: 'erin' },
	'2150000000000000007': { user_nickname: 'Frank', user_unique_name: 'frank' },
};

/** Templates that can be duplicated (SDK-only route, see above). */
export const TEMPLATES = { support: '7470000000000000001' };
const TEMPLATE_NAMES: Record<string, string> = { [TEMPLATES.support]: 'Customer Support Agent' };

interface Member {
	user_id: string;
	role_type: 'owner' | 'admin' | 'member';
}

interface WorkspaceState {
	workspaces: Workspace[];
	members: Map<string, Member[]>;
	invited: Map<string, Set<string>>;
	/**
	 * docs/add_space_member.md: enterprise editions add users directly (added_success_user_ids); the personal edition
	 * sends invitations the user has to accept (invited_success_user_ids / already_invited_user_ids).
	 */
	edition: 'enterprise' | 'personal';
}

function workspaceState(sim: Simulator): WorkspaceState {
	return sim.state('workspaces', () => ({
		workspaces: WORKSPACES.map((w) => ({ ...w })),
		members: new Map(
			WORKSPACES.map((w) => [
				w.id,
				w.role_type === 'owner'
					? [{ user_id: currentUser.user_id, role_type: 'owner' as const }]
					: [
							{ user_id: '2150000000000000002', role_type: 'owner' as const },
							{ user_id: currentUser.user_id, role_type: 'member' as const },
						],
			]),
		),
		invited: new Map(),
		edition: 'enterprise',
	}));
}

/** Workspaces of this simulator (seeded ones first, then created ones). */
export function workspacesOf(sim: Simulator): Workspace[] {
	return workspaceState(sim).workspaces;
}

/** Switch member adding between the enterprise (direct add) and personal (invitation) behaviour. */
export function setWorkspaceEdition(sim: Simulator, edition: 'enterprise' | 'personal') {
	workspaceState(sim).edition = edition;
}

export function membersOf(sim: Simulator, workspaceId: string): Member[] {
	return workspaceState(sim).members.get(workspaceId) ?? [];
}

function paging(query: Record<string, string>, defaultSize: number, maxSize: number) {
	const page = Math.max(1, Number(query.page_num ?? query.page_index ?? 1) || 1);
	const size = Math.min(maxSize, Math.max(1, Number(query.page_size ?? defaultSize) || defaultSize));
	return { page, size, slice: <T>(list: T[]) => list.slice((page - 1) * size, page * size) };
}

function findWorkspace(ctx: RouteContext, id: string): Workspace | undefined {
	const workspace = workspacesOf(ctx.sim).find((w) => w.id === id);
	if (!workspace) ctx.error(4200, `workspace ${id} not found`);
	return workspace;
}

const length = (value: unknown) => [...String(value ?? '')].length;

export function registerWorkspaceRoutes(sim: Simulator) {
	// docs/list_workspace.md: page_size default 20, max 50; enterprise_id, or user_id + coze_account_id, filter the list.
	sim.route('GET', '/v1/workspaces', (ctx) => {
		const state = workspaceState(ctx.sim);
		const { enterprise_id: enterpriseId, user_id: userId, coze_account_id: accountId } = ctx.req.query;
		if ((userId && !accountId) || (!userId && accountId)) return ctx.error(4000, 'user_id and coze_account_id must be given together');
		let list = state.workspaces;
		if (enterpriseId) list = list.filter((w) => w.enterprise_id === enterpriseId && w.workspace_type !== 'personal');
		if (userId) list = list.filter((w) => w.workspace_type !== 'personal' && (state.members.get(w.id) ?? []).some((m) => m.user_id === userId));
		const { slice } = paging(ctx.req.query, 20, 50);
		ctx.json({ workspaces: slice(list), total_count: list.length });
	});

	// docs/create_workspace.md: name (≤ 50) and description (≤ 2000) required; icon_file_id, coze_account_id, owner_uid
	// optional; answers data { id }. The token's user (or owner_uid) owns the new team workspace.
	sim.route('POST', '/v1/workspaces', (ctx) => {
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		if (!body.name || length(body.name) > 50) return ctx.error(4000, 'name is required and must be at most 50 characters');
		if (body.description === undefined || length(body.description) > 2000)
			return ctx.error(4000, 'description is required and must be at most 2000 characters');
		const owner = String(body.owner_uid ?? currentUser.user_id);
		if (!KNOWN_USERS[owner]) return ctx.error(4000, `owner_uid ${owner} does not exist`);
		const state = workspaceState(ctx.sim);
		const workspace: Workspace = {
			id: cozeId(),
			name: String(body.name),
			description: String(body.description),
			icon_url: body.icon_file_id ? `https://example.invalid/ws-icon/${String(body.icon_file_id)}.png` : 'https://example.invalid/team.png',
			role_type: owner === currentUser.user_id ? 'owner' : 'member',
			workspace_type: 'team',
			enterprise_id: '',
			owner_uid: owner,
			joined_status: 'joined',
		};
		state.workspaces.push(workspace);
		state.members.set(workspace.id, [
			{ user_id: owner, role_type: 'owner' },
			...(owner === currentUser.user_id ? [] : [{ user_id: currentUser.user_id, role_type: 'member' as const }]),
		]);
		ctx.json({ id: workspace.id });
	});

	// docs/update_workspace_info.md: name / description optional (empty = unchanged); personal workspaces can't be
	// changed. The error code for that case is not documented: 4000 here.
	sim.route('PUT', '/v1/workspaces/{workspace_id}', (ctx) => {
		const workspace = findWorkspace(ctx, ctx.params.workspace_id);
		if (!workspace) return;
		if (workspace.workspace_type === 'personal') return ctx.error(4000, 'the basic information of a personal workspace cannot be changed');
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		if (length(body.name) > 50) return ctx.error(4000, 'name must be at most 50 characters');
		if (length(body.description) > 2000) return ctx.error(4000, 'description must be at most 2000 characters');
		if (body.name) workspace.name = String(body.name);
		if (body.description) workspace.description = String(body.description);
		ctx.json(undefined);
	});

	// docs/list_space_member.md: page_size 1-50 (default 20); answers { items, total_count }.
	sim.route('GET', '/v1/workspaces/{workspace_id}/members', (ctx) => {
		const workspace = findWorkspace(ctx, ctx.params.workspace_id);
		if (!workspace) return;
		const size = ctx.req.query.page_size;
		if (size !== undefined && (Number(size) < 1 || Number(size) > 50)) return ctx.error(4000, 'page_size must be between 1 and 50');
		const members = membersOf(ctx.sim, workspace.id);
		const { slice } = paging(ctx.req.query, 20, 50);
		ctx.json({
			items: slice(members).map((m) => ({
				user_id: m.user_id,
				role_type: m.role_type,
				...KNOWN_USERS[m.user_id],
				avatar_url: 'https://example.invalid/avatar.png',
			})),
			total_count: members.length,
		});
	});

	// docs/add_space_member.md: users [{ user_id, role_type admin|member }], at most 20 per call; answers the five ID lists.
	sim.route('POST', '/v1/workspaces/{workspace_id}/members', (ctx) => {
		const workspace = findWorkspace(ctx, ctx.params.workspace_id);
		if (!workspace) return;
		const state = workspaceState(ctx.sim);
		const users = (((ctx.req.body ?? {}) as Record<string, unknown>).users as Array<Record<string, unknown>> | undefined) ?? [];
		if (users.length > 20) return ctx.error(4000, 'at most 20 users can be added per call');
		const bad = users.find((u) => !u.user_id || (u.role_type !== 'admin' && u.role_type !== 'member'));
		if (bad) return ctx.error(4000, `every user needs a user_id and role_type admin or member (got ${JSON.stringify(bad)})`);
		const members = state.members.get(workspace.id) ?? [];
		const invited = state.invited.get(workspace.id) ?? new Set<string>();
		const result = {
			not_exist_user_ids: [] as string[],
			added_success_user_ids: [] as string[],
			already_joined_user_ids: [] as string[],
			already_invited_user_ids: [] as string[],
			invited_success_user_ids: [] as string[],
		};
		for (const user of users) {
			const id = String(user.user_id);
			if (!KNOWN_USERS[id]) result.not_exist_user_ids.push(id);
			else if (members.some((m) => m.user_id === id)) result.already_joined_user_ids.push(id);
			else if (state.edition === 'personal') {
				if (invited.has(id)) result.already_invited_user_ids.push(id);
				else {
					invited.add(id);
					result.invited_success_user_ids.push(id);
				}
			} else {
				members.push({ user_id: id, role_type: user.role_type as Member['role_type'] });
				result.added_success_user_ids.push(id);
			}
		}
		state.members.set(workspace.id, members);
		state.invited.set(workspace.id, invited);
		ctx.json(result);
	});

	// docs/remove_space_member.md: user_ids, at most 5 per call; the owner can't be removed. The field for users not in
	// the workspace is not_in_workspace_user_ids (parameter table, spec, coze-py); the doc's example says not_in_space_user_ids.
	sim.route('DELETE', '/v1/workspaces/{workspace_id}/members', (ctx) => {
		const workspace = findWorkspace(ctx, ctx.params.workspace_id);
		if (!workspace) return;
		const state = workspaceState(ctx.sim);
		const ids = ((((ctx.req.body ?? {}) as Record<string, unknown>).user_ids as unknown[] | undefined) ?? []).map(String);
		if (ids.length === 0) return ctx.error(4000, 'user_ids is required');
		if (ids.length > 5) return ctx.error(4000, 'at most 5 users can be removed per call');
		let members = state.members.get(workspace.id) ?? [];
		const result = {
			removed_success_user_ids: [] as string[],
			not_in_workspace_user_ids: [] as string[],
			owner_not_support_remove_user_ids: [] as string[],
		};
		for (const id of ids) {
			const member = members.find((m) => m.user_id === id);
			if (!member) result.not_in_workspace_user_ids.push(id);
			else if (member.role_type === 'owner') result.owner_not_support_remove_user_ids.push(id);
			else {
				members = members.filter((m) => m.user_id !== id);
				result.removed_success_user_ids.push(id);
			}
		}
		state.members.set(workspace.id, members);
		ctx.json(result);
	});

	// SDK-only (coze-js users/index.ts, coze-py users/__init__.py): the token's user.
	sim.route('GET', '/v1/users/me', (ctx) => {
		ctx.json({ ...currentUser });
	});

	// SDK-only (coze-js templates/templates.ts, coze-py templates/__init__.py): copies a template into a workspace; the
	// SDKs type entity_type as "agent", so the copy is a new draft bot (named `name`, else the template's name).
	sim.route('POST', '/v1/templates/{template_id}/duplicate', (ctx) => {
		const templateName = TEMPLATE_NAMES[ctx.params.template_id];
		if (!templateName) return ctx.error(4200, `template ${ctx.params.template_id} not found`);
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const workspace = findWorkspace(ctx, String(body.workspace_id ?? ''));
		if (!workspace) return;
		const bot = createBot(ctx.sim, workspace.id, { name: body.name ? String(body.name) : templateName, description: `Copy of ${templateName}` });
		ctx.json({ entity_id: bot.id, entity_type: 'agent' });
	});
}
