import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { codesOf } from '../shared/errors';
import { boundedPool } from '../shared/items';

/** Run-history lookups in flight at once by default (Options → Concurrency). */
export const DEFAULT_LOOKUP_CONCURRENCY = 10;

/**
 * How long one scheduled poll may spend looking up runs (n8n polls at most once a minute): each lookup's timeout and
 * retries end by then, and lookups not started by then go first on the next poll.
 */
export const POLL_BUDGET_MS = 45_000;

/** Longest first-lookup time used for pacing (a slow first answer must not hold the other workers back long). */
const MAX_PACING_MS = 2000;

/** What one run-history lookup gave. */
export type Lookup =
	| { kind: 'run'; run: IDataObject }
	/** Coze does not know the run (4200 not found, 4000 invalid execute_id, an empty answer). */
	| { kind: 'gone'; error: Error }
	/** Still rate limited after the transport's retries: try again next poll. */
	| { kind: 'rateLimited'; error: Error }
	/** Any other failure (auth, 5xx, network…): try again next poll. */
	| { kind: 'failed'; error: Error }
	/** Not looked up this poll (a lookup before it was rate limited, or the poll's budget ran out). */
	| { kind: 'skipped' };

/** Classifies a failed lookup. Only Coze's own answer "no such run" drops a run; everything else is retried later. */
export function classifyLookupError(error: unknown): Lookup['kind'] {
	const { code, httpStatus } = codesOf(error);
	if (code === 4013 || httpStatus === 429) return 'rateLimited';
	// Business errors come with HTTP 200 (an unknown route answers 404: a wrong base URL must not drop runs).
	if ((code === 4200 || code === 4000) && (httpStatus === undefined || httpStatus < 400)) return 'gone';
	if (/Coze returned no run /.test((error as Error)?.message ?? '')) return 'gone';
	return 'failed';
}

/**
 * Runs `lookup` for every ID with at most `concurrency` in flight (the package's one bounded pool). Once a lookup is
 * still rate limited after the transport's retries, no new lookups start this poll (the rest are `skipped`; Coze asks
 * us to slow down); past `deadlineAt` neither.
 *
 * One lookup goes first as a probe: if Coze rate-limits it even after the retries, nothing else is sent this poll.
 * Once it answers (after L ms) the other workers start L / concurrency ms apart instead of all at once, so Coze
 * sees an even request rate rather than bursts of `concurrency` simultaneous lookups.
 */
export async function lookupAll(
	ids: string[],
	concurrency: number,
	lookup: (id: string) => Promise<Lookup>,
	deadlineAt = Number.POSITIVE_INFINITY,
): Promise<Map<string, Lookup>> {
	const results = new Map<string, Lookup>();
	let stop = false;
	const stopped = () => stop || Date.now() >= deadlineAt;
	const lookupOne = async (id: string) => {
		const result = await lookup(id);
		if (result.kind === 'rateLimited') stop = true;
		results.set(id, result);
	};
	if (ids.length > 0 && !stopped()) {
		const startedAt = Date.now();
		await lookupOne(ids[0]);
		const workers = Math.max(1, Math.min(concurrency, ids.length));
		const gap = Math.min(Date.now() - startedAt, MAX_PACING_MS) / workers;
		const rest = ids.slice(1);
		await boundedPool(rest.length, concurrency, async (index) => await lookupOne(rest[index]), {
			stop: stopped,
			start: async (worker) => {
				if (worker > 0 && gap >= 1) await sleep(Math.round(worker * gap));
			},
		});
	}
	for (const id of ids) if (!results.has(id)) results.set(id, { kind: 'skipped' });
	return results;
}
