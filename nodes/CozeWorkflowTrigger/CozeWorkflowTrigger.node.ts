import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions, ResourceMapperValue } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	WORKFLOW_NODE_DESCRIPTION,
	appLocator,
	authenticationProperty,
	choiceField,
	collectionField,
	cozeTrigger,
	workflowIdField,
	workspaceLocator,
} from '../shared/descriptions';
import { asNodeError, codesOf } from '../shared/errors';
import { boundedPool } from '../shared/items';
import { searchApps, searchWorkflows, searchWorkspaces } from '../shared/listSearch';
import { nodeId, nodeParameter } from '../shared/params';
import { cozeApiRequest } from '../shared/transport';
import { getRunHistory, waitForRun, workflowRunBody } from '../shared/workflow';
import { formInputsWithoutItem, getWorkflowInputs, inputFormFields } from '../shared/workflowInputs';
import type { Lookup } from './lookups';
import { DEFAULT_LOOKUP_CONCURRENCY, POLL_BUDGET_MS, classifyLookupError, lookupAll } from './lookups';
import type { Finished, StartRuns, TriggerState } from './state';
import { executeIdsOf, keptEmitted, settle, shouldStart, toWatch } from './state';

export { MAX_PENDING_RUNS, RUN_EXPIRY_MS } from './state';
export { DEFAULT_LOOKUP_CONCURRENCY } from './lookups';

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

function errorText(error: unknown): string {
	return (error as Error)?.message ?? String(error);
}

/** The item of a run whose watch ended (finished, unknown to Coze, or expired). */
function finishedItem(workflowId: string, finished: Finished, now: number): INodeExecutionData {
	if (finished.kind === 'run') return runToItem(workflowId, finished.run);
	const { id } = finished;
	if (finished.kind === 'gone') {
		return {
			json: {
				workflow_id: workflowId,
				execute_id: id,
				status: 'failed',
				failure: 'not_found',
				error_code: codesOf(finished.error).code ?? null,
				error_message: `Coze does not know run ${id} of workflow ${workflowId}: ${errorText(finished.error)}`,
			},
		};
	}
	const hours = Math.floor((now - finished.startedAt) / 3_600_000);
	const what = finished.run ? `still ${String(finished.run.execute_status)}` : `unreadable (${errorText(finished.error)})`;
	return {
		json: {
			workflow_id: workflowId,
			execute_id: id,
			...(finished.run ?? {}),
			status: 'failed',
			failure: 'expired',
			error_message: `Run ${id} was ${what} ${hours} h after it started; Coze ends async runs after 24 h, so it is no longer watched`,
		},
	};
}

