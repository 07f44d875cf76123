import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions, JsonObject, ResourceMapperValue } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError, sleep } from 'n8n-workflow';

import { appLocator, authenticationProperty, cozeCredentials } from '../shared/descriptions';
import { asNodeError } from '../shared/errors';
import { searchApps, searchWorkflows, searchWorkspaces } from '../shared/listSearch';
import { cozeApiRequest } from '../shared/transport';
import { getRunHistory, waitForRun, workflowRunBody } from '../shared/workflow';
import { formInputsWithoutItem, getWorkflowInputs, inputFormFields } from '../shared/workflowInputs';
import { WORKFLOW_NODE_DESCRIPTION, workflowIdField, workspaceField } from '../CozeWorkflow/actions/fields';

/** How many finished execute IDs the start modes remember (a guard; a finished run leaves `pending` at once). */
const REMEMBERED_RUNS = 200;

/** Run-history lookups in flight at once by default (Options → Concurrency). */
export const DEFAULT_LOOKUP_CONCURRENCY = 10;

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

/**
 * How long one scheduled poll may spend looking up runs (n8n polls at most once a minute): each lookup's timeout and
 * retries end by then, and lookups not started by then go first on the next poll.
 */
export const POLL_BUDGET_MS = 45_000;

/** Longest first-lookup time used for pacing (a slow first answer must not hold the other workers back long). */
const MAX_PACING_MS = 2000;

interface TriggerState {
	/** execute_id → when the trigger started (or first watched) it, ms since epoch. */
	pending?: Record<string, number>;
	/** Finished IDs: in watch mode the listed IDs already reported (pruned to the list); otherwise the last 200. */
	emitted?: string[];
}

/** What one run-history lookup gave. */
type Lookup =
	| { kind: 'run'; run: IDataObject }
	/** Coze does not know the run (4200 not found, 4000 invalid execute_id, an empty answer). */
	| { kind: 'gone'; error: Error }
	/** Still rate limited after the transport's retries: try again next poll. */
	| { kind: 'rateLimited'; error: Error }
	/** Any other failure (auth, 5xx, network…): try again next poll. */
	| { kind: 'failed'; error: Error }
	/** Not looked up this poll (a lookup before it was rate limited). */
	| { kind: 'skipped' };

function executeIdsOf(text: string): string[] {
	return [
		...new Set(
			text
				.split(/[\s,]+/)
				.map((id) => id.trim())
				.filter(Boolean),
		),
	];
}

function runToItem(workflowId: string, run: IDataObject): INodeExecutionData {
	return {
		json: {
			workflow_id: workflowId,
			execute_id: run.execute_id,
			status: run.execute_status === 'Success' ? 'completed' : 'failed',
			...run,
		},
	};
}

/** Coze code and HTTP status of a transport error (NodeApiError from cozeApiError). */
function failureOf(error: unknown): { code?: number; httpStatus?: number } {
	const response = ((error as { errorResponse?: JsonObject })?.errorResponse ?? {}) as JsonObject;
	const code = Number(response.code);
	const httpStatus = Number(response.httpStatus ?? (error as { httpCode?: string })?.httpCode);
	return {
		code: Number.isFinite(code) && response.code !== null ? code : undefined,
		httpStatus: Number.isFinite(httpStatus) ? httpStatus : undefined,
	};
}

/** Classifies a failed lookup. Only Coze's own answer "no such run" drops a run; everything else is retried later. */
export function classifyLookupError(error: unknown): Lookup['kind'] {
	const { code, httpStatus } = failureOf(error);
	if (code === 4013 || httpStatus === 429) return 'rateLimited';
	// Business errors come with HTTP 200 (an unknown route answers 404: a wrong base URL must not drop runs).
	if ((code === 4200 || code === 4000) && (httpStatus === undefined || httpStatus < 400)) return 'gone';
	if (/Coze returned no run /.test((error as Error)?.message ?? '')) return 'gone';
	return 'failed';
}

/**
 * Runs `lookup` for every ID with at most `concurrency` in flight. Once a lookup is still rate limited after the
 * transport's retries, no new lookups start this poll (the rest are `skipped`; Coze asks us to slow down).
 *
 * One lookup goes first as a probe: if Coze rate-limits it even after the retries, nothing else is sent this poll.
 * Once it answers (after L ms) the other workers start L / concurrency ms apart instead of all at once, so Coze
 * sees an even request rate rather than bursts of `concurrency` simultaneous lookups.
 */
