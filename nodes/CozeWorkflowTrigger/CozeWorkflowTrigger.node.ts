import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { appLocator, authenticationProperty, cozeCredentials } from '../shared/descriptions';
import { searchApps, searchWorkflows, searchWorkspaces } from '../shared/listSearch';
import { cozeApiRequest } from '../shared/transport';
import { getRunHistory, waitForRun, workflowRunBody } from '../shared/workflow';
import { WORKFLOW_NODE_DESCRIPTION, workflowIdField, workspaceField } from '../CozeWorkflow/actions/fields';

/** How many finished execute IDs are remembered to guarantee each run starts an execution once. */
const REMEMBERED_RUNS = 200;

interface TriggerState {
	pending?: Record<string, number>;
	emitted?: string[];
}

function executeIdsOf(text: string): string[] {
	return text
		.split(/[\s,]+/)
		.map((id) => id.trim())
		.filter(Boolean);
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
			{
				displayName: 'Parameters (JSON)',
				name: 'parameters',
				type: 'json',
				default: '{}',
				description: 'Inputs of the workflow\'s start node for every run the trigger starts',
				displayOptions: { hide: { startRuns: ['never'] } },
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
						displayName: 'Include Failed Runs',
						name: 'includeFailed',
						type: 'boolean',
						default: true,
						description: 'Whether a run that ends with status Fail also starts an execution (status "failed", error_code, error_message)',
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

	methods = { listSearch: { searchWorkspaces, searchWorkflows, searchApps } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const workflowId = String(this.getNodeParameter('workflowId', '', { extractValue: true }) ?? '').trim();
		if (!workflowId) throw new NodeOperationError(node, 'Choose a workflow or enter its ID');
		const startRuns = this.getNodeParameter('startRuns', 'whenIdle') as string;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const includeFailed = options.includeFailed !== false;

		const start = async (): Promise<string> => {
			// App is a picker (resource locator) or, in older workflows, text.
			const appId = String(this.getNodeParameter('options.appId', '', { extractValue: true }) ?? '').trim();
			const body = { ...workflowRunBody(this, workflowId, { ...options, appId, parameters: this.getNodeParameter('parameters', '{}') }), is_async: true };
			const envelope = await cozeApiRequest.call(this, { method: 'POST', path: '/v1/workflow/run', body });
			if (!envelope.execute_id) throw new NodeOperationError(node, 'Coze started no background run (no execute_id); async runs need a paid Coze plan');
			return String(envelope.execute_id);
		};

		if (this.getMode() === 'manual') {
			// Testing in the editor: show a real result now instead of waiting for the schedule.
			const timeoutSeconds = Number(options.testTimeout ?? 120);
			const ids = startRuns === 'never' ? executeIdsOf(this.getNodeParameter('executeIds', '') as string) : [await start()];
			const runs = await Promise.all(
				ids.map(async (id) => await waitForRun.call(this, workflowId, id, { timeoutSeconds, pollIntervalSeconds: 1, itemIndex: 0 })),
			);
			return [runs.map((run) => runToItem(workflowId, run))];
		}

		const state = this.getWorkflowStaticData('node') as TriggerState;
		const pending = { ...(state.pending ?? {}) };
		const emitted = [...(state.emitted ?? [])];
		if (startRuns === 'never') {
			for (const id of executeIdsOf(this.getNodeParameter('executeIds', '') as string)) {
				if (!emitted.includes(id) && pending[id] === undefined) pending[id] = Date.now();
			}
		}

		const items: INodeExecutionData[] = [];
		for (const id of Object.keys(pending)) {
			const run = await getRunHistory.call(this, workflowId, id);
			if (run.execute_status === 'Running') continue;
			delete pending[id];
			if (emitted.includes(id)) continue;
			emitted.push(id);
			if (run.execute_status === 'Success' || includeFailed) items.push(runToItem(workflowId, run));
		}
		if (startRuns === 'everyPoll' || (startRuns === 'whenIdle' && Object.keys(pending).length === 0)) {
			pending[await start()] = Date.now();
		}
		state.pending = pending;
		state.emitted = emitted.slice(-REMEMBERED_RUNS);
		return items.length ? [items] : null;
	}
}
