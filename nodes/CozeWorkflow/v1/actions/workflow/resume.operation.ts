import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { choiceField, optionsField, workflowIdField } from '../../../../shared/descriptions';
import { collectionParameter, numberValue, optionParameter, parameterOf, requiredId, textParameter } from '../../../../shared/params';
import { isCozeStudio, studioUnavailableError } from '../../../../shared/studio';
import { cozeApiRequest } from '../../../../shared/transport';
import { answerRunItem, runItem, streamRun } from '../../../../shared/workflow';
import { timeoutOption } from '../fields';

export const meta = {
	name: 'Resume Workflow',
	action: 'Resume an interrupted workflow',
	description: 'Answer the question an interrupted run asked and get its result',
	studio: true,
};

export const description: INodeProperties[] = [
	workflowIdField(),
	{
		displayName: 'Event ID',
		name: 'eventId',
		type: 'string',
		default: '={{ $json.event_id }}',
		required: true,
		description: 'The interrupt to answer (event_id in the output of an interrupted Run Workflow)',
	},
	{
		displayName: 'Interrupt Type',
		name: 'interruptType',
		type: 'number',
		default: 2,
		required: true,
		description:
			'Type of the interrupt (interrupt_type in the output of the interrupted run, map it from the previous node): 2 question node, 5 input node, 6 local plugin, 7 OAuth plugin',
	},
	{
		displayName: 'Answer',
		name: 'resumeData',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'e.g. Hangzhou, 2024-08-20',
		description: 'The user\'s answer to the question. For a file, pass {"file_id": "…"} as JSON text.',
	},
	{
		...choiceField('Resume Mode', 'resumeMode', 'stream', [
			['Streaming', 'stream', 'For runs started with Wait for Result (Streaming)'],
			['Non-Streaming', 'sync', 'For runs started with Wait for Result (Non-Streaming) or in the background'],
		]),
		description: 'Coze resumes a run the way it was started',
	},
	optionsField([
		{
			displayName: 'Include Node Messages',
			name: 'includeMessages',
			type: 'boolean',
			default: false,
			description: 'Whether to add every streamed node message to the item',
		},
		timeoutOption,
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const workflowId = requiredId(this, 'workflowId', itemIndex, 'Workflow');
	const eventId = requiredId(this, 'eventId', itemIndex, 'Event ID');
	const interruptType = Number(parameterOf(this, 'interruptType', itemIndex, 2));
	const resumeData = textParameter(this, 'resumeData', itemIndex, 'Answer', { objectsAsJson: true });
	const options = collectionParameter(this, 'options', itemIndex);
	if (!Number.isInteger(interruptType)) {
		throw new NodeOperationError(node, 'Interrupt Type must be the number from the interrupted run (interrupt_type)', { itemIndex });
	}
	const body = { workflow_id: workflowId, event_id: eventId, resume_data: resumeData, interrupt_type: interruptType };
	const timeoutSeconds = numberValue(this, options.timeout ?? 600, 'Timeout (Seconds)', itemIndex, { min: 1, max: 86400, fractional: true });
	if (optionParameter(this, 'resumeMode', itemIndex, 'Resume Mode', ['stream', 'sync'], 'stream') === 'stream') {
		const run = await streamRun(
			this,
			{ method: 'POST', path: '/v1/workflow/stream_resume', body },
			{ timeoutSeconds, idleTimeoutSeconds: timeoutSeconds, liveStreaming: true },
			itemIndex,
		);
		return [runItem(workflowId, run as unknown as IDataObject, itemIndex, options.includeMessages === true)];
	}
	// Coze Studio resumes by stream only (its router has /v1/workflow/stream_resume, no /v1/workflows/resume).
	if (await isCozeStudio(this)) throw studioUnavailableError(node, 'Resume without streaming', itemIndex);
	const envelope = await cozeApiRequest.call(this, {
		method: 'POST',
		path: '/v1/workflows/resume',
		body,
		itemIndex,
		timeoutMs: Math.max(timeoutSeconds, 100) * 1000,
	});
	const status = envelope.interrupt_data ? 'interrupted' : envelope.execute_id && !envelope.data ? 'running' : 'completed';
	return [answerRunItem(workflowId, envelope, status, itemIndex)];
}