async function lookupAll(
	ids: string[],
	concurrency: number,
	lookup: (id: string) => Promise<Lookup>,
	deadlineAt = Number.POSITIVE_INFINITY,
): Promise<Map<string, Lookup>> {
	const results = new Map<string, Lookup>();
	let next = 0;
	let stop = false;
	const lookupNext = async (): Promise<boolean> => {
		// Past the poll's budget no new lookup starts: the rest are looked up first on the next poll.
		if (stop || next >= ids.length || Date.now() >= deadlineAt) return false;
		const id = ids[next++];
		const result = await lookup(id);
		if (result.kind === 'rateLimited') stop = true;
		results.set(id, result);
		return true;
	};
	const workers = Math.max(1, Math.min(concurrency, ids.length));
	const startedAt = Date.now();
	const first = lookupNext();
	const latency = first.then(() => Math.min(Date.now() - startedAt, MAX_PACING_MS));
	const worker = async (index: number) => {
		if (index === 0) await first;
		else {
			const gap = (await latency) / workers;
			if (gap >= 1) await sleep(Math.round(index * gap));
		}
		while (await lookupNext());
	};
	await Promise.all(Array.from({ length: workers }, async (_, index) => await worker(index)));
	for (const id of ids) if (!results.has(id)) results.set(id, { kind: 'skipped' });
	return results;
}

function errorText(error: unknown): string {
	return (error as Error)?.message ?? String(error);
}

/** Bounded-concurrency map keeping order (manual test with many listed IDs). */
async function mapBounded<T, R>(values: T[], concurrency: number, fn: (value: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(values.length);
	let next = 0;
	const worker = async () => {
		while (next < values.length) {
			const index = next++;
			results[index] = await fn(values[index]);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, values.length)) }, worker));
	return results;
}

