import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { CozeBot } from '../../nodes/CozeBot/CozeBot.node';
import { CozeWorkspace } from '../../nodes/CozeWorkspace/CozeWorkspace.node';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { currentUser, setWorkspaceEdition, TEMPLATES } from '../simulator/routes/workspaces';
import { APP_LIST, WORKSPACES } from '../simulator/seed';

const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });
const ALICE = '2150000000000000002';
const BOB = '2150000000000000003';
const CAROL = '2150000000000000004';

describe('Coze Workspace node inside n8n-core against the simulator', () => {
	let sim: Simulator;
	let harness: Harness;
	let credential: string;

	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		harness = new Harness([new CozeWorkspace(), new CozeBot()]);
		credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	const ws = async (parameters: INodeParameters, items?: INodeExecutionData[], continueOnFail = false) =>
		await harness.run({ type: 'cozeWorkspace', parameters, credentials: { cozeApi: credential }, continueOnFail }, { items });
	const lastRequest = () => sim.requests.at(-1);

	it('lists, creates and updates workspaces', async () => {
		const listed = await ws({ resource: 'workspace', operation: 'getAll', returnAll: true });
		expect(listed.error).toBeUndefined();
		expect(listed.items.map((i) => i.json.name)).toEqual(WORKSPACES.map((w) => w.name));
		expect(lastRequest()?.query).toEqual({ page_num: '1', page_size: '50' });

		const created = await ws({
			resource: 'workspace',
			operation: 'create',
			name: 'Docs Team',
			description: 'For the docs group',
			options: { iconFileId: '7369495981100000' },
		});
		expect(created.error).toBeUndefined();
		const id = created.items[0].json.id as string;
		expect(created.items[0].json).toEqual({ id, name: 'Docs Team', description: 'For the docs group' });
		expect(lastRequest()?.body).toEqual({ name: 'Docs Team', description: 'For the docs group', icon_file_id: '7369495981100000' });

		const updated = await ws({ resource: 'workspace', operation: 'update', workspaceId: rl(id, 'list'), updateFields: { name: 'Docs & Support' } });
		expect(updated.items[0].json).toEqual({ id, updated: true, name: 'Docs & Support' });
		expect(lastRequest()).toMatchObject({ method: 'PUT', path: `/v1/workspaces/${id}`, body: { name: 'Docs & Support' } });
		const after = await ws({ resource: 'workspace', operation: 'getAll', returnAll: true });
		expect(after.items.find((i) => i.json.id === id)?.json).toMatchObject({
			name: 'Docs & Support',
			description: 'For the docs group',
			role_type: 'owner',
		});

		const personal = await ws({
			resource: 'workspace',
			operation: 'update',
			workspaceId: rl(WORKSPACES[1].id),
			updateFields: { description: 'mine' },
		});
		expect(personal.error?.message).toContain('code 4000');
		expect(String(personal.error?.description)).toMatch(/Log ID: \S+/);
	});

	it('pages workspaces with Return All and Limit and passes the filters', async () => {
		for (let i = 0; i < 52; i++) await ws({ resource: 'workspace', operation: 'create', name: `Team ${i}`, description: 'd' });
		const all = await ws({ resource: 'workspace', operation: 'getAll', returnAll: true });
		expect(all.items).toHaveLength(55);
		expect(new Set(all.items.map((i) => i.json.id)).size).toBe(55);
		expect(sim.requests.filter((r) => r.path === '/v1/workspaces' && r.method === 'GET').map((r) => r.query.page_num)).toEqual(['1', '2']);
		const some = await ws({ resource: 'workspace', operation: 'getAll', returnAll: false, limit: 3 });
		expect(some.items.map((i) => i.json.name)).toEqual(WORKSPACES.map((w) => w.name));
		expect(lastRequest()?.query).toEqual({ page_num: '1', page_size: '3' });

		const byUser = await ws({ resource: 'workspace', operation: 'getAll', returnAll: true, filters: { userId: ALICE, cozeAccountId: ALICE } });
		expect(byUser.items.map((i) => i.json.name)).toEqual(['Marketing']);
		expect(lastRequest()?.query).toMatchObject({ user_id: ALICE, coze_account_id: ALICE });
		const half = await ws({ resource: 'workspace', operation: 'getAll', returnAll: true, filters: { userId: ALICE } });
		expect(half.error?.message).toMatch(/Organization ID go together/);
	});

	it('adds (in batches of 20), lists and removes (in batches of 5) members', async () => {
		const workspaceId = rl(WORKSPACES[0].id);
		const added = await ws({
			resource: 'member',
			operation: 'add',
			workspaceId,
			userIds: `${ALICE}, ${BOB}\n${currentUser.user_id}, 2159999999999999999`,
			role: 'admin',
		});
		expect(added.error).toBeUndefined();
		expect(added.items[0].json).toEqual({
			workspace_id: WORKSPACES[0].id,
			role_type: 'admin',
			added_success_user_ids: [ALICE, BOB],
			invited_success_user_ids: [],
			already_joined_user_ids: [currentUser.user_id],
			already_invited_user_ids: [],
			not_exist_user_ids: ['2159999999999999999'],
			batches: [expect.objectContaining({ user_ids: [ALICE, BOB, currentUser.user_id, '2159999999999999999'] })],
		});
		expect(lastRequest()?.body).toEqual({
			users: [ALICE, BOB, currentUser.user_id, '2159999999999999999'].map((user_id) => ({ user_id, role_type: 'admin' })),
		});

		const members = await ws({ resource: 'member', operation: 'getAll', workspaceId, returnAll: true });
		expect(members.items.map((i) => [i.json.user_id, i.json.role_type])).toEqual([
			[currentUser.user_id, 'owner'],
			[ALICE, 'admin'],
			[BOB, 'admin'],
		]);
		expect(members.items[1].json).toMatchObject({ workspace_id: WORKSPACES[0].id, user_nickname: 'Alice', user_unique_name: 'alice' });
		const one = await ws({ resource: 'member', operation: 'getAll', workspaceId, returnAll: false, limit: 1 });
		expect(one.items).toHaveLength(1);
		expect(lastRequest()?.query).toEqual({ page_num: '1', page_size: '1' });

		const many = Array.from({ length: 23 }, (_, i) => `21600000000000000${String(i).padStart(2, '0')}`);
		await ws({ resource: 'member', operation: 'add', workspaceId, userIds: many.join(',') });
		expect(
			sim.requests
				.filter((r) => r.method === 'POST' && r.path.endsWith('/members'))
				.slice(-2)
				.map((r) => (r.body as { users: unknown[] }).users.length),
		).toEqual([20, 3]);

		const removed = await ws({
			resource: 'member',
			operation: 'remove',
			workspaceId,
			userIds: [ALICE, BOB, CAROL, currentUser.user_id, ...many.slice(0, 3)].join(', '),
		});
		expect(removed.items[0].json).toEqual({
			workspace_id: WORKSPACES[0].id,
			removed_success_user_ids: [ALICE, BOB],
			not_in_workspace_user_ids: [CAROL, ...many.slice(0, 3)],
			owner_not_support_remove_user_ids: [currentUser.user_id],
			batches: [
				expect.objectContaining({ user_ids: [ALICE, BOB, CAROL, currentUser.user_id, many[0]] }),
				expect.objectContaining({ user_ids: many.slice(1, 3) }),
			],
		});
		const deletes = sim.requests.filter((r) => r.method === 'DELETE');
		expect(deletes.map((r) => (r.body as { user_ids: string[] }).user_ids.length)).toEqual([5, 2]);
	});

	it('invites instead of adding on the personal edition', async () => {
		setWorkspaceEdition(sim, 'personal');
		const workspaceId = rl(WORKSPACES[0].id);
		const first = await ws({ resource: 'member', operation: 'add', workspaceId, userIds: ALICE });
		expect(first.items[0].json).toMatchObject({ invited_success_user_ids: [ALICE], added_success_user_ids: [] });
		const second = await ws({ resource: 'member', operation: 'add', workspaceId, userIds: ALICE });
		expect(second.items[0].json).toMatchObject({ already_invited_user_ids: [ALICE] });
	});

	it('reads the current user and duplicates a template into a workspace (a new draft bot)', async () => {
		const me = await ws({ resource: 'user', operation: 'getCurrent' });
		expect(me.items[0].json).toEqual(currentUser);
		expect(lastRequest()).toMatchObject({ method: 'GET', path: '/v1/users/me', query: {} });

		const copy = await ws({
			resource: 'template',
			operation: 'duplicate',
			templateId: TEMPLATES.support,
			workspaceId: rl(WORKSPACES[0].id),
			options: { name: 'My Support Agent' },
		});
		expect(copy.error).toBeUndefined();
		expect(copy.items[0].json).toMatchObject({ template_id: TEMPLATES.support, workspace_id: WORKSPACES[0].id, entity_type: 'agent' });
		expect(lastRequest()?.body).toEqual({ workspace_id: WORKSPACES[0].id, name: 'My Support Agent' });
		const drafts = await harness.run({
			type: 'cozeBot',
			parameters: {
				resource: 'bot',
				operation: 'getAll',
				workspaceId: rl(WORKSPACES[0].id),
				returnAll: true,
				filters: { publishStatus: 'unpublished_draft' },
			},
			credentials: { cozeApi: credential },
		});
		expect(drafts.items.find((i) => i.json.id === copy.items[0].json.entity_id)?.json.name).toBe('My Support Agent');

		const unknown = await ws({ resource: 'template', operation: 'duplicate', templateId: '7470000000000000999', workspaceId: rl(WORKSPACES[0].id) });
		expect(unknown.error?.message).toContain('code 4200');
	});

	it('validates input and keeps going per item with continueOnFail', async () => {
		const cases: Array<[INodeParameters, RegExp]> = [
			[{ resource: 'workspace', operation: 'create', name: ' ', description: 'd' }, /name/],
			[{ resource: 'workspace', operation: 'create', name: 'x'.repeat(51), description: 'd' }, /50 characters/],
			[{ resource: 'workspace', operation: 'update', workspaceId: rl(WORKSPACES[0].id), updateFields: {} }, /Name or Description/],
			[{ resource: 'member', operation: 'add', workspaceId: rl(WORKSPACES[0].id), userIds: ' , ' }, /at least one user ID/],
			[{ resource: 'member', operation: 'remove', workspaceId: rl(''), userIds: ALICE }, /workspace/i],
			[{ resource: 'template', operation: 'duplicate', templateId: 'abc', workspaceId: rl(WORKSPACES[0].id) }, /template ID/],
		];
		for (const [parameters, message] of cases) {
			const { error } = await ws(parameters);
			expect(error?.message).toMatch(message);
		}
		expect(sim.requests).toEqual([]);

		const items = [{ json: { ws: WORKSPACES[0].id } }, { json: { ws: '7359999999999999999' } }];
		const { items: out } = await ws({ resource: 'member', operation: 'getAll', workspaceId: rl('={{ $json.ws }}'), returnAll: true }, items, true);
		expect(out.at(-1)?.json).toMatchObject({ code: 4200 });
		expect(out.at(-1)?.json.logid).toBeTruthy();
		expect(out.at(-1)?.pairedItem).toEqual({ item: 1 });
		expect(out[0].pairedItem).toEqual({ item: 0 });
	});
	it('lists the apps of a workspace as data (Get Many Apps): default published, every status, a channel, a limit', async () => {
		const workspaceId = rl(WORKSPACES[0].id);
		const published = await ws({ resource: 'app', operation: 'getAll', workspaceId, returnAll: true });
		expect(published.error).toBeUndefined();
		expect(published.items.map((i) => i.json.name)).toEqual(['Membership Portal', 'Order Desk']);
		expect(published.items[0].json).toMatchObject({ workspace_id: WORKSPACES[0].id, is_published: true });
		expect(published.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(lastRequest()?.query).toEqual({ workspace_id: WORKSPACES[0].id, page_num: '1', page_size: '20' });

		const all = await ws({ resource: 'app', operation: 'getAll', workspaceId, returnAll: true, options: { publishStatus: 'all' } });
		expect(all.items.map((i) => i.json.id)).toEqual(APP_LIST.map((a) => a.id));
		expect(all.items.at(-1)?.json.is_published).toBe(false);

		const sdk = await ws({ resource: 'app', operation: 'getAll', workspaceId, returnAll: true, options: { connectorId: '999' } });
		expect(sdk.items.map((i) => i.json.name)).toEqual(['Order Desk', 'Web Widget']);
		expect(lastRequest()?.query.connector_id).toBe('999');

		const one = await ws({ resource: 'app', operation: 'getAll', workspaceId, returnAll: false, limit: 1, options: { publishStatus: 'all' } });
		expect(one.items).toHaveLength(1);
		expect(lastRequest()?.query.page_size).toBe('1');
	});
});