export class CozeWorkflowTrigger implements INodeType {
	description: INodeTypeDescription = {
		// The description is shown on the merged "Coze Workflow" entry of n8n's node panel (see WORKFLOW_NODE_DESCRIPTION);
		// the trigger's own purpose is in its subtitle and its Start Runs field.
		...cozeTrigger('Coze Workflow Trigger', 'cozeWorkflowTrigger', WORKFLOW_NODE_DESCRIPTION),
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		subtitle: '={{ $parameter["startRuns"] === "never" ? "Watch Runs" : "Run in Background" }}',
		polling: true,
		properties: [
			authenticationProperty,
			{
				...choiceField('Start Runs', 'startRuns', 'whenIdle', [
					['When None Is Pending', 'whenIdle', 'Start a background run on a poll when the previous one has finished (one run at a time)'],
					['On Every Poll', 'everyPoll', 'Start a background run on every poll, even while others are running'],
					['Never (Watch Execute IDs)', 'never', 'Only watch the runs listed below, started elsewhere'],
				]),
				description:
					'Coze has no list of runs, so the trigger watches the runs it starts itself (or the IDs you list) and fires once for each run that finishes',
			},
			workspaceLocator({ description: 'Workspace to pick the workflow from (only used by the workflow list)' }),
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
			collectionField('options', [
				appLocator({
					description: 'The Coze app the workflow belongs to (do not combine with Bot ID). The list shows the published apps of the workspace above.',
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
			]),
		],
	};

	methods = { listSearch: { searchWorkspaces, searchWorkflows, searchApps }, resourceMapping: { getWorkflowInputs } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const workflowId = nodeId(this, 'workflowId', 'Workflow');
		if (!workflowId) throw new NodeOperationError(node, 'Choose a workflow or enter its ID');
		const startRuns = nodeParameter(this, 'startRuns', 'whenIdle') as StartRuns;
		const options = nodeParameter(this, 'options', {}) as IDataObject;
		const includeFailed = options.includeFailed !== false;
		const concurrency = Math.max(1, Math.floor(Number(options.concurrency ?? DEFAULT_LOOKUP_CONCURRENCY)) || DEFAULT_LOOKUP_CONCURRENCY);

		// Form inputs are checked (and converted) before the run is started, naming the input (issue 20).
		const startInputs = () =>
			nodeParameter(this, 'inputMode', 'json') === 'form'
				? formInputsWithoutItem(node, nodeParameter(this, 'inputs', {}) as Partial<ResourceMapperValue>)
				: (nodeParameter(this, 'parameters', '{}') as IDataObject[string]);
		const start = async (): Promise<string> => {
			// App is a picker (resource locator) or, in older workflows, text.
			const appId = nodeId(this, 'options.appId', 'App ID');
			const body = {
				...workflowRunBody(this, workflowId, { ...options, appId, parameters: startInputs() }),
				is_async: true,
			};
			const envelope = await cozeApiRequest.call(this, { method: 'POST', path: '/v1/workflow/run', body });
			if (!envelope.execute_id)
				throw new NodeOperationError(node, 'Coze started no background run (no execute_id); async runs need a paid Coze plan');
			return String(envelope.execute_id);
		};
		if (this.getMode() === 'manual') {
			// Testing in the editor: show a real result now instead of waiting for the schedule.
			const timeoutSeconds = Number(options.testTimeout ?? 120);
			const ids = startRuns === 'never' ? executeIdsOf(nodeParameter(this, 'executeIds', '')) : [await start()];
			const items: INodeExecutionData[] = new Array(ids.length);
			await boundedPool(ids.length, concurrency, async (index) => {
				const id = ids[index];
				try {
					items[index] = runToItem(workflowId, await waitForRun.call(this, workflowId, id, { timeoutSeconds, pollIntervalSeconds: 1, itemIndex: 0 }));
				} catch (error) {
					if (classifyLookupError(error) !== 'gone') throw asNodeError(node, error);
					items[index] = finishedItem(workflowId, { id, kind: 'gone', error: error as Error }, Date.now());
				}
			});
			return [items];
		}

		// Everything below works on copies; static data changes only when the poll returns (a failing poll loses
		// and repeats nothing).
		const state = this.getWorkflowStaticData('node') as TriggerState;
		const now = Date.now();
		const listed = startRuns === 'never' ? executeIdsOf(nodeParameter(this, 'executeIds', '')) : [];
		const watch = toWatch(state, startRuns, listed, now);

		// The poll ends on its own clock, before n8n's shortest poll interval, however slow Coze answers.
		const deadlineAt = now + POLL_BUDGET_MS;
		const results = await lookupAll(
			Object.keys(watch.pending),
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
		const settled = settle(watch.pending, watch.emitted, results, now);

		const items: INodeExecutionData[] = [];
		for (const finished of settled.finished) {
			const item = finishedItem(workflowId, finished, now);
			if ((finished.kind === 'run' && finished.succeeded) || includeFailed) items.push(item);
			else
				this.logger.warn(
					`Coze Workflow Trigger: ${String(item.json.error_message ?? `run ${finished.id} failed`)} (not emitted: Include Failed Runs is off)`,
				);
		}
		if (settled.firstFailure && settled.answered === 0 && settled.rateLimited === 0 && items.length === 0) {
			// Coze answered no lookup and did not ask us to slow down: a real problem (credential, base URL, outage).
			throw asNodeError(node, settled.firstFailure);
		}
		if (settled.rateLimited > 0) {
			this.logger.warn(
				`Coze Workflow Trigger: Coze rate-limited run lookups; ${settled.notLookedUp + settled.rateLimited} pending runs are looked up on the next poll`,
			);
		}

		const nextPending = settled.pending;
		if (shouldStart(startRuns, Object.keys(nextPending).length)) {
			try {
				nextPending[await start()] = Date.now();
			} catch (error) {
				// Finished runs still fire; the start is tried again on the next poll.
				if (items.length === 0) throw asNodeError(node, error);
				this.logger.warn(`Coze Workflow Trigger: could not start a run (${errorText(error)}); trying again on the next poll`);
			}
		}
		state.pending = nextPending;
		state.emitted = keptEmitted(startRuns, settled.emitted);
		return items.length ? [items] : null;
	}
}
