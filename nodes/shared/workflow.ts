import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cozeApiError } from './errors';
import { uploadBinaryProperty } from './files';
import { parseJsonShape } from './json';
import { idList, idText } from './params';
import { pollUntil } from './polling';
import { isCozeStudio } from './studio';
import type { CozeContext, CozeRequest } from './transport';
import { cozeApiRequest } from './transport';
import type { SseEvent } from './transport/sse';
import { parseSseData } from './transport/sse';
import { runStream } from './transport/streamLifecycle';

/** Any JSON value an item can hold. */
export type JsonValue = IDataObject[string];

/**
 * Coze returns workflow output as JSON text, sometimes JSON inside JSON (async results:
 * `{"Output": "{\"data\": …}"}`). Parse every level that is JSON; keep text that is not.
 */
export function parseWorkflowOutput(value: unknown, depth = 0): JsonValue {
	if (typeof value === 'string') {
		const trimmed = value.trim();
		if (depth < 3 && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
			try {
				return parseWorkflowOutput(JSON.parse(trimmed), depth + 1);
			} catch {
				return value;
			}
		}
		return value;
	}
	if (Array.isArray(value)) return value.map((entry) => parseWorkflowOutput(entry, depth + 1)) as JsonValue;
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, parseWorkflowOutput(entry, depth + 1)]));
	}
	return value as JsonValue;
}

/** What one streamed run (or resume) produced. */
export interface StreamedRun {
	status: 'completed' | 'interrupted';
	/** Parsed output of the last node that finished (the end node). */
	output: unknown;
	/** Every node message in order, content concatenated per node. */
	messages: IDataObject[];
	interrupt?: IDataObject;
	usage?: IDataObject;
	debug_url?: string;
	execute_id?: string;
	log_id?: string;
}

export interface WorkflowStreamOptions {
	node: INode;
	itemIndex: number;
	logId?: string;
	/** Called with each content chunk as it arrives. */
	onContent?: (text: string) => Promise<void> | void;
}

/**
 * Reads a workflow event stream (Message, Error, Interrupt, Done, PING) until `Done`. Message chunks of one node are
 * concatenated until `node_is_finish`. After an `Interrupt` the stream may end without `Done` (docs
 * workflow_stream_run.md, Interrupt example; Coze Studio's stream handler): that is an interrupted run, not a cut.
 * `Error`, Coze Studio's lowercase `error` event with raw text, and any other end without `Done` throw NodeApiError.
 */
export async function collectWorkflowStream(events: AsyncIterable<SseEvent>, options: WorkflowStreamOptions): Promise<StreamedRun> {
	const { node, itemIndex, logId } = options;
	const messages: IDataObject[] = [];
	let current: IDataObject | undefined;
	let interrupt: IDataObject | undefined;
	let usage: IDataObject | undefined;
	let executeId: string | undefined;

	const result = (debugUrl?: string): StreamedRun => {
		if (current) messages.push(current);
		current = undefined;
		const last = messages[messages.length - 1];
		return {
			status: interrupt ? 'interrupted' : 'completed',
			output: interrupt ? undefined : parseWorkflowOutput(last?.content ?? ''),
			messages,
			interrupt,
			usage,
			debug_url: debugUrl,
			execute_id: executeId,
			log_id: logId,
		};
	};

	for await (const event of events) {
		const data = parseSseData<IDataObject>(event) ?? {};
		switch (event.event) {
			case 'Message': {
				const chunk = typeof data.content === 'string' ? data.content : '';
				if (!current) current = { node_title: data.node_title ?? '', content: '' };
				current.content = `${current.content as string}${chunk}`;
				if (chunk && options.onContent) await options.onContent(chunk);
				if (data.usage) usage = data.usage as IDataObject;
				if (data.execute_id) executeId = String(data.execute_id);
				if (data.node_is_finish !== false) {
					messages.push(current);
					current = undefined;
				}
				break;
			}
			case 'Interrupt':
				interrupt = { ...((data.interrupt_data as IDataObject | undefined) ?? {}), node_title: data.node_title };
				break;
			case 'Error':
			case 'error':
				throw cozeApiError(
					node,
					{
						code: ((data.error_code ?? data.code) as number) ?? undefined,
						msg: `the workflow failed: ${String(data.error_message ?? data.msg ?? (event.data || 'no reason given'))}`,
						logId,
						debugUrl: data.debug_url as string | undefined,
					},
					itemIndex,
				);
			case 'Done':
				return result(data.debug_url as string | undefined);
			default:
				break; // PING heartbeats and unknown events
		}
	}
	if (interrupt) return result();
	throw cozeApiError(node, { msg: 'the workflow stream ended before Done; the result is incomplete', logId }, itemIndex);
}

/**
 * The async run's record (`data[0]`), with output parsed and error_code normalised ("" → 0). Coze reads it at
 * /v1/workflows/{id}/run_histories/{execute_id}; Coze Studio at /v1/workflow/get_run_history?workflow_id&execute_id,
 * whose record says `log_id` / `error_msg` and writes the execute ID as a JSON number (int64, which JavaScript
 * rounds): the record is given Coze's field names and the execute ID asked for.
 */
