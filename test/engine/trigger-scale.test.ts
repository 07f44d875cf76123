import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { MAX_PENDING_RUNS, RUN_EXPIRY_MS } from '../../nodes/CozeWorkflowTrigger/CozeWorkflowTrigger.node';
import { CozeWorkflowTrigger } from '../../nodes/CozeWorkflowTrigger/CozeWorkflowTrigger.node';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { setRunHistoryLatency, setWorkflowDuration, workflowsOf } from '../simulator/routes/workflows';
import { WORKFLOWS } from '../simulator/seed';

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const HOUR = 3_600_000;
const RUN_HISTORY = /^\/v1\/workflows\/\d+\/run_histories\/[^/]+$/;

interface State extends IDataObject {
	pending: Record<string, number>;
	emitted: string[];
}
const nodeState = (staticData: IDataObject) => (staticData['node:Node'] ?? {}) as State;
const withState = (state: Partial<State>): IDataObject => ({ 'node:Node': state as IDataObject });
const idsOf = (items: INodeExecutionData[][] | null) => (items?.[0] ?? []).map((item) => String(item.json.execute_id));

describe('Coze Workflow Trigger at scale (n8n-core poll runner against the simulator)', () => {
	let sim: Simulator;
	let harness: Harness;
	let credential: string;

	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		setWorkflowDuration(sim, 200);
		harness = new Harness([new CozeWorkflowTrigger()]);
		credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	const trigger = (parameters: Record<string, unknown> = {}, cred = credential) => ({
		type: 'cozeWorkflowTrigger',
		parameters: { workflowId: rl(WORKFLOWS.slow), parameters: '{"input": "Q3"}', ...parameters },
		credentials: { cozeApi: cred },
	});

	/** Starts `count` async runs at the simulator the way Coze Workflow → Start in Background does. */
	async function startRuns(count: number, workflowId = WORKFLOWS.slow): Promise<string[]> {
		const ids: string[] = [];
		for (let i = 0; i < count; i += 50) {
			const batch = await Promise.all(
				Array.from({ length: Math.min(50, count - i) }, async () => {
					const response = await fetch(`${sim.url}/v1/workflow/run`, {
						method: 'POST',
						headers: { Authorization: `Bearer ${sim.patTokens[0]}`, 'Content-Type': 'application/json' },
						body: JSON.stringify({ workflow_id: workflowId, parameters: { input: 'x' }, is_async: true }),
					});
					return String(((await response.json()) as IDataObject).execute_id);
				}),
			);
			ids.push(...batch);
		}
		return ids;
	}
	const finishAll = () => {
		for (const run of workflowsOf(sim).runs.values()) (run as unknown as { finishAt: number }).finishAt = 0;
	};
	const lookupsOf = (id?: string) => sim.requests.filter((r) => RUN_HISTORY.test(r.path) && (!id || r.path.endsWith(`/${id}`))).length;

	it('1,000 pending runs: bounded concurrent lookups, each run fires exactly once across polls, a failing poll loses nothing', async () => {
		setRunHistoryLatency(sim, 5);
		const finishing = await startRuns(500);
		setWorkflowDuration(sim, 1e9);
		const running = await startRuns(500);
		const now = Date.now();
		let staticData = withState({ pending: Object.fromEntries([...finishing, ...running].map((id) => [id, now])), emitted: [] });
		await new Promise((resolve) => setTimeout(resolve, 250));

		const first = await harness.poll(trigger({ options: { concurrency: 20 } }), staticData);
		expect(new Set(idsOf(first.items))).toEqual(new Set(finishing));
		expect(first.items?.[0].every((item) => item.json.status === 'completed')).toBe(true);
		expect(lookupsOf()).toBe(1000);
		expect(workflowsOf(sim).maxConcurrentLookups).toBeLessThanOrEqual(20);
		expect(workflowsOf(sim).maxConcurrentLookups).toBeGreaterThan(1);
		expect(Object.keys(nodeState(first.staticData).pending).sort()).toEqual([...running].sort());
		expect(workflowsOf(sim).started[WORKFLOWS.slow]).toBe(1000); // When None Is Pending: nothing new while 500 run
		staticData = first.staticData;

		// A poll that fails (the token is revoked: every lookup answers 4100) changes no state.
		finishAll();
		const before = JSON.stringify(staticData);
		const badCredential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: 'pat_revoked_token_123' });
		await expect(harness.poll(trigger({ options: { concurrency: 20 } }, badCredential), staticData)).rejects.toThrow(/4100/);
		expect(JSON.stringify(staticData)).toBe(before);

		const second = await harness.poll(trigger({ options: { concurrency: 20 } }), staticData);
		expect(new Set(idsOf(second.items))).toEqual(new Set(running));
		expect(workflowsOf(sim).started[WORKFLOWS.slow]).toBe(1001); // idle again: one new run
		const third = await harness.poll(trigger({ options: { concurrency: 20 } }), second.staticData);
		expect(third.items).toBeNull();
		const all = [...idsOf(first.items), ...idsOf(second.items)];
		expect(new Set(all).size).toBe(1000);
		expect(nodeState(third.staticData).emitted.length).toBeLessThanOrEqual(200);
	}, 60_000);

	it('watch mode: an unknown execute ID is reported once and the other runs keep firing', async () => {
		const [done] = await startRuns(1);
		setWorkflowDuration(sim, 1e9);
		const [later] = await startRuns(1);
		const unknown = '7599999999999999999';
		const watch = (includeFailed = true) =>
			trigger({ startRuns: 'never', executeIds: `${done}, ${unknown}, not-an-id, ${later}`, options: { includeFailed } });
		await new Promise((resolve) => setTimeout(resolve, 250));

		const first = await harness.poll(watch(), {});
		const byId = Object.fromEntries((first.items?.[0] ?? []).map((item) => [item.json.execute_id, item.json]));
		expect(Object.keys(byId).sort()).toEqual([done, unknown, 'not-an-id'].sort());
		expect(byId[done]).toMatchObject({ status: 'completed', execute_status: 'Success' });
		expect(byId[unknown]).toMatchObject({ status: 'failed', failure: 'not_found', error_code: 4200 });
		expect(String(byId[unknown].error_message)).toMatch(/does not know run 7599999999999999999/);
		expect(nodeState(first.staticData).pending).toEqual({ [later]: expect.any(Number) });

		const quiet = await harness.poll(watch(), first.staticData);
		expect(quiet.items).toBeNull();
		expect(lookupsOf(unknown)).toBe(1);

		finishAll();
		const fired = await harness.poll(watch(), quiet.staticData);
		expect(idsOf(fired.items)).toEqual([later]);
		expect((await harness.poll(watch(), fired.staticData)).items).toBeNull();

		// Include Failed Runs off: the unknown ID is logged, not emitted, and not watched any more either.
		const off = await harness.poll(watch(false), {});
		expect(idsOf(off.items).sort()).toEqual([done, later].sort());
		expect(nodeState(off.staticData).pending).toEqual({});
		expect(lookupsOf(unknown)).toBe(2);
		await harness.poll(watch(false), off.staticData);
		expect(lookupsOf(unknown)).toBe(2);
	});

	it('manual test of watch mode reports an unknown ID instead of failing', async () => {
		const [done] = await startRuns(1);
		await new Promise((resolve) => setTimeout(resolve, 250));
		const { items } = await harness.poll(trigger({ startRuns: 'never', executeIds: `${done},7599999999999999998` }), {}, 'manual');
		expect(items?.[0].map((item) => [item.json.execute_id, item.json.status])).toEqual([
			[done, 'completed'],
			['7599999999999999998', 'failed'],
		]);
	});

	it("a run still Running past Coze's 24 h limit is reported once as expired and does not block When None Is Pending", async () => {
		setWorkflowDuration(sim, 1e9);
		const [stuck] = await startRuns(1);
		const old = Date.now() - RUN_EXPIRY_MS - HOUR;
		const first = await harness.poll(trigger(), withState({ pending: { [stuck]: old }, emitted: [] }));
		expect(first.items?.[0]).toHaveLength(1);
		expect(first.items?.[0][0].json).toMatchObject({ execute_id: stuck, status: 'failed', failure: 'expired', execute_status: 'Running' });
		expect(String(first.items?.[0][0].json.error_message)).toMatch(/24 h/);
		const state = nodeState(first.staticData);
		expect(Object.keys(state.pending)).toHaveLength(1);
		expect(state.pending[stuck]).toBeUndefined(); // replaced by the new run it started
		expect(workflowsOf(sim).started[WORKFLOWS.slow]).toBe(2);
		const next = await harness.poll(trigger(), first.staticData);
		expect(next.items).toBeNull();
		expect(lookupsOf(stuck)).toBe(1);

		// A younger run that is still Running stays watched.
		const young = await harness.poll(trigger(), withState({ pending: { [stuck]: Date.now() - 23 * HOUR }, emitted: [] }));
		expect(young.items).toBeNull();
		expect(nodeState(young.staticData).pending[stuck]).toBeDefined();

		// Include Failed Runs off: expired runs are dropped silently (logged) and a new run starts.
		const off = await harness.poll(trigger({ options: { includeFailed: false } }), withState({ pending: { [stuck]: old }, emitted: [] }));
		expect(off.items).toBeNull();
		expect(nodeState(off.staticData).pending[stuck]).toBeUndefined();
	});

	it('a run whose lookup keeps failing with an unknown code is retried, then expires (Coze Studio answers an unknown ID this way)', async () => {
		const [good] = await startRuns(1);
		setWorkflowDuration(sim, 1e9);
		const [odd] = await startRuns(1);
		await new Promise((resolve) => setTimeout(resolve, 250));
		// Coze Studio: an unknown execute_id fails the space check and answers code 777777775 (see SOURCES.md).
		const studioAnswer = () =>
			sim.addFault({ path: new RegExp(`/run_histories/${odd}$`), fault: { kind: 'envelope', code: 777777775, msg: 'workflow operation failed' } });
		studioAnswer();
		const watch = trigger({ startRuns: 'never', executeIds: `${good},${odd}` });
		const first = await harness.poll(watch, {});
		expect(idsOf(first.items)).toEqual([good]);
		expect(Object.keys(nodeState(first.staticData).pending)).toEqual([odd]);

		// Only that failing lookup left: the poll fails (Coze answered nothing), state unchanged.
		studioAnswer();
		const before = JSON.stringify(first.staticData);
		await expect(harness.poll(watch, first.staticData)).rejects.toThrow(/777777775/);
		expect(JSON.stringify(first.staticData)).toBe(before);

		// 25 h later it is reported as expired, once.
		studioAnswer();
		const aged = withState({ ...nodeState(first.staticData), pending: { [odd]: Date.now() - RUN_EXPIRY_MS - HOUR } });
		const expired = await harness.poll(watch, aged);
		expect(expired.items?.[0][0].json).toMatchObject({ execute_id: odd, status: 'failed', failure: 'expired' });
		expect(String(expired.items?.[0][0].json.error_message)).toMatch(/unreadable .*777777775/);
		expect(nodeState(expired.staticData).pending).toEqual({});
	});

	it('rate-limited lookups neither fail the poll nor lose runs; lookups stop for the poll once retries are used up', async () => {
		const ids = await startRuns(20);
		await new Promise((resolve) => setTimeout(resolve, 250));
		const now = Date.now();
		const staticData = withState({ pending: Object.fromEntries(ids.map((id) => [id, now])), emitted: [] });
		sim.addFault({ path: RUN_HISTORY, times: 1000, fault: { kind: 'rateLimit' } });
		const limited = await harness.poll(trigger({ options: { concurrency: 4 } }), staticData);
		expect(limited.items).toBeNull();
		// Paced lookups: the first one alone is tried 1 + 3 times (the transport's retries), then nothing more this
		// poll; the runs not tried go first next time.
		expect(lookupsOf()).toBe(4);
		const pending = Object.keys(nodeState(limited.staticData).pending);
		expect(new Set(pending)).toEqual(new Set(ids));
		expect(pending[pending.length - 1]).toBe(ids[0]);
		expect(workflowsOf(sim).started[WORKFLOWS.slow]).toBe(20);

		// A short burst of 4013s is absorbed by the transport's retries: every run fires in one poll.
		sim.clearFaults();
		sim.addFault({ path: RUN_HISTORY, times: 3, fault: { kind: 'envelope', code: 4013, msg: 'The requests exceed the limit' } });
		const fired = await harness.poll(trigger({ options: { concurrency: 4 } }), limited.staticData);
		expect(new Set(idsOf(fired.items))).toEqual(new Set(ids));
	}, 30_000);

	it('static data stays bounded: 300 start-and-finish cycles, 1,000 watched IDs, stale pending runs', async () => {
		setWorkflowDuration(sim, 0);
		let staticData: IDataObject = {};
		let fired = 0;
		for (let i = 0; i < 300; i++) {
			const { items, staticData: next } = await harness.poll(trigger(), staticData);
			fired += items?.[0].length ?? 0;
			staticData = next;
		}
		expect(fired).toBe(299);
		const state = nodeState(staticData);
		expect(state.emitted).toHaveLength(200);
		expect(Object.keys(state.pending)).toHaveLength(1);
		expect(JSON.stringify(staticData).length).toBeLessThan(8_000);

		// Watch mode remembers exactly the listed IDs that fired; an ID removed from the list is forgotten.
		const ids = await startRuns(1000);
		const watch = (list: string[]) => trigger({ startRuns: 'never', executeIds: list.join(','), options: { concurrency: 20 } });
		const all = await harness.poll(watch(ids), {});
		expect(all.items?.[0]).toHaveLength(1000);
		expect(nodeState(all.staticData).emitted).toHaveLength(1000);
		const requests = lookupsOf();
		expect((await harness.poll(watch(ids), all.staticData)).items).toBeNull();
		expect(lookupsOf()).toBe(requests); // nothing left to look up
		const shorter = await harness.poll(watch(ids.slice(0, 10)), all.staticData);
		expect(shorter.items).toBeNull();
		expect(nodeState(shorter.staticData).emitted).toEqual(ids.slice(0, 10));

		// On Every Poll never grows pending beyond the cap.
		const many = Object.fromEntries(Array.from({ length: MAX_PENDING_RUNS }, (_, i) => [`75${String(i).padStart(17, '0')}`, Date.now()]));
		sim.addFault({ path: RUN_HISTORY, times: 1e6, fault: { kind: 'rateLimit' } });
		const capped = await harness.poll(trigger({ startRuns: 'everyPoll', options: { concurrency: 1 } }), withState({ pending: many, emitted: [] }));
		expect(capped.items).toBeNull();
		expect(Object.keys(nodeState(capped.staticData).pending)).toHaveLength(MAX_PENDING_RUNS);
	}, 60_000);
});
