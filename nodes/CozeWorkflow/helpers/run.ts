import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, cozeApiError } from '../../shared/errors';
import type { CozeRequest } from '../../shared/transport';
import { cozeApiStream } from '../../shared/transport';
import type { StreamedRun } from '../../shared/workflow';
import { collectWorkflowStream, parseWorkflowOutput } from '../../shared/workflow';

export interface StreamOptions {
	timeoutSeconds: number;
	idleTimeoutSeconds: number;
	liveStreaming: boolean;
}

/**
 * Streams a run or resume (SSE) and returns when `Done` arrives. Content chunks go to n8n live when the workflow
 * streams its response. Idle streams, cut streams and runs past the timeout throw NodeApiError.
 */
export async function streamRun(ctx: IExecuteFunctions, request: CozeRequest, options: StreamOptions, itemIndex: number): Promise<StreamedRun> {
	const live = options.liveStreaming && ctx.isStreaming();
	const { events, logId, close } = await cozeApiStream.call(ctx, {
		...request,
		timeoutMs: Math.min(options.idleTimeoutSeconds, options.timeoutSeconds) * 1000,
		itemIndex,
	});
	const deadline = Date.now() + options.timeoutSeconds * 1000;
	if (live) await ctx.sendChunk('begin', itemIndex);
	try {
		return await collectWorkflowStream(
			(async function* () {
				for await (const event of events) {
					if (Date.now() > deadline) {
						throw cozeApiError(ctx.getNode(), { msg: `no result within ${options.timeoutSeconds} s`, logId }, itemIndex);
					}
					yield event;
				}
			})(),
			{
				node: ctx.getNode(),
				itemIndex,
				logId,
				onContent: live ? async (text) => await ctx.sendChunk('item', itemIndex, text) : undefined,
			},
		);
	} catch (error) {
		throw asNodeError(ctx.getNode(), error, itemIndex);
	} finally {
		close();
		if (live) await ctx.sendChunk('end', itemIndex);
	}
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
