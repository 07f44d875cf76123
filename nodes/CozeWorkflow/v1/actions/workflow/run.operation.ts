import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { appLocator, optionsField, workflowIdField, workflowVersionLocator } from '../../../../shared/descriptions';
import { collectionParameter, numberValue, optionParameter, optionalId, parameterOf, requiredId } from '../../../../shared/params';
import { fileParameters, runWorkflow, workflowRunBody } from '../../../../shared/workflow';
import { waitOptionFields, workspaceField } from '../fields';

export const meta = { name: 'Run Workflow', action: 'Run a workflow', description: 'Run a published workflow and get its output', studio: true };

/** Run's options but the version (version 1 has it under Options, version 2 next to the workflow). */
export const runOptions: INodeProperties[] = [
	appLocator({
		description:
			'The Coze app the workflow belongs to (only for workflows inside an app; do not combine with Bot ID). The list shows the published apps of the workspace above.',
	}),
	{
		displayName: 'Bot ID',
		name: 'botId',
		type: 'string',
		default: '',
		description: 'Bot to run the workflow as; needed when it uses bot-scoped nodes such as database or variables',
	},
	{
		displayName: 'Extra (JSON)',
		name: 'ext',
		type: 'json',
		default: '{}',
		description: 'Extra string fields Coze passes to the run, e.g. {"latitude": "39.9", "longitude": "116.4"}',
	},
	{
		displayName: 'File Inputs',
		name: 'fileInputs',
		type: 'string',
		default: '',
		placeholder: 'image=data, report=attachment',
		description:
			'Comma-separated parameter=binaryProperty pairs: each binary of the input item is uploaded to Coze and passed to that start-node parameter as its file_id',
	},
	{
		displayName: 'Idle Timeout (Seconds)',
		name: 'idleTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 120,
		description: 'With streaming, fail when Coze sends nothing (not even a heartbeat) for this long',
	},
	{
		displayName: 'Include Node Messages',
		name: 'includeMessages',
		type: 'boolean',
		default: false,
		description: 'Whether to add every streamed node message (output nodes, end node) to the item',
	},
	{
		displayName: 'Live Streaming',
		name: 'liveStreaming',
		type: 'boolean',
		default: true,
		description: 'Whether to forward output text to n8n as it arrives when the n8n workflow streams its response',
	},
	...waitOptionFields,
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		description: 'End-user ID for the run (ext.user_id): user variables and history in Coze are kept per user',
	},
];

const MODES = ['stream', 'sync', 'async', 'asyncWait'] as const;

export const description: INodeProperties[] = [
	workspaceField(),
	workflowIdField(),
	{
		displayName: 'Parameters (JSON)',
		name: 'parameters',
		type: 'json',
		default: '{}',
		placeholder: '{"input": "Summarize today\'s tickets"}',
		description: "Inputs of the workflow's start node, as a JSON object. Files: use File Inputs below, or put a public URL.",
	},
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		options: [
			{
				name: 'Wait for Result (Streaming)',
				value: 'stream',
				description: 'Run and return the moment Coze reports Done; supports output nodes and questions (interrupts)',
			},
			{
				name: 'Wait for Result (Non-Streaming)',
				value: 'sync',
				description: 'One request; Coze cuts it after 90 s, so use it for short workflows only',
			},
			{
				name: 'Start in Background',
				value: 'async',
				description:
					'Start an async run and return its execute_id at once (Coze paid plans); read it later with Get Run or the Coze Workflow Trigger',
			},
			{
				name: 'Start in Background and Wait',
				value: 'asyncWait',
				description: 'Start an async run (up to 24 h on Coze) and poll until it finishes',
			},
		],
		default: 'stream',
	},
	optionsField([
		...runOptions,
		workflowVersionLocator('Run a specific published version instead of the latest (Coze honours it for library workflows only)'),
	]),
];

/** The start-node inputs and the version of a run (version 1: Parameters (JSON) and Options → Workflow Version). */
export interface RunInputs {
	parameters: unknown;
	workflowVersion: string;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const parameters = parameterOf(this, 'parameters', itemIndex, '{}');
	return await runWith(this, itemIndex, { parameters, workflowVersion: optionalId(this, 'options.workflowVersion', itemIndex, 'Workflow Version') });
}

/**
 * Runs the workflow in the picked mode with the given inputs: version 1 passes its own, version 2 those of its form and
 * its version picker, so both share one run path (modes, file inputs, app / bot, streaming, background).
 */
export async function runWith(ctx: IExecuteFunctions, itemIndex: number, inputs: RunInputs): Promise<INodeExecutionData[]> {
	const workflowId = requiredId(ctx, 'workflowId', itemIndex, 'Workflow');
	const mode = optionParameter(ctx, 'mode', itemIndex, 'Mode', MODES, 'stream');
	const options = collectionParameter(ctx, 'options', itemIndex);
	const timeoutSeconds = numberValue(ctx, options.timeout ?? 600, 'Timeout (Seconds)', itemIndex, { min: 1, max: 86400, fractional: true });
	const idleSeconds = numberValue(ctx, options.idleTimeout ?? 120, 'Idle Timeout (Seconds)', itemIndex, { min: 1, max: 86400, fractional: true });
	const pollSeconds = numberValue(ctx, options.pollInterval ?? 2, 'Poll Interval (Seconds)', itemIndex, { min: 1, max: 3600, fractional: true });
	// The app is a picker (resource locator); older workflows stored it as text. Read as text here.
	const appId = optionalId(ctx, 'options.appId', itemIndex, 'App ID');
	const body = workflowRunBody(ctx, workflowId, { ...options, appId, ...inputs } as IDataObject, itemIndex);
	const files = options.fileInputs ? await fileParameters(ctx, itemIndex, String(options.fileInputs)) : {};
	if (Object.keys(files).length > 0) body.parameters = { ...((body.parameters as IDataObject) ?? {}), ...files };
	return await runWorkflow(
		ctx,
		workflowId,
		mode,
		body,
		{
			timeoutSeconds,
			idleTimeoutSeconds: idleSeconds,
			pollIntervalSeconds: pollSeconds,
			liveStreaming: options.liveStreaming !== false,
			includeMessages: options.includeMessages === true,
		},
		itemIndex,
	);
}
