import { classifyLookupError, lookupAll } from '../../nodes/CozeWorkflowTrigger/lookups';
import type { Lookup } from '../../nodes/CozeWorkflowTrigger/lookups';
import {
	MAX_PENDING_RUNS,
	REMEMBERED_RUNS,
	RUN_EXPIRY_MS,
	executeIdsOf,
	keptEmitted,
	settle,
	shouldStart,
	toWatch,
} from '../../nodes/CozeWorkflowTrigger/state';

/** The Workflow Trigger's state and lookups without n8n or Coze (issue 17): the engine suites run them for real. */

const NOW = 1_800_000_000_000;
const run = (status: string, extra: Record<string, unknown> = {}): Lookup => ({ kind: 'run', run: { execute_status: status, ...extra } });
const codedError = (code: number, httpStatus = 200) => Object.assign(new Error(`code ${code}`), { errorResponse: { code, httpStatus } });

describe('trigger state (state.ts)', () => {
	it('execute ID lists: split on commas, spaces and lines, de-duplicated', () => {
		expect(executeIdsOf(' 1, 2\n3 2 ,,')).toEqual(['1', '2', '3']);
	});

	it('watch mode follows the list: removed IDs are forgotten, reported ones not looked up again, new ones added', () => {
		const state = { pending: { a: 1, gone: 2 }, emitted: ['done', 'old'] };
		expect(toWatch(state, 'never', ['a', 'done', 'new'], NOW)).toEqual({ pending: { a: 1, new: NOW }, emitted: ['done'] });
		// The start modes keep their own state untouched (copies).
		const copy = toWatch(state, 'whenIdle', [], NOW);
		expect(copy).toEqual({ pending: { a: 1, gone: 2 }, emitted: ['done', 'old'] });
		expect(copy.pending).not.toBe(state.pending);
	});

	it('settle: finished and unknown runs end their watch once; running, failed and skipped ones stay, skipped first', () => {
		const pending = {
			ok: NOW - 1000,
			fail: NOW - 1000,
			running: NOW - 1000,
			unknown: NOW - 1000,
			limited: NOW - 1000,
			skipped: NOW - 1000,
			seen: NOW,
		};
		const results = new Map<string, Lookup>([
			['ok', run('Success')],
			['fail', run('Fail')],
			['running', run('Running')],
			['unknown', { kind: 'gone', error: codedError(4200) }],
			['limited', { kind: 'rateLimited', error: codedError(4013) }],
			['skipped', { kind: 'skipped' }],
			['seen', run('Success')],
		]);
		const settled = settle(pending, ['seen'], results, NOW);
		expect(settled.finished.map((f) => [f.id, f.kind, f.kind === 'run' ? f.succeeded : undefined])).toEqual([
			['ok', 'run', true],
			['fail', 'run', false],
			['unknown', 'gone', undefined],
		]);
		expect(Object.keys(settled.pending)).toEqual(['skipped', 'running', 'limited']);
		expect(settled.emitted).toEqual(['seen', 'ok', 'fail', 'unknown']);
		expect(settled).toMatchObject({ answered: 5, rateLimited: 1, notLookedUp: 1 });
	});

	it('settle: a run still running or unreadable 25 h after it started expires, by Coze create_time where known', () => {
		const long = NOW - RUN_EXPIRY_MS - 1;
		const results = new Map<string, Lookup>([
			['stuck', run('Running', { create_time: Math.floor(long / 1000) - 1 })],
			['unreadable', { kind: 'failed', error: new Error('HTTP 502') }],
			['young', run('Running', { create_time: Math.floor(NOW / 1000) })],
		]);
		const settled = settle({ stuck: NOW - 1000, unreadable: long, young: NOW - 1000 }, [], results, NOW);
		expect(settled.finished.map((f) => [f.id, f.kind])).toEqual([
			['stuck', 'expired'],
			['unreadable', 'expired'],
		]);
		expect(settled.pending).toEqual({ young: NOW - 1000 });
		expect(settled.firstFailure?.message).toBe('HTTP 502');
	});

	it('starting runs: one at a time when idle, each poll below the cap, never in watch mode; reported IDs bounded', () => {
		expect([shouldStart('whenIdle', 0), shouldStart('whenIdle', 1)]).toEqual([true, false]);
		expect([shouldStart('everyPoll', MAX_PENDING_RUNS - 1), shouldStart('everyPoll', MAX_PENDING_RUNS)]).toEqual([true, false]);
		expect(shouldStart('never', 0)).toBe(false);
		const many = Array.from({ length: REMEMBERED_RUNS + 5 }, (_, i) => String(i));
		expect(keptEmitted('everyPoll', many)).toHaveLength(REMEMBERED_RUNS);
		expect(keptEmitted('never', many)).toHaveLength(REMEMBERED_RUNS + 5);
	});
});

describe('trigger lookups (lookups.ts)', () => {
	it('classifies only Coze’s "no such run" as gone; a 404 route or a 5xx stays pending', () => {
		expect(classifyLookupError(codedError(4200))).toBe('gone');
		expect(classifyLookupError(codedError(4000))).toBe('gone');
		expect(classifyLookupError(codedError(4200, 404))).toBe('failed');
		expect(classifyLookupError(codedError(4013))).toBe('rateLimited');
		expect(classifyLookupError(codedError(0, 429))).toBe('rateLimited');
		expect(classifyLookupError(new Error('Coze returned no run 1 for workflow 2'))).toBe('gone');
		expect(classifyLookupError(new Error('socket hang up'))).toBe('failed');
	});

	it('one lookup probes first; the rest run at most `concurrency` at a time', async () => {
		const order: string[] = [];
		let inFlight = 0;
		let peak = 0;
		const ids = Array.from({ length: 9 }, (_, i) => `r${i}`);
		const results = await lookupAll(ids, 3, async (id) => {
			order.push(id);
			inFlight++;
			peak = Math.max(peak, inFlight);
			// The probe answers at once (so the pacing gap stays near 0); the others take long enough to overlap.
			await new Promise((resolve) => setTimeout(resolve, id === 'r0' ? 0 : 50));
			inFlight--;
			return run('Success');
		});
		expect(order[0]).toBe('r0');
		expect(peak).toBe(3);
		expect([...results.keys()]).toEqual(ids);
	});

	it('a rate-limited probe stops the poll: nothing else is sent, the rest are skipped', async () => {
		const asked: string[] = [];
		const results = await lookupAll(['a', 'b', 'c'], 5, async (id) => {
			asked.push(id);
			return { kind: 'rateLimited', error: codedError(4013) };
		});
		expect(asked).toEqual(['a']);
		expect([...results.values()].map((r) => r.kind)).toEqual(['rateLimited', 'skipped', 'skipped']);
	});

	it('past the poll budget no lookup starts', async () => {
		const asked: string[] = [];
		const results = await lookupAll(
			['a', 'b'],
			2,
			async (id) => {
				asked.push(id);
				return run('Success');
			},
			Date.now() - 1,
		);
		expect(asked).toEqual([]);
		expect([...results.values()].map((r) => r.kind)).toEqual(['skipped', 'skipped']);
	});
});
