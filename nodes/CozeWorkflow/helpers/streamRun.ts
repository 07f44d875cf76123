import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runStream } from '../../shared/transport/streamLifecycle';
import type { CozeRequest } from '../../shared/transport';
import type { StreamedRun } from '../../shared/workflow';
import { collectWorkflowStream, parseWorkflowOutput } from '../../shared/workflow';

export interface StreamOptions {
	timeoutSeconds: number;
	idleTimeoutSeconds: number;
	liveStreaming: boolean;
}

/**
 * Streams a run or resume (SSE) through the stream lifecycle and returns at `Done`, or at an `Interrupt` the stream
 * ends with. Content chunks go to n8n live when the workflow streams its response; idle, cut, timed-out and
 * cancelled streams throw (Coze has no API to stop a run, so nothing else is left to do).
 */
export async function streamRun(ctx: IExecuteFunctions, request: CozeRequest, options: StreamOptions, itemIndex: number): Promise<StreamedRun> {
	return await runStream(ctx, itemIndex, {
		request,
		timeoutSeconds: options.timeoutSeconds,
		idleSeconds: options.idleTimeoutSeconds,
		liveStreaming: options.liveStreaming,
		collect: async (events, { logId, onText }) => await collectWorkflowStream(events, { node: ctx.getNode(), itemIndex, logId, onContent: onText }),
		timeoutMessage: (seconds) => `no result within ${seconds} s (Coze has no API to stop a run: it may still finish there)`,
	});
}

/** The question of an interrupt, readable: `interrupt_data.data` is JSON text like {"content_type":"text","content":"…"}. */
function questionOf(interrupt: IDataObject): unknown {
	const data = parseWorkflowOutput(interrupt.data ?? '');
	return data && typeof data === 'object' && 'content' in (data as IDataObject) ? (data as IDataObject).content : data;
}

/** One output item for a finished or interrupted run. */
export function runItem(workflowId: string, run: IDataObject, itemIndex: number, includeMessages: boolean): INodeExecutionData {
	const json: IDataObject = { workflow_id: workflowId, ...run };
	const interrupt = run.interrupt as IDataObject | undefined;
	if (interrupt) {
		json.event_id = interrupt.event_id;
		json.interrupt_type = interrupt.type;
		json.question = questionOf(interrupt) as IDataObject[keyof IDataObject];
	}
	if (!includeMessages) delete json.messages;
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	return { json, pairedItem: { item: itemIndex } };
}
