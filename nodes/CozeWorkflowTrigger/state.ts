import type { IDataObject } from 'n8n-workflow';

import { idList } from '../shared/params';
import type { Lookup } from './lookups';

/**
 * What the trigger remembers between polls (n8n's static data for the node), and the pure step from one poll's
 * lookups to what fires and what is still watched. Nothing here talks to Coze or n8n: the node class reads the
 * state, runs the lookups (lookups.ts) and writes back what `settle` returns.
 */

/** How many finished execute IDs the start modes remember (a guard; a finished run leaves `pending` at once). */
export const REMEMBERED_RUNS = 200;

/**
 * Coze ends an async run after 24 h ("开启工作流异步运行后，工作流整体超时时间为 24 小时", test/coze-reference/docs/
 * workflow_run.md, 限制说明 → 超时时间). A run still Running (or unreadable) an hour after that will not finish: it is
 * reported once as expired and no longer watched. The hour covers clock skew between Coze and n8n.
 */
export const RUN_EXPIRY_MS = 25 * 60 * 60 * 1000;

/**
 * "On Every Poll" starts a run per poll; n8n polls at most once a minute and runs expire after 25 h, so pending stays
 * under ~1,500 IDs. This cap keeps static data bounded even if lookups keep failing: no new run starts above it.
 */
export const MAX_PENDING_RUNS = 5000;

export type StartRuns = 'whenIdle' | 'everyPoll' | 'never';

export interface TriggerState {
	/** execute_id → when the trigger started (or first watched) it, ms since epoch. */
	pending?: Record<string, number>;
	/** Finished IDs: in watch mode the listed IDs already reported (pruned to the list); otherwise the last 200. */
	emitted?: string[];
}

/** A run that ends its watch: what to report, and whether it succeeded (failed ones fire only with Include Failed). */
export type Finished =
	| { id: string; kind: 'run'; run: IDataObject; succeeded: boolean }
	| { id: string; kind: 'gone'; error: Error }
	| { id: string; kind: 'expired'; startedAt: number; run?: IDataObject; error?: unknown };

/** Unique execute IDs of a comma / space / newline separated list (or a list from an expression). */
export function executeIdsOf(value: unknown): string[] {
	const list = Array.isArray(value) ? value : String(value ?? '').replace(/\s+/g, ',');
	return [...new Set(idList(list))];
}

/**
 * The runs to look up this poll, from a copy of the state: in watch mode exactly the listed IDs (an ID removed from the
 * list is forgotten, one already reported is not looked up again).
 */
export function toWatch(
	state: TriggerState,
	startRuns: StartRuns,
	listed: string[],
	now: number,
): { pending: Record<string, number>; emitted: string[] } {
	let pending: Record<string, number> = { ...(state.pending ?? {}) };
	let emitted = [...(state.emitted ?? [])];
	if (startRuns === 'never') {
		const inList = new Set(listed);
		emitted = emitted.filter((id) => inList.has(id));
		const done = new Set(emitted);
		pending = Object.fromEntries(Object.entries(pending).filter(([id]) => inList.has(id)));
		for (const id of listed) if (!done.has(id) && pending[id] === undefined) pending[id] = now;
	}
	return { pending, emitted };
}

export interface Settled {
	/** Runs whose watch ends this poll, in the order they were looked up. */
	finished: Finished[];
	/** The next poll's pending runs: the ones not looked up first, so a rate limit never starves the same runs. */
	pending: Record<string, number>;
	emitted: string[];
	/** Lookups Coze answered (a run or "no such run"). */
	answered: number;
	rateLimited: number;
	notLookedUp: number;
	firstFailure?: Error;
}

/** One poll's lookups → what fires and what stays pending. Pure: same input, same answer. */
export function settle(pending: Record<string, number>, emitted: string[], results: Map<string, Lookup>, now: number): Settled {
	const finished: Finished[] = [];
	const emittedNow = [...emitted];
	const emittedSet = new Set(emitted);
	const notLookedUp: Record<string, number> = {};
	const stillPending: Record<string, number> = {};
	let answered = 0;
	let rateLimited = 0;
	let firstFailure: Error | undefined;
	const finish = (entry: Finished) => {
		if (emittedSet.has(entry.id)) return;
		emittedSet.add(entry.id);
		emittedNow.push(entry.id);
		finished.push(entry);
	};
	for (const [id, since] of Object.entries(pending)) {
		const result = results.get(id) ?? ({ kind: 'skipped' } as Lookup);
		if (result.kind === 'run') {
			answered++;
			const { run } = result;
			if (run.execute_status !== 'Running') {
				finish({ id, kind: 'run', run, succeeded: run.execute_status === 'Success' });
				continue;
			}
			const created = Number(run.create_time) * 1000;
			const startedAt = created > 0 ? Math.min(since, created) : since;
			if (now - startedAt > RUN_EXPIRY_MS) finish({ id, kind: 'expired', startedAt, run });
			else stillPending[id] = since;
			continue;
		}
		if (result.kind === 'gone') {
			answered++;
			finish({ id, kind: 'gone', error: result.error });
			continue;
		}
		if (result.kind === 'rateLimited') rateLimited++;
		if (result.kind === 'failed') firstFailure ??= result.error;
		if (now - since > RUN_EXPIRY_MS)
			finish({ id, kind: 'expired', startedAt: since, error: result.kind === 'skipped' ? 'not looked up' : result.error });
		else if (result.kind === 'skipped') notLookedUp[id] = since;
		else stillPending[id] = since;
	}
	return {
		finished,
		pending: { ...notLookedUp, ...stillPending },
		emitted: emittedNow,
		answered,
		rateLimited,
		notLookedUp: Object.keys(notLookedUp).length,
		firstFailure,
	};
}

/** Whether this poll starts a run: one at a time (When None Is Pending), or each poll below the cap (On Every Poll). */
export function shouldStart(startRuns: StartRuns, pendingCount: number): boolean {
	return (startRuns === 'everyPoll' && pendingCount < MAX_PENDING_RUNS) || (startRuns === 'whenIdle' && pendingCount === 0);
}

/** What is kept of the reported IDs: the watch list's own (bounded by the list), else the last REMEMBERED_RUNS. */
export function keptEmitted(startRuns: StartRuns, emitted: string[]): string[] {
	return startRuns === 'never' ? emitted : emitted.slice(-REMEMBERED_RUNS);
}
