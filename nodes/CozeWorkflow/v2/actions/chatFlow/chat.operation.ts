import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { formInputsIfPicked, inputFormFields } from '../../../../shared/workflowInputs';
import * as v1 from '../../../v1/actions/workflow/chat.operation';

export const meta = {
	name: 'Chat With Chat Flow',
	action: 'Chat with a chat flow',
	description: 'Send a message to a published chat flow and get its answer',
	studio: true,
};

const inputFields = inputFormFields({
	method: 'getChatFlowInputs',
	dependsOn: ['workflowId.value', 'options.workflowVersion.value'],
	formDescription: 'One field per start-node variable of the chat flow (the message fills USER_INPUT)',
	jsonDescription: 'One JSON object with the start-node inputs, under Options → Parameters (JSON)',
	inputsDescription: 'Files: the name of a binary property of the input item (uploaded to Coze), a Coze file ID or a URL',
	defaultMode: 'form',
	supportAutoMap: true,
});

/** Version 1's Chat With Chat Flow with the chat flow's own start-node inputs as a form (Options → Parameters for JSON). */
export const description: INodeProperties[] = v1.description.flatMap((field) => {
	if (field.name === 'message') return [...inputFields, field];
	if (field.name === 'options') {
		const options = (field.options ?? []).map((option) =>
			option.name === 'parameters' ? { ...option, displayOptions: { show: { '/inputMode': ['json'] } } } : option,
		);
		return [{ ...field, options }];
	}
	return [field];
});

/** Form inputs, checked and with files uploaded, are the chat flow's parameters; the chat runs as in version 1. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	return await v1.chatWith(this, itemIndex, await formInputsIfPicked(this, itemIndex));
}