export class CozeWorkflowTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coze Workflow Trigger',
		name: 'cozeWorkflowTrigger',
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["startRuns"] === "never" ? "Watch Runs" : "Run in Background" }}',
		// Shown on the merged "Coze Workflow" entry of n8n's node panel (see WORKFLOW_NODE_DESCRIPTION); the trigger's own
		// purpose is in its subtitle and its Start Runs field.
		description: WORKFLOW_NODE_DESCRIPTION,
		defaults: { name: 'Coze Workflow Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: cozeCredentials,
		properties: [
			authenticationProperty,
			{
				displayName: 'Start Runs',
				name: 'startRuns',
				type: 'options',
				options: [
					{
						name: 'When None Is Pending',
						value: 'whenIdle',
						description: 'Start a background run on a poll when the previous one has finished (one run at a time)',
					},
					{ name: 'On Every Poll', value: 'everyPoll', description: 'Start a background run on every poll, even while others are running' },
					{ name: 'Never (Watch Execute IDs)', value: 'never', description: 'Only watch the runs listed below, started elsewhere' },
				],
				default: 'whenIdle',
				description:
					'Coze has no list of runs, so the trigger watches the runs it starts itself (or the IDs you list) and fires once for each run that finishes',
			},
			workspaceField(),
			workflowIdField(),
			// JSON by default: what triggers saved before the form existed do (n8n fills missing parameters with the default).
			...inputFormFields({
				method: 'getWorkflowInputs',
				dependsOn: ['workflowId.value'],
				formDescription: 'One field per start-node variable, read from the workflow',
				jsonDescription: 'One JSON object with the start-node inputs',
				inputsDescription: 'Inputs of every run the trigger starts. Files: a Coze file ID or a URL.',
				defaultMode: 'json',
				supportAutoMap: false,
				hide: { startRuns: ['never'] },
			}),
			{
				displayName: 'Parameters (JSON)',
				name: 'parameters',
				type: 'json',
				default: '{}',
				description: "Inputs of the workflow's start node for every run the trigger starts",
				displayOptions: { show: { inputMode: ['json'] }, hide: { startRuns: ['never'] } },
			},
			{
				displayName: 'Execute IDs',
				name: 'executeIds',
				type: 'string',
				default: '',
				required: true,
				placeholder: '7424823131288400001, 7424823131288400002',
				description: 'Comma-separated execute_id values of background runs to watch (from Coze Workflow → Run Workflow → Start in Background)',
				displayOptions: { show: { startRuns: ['never'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					appLocator({
						description:
							'The Coze app the workflow belongs to (do not combine with Bot ID). The list shows the published apps of the workspace above.',
					}),
					{
						displayName: 'Bot ID',
						name: 'botId',
						type: 'string',
						default: '',
						description: 'Bot to run the workflow as (for bot-scoped nodes such as database or variables)',
					},
					{
						displayName: 'Concurrency',
						name: 'concurrency',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 50 },
						default: DEFAULT_LOOKUP_CONCURRENCY,
						description:
							'How many pending runs are looked up at Coze at the same time on each poll. A rate-limited lookup is retried with backoff, then on the next poll.',
					},
					{
						displayName: 'Include Failed Runs',
						name: 'includeFailed',
						type: 'boolean',
						default: true,
						description:
							'Whether runs that did not succeed also start an execution, with status "failed": runs that ended with status Fail (error_code, error_message), runs Coze does not know (failure "not_found", e.g. a mistyped execute ID) and runs still not finished 25 hours after they started (failure "expired"; Coze ends async runs after 24 hours). Either way each such run is reported or logged once and then no longer watched.',
					},
					{
						displayName: 'Test Timeout (Seconds)',
						name: 'testTimeout',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 120,
						description: 'When you test the trigger in the editor, how long to wait for the run it starts',
					},
					{
						displayName: 'User ID',
						name: 'userId',
						type: 'string',
						default: '',
						description: 'End-user ID for the runs (ext.user_id)',
					},
				],
			},
		],
	};

	methods = { listSearch: { searchWorkspaces, searchWorkflows, searchApps }, resourceMapping: { getWorkflowInputs } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const workflowId = String(this.getNodeParameter('workflowId', '', { extractValue: true }) ?? '').trim();
		if (!workflowId) throw new NodeOperationError(node, 'Choose a workflow or enter its ID');
		const startRuns = this.getNodeParameter('startRuns', 'whenIdle') as string;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const includeFailed = options.includeFailed !== false;
		const concurrency = Math.max(1, Math.floor(Number(options.concurrency ?? DEFAULT_LOOKUP_CONCURRENCY)) || DEFAULT_LOOKUP_CONCURRENCY);

		// Form inputs are checked (and converted) before the run is started, naming the input (issue 20).
		const startInputs = () =>
			this.getNodeParameter('inputMode', 'json') === 'form'
				? formInputsWithoutItem(node, this.getNodeParameter('inputs', {}) as Partial<ResourceMapperValue>)
				: this.getNodeParameter('parameters', '{}');
		const start = async (): Promise<string> => {
			// App is a picker (resource locator) or, in older workflows, text.
			const appId = String(this.getNodeParameter('options.appId', '', { extractValue: true }) ?? '').trim();
			const body = {
				...workflowRunBody(this, workflowId, { ...options, appId, parameters: startInputs() }),
				is_async: true,
			};
			const envelope = await cozeApiRequest.call(this, { method: 'POST', path: '/v1/workflow/run', body });
			if (!envelope.execute_id)
				throw new NodeOperationError(node, 'Coze started no background run (no execute_id); async runs need a paid Coze plan');
			return String(envelope.execute_id);
		};
		const goneItem = (id: string, error: unknown): INodeExecutionData => ({
			json: {
				workflow_id: workflowId,
				execute_id: id,
				status: 'failed',
				failure: 'not_found',
				error_code: failureOf(error).code ?? null,
				error_message: `Coze does not know run ${id} of workflow ${workflowId}: ${errorText(error)}`,
			},
		});
		const expiredItem = (id: string, startedAt: number, run?: IDataObject, error?: unknown): INodeExecutionData => {
			const hours = Math.floor((Date.now() - startedAt) / 3_600_000);
			const what = run ? `still ${String(run.execute_status)}` : `unreadable (${errorText(error)})`;
			return {
				json: {
					workflow_id: workflowId,
					execute_id: id,
					...(run ?? {}),
					status: 'failed',
					failure: 'expired',
					error_message: `Run ${id} was ${what} ${hours} h after it started; Coze ends async runs after 24 h, so it is no longer watched`,
				},
			};
		};

		if (this.getMode() === 'manual') {
			// Testing in the editor: show a real result now instead of waiting for the schedule.
			const timeoutSeconds = Number(options.testTimeout ?? 120);
			const ids = startRuns === 'never' ? executeIdsOf(this.getNodeParameter('executeIds', '') as string) : [await start()];
			const items = await mapBounded(ids, concurrency, async (id) => {
				try {
					return runToItem(workflowId, await waitForRun.call(this, workflowId, id, { timeoutSeconds, pollIntervalSeconds: 1, itemIndex: 0 }));
				} catch (error) {
					if (classifyLookupError(error) === 'gone') return goneItem(id, error);
					throw asNodeError(node, error);
				}
			});
			return [items];
		}

		// Everything below works on copies; static data changes only when the poll returns (a failing poll loses
		// and repeats nothing).
		const state = this.getWorkflowStaticData('node') as TriggerState;
		const now = Date.now();
		let pending: Record<string, number> = { ...(state.pending ?? {}) };
		let emitted = [...(state.emitted ?? [])];
		if (startRuns === 'never') {
			// Watch exactly the listed IDs: state is bounded by the list, and an ID removed from it is forgotten.
			const listed = executeIdsOf(this.getNodeParameter('executeIds', '') as string);
			const inList = new Set(listed);
			emitted = emitted.filter((id) => inList.has(id));
			const done = new Set(emitted);
			pending = Object.fromEntries(Object.entries(pending).filter(([id]) => inList.has(id)));
			for (const id of listed) if (!done.has(id) && pending[id] === undefined) pending[id] = now;
		}

		const ids = Object.keys(pending);
		// The poll ends on its own clock, before n8n's shortest poll interval, however slow Coze answers.
		const deadlineAt = now + POLL_BUDGET_MS;
		const results = await lookupAll(
			ids,
			concurrency,
			async (id) => {
				try {
					return { kind: 'run', run: await getRunHistory.call(this, workflowId, id, 0, deadlineAt) };
				} catch (error) {
					return { kind: classifyLookupError(error), error } as Lookup;
				}
			},
			deadlineAt,
		);

		const items: INodeExecutionData[] = [];
		const emittedSet = new Set(emitted);
		const notLookedUp: Record<string, number> = {};
		const stillPending: Record<string, number> = {};
		let answered = 0;
		let rateLimited = 0;
		let firstFailure: Error | undefined;
		const finish = (id: string, item: INodeExecutionData, succeeded: boolean) => {
			if (emittedSet.has(id)) return;
			emittedSet.add(id);
			emitted.push(id);
			if (succeeded || includeFailed) items.push(item);
			else
				this.logger.warn(`Coze Workflow Trigger: ${String(item.json.error_message ?? `run ${id} failed`)} (not emitted: Include Failed Runs is off)`);
		};
		for (const id of ids) {
			const since = pending[id];
			const result = results.get(id) as Lookup;
			if (result.kind === 'run') {
				answered++;
				const { run } = result;
				if (run.execute_status !== 'Running') {
					finish(id, runToItem(workflowId, run), run.execute_status === 'Success');
					continue;
				}
				const created = Number(run.create_time) * 1000;
				const startedAt = created > 0 ? Math.min(since, created) : since;
				if (now - startedAt > RUN_EXPIRY_MS) finish(id, expiredItem(id, startedAt, run), false);
				else stillPending[id] = since;
				continue;
			}
			if (result.kind === 'gone') {
				answered++;
				finish(id, goneItem(id, result.error), false);
				continue;
			}
			if (result.kind === 'rateLimited') rateLimited++;
			if (result.kind === 'failed') firstFailure ??= result.error;
			if (now - since > RUN_EXPIRY_MS)
				finish(id, expiredItem(id, since, undefined, result.kind === 'skipped' ? 'not looked up' : result.error), false);
			else if (result.kind === 'skipped') notLookedUp[id] = since;
			else stillPending[id] = since;
		}
		if (firstFailure && answered === 0 && rateLimited === 0 && items.length === 0) {
			// Coze answered no lookup and did not ask us to slow down: a real problem (credential, base URL, outage).
			throw asNodeError(node, firstFailure);
		}
		if (rateLimited > 0) {
			this.logger.warn(
				`Coze Workflow Trigger: Coze rate-limited run lookups; ${Object.keys(notLookedUp).length + rateLimited} pending runs are looked up on the next poll`,
			);
		}
		// Runs not looked up this poll go first next time, so a rate limit never starves the same runs.
		const nextPending: Record<string, number> = { ...notLookedUp, ...stillPending };

		const pendingCount = Object.keys(nextPending).length;
		if ((startRuns === 'everyPoll' && pendingCount < MAX_PENDING_RUNS) || (startRuns === 'whenIdle' && pendingCount === 0)) {
			try {
				nextPending[await start()] = Date.now();
			} catch (error) {
				// Finished runs still fire; the start is tried again on the next poll.
				if (items.length === 0) throw asNodeError(node, error);
				this.logger.warn(`Coze Workflow Trigger: could not start a run (${errorText(error)}); trying again on the next poll`);
			}
		}
		state.pending = nextPending;
		state.emitted = startRuns === 'never' ? emitted : emitted.slice(-REMEMBERED_RUNS);
		return items.length ? [items] : null;
	}
}
