import type { RouteContext, Simulator, SseWriter } from '../index';
import { cozeId } from '../ids';
import { chatState } from './chat';
import { WORKFLOW_LIST, WORKFLOW_VERSIONS, WORKFLOWS, WORKSPACES, workflowIoOf } from '../seed';

/**
 * Workflows (docs/workflow_run.md, workflow_stream_run.md, workflow_resume.md, resume_workflow.md,
 * workflow_history.md, get_workflow_list.md, get_workflow_info.md, list_workflow_version.md,
 * get_node_execute_history_response.md). Seeded workflows (seed.ts WORKFLOWS):
 * echo → {"output": parameters.input}; slow → same after `slowMs`; failing → error 6001; question → interrupts with
 * "Which city?" and answers "Weather in <answer>: sunny"; streamOnly → output node, stream only; bigOutput → async
 * output trimmed, readable through execute_nodes; draft → 4200 not published.
 */

interface Run {
	executeId: string;
	workflowId: string;
	mode: 0 | 1 | 2;
	status: 'Running' | 'Success' | 'Fail' | 'Cancel';
	createdAt: number;
	finishAt: number;
	output: string;
	errorCode: number | '';
	errorMessage: string;
	connectorUid: string;
	logid: string;
	trimmed: boolean;
}

interface Interruption {
	workflowId: string;
	resumes: number;
	used: boolean;
	async: boolean;
}

interface WorkflowState {
	runs: Map<string, Run>;
	interrupts: Map<string, Interruption>;
	slowMs: number;
	started: Record<string, number>;
	/** Also send `Done` after `Interrupt` on streamed runs (default false: the stream just closes). */
	doneAfterInterrupt: boolean;
	/** Delay of each run-history answer, ms (benchmarks: a remote Coze takes tens of ms per lookup). */
	lookupLatencyMs: number;
	lookups: number;
	lookupsInFlight: number;
	maxConcurrentLookups: number;
}

export const workflowsOf = (sim: Simulator) =>
	sim.state<WorkflowState>('workflows', () => ({
		runs: new Map(),
		interrupts: new Map(),
		slowMs: Number(process.env.SIM_WORKFLOW_MS ?? 1500),
		started: {},
		doneAfterInterrupt: false,
		lookupLatencyMs: Number(process.env.SIM_RUN_HISTORY_LATENCY_MS ?? 0),
		lookups: 0,
		lookupsInFlight: 0,
		maxConcurrentLookups: 0,
	}));

/**
 * After `Interrupt`, a streamed run (stream_run / stream_resume) ends without `Done` by default: the Interrupt example
 * of docs/workflow_stream_run.md stops there, and Coze Studio (backend/application/workflow/workflow.go
 * convertStreamRunEvent) emits Done only for WorkflowSuccess, Interrupt for WorkflowInterrupted, then closes the stream
 * (backend/api/handler/coze/workflow_service.go sendStreamRunSSE). Switch this on to also send Done after Interrupt.
 */
export function setDoneAfterInterrupt(sim: Simulator, on: boolean) {
	workflowsOf(sim).doneAfterInterrupt = on;
}

/** Latency of GET …/run_histories/{execute_id}, ms (the CLI reads SIM_RUN_HISTORY_LATENCY_MS). */
export function setRunHistoryLatency(sim: Simulator, ms: number) {
	workflowsOf(sim).lookupLatencyMs = ms;
}

/** How long the slow workflow (and every async run) takes, ms. */
export function setWorkflowDuration(sim: Simulator, ms: number) {
	workflowsOf(sim).slowMs = ms;
}

const usage = { input_count: 12, output_count: 8, token_count: 20 };
const debugUrl = (workflowId: string, executeId: string) =>
	`https://www.coze.cn/work_flow?execute_id=${executeId}&space_id=${WORKSPACES[0].id}&workflow_id=${workflowId}`;
const QUESTION = JSON.stringify({ content_type: 'text', content: 'Which city?' });

