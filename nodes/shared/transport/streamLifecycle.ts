import type { IExecuteFunctions } from 'n8n-workflow';

import { asNodeError, cancelledError, cozeApiError } from '../errors';
import { nodeOf } from '../params';
import { cancelSignalOf, pause } from '../polling';
import type { CozeRequest } from './request';
import { cozeApiStream } from './request';
import type { SseEvent } from './sse';

/** How long a cancelled stream is still read to learn what to cancel at Coze (e.g. a chat whose id has not come yet). */
const CANCEL_GRACE_MS = 3000;

/**
 * The same past the timeout: Coze names a chat in its first event, so a stream that has named nothing by the deadline
 * gets only this much longer (a Timeout of T seconds ends by T + 0.75 s whatever arrives).
 */
const DEADLINE_GRACE_MS = 750;

export interface StreamSession<T> {
	request: CozeRequest;
	/** The whole wait; past it the stream is closed and `onAbandon` runs. */
	timeoutSeconds: number;
	/** The longest silence allowed on the stream (never more than the timeout). */
	idleSeconds: number;
	/** Whether to forward text to n8n live (only when the workflow streams its response). */
	liveStreaming: boolean;
	/** Turns events into the result; calls `onText` for text to forward live. */
	collect: (events: AsyncIterable<SseEvent>, context: { logId?: string; onText: (text: string) => Promise<void> }) => Promise<T>;
	/** Whether what runs at Coze is known well enough to be stopped (e.g. the chat id has arrived). Default: yes. */
	known?: () => boolean;
	/** Stops what still runs at Coze after a failure, timeout or cancel. Called with a request not tied to the cancel. */
	onAbandon?: () => Promise<void>;
	/** The error message past the timeout; `known` says whether what runs at Coze was known (and so was stopped). */
	timeoutMessage: (seconds: number, known: boolean) => string;
}

/**
 * The one stream lifecycle of the package (chats, chat flows, workflow runs and resumes): opens the stream, forwards
 * text live (begin / item / end chunks), enforces the deadline (on its own clock, see cozeApiStream) and the idle
 * limit, and when the execution is
 * cancelled stops reading at once — after reading just long enough to learn what to stop, if it is not known yet —
 * then leaves nothing running at Coze (`onAbandon`, also after a failure or a timeout).
 */
export async function runStream<T>(ctx: IExecuteFunctions, itemIndex: number, session: StreamSession<T>): Promise<T> {
	const node = nodeOf(ctx);
	const live = session.liveStreaming && ctx.isStreaming();
	const known = session.known ?? (() => true);
	const executionSignal = cancelSignalOf(ctx);
	const controller = new AbortController();
	let cancelled = false;
	const onExecutionCancel = () => {
		cancelled = true;
		if (known()) controller.abort();
		else void pause(CANCEL_GRACE_MS, undefined, () => cancelledError(node, itemIndex)).then(() => controller.abort());
	};
	if (executionSignal?.aborted) throw cancelledError(node, itemIndex);
	executionSignal?.addEventListener('abort', onExecutionCancel, { once: true });

	const deadline = Date.now() + session.timeoutSeconds * 1000;
	const timedOut = (logId?: string) => cozeApiError(node, { msg: session.timeoutMessage(session.timeoutSeconds, known()), logId }, itemIndex);
	let logId: string | undefined;
	let close = () => {};
	let begun = false;
	try {
		const stream = await cozeApiStream.call(
			ctx,
			{
				...session.request,
				itemIndex,
				timeoutMs: Math.min(session.idleSeconds, session.timeoutSeconds) * 1000,
				cancelSignal: controller.signal,
				deadlineAt: deadline + DEADLINE_GRACE_MS,
			},
			// The deadline closes the stream itself, whatever still arrives (keep-alive comments, pings, partial events).
			{ deadlineAt: deadline, graceMs: DEADLINE_GRACE_MS, known },
		);
		logId = stream.logId;
		close = stream.close;
		controller.signal.addEventListener('abort', close, { once: true });
		if (live) {
			await ctx.sendChunk('begin', itemIndex);
			begun = true;
		}
		async function* guarded(): AsyncGenerator<SseEvent> {
			for await (const event of stream.events) {
				// Past the deadline an event is still read if what runs at Coze is not known yet: it may name it.
				if (Date.now() > deadline && known()) throw timedOut(logId);
				yield event;
				if (Date.now() > deadline && known()) throw timedOut(logId);
				if (cancelled && known()) throw cancelledError(node, itemIndex);
			}
		}
		return await session.collect(guarded(), {
			logId,
			onText: async (text) => {
				if (live && text) await ctx.sendChunk('item', itemIndex, text);
			},
		});
	} catch (error) {
		close();
		if (session.onAbandon) await session.onAbandon().catch(() => undefined);
		if (cancelled) throw cancelledError(node, itemIndex);
		if (Date.now() >= deadline) throw timedOut(logId);
		throw asNodeError(node, error, itemIndex);
	} finally {
		close();
		executionSignal?.removeEventListener('abort', onExecutionCancel);
		if (begun) await ctx.sendChunk('end', itemIndex);
	}
}
