import type { INode } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { asNodeError, cancelledError } from './errors';

/** Coze asks clients not to poll faster than once a second. */
export const MIN_POLL_INTERVAL_MS = 1000;

/** The execution's cancel signal, where the context has one (execute functions do; pollers and pickers do not). */
export function cancelSignalOf(ctx: unknown): AbortSignal | undefined {
	const get = (ctx as { getExecutionCancelSignal?: () => AbortSignal | undefined }).getExecutionCancelSignal;
	return typeof get === 'function' ? get.call(ctx) : undefined;
}

/** Waits `ms`, or rejects with `onCancel()` the moment the signal aborts. */
export async function pause(ms: number, signal: AbortSignal | undefined, onCancel: () => Error): Promise<void> {
	if (!signal) return await sleep(ms);
	if (signal.aborted) throw onCancel();
	let listener: (() => void) | undefined;
	const aborted = new Promise<never>((_resolve, reject) => {
		listener = () => reject(onCancel());
		signal.addEventListener('abort', listener, { once: true });
	});
	try {
		await Promise.race([sleep(ms), aborted]);
	} finally {
		signal.removeEventListener('abort', listener as () => void);
	}
}

export interface PollOptions<T> {
	/** One look at the thing being waited for; its requests take `deadlineAt` (CozeRequest) so none outlives the wait. */
	check: (deadlineAt: number) => Promise<T>;
	/** Whether the wait is over. */
	done: (value: T) => boolean;
	/** Between two checks; never below 1 s. */
	intervalMs: number;
	/** The whole wait; the error for running past it comes from `onTimeout`. */
	timeoutMs: number;
	onTimeout: (last: T | undefined) => Error | Promise<Error>;
	itemIndex?: number;
}

/** How early a timer set for the deadline may fire by the wall clock (libuv's clock rounds; seen in CI: 1 ms). */
const DEADLINE_CLOCK_SLACK_MS = 20;

/**
 * The one wait-until loop of the package (chat turns, workflow runs, knowledge documents, the trigger's manual test):
 * checks, then waits at least a second between checks, gives up with `onTimeout` before the deadline would pass (a
 * check's own requests end at the deadline too: their timeouts and retries are cut to it), and stops within the
 * moment the execution is cancelled.
 */
export async function pollUntil<T>(ctx: { getNode(): INode }, options: PollOptions<T>): Promise<T> {
	const signal = cancelSignalOf(ctx);
	const interval = Math.max(MIN_POLL_INTERVAL_MS, options.intervalMs);
	const deadline = Date.now() + options.timeoutMs;
	const cancelled = () => cancelledError(ctx.getNode(), options.itemIndex);
	let last: T | undefined;
	for (;;) {
		if (signal?.aborted) throw cancelled();
		let value: T;
		try {
			value = await options.check(deadline);
		} catch (error) {
			// A look cut short by the deadline is the wait timing out, not a failure of what is waited for. Timers may
			// fire a millisecond or two before the wall clock reaches the deadline they were set for: allow for it.
			if (Date.now() >= deadline - DEADLINE_CLOCK_SLACK_MS && !signal?.aborted) throw await options.onTimeout(last);
			throw asNodeError(ctx.getNode(), error, options.itemIndex);
		}
		last = value;
		if (options.done(value)) return value;
		if (Date.now() + interval > deadline) throw await options.onTimeout(value);
		await pause(interval, signal, cancelled);
	}
}