function check(ctx: RouteContext, body: Record<string, unknown>): string | undefined {
	const workflowId = String(body.workflow_id ?? '');
	const workflow = WORKFLOW_LIST.find((w) => w.id === workflowId);
	if (!workflow) return void ctx.error(4200, `workflow ${workflowId} not found`);
	if (!workflow.published) return void ctx.error(4200, 'The workflow is not published; publish it before calling the API');
	if (body.bot_id && body.app_id) return void ctx.error(4000, 'bot_id and app_id cannot be set at the same time');
	if (body.parameters !== undefined && (typeof body.parameters !== 'object' || Array.isArray(body.parameters))) {
		return void ctx.error(4000, 'parameters must be an object');
	}
	return workflowId;
}

function outputOf(workflowId: string, parameters: Record<string, unknown> | undefined): string {
	const input = parameters?.input ?? '';
	if (workflowId === WORKFLOWS.slow) return JSON.stringify({ output: `report for ${String(input)}` });
	if (workflowId === WORKFLOWS.typed) {
		// The end node returns its declared variables (seed.ts TYPED_V2): `note` is text that holds JSON (as an LLM node's
		// answer often does), `received` an object.
		const count = Number(parameters?.count ?? 0);
		const price = Number(parameters?.price ?? 9.5);
		const note = JSON.stringify({ rush: parameters?.rush === true });
		return JSON.stringify({ report: `${count} for ${String(parameters?.customer ?? '')}`, note, total: count * price, received: parameters ?? {} });
	}
	return JSON.stringify({ output: input });
}

function startRun(sim: Simulator, workflowId: string, body: Record<string, unknown>, mode: 0 | 1 | 2): Run {
	const state = workflowsOf(sim);
	const now = Date.now();
	const failing = workflowId === WORKFLOWS.failing;
	const run: Run = {
		executeId: cozeId(),
		workflowId,
		mode,
		status: 'Running',
		createdAt: now,
		finishAt: now + (mode === 2 || workflowId === WORKFLOWS.slow ? state.slowMs : 0),
		output: failing ? '' : outputOf(workflowId, body.parameters as Record<string, unknown>),
		errorCode: failing ? 6001 : '',
		errorMessage: failing ? 'Node "Code" failed: division by zero' : '',
		connectorUid: String((body.ext as Record<string, string> | undefined)?.user_id ?? '2150000000000000001'),
		logid: cozeId(),
		trimmed: workflowId === WORKFLOWS.bigOutput,
	};
	state.runs.set(run.executeId, run);
	state.started[workflowId] = (state.started[workflowId] ?? 0) + 1;
	return run;
}

/**
 * A run cancelled in Coze Studio's web UI (POST /api/workflow_api/cancel, session-authenticated: coze-studio
 * backend/api/router/coze/api.go); its run history then says `Cancel` (backend/api/model/workflow/workflow.go
 * WorkflowExeStatus_Cancel). Coze's docs list no cancelled status for run_histories.
 */
export function cancelRun(sim: Simulator, executeId: string) {
	const run = workflowsOf(sim).runs.get(executeId);
	if (run && run.status === 'Running') run.status = 'Cancel';
}

function refresh(run: Run): Run {
	if (run.status === 'Running' && Date.now() >= run.finishAt) run.status = run.errorCode ? 'Fail' : 'Success';
	return run;
}

async function streamEvents(sim: Simulator, out: SseWriter, run: Run, answer?: string) {
	const state = workflowsOf(sim);
	let id = 0;
	const send = async (name: string, data: unknown) => await out.event(name, data, { id: id++, style: 'workflow' });
	if (run.workflowId === WORKFLOWS.failing) {
		await send('Error', { error_code: 6001, error_message: run.errorMessage });
		return out.end();
	}
	if (run.workflowId === WORKFLOWS.question && answer === undefined) {
		const eventId = `${run.executeId}/${cozeId()}`;
		state.interrupts.set(eventId, { workflowId: run.workflowId, resumes: 0, used: false, async: false });
		await send('Message', { content: 'Which city?', node_title: 'Question', node_seq_id: '0', node_is_finish: true });
		await send('Interrupt', { interrupt_data: { event_id: eventId, type: 2, data: QUESTION }, node_title: 'Question' });
		if (state.doneAfterInterrupt) await send('Done', { debug_url: debugUrl(run.workflowId, run.executeId) });
		return out.end();
	}
	if (run.workflowId === WORKFLOWS.streamOnly) {
		for (const [seq, chunk] of ['Once ', 'upon ', 'a time'].entries()) {
			await send('Message', { content: chunk, node_title: 'Story', node_seq_id: String(seq), node_is_finish: seq === 2 });
		}
		await send('PING', {});
	}
	if (run.workflowId === WORKFLOWS.slow) await new Promise((resolve) => setTimeout(resolve, state.slowMs));
	const output = answer !== undefined ? JSON.stringify({ output: `Weather in ${answer}: sunny` }) : run.output;
	await send('Message', { content: output, node_title: 'End', node_seq_id: '0', node_is_finish: true, usage, content_type: 'text' });
	await send('Done', { debug_url: debugUrl(run.workflowId, run.executeId) });
	out.end();
}

