import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { appLocator, concurrencyOption, workflowVersionLocator } from '../../shared/descriptions';
import { fileParameters, runWorkflow, workflowRunBody } from '../../shared/workflow';
import { numberValue, optionalId, requiredId } from '../../shared/params';
import { waitOptionFields, workflowIdField, workspaceField } from './fields';

const show = { operation: ['run'] };

export const description: INodeProperties[] = [
	workspaceField(['run']),
	workflowIdField(['run']),
	{
		displayName: 'Parameters (JSON)',
		name: 'parameters',
		type: 'json',
		default: '{}',
		placeholder: '{"input": "Summarize today\'s tickets"}',
		description: "Inputs of the workflow's start node, as a JSON object. Files: use File Inputs below, or put a public URL.",
		displayOptions: { show },
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
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			concurrencyOption,
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
			workflowVersionLocator('Run a specific published version instead of the latest (Coze honours it for library workflows only)'),
		],
	},
];

/** The request body shared by every mode: the shared run body plus uploaded File Inputs. */
async function runBody(ctx: IExecuteFunctions, itemIndex: number, workflowId: string, options: IDataObject): Promise<IDataObject> {
	// App and version are pickers (resource locators); older workflows stored them as text. Both read as text here.
	const picked: IDataObject = {
		appId: optionalId(ctx, 'options.appId', itemIndex, 'App ID'),
		workflowVersion: optionalId(ctx, 'options.workflowVersion', itemIndex, 'Workflow Version'),
	};
	const body = workflowRunBody(
		ctx,
		workflowId,
		{ ...options, ...picked, parameters: ctx.getNodeParameter('parameters', itemIndex, '{}') },
		itemIndex,
	);
	const files = options.fileInputs ? await fileParameters(ctx, itemIndex, String(options.fileInputs)) : {};
	if (Object.keys(files).length > 0) body.parameters = { ...((body.parameters as IDataObject) ?? {}), ...files };
	return body;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const workflowId = requiredId(this, 'workflowId', itemIndex, 'Workflow');
	const mode = this.getNodeParameter('mode', itemIndex, 'stream') as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const timeoutSeconds = numberValue(this, options.timeout ?? 600, 'Timeout (Seconds)', itemIndex, { min: 1, max: 86400, fractional: true });
	const idleSeconds = numberValue(this, options.idleTimeout ?? 120, 'Idle Timeout (Seconds)', itemIndex, { min: 1, max: 86400, fractional: true });
	const pollSeconds = numberValue(this, options.pollInterval ?? 2, 'Poll Interval (Seconds)', itemIndex, { min: 1, max: 3600, fractional: true });
	const body = await runBody(this, itemIndex, workflowId, options);
	return await runWorkflow(
		this,
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