export async function getRunHistory(
	this: CozeContext,
	workflowId: string,
	executeId: string,
	itemIndex = 0,
	deadlineAt?: number,
): Promise<IDataObject> {
	const studio = await isCozeStudio(this);
	const envelope = await cozeApiRequest.call(
		this,
		studio
			? { method: 'GET', path: '/v1/workflow/get_run_history', qs: { workflow_id: workflowId, execute_id: executeId }, itemIndex, deadlineAt }
			: {
					method: 'GET',
					path: `/v1/workflows/${encodeURIComponent(workflowId)}/run_histories/${encodeURIComponent(executeId)}`,
					itemIndex,
					deadlineAt,
				},
	);
	const data = envelope.data;
	let record = ((Array.isArray(data) ? data[0] : data) ?? {}) as IDataObject;
	if (!record.execute_id && !record.execute_status) {
		throw cozeApiError(this.getNode(), { msg: `Coze returned no run ${executeId} for workflow ${workflowId}` }, itemIndex);
	}
	if (studio) {
		const { log_id: logid, error_msg: errorMessage, ...rest } = record;
		record = { ...rest, execute_id: executeId, logid: rest.logid ?? logid, error_message: rest.error_message ?? errorMessage ?? '' };
	}
	const errorCode = record.error_code === '' || record.error_code === undefined ? 0 : Number(record.error_code);
	return { ...record, error_code: Number.isFinite(errorCode) ? errorCode : record.error_code, output: parseWorkflowOutput(record.output ?? '') };
}

/** The run's failure (Fail, or Coze Studio's Cancel) as a NodeApiError (Coze error code, message, log id, debug URL). */
export function runFailure(node: INode, run: IDataObject, itemIndex: number) {
	return cozeApiError(
		node,
		{
			code: (run.error_code as number) || undefined,
			msg:
				run.execute_status === 'Cancel'
					? `the workflow run ${String(run.execute_id)} was cancelled before it finished (Coze Studio status Cancel)`
					: `the workflow run ${String(run.execute_id)} failed: ${String(run.error_message || 'no reason given')}`,
			logId: run.logid as string | undefined,
			debugUrl: run.debug_url as string | undefined,
		},
		itemIndex,
	);
}

/**
 * Polls an async run (never faster than once a second, cancellable) until it is no longer Running. Returns the
 * record; the caller decides what a `Fail` means. Throws when `timeoutSeconds` pass first (the run keeps going on Coze).
 */
export async function waitForRun(
	this: CozeContext,
	workflowId: string,
	executeId: string,
	options: { timeoutSeconds: number; pollIntervalSeconds: number; itemIndex: number },
): Promise<IDataObject> {
	return await pollUntil(this, {
		check: async (deadlineAt) => await getRunHistory.call(this, workflowId, executeId, options.itemIndex, deadlineAt),
		done: (run) => run.execute_status !== 'Running',
		intervalMs: options.pollIntervalSeconds * 1000,
		timeoutMs: options.timeoutSeconds * 1000,
		onTimeout: () =>
			cozeApiError(
				this.getNode(),
				{ msg: `run ${executeId} was still running after ${options.timeoutSeconds} s (it goes on in Coze; read it later with Get Run)` },
				options.itemIndex,
			),
		itemIndex: options.itemIndex,
	});
}

/**
 * The body of POST /v1/workflow/run and stream_run, shared by Coze Workflow and the trigger: start-node parameters
 * (JSON), bot or app (never both: Coze answers 4000), ext as strings with user_id, and an optional version.
 */
export function workflowRunBody(ctx: { getNode(): INode }, workflowId: string, options: IDataObject, itemIndex = 0): IDataObject {
	const parameters = parseJsonShape(ctx, options.parameters, 'Parameters', itemIndex, 'object', ' of start-node inputs');
	const ext = parseJsonShape(ctx, options.ext, 'Extra', itemIndex, 'object', ' of strings');
	// IDs may come as picker values (resource locators) or as text from older workflows; refused if rounded numbers.
	const botId = idText(ctx, options.botId, 'Bot ID', itemIndex);
	const appId = idText(ctx, options.appId, 'App ID', itemIndex);
	if (appId && botId) {
		throw new NodeOperationError(ctx.getNode(), 'Set either App ID or Bot ID, not both (Coze rejects the pair with 4000)', { itemIndex });
	}
	const body: IDataObject = { workflow_id: workflowId };
	if (Object.keys(parameters).length > 0) body.parameters = parameters;
	if (botId) body.bot_id = botId;
	if (appId) body.app_id = appId;
	const extStrings: IDataObject = Object.fromEntries(Object.entries(ext).map(([key, value]) => [key, String(value)]));
	const userId = idText(ctx, options.userId, 'User ID', itemIndex);
	if (userId) extStrings.user_id = userId;
	if (Object.keys(extStrings).length > 0) body.ext = extStrings;
	const version = idText(ctx, options.workflowVersion, 'Workflow Version', itemIndex);
	if (version) body.workflow_version = version;
	return body;
}