export function registerWorkflowRoutes(sim: Simulator) {
	sim.route('POST', '/v1/workflow/run', async (ctx) => {
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const workflowId = check(ctx, body);
		if (!workflowId) return;
		if (workflowId === WORKFLOWS.streamOnly) {
			return ctx.error(4000, 'The workflow contains an output node or a streaming end node; call /v1/workflow/stream_run instead');
		}
		const async = body.is_async === true;
		const run = startRun(sim, workflowId, body, async ? 2 : 0);
		if (async) return ctx.json('', { execute_id: run.executeId, debug_url: debugUrl(workflowId, run.executeId) });
		if (workflowId === WORKFLOWS.question) {
			const eventId = `${run.executeId}/${cozeId()}`;
			workflowsOf(sim).interrupts.set(eventId, { workflowId, resumes: 0, used: false, async: false });
			return ctx.json('', { interrupt_data: { event_id: eventId, type: 2, data: QUESTION }, execute_id: run.executeId, usage });
		}
		if (run.finishAt > Date.now()) await new Promise((resolve) => setTimeout(resolve, run.finishAt - Date.now()));
		refresh(run);
		if (run.status === 'Fail') return ctx.error(Number(run.errorCode), run.errorMessage);
		ctx.json(run.output, { execute_id: run.executeId, debug_url: debugUrl(workflowId, run.executeId), usage, token: 20, cost: '0' });
	});

	sim.route('POST', '/v1/workflow/stream_run', async (ctx) => {
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const workflowId = check(ctx, body);
		if (!workflowId) return;
		const run = startRun(sim, workflowId, body, 1);
		await streamEvents(sim, ctx.sse(), run);
		refresh(run);
	});

	const takeInterrupt = (ctx: RouteContext): Interruption | undefined => {
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const interruption = workflowsOf(sim).interrupts.get(String(body.event_id ?? ''));
		if (!interruption || interruption.workflowId !== body.workflow_id) return void ctx.error(4000, 'event_id not found for this workflow');
		if (interruption.used) return void ctx.error(4000, 'this interrupt was already answered');
		if (Number(body.interrupt_type) !== 2) return void ctx.error(4000, 'interrupt_type does not match the interrupt');
		interruption.used = true;
		interruption.resumes++;
		return interruption;
	};

	sim.route('POST', '/v1/workflow/stream_resume', async (ctx) => {
		const interruption = takeInterrupt(ctx);
		if (!interruption) return;
		const body = ctx.req.body as Record<string, unknown>;
		const run = startRun(sim, interruption.workflowId, {}, 1);
		await streamEvents(sim, ctx.sse(), run, String(body.resume_data ?? ''));
	});

	sim.route('POST', '/v1/workflows/resume', (ctx) => {
		const interruption = takeInterrupt(ctx);
		if (!interruption) return;
		const body = ctx.req.body as Record<string, unknown>;
		const run = startRun(sim, interruption.workflowId, {}, 0);
		run.output = JSON.stringify({ output: `Weather in ${String(body.resume_data)}: sunny` });
		ctx.json(run.output, { execute_id: run.executeId, debug_url: debugUrl(run.workflowId, run.executeId), usage });
	});

	sim.route('GET', '/v1/workflows/{workflow_id}/run_histories/{execute_id}', async (ctx) => {
		const state = workflowsOf(sim);
		state.lookups++;
		state.maxConcurrentLookups = Math.max(state.maxConcurrentLookups, ++state.lookupsInFlight);
		try {
			if (state.lookupLatencyMs > 0) await new Promise((resolve) => setTimeout(resolve, state.lookupLatencyMs));
		} finally {
			state.lookupsInFlight--;
		}
		const run = state.runs.get(ctx.params.execute_id);
		// Unknown execute_id: 4200 (docs' not-found code); Coze Studio answers 777777775 instead (SOURCES.md).
		if (!run || run.workflowId !== ctx.params.workflow_id) return ctx.error(4200, `execute_id ${ctx.params.execute_id} not found`);
		refresh(run);
		const done = run.status !== 'Running';
		const nodeUuid = `${run.executeId}-output`;
		ctx.json([
			{
				execute_id: run.executeId,
				execute_status: run.status,
				bot_id: '0',
				connector_id: '1024',
				connector_uid: run.connectorUid,
				run_mode: run.mode,
				logid: run.logid,
				create_time: Math.floor(run.createdAt / 1000),
				update_time: Math.floor(Date.now() / 1000),
				output: run.status === 'Success' && !run.trimmed ? JSON.stringify({ Output: run.output }) : '',
				error_code: run.status === 'Fail' ? run.errorCode : '',
				error_message: run.status === 'Fail' ? run.errorMessage : '',
				debug_url: debugUrl(run.workflowId, run.executeId),
				is_output_trimmed: done && run.trimmed,
				node_execute_status: run.trimmed
					? { output_1: { node_id: 'output_1', is_finish: done, update_time: Math.floor(Date.now() / 1000), node_execute_uuid: nodeUuid } }
					: {},
				usage: done ? usage : { input_count: 0, output_count: 0, token_count: 0 },
				token: '0',
				cost: '0.00000',
			},
		]);
	});

	/**
	 * Coze Studio's run history (studio profile only): GET /v1/workflow/get_run_history?workflow_id=&execute_id=
	 * (coze-studio 4f786d6a9: backend/api/router/coze/api.go; handler backend/api/handler/coze/workflow_service.go
	 * OpenAPIGetWorkflowRunHistory; answer built by backend/application/workflow/workflow.go
	 * OpenAPIGetWorkflowRunHistory, types backend/api/model/workflow/workflow.go GetWorkflowRunHistoryResponse /
	 * WorkflowExecuteHistory). Differences from Coze's run_histories answer: no `code` on success (omitempty, never
	 * set) but `BaseResp`; `execute_id`, `bot_id`, `connector_id`, `token` are JSON numbers (int64: an execute ID
	 * beyond 2^53 loses digits in JavaScript); `log_id` (not `logid`); `error_msg` (not `error_message`); status may
	 * also be `Cancel`; no `is_output_trimmed`, `node_execute_status` or `usage`; `output` is the end node's output
	 * marshalled as JSON text (backend/domain/workflow/internal/execute/event_handle.go), not wrapped in `Output`.
	 * A missing workflow_id fails binding: HTTP 400 `{code:400,msg}` (handler/coze/base.go invalidParamRequestResponse).
	 * An unknown execute_id: the WorkflowError's OpenAPI code, HTTP 200 (777777775 here, as noted in SOURCES.md).
	 */
	if (sim.profile === 'studio') {
		sim.route('GET', '/v1/workflow/get_run_history', (ctx) => {
			const { workflow_id: workflowId, execute_id: executeId } = ctx.req.query;
			if (!workflowId) return ctx.raw(400, { code: 400, msg: "'workflow_id' field is a 'required' parameter, but the request does not have it" });
			const run = workflowsOf(sim).runs.get(String(executeId ?? ''));
			if (!run || run.workflowId !== workflowId) return ctx.raw(200, { code: 777777775, msg: 'workflow execution not found' });
			refresh(run);
			const record = {
				execute_id: '__EXECUTE_ID__',
				execute_status: run.status,
				bot_id: 0,
				connector_id: 1024,
				connector_uid: run.connectorUid,
				run_mode: run.mode,
				log_id: run.logid,
				create_time: Math.floor(run.createdAt / 1000),
				update_time: Math.floor(Date.now() / 1000),
				debug_url: debugUrl(run.workflowId, run.executeId),
				input: '{}',
				output: run.status === 'Success' ? run.output : '',
				token: 0,
				cost: '0.00000',
				error_code: run.status === 'Fail' ? String(run.errorCode) : '',
				error_msg: run.status === 'Fail' ? run.errorMessage : '',
			};
			// int64 IDs are written as bare JSON numbers, as Go's encoder does.
			const text = JSON.stringify({ data: [record], BaseResp: { StatusMessage: '', StatusCode: 0 } }).replace('"__EXECUTE_ID__"', run.executeId);
			ctx.raw(200, text, { 'Content-Type': 'application/json; charset=utf-8' });
		});
	}

	sim.route('GET', '/v1/workflows/{workflow_id}/run_histories/{execute_id}/execute_nodes/{node_execute_uuid}', (ctx) => {
		const run = workflowsOf(sim).runs.get(ctx.params.execute_id);
		if (!run || ctx.params.node_execute_uuid !== `${run.executeId}-output`) return ctx.error(4200, 'node execution not found');
		refresh(run);
		ctx.json({ is_finish: run.status !== 'Running', node_output: JSON.stringify({ rows: 100000, sample: 'row-1' }) });
	});

	const basic = (w: (typeof WORKFLOW_LIST)[number]) => ({
		workflow_id: w.id,
		workflow_name: w.name,
		description: w.description,
		icon_url: 'https://example.invalid/workflow.png',
		app_id: '0',
		created_at: 1718000000,
		updated_at: 1718000000,
		creator: { id: '2150000000000000001', name: 'Owner' },
	});

	sim.route('GET', '/v1/workflows', (ctx) => {
		const { workspace_id: workspaceId, publish_status: status = 'published_online', workflow_mode: mode = 'workflow' } = ctx.req.query;
		if (!WORKSPACES.some((w) => w.id === workspaceId)) return ctx.error(4000, `workspace ${workspaceId} not found`);
		const size = Math.min(30, Math.max(1, Number(ctx.req.query.page_size ?? 10) || 10));
		const page = Math.max(1, Number(ctx.req.query.page_num ?? 1) || 1);
		const list = WORKFLOW_LIST.filter((w) => w.workspace_id === workspaceId && w.mode === mode).filter((w) =>
			status === 'all' ? true : status === 'unpublished_draft' ? !w.published : w.published,
		);
		ctx.json({ items: list.slice((page - 1) * size, page * size).map(basic), has_more: page * size < list.length });
	});

	/**
	 * Versions of a workflow (docs/list_workflow_version.md; spec OpenAPIListVersion; coze-py workflows/versions):
	 * page_size 1–30 (default 10), publish_status all / published_online (default) / unpublished_draft,
	 * include_input_output adds the start node's `input` and the end node's `output`. Paging: the answer's
	 * next_page_token is asked back as page_token while has_more; it is always present, as in the docs' example.
	 * Order and token are not documented: newest first, and the token is the last item's created_at in milliseconds
	 * (the docs' tokens, 1752666079000 / 17552****000, look like that).
	 */
	sim.route('GET', '/v1/workflows/{workflow_id}/versions', (ctx) => {
		const workflow = WORKFLOW_LIST.find((w) => w.id === ctx.params.workflow_id);
		if (!workflow) return ctx.error(4200, `workflow ${ctx.params.workflow_id} not found`);
		const query = ctx.req.query;
		const size = query.page_size === undefined ? 10 : Number(query.page_size);
		if (!Number.isInteger(size) || size < 1 || size > 30) return ctx.error(4000, 'page_size must be between 1 and 30');
		const status = query.publish_status || 'published_online';
		if (!['all', 'published_online', 'unpublished_draft'].includes(status)) return ctx.error(4000, `invalid publish_status ${status}`);
		const token = query.page_token ?? '';
		if (token !== '' && !/^\d+$/.test(token)) return ctx.error(4000, `invalid page_token ${token}`);
		// Drafts have no version number in the docs: only published versions are modelled (none for a draft workflow).
		const seeded =
			WORKFLOW_VERSIONS[workflow.id] ??
			(workflow.published ? [{ version: 'v0.0.1', description: workflow.description, created_at: 1718000000 }] : []);
		const versions = (status === 'unpublished_draft' ? [] : [...seeded].reverse()).filter((v) => token === '' || v.created_at * 1000 < Number(token));
		const page = versions.slice(0, size);
		const withIo = String(query.include_input_output).toLowerCase() === 'true';
		const items = page.map((v) => ({
			workflow_id: workflow.id,
			version: v.version,
			description: v.description,
			created_at: String(v.created_at),
			updated_at: String(v.created_at + 60),
			creator: { id: '2150000000000000001', name: 'Owner' },
			...(withIo ? workflowIoOf(workflow.id, v.version) : {}),
		}));
		const last = page.at(-1);
		ctx.json({ items, has_more: versions.length > page.length, next_page_token: last ? String(last.created_at * 1000) : '' });
	});

	sim.route('GET', '/v1/workflows/{workflow_id}', (ctx) => {
		const workflow = WORKFLOW_LIST.find((w) => w.id === ctx.params.workflow_id);
		if (!workflow) return ctx.error(4200, `workflow ${ctx.params.workflow_id} not found`);
		// include_input_output adds the start node's `input` and the end node's `output` (docs get_workflow_info.md).
		const withIo = String(ctx.req.query.include_input_output).toLowerCase() === 'true';
		ctx.json({ workflow_detail: basic(workflow), ...(withIo ? workflowIoOf(workflow.id) : {}) });
	});

	sim.route('POST', '/v1/workflows/chat', async (ctx) => {
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const workflowId = check(ctx, body);
		if (!workflowId) return;
		if (WORKFLOW_LIST.find((w) => w.id === workflowId)?.mode !== 'chatflow') return ctx.error(4000, 'the workflow is not a chat flow');
		// docs/workflow_chat.md: parameters and additional_messages are required (必选; the spec agrees), and "调用对话流时，
		// 必须指定 app_id 或 bot_id" (a chat flow runs in a bot or an app: one of them is required).
		if (body.parameters === undefined || body.parameters === null) return ctx.error(4000, 'parameters is required');
		if (!body.app_id && !body.bot_id) return ctx.error(4000, 'app_id or bot_id is required: a chat flow runs in a bot or an app');
		const messages = (body.additional_messages as Array<Record<string, unknown>> | undefined) ?? [];
		const question = [...messages].reverse().find((m) => m.role === 'user');
		if (!question || typeof question.content !== 'string' || !question.content) return ctx.error(4000, 'additional_messages needs a user message');
		const chats = chatState(sim);
		let conversationId = body.conversation_id as string | undefined;
		if (conversationId && !chats.conversations.has(conversationId)) return ctx.error(4200, `conversation ${conversationId} not found`);
		if (!conversationId) {
			conversationId = cozeId();
			chats.conversations.set(conversationId, { id: conversationId, created_at: Math.floor(Date.now() / 1000), section_id: cozeId() });
		}
		const chat = {
			id: cozeId(),
			conversation_id: conversationId,
			bot_id: String(body.bot_id ?? ''),
			section_id: chats.conversations.get(conversationId)?.section_id,
			created_at: Math.floor(Date.now() / 1000),
		};
		// docs/workflow_chat.md workflow_version (e.g. v0.0.5; unset = the latest). What Coze answers for an unknown
		// version is not documented: the simulator does not check it, and names the version it ran in the answer.
		const version = typeof body.workflow_version === 'string' && body.workflow_version ? ` ${body.workflow_version}` : '';
		const answer = `Chat flow${version} says: ${question.content}`;
		const messageId = cozeId();
		const message = { id: messageId, conversation_id: conversationId, chat_id: chat.id, role: 'assistant', type: 'answer', content_type: 'text' };
		const out = ctx.sse();
		await out.event('conversation.chat.created', { ...chat, status: 'created' });
		await out.event('conversation.chat.in_progress', { ...chat, status: 'in_progress' });
		for (const piece of [answer.slice(0, 10), answer.slice(10)]) await out.event('conversation.message.delta', { ...message, content: piece });
		await out.event('conversation.message.completed', { ...message, content: answer });
		await out.event('conversation.chat.completed', { ...chat, status: 'completed', completed_at: Math.floor(Date.now() / 1000), usage });
		await out.event('done', { debug_url: debugUrl(workflowId, chat.id) });
		out.end();
	});

	sim.control('workflow-runs', () => {
		const state = workflowsOf(sim);
		return { started: state.started, runs: state.runs.size, lookups: state.lookups, maxConcurrentLookups: state.maxConcurrentLookups };
	});
}