/** How long to wait for a streamed run or resume, and whether to forward its output live. */
export interface RunStreamOptions {
	timeoutSeconds: number;
	idleTimeoutSeconds: number;
	liveStreaming: boolean;
}

/**
 * Streams a run or resume (SSE) through the stream lifecycle and returns at `Done`, or at an `Interrupt` the stream
 * ends with. Content chunks go to n8n live when the workflow streams its response; idle, cut, timed-out and
 * cancelled streams throw (Coze has no API to stop a run, so nothing else is left to do).
 */
export async function streamRun(ctx: IExecuteFunctions, request: CozeRequest, options: RunStreamOptions, itemIndex: number): Promise<StreamedRun> {
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

/**
 * The item for the answer of a run or resume without streaming (POST /v1/workflow/run, /v1/workflows/resume): the
 * output parsed when the run completed, the interrupt when it asks a question.
 */
export function answerRunItem(
	workflowId: string,
	envelope: IDataObject,
	status: 'completed' | 'interrupted' | 'running',
	itemIndex: number,
): INodeExecutionData {
	return runItem(
		workflowId,
		{
			status,
			output: status === 'completed' ? parseWorkflowOutput(envelope.data ?? '') : undefined,
			interrupt: envelope.interrupt_data as IDataObject | undefined,
			execute_id: envelope.execute_id ? String(envelope.execute_id) : undefined,
			debug_url: envelope.debug_url,
			usage: envelope.usage,
		},
		itemIndex,
		false,
	);
}

/** `image=data, doc=attachment` → upload each binary and return {image: '{"file_id":"…"}', …}. */
export async function fileParameters(ctx: IExecuteFunctions, itemIndex: number, spec: string): Promise<IDataObject> {
	const result: IDataObject = {};
	for (const pair of idList(spec)) {
		const [parameter, property] = pair.split('=').map((part) => part.trim());
		if (!parameter || !property) {
			throw new NodeOperationError(ctx.getNode(), `File Inputs: "${pair}" is not parameter=binaryProperty`, { itemIndex });
		}
		const file = await uploadBinaryProperty(ctx, itemIndex, property);
		result[parameter] = JSON.stringify({ file_id: file.id });
	}
	return result;
}

/** How Run waits for a run: stream / sync / async / asyncWait, with its limits. */
export interface RunOptions extends RunStreamOptions {
	pollIntervalSeconds: number;
	/** Add every streamed node message to the item (stream mode). */
	includeMessages: boolean;
}

/**
 * Runs a workflow in one of Run's modes and returns its output item: `stream` (stream_run until Done or an
 * interrupt), `sync` (one /v1/workflow/run request; Coze cuts it at 90 s), `async` (start in background, return the
 * execute_id) or `asyncWait` (start in background, then poll the run history until it ends; anything but Success fails).
 */
export async function runWorkflow(
	ctx: IExecuteFunctions,
	workflowId: string,
	mode: string,
	body: IDataObject,
	options: RunOptions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { timeoutSeconds, idleTimeoutSeconds, pollIntervalSeconds, liveStreaming, includeMessages } = options;
	if (mode === 'stream') {
		const run = await streamRun(
			ctx,
			{ method: 'POST', path: '/v1/workflow/stream_run', body },
			{ timeoutSeconds, idleTimeoutSeconds, liveStreaming },
			itemIndex,
		);
		return [runItem(workflowId, run as unknown as IDataObject, itemIndex, includeMessages)];
	}

	const async = mode === 'async' || mode === 'asyncWait';
	const envelope = await cozeApiRequest.call(ctx, {
		method: 'POST',
		path: '/v1/workflow/run',
		body: async ? { ...body, is_async: true } : body,
		itemIndex,
		// Coze ends sync runs at 90 s; leave room for the answer to arrive.
		timeoutMs: async ? 60_000 : Math.max(timeoutSeconds, 100) * 1000,
	});
	const executeId = envelope.execute_id ? String(envelope.execute_id) : undefined;
	if (mode === 'async') {
		return [runItem(workflowId, { status: 'running', execute_id: executeId, debug_url: envelope.debug_url }, itemIndex, false)];
	}
	if (mode === 'asyncWait') {
		if (!executeId) throw new NodeOperationError(ctx.getNode(), 'Coze started no async run (no execute_id in the answer)', { itemIndex });
		const run = await waitForRun.call(ctx, workflowId, executeId, {
			timeoutSeconds,
			pollIntervalSeconds,
			itemIndex,
		});
		// Anything but Success ends the wait as a failure: Fail, and Coze Studio's Cancel (a run cancelled in its UI).
		if (run.execute_status !== 'Success') throw runFailure(ctx.getNode(), run, itemIndex);
		return [
			runItem(
				workflowId,
				{ status: 'completed', output: run.output, execute_id: executeId, debug_url: run.debug_url, usage: run.usage, log_id: run.logid },
				itemIndex,
				false,
			),
		];
	}
	return [answerRunItem(workflowId, envelope, envelope.interrupt_data ? 'interrupted' : 'completed', itemIndex)];
}
